"""How a question about the present is told apart, and which change of the models' availability answers it (pure:
a timeline written for these tests)."""

from __future__ import annotations

from datetime import date

import pytest

from bot.answers.present_state import asks_present_state, other_models, present_states
from bot.facts.timeline import TITLES, Timeline, TimelineEvent, TimelineSource


@pytest.mark.parametrize(("question", "asks"), [
    ("is the ban still on?", True),
    ("can I use Mythos right now", True),
    ("Fable still down?", True),
    ("are they still blocking foreigners from using Fable", True),
    ("is Mythos back yet", True),
    ("is mythos back", True),  # the present tense asks about now without saying so
    ("are the models banned?", True),
    ("is it true the models were banned in june", False),  # the past
    ("when did Fable come back", False),  # a day asked for
    ("was it still down on June 20?", False),  # the past
    ("has meta signed up yet tho", False),  # nothing about the models being usable
    ("does the pentagon thing go away now that Fable is back?", False),  # "now that" is no present asked about
    ("so how are you supposed to use Fable for coding now", False),  # a way asked for
    ("can people in Canada use Fable again", True),  # "again": as it is now
    ("what happened with Fable right now, can I use it", True),  # the present named in one clause, asked in another
    ("what happened with Fable, can I use it", False),  # no present named or implied
    ("when did it come back again?", False),  # a day asked for
    ("is the ban over?", True),
    ("is anyone suing over the ban", False),  # "over" a preposition: a lawsuit asked about, not the state now
    ("has the ban been lifted", True),  # the present perfect asks about now
    ("has fable ever been banned before?", False),
    ("is the ban over? when did it end", True),  # one clause asks about now
    ("is the lawsuit over", False),  # nothing about the models being usable
    ("can i use fable from canada", True),  # whether one may use it somewhere asks about now
    ("could people in europe access mythos", True),
    ("can ppl outside the us use it", True),
    ("can i use fable for coding", False),  # a task, not a place
    ("can i use fable to find bugs in my code", False),
    ("could foreigners in the uk use fable before the ban", False),  # the past
])
def test_a_question_about_whether_the_models_can_be_used_now(question: str, asks: bool) -> None:
    assert asks_present_state(question) is asks


def _event(day: int, month: int, event: str, *quotes: str, title: str | None = None) -> TimelineEvent:
    sources = [TimelineSource(n, n * 10 + month, "t", "o", None, q, sentence=n) for n, q in enumerate(quotes, 1)]
    return TimelineEvent(date(2026, month, day), event, title or TITLES[event], quotes[0], len(quotes), sources,
                         primary=title is None)


TIMELINE = Timeline([
    _event(12, 6, "order", "The ministry ordered Quill 3 and Orbit 2 offline."),
    _event(26, 6, "partial_lifting", "The ministry let Orbit 2 back for 40 banks."),
    _event(28, 6, "launch", "A rival launched Nimbus 1.", title="Nimbus 1 is launched"),
    _event(30, 6, "full_lifting", "The ministry lifted its controls on Quill 3 and Orbit 2 in the US and abroad."),
    _event(1, 7, "return", "The model is back online.", "Quill 3 returned to every user on July 1."),
])


def test_the_latest_change_answers_and_its_sentences_naming_the_model_come_first() -> None:
    changes, required = present_states(TIMELINE, ["Quill"])
    assert [c.event for c in changes] == ["return", "full_lifting", "partial_lifting", "order"]
    assert required == ["Quill"]
    assert changes[0].sentences == [(27, 2), (17, 1)]  # "Quill 3 returned…" before "The model is back online."
    assert present_states(TIMELINE)[0][0].sentences == [(17, 1), (27, 2)]  # naming nothing: the timeline's order


def test_a_place_the_question_names_is_not_required_of_the_answer() -> None:
    _changes, required = present_states(TIMELINE, ["Orbit", "US"])  # "US" is no model: written with no version
    assert required == ["Orbit"]


def test_no_change_of_availability_means_no_present_state() -> None:
    changes, _required = present_states(Timeline([_event(28, 6, "launch", "A rival launched Nimbus 1.",
                                                         title="Nimbus 1 is launched")]))
    assert changes == []


def test_a_model_the_changes_never_name_is_another_question() -> None:
    """Asked whether another lab's model is out yet, the story's latest change is no answer."""
    assert present_states(TIMELINE, ["Nimbus"], models=["Nimbus-1.5"]) == ([], [])
    assert present_states(TIMELINE, ["Quill"], models=["Quill 3"])[0]  # a model the changes name


def test_a_model_that_is_not_the_storys_own_asks_another_question() -> None:
    assert other_models(["Lumen", "Quill 3"], ["Quill", "Orbit"]) == ["Lumen"]
    assert other_models(["quill-3", "Orbit"], ["Quill", "Orbit"]) == []
