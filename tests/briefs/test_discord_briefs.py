"""End to end on the fake Discord with the real discord.py client and the real BriefBot: /brief commands,
briefs fired by the real AsyncIOScheduler for three ingest batches, and Discord limits on what was sent.
The commands, the crash recovery and ``when_empty`` run on both backends (SQLite and Postgres).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from apscheduler.triggers.date import DateTrigger

from bot.app.client import BriefBot
from bot.app.cogs.briefs import make_poster
from bot.app.render import limit_problems
from bot.briefs.compose import format_moment
from bot.briefs.service import CLAIM_TIMEOUT, BriefService
from bot.corpus.catalog import utcnow
from bot.corpus.ingest import CorpusService
from bot.settings import Settings
from tests.briefs.helpers import brief_bot, command, corpus_batches, ingest, make_settings, wait_until
from tests.fakediscord.server import FakeDiscord

pytestmark = pytest.mark.timeout(90)


BriefsBot = BriefBot  # the real client loads the brief cog and runs the scheduler itself


@pytest.fixture
def settings(tmp_path: Path, database_settings: dict[str, str]) -> Settings:
    return make_settings(tmp_path / "data", ask_cooldown_seconds=0, **database_settings)


@pytest.fixture
async def bot(settings: Settings, corpus: CorpusService, patched_discord_endpoints: FakeDiscord,
              no_external_connector: aiohttp.TCPConnector) -> AsyncIterator[BriefsBot]:
    async with brief_bot(settings, corpus, patched_discord_endpoints, no_external_connector) as client:
        yield client


def brief_payloads(fake: FakeDiscord, channel_id: int) -> list[dict[str, Any]]:
    return list(fake.bot_messages_in(channel_id))


def channel_posts(fake: FakeDiscord, channel_id: int) -> list[dict[str, Any]]:
    """The bot's own posts in a channel (not its replies to commands, which the fake files there too)."""
    return [m for m in fake.bot_messages_in(channel_id) if "interaction_metadata" not in m]


@pytest.mark.parametrize("backend", ["sqlite"])  # the scheduler and ledger on Postgres: test_scheduler.py
async def test_three_batches_three_scheduled_briefs_within_limits(bot: BriefsBot, fake_discord: FakeDiscord,
                                                                  corpus: CorpusService) -> None:
    fake = fake_discord
    scene = fake.scene
    assert scene is not None
    channel = scene.briefs
    reply = await command(fake, "brief subscribe", {"channel": channel, "schedule": "daily 08:00",
                                                    "timezone": "Europe/Paris"}, user=scene.moderator)
    assert "subscription #" in reply
    service = bot.briefs
    assert isinstance(service, BriefService)
    sub = service.store.for_channel(channel.id)
    assert sub is not None and sub.timezone == "Europe/Paris"
    assert service.scheduler is not None

    batches = corpus_batches(3, 8, offset=1)
    sizes: list[int] = []

    def posted() -> list[Any]:
        return [e for e in service.store.ledger(sub.id) if e.state == "posted"]

    for number, batch in enumerate(batches, start=1):
        expected = ingest(corpus, batch)
        started = asyncio.get_running_loop().time()
        service.scheduler.schedule(sub, DateTrigger(utcnow() + timedelta(seconds=1)))  # the real scheduler fires
        await wait_until(lambda n=number: len(posted()) >= n, timeout=20, what="the scheduled brief")  # type: ignore[misc]
        entry = posted()[-1]
        assert sorted(int(k.split(":")[0]) for k in entry.article_keys) == expected
        want = sum(sizes) + len(entry.message_ids)
        await wait_until(lambda w=want: len(brief_payloads(fake, channel.id)) >= w,  # type: ignore[misc]
                         what="the brief messages")
        sizes.append(len(entry.message_ids))
        print(f"brief {number}: {len(expected)} articles, {len(entry.message_ids)} messages, "
              f"{asyncio.get_running_loop().time() - started:.2f}s from schedule to posted")

    messages = brief_payloads(fake, channel.id)
    assert len(messages) == sum(sizes)
    for payload in messages:
        assert limit_problems(payload) == [], limit_problems(payload)
        for embed in payload.get("embeds") or []:
            assert len(embed.get("fields") or []) <= 25
    headers = [p["embeds"][0]["title"] for p in messages if p.get("embeds") and "new article" in
               p["embeds"][0].get("title", "")]
    assert len(headers) == 3
    total = [sum(len(e.get("title") or "") + len(e.get("description") or "") for e in p.get("embeds") or [])
             for p in messages]
    print("message sizes (embed chars):", total)


