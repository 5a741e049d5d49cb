"""The SQLite connection every store opens: WAL mode even while another process is creating the file."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from bot.storage import connect_wal


def _writer_holding_the_new_file(path: Path, release_after: float) -> threading.Thread:
    """Another connection in the middle of creating its tables, as a second bot starting at once is."""
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    other.execute("CREATE TABLE t (x)")

    def release() -> None:
        other.execute("COMMIT")
        other.close()

    timer = threading.Timer(release_after, release)
    timer.start()
    return timer


def test_the_switch_to_wal_waits_for_a_writer_instead_of_failing(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    timer = _writer_holding_the_new_file(path, release_after=0.3)
    try:
        db = connect_wal(path, timeout=10)
    finally:
        timer.join()
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("SELECT name FROM sqlite_master").fetchall() == [("t",)]
    db.close()


def test_a_writer_that_never_lets_go_fails_after_the_timeout(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    timer = _writer_holding_the_new_file(path, release_after=1.5)
    try:
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            connect_wal(path, timeout=0.3)
    finally:
        timer.join()
