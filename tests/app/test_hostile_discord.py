"""Hostile input on Discord: an oversize attachment is refused before it is downloaded, and a planted feed
URL is inert in ``/corpus feeds list`` and in the mod-log, like every other surface."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.app.render import PING, visible_text
from tests.app.conftest import BotFactory, Services, open_services
from tests.fakediscord.fixtures import running_bot
from tests.fakediscord.server import FakeDiscord

CAP = 5_000
EPHEMERAL = 64
HOSTILE_FEED = "http://x.invalid/a>@everyone<@123>"


@pytest.fixture
def small_services(tmp_path: Path) -> Iterator[Services]:
    result = open_services(tmp_path / "corpus", [])
    yield result
    result.corpus.close()


async def test_oversize_attachment_refused_before_download_and_feed_urls_inert(
    bot_factory: BotFactory, fake_discord: FakeDiscord, small_services: Services,
) -> None:
    fake = fake_discord
    scene = fake.scene
    assert scene is not None
    mod_log = fake.add_channel("mod-log")
    corpus = small_services.corpus
    corpus.add_feed(HOSTILE_FEED, "cli:someone", "cli@host", verify=False)  # as `feeds add --no-verify` would
    client = bot_factory(corpus=corpus, answers=small_services.answers, mod_log_channel_id=mod_log.id,
                         max_article_bytes=CAP)

    async def reply(name: str, options: dict[str, Any]) -> str:
        handle = await fake.send_interaction(name, options, user=scene.moderator)
        response = await handle.wait_response()
        if response.json["type"] == 5:  # deferred: the answer is a follow-up
            [followup] = await handle.wait_followups(1, timeout=20)
            return str(followup.json["content"])
        return str(response.json["data"]["content"])

    async with running_bot(client, fake):
        big = fake.attachment("big.md", b"# Big\n\n" + b"The hearing was set. " * 400, "text/markdown")
        text = await reply("corpus add", {"attachment": big})
        assert text == ("big.md is too large for one article (8,407 bytes; the limit is 5,000 bytes, "
                        "set by BRIEFBOT_MAX_ARTICLE_BYTES).")
        assert fake.attachment_downloads == []  # refused from Discord's size alone
        small = fake.attachment("small.md", b"# Small\n\nThe judge set a hearing for Monday.\n", "text/markdown")
        text = await reply("corpus add", {"attachment": small})
        assert text.startswith("small.md: added #")
        assert fake.attachment_downloads == [small.id]

        listing = await reply("corpus feeds list", {})
        assert "x.invalid" in listing and not PING.search(listing), listing
        assert "<http://x.invalid/a>" not in listing  # never a link that ends early and leaves the rest raw
        removed = await reply("corpus feeds remove", {"url_or_id": HOSTILE_FEED})
        assert not PING.search(removed), removed
        await fake.wait_until(lambda: len(fake.bot_messages_in(mod_log)) >= 2, what="mod-log notes")
    notes = [visible_text(m) for m in fake.bot_messages_in(mod_log)]
    assert any("x.invalid" in n for n in notes)
    for note in notes:
        assert not PING.search(note) and not re.search(r"@everyone(?!\u200b)", note), note
    assert len(corpus.articles()) == 1
    assert corpus.check().consistent
