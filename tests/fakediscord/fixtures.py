"""Pytest fixtures and helpers for running the real discord.py client against ``FakeDiscord``.

Why: every bot test needs the same plumbing (a started fake, discord.py pointed at it, no way to
reach the internet, and failures for errors discord.py would otherwise log and swallow).

Use from any test package with, in its ``conftest.py``::

    from tests.fakediscord.fixtures import *  # noqa: F403

Fixtures
--------
* ``fail_on_error_logs`` -> :class:`ErrorGuard`.  Fails the test (at teardown) on any ERROR+ record
  from the ``discord``/``bot`` logger trees and on any error answer of a watched fake that the test
  did not ask for.  ``guard.allow(logger_prefix, regex)`` tolerates a specific record.
* ``fake_discord`` -> started :class:`FakeDiscord` with ``add_default_scene()`` applied
  (``fake.scene.guild/general/briefs/moderator_role/moderator/user``, plus ``manager_role``,
  ``role_only_moderator``, ``manage_server_member``); watched by the guard; stopped after.
* ``patched_discord_endpoints`` -> the same fake, with ``discord.http.Route.BASE`` and
  ``DiscordWebSocket.DEFAULT_GATEWAY`` monkeypatched to it (restored afterwards).
* ``no_external_connector`` -> an ``aiohttp.TCPConnector`` whose DNS resolver always raises, to pass as
  ``Client(connector=...)``: literal ``127.0.0.1`` URLs still work, every hostname fails.

Helpers (no pytest needed): ``patch_discord_endpoints(fake)`` (context manager),
``make_no_external_connector()``, ``running_bot(bot, fake)`` (async context manager: starts the bot,
waits until it is ready, and always ``await bot.close()``\\ s it).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import socket
from collections.abc import AsyncIterator, Iterator

import aiohttp
import discord
import pytest
import yarl
from aiohttp.abc import AbstractResolver, ResolveResult

from tests.fakediscord.server import FakeDiscord

__all__ = [
    "ErrorGuard",
    "RaisingResolver",
    "fail_on_error_logs",
    "fake_discord",
    "make_no_external_connector",
    "no_external_connector",
    "patch_discord_endpoints",
    "patched_discord_endpoints",
    "running_bot",
]

WATCHED_LOGGERS = ("discord", "bot")


class RaisingResolver(AbstractResolver):
    """DNS resolver that refuses every hostname, so nothing in a test can reach the internet."""

    def __init__(self) -> None:
        self.attempted: list[str] = []

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        self.attempted.append(host)
        raise OSError(f"fakediscord: DNS is disabled in tests (tried to resolve {host!r})")

    async def close(self) -> None:
        return None


def make_no_external_connector() -> aiohttp.TCPConnector:
    """A connector for ``Client(connector=...)`` that only reaches literal IPs (i.e. the fake).

    Must be called with a running event loop; the client's session owns and closes it.
    """
    return aiohttp.TCPConnector(resolver=RaisingResolver(), limit=0)


@contextlib.contextmanager
def patch_discord_endpoints(fake: FakeDiscord) -> Iterator[FakeDiscord]:
    """Point discord.py's REST base (webhooks/interactions included) and gateway at ``fake``."""
    route_cls = discord.http.Route
    ws_cls = discord.gateway.DiscordWebSocket
    old_base, old_gateway = route_cls.BASE, ws_cls.DEFAULT_GATEWAY
    route_cls.BASE = fake.api_base
    ws_cls.DEFAULT_GATEWAY = yarl.URL(fake.gateway_url)
    try:
        yield fake
    finally:
        route_cls.BASE = old_base
        ws_cls.DEFAULT_GATEWAY = old_gateway


