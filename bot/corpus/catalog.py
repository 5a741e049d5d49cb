"""The catalog: SQLite source of truth for articles, their sentences and chunks, feeds and the audit log.

Chroma only holds vectors for chunks the catalog lists. Every article row carries a ``state``:
``pending`` (rows written, vectors maybe not), ``indexed`` (vectors written) or ``deleting`` (vectors
maybe still there). Ingestion moves rows pending → indexed after Chroma confirms; removal moves them
to deleting before touching Chroma. A metadata correction (same body) sets ``meta_stale`` until the
chunks' metadata in Chroma is rewritten. After a crash, :mod:`bot.corpus.ingest` finishes whatever a
row's state says was under way, which is what keeps catalog and index from disagreeing.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from bot.corpus.models import Article, ArticleDraft, AuditAction, AuditEntry, Feed
from bot.errors import ConfigError, InvalidInputError, NotFoundError
from bot.facts import store as facts_store
from bot.nlp.labels import Label
from bot.storage import SQLiteDatabase

SCHEMA_VERSION = 5  # read on open; older catalogs are migrated in order (MIGRATIONS, below the schema)
SKETCH_SIZE = 48

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    title TEXT NOT NULL,
    source TEXT NOT NULL,
    url TEXT,
    outlet TEXT,
    published TEXT,
    author TEXT,
    content_hash TEXT NOT NULL,
    body TEXT NOT NULL,
    added_by TEXT NOT NULL,
    added_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    duplicate_of INTEGER REFERENCES articles(id),
    indexed_at TEXT,
    title_key TEXT,
    meta_stale INTEGER NOT NULL DEFAULT 0,
    state TEXT NOT NULL CHECK (state IN ('pending', 'indexed', 'deleting'))
);
CREATE INDEX IF NOT EXISTS articles_hash ON articles(content_hash);
CREATE INDEX IF NOT EXISTS articles_source ON articles(source);
CREATE INDEX IF NOT EXISTS articles_url ON articles(url);
CREATE INDEX IF NOT EXISTS articles_state ON articles(state);
CREATE TABLE IF NOT EXISTS sentences (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    label TEXT NOT NULL,
    cues TEXT NOT NULL,
    PRIMARY KEY (article_id, idx)
);
CREATE TABLE IF NOT EXISTS sentence_vectors (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    vector BLOB NOT NULL,
    PRIMARY KEY (article_id, idx)
);
CREATE TABLE IF NOT EXISTS chunks (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    first_sentence INTEGER NOT NULL,
    last_sentence INTEGER NOT NULL,
    PRIMARY KEY (article_id, idx)
);
CREATE TABLE IF NOT EXISTS shingles (
    hash INTEGER NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS shingles_hash ON shingles(hash);
CREATE INDEX IF NOT EXISTS shingles_article ON shingles(article_id);
CREATE TABLE IF NOT EXISTS feeds (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    url TEXT NOT NULL UNIQUE,
    title TEXT,
    added_by TEXT NOT NULL,
    added_at TEXT NOT NULL,
    etag TEXT,
    last_modified TEXT,
    last_polled_at TEXT
);
CREATE TABLE IF NOT EXISTS quarantine (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    attempts INTEGER NOT NULL DEFAULT 0,
    failed INTEGER NOT NULL DEFAULT 0,
    reason TEXT NOT NULL DEFAULT '',
    at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    origin TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT ''
);
"""


def encode_vector(vector: Any) -> bytes:
    """A sentence vector as stored: float16 (half the space; labels do not need more precision)."""
    import numpy as np

    return bytes(np.asarray(vector, dtype=np.float16).tobytes())


def decode_vector(blob: bytes) -> Any:
    import numpy as np

    return np.frombuffer(blob, dtype=np.float16).astype(np.float32)


def _articles_columns(db: sqlite3.Connection) -> set[str]:
    return {str(row[1]) for row in db.execute("PRAGMA table_info(articles)")}


def _migrate_2_indexed_at(db: sqlite3.Connection) -> None:
    """When each article became searchable (what briefs report as new)."""
    if "indexed_at" not in _articles_columns(db):
        db.execute("ALTER TABLE articles ADD COLUMN indexed_at TEXT")


