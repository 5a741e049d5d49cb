"""Facts in the catalog's SQLite: one row per fact, with its sentence's vector and its group.

Rows are written with the article's other derived rows (same transaction, article ``pending``, no
vector, no group). When the article's chunks are indexed, the same transaction that marks it
``indexed`` stores its facts' vectors and regroups the events they belong to; removal regroups in the
transaction that purges the row. So the groups always describe exactly the indexed originals' facts,
and a kill anywhere leaves rows whose article state says what recovery must finish.
"""

from __future__ import annotations

import hashlib
import inspect
import re
import sqlite3
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from bot.facts.group import fitted_lone_threshold, fitted_threshold, group_event
from bot.facts.read import (
    EVENTS,
    MODEL_PROPERTIES,
    NOT_STORY_EVENTS,
    ROLE,
    SHARED_OFFICES,
    UNCOMPARED,
    ReadFact,
    bare_office_of,
    given_name_of,
    identity_of,
    main_model,
    model_of,
    read_facts,
    role_of,
    spelled_alike,
)

__all__ = ["EVENTS", "version"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS facts (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    sentence INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    value_start INTEGER NOT NULL,
    value_end INTEGER NOT NULL,
    event TEXT NOT NULL,
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    written TEXT NOT NULL,
    cue TEXT NOT NULL,
    names TEXT NOT NULL DEFAULT '',
    label TEXT NOT NULL,
    vector BLOB,
    group_key TEXT,
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX IF NOT EXISTS facts_event ON facts(event);
CREATE INDEX IF NOT EXISTS facts_article ON facts(article_id);
CREATE INDEX IF NOT EXISTS facts_group ON facts(group_key);
"""

def migrate(db: sqlite3.Connection) -> None:
    """The catalog's migration to schema 5: the facts table (repeatable; statement by statement, since
    ``executescript`` would commit the migration's transaction halfway)."""
    for statement in SCHEMA.split(";"):
        if statement.strip():
            db.execute(statement)
    columns = {row[1] for row in db.execute("PRAGMA table_info(facts)")}
    if "names" not in columns:
        db.execute("ALTER TABLE facts ADD COLUMN names TEXT NOT NULL DEFAULT ''")


def version() -> str:
    """Changes when the fact reader or the value reader does: stored facts are then re-read (see
    ``CorpusService.refresh_facts``). A new grouping threshold only regroups."""
    from bot.facts import read
    from bot.nlp import values

    digest = hashlib.sha256()
    for module in (read, values):
        digest.update(inspect.getsource(module).encode())
    digest.update(inspect.getsource(prepare_facts).encode())  # it gives a model's figure the article's model
    return digest.hexdigest()[:16]


def grouping_version() -> str:
    """Changes when the grouping rule or its fitted threshold does: groups are then recomputed."""
    from bot.facts import group

    digest = hashlib.sha256(inspect.getsource(group).encode())
    digest.update(inspect.getsource(group_keys).encode())
    digest.update(inspect.getsource(_bare_office_holder).encode())
    digest.update(group.FITTED.read_bytes())
    return digest.hexdigest()[:16]


# (sentence idx, sentence start, sentence end, label, fact)
PreparedFact = tuple[int, int, int, str, ReadFact]
_WORD = re.compile(r"[\w'’-]+")


FRAGMENT_WORDS = 4  # "Forty-eight hours' notice.": too few words to say what happening it is of


def prepare_facts(body: str, sentences: Sequence[tuple[int, int, str, tuple[str, ...]]]) -> list[PreparedFact]:
    """The facts of an article's sentences (pure; runs while the article is prepared). A fact of a fragment
    followed by a sentence on the same line spans both: the next sentence says what the fragment is about,
    for the fact's meaning (its group) and its quote."""
    out: list[PreparedFact] = []
    subject: list[str | None] = []  # the model the article names most, found once if needed
    for i, (start, end, label, _cues) in enumerate(sentences):
        quoted_end = end
        if i + 1 < len(sentences) and len(_WORD.findall(body[start:end])) <= FRAGMENT_WORDS \
                and "\n" not in body[end : sentences[i + 1][0]]:
            quoted_end = sentences[i + 1][1]
        for fact in read_facts(body[start:end]):
            if fact.event in MODEL_PROPERTIES and model_of(fact.names) is None:
                if not subject:
                    subject.append(main_model(body))
                if subject[0] is not None:  # "these models feature a 500k-token context window"
                    fact = replace(fact, names=tuple(sorted({*fact.names, subject[0]})))
            out.append((i, start, quoted_end, label, fact))
    return out


def insert(db: sqlite3.Connection, article_id: int, facts: Sequence[PreparedFact]) -> None:
    db.execute("DELETE FROM facts WHERE article_id = ?", (article_id,))
    db.executemany(
        'INSERT INTO facts(article_id, idx, sentence, start, "end", value_start, value_end, event, kind, value, '
        "written, cue, names, label) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [(article_id, n, i, s, e, s + f.start, s + f.end, f.event, f.kind, f.value, f.written, f.cue,
          " ".join(f.names), label)
         for n, (i, s, e, label, f) in enumerate(facts)],
    )


