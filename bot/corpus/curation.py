"""Moderators' changes other than adding: removing an article (its chunks with it) and putting an
article that failed to index back in line. Both audited in the transaction that makes the change."""

from __future__ import annotations

from collections.abc import Callable

from bot.corpus.adding import Ingestor
from bot.corpus.catalog import Catalog
from bot.corpus.index import VectorIndex
from bot.corpus.models import Article
from bot.errors import NotFoundError


class Curation:
    def __init__(self, catalog: Catalog, index: VectorIndex, ingestor: Ingestor,
                 before_change: Callable[[], object]) -> None:
        self.catalog = catalog
        self.index = index
        self.ingestor = ingestor
        self.before_change = before_change

    def remove(self, article_id: int, actor: str, origin: str) -> Article:
        """``deleting`` → vectors dropped → row purged; its first copy, if any, becomes the original.
        A failed article is dropped the same way."""
        self.before_change()  # another process may have been killed mid-change since this one opened
        article = self.catalog.get(article_id)
        with self.catalog.transaction() as db:
            promoted = self.catalog.mark_deleting(article_id, db)
            Catalog.audit(db, actor, "article.remove", f"article:{article_id}", origin,
                          article.title + (f"; copy article:{promoted[0]} promoted" if promoted else ""))
        self.index.delete_article(article_id)
        self.catalog.purge([article_id])
        self.ingestor.index_pending(promoted)
        return article

    def retry(self, article_id: int, actor: str, origin: str) -> Article:
        """Index a failed article again now (audited); if it fails again it goes back to failed after
        the usual attempts, and every other command keeps working meanwhile."""
        article = self.catalog.get(article_id)
        if article_id not in self.catalog.failed_ids():
            raise NotFoundError(f"Article #{article_id} has not failed; nothing to retry.")
        self.catalog.release(article_id, actor, origin)
        self.before_change()  # recovery indexes it, counting a failure if there is one
        return article