def _migrate_3_title_key(db: sqlite3.Connection) -> None:
    """Headlines normalised for the same-headline copy lookup, filled in for existing rows, and indexed."""
    if "title_key" not in _articles_columns(db):
        db.execute("ALTER TABLE articles ADD COLUMN title_key TEXT")
    db.executemany("UPDATE articles SET title_key = ? WHERE id = ? AND title_key IS NULL",
                   [(title_key(t), i) for i, t in db.execute("SELECT id, title FROM articles WHERE title_key IS NULL")])
    db.execute("CREATE INDEX IF NOT EXISTS articles_title_key ON articles(title_key)")


def _migrate_4_meta_stale(db: sqlite3.Connection) -> None:
    """Marks articles whose corrected front matter has not reached the index yet."""
    if "meta_stale" not in _articles_columns(db):
        db.execute("ALTER TABLE articles ADD COLUMN meta_stale INTEGER NOT NULL DEFAULT 0")


# Schema version N is reached by MIGRATIONS[N] (version 1 is the first release's tables).
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    2: _migrate_2_indexed_at,
    3: _migrate_3_title_key,
    4: _migrate_4_meta_stale,
    5: facts_store.migrate,  # the facts table (bot/facts/store.py)
}


@dataclass(frozen=True)
class SentenceRow:
    article_id: int
    idx: int
    start: int
    end: int
    label: Label
    cues: tuple[str, ...]


@dataclass(frozen=True)
class ChunkRow:
    article_id: int
    idx: int
    start: int
    end: int
    first_sentence: int
    last_sentence: int


@dataclass(frozen=True)
class FailedArticle:
    """A pending article set aside after recovery failed it again and again: why, and since when."""

    article: Article
    attempts: int
    reason: str
    at: datetime


@dataclass(frozen=True)
class PreparedArticle:
    """Everything derived from a draft before it touches storage (sentences, labels, chunks, shingles)."""

    draft: ArticleDraft
    sentences: Sequence[tuple[int, int, str, tuple[str, ...]]]
    chunks: Sequence[tuple[int, int, int, int]]
    shingles: frozenset[int]
    facts: Sequence[facts_store.PreparedFact] = ()


