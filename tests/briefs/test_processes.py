"""The real ``briefbot run`` in real processes (see bot_process.py) over one data directory, against the
fake Discord served by this test's event loop: kill and restart between slots, and two processes at once
(on SQLite, and on Postgres: job store, advisory lock, subscriptions and ledger in one database).

Wall clocks are moved with time-machine in the children (``--at``) and in this process (subscriptions and
ingest batches), so every timestamp lines up with the brief slots. Each child runs about ten seconds.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from sqlalchemy import create_engine, text

from bot.briefs.scheduler import PG_LOCK_APPLICATION, PG_LOCK_KEY
from bot.briefs.service import BriefService
from bot.briefs.subscriptions import LedgerEntry, Subscription
from bot.corpus.ingest import CorpusService
from bot.settings import Settings
from tests.briefs.bot_process import BotProcess, bot_environment, refuse_dns
from tests.briefs.helpers import ACTOR, ORIGIN, corpus_batches, ingest, make_settings, wait_until
from tests.fakediscord.server import FakeDiscord

pytestmark = [pytest.mark.timeout(150), pytest.mark.slow]

PARIS = ZoneInfo("Europe/Paris")
DAY1 = datetime(2026, 12, 1, tzinfo=PARIS)  # a Tuesday, after the day these tests were written
STARTED = r"brief scheduler started"
STANDING_BY = r"another process runs the brief scheduler"


def paris(days: int, hour: int, minute: int, second: int = 0) -> datetime:
    return (DAY1 + timedelta(days=days)).replace(hour=hour, minute=minute, second=second)


@pytest.fixture
def traveller() -> Iterator[time_machine.Traveller]:
    """This process's wall clock, at day 1 08:00 Paris (in UTC: the local zone stays as it is)."""
    with time_machine.travel(paris(0, 8, 0).astimezone(UTC), tick=True) as traveller:
        yield traveller


@pytest.fixture
def settings(tmp_path: Path, traveller: time_machine.Traveller, database_settings: dict[str, str]) -> Settings:
    return make_settings(tmp_path / "data", **database_settings)


def lock_holder_pid(settings: Settings) -> int:
    """The pid of the process holding the scheduler lock: written in the lock file, or (Postgres) in the
    application name of the session holding the advisory lock."""
    if settings.scheduler_jobstore_url is None:
        [pid] = (settings.data_dir / "scheduler.lock").read_text().split()
        return int(pid)
    engine = create_engine(settings.jobstore_url)
    try:
        with engine.connect() as db:
            names = db.execute(text(
                "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
                "WHERE l.locktype = 'advisory' AND l.granted AND l.objid = :key "
                "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"),
                {"key": PG_LOCK_KEY}).scalars().all()
    finally:
        engine.dispose()
    [name] = names
    assert name.startswith(PG_LOCK_APPLICATION), name
    return int(name.rsplit(" ", 1)[1])


def move(traveller: time_machine.Traveller, moment: datetime) -> None:
    traveller.move_to(moment.astimezone(UTC))


def posted_entries(briefs: BriefService, sub: Subscription) -> Callable[[], list[LedgerEntry]]:
    return lambda: [e for e in briefs.store.ledger(sub.id) if e.state == "posted"]


def covered(entry: LedgerEntry) -> list[int]:
    return sorted(int(k.split(":")[0]) for k in entry.article_keys)


def bot_message_ids(fake: FakeDiscord, channel_id: int) -> list[int]:
    return [int(m["id"]) for m in fake.bot_messages_in(channel_id)]


@pytest.mark.parametrize("backend", ["sqlite"])  # Postgres: the kill and restart in test_scheduler.py
async def test_kill_and_restart_between_slots_neither_loses_nor_duplicates(
        tmp_path: Path, settings: Settings, corpus: CorpusService, fake_discord: FakeDiscord,
        traveller: time_machine.Traveller, database_settings: dict[str, str]) -> None:
    fake = fake_discord
    scene = fake.scene
    assert scene is not None
    briefs = BriefService(settings, corpus)  # this process never starts the scheduler
    env = bot_environment(settings.data_dir, fake.api_base, fake.gateway_url, fake.token,
                          scheduler_lock_retry_seconds="1", **database_settings)
    processes: list[BotProcess] = []
    try:
        sub, _ = briefs.subscribe(scene.guild.id, scene.briefs.id, "daily 09:00", "Europe/Paris", ACTOR, ORIGIN)
        batches = corpus_batches(3, 2, offset=50)
        expected = [ingest(corpus, batches[0])]
        posted = posted_entries(briefs, sub)

        async def run_until_brief(name: str, start: datetime, count: int) -> LedgerEntry:
            move(traveller, start)
            process = BotProcess(name, start, env, tmp_path / "processes")
            processes.append(process)
            try:
                await wait_until(lambda: len(posted()) >= count, timeout=60, what=f"{name}'s brief")
                print(f"{name}: brief posted {process.elapsed():.1f}s after the process started")
                await process.wait_for_log(STARTED)
                await asyncio.sleep(1.0)  # a second (duplicate or per-missed-slot) brief would come now
            finally:
                process.kill()  # SIGKILL: nothing is shut down cleanly
            return posted()[-1]

        first = await run_until_brief("A", paris(0, 8, 59, 57), 1)
        assert first.slot == paris(0, 9, 0) and covered(first) == expected[0]

        move(traveller, paris(0, 12, 0))
        expected.append(ingest(corpus, batches[1]))
        second = await run_until_brief("B", paris(1, 8, 59, 57), 2)
        assert second.slot == paris(1, 9, 0) and covered(second) == expected[1]
        assert second.since == first.until  # no gap, no overlap

        move(traveller, paris(1, 15, 0))
        expected.append(ingest(corpus, batches[2]))
        third = await run_until_brief("C", paris(3, 9, 0, 30), 3)  # day 3 and day 4 09:00 were missed
        assert third.slot == paris(3, 9, 0) and covered(third) == expected[2]
        assert third.since == second.until

        ledger = briefs.store.ledger(sub.id)
        assert [(e.slot, e.state) for e in ledger] == [(e.slot, "posted") for e in (first, second, third)]
        assert bot_message_ids(fake, scene.briefs.id) == first.message_ids + second.message_ids + third.message_ids
        assert bot_message_ids(fake, scene.general.id) == []
        headers = [m["embeds"][0]["title"] for m in fake.bot_messages_in(scene.briefs.id) if m.get("embeds")
                   and "new article" in m["embeds"][0].get("title", "")]
        assert len(headers) == 3 and all("2 new articles" in h for h in headers), headers
        for process in processes:
            assert process.problems() == [], process.log()[-3000:]
    finally:
        for process in processes:
            process.kill()
        briefs.close()


