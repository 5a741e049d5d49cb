"""A question that names nothing but the story ("what happened?", "what's the deal with quill") is answered with the
story's main events from its timeline, the most reported first (real model, Chroma and catalog over articles
written for these tests)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.answers.question import about_the_story, asks_overview, story_for_it
from bot.answers.vocabulary import Vocabulary, english_words
from bot.nlp.terms import terms
from tests.written_story import answers_over

ARTICLES = {
    "a.md": ("a.example", "Quill 3 pulled", "Zephyr Labs launched Quill 3 and Orbit 2 on March 2. On March 5, the "
             "Commerce Department ordered Zephyr Labs to take Quill 3 and Orbit 2 offline. Users were annoyed."),
    "b.md": ("b.example", "Quill 3 offline", "The government ordered Quill 3 offline on March 5, three days after "
             "its launch. Zephyr Labs said it disagreed. Quill 3 was back online on March 20."),
    "c.md": ("c.example", "Quill 3 returns", "Quill 3 returned to users on March 20 after the controls were lifted "
             "on March 19. The Commerce Department lifted its export controls on Quill 3 and Orbit 2 on March 19."),
}
VOCABULARY = Vocabulary.from_texts([body for _outlet, _title, body in ARTICLES.values()] * 2)
VOCABULARY.english = english_words()


def test_the_story_is_about_the_names_the_corpus_writes_with_a_version() -> None:
    assert VOCABULARY.story_names() == ["Quill", "Orbit"]


@pytest.mark.parametrize(("question", "overview"), [
    ("what happened", True),
    ("what is going on", True),
    ("ok so what is the deal with Quill", True),
    ("what is this whole thing about", True),
    ("can someone explain what happened", True),
    # chat's ways of asking for the whole story
    ("catch me up on the quill thing", True),
    ("yo fill me in on the Quill drama pls", True),
    ("whats up with Quill", True),
    ("of the Quill situation?", True),  # "tldr of the quill situation?" once "tldr" is dropped
    ("the whole Quill thing", True),  # "eli5 the whole quill thing pls" once "eli5" and "pls" are dropped
    ("explain the whole Quill 4 situation", True),
    ("what's the timeline", True),  # the story's main events in order
    ("give me the key dates of the quill saga", True),
    ("walk me through it step by step", True),
    ("summarize in 2 sentences", True),  # the length asked for names nothing to look for
    ("explain it in a few words", True),
    ("summarize the lawsuit in 2 sentences", False),  # something named that is not the story's own
    ("run me through the quill saga", True),
    ("walk me through how the filter works", False),  # a way asked for
    ("when did the timeline start", False),  # a day asked for
    ("catch me up on the lawsuit", False),  # something named that is not the story's own
    ("when did Quill come out", False),  # a day asked for
    ("why did it happen", False),  # a reason asked for
    ("what happened to the lawsuit", False),  # something named that is not the story's own
    ("what are the users saying", False),  # no word asking for the whole story
])
def test_a_question_about_the_whole_story(question: str, overview: bool) -> None:
    assert asks_overview(question, VOCABULARY) is overview


@pytest.mark.parametrize(("question", "overview"), [
    ("the whole export control thing", True),  # "eli5 the whole export control thing" once "eli5" is dropped
    ("what happened with zephyr this summer", True),
    ("what happened with the controls in the past few weeks", True),
    ("what happened to zephyr's ipo", False),  # a part of the story asked about
    ("what happened to the users", False),
    ("what happened on march 19", False),  # a day asked about, not the whole story
    ("what happened with zephyr on 3/19", False),
])
def test_the_whole_story_asked_about_in_its_everyday_words(question: str, overview: bool) -> None:
    everyday = frozenset(terms("export control controls zephyr labs"))
    assert asks_overview(question, VOCABULARY, everyday.__contains__) is overview
    assert asks_overview(question, VOCABULARY) is False  # without them, only the story's names


def test_a_question_naming_nothing_is_read_as_about_the_story() -> None:
    assert about_the_story("what happened?", VOCABULARY) == "what happened with Quill and Orbit?"
    assert about_the_story("what happened to Quill", VOCABULARY) == "what happened to Quill"  # names it already
    assert about_the_story("what happened to the lawsuit", VOCABULARY) == "what happened to the lawsuit"
    assert about_the_story("what happened", None) == "what happened"


@pytest.mark.parametrize(("question", "read"), [
    ("when was it banned", "when was Quill banned"),
    ("is it back yet", "is Quill back yet"),
    ("what did zephyr say about it", "what did zephyr say about it"),  # "it" of what someone named spoke of
    ("is it true that the lawsuit failed", "is it true that the lawsuit failed"),  # no model's fate asked
    ("what does it mean for users", "what does it mean for users"),
])
def test_it_in_a_first_question_is_the_story_when_a_models_fate_is_asked(question: str, read: str) -> None:
    assert story_for_it(question, VOCABULARY) == read


def test_what_happened_is_answered_with_the_main_events_through_the_real_answer_path(tmp_path: Path) -> None:
    """Without the overview the question names nothing to look for and is declined."""
    with answers_over(tmp_path, ARTICLES, published="2026-03-21") as service:
        answer = service.ask("what happened?")
        everyday = service.ask("tldr what happened with the export controls")
        person = service.ask("what's the deal with the Commerce Department")
    assert not answer.abstained
    assert answer.lead is not None and "ordered" in answer.lead  # the event most outlets report
    first, then = answer.statements[0], answer.statements[1]
    assert first.text == answer.lead and len(first.citations) == 2
    assert "returned" in then.text or "back online" in then.text  # then the others, in the order they happened
    assert [s.text for s in everyday.statements] == [s.text for s in answer.statements]
    assert [s.text for s in person.statements] != [s.text for s in answer.statements]  # a part of the story


def test_what_a_party_says_happened_asks_for_its_words_not_the_overview(tmp_path: Path) -> None:
    with answers_over(tmp_path, ARTICLES, published="2026-03-21") as service:
        overview = service.ask("what happened?")
        said = service.ask("what does Zephyr Labs say happened")
    assert said.lead is not None and "disagreed" in said.lead
    # not the overview's events with the party's words put before them: an answer read from the question's passages
    assert [s.text for s in said.statements[1:]] != [s.text for s in overview.statements]


def test_the_timeline_asked_for_is_the_main_events_in_the_order_they_happened(tmp_path: Path) -> None:
    """The order is the most reported event and leads "what happened?"; asked in order, the launch comes first."""
    articles = {**ARTICLES,
                "d.md": ("d.example", "Quill 3 launch", "Zephyr Labs launched Quill 3 on March 2, calling it its most "
                         "capable model. The launch drew wide praise."),
                "e.md": ("e.example", "Quill 3 ordered offline", "The Commerce Department ordered Quill 3 offline on "
                         "March 5. Zephyr Labs complied within hours.")}
    with answers_over(tmp_path, articles, published="2026-03-21") as service:
        overview = service.ask("what happened?")
        timeline = service.ask("what happened, in order?")
    assert overview.lead is not None and "ordered" in overview.lead
    assert sorted(s.text for s in timeline.statements) == sorted(s.text for s in overview.statements)
    assert timeline.lead == timeline.statements[0].text and "launched" in timeline.lead
    days = [int(re.search(r"March (\d+)", s.text).group(1)) for s in timeline.statements]  # type: ignore[union-attr]
    assert len(days) == 3 and days == sorted(days)
