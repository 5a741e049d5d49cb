"""A happening a question places after the story's latest dated one is no happening the reporting can hold."""

from __future__ import annotations

from datetime import date

import pytest

from bot.answers.later import after_reporting

LATEST = date(2026, 7, 1)


@pytest.mark.parametrize(("question", "month"), [
    ("heard quill got pulled again in august?? whats going on", "August 2026"),
    ("didnt the minister sign a new order in september making it permanent", "September 2026"),
    ("what happened in aug", "August 2026"),
    ("was it lifted on july 1", None),  # within the reporting
    ("what must labs do in august under the order", None),  # an obligation, not a happening
    ("what did the order say labs must do by august 1", None),  # a deadline
    ("what happens in august", None),  # not told as past
    ("did it come back in august 2025", None),  # a year before the latest happening
])
def test_a_past_happening_placed_after_the_reporting(question: str, month: str | None) -> None:
    assert after_reporting(question, lambda: LATEST) == month


def test_with_no_dated_happening_nothing_is_after_the_reporting() -> None:
    assert after_reporting("what happened in august", lambda: None) is None
