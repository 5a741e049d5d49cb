"""Asked why the order came, the answer opens with what the most outlets say set it off; asked what happened on a
day, with what the reporting says happened that day (real model, Chroma, catalog and fact reader over articles
written for these tests)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answers.compose import _fact_asked
from bot.answers.events_asked import events_named
from bot.answers.value_text import states_value
from bot.facts.read import TRIGGER
from tests.written_story import answers_over

ARTICLES = {
    "a.md": ("a.example", "Quill 3 pulled", "The Commerce Department ordered Zephyr Labs to pull Quill 3 on March 5. "
             "The order was triggered by a jailbreak report from Amazon researchers. The government pulled Quill 3 "
             "from every customer that evening, and users said the government pull of Quill 3 came without warning."),
    "b.md": ("b.example", "Why Quill 3 went dark", "A warning from Amazon to the White House prompted the crackdown "
             "on Quill 3, officials said. To pull Quill 3, the government used an export control order."),
    "c.md": ("c.example", "Quill 3 returns", "Quill 3 returned to users on March 20. On March 19, the Commerce "
             "Department lifted its export controls on Quill 3. Before that, a betting market gave a 19% chance of a "
             "return by March 12 and what happened to Quill 3 was all anyone discussed."),
}


@pytest.mark.parametrize(("question", "event"), [
    ("why did the government pull quill", TRIGGER.key),
    ("yo why did they ban it", TRIGGER.key),
    ("what triggered the ban", TRIGGER.key),
    ("how long was the outage", "outage_length"),
    ("when did it come back", None),  # one model's return: the ranker reads which model is asked about
    ("how many signed the letter", "signatories"),
    ("how many days between launch and the ban", None),  # the launch's own span, from the ranker
    ("how long was quill live before the government pulled it", "launch_to_shutdown"),  # one span for both models
    ("why was the ban lifted", None),  # the lifting's reason, which its sentences give, not its date
    ("why was mythos restricted to glasswing", None),  # the early access asked about, not what set off the order
    ("what did the president say about who prompted the order", None),  # his words asked for
    ("how did anthropic describe the flaw back", None),  # its words, whatever "back" says
    ("when did bloomberg publish the letter", None),  # when a report came out, not the letter's day
])
def test_the_story_event_a_question_asks_one_value_of(question: str, event: str | None) -> None:
    assert _fact_asked(question, events_named(question)) == event


@pytest.mark.parametrize(("text", "value", "stated"), [
    ("lifted on 19 March 2026", "march 19", True),  # written day first
    ("lifted on March 19", "march 19", True),
    ("a 19% chance by March 12", "march 19", False),  # the same numbers, not the day
])
def test_a_day_is_stated_written_either_way_round(text: str, value: str, stated: bool) -> None:
    assert states_value(" " + " ".join(text.lower().replace("%", "").split()) + " ", value) is stated


def test_why_it_was_pulled_and_what_happened_that_day_through_the_real_answer_path(tmp_path: Path) -> None:
    with answers_over(tmp_path, ARTICLES, published="2026-03-21") as service:
        why = service.ask("why did the government pull quill 3")
        day = service.ask("what happened to quill 3 on march 19")
    assert not why.abstained and why.lead is not None
    assert "Amazon" in why.lead  # what set it off, not how it was done ("To pull Quill 3, the government used…")
    assert len(why.statements[0].citations) == 2  # both outlets that credit Amazon, under one statement
    assert not day.abstained and day.lead is not None and "March 19" in day.lead
    stating = ["March 19" in s.text for s in day.statements]
    assert stating == sorted(stating, reverse=True)  # what names the day first, whatever else shares its words
