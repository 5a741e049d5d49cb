"""``/brief`` naming a channel of another server is refused in one clear line, and nothing changes."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from bot.app.client import BriefBot
from bot.briefs.service import BriefService
from bot.corpus.ingest import CorpusService
from bot.settings import Settings
from tests.briefs.helpers import brief_bot, command, make_settings
from tests.fakediscord.server import FakeDiscord

pytestmark = pytest.mark.timeout(90)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path / "data", ask_cooldown_seconds=0)


@pytest.fixture
async def bot(settings: Settings, corpus: CorpusService, patched_discord_endpoints: FakeDiscord,
              no_external_connector: aiohttp.TCPConnector) -> AsyncIterator[BriefBot]:
    async with brief_bot(settings, corpus, patched_discord_endpoints, no_external_connector) as client:
        yield client


@pytest.mark.parametrize("name", ["brief subscribe", "brief unsubscribe", "brief now"])
async def test_a_channel_of_another_server_is_refused(bot: BriefBot, fake_discord: FakeDiscord, name: str,
                                                      corpus: CorpusService) -> None:
    fake = fake_discord
    scene = fake.scene
    assert scene is not None
    elsewhere = fake.add_guild("Another Server")
    foreign = fake.add_channel("their-news", guild=elsewhere)
    before = corpus.catalog.audit_log(50)
    reply = await command(fake, name, {"channel": foreign}, user=scene.moderator)
    assert reply == "That channel is not a text channel of this server; name one of this server's channels."
    service = bot.briefs
    assert isinstance(service, BriefService)
    assert service.store.for_channel(foreign.id) is None
    assert corpus.catalog.audit_log(50) == before
    assert fake.bot_messages_in(foreign.id) == []
