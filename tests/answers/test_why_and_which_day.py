"""Asked why the order came, the answer opens with what the most outlets say set it off; asked what happened on a
day, with what the reporting says happened that day (real model, Chroma, catalog and fact reader over articles
written for these tests)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answers.compose import _asks_trigger, _states
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


@pytest.mark.parametrize(("question", "asks"), [
    ("why did the government pull quill", True),
    ("yo why did they ban it", True),
    ("what triggered the ban", True),
    ("why was the ban lifted", False),  # the lifting's reason, not what set off the order
    ("why was mythos restricted to glasswing", False),  # the early access asked about
    ("what did the president say about who prompted the order", False),  # his words asked for
])
def test_a_question_asks_what_set_the_order_off(question: str, asks: bool) -> None:
    assert _asks_trigger(question) is asks


@pytest.mark.parametrize(("text", "value", "stated"), [
    ("lifted on 19 March 2026", "march 19", True),  # written day first
    ("lifted on March 19", "march 19", True),
    ("a 19% chance by March 12", "march 19", False),  # the same numbers, not the day
])
def test_a_day_is_stated_written_either_way_round(text: str, value: str, stated: bool) -> None:
    assert _states(" " + " ".join(text.lower().replace("%", "").split()) + " ", value) is stated


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
