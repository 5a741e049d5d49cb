"""The vector index: Chroma, embedded on disk by default or a `chroma run` server when configured.

Chunks are stored with deterministic ids (``{article_id}:{content_hash[:12]}:{chunk}``), so writing them
twice is harmless and a new version of an article never collides with the old one; they are written with
vectors computed beforehand (so ingestion can pipeline embedding and storing) and searched through
langchain's Chroma vector store. The collection records which embedding model made its
vectors, and opening it with another model is refused rather than silently mixing spaces.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import chromadb
from chromadb.api import ClientAPI
from chromadb.config import Settings as ChromaSettings
from langchain_chroma import Chroma

from bot.corpus.embeddings import MiniLMChromaFunction, MiniLMEmbeddings
from bot.errors import IndexUnavailableError
from bot.settings import Settings

log = logging.getLogger(__name__)

FALLBACK_MAX_BATCH = 5461  # embedded Chroma's limit on this platform, used only if a client cannot say


@dataclass(frozen=True)
class ChunkRecord:
    """One chunk to store: its id, text, and the metadata answers need to find it in the catalog."""

    id: str
    text: str
    article_id: int
    version: str
    chunk: int
    start: int
    end: int
    published: str | None
    outlet: str | None


@dataclass(frozen=True)
class VectorHit:
    id: str
    article_id: int
    chunk: int
    score: float


def chunk_id(article_id: int, content_hash: str, chunk: int) -> str:
    return f"{article_id}:{content_hash[:12]}:{chunk}"


def make_client(settings: Settings) -> ClientAPI:
    """Embedded on-disk Chroma, or an HTTP client for a Chroma server; telemetry always off."""
    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    try:
        if settings.chroma_host:
            return chromadb.HttpClient(
                host=settings.chroma_host, port=settings.chroma_port, ssl=settings.chroma_ssl,
                settings=chroma_settings,
            )
        settings.chroma_path.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(settings.chroma_path), settings=chroma_settings)
    except Exception as exc:  # chromadb raises several unrelated types for an unreachable server
        where = f"{settings.chroma_host}:{settings.chroma_port}" if settings.chroma_host else "the data directory"
        raise IndexUnavailableError(f"The vector index at {where} could not be opened.") from exc


class VectorIndex:
    def __init__(self, settings: Settings, client: ClientAPI | None = None) -> None:
        self.model_id = settings.embedding_model
        self.client = client or make_client(settings)
        self.embeddings = MiniLMEmbeddings(self.model_id, settings.embedding_batch_size)
        try:
            collection = self.client.get_or_create_collection(
                name=settings.chroma_collection,
                embedding_function=MiniLMChromaFunction(self.model_id),  # type: ignore[arg-type]
                metadata={"embedding_model": self.model_id, "hnsw:space": "cosine"},
            )
        except Exception as exc:
            raise IndexUnavailableError("The vector index could not be opened.") from exc
        stored = (collection.metadata or {}).get("embedding_model")
        if stored != self.model_id:
            raise IndexUnavailableError(
                f"The index was built with embedding model {stored!r}, not {self.model_id!r}; "
                "use a new collection name or data directory rather than mixing models."
            )
        _set_search_ef(collection, settings.chroma_search_ef)
        self.collection = collection
        self._max_batch: int | None = None
        self.store = Chroma(
            client=self.client,
            collection_name=settings.chroma_collection,
            embedding_function=self.embeddings,
            create_collection_if_not_exists=False,
        )

    @property
    def max_batch(self) -> int:
        """The most records one Chroma call may carry, as the client itself says (a server's limit can
        differ from the embedded one's); asked once."""
        if self._max_batch is None:
            getter = getattr(self.client, "get_max_batch_size", None)
            size = getter() if callable(getter) else getattr(self.client, "max_batch_size", FALLBACK_MAX_BATCH)
            self._max_batch = max(1, int(size))
        return self._max_batch

    def _batches(self, count: int) -> range:
        return range(0, count, self.max_batch)

    def embed(self, records: Sequence[ChunkRecord]) -> list[list[float]]:
        """The chunks' vectors (CPU-bound; touches no storage, so it can overlap a store)."""
        return self.embeddings.embed_documents([r.text for r in records]) if records else []

    def store_vectors(self, records: Sequence[ChunkRecord], vectors: Sequence[Sequence[float]]) -> None:
        """Write chunks whose vectors are already computed (langchain's ``add_texts`` would embed them
        again), so ingestion can embed the next group while this one is stored; ids make a repeat a
        no-op for the index's content."""
        for begin in self._batches(len(records)):
            part = records[begin : begin + self.max_batch]
            self.collection.upsert(
                ids=[r.id for r in part],
                embeddings=[list(v) for v in vectors[begin : begin + self.max_batch]],  # type: ignore[arg-type]
                documents=[r.text for r in part],
                metadatas=[_metadata(r) for r in part],  # type: ignore[arg-type]
            )

    def update_metadata(self, records: Sequence[ChunkRecord]) -> None:
        """Rewrite stored chunks' metadata in place (a corrected date or outlet needs no new vectors);
        a field now unknown is removed rather than left stale."""
        for begin in self._batches(len(records)):
            part = records[begin : begin + self.max_batch]
            metadatas = [{**_metadata(r), "published": r.published, "outlet": r.outlet} for r in part]
            self.collection.update(ids=[r.id for r in part], metadatas=metadatas)  # type: ignore[arg-type]

    def delete_ids(self, ids: Sequence[str]) -> None:
        """Remove chunks by id (orphans found by a check), within the client's batch limit."""
        ordered = sorted(ids)
        for begin in self._batches(len(ordered)):
            self.collection.delete(ids=ordered[begin : begin + self.max_batch])

    def delete_article(self, article_id: int, keep_version: str | None = None) -> None:
        """Remove an article's chunks, or only those of older versions when ``keep_version`` is given."""
        where: dict[str, Any] = {"article_id": article_id}
        if keep_version is not None:
            where = {"$and": [{"article_id": article_id}, {"version": {"$ne": keep_version}}]}
        self.collection.delete(where=where)  # type: ignore[arg-type]

    def ids_for(self, article_id: int) -> set[str]:
        got = self.collection.get(where={"article_id": article_id}, include=[])
        return set(got["ids"])

    def all_ids(self, page: int = 5000) -> set[str]:
        ids: set[str] = set()
        offset = 0
        while True:
            got = self.collection.get(include=[], limit=page, offset=offset)
            ids.update(got["ids"])
            if len(got["ids"]) < page:
                return ids
            offset += page

    def count(self) -> int:
        return int(self.collection.count())

    def search(self, query_vector: Sequence[float], k: int, where: dict[str, Any] | None = None) -> list[VectorHit]:
        """Nearest chunks to a query vector, through langchain's Chroma vector store; scores are cosine
        similarities (higher is closer). Chroma returns fewer than k when it holds fewer."""
        found = self.store.similarity_search_by_vector_with_relevance_scores(
            list(query_vector), k=k, filter=where,
        )
        return [
            VectorHit(str(doc.id), int(doc.metadata["article_id"]), int(doc.metadata["chunk"]), 1.0 - float(distance))
            for doc, distance in found
        ]

    def nearest_chunks(self, vectors: Sequence[Sequence[float]], k: int,
                       article_ids: Sequence[int]) -> list[list[tuple[int, int]]]:
        """For each vector, the (article id, chunk) of its ``k`` nearest chunks among those articles, in one
        query (a brief asks this for hundreds of sentences at once)."""
        if not vectors or not article_ids:
            return [[] for _ in vectors]
        found = self.collection.query(
            query_embeddings=[list(v) for v in vectors],  # type: ignore[arg-type]
            n_results=k,
            where={"article_id": {"$in": list(article_ids)}},  # type: ignore[dict-item]
            include=["metadatas"],  # type: ignore[list-item]
        )
        return [[(int(str(m["article_id"])), int(str(m["chunk"]))) for m in metas or []]
                for metas in (found.get("metadatas") or [])]


def _set_search_ef(collection: Any, ef: int) -> None:
    """Give the collection the configured query breadth (mutable after creation, so an index built before
    the setting, or with another value, gets it on open). With Chroma's default the approximate search
    returned a different tail of the nearest chunks in different processes on one index, so the same
    question could get different passages (and answers) from one run to the next. A store that refuses the
    change is logged and searched as it is."""
    hnsw = (getattr(collection, "configuration_json", None) or {}).get("hnsw") or {}
    if hnsw.get("ef_search") == ef:
        return
    try:
        collection.modify(configuration={"hnsw": {"ef_search": ef}})
    except Exception:  # a server that cannot change it still searches, with its own breadth: said, not fatal
        log.warning("could not set the vector index's ef_search to %d; searching with %s", ef,
                    hnsw.get("ef_search", "Chroma's default"), exc_info=True)


def _metadata(record: ChunkRecord) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "article_id": record.article_id,
        "version": record.version,
        "chunk": record.chunk,
        "start": record.start,
        "end": record.end,
    }
    if record.published:
        meta["published"] = record.published
    if record.outlet:
        meta["outlet"] = record.outlet
    return meta
