"""`briefbot run` entry point: without a token it explains and exits 2; endpoints are configurable."""

from __future__ import annotations

from pathlib import Path

import discord
import pytest
import yarl

from bot.app.client import configure_endpoints
from bot.app.run import NO_TOKEN, run_bot
from tests.app.conftest import make_settings


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
