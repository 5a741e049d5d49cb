"""The real AsyncIOScheduler with its SQLAlchemy job store: catch-up after a kill, the lock, the ledger
against double posts, crash retries, unsubscribing, and jobs that cannot be restored. Every case runs on
both backends: SQLite in the data directory (the default) and a real Postgres server (job store, advisory
lock, subscriptions and ledger all in one fresh database; see tests/postgres.py).

A recording poster stands in for Discord here (the Discord path is in test_discord_briefs.py).
"""

from __future__ import annotations

import asyncio
import logging
import pickle
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.date import DateTrigger
from sqlalchemy import create_engine, text

from bot.briefs.scheduler import FEEDS_JOB_ID, PG_LOCK_APPLICATION, PG_LOCK_KEY, KeepingJobStore
from bot.briefs.service import CLAIM_TIMEOUT, BriefService
from bot.briefs.subscriptions_pg import PostgresSubscriptionStore
from bot.corpus.catalog import utcnow
from bot.corpus.ingest import CorpusService
from bot.settings import Settings
from tests.briefs.helpers import RecordingPoster, corpus_batches, ingest, make_settings, wait_until

pytestmark = pytest.mark.timeout(60)
GUILD, CHANNEL = 111, 222


@pytest.fixture
def settings(tmp_path: Path, database_settings: dict[str, str]) -> Settings:
    return make_settings(tmp_path / "data", brief_empty_policy="skip", misfire_grace_seconds=600,
                         **database_settings)


@pytest.fixture
async def briefs(settings: Settings, corpus: CorpusService, backend: str) -> AsyncIterator[BriefService]:
    service = BriefService(settings, corpus)
    assert isinstance(service.store, PostgresSubscriptionStore) == (backend == "postgres")
    try:
        yield service
    finally:
        service.close()


def every_second() -> CronTrigger:
    return CronTrigger(second="*", timezone=UTC)


async def test_kill_and_restart_gives_one_catch_up_brief(settings: Settings, corpus: CorpusService,
                                                         briefs: BriefService) -> None:
    [batch] = corpus_batches(1, 3, offset=5)
    poster = RecordingPoster()
    assert briefs.start(poster)
    sub, _ = briefs.subscribe(GUILD, CHANNEL, "daily 09:00", "UTC", "test:mod", "pytest")
    assert briefs.scheduler is not None
    briefs.scheduler.schedule(sub, every_second())
    briefs.stop()  # "kill": shutdown(wait=False), nothing pending runs, lock released

    expected = ingest(corpus, batch)  # news arrives while the bot is down
    await asyncio.sleep(2.2)  # at least two fire times are missed

    restarted = BriefService(settings, corpus)  # a new scheduler instance on the same job store
    try:
        assert restarted.start(poster)
        await wait_until(lambda: len(poster.posts) >= 1, what="the catch-up brief")
        await asyncio.sleep(1.5)  # later fires find nothing new (policy skip): still one post
        restarted.stop()
    finally:
        restarted.close()
    assert len(poster.posts) == 1
    channel_id, brief, _delivery = poster.posts[0]
    assert channel_id == CHANNEL
    assert sorted(brief.article_ids) == expected
    ledger = briefs.store.ledger(sub.id)
    assert [e.state for e in ledger].count("posted") == 1
    posted = next(e for e in ledger if e.state == "posted")
    # a later fire cut off by the stop while composing stays claimed, for the next instance to take over once its
    # claim is stale (on a loaded machine a fire can land on the stop); nothing failed, nothing else was posted
    assert all(e.state in ("posted", "empty") or (e.state == "claimed" and e.slot > posted.slot) for e in ledger)
    # No gap, no overlap: the posted window starts at the subscription and the next one where it ended.
    assert posted.since == sub.last_brief_at
    later = [e for e in ledger if e.slot > posted.slot]
    assert all(e.since >= posted.until for e in later)


