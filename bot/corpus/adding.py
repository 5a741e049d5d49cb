"""Adding articles: idempotent, crash-safe ingestion, the one way articles enter the corpus.

Each article goes through two durable steps. First one SQLite transaction writes its row (state
``pending``), sentences with labels, chunks, shingles and the audit entry. Then its chunks are embedded
and upserted into Chroma under deterministic ids, and the row becomes ``indexed``. Removal (in
:mod:`bot.corpus.curation`) is the mirror image (``deleting`` → vectors dropped → row purged). A process
killed anywhere leaves rows whose state says what to finish, and :mod:`bot.corpus.recovery` (run when the
corpus opens and before every change) finishes it, so a killed run is repaired by the next process to
open the corpus. Every article is bounded: over ``max_article_bytes`` it is refused, and its chunks go to
Chroma in batches within the client's own limit.

Re-adding identical content embeds nothing; the same text with corrected metadata (title, date,
outlet...) updates the catalog and the chunks' metadata without re-embedding; a changed article
replaces only its own chunks; the same text at another address, or a syndicated copy (most of its
word 5-grams already in an indexed article, or the same long headline and much of the same
vocabulary) is linked to the original, not indexed.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Protocol

from bot.corpus.catalog import Catalog, ChunkRow, PreparedArticle, SentenceRow
from bot.corpus.chunking import article_sentences, chunk_sentences
from bot.corpus.embeddings import get_encoder
from bot.corpus.fetch import Fetcher
from bot.corpus.index import ChunkRecord, VectorIndex, chunk_id
from bot.corpus.models import Article, ArticleDraft, IngestReport, SourceProblem
from bot.corpus.sources import domain_of, too_large
from bot.errors import BriefbotError, IndexUnavailableError, SourceError
from bot.facts import store as facts_store
from bot.safety import is_http_url, quote
from bot.settings import Settings

log = logging.getLogger(__name__)

NEAR_DUPLICATE_THRESHOLD = 0.85
SAME_HEADLINE_WORD_OVERLAP = 0.5
SHINGLE_WORDS = 5
# Chunks per pipeline group. The model pads each batch to its longest input after sorting the group by
# length, so larger groups pad less (on the test corpus: 9% extra tokens at 256, 5% at 512, 3% at 1024),
# while smaller ones overlap reading, embedding and storing sooner and lose less to a kill.
FLUSH_CHUNKS = 512
_WORD = re.compile(r"[a-z0-9]+")

Progress = Callable[[int], None]


class LabelResultLike(Protocol):
    @property
    def label(self) -> str: ...

    @property
    def cues(self) -> tuple[str, ...]: ...


Labeller = Callable[[list[str]], Sequence[LabelResultLike]]


def _same(draft: ArticleDraft) -> ArticleDraft:
    return draft


class LearnedLabeller:
    """The learned statement labeller as ingestion uses it.

    It reads sentence vectors (``reuses_vectors``): ingestion pools them from the token states of the
    chunks it embeds anyway, so labelling costs no extra model run; a relabel reads the stored ones.
    While an article is prepared its sentences get a placeholder; their labels are written, with their
    vectors, just before the article's chunks reach the index (and so before anyone can read them).
    """

    reuses_vectors = True

    def __call__(self, texts: list[str], vectors: Sequence[object | None] | None = None) -> Sequence[LabelResultLike]:
        return self.label_with_vectors(texts, vectors)[0]

    @staticmethod
    def label_with_vectors(
        texts: list[str], vectors: Sequence[object | None] | None = None
    ) -> tuple[Sequence[LabelResultLike], list[object]]:
        """Labels, and the vectors they were computed from (missing ones embedded here, to be kept)."""
        from bot.nlp.labeller import label_with_vectors

        results, used = label_with_vectors(texts, vectors)  # type: ignore[arg-type]
        return results, list(used)

    @staticmethod
    def placeholder(texts: list[str]) -> list[tuple[str, tuple[str, ...]]]:
        return [("fact", ("not labelled yet",)) for _ in texts]


def default_labeller() -> tuple[Labeller, str]:
    """The learned labeller and its explicit version (a new version relabels the catalog on open)."""
    from bot.nlp.labeller import LABELLER_VERSION

    return LearnedLabeller(), LABELLER_VERSION


def shingles(text: str, size: int = SHINGLE_WORDS) -> frozenset[int]:
    """Hashed word n-grams: the fingerprint near-duplicate detection compares."""
    words = _WORD.findall(text.lower())
    out: set[int] = set()
    for i in range(max(0, len(words) - size + 1)):
        digest = hashlib.blake2b(" ".join(words[i : i + size]).encode(), digest_size=8).digest()
        out.add(int.from_bytes(digest, "big", signed=True))
    return frozenset(out)


def metadata_changes(article: Article, draft: ArticleDraft) -> list[str]:
    """The catalogued fields a draft of the same text corrects; what the draft does not know is kept."""
    changed = ["title"] if draft.title != article.title else []
    for name in ("url", "outlet", "published", "author"):
        value = getattr(draft, name)
        if value is not None and value != getattr(article, name):
            changed.append(name)
    return changed


def _same_file(a: str, b: str) -> bool:
    """Two file sources naming one file (URLs never match here: they are compared as given)."""
    if a == b:
        return True
    if "://" in a or "://" in b:
        return False
    try:
        return Path(a).resolve() == Path(b).resolve()
    except (OSError, RuntimeError):
        return False


@dataclass(frozen=True)
class _Embedded:
    """A group of pending articles between the embedding and the storing stage of ingestion."""

    article_ids: list[int]
    fresh: frozenset[int]
    versions: dict[int, str]
    records: list[ChunkRecord]
    vectors: list[list[float]]
    fact_vectors: list[tuple[int, int, list[float]]] = field(default_factory=list)
    sentences: dict[int, list[SentenceRow]] = field(default_factory=dict)  # to label, by article
    sentence_vectors: dict[tuple[int, int], object] = field(default_factory=dict)  # pooled, by (article, idx)


@dataclass(frozen=True)
class ItemSource:
    """One item of a batch: a label for messages and a way to read it into a draft."""

    name: str
    read: Callable[[], ArticleDraft]


class Ingestor:
    """Reads, prepares, stages and indexes articles; also indexes what recovery or removal hands it."""

    def __init__(self, settings: Settings, catalog: Catalog, index: VectorIndex, labeller: Labeller,
                 fetcher: Fetcher) -> None:
        self.settings = settings
        self.catalog = catalog
        self.index = index
        self.labeller = labeller
        self.fetcher = fetcher
        # what must run before any change (recovery of a killed run); set by the service that owns us
        self.before_change: Callable[[], object] = lambda: None

    # preparing ----------------------------------------------------------------------------------
    def prepare(self, draft: ArticleDraft, with_chunks: bool = True, defer_labels: bool = False) -> PreparedArticle:
        """Sentences with labels, chunks and shingles of a draft. ``defer_labels`` (ingestion, which embeds
        the chunks next) leaves a placeholder label that :meth:`_store_labels` replaces before the chunks
        become searchable."""
        spans = article_sentences(draft.text)
        texts = [s.text for s in spans]
        labelled: Sequence[tuple[str, Sequence[str]]]
        if with_chunks and defer_labels and isinstance(self.labeller, LearnedLabeller):
            labelled = LearnedLabeller.placeholder(texts)  # labelled from its chunks' vectors when embedded
        else:
            labelled = [(r.label, r.cues) for r in (self.labeller(texts) if spans else [])]
        chunks = chunk_sentences(draft.text, spans) if with_chunks else []
        sentences = [(s.start, s.end, label, tuple(cues)) for s, (label, cues) in zip(spans, labelled, strict=True)]
        return PreparedArticle(
            draft=draft,
            sentences=sentences,
            chunks=[(c.start, c.end, c.first_sentence, c.last_sentence) for c in chunks],
            shingles=shingles(draft.text) if with_chunks else frozenset(),
            # a syndicated copy's facts would only repeat its original's: read when it is promoted
            facts=facts_store.prepare_facts(draft.text, sentences) if with_chunks else (),
        )

    # adding -------------------------------------------------------------------------------------
    def add_paths(self, paths: Sequence[Path], actor: str, origin: str,
                  progress: Progress | None = None) -> IngestReport:
        from bot.corpus import sources

        limit = self.settings.max_article_bytes
        items = [ItemSource(p.name, partial(sources.read_file, p, limit)) for p in sources.iter_paths(paths)]
        return self.add_items(items, actor, origin, progress)

    def add_url(self, url: str, actor: str, origin: str) -> IngestReport:
        from bot.corpus import sources
        from bot.corpus.starter import known_facts

        fetcher = self.fetcher
        known = known_facts(url)  # a listed starter report keeps its catalogued facts
        return self.add_items([ItemSource(url, lambda: sources.read_url(url, fetcher, known))], actor, origin)

    def add_drafts(self, drafts: Iterable[ArticleDraft], actor: str, origin: str,
                   progress: Progress | None = None) -> IngestReport:
        items = [ItemSource(d.title or d.source, partial(_same, d)) for d in drafts]
        return self.add_items(items, actor, origin, progress)

    def add_items(self, items: Sequence[ItemSource], actor: str, origin: str,
                  progress: Progress | None = None) -> IngestReport:
        """Add a batch item by item; a bad item is reported and skipped, never half-indexed.

        ``progress`` counts items whose work is durable: an item to embed counts once its group is
        stored, so a bar reaches 100% only when the last chunks are in the index.
        """
        report = IngestReport()
        self.before_change()
        tick = progress or (lambda _n: None)
        pending: list[int] = []
        failed: list[int] = []  # articles of groups whose storing failed
        names: dict[int, str] = {}
        fresh: set[int] = set()  # first versions: nothing of theirs can be in the index yet
        pending_chunks = 0
        waiting = 0  # items whose chunks are staged but not yet stored
        corrected = 0  # items whose index metadata is rewritten after the batch
        # A three-stage pipeline: while this thread reads and prepares group N+2, group N+1 is embedded
        # (ONNX releases the GIL) and group N is written to Chroma and marked indexed. Stores run in
        # order on one thread; a failure in any stage surfaces at the next hand-over.
        with (
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="embed") as embedder,
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="store") as storer,
        ):
            embedding: Future[_Embedded] | None = None
            storing: list[tuple[Future[int], int, list[int]]] = []

            def settle(stored: Future[int], group: list[int]) -> int:
                """A group's stored chunk count; a group that failed is finished article by article
                after the batch (so one bad article never sinks the others)."""
                try:
                    return stored.result()
                except IndexUnavailableError:
                    raise  # the index itself is down: nothing to isolate
                except Exception:
                    log.exception("storing articles %s failed; they are retried one by one", group)
                    failed.extend(group)
                    return 0

            def hand_over(group: list[int], n_items: int) -> None:
                nonlocal embedding
                if embedding is not None:
                    wait([embedding])  # its failure, if any, surfaces through the store that uses it
                while len(storing) > (1 if group else 0):
                    stored, done_items, stored_group = storing.pop(0)
                    report.chunks_embedded += settle(stored, stored_group)
                    tick(done_items)
                if group:
                    current = embedding = embedder.submit(self._embed_pending, group, frozenset(fresh))
                    storing.append((storer.submit(lambda: self._store_embedded(current.result())), n_items,
                                    list(group)))
                elif n_items:
                    tick(n_items)

            for item in items:
                outcome, article_id, n_chunks = self._stage_item(item, actor, origin, report)
                names[article_id] = item.name
                if outcome in ("added", "updated"):
                    pending.append(article_id)
                    pending_chunks += n_chunks
                    waiting += 1
                    if outcome == "added":
                        fresh.add(article_id)
                elif outcome == "corrected":
                    corrected += 1
                else:
                    tick(1)  # nothing of it goes to the index: done already
                if pending_chunks >= FLUSH_CHUNKS:
                    hand_over(pending, waiting)
                    pending, pending_chunks, waiting = [], 0, 0
            hand_over(pending, waiting)
            hand_over([], 0)
        if failed:
            self._isolate(failed, names, report)
        self.refresh_metadata()
        if corrected:
            tick(corrected)
        return report

    def _isolate(self, failed: list[int], names: dict[int, str], report: IngestReport) -> None:
        """Index what failed in a group again through recovery (article by article, failures counted
        toward setting an article aside); what still fails is reported, not added."""
        self.before_change()
        for article_id in failed:
            problem = self.catalog.index_problem(article_id)
            if problem is None:
                continue
            for listed in (report.added, report.updated):
                if article_id in listed:
                    listed.remove(article_id)
            report.problems.append(SourceProblem(
                names.get(article_id, f"article #{article_id}"),
                f"could not be indexed ({quote(problem, 120)}); it is retried when the corpus is next opened, "
                "and set aside as failed if it keeps failing"))

    def _stage_item(self, item: ItemSource, actor: str, origin: str, report: IngestReport) -> tuple[str, int, int]:
        try:
            draft = self.checked(item.read(), item.name, report)
            return self._stage(draft, actor, origin, report)
        except BriefbotError as exc:
            report.problems.append(SourceProblem(item.name, exc.user_message))
        except Exception:  # an unexpected failure of one item must not sink the batch
            log.exception("could not add %s", item.name)
            report.problems.append(SourceProblem(item.name, "could not be read (unexpected error, see logs)"))
        return "problem", 0, 0

    def checked(self, draft: ArticleDraft, name: str, report: IngestReport) -> ArticleDraft:
        """The draft as the catalog may store it: within the size limit (else refused), and with a URL
        only if it is http(s) (else dropped, with a warning)."""
        size = len(draft.text.encode("utf-8", "surrogatepass"))
        if size > self.settings.max_article_bytes:
            raise SourceError(too_large(quote(name, 60), size, self.settings.max_article_bytes))
        warnings = list(draft.warnings)
        if draft.url is not None and not is_http_url(draft.url):
            warnings.append(f"its URL “{quote(draft.url, 60)}” is not http(s) and was dropped")
            outlet = draft.outlet if draft.outlet != domain_of(draft.url) else None
            draft = replace(draft, url=None, outlet=outlet)
        report.warnings.extend(SourceProblem(name, w) for w in warnings)
        return draft

    def _stage(self, draft: ArticleDraft, actor: str, origin: str, report: IngestReport) -> tuple[str, int, int]:
        """Write the catalog side of one draft (one transaction). Returns (outcome, id, chunks to embed)."""
        previous = self.catalog.find_by_origin(draft)
        same = self.catalog.find_by_hash(draft.content_hash)
        if previous is None and same is not None and _same_file(same.source, draft.source):
            previous = same  # the same file named another way (relative vs absolute path)
        if previous is not None and previous.content_hash == draft.content_hash:
            changed = metadata_changes(previous, draft)
            if not changed:
                report.unchanged.append(previous.id)
                return "unchanged", previous.id, 0
            with self.catalog.transaction() as db:
                self.catalog.update_metadata(previous.id, draft, db)
                Catalog.audit(db, actor, "article.update", f"article:{previous.id}", origin,
                              f"corrected {', '.join(changed)}; {draft.source}")
            report.updated.append(previous.id)
            return "corrected", previous.id, 0
        if previous is None and same is not None:
            # the very same text at another address: a copy of what is indexed, stored with no chunks
            of = same.duplicate_of if same.duplicate_of is not None else same.id
            with self.catalog.transaction() as db:
                article_id = self.catalog.insert_pending(self.prepare(draft, with_chunks=False), actor, of, db)
                Catalog.audit(db, actor, "article.add_duplicate", f"article:{article_id}", origin,
                              f"identical copy of article:{of}; {draft.source}")
            report.duplicates.append((article_id, of))
            return "duplicate", article_id, 0
        prepared = self.prepare(draft, defer_labels=True)  # labelled when its chunks are embedded
        if previous is not None:
            # a new version of a linked copy stays a copy (no chunks) while it still matches an original
            original = self._find_original(draft, prepared) if previous.duplicate_of is not None else None
            with self.catalog.transaction() as db:
                if original is not None:
                    self.catalog.replace_pending(previous.id, self.prepare(draft, with_chunks=False), db)
                    Catalog.link_copy(previous.id, original, db)
                else:
                    self.catalog.replace_pending(previous.id, prepared, db)
                    Catalog.unlink_copy(previous.id, db)
                Catalog.audit(db, actor, "article.update", f"article:{previous.id}", origin, draft.source)
            report.updated.append(previous.id)
            if original is not None:
                return "duplicate", previous.id, 0
            return "updated", previous.id, len(prepared.chunks)
        original = self._find_original(draft, prepared)
        if original is not None:
            copy = self.prepare(draft, with_chunks=False)
            with self.catalog.transaction() as db:
                article_id = self.catalog.insert_pending(copy, actor, original, db)
                Catalog.audit(db, actor, "article.add_duplicate", f"article:{article_id}", origin,
                              f"copy of article:{original}; {draft.source}")
            report.duplicates.append((article_id, original))
            return "duplicate", article_id, 0
        with self.catalog.transaction() as db:
            article_id = self.catalog.insert_pending(prepared, actor, None, db)
            Catalog.audit(db, actor, "article.add", f"article:{article_id}", origin, draft.source)
        report.added.append(article_id)
        return "added", article_id, len(prepared.chunks)

    def refresh_metadata(self) -> int:
        """Rewrite the index's copy of corrected metadata (no re-embedding: the text is the same)."""
        stale = self.catalog.meta_stale()
        if not stale:
            return 0
        articles = self.catalog.get_many(stale)
        bodies = self.catalog.bodies(stale)
        for article_id in stale:
            rows = self.catalog.chunks(article_id) if articles[article_id].duplicate_of is None else []
            self.index.update_metadata(self._records(articles[article_id], bodies[article_id], rows))
        self.catalog.clear_meta_stale(stale)
        return len(stale)

    @staticmethod
    def _records(article: Article, body: str, rows: Sequence[ChunkRow]) -> list[ChunkRecord]:
        """The index's view of an article's chunks: deterministic ids, text and metadata."""
        return [
            ChunkRecord(
                id=chunk_id(article.id, article.content_hash, row.idx), text=body[row.start : row.end],
                article_id=article.id, version=article.content_hash[:12], chunk=row.idx, start=row.start,
                end=row.end, published=article.published.isoformat() if article.published else None,
                outlet=article.outlet,
            )
            for row in rows
        ]

    def _find_original(self, draft: ArticleDraft, prepared: PreparedArticle) -> int | None:
        """The indexed article this draft is a copy of, if any.

        Two signals: most of its word 5-grams already indexed (a verbatim copy, even with different
        navigation junk around it), or the same long headline with at least half its vocabulary shared
        (syndication networks often reword copies, which 5-grams alone miss).
        """
        original = self.catalog.find_near_duplicate(prepared.shingles, NEAR_DUPLICATE_THRESHOLD)
        if original is not None:
            return original
        candidates = self.catalog.same_title(draft.title)
        if not candidates:
            return None
        words = set(_WORD.findall(draft.text.lower()))
        for article_id, body in self.catalog.bodies(candidates).items():
            theirs = set(_WORD.findall(body.lower()))
            if len(words & theirs) / max(1, min(len(words), len(theirs))) >= SAME_HEADLINE_WORD_OVERLAP:
                return article_id
        return None

    def index_pending(self, article_ids: Sequence[int], fresh: set[int] | frozenset[int] = frozenset()) -> int:
        """Embed and store the chunks of pending articles, then mark them indexed. Safe to repeat."""
        return self._store_embedded(self._embed_pending(article_ids, fresh))

    def _embed_pending(self, article_ids: Sequence[int], fresh: set[int] | frozenset[int] = frozenset()) -> _Embedded:
        """The chunk records of pending articles and their vectors; writes nothing to the index (only a
        promoted copy's newly derived sentences and chunks to the catalog)."""
        articles = self.catalog.get_many(article_ids)
        bodies = self.catalog.bodies(article_ids)
        records: list[ChunkRecord] = []
        versions: dict[int, str] = {}
        for article_id in article_ids:
            article = articles[article_id]
            body = bodies[article_id]
            rows = self.catalog.chunks(article_id)
            if not rows:  # a promoted copy: derive its sentences and chunks now
                rows = self._derive(article, body)
            versions[article_id] = article.content_hash[:12]
            records.extend(self._records(article, body, rows))
        if not isinstance(self.labeller, LearnedLabeller):
            return _Embedded(list(article_ids), frozenset(fresh), versions, records, self.index.embed(records),
                             self.embed_facts(article_ids))
        # The sentences of each chunk, as character spans of the chunk's text, pooled from the same model run.
        sentences = {article_id: self.catalog.sentences(article_id) for article_id in article_ids}
        spans: list[list[tuple[int, int]]] = []
        owners: list[list[tuple[int, int]]] = []  # (article id, sentence idx) of each span
        for record in records:
            rows_ = sentences[record.article_id]
            inside = [s for s in rows_ if record.start <= s.start and s.end <= record.end]
            spans.append([(s.start - record.start, s.end - record.start) for s in inside])
            owners.append([(record.article_id, s.idx) for s in inside])
        encoder = get_encoder(self.settings.embedding_model)
        batch_size = self.settings.embedding_batch_size
        vectors, pooled = encoder.encode_with_spans([r.text for r in records], spans, batch_size)
        sentence_vectors: dict[tuple[int, int], object] = {}
        for keys, values in zip(owners, pooled, strict=True):
            for key, value in zip(keys, values, strict=True):
                sentence_vectors.setdefault(key, value)
        return _Embedded(list(article_ids), frozenset(fresh), versions, records, vectors.tolist(),
                         self.embed_facts(article_ids), {a: sentences[a] for a in article_ids}, sentence_vectors)

    def embed_facts(self, article_ids: Sequence[int]) -> list[tuple[int, int, list[float]]]:
        """Vectors of the sentences that state facts, which grouping compares (stored when the articles
        are marked indexed)."""
        with self.catalog.transaction() as db:  # a read, serialised with the writers
            todo = facts_store.unembedded(db, list(article_ids))
        if not todo:
            return []
        texts = list(dict.fromkeys(text for _, _, text in todo))
        vectors = dict(zip(texts, self.index.embeddings.embed_documents(texts), strict=True))
        return [(a, i, vectors[text]) for a, i, text in todo]

    def _store_embedded(self, embedded: _Embedded) -> int:
        """Write embedded chunks to the index and mark their articles indexed.

        Older versions' chunks are deleted first, except for ``fresh`` articles (added in this run,
        so nothing of theirs can be in the index): that saves one Chroma call per new article.
        """
        if not embedded.article_ids:
            return 0
        if embedded.sentences:
            self._store_labels(embedded)
        for article_id in embedded.article_ids:
            if article_id not in embedded.fresh:
                self.index.delete_article(article_id, keep_version=embedded.versions[article_id])
        self.index.store_vectors(embedded.records, embedded.vectors)
        self.catalog.mark_indexed(embedded.article_ids, embedded.fact_vectors)
        return len(embedded.records)

    def _store_labels(self, embedded: _Embedded) -> None:
        """Label the group's sentences from their pooled vectors (runs on the storing thread, beside the
        model) and write labels and vectors before the chunks become searchable."""
        bodies = self.catalog.bodies(embedded.article_ids)
        keys = [(a, row.idx) for a in embedded.article_ids for row in embedded.sentences[a]]
        texts = [bodies[a][row.start : row.end] for a in embedded.article_ids for row in embedded.sentences[a]]
        vectors = [embedded.sentence_vectors.get(key) for key in keys]
        labeller = self.labeller
        assert isinstance(labeller, LearnedLabeller)
        results, used = labeller.label_with_vectors(texts, vectors) if texts else ([], [])
        by_article: dict[int, list[tuple[int, str, Sequence[str], object]]] = {}
        for (article_id, idx), result, vector in zip(keys, results, used, strict=True):
            by_article.setdefault(article_id, []).append((idx, result.label, result.cues, vector))
        with self.catalog.transaction() as db:
            for article_id, labelled in by_article.items():
                self.catalog.store_sentence_labels(article_id, labelled, db)

    def _derive(self, article: Article, body: str) -> list[ChunkRow]:
        draft = ArticleDraft(text=body, title=article.title, source=article.source, url=article.url)
        prepared = self.prepare(draft, defer_labels=True)  # labelled when its chunks are embedded
        with self.catalog.transaction() as db:
            self.catalog.replace_pending(article.id, prepared, db)
        return self.catalog.chunks(article.id)

    def steps(self, article_ids: Sequence[int]) -> Iterator[list[int]]:
        """Groups of about FLUSH_CHUNKS chunks, so a run interrupted again and again still progresses."""
        step: list[int] = []
        size = 0
        for article_id in article_ids:
            step.append(article_id)
            size += max(1, len(self.catalog.chunks(article_id)))
            if size >= FLUSH_CHUNKS:
                yield step
                step, size = [], 0
        if step:
            yield step

