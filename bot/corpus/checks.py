"""Comparing what the catalog expects in the index with what the index holds, and repairing it."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.corpus.adding import Ingestor
from bot.corpus.catalog import Catalog, FailedArticle
from bot.corpus.index import VectorIndex, chunk_id


@dataclass
class ConsistencyReport:
    """Chunk ids the catalog expects but the index lacks (missing) and the reverse (orphaned); failed
    articles (set aside by recovery) are listed apart, their partial vectors counted as neither."""

    catalog_chunks: int
    index_chunks: int
    missing: set[str] = field(default_factory=set)
    orphaned: set[str] = field(default_factory=set)
    failed: list[FailedArticle] = field(default_factory=list)

    @property
    def consistent(self) -> bool:
        return not self.missing and not self.orphaned


class Checker:
    def __init__(self, catalog: Catalog, index: VectorIndex, ingestor: Ingestor) -> None:
        self.catalog = catalog
        self.index = index
        self.ingestor = ingestor

    def check(self, repair: bool = False) -> ConsistencyReport:
        """Compare the ids the catalog expects with those Chroma holds; optionally repair."""
        failed = self.catalog.failed()
        failed_ids = {f.article.id for f in failed}
        expected = {
            chunk_id(row.article_id, article.content_hash, row.idx)
            for article in self.catalog.list_articles(include_duplicates=False)
            if article.id not in failed_ids
            for row in self.catalog.chunks(article.id)
        }
        actual = {cid for cid in self.index.all_ids() if _article_of(cid) not in failed_ids}
        report = ConsistencyReport(len(expected), len(actual), expected - actual, actual - expected, failed)
        if repair and not report.consistent:
            if report.orphaned:
                self.index.delete_ids(sorted(report.orphaned))
            stale = sorted({_article_of(cid) for cid in report.missing})
            for step in self.ingestor.steps(stale):
                self.ingestor.index_pending(step)
        return report


def _article_of(chunk: str) -> int:
    head = chunk.split(":", 1)[0]
    return int(head) if head.isdigit() else -1
