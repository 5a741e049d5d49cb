"""Questions asking whom the order covered, told apart by meaning (bot.answers.scope_asked), with the real
embedding model and the shipped parameters; and the scope dispute they bring into an answer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.answers import scope_asked
from bot.answers.asked import asks_for_kind
from bot.answers.evaluate import load_questions
from bot.answers.service import AnswerService
from tests.written_story import answers_over

DATA = Path(__file__).resolve().parents[1] / "data"


def test_scope_questions_the_word_rules_miss_are_caught_by_meaning() -> None:
    # phrasings in none of the files the model was fitted on; the rules catch none of them
    scope = ["so who actually got locked out of fable", "was the cutoff for the whole planet or what",
             "did it hit us-based users as well", "were non americans the only ones who lost it"]
    other = ["when did fable come back online", "how many signed the open letter", "why did commerce pull it",
             "can people in germany use fable today"]
    assert not any(asks_for_kind(q, "scope") for q in scope)
    model = scope_asked.load_model()
    # (written before the model was tried on them; it misses "so who actually got locked out of fable")
    assert sum(model.asks_scope(q) for q in scope) >= 3
    assert [model.asks_scope(q) for q in other] == [False] * len(other)


def test_the_frozen_rows_are_told_apart_as_the_fit_reported() -> None:
    """The written set's frozen part (never fitted on; written by another hand than the development part) and the
    question set's frozen questions: most scope questions caught, hardly any other question taken."""
    written = [r for r in load_questions(DATA / "scope_questions.jsonl") if r["split"] == "test"]
    model = scope_asked.load_model()
    said = model.says([r["text"] for r in written])
    caught = sum(s for r, s in zip(written, said, strict=True) if r["kind"] == "scope")
    taken = sum(s for r, s in zip(written, said, strict=True) if r["kind"] != "scope")
    scope_rows = sum(r["kind"] == "scope" for r in written)
    assert caught >= 0.6 * scope_rows
    assert taken <= 0.05 * (len(written) - scope_rows)
    labelled = {r["text"] for r in load_questions(DATA / "scope_questions.jsonl")}
    story = [r["question"] for r in load_questions(DATA / "questions.jsonl")
             if r.get("split") == "test" and not r["topic"].startswith("offtopic") and r["question"] not in labelled]
    assert sum(model.says(story)) <= 0.01 * len(story)


# an invented story (no corpus text): three outlets say the order barred foreign nationals, one that it shut the
# model off for all users worldwide
_SCOPE_STORY = {
    "a.md": ("a.example", "Ministry order on Quill 3", "The ministry directed Zephyr Labs to bar foreign nationals "
                                                       "from using Quill 3. The company complied within hours."),
    "b.md": ("b.example", "Quill 3 restricted", "The order barred foreign nationals from accessing Quill 3, "
                                                "according to the ministry. Developers were surprised."),
    "c.md": ("c.example", "What the Quill 3 order says", "Under the directive, Zephyr Labs must block foreign "
                                                         "nationals from Quill 3. Lawyers called it unusual."),
    "d.md": ("d.example", "Quill 3 goes dark everywhere", "The ministry ordered Zephyr Labs to suspend Quill 3 for "
                                                          "all users worldwide. Customers scrambled for other tools."),
}


@pytest.fixture
def scope_story(tmp_path: Path) -> Iterator[AnswerService]:
    with answers_over(tmp_path, _SCOPE_STORY) as service:
        yield service


def test_a_scope_question_in_other_words_gets_the_scope_dispute(scope_story: AnswerService) -> None:
    from bot.answers.disputes import fact_conflicts, named_disagreements

    catalog = scope_story.corpus.catalog
    [dispute] = named_disagreements(catalog, "did the order cover everyone or only foreign nationals?")
    assert dispute.event == "order_scope"
    asked = "was quill shut off for everyone"
    assert fact_conflicts(catalog, [], question=asked, stated=set()) == []
    [(summary, cited)] = fact_conflicts(catalog, [], question=asked, stated=set(),
                                        kinds_meant=scope_asked.kinds_asked(asked))
    assert summary.startswith("Sources disagree on whom the order covered")
    assert {c.outlet for c in cited} >= {"d.example"}
    # a question about something else gets no dispute over whom the order covered
    assert fact_conflicts(catalog, [], question="when did quill come back?", stated=set(),
                          kinds_meant=scope_asked.kinds_asked("when did quill come back?")) == []
