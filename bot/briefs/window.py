"""A brief's window in news time: which articles are news, which were added late, which are background.

"New" means *published* in the window, not *added to the corpus* in it: a June 13 piece added on June 30
is old news. Each article has a news date: its own publication date, else one spelled in its URL, else the
latest day it reports as past (see :mod:`bot.answers.dating`); an article with none of these is taken to
be as new as the moment it was added. Day granularity, because most pages state only a day.

* **new** — news date within the window (and, for a scheduled brief, not covered by an earlier brief);
* **added late** — added during the window but published before it: listed apart, with its date, never
  presented as news;
* **prior** — published before the window: what the corpus already held; a statement whose fact these
  already reported is background and never leads.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from bot.answers.dating import ArticleDates
from bot.corpus.catalog import Catalog
from bot.corpus.models import Article
from bot.errors import InvalidInputError

_DURATION = re.compile(r"^(\d{1,5})\s*(m|min|h|d|w)$", re.IGNORECASE)
_UNIT = {"m": timedelta(minutes=1), "min": timedelta(minutes=1), "h": timedelta(hours=1),
         "d": timedelta(days=1), "w": timedelta(weeks=1)}


def parse_moment(text: str | None, now: datetime, *, default: timedelta | None = None,
                 end_of_day: bool = False) -> datetime:
    """An ISO date (``2026-06-28``), date-time (UTC unless a zone is given) or a duration before ``now``
    (``24h``, ``7d``, ``2w``, ``90m``). A bare date as an end (``--until``) means the end of that day."""
    if not text or not text.strip():
        if default is None:
            return now
        return now - default
    cleaned = text.strip()
    found = _DURATION.match(cleaned)
    if found:
        return now - int(found.group(1)) * _UNIT[found.group(2).lower()]
    try:
        if len(cleaned) == 10:
            day = date.fromisoformat(cleaned)
            moment = datetime.combine(day + timedelta(days=1) if end_of_day else day, time(), UTC)
            return moment - timedelta(microseconds=1) if end_of_day else moment
        moment = datetime.fromisoformat(cleaned.replace("Z", "+00:00"))
    except ValueError:
        shown = cleaned if len(cleaned) <= 40 else cleaned[:40] + "…"
        raise InvalidInputError(
            f"'{shown}' is not a date, date-time or duration; use e.g. 2026-06-28, 2026-06-28T14:00 or 7d."
        ) from None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


@dataclass(frozen=True)
class DatedArticle:
    article: Article
    news_date: date | None  # None: no date anywhere, so taken to be as new as when it was added

    @property
    def shown_date(self) -> str:
        return self.news_date.isoformat() if self.news_date else "undated"


@dataclass
class NewsWindow:
    """The articles of one window, in news time."""

    since: datetime
    until: datetime
    new: list[DatedArticle] = field(default_factory=list)
    added_late: list[DatedArticle] = field(default_factory=list)
    prior_ids: list[int] = field(default_factory=list)
    # published (or, undated, added) after the window: what the corpus did not hold yet when it closed, so a
    # past window rebuilt with --until shows no dispute a later article started
    later_ids: list[int] = field(default_factory=list)

    @property
    def new_articles(self) -> list[Article]:
        return [d.article for d in self.new]


def article_key(article: Article) -> str:
    """One version of one article: a changed article is news again, an unchanged one is not."""
    return f"{article.id}:{article.content_hash[:12]}"


def build_window(catalog: Catalog, since: datetime, until: datetime, *,
                 added_since: datetime | None = None, exclude_keys: Collection[str] = (),
                 dates: ArticleDates | None = None) -> NewsWindow:
    """Sort the corpus's originals into new, added late and prior for the window (``since``, ``until``].

    ``added_since`` (a scheduled brief's last run) restricts "new" to articles added after it, so a
    subscriber never gets the same article twice; ``exclude_keys`` drops versions a brief already covered.
    """
    originals = catalog.list_articles(include_duplicates=False)
    by_id = (dates or ArticleDates(catalog)).of(originals)
    first_day, last_day = _day(since), _day(until)
    window = NewsWindow(since, until)
    for article in originals:
        news = by_id.get(article.id)
        if news is not None and news > article.added_at.date():
            news = article.added_at.date()  # a date in the future of its own arrival is a typo or a forecast
        added_in_window = (added_since or since) < _utc(article.added_at) <= until
        dated = DatedArticle(article, news)
        if news is None:
            if added_in_window and article_key(article) not in exclude_keys:
                window.new.append(dated)
            elif _utc(article.added_at) <= since:
                window.prior_ids.append(article.id)
            elif _utc(article.added_at) > until:
                window.later_ids.append(article.id)
            continue
        if news < first_day:
            window.prior_ids.append(article.id)
            if added_in_window and article_key(article) not in exclude_keys:
                window.added_late.append(dated)
        elif news > last_day:
            window.later_ids.append(article.id)
        else:
            if added_since is not None and not added_in_window:
                continue  # covered by an earlier scheduled brief
            if added_since is None and news == first_day and _utc(article.added_at) <= since:
                window.prior_ids.append(article.id)  # the window's first day, but already held before it
                continue  # (a scheduled brief knows what it covered from its ledger instead)
            if article_key(article) not in exclude_keys:
                window.new.append(dated)
    window.new.sort(key=lambda d: (d.news_date or date.max, d.article.id))
    window.added_late.sort(key=lambda d: (d.news_date or date.min, d.article.id), reverse=True)
    return window


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)


def _day(moment: datetime) -> date:
    return _utc(moment).date()
