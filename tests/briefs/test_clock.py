"""A subscription's own CronTrigger firing at its local time, on a controlled wall clock (time-machine).

The real bot talks to the fake Discord while ``time_machine.travel(..., tick=True)`` moves the wall clock
(``time.time``, ``datetime.now``) to a chosen morning; the monotonic clocks asyncio, aiohttp and
discord.py's heartbeat thread use are not patched, so the gateway keeps heart-beating normally (checked
with a fake that asks for a heartbeat every 300 ms). After ``traveller.shift`` the scheduler is woken
(``BriefScheduler.wakeup``): APScheduler computed its wait with the old clock. On SQLite and on Postgres.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import aiohttp
import discord
import pytest
import time_machine
import yarl

from bot.app.client import BriefBot
from bot.briefs.service import BriefService
from bot.corpus.ingest import CorpusService
from bot.settings import Settings
from tests.briefs.helpers import brief_bot, command, corpus_batches, ingest, make_settings, wait_until
from tests.fakediscord.fixtures import ErrorGuard
from tests.fakediscord.server import FakeChannel, FakeDiscord

pytestmark = pytest.mark.timeout(90)

PARIS = ZoneInfo("Europe/Paris")
DAY = datetime(2026, 12, 1, tzinfo=PARIS)  # a Tuesday, after the day these tests were written


def paris(day: datetime, hour: int, minute: int, second: int = 0) -> datetime:
    return day.replace(hour=hour, minute=minute, second=second)


def utc(moment: datetime) -> datetime:
    """Travel destinations in UTC: a ZoneInfo destination would also switch the process's local zone."""
    return moment.astimezone(UTC)


@pytest.fixture
def traveller() -> Iterator[time_machine.Traveller]:
    """The wall clock at DAY 08:30 Paris, ticking; tests move it on."""
    with time_machine.travel(utc(paris(DAY, 8, 30)), tick=True) as traveller:
        yield traveller


@pytest.fixture
def settings(tmp_path: Path, traveller: time_machine.Traveller, database_settings: dict[str, str]) -> Settings:
    return make_settings(tmp_path / "data", ask_cooldown_seconds=0, **database_settings)


@pytest.fixture
async def fast_heartbeat_fake(fail_on_error_logs: ErrorGuard, monkeypatch: pytest.MonkeyPatch,
                              traveller: time_machine.Traveller) -> AsyncIterator[FakeDiscord]:
    """The default scene plus a second brief channel, asking for a gateway heartbeat every 300 ms."""
    fake = FakeDiscord(heartbeat_interval_ms=300)
    scene = fake.add_default_scene()
    fake.add_channel("briefs-2", guild=scene.guild)
    fail_on_error_logs.watch(fake)
    await fake.start()
    monkeypatch.setattr(discord.http.Route, "BASE", fake.api_base)
    monkeypatch.setattr(discord.gateway.DiscordWebSocket, "DEFAULT_GATEWAY", yarl.URL(fake.gateway_url))
    try:
        yield fake
    finally:
        await fake.stop()


@pytest.fixture
async def bot(settings: Settings, corpus: CorpusService, fast_heartbeat_fake: FakeDiscord,
              no_external_connector: aiohttp.TCPConnector) -> AsyncIterator[BriefBot]:
    async with brief_bot(settings, corpus, fast_heartbeat_fake, no_external_connector) as client:
        yield client


async def test_daily_cron_fires_at_nine_paris_and_unsubscribe_stops_it(
        bot: BriefBot, fast_heartbeat_fake: FakeDiscord, corpus: CorpusService,
        traveller: time_machine.Traveller) -> None:
    fake = fast_heartbeat_fake
    scene = fake.scene
    assert scene is not None
    first: FakeChannel = scene.briefs
    second = scene.guild.channel("briefs-2")
    service = bot.briefs
    assert isinstance(service, BriefService)
    assert service.scheduler is not None
    loop = asyncio.get_running_loop()

    traveller.move_to(utc(paris(DAY, 8, 59, 40)))
    for channel in (first, second):
        reply = await command(fake, "brief subscribe", {"channel": channel, "schedule": "daily 09:00",
                                                        "timezone": "Europe/Paris"}, scene.moderator)
        assert "subscription #" in reply, reply
    subs = [service.store.for_channel(c.id) for c in (first, second)]
    assert all(s is not None for s in subs)
    sub1, sub2 = subs[0], subs[1]
    assert sub1 is not None and sub2 is not None
    nine = paris(DAY, 9, 0)
    assert service.scheduler.next_run(sub1.job_id) == nine  # the subscription's own CronTrigger
    batch1, batch2 = corpus_batches(2, 2, offset=40)
    expected1 = ingest(corpus, batch1)

    def recorded(sub_id: int, count: int) -> bool:
        """``count`` briefs recorded in the ledger (a message shows in the channel before its post is recorded)."""
        entries = service.store.ledger(sub_id)
        return len(entries) >= count and all(e.state != "claimed" for e in entries)

    traveller.move_to(utc(paris(DAY, 8, 59, 58)))
    service.scheduler.wakeup()
    heartbeats_before = fake.heartbeats
    started = loop.time()
    await wait_until(lambda: recorded(sub1.id, 1) and recorded(sub2.id, 1),
                     timeout=15, what="the 09:00 briefs")
    waited = loop.time() - started
    assert 1.0 < waited < 8.0, f"fired {waited:.1f}s after 08:59:58 (expected at 09:00)"
    assert datetime.now(PARIS) >= nine
    for sub, channel in ((sub1, first), (sub2, second)):
        [entry] = service.store.ledger(sub.id)
        assert entry.slot == nine, entry.slot
        assert entry.state == "posted"
        assert sorted(int(k.split(":")[0]) for k in entry.article_keys) == expected1
        assert [int(m["id"]) for m in fake.bot_messages_in(channel)] == entry.message_ids
    assert service.scheduler.next_run(sub1.job_id) == nine + timedelta(days=1)

    gone = await command(fake, "brief unsubscribe", {"channel": second}, scene.moderator)
    assert "stopped" in gone
    expected2 = ingest(corpus, batch2)
    sent_to_second = len(fake.bot_messages_in(second))
    sent_to_first = len(fake.bot_messages_in(first))

    # Jump to the next morning; APScheduler's timer was set with the old clock, so wake it up.
    next_nine = paris(DAY + timedelta(days=1), 9, 0)
    traveller.shift(paris(DAY + timedelta(days=1), 8, 59, 58) - datetime.now(PARIS))
    assert abs((datetime.now(PARIS) - paris(DAY + timedelta(days=1), 8, 59, 58)).total_seconds()) < 1
    service.scheduler.wakeup()
    started = loop.time()
    await wait_until(lambda: len(fake.bot_messages_in(first)) > sent_to_first and recorded(sub1.id, 2), timeout=15,
                     what="the next day's brief")
    assert 1.0 < loop.time() - started < 8.0
    await asyncio.sleep(0.3)  # both jobs were due at the same instant: a post to #2 would be here by now
    latest = service.store.ledger(sub1.id)[-1]
    assert latest.slot == next_nine and latest.state == "posted"
    assert sorted(int(k.split(":")[0]) for k in latest.article_keys) == expected2
    assert len(fake.bot_messages_in(second)) == sent_to_second
    assert [e.slot for e in service.store.ledger(sub2.id)] == [nine]

    # The gateway lived through the jump: heartbeats kept being acknowledged, on the same connection.
    assert fake.heartbeats > heartbeats_before
    assert fake.gateway_connections == 1 and fake.resumes == []
    assert bot.latency < 1.0