@contextlib.asynccontextmanager
async def running_bot(
    bot: discord.Client, fake: FakeDiscord, *, timeout: float = 10.0
) -> AsyncIterator[discord.Client]:
    """Run ``bot`` against ``fake`` until the block ends; fail fast if start-up crashes."""
    task = asyncio.create_task(bot.start(fake.token), name="fakediscord-bot")
    ready = asyncio.create_task(bot.wait_until_ready())
    try:
        done, _ = await asyncio.wait({task, ready}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
        if task in done:
            task.result()  # re-raise the start-up error
            raise AssertionError("bot.start() returned before the bot became ready")
        if ready not in done:
            raise AssertionError(f"bot did not become ready within {timeout}s")
        yield bot
    finally:
        ready.cancel()
        await bot.close()
        await asyncio.wait_for(task, timeout=5.0)  # surfaces errors raised by bot.start()


class ErrorGuard(logging.Handler):
    """Collects ERROR+ records from watched loggers and error answers from watched fakes."""

    def __init__(self, loggers: tuple[str, ...] = WATCHED_LOGGERS) -> None:
        super().__init__(level=logging.ERROR)
        self.logger_names = loggers
        self.records: list[logging.LogRecord] = []
        self.fakes: list[FakeDiscord] = []
        self._allowed: list[tuple[str, re.Pattern[str]]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def install(self) -> None:
        for name in self.logger_names:
            logging.getLogger(name).addHandler(self)

    def uninstall(self) -> None:
        for name in self.logger_names:
            logging.getLogger(name).removeHandler(self)

    def watch(self, fake: FakeDiscord) -> FakeDiscord:
        """Also fail on error answers of ``fake`` that were not scripted/expected."""
        self.fakes.append(fake)
        return fake

    def allow(self, logger_prefix: str = "", pattern: str = ".*") -> None:
        """Tolerate ERROR records whose logger starts with ``logger_prefix`` and message matches."""
        self._allowed.append((logger_prefix, re.compile(pattern, re.S)))

    def _is_allowed(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return any(record.name.startswith(p) and rx.search(message) for p, rx in self._allowed)

    def problems(self) -> list[str]:
        """Human-readable list of everything that should fail the test."""
        out: list[str] = []
        for record in self.records:
            if self._is_allowed(record):
                continue
            text = f"{record.levelname} {record.name}: {record.getMessage()}"
            if record.exc_info and record.exc_info[1] is not None:
                text += f" [{type(record.exc_info[1]).__name__}: {record.exc_info[1]}]"
            out.append(text)
        for fake in self.fakes:
            for req in fake.unexpected_errors:
                out.append(f"fake answered {req.method} {req.path} with {req.status}: {req.response}")
        return out

    def check(self) -> None:
        problems = self.problems()
        if problems:
            pytest.fail("errors swallowed during the test:\n  " + "\n  ".join(problems), pytrace=False)


@pytest.fixture
def fail_on_error_logs() -> Iterator[ErrorGuard]:
    """Fail the test on ERROR+ logs from discord.*/bot.* and on unexpected fake error answers."""
    guard = ErrorGuard()
    guard.install()
    try:
        yield guard
    finally:
        guard.uninstall()
    guard.check()


@pytest.fixture
async def fake_discord(fail_on_error_logs: ErrorGuard) -> AsyncIterator[FakeDiscord]:
    """A started fake with the default scene, stopped after the test."""
    fake = FakeDiscord()
    fake.add_default_scene()
    fail_on_error_logs.watch(fake)
    await fake.start()
    try:
        yield fake
    finally:
        await fake.stop()


@pytest.fixture
def patched_discord_endpoints(fake_discord: FakeDiscord, monkeypatch: pytest.MonkeyPatch) -> FakeDiscord:
    """``fake_discord`` with discord.py's REST base URL and gateway URL pointed at it."""
    monkeypatch.setattr(discord.http.Route, "BASE", fake_discord.api_base)
    monkeypatch.setattr(
        discord.gateway.DiscordWebSocket, "DEFAULT_GATEWAY", yarl.URL(fake_discord.gateway_url)
    )
    return fake_discord


@pytest.fixture
async def no_external_connector() -> AsyncIterator[aiohttp.TCPConnector]:
    """A connector whose resolver raises for every hostname (closed after the test if unused)."""
    connector = make_no_external_connector()
    try:
        yield connector
    finally:
        if not connector.closed:
            await connector.close()
