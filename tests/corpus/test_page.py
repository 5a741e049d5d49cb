"""What a stored page says about itself (bot.corpus.page): here, its byline."""

from __future__ import annotations

from bot.answers.vocabulary import Vocabulary
from bot.corpus.page import page_byline

# the corpus around the pages: "executive", "summary" and "stocks" are everyday words, written in lower case
VOCABULARY = Vocabulary.from_texts([
    "The executive order came first. An executive summary followed. Its executive team met. The executive said no.",
    "The summary was short. A summary went out. Our summary helps. The summary ends here.",
    "Korean stocks rose. Chip stocks fell. Many stocks moved. Some stocks held.",
])


def byline(body: str) -> str | None:
    found = page_byline(body, VOCABULARY.in_a_name)
    if found is None:
        return None
    name, start, end = found
    assert body[start:end] == name
    return name


def test_a_name_beside_the_headline_or_dateline_or_after_by_is_the_byline() -> None:
    headline = "Tech Policy\n\nA Kill Switch for Frontier Models Arrives\n\n"
    assert byline(headline + "Dana Q. Reyes\nMonday, June 15, 2026\nThe ministry acted.") == "Dana Q. Reyes"
    assert byline("Why Quill 3 Was Pulled From Every Market\nMorgan Blake ·\nFive years ago…") == "Morgan Blake"
    assert byline("Intro line.\nBy Kevin Riedl\nBody text follows here.") == "Kevin Riedl"


def test_a_heading_or_a_lone_capitalised_line_is_no_byline() -> None:
    assert byline("Executive Summary\nThe ministry acted on June 12, 2026 against Quill 3 and its maker.") is None
    assert byline("Korean Stocks\nJune 15, 2026\nShares rose.") is None
    assert byline("News Desk\nJune 15, 2026\nShares rose.") is None  # a desk, not a writer
    # a name-like line with no headline or dateline beside it: a section label as often as a person
    assert byline("Some opening words here.\n\nDana Reyes\n\nMore words follow here.") is None
    # further down the page than a byline stands
    assert byline("x" * 700 + "\nBy Kevin Riedl\n") is None


def test_a_byline_run_into_the_pages_furniture_is_read_by_what_the_writer_is() -> None:
    furniture = ("Opinion>Opinions - Technology The views expressed by contributors are their own. Lessons from the "
                 "Quill 3 release Comments: by Dana Q. Reyes, opinion contributor - 06/24/26 10:00 AM ET The rest.")
    assert byline("Home / Politics\n" + furniture) == "Dana Q. Reyes"
    assert byline("Home / Politics\nThe order was signed by Dana Reyes, who leads the ministry.") is None  # no byline
