"""`briefbot run` entry point: without a token it explains and exits 2; endpoints are configurable; run
through the CLI against the fake Discord, it logs each line once and stops cleanly on Ctrl+C."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import re
import signal
import threading
from collections.abc import Iterator
from pathlib import Path

import discord
import pytest
import yarl

from bot.app.client import configure_endpoints
from bot.app.run import NO_TOKEN, run_bot
from bot.cli import main
from tests.app.conftest import make_settings
from tests.fakediscord.server import FakeDiscord


def test_run_without_token_prints_one_line_and_returns_2(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert run_bot(make_settings(tmp_path)) == 2
    assert capsys.readouterr().out == NO_TOKEN + "\n"
    assert "DISCORD_TOKEN" in NO_TOKEN


def test_configure_endpoints_points_discord_py_elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(discord.http.Route, "BASE", discord.http.Route.BASE)
    monkeypatch.setattr(discord.gateway.DiscordWebSocket, "DEFAULT_GATEWAY",
                        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY)
    configure_endpoints(make_settings(tmp_path, discord_api_base="http://127.0.0.1:9/api/v10/",
                                      discord_gateway_url="ws://127.0.0.1:9/gw"))
    assert discord.http.Route.BASE == "http://127.0.0.1:9/api/v10"
    assert yarl.URL("ws://127.0.0.1:9/gw") == discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY


class FakeInThread:
    """The fake Discord on its own event loop and thread, for code that runs ``asyncio.run`` itself."""

    def __init__(self) -> None:
        self.fake = FakeDiscord()
        self.fake.add_default_scene()
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)

    def __enter__(self) -> FakeDiscord:
        self.thread.start()
        asyncio.run_coroutine_threadsafe(self.fake.start(), self.loop).result(timeout=10)
        return self.fake

    def __exit__(self, *exc: object) -> None:
        asyncio.run_coroutine_threadsafe(self.fake.stop(), self.loop).result(timeout=10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=10)
        self.loop.close()


@contextlib.contextmanager
def bare_root_logger() -> Iterator[logging.Logger]:
    """The root logger as a fresh process has it (pytest's capture handlers set aside), restored after."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    root.handlers = []
    try:
        yield root
    finally:
        root.handlers = handlers
        root.setLevel(level)


@pytest.mark.timeout(90)
def test_briefbot_run_logs_each_line_once_and_stops_on_ctrl_c(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(discord.http.Route, "BASE", discord.http.Route.BASE)  # restored after the test
    monkeypatch.setattr(discord.gateway.DiscordWebSocket, "DEFAULT_GATEWAY",
                        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY)
    connected = threading.Event()
    handlers_when_connected: list[int] = []

    class Watch(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.getMessage().startswith("connected as"):
                handlers_when_connected.append(len(logging.getLogger().handlers))
                connected.set()

    def ctrl_c() -> None:
        if connected.wait(timeout=60):
            os.kill(os.getpid(), signal.SIGINT)  # what Ctrl+C does; asyncio.run turns it into a clean stop

    watch = Watch()
    logging.getLogger("bot.app.client").addHandler(watch)
    try:
        with FakeInThread() as fake, bare_root_logger():
            for name, value in {"DISCORD_TOKEN": fake.token, "BRIEFBOT_DATA_DIR": str(tmp_path / "data"),
                                "BRIEFBOT_DISCORD_API_BASE": fake.api_base,
                                "BRIEFBOT_DISCORD_GATEWAY_URL": fake.gateway_url}.items():
                monkeypatch.setenv(name, value)
            threading.Thread(target=ctrl_c, daemon=True).start()
            status = main(["run"])
            assert fake.unexpected_errors == [] and len(fake.identifies) == 1
    finally:
        logging.getLogger("bot.app.client").removeHandler(watch)
    err = capsys.readouterr().err
    assert status == 0 and connected.is_set()
    assert handlers_when_connected == [1]
    connected_lines = [line for line in err.splitlines() if "connected as Briefbot" in line]
    synced_lines = [line for line in err.splitlines() if re.search(r"synced \d+ global commands", line)]
    assert len(connected_lines) == 1 and len(synced_lines) == 1, err
    assert "INFO bot.app.client: connected as" in connected_lines[0]  # the CLI's one format