async def test_second_instance_gets_no_scheduler_and_ledger_stops_double_posts(
        settings: Settings, corpus: CorpusService, briefs: BriefService, caplog: pytest.LogCaptureFixture) -> None:
    [batch] = corpus_batches(1, 2, offset=9)
    poster_a, poster_b = RecordingPoster(), RecordingPoster()
    assert briefs.start(poster_a)
    other = BriefService(settings, corpus)
    try:
        with caplog.at_level(logging.INFO, logger="bot.briefs"):
            assert not other.start(poster_b)
        assert other.scheduler is None
        assert any("another process runs the brief scheduler" in r.getMessage() for r in caplog.records)
        # The second process still serves commands: it can subscribe (the scheduler process syncs it).
        sub, created = other.subscribe(GUILD, CHANNEL, "weekly fri 17:00", "Europe/Berlin", "test:mod", "pytest")
        assert created
        assert briefs.scheduler is not None
        briefs.scheduler.sync_jobs()
        assert briefs.scheduler.next_run(sub.job_id) is not None

        expected = ingest(corpus, batch)
        slot = datetime(2030, 1, 4, 16, 0, tzinfo=UTC)
        outcomes = await asyncio.gather(briefs.run_slot(sub.id, slot), other.run_slot(sub.id, slot))
        assert sorted(outcomes) == ["duplicate", "posted"]
        assert len(poster_a.posts) + len(poster_b.posts) == 1
        [(_, brief, _)] = poster_a.posts + poster_b.posts
        assert sorted(brief.article_ids) == expected
        assert await briefs.run_slot(sub.id, slot) == "duplicate"  # a re-run of the same slot
    finally:
        other.close()


async def test_standby_takes_over_when_the_holder_goes(settings: Settings, corpus: CorpusService,
                                                       briefs: BriefService, caplog: pytest.LogCaptureFixture) -> None:
    fast = settings.model_copy(update={"scheduler_lock_retry_seconds": 0.2})
    [batch] = corpus_batches(1, 2, offset=17)
    poster_a, poster_b = RecordingPoster(), RecordingPoster()
    assert briefs.start(poster_a)
    standby = BriefService(fast, corpus)
    lingering = BriefService(fast, corpus)
    try:
        with caplog.at_level(logging.INFO, logger="bot.briefs"):
            assert not standby.start(poster_b)
            assert standby.standing_by and standby.scheduler is None
            await asyncio.sleep(0.5)  # retries while the holder lives take nothing
            assert standby.scheduler is None and standby.standing_by
            sub, _ = briefs.subscribe(GUILD, CHANNEL, "daily 09:00", "UTC", "test:mod", "pytest")
            expected = ingest(corpus, batch)
            assert briefs.scheduler is not None
            briefs.scheduler.schedule(sub, DateTrigger(utcnow() + timedelta(seconds=1.5)))
            briefs.stop()  # the holder goes away (the OS releases a dead process's lock the same way)
            await wait_until(lambda: standby.scheduler is not None, timeout=3, what="the takeover")
            assert not standby.standing_by
            await wait_until(lambda: len(poster_b.posts) == 1, timeout=5, what="the new holder's brief")
        assert poster_a.posts == []
        assert sorted(poster_b.posts[0][1].article_ids) == expected
        assert any("took over the brief scheduler" in r.getMessage() for r in caplog.records)

        # A standby's loop ends with the service.
        assert not lingering.start(RecordingPoster())
        task = lingering._standby
        assert task is not None and lingering.standing_by
        lingering.stop()
        await asyncio.sleep(0)
        assert task.done() and not lingering.standing_by
    finally:
        lingering.close()
        standby.close()