async def test_commands_permissions_list_preview_and_unsubscribe(bot: BriefsBot, fake_discord: FakeDiscord,
                                                                corpus: CorpusService) -> None:
    fake = fake_discord
    scene = fake.scene
    assert scene is not None
    denied = await command(fake, "brief subscribe", {"channel": scene.briefs}, user=scene.user)
    assert "moderators" in denied
    bad = await command(fake, "brief subscribe", {"channel": scene.briefs, "schedule": "daily 25:00"},
                        user=scene.moderator)
    assert "not a time of day" in bad
    ok = await command(fake, "brief subscribe", {"channel": scene.briefs}, user=scene.moderator)
    assert "daily 09:00" in ok  # the configured default
    listed = await command(fake, "brief list", user=scene.user)
    assert f"<#{scene.briefs.id}>" in listed and "next" in listed

    [batch] = corpus_batches(1, 2, offset=20)
    expected = ingest(corpus, batch)
    service = bot.briefs
    assert isinstance(service, BriefService)
    sub = service.store.for_channel(scene.briefs.id)
    assert sub is not None
    handle = await fake.send_interaction("brief now", {"channel": scene.briefs}, user=scene.user)
    await handle.wait_response()
    [preview] = await handle.wait_followups(1)
    assert preview.json["flags"] & 64  # ephemeral
    assert "2 new articles" in preview.json["embeds"][0]["title"]
    assert limit_problems(preview.json) == []
    after = service.store.for_channel(scene.briefs.id)
    assert after is not None and after.last_brief_at == sub.last_brief_at  # nothing advanced
    assert service.store.ledger(sub.id) == []
    assert len(expected) == 2

    gone = await command(fake, "brief unsubscribe", {"channel": scene.briefs}, user=scene.moderator)
    assert "stopped" in gone
    assert service.scheduler is not None and service.scheduler.next_run(sub.job_id) is None
    actions = [e.action for e in corpus.catalog.audit_log(5)]
    assert actions[0] == "brief.unsubscribe" and "brief.subscribe" in actions
    assert fake.bot_messages_in(scene.briefs.id) == []



async def test_a_retried_claim_records_what_a_crashed_poster_already_sent(
        bot: BriefsBot, fake_discord: FakeDiscord, corpus: CorpusService) -> None:
    fake = fake_discord
    scene = fake.scene
    assert scene is not None
    service = bot.briefs
    assert isinstance(service, BriefService)
    channels = {"posted": scene.briefs.id, "none": scene.general.id}
    subs = {name: service.subscribe(scene.guild.id, cid, "daily 09:00", "Europe/Paris", "test:mod", "pytest")[0]
            for name, cid in channels.items()}
    [batch] = corpus_batches(1, 10, offset=62)
    expected = ingest(corpus, batch)
    now = utcnow()
    long_ago = now - CLAIM_TIMEOUT - timedelta(minutes=1)
    slot = now - timedelta(minutes=30)
    claims = {}
    for name, sub in subs.items():  # claimed by a poster that then died: still 'claimed', long ago
        entry = service.store.claim(sub.id, slot, "dead:1", sub.last_brief_at, now, long_ago)
        assert entry is not None
        claims[name] = entry

    # What the dead poster got out: the summary (and its thread) in one channel, nothing in the other.
    poster = make_poster(bot)
    sub, entry = subs["posted"], claims["posted"]
    crashed = await poster(sub.channel_id, service.compose_for(sub, entry.since, entry.until),
                           service.delivery_for(sub, entry))
    assert len(crashed) == 1, "a brief is one message in the channel"
    summary = fake.messages[crashed[0]]
    marker = f"Brief #{claims['posted'].id} · {format_moment(slot, 'Europe/Paris')}"
    assert summary["embeds"][-1]["footer"]["text"].endswith(marker)
    posts_before = len(fake.requests_to("POST", r"/channels/\d+/messages$"))

    assert await service.retry_stale() == 2
    for sub in subs.values():
        [row] = service.store.ledger(sub.id)
        assert row.state == "posted" and row.attempts == 2
        assert sorted(int(k.split(":")[0]) for k in row.article_keys) == expected
        assert [int(m["id"]) for m in fake.bot_messages_in(sub.channel_id)] == row.message_ids
    assert service.store.ledger(subs["posted"].id)[0].message_ids == crashed  # found, not re-sent
    new_posts = fake.requests_to("POST", r"/channels/\d+/messages$")[posts_before:]
    to_channels = [int(r.path.split("/")[-2]) for r in new_posts if int(r.path.split("/")[-2]) in channels.values()]
    assert to_channels == [scene.general.id]  # the rest went to the new summary's thread
    assert fake.requests_to("GET", rf"/channels/{scene.briefs.id}/messages$")  # it looked before posting


