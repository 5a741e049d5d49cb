"""Feed polling: every followed feed, conditionally (ETag / Last-Modified), new entries ingested once.

Entries whose link the catalog already knows are skipped before any page is fetched, and ingestion is
idempotent anyway (same content → unchanged), so polling as often as configured costs one conditional
GET per feed when nothing changed. One feed failing never stops the others.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.corpus.catalog import Catalog
from bot.corpus.fetch import Fetcher
from bot.corpus.ingest import CorpusService, ItemSource
from bot.corpus.models import ArticleDraft, Feed, IngestReport
from bot.corpus.sources import FeedEntry, entry_to_draft, read_feed
from bot.errors import BriefbotError

log = logging.getLogger(__name__)

ACTOR = "scheduler:feeds"
ORIGIN = "scheduler"


@dataclass
class FeedPollReport:
    """What one poll did, feed by feed."""

    polled: int = 0
    not_modified: int = 0
    new_entries: int = 0
    added: list[int] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _known(catalog: Catalog, entry: FeedEntry) -> bool:
    if not entry.link:
        return False
    probe = ArticleDraft(text="", title="", source=entry.link, url=entry.link)
    return catalog.find_by_origin(probe) is not None


def _reader(entry: FeedEntry, fetcher: Fetcher) -> Callable[[], ArticleDraft]:
    return lambda: entry_to_draft(entry, fetcher)


def poll_feeds(corpus: CorpusService, fetcher: Fetcher) -> FeedPollReport:
    """Poll every followed feed once (blocking: call it in a thread from the event loop).

    Whatever goes wrong with one feed — a refused fetch, a broken document, a bug — is logged with the
    feed's URL and reported, and the other feeds are polled all the same.
    """
    report = FeedPollReport()
    for feed in corpus.catalog.feeds():
        report.polled += 1
        try:
            _poll_one(corpus, fetcher, feed, report)
        except BriefbotError as exc:
            log.warning("feed #%s (%s) could not be polled: %s", feed.id, feed.url, exc.user_message)
            report.problems.append(f"feed #{feed.id}: {exc.user_message}")
        except Exception as exc:
            log.exception("feed #%s (%s) failed unexpectedly; polling the other feeds", feed.id, feed.url)
            report.problems.append(f"feed #{feed.id}: unexpected error ({type(exc).__name__})")
    return report


def _poll_one(corpus: CorpusService, fetcher: Fetcher, feed: Feed, report: FeedPollReport) -> None:
    result = read_feed(feed.url, fetcher, etag=feed.etag, modified=feed.last_modified)
    if result.not_modified:
        report.not_modified += 1
        corpus.catalog.update_feed_state(feed.id, result.etag, result.last_modified)
        return
    fresh = [e for e in result.entries if not _known(corpus.catalog, e)]
    report.new_entries += len(fresh)
    items = [ItemSource(e.title or e.link or "feed entry", _reader(e, fetcher)) for e in fresh]
    ingest: IngestReport = corpus.add_items(items, ACTOR, f"{ORIGIN}:feed:{feed.id}") if items else IngestReport()
    report.added.extend(ingest.added + ingest.updated)
    report.problems.extend(f"feed #{feed.id}: {p.item}: {p.message}" for p in ingest.problems)
    # Validators are stored only after the entries are in, so a crash mid-way re-reads the feed.
    corpus.catalog.update_feed_state(feed.id, result.etag, result.last_modified)
