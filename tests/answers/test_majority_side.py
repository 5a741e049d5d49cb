"""Asked which of two disputed values is right, the answer opens with the side most outlets back, whichever the
question typed first (bot.answers.disputes.majority_side)."""

from __future__ import annotations

from pathlib import Path

from tests.written_story import answers_over, filler_notes


def test_the_value_most_outlets_give_opens_whichever_was_typed_first(tmp_path: Path) -> None:
    articles = {
        f"back{k}.md": (f"back{k}.example", f"Quill 3 is back ({k})",
                        f"The ministry let Quill 3 return on April 3 for every customer, {who} said.")
        for k, who in enumerate(["the lab", "a spokesperson", "its maker"])
    }
    articles["early.md"] = ("early.example", "Quill 3 restored early",
                            "Quill 3 returned on approximately March 28 with limited access for some customers.")
    articles |= filler_notes()
    with answers_over(tmp_path, articles) as answers:
        answer = answers.ask("did quill 3 come back march 28 or april 3?? so confused")
        plain = answers.ask("when did quill 3 come back on march 28")
    assert answer.lead is not None and "April 3" in answer.lead, answer.lead
    assert any("April 3" in c.summary and "March 28" in c.summary for c in answer.conflicts)
    # one day typed, not a choice between two: the question's own day is not overridden
    assert plain.lead is not None and "March 28" in plain.lead, plain.lead