def unembedded(db: sqlite3.Connection, article_ids: Sequence[int]) -> list[tuple[int, int, str]]:
    """(article, fact, sentence text) of facts still without a vector."""
    out: list[tuple[int, int, str]] = []
    for begin in range(0, len(article_ids), 500):
        part = list(article_ids[begin : begin + 500])
        marks = ",".join("?" * len(part))
        out.extend((int(r[0]), int(r[1]), str(r[2])) for r in db.execute(
            'SELECT f.article_id, f.idx, substr(a.body, f.start + 1, f."end" - f.start) FROM facts f '
            f"JOIN articles a ON a.id = f.article_id WHERE f.vector IS NULL AND f.article_id IN ({marks}) "
            "ORDER BY f.article_id, f.idx", part))
    return out


def set_vectors(db: sqlite3.Connection, vectors: Iterable[tuple[int, int, Any]]) -> None:
    db.executemany("UPDATE facts SET vector = ? WHERE article_id = ? AND idx = ?",
                   [(np.asarray(v, dtype=np.float16).tobytes(), a, i) for a, i, v in vectors])


def _vector(blob: bytes) -> Any:
    """A fact's sentence vector as read back (stored float16 by :func:`set_vectors`)."""
    return np.frombuffer(blob, dtype=np.float16).astype(np.float32)


def fact_vectors(db: sqlite3.Connection, group_keys: Iterable[str]) -> dict[tuple[int, int], Any]:
    """The stored sentence vectors of these groups' facts, by (article id, fact index)."""
    keys = sorted(set(group_keys))
    out: dict[tuple[int, int], Any] = {}
    for begin in range(0, len(keys), 500):
        part = keys[begin : begin + 500]
        marks = ",".join("?" * len(part))
        for article_id, idx, blob in db.execute(
                f"SELECT article_id, idx, vector FROM facts WHERE vector IS NOT NULL AND group_key IN ({marks})", part):
            out[(article_id, idx)] = _vector(blob)
    return out


def events_of(db: sqlite3.Connection, article_ids: Sequence[int]) -> set[str]:
    events: set[str] = set()
    for begin in range(0, len(article_ids), 500):
        part = list(article_ids[begin : begin + 500])
        marks = ",".join("?" * len(part))
        events.update(r[0] for r in db.execute(f"SELECT DISTINCT event FROM facts WHERE article_id IN ({marks})",
                                               part))
    return events


def visible_rows(db: sqlite3.Connection, event: str) -> list[sqlite3.Row]:
    """An event's facts that count: those of indexed originals (not syndicated copies, not being removed)."""
    return db.execute(
        "SELECT f.article_id, f.idx, f.vector, f.value, f.names FROM facts f JOIN articles a ON a.id = f.article_id "
        "WHERE f.event = ? AND a.state = 'indexed' AND a.duplicate_of IS NULL AND f.vector IS NOT NULL "
        "ORDER BY f.article_id, f.idx", (event,)).fetchall()


def regroup(db: sqlite3.Connection, events: Iterable[str], threshold: float | None = None) -> None:
    """Recompute the groups of these events from the facts that count now (deterministic: the same
    facts always give the same groups, whatever order articles came in). A threshold given applies to
    every fact; the fitted ones are used otherwise."""
    lone = threshold  # a threshold given holds for values stated once too; else the fitted ones apply
    threshold = fitted_threshold() if threshold is None else threshold
    for event in sorted(set(events)):
        rows = visible_rows(db, event)
        db.execute("UPDATE facts SET group_key = NULL WHERE event = ?", (event,))
        if not rows:
            continue
        db.executemany("UPDATE facts SET group_key = ? WHERE article_id = ? AND idx = ?",
                       [(key, r[0], r[1]) for key, r in zip(group_keys(event, rows, threshold, lone), rows,
                                                              strict=True)])


def group_keys(event: str, rows: Sequence[sqlite3.Row], threshold: float,
               lone_threshold: float | None = None) -> list[str]:
    """Each visible fact's group key (``event/article.fact`` of its group's first fact). Dates that are not
    events of the story (a report's, a deadline) and facts of events never compared (``UNCOMPARED``) each stand
    alone, ungrouped."""
    if event in NOT_STORY_EVENTS or event in UNCOMPARED:
        return [f"{event}/{r[0]}.{r[1]}" for r in rows]
    if event in MODEL_PROPERTIES or event == ROLE.key:  # (a price: one model's, in one direction)
        # one model's figure, or who holds one office, is one quantity: grouped by the model or office, not by meaning
        first: dict[str, str] = {}
        identities = [identity_of(event, r[4].split()) or _bare_office_holder(r, rows) for r in rows]
        return [first.setdefault(key, f"{event}/{r[0]}.{r[1]}") if key else f"{event}/{r[0]}.{r[1]}"
                for key, r in zip(identities, rows, strict=True)]
    lone = fitted_lone_threshold() if lone_threshold is None else lone_threshold
    keys = group_event([(r[3], _vector(r[2]), r[4].split())
                        for r in rows], threshold, max(lone, threshold))
    return [f"{event}/{rows[k][0]}.{rows[k][1]}" for k in keys]