async def test_two_processes_post_one_brief_and_the_standby_takes_over(
        tmp_path: Path, settings: Settings, corpus: CorpusService, fake_discord: FakeDiscord,
        traveller: time_machine.Traveller, database_settings: dict[str, str]) -> None:
    fake = fake_discord
    scene = fake.scene
    assert scene is not None
    briefs = BriefService(settings, corpus)
    env = bot_environment(settings.data_dir, fake.api_base, fake.gateway_url, fake.token,
                          scheduler_lock_retry_seconds="1", **database_settings)
    processes: list[BotProcess] = []
    try:
        sub, _ = briefs.subscribe(scene.guild.id, scene.briefs.id, "daily 09:00", "Europe/Paris", ACTOR, ORIGIN)
        [batch] = corpus_batches(1, 2, offset=57)
        expected = ingest(corpus, batch)
        posted = posted_entries(briefs, sub)

        start = paris(0, 8, 59, 57)
        move(traveller, start)
        processes = [BotProcess(name, start, env, tmp_path / "processes") for name in ("P", "Q")]
        await wait_until(lambda: len(posted()) >= 1, timeout=60, what="the 09:00 brief")
        roles: dict[str, BotProcess] = {}
        for process in processes:
            line = await process.wait_for_log(f"{STARTED}|{STANDING_BY}")
            roles["holder" if STARTED in line else "standby"] = process
        assert sorted(roles) == ["holder", "standby"], roles
        holder, standby = roles["holder"], roles["standby"]
        await asyncio.sleep(1.0)
        [entry] = briefs.store.ledger(sub.id)
        assert entry.slot == paris(0, 9, 0) and entry.state == "posted" and covered(entry) == expected
        assert f":{holder.pid}:" in entry.holder
        assert bot_message_ids(fake, scene.briefs.id) == entry.message_ids

        # Just before 09:00 a moderator subscribed #general through the standby (which serves commands);
        # the holder would have picked it up at its next sweep, but dies first.
        move(traveller, paris(0, 8, 59, 59))
        late, _ = briefs.subscribe(scene.guild.id, scene.general.id, "daily 09:00", "Europe/Paris", ACTOR,
                                   ORIGIN)
        assert holder.problems() == [], holder.log()[-3000:]
        holder.kill()
        await standby.wait_for_log("took over the brief scheduler", timeout=15)
        assert lock_holder_pid(settings) == standby.pid
        # Until the post is recorded the row is only claimed, without its message ids.
        await wait_until(lambda: any(e.state != "claimed" for e in briefs.store.ledger(late.id)), timeout=15,
                         what="the catch-up for #general")
        [caught_up] = briefs.store.ledger(late.id)
        assert caught_up.slot == paris(0, 9, 0) and f":{standby.pid}:" in caught_up.holder
        assert caught_up.state == "empty"  # nothing new since it subscribed: the one-line brief (when_empty say)
        await wait_until(lambda: len(bot_message_ids(fake, scene.general.id)) == 1, what="#general's message")
        await asyncio.sleep(1.0)
        assert briefs.store.ledger(sub.id) == [entry]  # the slot already posted is not posted again
        assert bot_message_ids(fake, scene.briefs.id) == entry.message_ids
        # read again once recorded: the first read may predate the post
        await wait_until(lambda: briefs.store.ledger(late.id)[0].state != "claimed", what="the catch-up recorded")
        [caught_up] = briefs.store.ledger(late.id)
        assert bot_message_ids(fake, scene.general.id) == caught_up.message_ids
        assert standby.problems() == [], standby.log()[-3000:]
    finally:
        for process in processes:
            process.kill()
        briefs.close()


def test_the_children_refuse_dns_beyond_the_loopback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket, "getaddrinfo", socket.getaddrinfo)  # put back after the test
    refuse_dns()
    with pytest.raises(socket.gaierror, match="loopback only"):
        socket.getaddrinfo("discord.com", 443)
    assert socket.getaddrinfo("127.0.0.1", 80) and socket.getaddrinfo("localhost", 80)
