"""The corpus service surfaces call: one facade over catalog + index, made of small parts.

Each part has one responsibility: :mod:`~bot.corpus.adding` (reading, preparing, indexing articles),
:mod:`~bot.corpus.curation` (removing, retrying a failed article), :mod:`~bot.corpus.recovery`
(finishing a killed run; setting aside an article that keeps failing), :mod:`~bot.corpus.checks`
(catalog against index), :mod:`~bot.corpus.feedlist` (followed feeds) and :mod:`~bot.corpus.ids`.
:class:`CorpusService` wires them around one catalog, one index and one fetcher (injected, so tests
pass one that may reach loopback) and adds the read-only queries surfaces need, so no surface ever
touches the catalog itself.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.corpus.adding import (
    FLUSH_CHUNKS,
    NEAR_DUPLICATE_THRESHOLD,
    SAME_HEADLINE_WORD_OVERLAP,
    SHINGLE_WORDS,
    Ingestor,
    ItemSource,
    Labeller,
    LabelResultLike,
    Progress,
    default_labeller,
    metadata_changes,
    shingles,
)
from bot.corpus.catalog import Catalog, FailedArticle, PreparedArticle
from bot.corpus.checks import Checker, ConsistencyReport
from bot.corpus.curation import Curation
from bot.corpus.feedlist import FeedList
from bot.corpus.fetch import Fetcher
from bot.corpus.ids import parse_article_id
from bot.corpus.index import VectorIndex
from bot.corpus.models import Article, ArticleDraft, AuditEntry, Feed, IngestReport
from bot.corpus.recovery import Recovery
from bot.facts import store as facts_store
from bot.settings import Settings

log = logging.getLogger(__name__)

__all__ = [
    "FLUSH_CHUNKS", "NEAR_DUPLICATE_THRESHOLD", "SAME_HEADLINE_WORD_OVERLAP", "SHINGLE_WORDS",
    "ArticleDetail", "ConsistencyReport", "CorpusService", "ItemSource", "LabelResultLike", "Labeller",
    "Progress", "default_labeller", "metadata_changes", "shingles",
]


@dataclass(frozen=True)
class ArticleDetail:
    """One article as ``corpus show`` presents it."""

    article: Article
    chunks: int
    copies: list[int]
    text: str


class CorpusService:
    """Facade over catalog + index used by every surface (CLI, Discord, briefs)."""

    def __init__(
        self, settings: Settings, catalog: Catalog, index: VectorIndex, labeller: Labeller | None = None,
        labeller_version: str | None = None, fetcher: Fetcher | None = None,
    ) -> None:
        self.settings = settings
        self.catalog = catalog
        self.index = index
        if labeller is None:
            labeller, labeller_version = default_labeller()
        self.labeller = labeller
        self.labeller_version = labeller_version or "custom"
        self.fetcher = fetcher or Fetcher(settings)
        self.ingestor = Ingestor(settings, catalog, index, labeller, self.fetcher)
        self.ingestor.before_change = self.recover
        self.recovery = Recovery(catalog, index, self.ingestor, max_article_bytes=settings.max_article_bytes)
        self.checker = Checker(catalog, index, self.ingestor)
        self.curation = Curation(catalog, index, self.ingestor, self.recover)
        self.feed_list = FeedList(catalog, self.fetcher)

    @classmethod
    def open(cls, settings: Settings, fetcher: Fetcher | None = None) -> CorpusService:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        service = cls(settings, Catalog(settings.catalog_path), VectorIndex(settings), fetcher=fetcher)
        try:
            if service.catalog.relabel(service.labeller, service.labeller_version):
                summary = service.catalog.last_relabel() or {}
                log.info("relabelled %s stored sentences (labeller %s -> %s): %s labels changed, %s embedded",
                         summary.get("sentences"), summary.get("from"), summary.get("to"),
                         summary.get("changed"), summary.get("embedded"))
            service.refresh_facts()
            service.recover()  # whatever a killed run left, before anyone reads or changes the corpus
        except BaseException:
            service.close()
            raise
        return service

    def close(self) -> None:
        self.catalog.close()

    def refresh_facts(self, batch: int = 200) -> int:
        """Re-read every article's facts when the fact reader changed (or the catalog predates facts): no
        chunk is re-embedded, only the sentences that state facts. Article by article in batches; the
        version is recorded after the last one, so an interrupted run starts over next time, and until
        then the old facts stay readable. A changed grouping (rule or fitted threshold) only regroups."""
        version = facts_store.version()
        grouping = facts_store.grouping_version()
        if self.catalog.get_meta("facts_version") == version:
            if self.catalog.get_meta("facts_grouping") != grouping:
                with self.catalog.transaction() as db:
                    facts_store.regroup(db, [e.key for e in facts_store.EVENTS])
                    db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('facts_grouping', ?)", (grouping,))
                    Catalog.bump_generation(db)
            return 0
        ids = [a.id for a in self.catalog.list_articles(include_duplicates=False)]
        done = 0
        for begin in range(0, len(ids), batch):
            part = ids[begin : begin + batch]
            bodies = self.catalog.bodies(part)
            read = {i: facts_store.prepare_facts(bodies[i], [(r.start, r.end, r.label, r.cues)
                                                             for r in self.catalog.sentences(i)]) for i in part}
            with self.catalog.transaction() as db:
                for article_id, facts in read.items():
                    facts_store.insert(db, article_id, facts)
            vectors = self.ingestor.embed_facts(part)
            with self.catalog.transaction() as db:
                facts_store.set_vectors(db, vectors)
            done += sum(map(len, read.values()))
        with self.catalog.transaction() as db:
            facts_store.regroup(db, [e.key for e in facts_store.EVENTS])
            db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('facts_version', ?)", (version,))
            db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('facts_grouping', ?)", (grouping,))
            Catalog.bump_generation(db)  # caches of disagreements key on it
        return done

    # adding -------------------------------------------------------------------------------------
    def prepare(self, draft: ArticleDraft, with_chunks: bool = True) -> PreparedArticle:
        return self.ingestor.prepare(draft, with_chunks)

    def add_paths(self, paths: Sequence[Path], actor: str, origin: str,
                  progress: Progress | None = None) -> IngestReport:
        return self.ingestor.add_paths(paths, actor, origin, progress)

    def add_url(self, url: str, actor: str, origin: str) -> IngestReport:
        return self.ingestor.add_url(url, actor, origin)

    def add_drafts(self, drafts: Iterable[ArticleDraft], actor: str, origin: str,
                   progress: Progress | None = None) -> IngestReport:
        return self.ingestor.add_drafts(drafts, actor, origin, progress)

    def add_items(self, items: Sequence[ItemSource], actor: str, origin: str,
                  progress: Progress | None = None) -> IngestReport:
        return self.ingestor.add_items(items, actor, origin, progress)

    # curation, recovery, checks -----------------------------------------------------------------
    def remove(self, article_id: int, actor: str, origin: str) -> Article:
        return self.curation.remove(article_id, actor, origin)

    def retry(self, article_id: int, actor: str, origin: str) -> Article:
        return self.curation.retry(article_id, actor, origin)

    def recover(self) -> int:
        return self.recovery.recover()

    def check(self, repair: bool = False) -> ConsistencyReport:
        return self.checker.check(repair)

    # feeds --------------------------------------------------------------------------------------
    def add_feed(self, url: str, actor: str, origin: str, verify: bool = True) -> Feed:
        return self.feed_list.add(url, actor, origin, verify)

    def remove_feed(self, ref: str, actor: str, origin: str) -> Feed:
        return self.feed_list.remove(ref, actor, origin)

    def feeds(self) -> list[Feed]:
        return self.feed_list.all()

    # reading (what surfaces show) ---------------------------------------------------------------
    def parse_article_id(self, text: str) -> int:
        return parse_article_id(text)

    def articles(self, state: str | None = None) -> list[Article]:
        return self.catalog.list_articles(state=state)

    def counts(self) -> dict[str, int]:
        return self.catalog.count()

    def article(self, article_id: int) -> Article:
        return self.catalog.get(article_id)

    def get(self, article_id: int) -> Article:
        return self.catalog.get(article_id)

    def duplicates_of(self, article_id: int) -> list[Article]:
        return self.catalog.duplicates_of(article_id)

    def detail(self, article_id: int) -> ArticleDetail:
        article = self.catalog.get(article_id)
        return ArticleDetail(article, len(self.catalog.chunks(article_id)),
                             [c.id for c in self.catalog.duplicates_of(article_id)], self.catalog.body(article_id))

    def index_problem(self, article_id: int) -> str | None:
        """Why an article is not searchable yet (its last failure), or None once it is indexed."""
        return self.catalog.index_problem(article_id)

    def failed(self) -> list[FailedArticle]:
        return self.catalog.failed()

    def audit_log(self, limit: int = 50) -> list[AuditEntry]:
        return self.catalog.audit_log(limit)
