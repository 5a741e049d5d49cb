"""A page cut off mid-sentence: its last sentence is quoted up to the cut, marked with an ellipsis."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answers.quotable import clipped_tail
from tests.written_story import answers_over


@pytest.mark.parametrize(("text", "quoted"), [
    ("Zephyr priced both models at $12 per million input tokens and $60 per million output tokens, under half the pr",
     "Zephyr priced both models at $12 per million input tokens and $60 per million output tokens, under half…"),
    # words that only join what follows are left out with the cut one
    ("Access could be routed through proxy users, shell accounts, and gr",
     "Access could be routed through proxy users, shell accounts…"),
    ("Zephyr priced both models at $12 per million tokens.", None),  # a whole sentence
    ("What the letter said:", None),  # a lead-in to what follows, not a cut
    ("Zephyr priced both models at a", None),  # too little left to stand
])
def test_a_cut_off_sentence_is_quoted_up_to_its_last_whole_word(text: str, quoted: str | None) -> None:
    assert clipped_tail(text) == quoted


def test_the_detail_a_cut_page_ends_on_answers(tmp_path: Path) -> None:
    """The price is only in a page's last sentence, which the page cuts off: the answer quotes it up to the cut
    (before, a sentence without an ending was never quoted and the question went unanswered)."""
    articles = {
        "launch.md": ("one.example", "Zephyr launches Quill 3",
                      "Zephyr launched Quill 3 and Quill 3 Max on March 2. The models were pulled on March 10 after "
                      "the ministry's order. Zephyr priced both Quill models at $12 per million input tokens and "
                      "$60 per million output tokens, under half the pr"),
        "order.md": ("two.example", "Ministry orders Quill 3 offline",
                     "The ministry ordered Zephyr to take Quill 3 offline on March 10. Zephyr said it would comply "
                     "while it appealed the order in court."),
    }
    with answers_over(tmp_path, articles) as answers:
        answer = answers.ask("how much do the quill models cost per token")
        bodies = {s.article_id: answers.corpus.catalog.body(s.article_id) for s in answer.sources}
    assert not answer.abstained, answer.abstain_reason
    quoted = [s for s in answer.statements if "$12 per million input tokens" in s.text]
    assert quoted and quoted[0].text.endswith("under half…")
    source = next(src for src in answer.sources if src.n in quoted[0].citations)
    assert source.quote.endswith("under half…")
    # the page's own words up to where it stops, exactly
    assert bodies[source.article_id][source.start : source.end] == source.quote.removesuffix("…")
