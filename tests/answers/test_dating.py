"""Dating undated articles for "latest" questions: from the URL, else from the days the text reports."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.answers.dating import estimate_date, latest_reported_day, url_date
from bot.answers.retrieve import asks_latest_news, named_story_terms
from bot.corpus.models import Article


@pytest.mark.parametrize(("url", "expected"), [
    ("https://news.example/2026/06/17/model-offline", date(2026, 6, 17)),
    ("https://news.example/article/export-order-20260630-en", date(2026, 6, 30)),
    ("https://news.example/daily-brief-2026-07-02", date(2026, 7, 2)),
    ("https://news.example/story/123456789", None),
    ("https://news.example/2026/13/45/not-a-date", None),
    (None, None),
])
def test_dates_in_urls(url: str | None, expected: date | None) -> None:
    assert url_date(url) == expected


def test_the_latest_day_reported_as_past_dates_the_text() -> None:
    body = ("The order arrived on June 12, 2026. Access returned on July 1. The company must report by July 15, "
            "and the review is expected to finish on August 3.")
    assert latest_reported_day(body, 2026) == date(2026, 7, 1)  # deadlines and forecasts say nothing


def test_a_day_without_its_year_takes_the_year_the_text_named() -> None:
    assert latest_reported_day("In 2025 the rules changed. On March 3 they took effect.", 2026) == date(2025, 3, 3)
    assert latest_reported_day("On March 3 the rules took effect.", 2026) == date(2026, 3, 3)
    assert latest_reported_day("No day is named here.", 2026) is None


def _article(**fields: object) -> Article:
    values: dict[str, object] = {"id": 1, "title": "t", "source": "s.md", "content_hash": "h", "added_by": "tests",
                                 "added_at": datetime(2026, 7, 5, tzinfo=UTC)}
    values.update(fields)
    return Article(**values)  # type: ignore[arg-type]


def test_estimates_prefer_the_pages_date_then_its_url_then_its_text() -> None:
    text = "Access returned on July 1."
    assert estimate_date(_article(published=date(2026, 7, 3)), text) == date(2026, 7, 3)
    assert estimate_date(_article(url="https://x.example/2026/07/02/a"), text) == date(2026, 7, 2)
    assert estimate_date(_article(), text) == date(2026, 7, 1)
    # never after the day the article was added: a misread forecast cannot make it "newer" than it is
    assert estimate_date(_article(added_at=datetime(2026, 6, 20, tzinfo=UTC)), text) == date(2026, 6, 20)


@pytest.mark.parametrize(("question", "vague"), [
    ("What's the latest?", True),
    ("any news?", True),
    ("What's the latest on Fable 5 and Mythos 5?", True),
    ("Any updates on Anthropic?", True),
    ("What is the latest status of Legion LegalTech's lawsuit?", False),
    ("What is the current access status of Mythos 5 — who can use it now?", False),
    ("Are the models still offline now?", False),
    ("When was Fable 5 launched?", False),
    ("Lawsuit news?", False),  # a capitalised first word is not a name
    ("yo what is going on right now", True),  # chat around it asks nothing itself
    ("what is new", True),
    ("anything happening lately?", True),
    ("what is new in the lawsuit", False),
])
def test_questions_asking_only_for_the_news(question: str, vague: bool) -> None:
    assert asks_latest_news(question) is vague


def test_a_name_the_story_does_not_revolve_around_is_the_topic_asked_about() -> None:
    story = {"fabl", "mytho", "anthrop"}.__contains__
    assert asks_latest_news("What's the latest on Fable 5?", story)
    assert not asks_latest_news("is GPT 5.6 out yet", story)  # the newest Fable news does not answer it
    assert asks_latest_news("what's happening with Mythos", story)
    assert named_story_terms("what's happening with Mythos", story) == {"mytho"}
    assert named_story_terms("What's the latest?", story) == frozenset()
