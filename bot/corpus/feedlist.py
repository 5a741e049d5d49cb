"""The feeds moderators follow: added (http/https only, fetched once to check unless told not to),
removed, listed; every change audited in the same transaction."""

from __future__ import annotations

from bot.corpus.catalog import Catalog
from bot.corpus.fetch import Fetcher
from bot.corpus.models import Feed
from bot.safety import require_http_url


class FeedList:
    def __init__(self, catalog: Catalog, fetcher: Fetcher) -> None:
        self.catalog = catalog
        self.fetcher = fetcher

    def add(self, url: str, actor: str, origin: str, verify: bool = True) -> Feed:
        url = require_http_url(url, "A feed URL")  # with or without verification
        title: str | None = None
        if verify:
            from bot.corpus import sources

            title = sources.read_feed(url, self.fetcher).title
        with self.catalog.transaction() as db:
            feed = self.catalog.add_feed(url, actor, title, db)
            Catalog.audit(db, actor, "feed.add", f"feed:{feed.id}", origin, url)
        return feed

    def remove(self, ref: str, actor: str, origin: str) -> Feed:
        with self.catalog.transaction() as db:
            feed = self.catalog.remove_feed(ref.strip(), db)
            Catalog.audit(db, actor, "feed.remove", f"feed:{feed.id}", origin, feed.url)
        return feed

    def all(self) -> list[Feed]:
        return self.catalog.feeds()