def _bare_office_holder(row: sqlite3.Row, rows: Sequence[sqlite3.Row]) -> str | None:
    """The office a fact naming its office bare ("CEO Andy Jassey") is of: the one, of that office word, most
    often held by someone of the same given name whose surname is spelled alike ("Amazon CEO Andy Jassy"),
    so the two spellings are set against each other; None when no office fits."""
    names = row[4].split()
    office, given = bare_office_of(names), given_name_of(names)
    if office is None or given is None or office in SHARED_OFFICES:
        return None
    fits: Counter[str] = Counter()
    for other in rows:
        other_names = other[4].split()
        key = role_of(other_names)
        if key and key.endswith("-" + office) and given_name_of(other_names) == given \
                and spelled_alike(str(other[3]), str(row[3])):
            fits[key] += 1
    return fits.most_common(1)[0][0] if fits else None


@dataclass(frozen=True)
class FactRow:
    """A stored fact with what a reader needs to see and cite it."""

    article_id: int
    idx: int
    sentence: int
    start: int
    end: int
    event: str
    kind: str
    value: str
    written: str
    label: str
    group_key: str
    outlet: str
    published: str | None
    names: str = ""  # space-separated: the names in the value's clause (see ``bot.facts.read``)


def grouped_facts(db: sqlite3.Connection, events: Iterable[str] | None = None) -> list[FactRow]:
    """Every grouped fact of indexed originals (optionally of some events only)."""
    where = ""
    params: list[str] = []
    if events is not None:
        chosen = sorted(set(events))
        if not chosen:
            return []
        where = f" AND f.event IN ({','.join('?' * len(chosen))})"
        params = chosen
    rows = db.execute(
        'SELECT f.article_id, f.idx, f.sentence, f.start, f."end", f.event, f.kind, f.value, f.written, '
        "COALESCE(s.label, f.label), f.group_key, COALESCE(a.outlet, 'article ' || a.id), a.published, f.names "
        "FROM facts f "
        "JOIN articles a ON a.id = f.article_id "
        "LEFT JOIN sentences s ON s.article_id = f.article_id AND s.idx = f.sentence "  # labels as relabelled
        "WHERE a.state = 'indexed' AND a.duplicate_of IS NULL "
        f"AND f.group_key IS NOT NULL{where} ORDER BY f.article_id, f.idx", params).fetchall()
    return [FactRow(*tuple(r)) for r in rows]


def consistency_problems(db: sqlite3.Connection) -> list[str]:
    """What would make the stored facts disagree with the catalog (empty when consistent): an indexed
    original whose facts are not what its text states now, a fact of one without a vector or a group,
    groups other than the ones the current facts make, or facts of rows that are gone."""
    problems: list[str] = []
    orphans = db.execute("SELECT COUNT(*) FROM facts WHERE article_id NOT IN (SELECT id FROM articles)").fetchone()[0]
    if orphans:
        problems.append(f"{orphans} facts of articles that are gone")
    originals = db.execute(
        "SELECT id, body FROM articles WHERE state = 'indexed' AND duplicate_of IS NULL ORDER BY id").fetchall()
    for article_id, body in originals:
        sentences = [(r[0], r[1], r[2], ()) for r in db.execute(
            'SELECT start, "end", label FROM sentences WHERE article_id = ? ORDER BY idx', (article_id,))]
        expected = sorted((s, f.start + st, f.event, f.value) for s, st, _e, _l, f in prepare_facts(body, sentences))
        stored = sorted((r[0], r[1], r[2], r[3]) for r in db.execute(
            "SELECT sentence, value_start, event, value FROM facts WHERE article_id = ?", (article_id,)))
        if stored != expected:
            problems.append(f"article {article_id}: stored facts differ from its text")
        missing = db.execute(
            "SELECT COUNT(*) FROM facts WHERE article_id = ? AND (vector IS NULL OR group_key IS NULL)", (article_id,)
        ).fetchone()[0]
        if missing:
            problems.append(f"article {article_id}: {missing} facts without a vector or group")
    for event in sorted({r[0] for r in db.execute("SELECT DISTINCT event FROM facts")}):
        rows = visible_rows(db, event)
        if not rows:
            continue
        expected_groups = {(r[0], r[1]): key for key, r in zip(group_keys(event, rows, fitted_threshold()), rows,
                                                                strict=True)}
        stored_groups = {(r[0], r[1]): r[2] for r in db.execute(
            "SELECT f.article_id, f.idx, f.group_key FROM facts f JOIN articles a ON a.id = f.article_id "
            "WHERE f.event = ? AND a.state = 'indexed' AND a.duplicate_of IS NULL AND f.vector IS NOT NULL", (event,))}
        if stored_groups != expected_groups:
            problems.append(f"event {event}: groups are not the ones its facts make")
    return problems