def title_key(title: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", title.lower()))


def utcnow() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def _article(row: sqlite3.Row) -> Article:
    return Article(
        id=row["id"],
        title=row["title"],
        source=row["source"],
        content_hash=row["content_hash"],
        added_by=row["added_by"],
        added_at=datetime.fromisoformat(row["added_at"]),
        url=row["url"],
        outlet=row["outlet"],
        published=date.fromisoformat(row["published"]) if row["published"] else None,
        author=row["author"],
        duplicate_of=row["duplicate_of"],
        n_chars=row["n_chars"],
    )


_ARTICLE_COLUMNS = (
    "id, title, source, url, outlet, published, author, content_hash, added_by, added_at, "
    "duplicate_of, length(body) AS n_chars"
)


class Catalog(SQLiteDatabase):
    """Thread-safe access to the catalog database (one connection, serialised by a lock)."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("PRAGMA foreign_keys=ON")
        self._db.executescript(_SCHEMA)
        self._migrate()

    def _migrate(self) -> None:
        """Bring an older catalog up to ``SCHEMA_VERSION``, one numbered migration at a time, in order.

        Each migration and its version bump commit together, so a kill mid-way leaves the previous version
        and the migration runs again (they are written to be repeatable). A fresh catalog (no version yet)
        runs every migration from 2 over the tables ``_SCHEMA`` just made, which already have each column.
        """
        stored = self.get_meta("schema_version")
        version = int(stored) if stored is not None else 0
        if version > SCHEMA_VERSION:
            raise ConfigError(
                f"The catalog {self.path.name} was written by a newer briefbot (schema {version}; this one "
                f"knows up to {SCHEMA_VERSION}). Upgrade briefbot to open it."
            )
        for target in range(max(version, 1) + 1, SCHEMA_VERSION + 1):
            with self.transaction() as db:
                MIGRATIONS[target](db)
                db.execute("INSERT INTO meta(key, value) VALUES ('schema_version', ?) "
                           "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (str(target),))

    # meta ---------------------------------------------------------------------------------------
    def get_meta(self, key: str) -> str | None:
        rows = self._query("SELECT value FROM meta WHERE key = ?", (key,))
        return str(rows[0]["value"]) if rows else None

    def generation(self) -> int:
        """A counter bumped by every change to indexed content; caches of the corpus key on it."""
        return int(self.get_meta("generation") or 0)

    @staticmethod
    def bump_generation(db: sqlite3.Connection) -> None:
        """Within a transaction that changed what readers of the corpus derive (facts, groups)."""
        Catalog._bump_generation(db)

    @staticmethod
    def _bump_generation(db: sqlite3.Connection) -> None:
        db.execute(
            "INSERT INTO meta(key, value) VALUES ('generation', '1') "
            "ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1"
        )

    # articles -----------------------------------------------------------------------------------
    def get(self, article_id: int) -> Article:
        rows = self._query(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ? AND state != 'deleting'",
                           (article_id,))
        if not rows:
            raise NotFoundError(f"There is no article #{article_id} in the corpus.")
        return _article(rows[0])

    def _rows_by_id(self, columns: str, article_ids: Iterable[int]) -> Iterator[sqlite3.Row]:
        """Article rows for many ids, in batches that stay under SQLite's parameter limit."""
        ids = sorted(set(article_ids))
        for begin in range(0, len(ids), 500):
            part = ids[begin : begin + 500]
            marks = ",".join("?" * len(part))
            yield from self._query(f"SELECT {columns} FROM articles WHERE id IN ({marks})", part)

    def get_many(self, article_ids: Iterable[int]) -> dict[int, Article]:
        return {row["id"]: _article(row) for row in self._rows_by_id(_ARTICLE_COLUMNS, article_ids)}

    def body(self, article_id: int) -> str:
        rows = self._query("SELECT body FROM articles WHERE id = ?", (article_id,))
        if not rows:
            raise NotFoundError(f"There is no article #{article_id} in the corpus.")
        return str(rows[0]["body"])

    def bodies(self, article_ids: Iterable[int]) -> dict[int, str]:
        return {row["id"]: row["body"] for row in self._rows_by_id("id, body", article_ids)}

    def list_articles(self, include_duplicates: bool = True, state: str | None = None) -> list[Article]:
        """Articles in id order; ``state`` narrows to ``indexed``, ``pending`` (still to finish) or
        ``failed`` (set aside by recovery)."""
        where = "state != 'deleting'" + ("" if include_duplicates else " AND duplicate_of IS NULL")
        failed = "SELECT article_id FROM quarantine WHERE failed=1"
        if state == "indexed":
            where += " AND state = 'indexed'"
        elif state == "pending":
            where += f" AND state = 'pending' AND id NOT IN ({failed})"
        elif state == "failed":
            where += f" AND state = 'pending' AND id IN ({failed})"
        elif state is not None:
            raise InvalidInputError("A state is one of indexed, pending or failed.")
        return [_article(r) for r in self._query(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE {where} "
                                                 "ORDER BY id")]

    def articles_added_since(self, since: datetime, until: datetime | None = None) -> list[Article]:
        """Articles that became searchable in (since, until]: what a brief for that window covers."""
        until_s = (until or datetime.max.replace(tzinfo=UTC)).isoformat()
        rows = self._query(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE state = 'indexed' "
            "AND COALESCE(indexed_at, updated_at) > ? AND COALESCE(indexed_at, updated_at) <= ? "
            "ORDER BY COALESCE(indexed_at, updated_at), id",
            (since.isoformat(), until_s),
        )
        return [_article(r) for r in rows]

    def count(self) -> dict[str, int]:
        rows = self._query(
            "SELECT COUNT(*) AS n, SUM(duplicate_of IS NOT NULL) AS d, SUM(state = 'pending') AS p "
            "FROM articles WHERE state != 'deleting'"
        )
        failed = self._query("SELECT COUNT(*) AS n FROM quarantine q JOIN articles a ON a.id = q.article_id "
                             "WHERE q.failed = 1 AND a.state = 'pending'")
        chunks = self._query(
            "SELECT COUNT(*) AS n FROM chunks JOIN articles ON articles.id = chunks.article_id "
            "WHERE articles.state = 'indexed'"
        )
        return {
            "articles": int(rows[0]["n"] or 0),
            "duplicates": int(rows[0]["d"] or 0),
            "pending": int(rows[0]["p"] or 0),
            "failed": int(failed[0]["n"] or 0),
            "chunks": int(chunks[0]["n"] or 0),
        }

    def find_by_hash(self, content_hash: str) -> Article | None:
        rows = self._query(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE content_hash = ? AND state != 'deleting' "
            "ORDER BY duplicate_of IS NOT NULL, id LIMIT 1",
            (content_hash,),
        )
        return _article(rows[0]) if rows else None

    def find_by_origin(self, draft: ArticleDraft) -> Article | None:
        """The article this draft is a new version of: same canonical URL, else same source."""
        if draft.url:
            rows = self._query(
                f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE url = ? AND state != 'deleting' "
                "ORDER BY id LIMIT 1", (draft.url,)
            )
            if rows:
                return _article(rows[0])
        rows = self._query(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE source = ? AND state != 'deleting' "
            "ORDER BY id LIMIT 1", (draft.source,)
        )
        return _article(rows[0]) if rows else None

    def find_near_duplicate(
        self, shingles: frozenset[int], threshold: float, exclude: int | None = None
    ) -> int | None:
        """An indexed original sharing at least ``threshold`` of the smaller article's shingles.

        Candidates come from a fixed-size sample of the shingles (the numerically smallest, a bottom-k
        sketch), so the lookup costs the same however many articles share common phrases; only the
        few best candidates are then compared exactly.
        """
        if not shingles:
            return None
        sample = sorted(shingles)[:SKETCH_SIZE]
        marks = ",".join("?" * len(sample))
        with self._lock:
            candidates = self._db.execute(
                f"""
                SELECT s.article_id AS id, COUNT(*) AS hits FROM shingles s
                JOIN articles a ON a.id = s.article_id
                WHERE s.hash IN ({marks}) AND a.duplicate_of IS NULL AND a.state != 'deleting' AND a.id != ?
                GROUP BY s.article_id ORDER BY hits DESC LIMIT 5
                """,
                (*sample, exclude if exclude is not None else -1),
            ).fetchall()
            if not candidates:
                return None
            self._db.execute("CREATE TEMP TABLE IF NOT EXISTS probe (hash INTEGER PRIMARY KEY)")
            self._db.execute("DELETE FROM probe")
            self._db.executemany("INSERT OR IGNORE INTO probe(hash) VALUES (?)", [(h,) for h in shingles])
            for row in candidates:
                shared, size = self._db.execute(
                    "SELECT SUM(hash IN (SELECT hash FROM probe)), COUNT(*) FROM shingles WHERE article_id = ?",
                    (row["id"],),
                ).fetchone()
                if (shared or 0) / max(1, min(len(shingles), size)) >= threshold:
                    return int(row["id"])
        return None

    def same_title(self, title: str, exclude: int | None = None) -> list[int]:
        """Indexed originals whose headline is the same once case and punctuation are ignored."""
        key = title_key(title)
        if len(key.split()) < 5:  # short headlines ("Live updates") say nothing about sameness
            return []
        rows = self._query(
            "SELECT id FROM articles WHERE title_key = ? AND duplicate_of IS NULL AND state != 'deleting' "
            "AND id != ?",
            (key, exclude if exclude is not None else -1),
        )
        return [int(r["id"]) for r in rows]

    def insert_pending(
        self, prepared: PreparedArticle, added_by: str, duplicate_of: int | None, db: sqlite3.Connection
    ) -> int:
        draft = prepared.draft
        now = utcnow().isoformat()
        cursor = db.execute(
            "INSERT INTO articles(title, title_key, source, url, outlet, published, author, content_hash, body, "
            "added_by, added_at, updated_at, duplicate_of, state) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                draft.title, title_key(draft.title), draft.source, draft.url, draft.outlet,
                draft.published.isoformat() if draft.published else None, draft.author,
                draft.content_hash, draft.text, added_by, now, now, duplicate_of,
                "pending" if duplicate_of is None else "indexed",
            ),
        )
        article_id = int(cursor.lastrowid or 0)
        self._write_derived(db, article_id, prepared)
        return article_id

    def update_metadata(self, article_id: int, draft: ArticleDraft, db: sqlite3.Connection) -> None:
        """A corrected title, URL, outlet, date or author for an unchanged body; what the draft does not
        know is kept. Flags the row until the index's copy of the metadata is rewritten too."""
        db.execute(
            "UPDATE articles SET title=?, title_key=?, url=COALESCE(?, url), outlet=COALESCE(?, outlet), "
            "published=COALESCE(?, published), author=COALESCE(?, author), updated_at=?, meta_stale=1 "
            "WHERE id=?",
            (
                draft.title, title_key(draft.title), draft.url, draft.outlet,
                draft.published.isoformat() if draft.published else None, draft.author,
                utcnow().isoformat(), article_id,
            ),
        )
        self._bump_generation(db)

    @staticmethod
    def link_copy(article_id: int, original: int, db: sqlite3.Connection) -> None:
        """A new version that still copies an indexed original: linked, nothing of its own to index."""
        db.execute("UPDATE articles SET state='indexed', duplicate_of=? WHERE id=?", (original, article_id))

    @staticmethod
    def unlink_copy(article_id: int, db: sqlite3.Connection) -> None:
        """A new version that no longer copies anything: an original of its own."""
        db.execute("UPDATE articles SET duplicate_of=NULL WHERE id=?", (article_id,))

    def meta_stale(self) -> list[int]:
        """Indexed articles whose chunks in the index still carry metadata from before a correction."""
        return [int(r["id"]) for r in self._query(
            "SELECT id FROM articles WHERE meta_stale=1 AND state='indexed' ORDER BY id")]

    def clear_meta_stale(self, article_ids: Sequence[int]) -> None:
        with self.transaction() as db:
            db.executemany("UPDATE articles SET meta_stale=0 WHERE id=?", [(i,) for i in article_ids])

    def replace_pending(self, article_id: int, prepared: PreparedArticle, db: sqlite3.Connection) -> None:
        """A new version of an existing article: new body and derived rows, back to pending."""
        draft = prepared.draft
        db.execute(
            "UPDATE articles SET title=?, title_key=?, url=COALESCE(?, url), outlet=COALESCE(?, outlet), "
            "published=COALESCE(?, published), author=COALESCE(?, author), content_hash=?, body=?, "
            "updated_at=?, state='pending' WHERE id=?",
            (
                draft.title, title_key(draft.title), draft.url, draft.outlet,
                draft.published.isoformat() if draft.published else None, draft.author,
                draft.content_hash, draft.text, utcnow().isoformat(), article_id,
            ),
        )
        for table in ("sentences", "sentence_vectors", "chunks", "shingles", "facts"):
            db.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
        db.execute("DELETE FROM quarantine WHERE article_id = ?", (article_id,))  # a new version starts afresh
        self._write_derived(db, article_id, prepared)

    @staticmethod
    def _write_derived(db: sqlite3.Connection, article_id: int, prepared: PreparedArticle) -> None:
        db.executemany(
            'INSERT INTO sentences(article_id, idx, start, "end", label, cues) VALUES (?,?,?,?,?,?)',
            [(article_id, i, s, e, lab, json.dumps(list(cues))) for i, (s, e, lab, cues)
             in enumerate(prepared.sentences)],
        )
        db.executemany(
            'INSERT INTO chunks(article_id, idx, start, "end", first_sentence, last_sentence) '
            "VALUES (?,?,?,?,?,?)",
            [(article_id, i, s, e, f, la) for i, (s, e, f, la) in enumerate(prepared.chunks)],
        )
        db.executemany(
            "INSERT INTO shingles(hash, article_id) VALUES (?, ?)",
            [(h, article_id) for h in prepared.shingles],
        )
        facts_store.insert(db, article_id, prepared.facts)

    def mark_indexed(self, article_ids: Sequence[int],
                     fact_vectors: Sequence[tuple[int, int, Any]] = ()) -> None:
        """Articles whose chunks are in the index; their facts get their vectors and join their groups
        in the same transaction."""
        with self.transaction() as db:
            now = utcnow().isoformat()
            db.executemany(
                "UPDATE articles SET state='indexed', indexed_at=?, meta_stale=0 WHERE id=? AND state='pending'",
                [(now, i) for i in article_ids],
            )
            db.executemany("DELETE FROM quarantine WHERE article_id=?", [(i,) for i in article_ids])
            facts_store.set_vectors(db, fact_vectors)
            facts_store.regroup(db, facts_store.events_of(db, article_ids))
            self._bump_generation(db)

    def pending(self) -> list[int]:
        """Pending articles recovery should finish: not those set aside as failed."""
        return [int(r["id"]) for r in self._query(
            "SELECT id FROM articles WHERE state='pending' "
            "AND id NOT IN (SELECT article_id FROM quarantine WHERE failed=1) ORDER BY id")]

    # quarantine ---------------------------------------------------------------------------------
    def record_failure(self, article_id: int, reason: str, max_attempts: int, actor: str, origin: str) -> bool:
        """Count one failed attempt to index a pending article; at ``max_attempts`` it is set aside as
        failed (audited), so recovery stops retrying it. Returns whether it is now failed."""
        with self.transaction() as db:
            db.execute(
                "INSERT INTO quarantine(article_id, attempts, reason, at) VALUES (?, 1, ?, ?) "
                "ON CONFLICT(article_id) DO UPDATE SET attempts = attempts + 1, reason = excluded.reason, "
                "at = excluded.at",
                (article_id, reason, utcnow().isoformat()),
            )
            attempts = int(db.execute("SELECT attempts FROM quarantine WHERE article_id=?", (article_id,))
                           .fetchone()[0])
            if attempts < max_attempts:
                return False
            db.execute("UPDATE quarantine SET failed=1 WHERE article_id=?", (article_id,))
            self.audit(db, actor, "article.quarantine", f"article:{article_id}", origin,
                       f"failed {attempts} times: {reason}")
            return True

    def release(self, article_id: int, actor: str, origin: str) -> None:
        """Put a failed article back in line for indexing (its attempts start over), audited."""
        with self.transaction() as db:
            row = db.execute("SELECT failed FROM quarantine WHERE article_id=?", (article_id,)).fetchone()
            if row is None or not row[0]:
                raise InvalidInputError(f"Article #{article_id} has not failed; nothing to retry.")
            db.execute("DELETE FROM quarantine WHERE article_id=?", (article_id,))
            self.audit(db, actor, "article.retry", f"article:{article_id}", origin)

    def failed(self) -> list[FailedArticle]:
        """Articles set aside by recovery, oldest first."""
        rows = self._query(
            f"SELECT {_ARTICLE_COLUMNS}, q.attempts AS q_attempts, q.reason AS q_reason, q.at AS q_at "
            "FROM articles JOIN quarantine q ON q.article_id = articles.id "
            "WHERE q.failed = 1 AND articles.state = 'pending' ORDER BY articles.id"
        )
        return [FailedArticle(_article(r), int(r["q_attempts"]), str(r["q_reason"]),
                              datetime.fromisoformat(r["q_at"])) for r in rows]

    def index_problem(self, article_id: int) -> str | None:
        """None when the article is indexed; else its last recorded failure (or that it is pending)."""
        rows = self._query("SELECT a.state, q.reason FROM articles a LEFT JOIN quarantine q ON q.article_id = a.id "
                           "WHERE a.id = ?", (article_id,))
        if not rows:
            raise NotFoundError(f"There is no article #{article_id} in the corpus.")
        if rows[0]["state"] == "indexed":
            return None
        return str(rows[0]["reason"] or "it is still waiting to be indexed")

    def failed_ids(self) -> set[int]:
        return {int(r[0]) for r in self._query("SELECT article_id FROM quarantine WHERE failed=1")}

    def deleting(self) -> list[int]:
        return [int(r["id"]) for r in self._query("SELECT id FROM articles WHERE state='deleting' ORDER BY id")]

    def mark_deleting(self, article_id: int, db: sqlite3.Connection) -> list[int]:
        """Start removing an article; promote its first syndicated copy to original. Returns promoted ids."""
        db.execute("UPDATE articles SET state='deleting' WHERE id=?", (article_id,))
        copies = [int(r[0]) for r in db.execute(
            "SELECT id FROM articles WHERE duplicate_of=? AND state!='deleting' ORDER BY id", (article_id,)
        )]
        if not copies:
            return []
        heir, rest = copies[0], copies[1:]
        db.execute("UPDATE articles SET duplicate_of=NULL, state='pending', updated_at=? WHERE id=?",
                   (utcnow().isoformat(), heir))
        db.executemany("UPDATE articles SET duplicate_of=? WHERE id=?", [(heir, c) for c in rest])
        return [heir]

    def purge(self, article_ids: Sequence[int]) -> None:
        """Drop rows whose vectors are gone (state 'deleting')."""
        with self.transaction() as db:
            events = facts_store.events_of(db, article_ids)
            db.executemany("DELETE FROM articles WHERE id=? AND state='deleting'", [(i,) for i in article_ids])
            facts_store.regroup(db, events)
            self._bump_generation(db)

    def duplicates_of(self, article_id: int) -> list[Article]:
        rows = self._query(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE duplicate_of=? AND state!='deleting'"
                           " ORDER BY id", (article_id,))
        return [_article(r) for r in rows]

    # sentences and chunks -----------------------------------------------------------------------
    def sentences(self, article_id: int) -> list[SentenceRow]:
        rows = self._query(
            'SELECT article_id, idx, start, "end", label, cues FROM sentences WHERE article_id=? ORDER BY idx',
            (article_id,),
        )
        return [SentenceRow(r[0], r[1], r[2], r[3], r[4], tuple(json.loads(r[5]))) for r in rows]

    def chunks(self, article_id: int) -> list[ChunkRow]:
        rows = self._query(
            'SELECT article_id, idx, start, "end", first_sentence, last_sentence FROM chunks '
            "WHERE article_id=? ORDER BY idx", (article_id,),
        )
        return [ChunkRow(*tuple(r)) for r in rows]

    def iter_indexed_chunks(self) -> Iterator[tuple[ChunkRow, str, str]]:
        """Every indexed chunk with its text and its article's title (for the lexical index)."""
        with self._lock:
            rows = self._db.execute(
                'SELECT c.article_id, c.idx, c.start, c."end", c.first_sentence, c.last_sentence, '
                "substr(a.body, c.start + 1, c.\"end\" - c.start), a.title "
                "FROM chunks c JOIN articles a ON a.id = c.article_id WHERE a.state='indexed' "
                "ORDER BY c.article_id, c.idx"
            ).fetchall()
        for r in rows:
            yield ChunkRow(r[0], r[1], r[2], r[3], r[4], r[5]), r[6], r[7]

    def relabel(self, labeller: Any, version: str, batch: int = 200) -> int:
        """Recompute stored sentence labels when the labeller's version changed (no re-embedding needed).

        Article by article in batches, so memory stays flat however large the corpus; the new version
        is recorded only after the last batch, so an interrupted run simply starts over next time. A
        labeller that reads sentence vectors (``reuses_vectors``) gets the ones stored at ingest, so
        nothing is embedded again; a sentence stored before vectors were kept is embedded once and its
        vector kept. How many labels changed is recorded (``labeller_relabel`` in meta, see
        :meth:`last_relabel`).
        """
        previous = self.get_meta("labeller_version")
        if previous == version:
            return 0
        reuses = bool(getattr(labeller, "reuses_vectors", False))
        article_ids = [r[0] for r in self._query("SELECT DISTINCT article_id FROM sentences ORDER BY article_id")]
        done = changed = embedded = 0
        for begin in range(0, len(article_ids), batch):
            ids = article_ids[begin : begin + batch]
            bodies = self.bodies(ids)
            marks = ",".join("?" * len(ids))
            rows = self._query(
                f'SELECT article_id, idx, start, "end", label FROM sentences WHERE article_id IN ({marks})', ids
            )
            texts = [bodies[r[0]][r[2] : r[3]] for r in rows]
            if reuses:
                stored = self.sentence_vectors(ids)
                vectors = [stored.get((r[0], r[1])) for r in rows]
                missing = [k for k, v in enumerate(vectors) if v is None]
                embedded += len(missing)
                results, used = labeller.label_with_vectors(texts, vectors)
            else:
                results, missing, used = labeller(texts), [], []
            with self.transaction() as db:
                db.executemany(
                    "UPDATE sentences SET label=?, cues=? WHERE article_id=? AND idx=?",
                    [(res.label, json.dumps(list(res.cues)), r[0], r[1]) for res, r in zip(results, rows, strict=True)],
                )
                db.executemany("UPDATE facts SET label=? WHERE article_id=? AND sentence=?",
                               [(res.label, r[0], r[1]) for res, r in zip(results, rows, strict=True)])
                db.executemany(  # vectors embedded just now are kept, so the next relabel embeds nothing
                    "INSERT OR IGNORE INTO sentence_vectors(article_id, idx, vector) VALUES (?,?,?)",
                    [(rows[k][0], rows[k][1], encode_vector(used[k])) for k in missing],
                )
            changed += sum(res.label != r[4] for res, r in zip(results, rows, strict=True))
            done += len(rows)
        summary = {"from": previous, "to": version, "sentences": done, "changed": changed, "embedded": embedded,
                   "at": utcnow().isoformat()}
        with self.transaction() as db:
            db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('labeller_version', ?)", (version,))
            db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('labeller_relabel', ?)", (json.dumps(summary),))
            self._bump_generation(db)
        return done

    def last_relabel(self) -> dict[str, Any] | None:
        """The last relabelling: versions, sentences relabelled, labels changed, sentences embedded, when."""
        raw = self.get_meta("labeller_relabel")
        return json.loads(raw) if raw else None

    def sentence_vectors(self, article_ids: Sequence[int]) -> dict[tuple[int, int], Any]:
        """Stored sentence vectors by (article id, sentence index), as float32 arrays."""
        if not article_ids:
            return {}
        marks = ",".join("?" * len(article_ids))
        rows = self._query(f"SELECT article_id, idx, vector FROM sentence_vectors WHERE article_id IN ({marks})",
                           list(article_ids))
        return {(r[0], r[1]): decode_vector(r[2]) for r in rows}

    def chunk_sentence_vectors(self, spans: Sequence[tuple[int, int, int]]) -> dict[tuple[int, int], Any]:
        """Stored sentence vectors of some chunks, by (article id, sentence index): ``spans`` are (article id,
        first sentence, last sentence), so a long article's other sentences are not read."""
        if not spans:
            return {}
        where = " OR ".join(["(article_id = ? AND idx BETWEEN ? AND ?)"] * len(spans))
        rows = self._query(f"SELECT article_id, idx, vector FROM sentence_vectors WHERE {where}",
                           [v for span in spans for v in span])
        return {(r[0], r[1]): decode_vector(r[2]) for r in rows}

    def store_sentence_labels(
        self, article_id: int, labelled: Sequence[tuple[int, str, Sequence[str], Any]], db: sqlite3.Connection
    ) -> None:
        """Final labels of an article's sentences with their vectors: (idx, label, cues, vector) each."""
        db.executemany(
            "UPDATE sentences SET label=?, cues=? WHERE article_id=? AND idx=?",
            [(label, json.dumps(list(cues)), article_id, idx) for idx, label, cues, _ in labelled],
        )
        db.executemany(
            "INSERT OR REPLACE INTO sentence_vectors(article_id, idx, vector) VALUES (?,?,?)",
            [(article_id, idx, encode_vector(v)) for idx, _, _, v in labelled if v is not None],
        )
        # the facts read from these sentences carry their sentence's label
        db.executemany("UPDATE facts SET label=? WHERE article_id=? AND sentence=?",
                       [(label, article_id, idx) for idx, label, _, _ in labelled])

    # feeds --------------------------------------------------------------------------------------
    def add_feed(self, url: str, added_by: str, title: str | None, db: sqlite3.Connection) -> Feed:
        existing = db.execute("SELECT id FROM feeds WHERE url=?", (url,)).fetchone()
        if existing:
            raise InvalidInputError(f"That feed is already followed (feed #{existing[0]}).")
        cursor = db.execute(
            "INSERT INTO feeds(url, title, added_by, added_at) VALUES (?,?,?,?)",
            (url, title, added_by, utcnow().isoformat()),
        )
        return self._feed(db.execute("SELECT * FROM feeds WHERE id=?", (cursor.lastrowid,)).fetchone())

    def remove_feed(self, feed_ref: str, db: sqlite3.Connection) -> Feed:
        row = db.execute("SELECT * FROM feeds WHERE url=? OR CAST(id AS TEXT)=?", (feed_ref, feed_ref)).fetchone()
        if row is None:
            raise NotFoundError("No followed feed matches that URL or id.")
        db.execute("DELETE FROM feeds WHERE id=?", (row["id"],))
        return self._feed(row)

    def feeds(self) -> list[Feed]:
        return [self._feed(r) for r in self._query("SELECT * FROM feeds ORDER BY id")]

    def update_feed_state(self, feed_id: int, etag: str | None, last_modified: str | None) -> None:
        with self.transaction() as db:
            db.execute(
                "UPDATE feeds SET etag=COALESCE(?, etag), last_modified=COALESCE(?, last_modified), "
                "last_polled_at=? WHERE id=?",
                (etag, last_modified, utcnow().isoformat(), feed_id),
            )

    @staticmethod
    def _feed(row: sqlite3.Row) -> Feed:
        return Feed(
            id=row["id"], url=row["url"], title=row["title"], added_by=row["added_by"],
            added_at=datetime.fromisoformat(row["added_at"]), etag=row["etag"],
            last_modified=row["last_modified"],
            last_polled_at=datetime.fromisoformat(row["last_polled_at"]) if row["last_polled_at"] else None,
        )

    # audit --------------------------------------------------------------------------------------
    @staticmethod
    def audit(db: sqlite3.Connection, actor: str, action: AuditAction, target: str, origin: str,
              detail: str = "") -> None:
        """Record a change in the same transaction as the change itself, so neither lands alone."""
        db.execute(
            "INSERT INTO audit(at, actor, action, target, origin, detail) VALUES (?,?,?,?,?,?)",
            (utcnow().isoformat(), actor, action, target, origin, detail),
        )

    def audit_log(self, limit: int = 50) -> list[AuditEntry]:
        rows = self._query("SELECT * FROM audit ORDER BY id DESC LIMIT ?", (limit,))
        return [
            AuditEntry(r["id"], datetime.fromisoformat(r["at"]), r["actor"], r["action"], r["target"],
                       r["origin"], r["detail"])
            for r in rows
        ]
