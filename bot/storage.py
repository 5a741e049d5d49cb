"""The SQLite access every store shares: one connection in WAL mode, serialised by a lock.

The catalog and the brief subscriptions live in the same database file; each store opens its own
connection through this class, and transactions are ``BEGIN IMMEDIATE`` so writers queue instead of
failing halfway.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal

LOCK_WAIT_SECONDS = 30.0


IsolationLevel = Literal["DEFERRED", "EXCLUSIVE", "IMMEDIATE"] | None


def connect_wal(path: Path, *, isolation_level: IsolationLevel = "DEFERRED",
                timeout: float = LOCK_WAIT_SECONDS) -> sqlite3.Connection:
    """A connection to ``path`` in WAL mode, waiting for other processes instead of failing.

    Switching a new file to WAL needs a lock that SQLite does not wait for: while another process
    holds a write lock on it (two bots starting at once, both creating their tables), the pragma
    fails at once with "database is locked", whatever the busy timeout. So the switch is retried
    until ``timeout``; once the file is in WAL mode the pragma needs no lock at all.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, check_same_thread=False, isolation_level=isolation_level, timeout=timeout)
    deadline = time.monotonic() + timeout
    while True:
        try:
            db.execute("PRAGMA journal_mode=WAL")
            return db
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() >= deadline:
                db.close()
                raise
            time.sleep(0.05)


class SQLiteDatabase:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.RLock()
        self._db = connect_wal(path, isolation_level=None)
        self._db.row_factory = sqlite3.Row
        # In WAL mode NORMAL never corrupts and survives a killed process (what the crash tests do); only
        # a power cut can drop the last commits, which `corpus check --repair` reconciles. FULL would
        # wait for the disk on every commit, several per ingested article.
        self._db.execute("PRAGMA synchronous=NORMAL")

    def close(self) -> None:
        with self._lock:
            self._db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic unit of work: all of it lands, or (on any error or a kill) none of it."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self._db.execute(sql, params).fetchall()
