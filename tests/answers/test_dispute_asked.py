"""Questions asking whom the order covered, what set it off or how much notice it gave, told apart by meaning
(bot.answers.dispute_asked), with the real embedding model and the shipped parameters; and the disputes they
bring into an answer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.answers import dispute_asked
from bot.answers.asked import asks_for_kind
from bot.answers.evaluate import load_questions
from bot.answers.events_asked import events_meant
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
    model = dispute_asked.load_model("scope")
    # (written before the model was tried on them; it misses "so who actually got locked out of fable")
    assert sum(model.asks(q) for q in scope) >= 3
    assert [model.asks(q) for q in other] == [False] * len(other)


def test_cause_questions_the_word_rules_miss_are_caught_by_meaning() -> None:
    # phrasings in none of the files the model was fitted on (written before it was tried on them): the rules take
    # one for a cause asked ("behind"), the rules or the model three ("who should we blame" is missed)
    cause = ["whats the real story behind fable getting yanked", "who should we blame for the shutdown",
             "what was the government afraid of exactly", "was the jailbreak what got them banned"]
    model = dispute_asked.load_model("cause")
    assert sum(asks_for_kind(q, "cause") for q in cause) == 1
    assert sum(asks_for_kind(q, "cause") or model.asks(q) for q in cause) >= 3
    assert not any(model.asks(q) for q in ["when did fable come back online", "who signed the open letter",
                                            "how much is fable per million tokens"])


def test_notice_questions_the_word_rules_miss_are_caught_by_meaning() -> None:
    # phrasings in none of the files the model was fitted on, written before it was tried on them; the rules take
    # none of them for a question asking the notice
    notice = ["was anthropic given a deadline", "how fast did they have to shut it off",
              "did commerce give them a grace period", "did anthropic have days or hours to act"]
    assert not any(asks_for_kind(q, "duration") and "notice" in events_meant(q) for q in notice)
    model = dispute_asked.load_model("notice")
    assert sum(model.asks(q) for q in notice) >= 3
    assert not any(model.asks(q) for q in ["how long was fable offline in total", "when did the letter arrive",
                                            "how many signed the open letter"])


# (as fitted: scope 41 of 63 caught, 0 of 59 others taken; cause 29 of 61, 1 of 59; notice 65 of 79, 3 of 57)
@pytest.mark.parametrize(("kind", "caught_share", "taken_share"),
                         [("scope", 0.6, 0.05), ("cause", 0.45, 0.05), ("notice", 0.75, 0.08)])
def test_the_frozen_rows_are_told_apart_as_the_fit_reported(kind: str, caught_share: float,
                                                            taken_share: float) -> None:
    """The written set's frozen part (never fitted on; written by another hand than the development part) and the
    question set's frozen questions: many questions of the kind caught, hardly any other question taken."""
    written = [r for r in load_questions(DATA / f"{kind}_questions.jsonl") if r["split"] == "test"]
    model = dispute_asked.load_model(kind)
    said = model.says([r["text"] for r in written])
    caught = sum(s for r, s in zip(written, said, strict=True) if r["kind"] == kind)
    taken = sum(s for r, s in zip(written, said, strict=True) if r["kind"] != kind)
    kind_rows = sum(r["kind"] == kind for r in written)
    assert caught >= caught_share * kind_rows
    assert taken <= taken_share * (len(written) - kind_rows)
    labelled = {r["text"] for r in load_questions(DATA / f"{kind}_questions.jsonl")}
    story = [r["question"] for r in load_questions(DATA / "questions.jsonl")
             if r.get("split") == "test" and not r["topic"].startswith("offtopic") and r["question"] not in labelled]
    assert sum(model.says(story)) <= 0.01 * len(story)


# an invented story (no corpus text): three outlets say the order barred foreign nationals and was triggered by
# Amazon's research, one that it shut the model off for all users worldwide and was triggered by the NSA's
_STORY = {
    "a.md": ("a.example", "Ministry order on Quill 3",
             "The ministry directed Zephyr Labs to bar foreign nationals from using Quill 3. The order was triggered "
             "by a report from Amazon researchers. The company complied within hours."),
    "b.md": ("b.example", "Quill 3 restricted",
             "The order barred foreign nationals from accessing Quill 3, according to the ministry. The directive "
             "was triggered by Amazon's findings. Developers were surprised."),
    "c.md": ("c.example", "What the Quill 3 order says",
             "Under the directive, Zephyr Labs must block foreign nationals from Quill 3. The ban was triggered by "
             "research from Amazon. Lawyers called it unusual."),
    "d.md": ("d.example", "Quill 3 goes dark everywhere",
             "The ministry ordered Zephyr Labs to suspend Quill 3 for all users worldwide. The order was triggered by "
             "a report from NSA researchers. Customers scrambled for other tools."),
}


@pytest.fixture
def story(tmp_path: Path) -> Iterator[AnswerService]:
    with answers_over(tmp_path, _STORY) as service:
        yield service


def test_a_scope_question_in_other_words_gets_the_scope_dispute(story: AnswerService) -> None:
    from bot.answers.disputes import fact_conflicts, named_disagreements

    catalog = story.corpus.catalog
    [dispute] = named_disagreements(catalog, "did the order cover everyone or only foreign nationals?")
    assert dispute.event == "order_scope"
    asked = "was quill shut off for everyone"
    assert fact_conflicts(catalog, [], question=asked, stated=set()) == []
    [(summary, cited)] = fact_conflicts(catalog, [], question=asked, stated=set(),
                                        by_meaning=dispute_asked.asked_by_meaning(asked))
    assert summary.startswith("Sources disagree on whom the order covered")
    assert {c.outlet for c in cited} >= {"d.example"}
    # a question about something else gets no dispute over whom the order covered
    assert fact_conflicts(catalog, [], question="when did quill come back?", stated=set(),
                          by_meaning=dispute_asked.asked_by_meaning("when did quill come back?")) == []


def test_a_cause_question_in_other_words_gets_the_trigger_dispute_and_a_lifting_question_does_not(
    story: AnswerService,
) -> None:
    from bot.answers.disputes import fact_conflicts

    catalog = story.corpus.catalog
    asked = "what was the government afraid of exactly"
    assert fact_conflicts(catalog, [], question=asked, stated=set()) == []
    [(summary, _)] = fact_conflicts(catalog, [], question=asked, stated=set(),
                                    by_meaning=dispute_asked.asked_by_meaning(asked))
    assert summary.startswith("Sources disagree on what set off the order")
    # asked why the ban ended, what set it off is not the point, whatever the model says of the words
    assert fact_conflicts(catalog, [], question="why was the ban on quill lifted?", stated=set(),
                          by_meaning={"trigger"}) == []