@pytest.mark.parametrize("backend", [pytest.param("postgres", marks=pytest.mark.postgres)])  # a file lock is not cut
async def test_a_holder_whose_postgres_session_is_cut_stands_by(
        settings: Settings, corpus: CorpusService, caplog: pytest.LogCaptureFixture) -> None:
    """A cut session (server restart, network, an administrator) silently drops the advisory lock; the
    standby then takes it, and the old holder must notice at its next sweep and stop scheduling."""
    fast = settings.model_copy(update={"scheduler_lock_retry_seconds": 0.2})
    holder, standby = BriefService(fast, corpus), BriefService(fast, corpus)
    engine = create_engine(settings.jobstore_url)
    try:
        assert holder.start(RecordingPoster())
        assert not standby.start(RecordingPoster())
        assert holder.scheduler is not None and holder.scheduler.lock.still_held()
        await holder.sweep()
        assert holder.scheduler is not None and holder.scheduler.running  # still the holder

        with engine.begin() as db:
            cut = db.execute(text(
                "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted "
                "AND objid = :key AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"),
                {"key": PG_LOCK_KEY}).scalars().all()
        assert cut == [True]
        await wait_until(lambda: standby.scheduler is not None, timeout=3, what="the standby's takeover")
        old = holder.scheduler
        assert old is not None and old.running  # two schedulers now, until the old holder's next sweep
        with caplog.at_level(logging.WARNING, logger="bot.briefs"):
            await holder.sweep()
        assert holder.scheduler is None and holder.standing_by
        assert any("lost the brief scheduler lock" in r.getMessage() for r in caplog.records)
        await asyncio.sleep(0.5)  # the old holder's retries take nothing while the new one holds the lock
        assert holder.scheduler is None and not old.running
        assert standby.scheduler is not None and standby.scheduler.running

        # A server restart cuts every session: the job store and the subscription store reconnect by
        # themselves (only the lock's session is spared here, so that the holder stays the holder).
        sub, _ = standby.subscribe(GUILD, CHANNEL, "daily 09:00", "UTC", "test:mod", "pytest")
        with engine.begin() as db:
            cut = db.execute(text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid() AND application_name NOT LIKE :lock"),
                {"lock": f"{PG_LOCK_APPLICATION}%"}).scalars().all()
        assert cut and all(cut)
        infos, problems = standby.listing(None)
        assert [(i.subscription.id, i.next_run is not None) for i in infos] == [(sub.id, True)] and problems == []
    finally:
        engine.dispose()
        holder.close()
        standby.close()


async def test_abandoned_claim_is_retried_once(settings: Settings, corpus: CorpusService,
                                               briefs: BriefService) -> None:
    [batch] = corpus_batches(1, 2, offset=13)
    sub, _ = briefs.subscribe(GUILD, CHANNEL, "daily 09:00", "UTC", "test:mod", "pytest")
    expected = ingest(corpus, batch)
    now = utcnow()
    # A poster that crashed after claiming: the row stays 'claimed'.
    entry = briefs.store.claim(sub.id, now - timedelta(hours=1), "dead:1", sub.last_brief_at, now,
                               now - CLAIM_TIMEOUT - timedelta(minutes=1))
    assert entry is not None
    poster = RecordingPoster()
    briefs.poster = poster
    assert await briefs.retry_stale() == 1
    assert await briefs.retry_stale() == 0
    assert len(poster.posts) == 1 and sorted(poster.posts[0][1].article_ids) == expected
    [row] = briefs.store.ledger(sub.id)
    assert (row.state, row.attempts) == ("posted", 2)

    # A claim already retried once is given up (marked failed), not posted again: its retry (by "dead:3")
    # crashed too, so it is stale again with two attempts.
    long_ago = now - CLAIM_TIMEOUT - timedelta(minutes=1)
    second = briefs.store.claim(sub.id, now - timedelta(minutes=30), "dead:2", now, now, long_ago)
    assert second is not None
    retried = briefs.store.reclaim(second.id, "dead:3", long_ago, long_ago + timedelta(seconds=1), 2)
    assert retried is not None and retried.attempts == 2
    assert await briefs.retry_stale() == 0
    assert briefs.store.ledger(sub.id)[-1].state == "failed"
    assert len(poster.posts) == 1


async def test_unsubscribe_removes_the_job_and_stops_posts(settings: Settings, briefs: BriefService) -> None:
    poster = RecordingPoster()
    assert briefs.start(poster)
    sub, _ = briefs.subscribe(GUILD, CHANNEL, "daily 09:00", "UTC", "test:mod", "pytest")
    assert briefs.scheduler is not None
    briefs.scheduler.schedule(sub, DateTrigger(utcnow() + timedelta(seconds=1)))
    briefs.unsubscribe(GUILD, "test:mod", "pytest", channel_id=CHANNEL)
    assert briefs.scheduler.next_run(sub.job_id) is None
    assert await briefs.run_slot(sub.id, utcnow()) == "inactive"
    await asyncio.sleep(1.5)
    assert poster.posts == []
    actions = [e.action for e in briefs.corpus.catalog.audit_log()]
    assert actions[:2] == ["brief.unsubscribe", "brief.subscribe"]


