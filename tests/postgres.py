"""A real Postgres server for the tests: one per test session (``pgserver`` from PyPI bundles the binaries),
a fresh database per test, reached over a unix socket only (pgserver starts it with no TCP listener).

Without ``pgserver`` installed (``pip install -e '.[dev]'`` installs it) or when it cannot start, the
Postgres cases are skipped with the reason; under CI (``CI`` set) that is an error instead, so CI cannot
go green without having run them.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import os
import shutil
import signal
import subprocess
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

import pytest

log = logging.getLogger(__name__)

# fsync off: a crashed test server is thrown away anyway, and creating a database per test stays fast.
_FAST = {"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off"}


class PostgresForTests:
    """The session's server; :meth:`new_database` gives each test its own empty database."""

    def __init__(self, server: Any, root: Path, started_in: float) -> None:
        self.server = server
        self.root = root
        self.started_in = started_in
        self._numbers = itertools.count(1)

    def url(self, database: str) -> str:
        """A ``postgresql://`` URL (the form hosting providers hand out) on the server's unix socket."""
        return str(self.server.get_uri(database))

    def new_database(self) -> str:
        """Create an empty database; return its URL. Each test's own, so its locks and tables are too."""
        import psycopg

        name = f"t{os.getpid()}_{next(self._numbers)}"
        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        """Immediate shutdown (SIGQUIT to the postmaster: no checkpoint, the data is thrown away), then the
        directory is removed by a detached ``rm``: pgserver's clean stop and delete took 5-8 s at the end
        of every session, mostly deleting the tests' databases."""
        import psutil

        with contextlib.suppress(psutil.Error, OSError):
            postmaster = psutil.Process(self.server.get_pid())
            postmaster.send_signal(signal.SIGQUIT)
            postmaster.wait(timeout=10)
        # Renamed first: pgserver's exit handler then finds no data directory and leaves it alone.
        trash = self.root.with_name(self.root.name + ".trash")
        try:
            self.root.rename(trash)
            subprocess.Popen(["rm", "-rf", "--", str(trash)], start_new_session=True,
                             stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        except OSError:
            shutil.rmtree(trash if trash.exists() else self.root, ignore_errors=True)


def start_postgres() -> PostgresForTests:
    """Start the session's server, or skip (fail under CI) with the reason it cannot run here."""
    try:
        with warnings.catch_warnings():  # platformdirs warns when XDG_RUNTIME_DIR is unset (as in CI)
            warnings.simplefilter("ignore")
            from pgserver.postgres_server import get_server
        import psycopg
    except ImportError as exc:
        _unavailable(f"pgserver/psycopg are not installed ({exc}); pip install -e '.[dev]'")
    root = Path(tempfile.mkdtemp(prefix="briefbot-pg-"))  # short: the unix socket path has a length limit
    started = time.monotonic()
    try:
        server = get_server(root / "data", cleanup_mode=None)  # stopped by stop() below
        with psycopg.connect(server.get_uri("postgres"), autocommit=True) as conn:
            for name, value in _FAST.items():
                conn.execute(f"ALTER SYSTEM SET {name} = '{value}'")
            conn.execute("SELECT pg_reload_conf()")
    except Exception as exc:
        shutil.rmtree(root, ignore_errors=True)
        _unavailable(f"the test Postgres server (pgserver) did not start: {type(exc).__name__}: {exc}")
    elapsed = time.monotonic() - started
    log.info("test Postgres server up in %.1fs at %s", elapsed, root)
    return PostgresForTests(server, root, elapsed)


def _unavailable(reason: str) -> Any:
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the Postgres cases: {reason}", pytrace=False)
    pytest.skip(reason)
