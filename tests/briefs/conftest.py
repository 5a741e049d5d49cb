"""Fixtures for the brief tests: fake Discord, a real corpus service on each test's ``settings``, and the
storage backends (SQLite, the embedded default, and a real Postgres server) the cases run on."""

from collections.abc import Iterator

import pytest

from bot.corpus.ingest import CorpusService
from bot.settings import Settings
from tests.fakediscord.fixtures import *  # noqa: F403
from tests.postgres import PostgresForTests, start_postgres

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture
def corpus(settings: Settings) -> Iterator[CorpusService]:
    """The corpus service over the test's own ``settings`` fixture (each test module defines it)."""
    service = CorpusService.open(settings)
    try:
        yield service
    finally:
        service.close()


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresForTests]:
    """One Postgres server for the whole session (started on first use; see tests/postgres.py)."""
    server = start_postgres()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def database_settings(backend: str, request: pytest.FixtureRequest) -> dict[str, str]:
    """Settings that put the job store, the scheduler lock, the subscriptions and the ledger on the test's
    backend: nothing for SQLite (the data directory), a fresh Postgres database otherwise."""
    if backend == "sqlite":
        return {}
    server: PostgresForTests = request.getfixturevalue("postgres_server")
    url = server.new_database()
    return {"scheduler_jobstore_url": url, "briefs_database_url": url}