async def test_when_empty_per_subscription_and_changes_in_the_mod_log(
        bot: BriefsBot, fake_discord: FakeDiscord, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = fake_discord
    scene = fake.scene
    assert scene is not None
    mod_log = fake.add_channel("mod-log", guild=scene.guild)
    monkeypatch.setattr(bot.settings, "mod_log_channel_id", mod_log.id)
    quiet = await command(fake, "brief subscribe", {"channel": scene.briefs, "when_empty": "skip"},
                          user=scene.moderator)
    chatty = await command(fake, "brief subscribe", {"channel": scene.general}, user=scene.moderator)
    assert "no post" in quiet and "one line saying so" in chatty  # the default: settings.brief_empty_policy
    listed = await command(fake, "brief list", user=scene.user)
    [line_quiet] = [ln for ln in listed.splitlines() if f"<#{scene.briefs.id}>" in ln]
    [line_chatty] = [ln for ln in listed.splitlines() if f"<#{scene.general.id}>" in ln]
    assert line_quiet.endswith("when nothing is new: no post")
    assert line_chatty.endswith("when nothing is new: one line saying so")

    service = bot.briefs
    assert isinstance(service, BriefService)
    skip, say = service.store.for_channel(scene.briefs.id), service.store.for_channel(scene.general.id)
    assert skip is not None and say is not None and (skip.when_empty, say.when_empty) == ("skip", "say")
    slot = utcnow()
    assert await service.run_slot(skip.id, slot) == "empty"
    assert await service.run_slot(say.id, slot) == "posted"
    assert channel_posts(fake, scene.briefs.id) == []
    [line] = channel_posts(fake, scene.general.id)
    [entry] = service.store.ledger(say.id)
    assert line["content"].startswith("Nothing new since") and f"Brief #{entry.id} · " in line["content"]
    assert entry.state == "empty" and entry.message_ids == [int(line["id"])]
    assert [e.state for e in service.store.ledger(skip.id)] == ["empty"]  # recorded, and the window moved on
    after = service.store.for_channel(scene.briefs.id)
    assert after is not None and after.last_brief_at > skip.last_brief_at

    # Re-subscribing without the option keeps the choice; with it, changes it.
    await command(fake, "brief subscribe", {"channel": scene.briefs, "schedule": "daily 10:00"}, user=scene.moderator)
    assert (service.store.for_channel(scene.briefs.id) or skip).when_empty == "skip"
    await command(fake, "brief subscribe", {"channel": scene.briefs, "when_empty": "say"}, user=scene.moderator)
    assert (service.store.for_channel(scene.briefs.id) or skip).when_empty == "say"
    await command(fake, "brief unsubscribe", {"channel": scene.general}, user=scene.moderator)

    await wait_until(lambda: len(channel_posts(fake, mod_log.id)) >= 5, what="the mod-log notes")
    await asyncio.sleep(0.2)  # nothing more comes
    notes = [m["content"] for m in channel_posts(fake, mod_log.id)]
    assert len(notes) == 5, notes
    assert all("briefs:" in n and f"({'discord:' + str(scene.moderator.id)})" in n for n in notes)
    assert "Briefs stopped" in notes[-1] and f"<#{scene.general.id}>" in notes[-1]
