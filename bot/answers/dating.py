"""When an article was written, for "latest" questions, even when its page gave no publication date.

Most pages in a real corpus carry no machine-readable date (in the test corpus, four in five). A
current-state question ("is it still offline?") must still prefer the reporting that knows about the
newest events, so an undated article is dated by what it can know: a date in its URL
(``/2026/06/17/``, ``-20260617``), else the latest day it reports as past (a piece that tells of
something on July 1 was written on or after July 1). Deadlines and forecasts ("by July 15", "is
expected to return on July 15") do not count: they say nothing about when the piece was written.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from datetime import date

from bot.corpus.catalog import Catalog
from bot.corpus.models import Article
from bot.nlp.calendar import MONTH_DAY, month_number

_URL_DATE = re.compile(r"(?<!\d)(20\d\d)[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?!\d)")
_TEXT_DATE = re.compile(rf"{MONTH_DAY}(?:,?\s+(20\d\d))?")  # and the year, when given
_NOT_PAST = re.compile(
    r"\b(?:by|until|till|before|through|deadline|due|expected|expects?|scheduled|set to|slated|plans?|planned|"
    r"will|would|could|may|might|should|hopes?|aims?|targets?|next|from|starting|effective|as of)\b[^.;]{0,40}$",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(20\d\d)\b")


def url_date(url: str | None) -> date | None:
    """A date spelled in the URL path (``/2026/06/17/``, ``-20260617``, ``2026-06-17``)."""
    if not url:
        return None
    for match in _URL_DATE.finditer(url):
        try:
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            continue
    return None


def latest_reported_day(body: str, default_year: int) -> date | None:
    """The latest day the text reports as past; a day without its year takes the year the text names
    last before it (else ``default_year``)."""
    latest: date | None = None
    for match in _TEXT_DATE.finditer(body):
        if _NOT_PAST.search(body[max(0, match.start() - 60) : match.start()]):
            continue
        years = _YEAR.findall(body, 0, match.end())
        year = int(match.group(3) or (years[-1] if years else default_year))
        try:
            day = date(year, month_number(match.group(1)), int(match.group(2)))
        except ValueError:
            continue
        if latest is None or day > latest:
            latest = day
    return latest


def estimate_date(article: Article, body: str) -> date | None:
    """The page's own date; else its URL's; else the latest day it reports as past (never after the
    day it was added to the corpus)."""
    found = article.published or url_date(article.url)
    if found is not None:
        return found
    reported = latest_reported_day(body, article.added_at.year)
    return min(reported, article.added_at.date()) if reported else None


class ArticleDates:
    """Estimated dates per article version (content hash), computed once; thread-safe."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._dates: dict[tuple[int, str], date | None] = {}
        self._lock = threading.Lock()

    def of(self, articles: Iterable[Article]) -> dict[int, date | None]:
        wanted = list(articles)
        with self._lock:
            missing = [a for a in wanted if (a.id, a.content_hash) not in self._dates]
        bodies = self.catalog.bodies(a.id for a in missing if not a.published and not url_date(a.url))
        found = {(a.id, a.content_hash): estimate_date(a, bodies.get(a.id, "")) for a in missing}
        with self._lock:
            self._dates.update(found)
            return {a.id: self._dates[(a.id, a.content_hash)] for a in wanted}
