"""The Discord surface's own state in ``data_dir/feedback.sqlite3``: answers, votes and bot threads.

Answers are persisted by id so the persistent Quotes/vote buttons keep working after a restart (the
custom id carries only the answer id). Threads the bot opened are remembered so follow-ups in them are
answered without a mention, also across restarts. Kept apart from the corpus catalog on purpose: the
catalog is the corpus of record, this is surface state that can be deleted without losing articles.

Blocking (SQLite): the bot calls it through ``asyncio.to_thread``; one lock serialises connections.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from bot.answers.model import Answer, Conflict, Part, Source, Statement
from bot.storage import connect_wal

Vote = Literal["up", "down"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
    id TEXT PRIMARY KEY,
    question TEXT NOT NULL,
    answer_json TEXT NOT NULL,
    user_id INTEGER,
    guild_id INTEGER,
    channel_id INTEGER,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    answer_id TEXT NOT NULL,
    question TEXT NOT NULL,
    answer_json TEXT NOT NULL,
    user_id INTEGER NOT NULL,
    guild_id INTEGER,
    channel_id INTEGER,
    vote TEXT NOT NULL CHECK (vote IN ('up', 'down')),
    at TEXT NOT NULL,
    UNIQUE (answer_id, user_id)
);
CREATE TABLE IF NOT EXISTS threads (
    thread_id INTEGER PRIMARY KEY,
    answer_id TEXT,
    created_at TEXT NOT NULL
);
"""


def answer_from_json(data: dict[str, Any]) -> Answer:
    """Rebuild an :class:`Answer` from :meth:`Answer.to_json` (which drops quote offsets)."""
    return Answer(
        question=data["question"],
        abstained=bool(data["abstained"]),
        statements=[
            Statement(text=s["text"], label=s["label"], cues=list(s.get("cues") or []),
                      citations=[int(n) for n in s.get("citations") or []],
                      attributed_to=s.get("attributed_to"))
            for s in data.get("statements") or []
        ],
        sources=[
            Source(n=int(s["n"]), article_id=int(s["article_id"]), title=s["title"], outlet=s.get("outlet"),
                   url=s.get("url"), published=s.get("published"), quote=s.get("quote") or "",
                   start=int(s.get("start") or 0), end=int(s.get("end") or 0),
                   more_quotes=[str(q) for q in s.get("more_quotes") or []])
            for s in data.get("sources") or []
        ],
        conflicts=[Conflict(summary=c["summary"], citations=[int(n) for n in c.get("citations") or []])
                   for c in data.get("conflicts") or []],
        elapsed_ms=float(data.get("elapsed_ms") or 0.0),
        abstain_reason=data.get("abstain_reason"),
        composer=data.get("composer") or "extractive",
        lead=data.get("lead"),
        normalised=data.get("normalised"),
        parts=[Part(question=p["question"], answered=bool(p.get("answered")), reason=p.get("reason"))
               for p in data.get("parts") or []],
        unanswered_note=data.get("unanswered_note"),
        not_found=[str(x) for x in data.get("not_found") or []],
    )


def new_answer_id() -> str:
    """32 hex characters: fits the persistent custom-id templates in :mod:`bot.app.views`."""
    return uuid.uuid4().hex


class FeedbackStore:
    """SQLite-backed store of answers, votes and bot-created threads."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._db = connect_wal(path, isolation_level=None)
        self._db.row_factory = sqlite3.Row
        with self._lock:
            # WAL + NORMAL: no fsync per answer (4 ms each, serialised behind the lock, was the bot's
            # bottleneck under load); a crash of the process loses nothing, a power cut at most the last
            # few answers, and the file is never corrupted.
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(SCHEMA)

    @classmethod
    def open(cls, data_dir: Path) -> FeedbackStore:
        return cls(data_dir / "feedback.sqlite3")

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def _now(self) -> str:
        return datetime.now(UTC).isoformat()

    def save_answer(self, answer: Answer, *, user_id: int | None = None, guild_id: int | None = None,
                    channel_id: int | None = None, answer_id: str | None = None) -> str:
        """Persist an answer; returns its id (the one the buttons carry)."""
        answer_id = answer_id or new_answer_id()
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO answers (id, question, answer_json, user_id, guild_id, channel_id,"
                " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (answer_id, answer.question, json.dumps(answer.to_json()), user_id, guild_id, channel_id,
                 self._now()),
            )
        return answer_id

    def get_answer(self, answer_id: str) -> Answer | None:
        with self._lock:
            row = self._db.execute("SELECT answer_json FROM answers WHERE id = ?", (answer_id,)).fetchone()
        return None if row is None else answer_from_json(json.loads(row["answer_json"]))

    def record_vote(self, answer_id: str, vote: Vote, *, user_id: int, guild_id: int | None,
                    channel_id: int | None) -> bool:
        """Store (or change) one user's vote on an answer; False when the answer is unknown."""
        with self._lock:
            row = self._db.execute("SELECT question, answer_json FROM answers WHERE id = ?",
                                   (answer_id,)).fetchone()
            if row is None:
                return False
            self._db.execute(
                "INSERT INTO feedback (answer_id, question, answer_json, user_id, guild_id, channel_id,"
                " vote, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (answer_id, user_id) DO UPDATE SET"
                " vote = excluded.vote, at = excluded.at",
                (answer_id, row["question"], row["answer_json"], user_id, guild_id, channel_id, vote,
                 self._now()),
            )
        return True

    def votes(self, answer_id: str | None = None) -> list[dict[str, Any]]:
        """Stored votes (all, or for one answer), oldest first."""
        sql = "SELECT * FROM feedback" + (" WHERE answer_id = ?" if answer_id else "") + " ORDER BY id"
        with self._lock:
            rows = self._db.execute(sql, (answer_id,) if answer_id else ()).fetchall()
        return [dict(r) for r in rows]

    def remember_thread(self, thread_id: int, answer_id: str | None = None) -> None:
        with self._lock:
            self._db.execute(
                "INSERT OR IGNORE INTO threads (thread_id, answer_id, created_at) VALUES (?, ?, ?)",
                (thread_id, answer_id, self._now()),
            )

    def is_bot_thread(self, thread_id: int) -> bool:
        with self._lock:
            row = self._db.execute("SELECT 1 FROM threads WHERE thread_id = ?", (thread_id,)).fetchone()
        return row is not None

    def thread_questions(self, thread_id: int, limit: int = 6) -> list[tuple[str, str | None]]:
        """The exchanges so far in one of the bot's threads, oldest first: the question that opened it,
        then those answered inside it, each with its answer's lead (a follow-up is read with them)."""
        with self._lock:
            rows = self._db.execute(
                "SELECT question, answer_json, created_at FROM answers WHERE id = (SELECT answer_id FROM threads"
                " WHERE thread_id = ?) UNION ALL SELECT question, answer_json, created_at FROM answers"
                " WHERE channel_id = ? ORDER BY created_at",
                (thread_id, thread_id),
            ).fetchall()
        turns: list[tuple[str, str | None]] = []
        for row in rows[-limit:]:
            lead = json.loads(row["answer_json"]).get("lead")
            turns.append((str(row["question"]), lead if isinstance(lead, str) else None))
        return turns
