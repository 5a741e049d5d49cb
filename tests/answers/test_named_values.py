"""The disputes a question points at by naming the values it has seen (no corpus, no model)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.answers.named_values import alternative_sides, alternatives_summary, named_alternatives
from bot.nlp.terms import terms

NAMED_WITH_NUMBERS = {"fable", "opus", "gpt", "mythos"}


def _takes_number(word: str) -> bool:
    return word.lower() in NAMED_WITH_NUMBERS


def _is_name(word: str) -> bool:
    return word.lower() in NAMED_WITH_NUMBERS | {"amazon", "anthropic"}


def _written(question: str) -> list[str]:
    return [a.written for a in named_alternatives(question, _is_name, _takes_number)]


def test_values_set_side_by_side_are_read_in_the_forms_chat_types_them() -> None:
    assert _written("how big was the search spike? seen 950k an hour and 600k an hour") == ["950k", "600k"]
    assert _written("how many days was fable dark in total? 18? 19?") == ["18", "19"]
    assert _written("was fable launch day a monday or a tuesday?") == ["monday", "tuesday"]
    assert _written("did it arrive at 5:21pm or 1:15 pm?") == ["5:21pm", "1:15 pm"]
    assert _written("was it 20% or 30%") == ["20%", "30%"]


def test_a_bare_number_counts_what_its_neighbour_or_the_question_counts() -> None:
    (forty, fifty) = named_alternatives("did 40 or 50 orgs get mythos", _is_name, _takes_number)
    assert forty.pattern.search("shared with about 40 organizations")
    assert not forty.pattern.search("40 minutes later")  # forty of something else
    assert fifty.pattern.search("around fifty organisations")
    ten, eleven = named_alternatives("how many days between the order and the ban? ten? eleven?")
    assert ten.pattern.search("The ban came 10 days after the order")
    assert eleven.pattern.search("Eleven days later")


def test_figures_match_the_ways_outlets_write_them() -> None:
    spike, _ = named_alternatives("seen 950k an hour and 600k an hour")
    for written in ("950,000 searches", "950K searches", "950 thousand searches"):
        assert spike.pattern.search(written), written
    assert not spike.pattern.search("9,950,000 searches")
    assert not spike.pattern.search("950,0001")


def test_no_dispute_is_read_where_the_values_are_of_different_things() -> None:
    assert _written("fable 5 is $10 and opus 4.8 is $15 right") == []  # a model named between them
    assert _written("fable 5 or fable 6?") == []  # versions are names, not figures
    assert _written("what happened in june 2026") == []  # a year
    assert _written("did 40 orgs get it") == []  # one value is no choice
    assert _written("how many were there on june 12 and june 13") == []  # dates are the story facts'


@dataclass
class _Sentence:
    text: str
    article: int

    @property
    def article_id(self) -> int:
        return self.article

    @property
    def terms(self) -> frozenset[str]:
        return frozenset(terms(self.text))


def _outlet(article_id: int) -> str:
    return f"outlet{article_id}"


def test_each_side_is_a_sentence_stating_one_value_about_what_was_asked() -> None:
    question = "was fable launch day a monday or a tuesday? one blog says monday"
    pool = [
        _Sentence("Anthropic launched Fable 5 on Tuesday, June 9.", 1),
        _Sentence("The model launched on Tuesday to wide acclaim.", 2),
        _Sentence("Anthropic launched Fable 5 on Monday.", 3),
        _Sentence("Staff meet Commerce officials on Monday.", 4),  # a Monday, not launch day
        _Sentence("It launched on a Tuesday, not a Monday as some wrote.", 5),  # both values: no side
    ]
    sides = alternative_sides(question, pool, _outlet, focus={"launch", "blog", "say"}, is_name=_is_name,
                              takes_number=_takes_number)
    assert [(s.shown, s.outlets, [x.article for x in s.sentences]) for s in sides] == [
        ("Tuesday", 2, [1, 2]), ("Monday", 1, [3])]
    assert alternatives_summary(sides) == ("Sources disagree on the day you ask about: Tuesday (2 outlets) "
                                           "vs Monday (1 outlet).")


def test_no_dispute_without_two_stated_values_from_two_articles() -> None:
    question = "was fable launch day a monday or a tuesday?"
    one_side = [_Sentence("Anthropic launched Fable 5 on Tuesday.", 1)]
    assert alternative_sides(question, one_side, _outlet, focus={"launch"}) == []
    one_article = [_Sentence("Anthropic launched Fable 5 on Tuesday.", 1),
                   _Sentence("Some say it launched on Monday.", 1)]
    assert alternative_sides(question, one_article, _outlet, focus={"launch"}) == []


def test_a_value_of_another_named_thing_is_no_side() -> None:
    question = "is fable $10 per million input tokens or $15"
    pool = [_Sentence("Fable 5 costs $10 per million input tokens.", 1),
            _Sentence("Opus 4.8 costs $15 per million input tokens.", 2)]
    assert alternative_sides(question, pool, _outlet, focus={"input", "token"}, is_name=_is_name,
                             takes_number=_takes_number) == []


def test_sentences_far_in_meaning_take_no_side() -> None:
    question = "how many days between the order and the ban? ten? eleven?"
    pool = [_Sentence("The ban came ten days after the order.", 1),
            _Sentence("Eleven days later, the lawsuit was filed.", 2)]

    def meaning(texts: Sequence[str]) -> list[float]:  # the lawsuit sentence is about something else
        return [0.1 if "lawsuit" in t else 0.6 for t in texts]

    assert len(alternative_sides(question, pool, _outlet, focus=set())) == 2
    assert alternative_sides(question, pool, _outlet, focus=set(), meaning=meaning) == []


def test_a_value_beside_the_questions_own_words_takes_a_side_however_far_the_sentence_strays_in_meaning() -> None:
    question = "was the order thursday night or friday? one post says thursday evening"
    pool = [_Sentence("By Thursday evening, the company said a directive had forced it to switch both models off.", 1),
            _Sentence("It arrived on a Friday night, the hour such orders like.", 2)]

    def meaning(texts: Sequence[str]) -> list[float]:  # the first sentence is mostly about the switch-off
        return [0.1 if "company" in t else 0.6 for t in texts]

    sides = alternative_sides(question, pool, _outlet, focus={"night", "evening"}, meaning=meaning)
    assert sorted(side.shown for side in sides) == ["Friday", "Thursday"]
    # with nothing of the question's own beside a value, meaning still decides
    assert alternative_sides(question, pool, _outlet, focus=set(), meaning=meaning) == []


def test_sentences_found_by_the_value_count_only_beside_the_questions_own_words() -> None:
    question = "how big was the search spike? seen 950k an hour and 600k an hour"
    pool = [_Sentence("Searches spiked to 950,000 an hour.", 1)]
    further = [_Sentence("The order sparked 600,000 searches per hour.", 2),
               _Sentence("Some 600,000 developers lost access.", 3)]
    sides = alternative_sides(question, pool, _outlet, focus={"search", "spike", "hour"}, further=further)
    assert [[s.article for s in side.sentences] for side in sides] == [[1], [2]]
    assert alternative_sides(question, pool, _outlet, focus=set(), further=further) == []  # nothing to check by


def test_a_name_offered_two_ways_is_a_dispute_when_each_way_is_written() -> None:
    def names(word: str) -> bool:
        return word.lower() in {"mara", "marah", "quist", "zephyr"}

    question = "is the zephyr founder mara or marah quist? one article calls her marah"
    [first, second] = named_alternatives(question, names)
    assert (first.kind, first.written, second.written) == ("name", "mara quist", "marah quist")
    pool = [_Sentence("Zephyr founder Mara Quist said the order was rushed.", 1),
            _Sentence("Mara Quist, who founded Zephyr, disagreed.", 2),
            _Sentence("Security expert Marah Quist reviewed the paper.", 3)]  # about the paper: still her name
    sides = alternative_sides(question, pool, _outlet, focus={"founder", "zephyr"}, is_name=names)
    assert [(s.shown, s.outlets) for s in sides] == [("Mara Quist", 2), ("Marah Quist", 1)]
    assert alternatives_summary(sides).startswith("Sources disagree on the name you ask about: Mara Quist")
    assert named_alternatives("is the order mandatory or voluntary review", names) == []  # no name offered


def test_a_name_offered_with_an_office_is_set_against_the_other_name_not_the_office() -> None:
    def names(word: str) -> bool:
        return word.lower() in {"odile", "ravel", "treasury", "brian", "quill"}

    question = "was it odile the treasury secretary or some brian ravel from quill?? one site says brian"
    [first, second] = named_alternatives(question, names)
    assert (first.written, second.written) == ("odile ravel", "brian ravel")  # not "secretary ravel"
    # no given name before the office: nothing offered two ways
    assert named_alternatives("was it the treasury secretary or some brian ravel", names) == []


def test_words_offered_as_a_choice_by_someone_who_read_both_accounts_are_the_sides() -> None:
    asked = named_alternatives("did they take it to commerce or to the treasury? one blog says commerce")
    assert [(a.kind, a.written) for a in asked] == [("phrase", "commerce"), ("phrase", "treasury")]
    assert asked[1].pattern.search("a call to Treasury Secretary Bessent")
    two = named_alternatives("was it an actual executive order or a commerce letter? the explainer says order")
    assert [a.written for a in two] == ["executive order", "commerce letter"]
    # a choice asked without saying two accounts were read is a plain question, not a dispute
    assert named_alternatives("was the ipo filing public or confidential") == []
    assert named_alternatives("is it back or still offline? seen both") == []  # "it back" names no account


def test_a_dispute_between_offered_words_needs_both_stated_by_different_articles() -> None:
    question = "was the summit meetup a lunch or a dinner? seen both"
    pool = [_Sentence("The CEOs met the leaders at a summit lunch.", 1),
            _Sentence("The summit closed with a dinner for the CEOs.", 2)]
    sides = alternative_sides(question, pool, _outlet, focus={"summit", "meetup"})
    assert [(s.shown, s.outlets) for s in sides] == [("lunch", 1), ("dinner", 1)]
    assert alternatives_summary(sides).startswith("Sources disagree on the account you ask about: lunch")
    assert alternative_sides(question, pool[:1], _outlet, focus={"summit", "meetup"}) == []
