"""Fixtures for the corpus tests: a loopback HTTP server, a fake resolver and a connect spy."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from bot.corpus.fetch import Fetcher
from tests.corpus.loopback_http import LocalServer
from tests.isolation import clean_env  # noqa: F401  (a fixture the CLI tests use)
from tests.loopback import loopback_fetcher as make_loopback_fetcher


@pytest.fixture
def local_server() -> Iterator[LocalServer]:
    """A running loopback server; routes are set by the test."""
    server = LocalServer()
    server.start()
    try:
        yield server
    finally:
        server.close()


@pytest.fixture
def fake_dns(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """Replace the fetcher's resolver with a table; unknown names fail instead of reaching DNS."""
    import bot.corpus.fetch as fetch_module

    table: dict[str, list[str]] = {}

    def resolve(host: str, port: int) -> list[str]:
        if host in table:
            return list(table[host])
        raise OSError(f"no DNS in tests for {host}")

    monkeypatch.setattr(fetch_module, "resolve_host", resolve)
    return table


@pytest.fixture
def connect_log(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """Record every TCP connect the fetcher attempts; only loopback connects really happen."""
    import bot.corpus.fetch as fetch_module

    log: list[tuple[str, int]] = []
    real = fetch_module._connect

    def spy(address: str, port: int, timeout: float) -> Any:
        log.append((address, port))
        if not (address.startswith("127.") or address == "::1"):
            raise ConnectionRefusedError("tests never leave loopback")
        return real(address, port, timeout)

    monkeypatch.setattr(fetch_module, "_connect", spy)
    return log


@pytest.fixture
def loopback_fetcher() -> Fetcher:
    """A fetcher that may reach 127.0.0.1, for a test to hand to the code it runs (see tests/loopback.py)."""
    return make_loopback_fetcher()