async def test_job_that_cannot_be_restored_is_reported_and_kept(
        settings: Settings, briefs: BriefService, caplog: pytest.LogCaptureFixture) -> None:
    assert briefs.start(RecordingPoster())
    sub, _ = briefs.subscribe(GUILD, CHANNEL, "daily 09:00", "UTC", "test:mod", "pytest")
    briefs.stop()
    # Simulate a deploy that renamed the job function's module: rewrite the stored reference.
    engine = create_engine(settings.jobstore_url)
    with engine.begin() as conn:
        blob = conn.execute(text("SELECT job_state FROM apscheduler_jobs WHERE id=:i"), {"i": sub.job_id}).scalar()
        assert blob is not None
        state = pickle.loads(blob)
        state["func"] = "bot.briefs.renamed_module:run_brief_job"
        conn.execute(text("UPDATE apscheduler_jobs SET job_state=:s, next_run_time=:t WHERE id=:i"),
                     {"s": pickle.dumps(state), "t": utcnow().timestamp() - 5, "i": sub.job_id})
    engine.dispose()

    with caplog.at_level(logging.ERROR, logger="bot.briefs.scheduler"):
        assert briefs.start(RecordingPoster())
        await asyncio.sleep(0.3)  # let the scheduler look at due jobs
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR and sub.job_id in r.getMessage()]
    assert errors, "the broken job must be logged at ERROR with its id"
    _infos, problems = briefs.listing(GUILD)
    assert any(sub.job_id in p and "kept" in p for p in problems)
    with engine.begin() as conn:
        row = conn.execute(text("SELECT id, next_run_time FROM apscheduler_jobs WHERE id=:i"),
                           {"i": sub.job_id}).one()
    assert row.next_run_time is None  # kept, paused (not deleted, not spinning the scheduler)
    assert isinstance(briefs.scheduler and briefs.scheduler.store, KeepingJobStore)
    engine.dispose()


async def test_changed_poll_interval_and_misfire_grace_reach_the_stored_jobs(
        settings: Settings, corpus: CorpusService, briefs: BriefService) -> None:
    assert briefs.start(RecordingPoster())
    sub, _ = briefs.subscribe(GUILD, CHANNEL, "daily 09:00", "UTC", "test:mod", "pytest")
    assert briefs.scheduler is not None and briefs.scheduler.scheduler is not None
    feeds = briefs.scheduler.scheduler.get_job(FEEDS_JOB_ID)
    assert feeds.trigger.interval == timedelta(minutes=30) and feeds.misfire_grace_time == 600
    feeds_next, brief_next = feeds.next_run_time, briefs.scheduler.next_run(sub.job_id)
    briefs.stop()

    for changes, interval, grace in (({}, 30, 600), ({"feed_poll_minutes": 5, "misfire_grace_seconds": 1200}, 5, 1200)):
        restarted = BriefService(settings.model_copy(update=changes), corpus)
        try:
            assert restarted.start(RecordingPoster())
            assert restarted.scheduler is not None and restarted.scheduler.scheduler is not None
            jobs = {job.id: job for job in restarted.scheduler.scheduler.get_jobs()}
            assert jobs[FEEDS_JOB_ID].trigger.interval == timedelta(minutes=interval)
            assert {job.misfire_grace_time for job in jobs.values()} == {grace}
            assert jobs[sub.job_id].next_run_time == brief_next  # the brief's fire time is kept
            if not changes:
                assert jobs[FEEDS_JOB_ID].next_run_time == feeds_next  # unchanged settings move nothing
            else:
                assert jobs[FEEDS_JOB_ID].next_run_time <= datetime.now(UTC) + timedelta(minutes=5)
        finally:
            restarted.close()
