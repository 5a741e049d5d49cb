"""A figure a question takes for granted must be reported of what the question says it is of; a later part of the
message building on a premise never reported is declined with it."""

from __future__ import annotations

from pathlib import Path

from bot.answers.compose import _focus, _stated_apart
from bot.nlp.terms import terms
from tests.answers.test_compose import _candidate
from tests.written_story import answers_over, filler_notes


def _own(question: str) -> dict[str, float]:
    """The question's terms weighed as the corpus would: the story's own name ("quill") is everyday."""
    return _focus({t: 1.0 if t == "quill" else 3.0 for t in terms(question)})


def test_a_figure_is_stated_only_beside_what_it_is_of() -> None:
    question = "quill 3 got like 91% on the hard exam right?"
    elsewhere = [_candidate("About 91% of developers said they had tried Quill 3.")]
    beside = [_candidate("Quill 3 scored 91% on the hard exam, a record.")]
    assert _stated_apart(question, ["91%"], {}, elsewhere, _own(question)) == ["91%"]
    assert _stated_apart(question, ["91%"], {}, beside, _own(question)) == []
    # a day or a name's version is the question's setting, not a figure to find beside its words
    assert _stated_apart("what did gpt 5.6 score on the hard exam", ["gpt 5.6"], {}, elsewhere,
                         _own("what did gpt 5.6 score on the hard exam")) == []
    assert _stated_apart("what happened to the exam after june 12", ["June 12"], {}, elsewhere,
                         _own("what happened to the exam after june 12")) == []


def test_a_part_building_on_an_unreported_premise_is_declined_with_it(tmp_path: Path) -> None:
    articles = {
        "exam.md": ("one.example", "Quill 3 tops the hard exam",
                    "Quill 3 scored 84% on the hard exam, the best score any public model has posted. Quill 3 Max "
                    "was not tested on the hard exam."),
        "users.md": ("two.example", "Developers try Quill 3",
                     "About 91% of developers in a survey said they had tried Quill 3 in its first week."),
    }
    articles |= filler_notes()
    with answers_over(tmp_path, articles) as answers:
        answer = answers.ask("quill 3 got like 91% on the hard exam right? did quill 3 max beat it")
        checked = answers.ask("quill 3 got 84% on the hard exam right? did quill 3 max beat it")
    assert answer.abstained, answer.lead
    assert [p.answered for p in answer.parts] == [False, False]
    assert "91%" in answer.not_found
    assert answer.parts[1].reason == "The rest of the question builds on “91%”, which is not reported."
    assert not checked.abstained, checked.abstain_reason  # reported beside the exam, the premise holds


def test_a_person_pronoun_builds_on_the_part_before_it() -> None:
    from bot.answers.service import _BUILDS_ON

    # "did Brook testify before the senate, and what did he say?": what he said there, if he testified
    assert _BUILDS_ON.search("and what did he say?")
    assert _BUILDS_ON.search("what was her answer")
    assert not _BUILDS_ON.search("what did Brook say about the order?")


def test_a_part_carrying_a_value_the_part_before_did_not_find_is_declined_with_it(tmp_path: Path) -> None:
    articles = {
        "price.md": ("one.example", "Quill 3 pricing",
                     "Quill 3 costs $10 per million input tokens and $50 per million output tokens, its maker said. "
                     "The price is the same for every prompt length, the company's pricing page says."),
    }
    articles |= filler_notes()
    with answers_over(tmp_path, articles) as answers:
        answer = answers.ask("does quill 3 cost more once ur prompt goes past 300k? whats the long prompt rate")
    assert [p.answered for p in answer.parts] == [False, False], answer.lead
    assert answer.parts[1].question.endswith("300,000)?")  # the figure carried whole, not as "300, 000"
    assert answer.parts[1].reason == "The rest of the question builds on “300,000”, which is not reported."



def test_a_model_typed_in_lower_case_with_a_version_the_reporting_never_gives_is_declined(tmp_path: Path) -> None:
    """"did zorbo 5 get pulled too": a word the corpus writes once, as a name ("Zorbo-4"), typed before a version it
    never states, is a model the reporting says nothing of, however well the rest matches."""
    articles = {
        "pulled.md": ("one.example", "Quill 3 pulled",
                      "Regulators pulled Quill 3 from every store on Friday. Rivals such as Zorbo-4 stayed up."),
        **filler_notes(),
    }
    with answers_over(tmp_path, articles) as answers:
        answer = answers.ask("did zorbo 5 get pulled too")
        stated = answers.ask("did zorbo 4 get pulled too")
    assert answer.abstained, answer.lead
    assert "zorbo 5" in answer.not_found
    assert "zorbo 4" not in stated.not_found
