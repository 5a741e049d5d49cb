"""BriefService: the facade the Discord cog, the scheduler's jobs and the CLI share.

Delivery of one slot is: claim the (subscription, slot) ledger row → compose → post → record the post
and advance ``last_brief_at`` (one transaction). A lost claim means someone else delivers this slot; a
failed post is recorded as failed and ``last_brief_at`` is not advanced, so the next brief covers those
articles instead; a claim abandoned by a crash is retried once after :data:`CLAIM_TIMEOUT`.

A crash *between sending and recording* leaves the messages in the channel and the claim open. Discord's
nonce de-duplication lasts minutes only, so every brief carries a marker (:func:`brief_marker`) in its
footer, and the retry of a reclaimed claim asks the poster to look for it in the channel's recent
messages first (:attr:`Delivery.recovering`): what is found is recorded as posted, not posted again.
"""

from __future__ import annotations

import asyncio
import importlib
import logging
import os
import socket
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Literal

from bot.briefs.compose import Brief, compose_brief, format_moment
from bot.briefs.developments import NoveltyJudge
from bot.briefs.feeds import FeedPollReport, poll_feeds
from bot.briefs.schedule import parse_schedule
from bot.briefs.subscriptions import BriefStore, LedgerEntry, Subscription, open_store
from bot.corpus.catalog import utcnow
from bot.corpus.fetch import Fetcher
from bot.corpus.ingest import CorpusService
from bot.settings import Settings

if TYPE_CHECKING:
    from bot.briefs.scheduler import BriefScheduler

log = logging.getLogger(__name__)

CLAIM_TIMEOUT = timedelta(minutes=5)
MAX_ATTEMPTS = 2  # the first try plus one retry after a crash
LOOKBACK = timedelta(hours=1)


@dataclass(frozen=True)
class Delivery:
    """How one slot's brief goes out: the nonce, the marker shown under it, the reader's zone, and
    whether this is the retry of a claim whose poster died (so the channel may already hold it)."""

    nonce: str
    marker: str
    timezone: str
    recovering: bool = False


# (channel id, brief, delivery) -> ids of the messages Discord accepted (or found already posted)
Poster = Callable[[int, Brief, Delivery], Awaitable[list[int]]]
# What one scheduled slot came to: a brief posted, an empty one recorded, the slot already taken by another
# process, the post failed (retried once later), or the subscription is gone.
SlotOutcome = Literal["posted", "empty", "duplicate", "failed", "inactive"]


def brief_marker(entry_id: int, slot: datetime, timezone: str) -> str:
    """What a reader sees under a brief (``Brief #12 · 1 Dec 09:00 CET``) and what a retry looks for in
    the channel: the ledger row's id and the slot are unique, the text stays short and readable."""
    return f"Brief #{entry_id} · {format_moment(slot, timezone)}"


@dataclass(frozen=True)
class SubscriptionInfo:
    subscription: Subscription
    next_run: datetime | None


class BriefService:
    def __init__(self, settings: Settings, corpus: CorpusService, *, fetcher: Fetcher | None = None,
                 clock: Callable[[], datetime] = utcnow, holder: str | None = None) -> None:
        self.settings = settings
        self.corpus = corpus
        self.store: BriefStore = open_store(settings, corpus.catalog)
        self.fetcher = fetcher or corpus.fetcher  # one fetcher per process, injected once
        self.judge = NoveltyJudge(corpus.catalog, corpus.index)
        self.clock = clock
        self.holder = holder or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        self.poster: Poster | None = None
        self.scheduler: BriefScheduler | None = None  # set while this process runs the scheduler
        self._standby: asyncio.Task[None] | None = None

    # lifecycle ----------------------------------------------------------------------------------
    def start(self, poster: Poster | None = None) -> bool:
        """Start the scheduler on the running loop if this process wins the lock (see scheduler.py);
        otherwise stand by, retrying the lock every ``scheduler_lock_retry_seconds``, so that when the
        holder dies this process takes over and briefs keep coming. Blocks while it takes the lock and
        opens the job store: on the bot's loop use :meth:`start_async`."""
        candidate = self._prepare_start(poster)
        if candidate is None:
            return self.scheduler is not None
        return self._started(candidate, candidate.start())

    async def start_async(self, poster: Poster | None = None) -> bool:
        """:meth:`start`, with the imports (APScheduler, SQLAlchemy: about a second), the lock and the job
        store (file and database I/O) on a worker thread."""
        await asyncio.to_thread(importlib.import_module, "bot.briefs.scheduler")
        candidate = self._prepare_start(poster)
        if candidate is None:
            return self.scheduler is not None
        loop = asyncio.get_running_loop()
        return self._started(candidate, await asyncio.to_thread(candidate.start, False, loop))

    def _prepare_start(self, poster: Poster | None) -> BriefScheduler | None:
        from bot.briefs.scheduler import BriefScheduler, register_service

        if poster is not None:
            self.poster = poster
        register_service(self)
        if self.scheduler is not None or self._standby is not None:
            return None
        return BriefScheduler(self.settings, self)

    def _started(self, candidate: BriefScheduler, started: bool) -> bool:
        if started:
            self.scheduler = candidate
            return True
        if self.settings.scheduler_lock_retry_seconds > 0:
            self._standby = asyncio.get_running_loop().create_task(self._stand_by(candidate),
                                                                   name="brief-scheduler-standby")
        return False

    @staticmethod
    async def _try_start(candidate: BriefScheduler, loop: asyncio.AbstractEventLoop) -> bool:
        """One attempt on a worker thread; if the standby is cancelled meanwhile (the bot is stopping),
        a scheduler that started anyway is stopped again, so the lock is never kept by nobody."""
        attempt = asyncio.ensure_future(asyncio.to_thread(candidate.start, True, loop))
        try:
            return await asyncio.shield(attempt)
        except asyncio.CancelledError:
            def undo(done: asyncio.Future[bool]) -> None:
                if not done.cancelled() and done.exception() is None and done.result():
                    candidate.stop()

            attempt.add_done_callback(undo)
            raise

    async def _stand_by(self, candidate: BriefScheduler) -> None:
        delay = self.settings.scheduler_lock_retry_seconds
        loop = asyncio.get_running_loop()
        try:
            while True:
                await asyncio.sleep(delay)
                try:
                    started = await self._try_start(candidate, loop)
                except Exception:
                    log.exception("took the scheduler lock but could not start the brief scheduler; retrying")
                    continue
                if started:
                    self.scheduler = candidate
                    log.info("took over the brief scheduler: the process that held its lock is gone")
                    return
        finally:
            if self._standby is asyncio.current_task():
                self._standby = None

    async def sweep(self) -> None:
        """The periodic ``briefs:sweep``: give up a scheduler lock lost under us, sync jobs with
        subscriptions changed by other processes, retry claims abandoned by a crash."""
        if self.scheduler is not None:
            if not await asyncio.to_thread(self.scheduler.lock.still_held):
                self._lost_lock()
                return
            await asyncio.to_thread(self.scheduler.sync_jobs)  # job store and subscription queries
        await self.retry_stale()

    def _lost_lock(self) -> None:
        """Stop scheduling (the lock's new holder schedules now) and stand by for the lock again."""
        from bot.briefs.scheduler import BriefScheduler

        lost, self.scheduler = self.scheduler, None
        log.warning("lost the brief scheduler lock (its Postgres session was cut); stopping this process's "
                    "scheduler and standing by")
        loop = asyncio.get_running_loop()
        if lost is not None:
            loop.call_soon(lost.stop)  # not from inside the job that is running now
        if self.settings.scheduler_lock_retry_seconds > 0 and self._standby is None:
            self._standby = loop.create_task(self._stand_by(BriefScheduler(self.settings, self)),
                                             name="brief-scheduler-standby")

    @property
    def standing_by(self) -> bool:
        """True while this process waits for the scheduler lock."""
        return self._standby is not None

    def stop(self, wait: bool = False) -> None:
        from bot.briefs.scheduler import unregister_service

        if self._standby is not None:
            self._standby.cancel()
            self._standby = None
        if self.scheduler is not None:
            self.scheduler.stop(wait=wait)
            self.scheduler = None
        unregister_service(self)

    def close(self) -> None:
        self.stop()
        self.store.close()

    # subscriptions ------------------------------------------------------------------------------
    def subscribe(self, guild_id: int, channel_id: int, spec: str, timezone: str, actor: str,
                  origin: str, when_empty: str | None = None) -> tuple[Subscription, bool]:
        """Subscribe a channel (or change its schedule); ``when_empty`` None keeps / defaults it."""
        schedule = parse_schedule(spec, timezone)
        sub, created = self.store.subscribe(guild_id, channel_id, schedule.spec, schedule.timezone, actor,
                                            origin, self.clock(), when_empty)
        if self.scheduler is not None:
            self.scheduler.schedule(sub, catch_up=created)
        return sub, created

    def unsubscribe(self, guild_id: int | None, actor: str, origin: str, *, channel_id: int | None = None,
                    subscription_id: int | None = None) -> Subscription:
        if channel_id is not None:
            sub = self.store.unsubscribe(channel_id, guild_id, actor, origin, by_channel=True)
        elif subscription_id is not None:
            sub = self.store.unsubscribe(subscription_id, guild_id, actor, origin, by_channel=False)
        else:
            from bot.errors import InvalidInputError

            raise InvalidInputError("Say which channel (or subscription id) to unsubscribe.")
        if self.scheduler is not None:
            self.scheduler.unschedule(sub.job_id)
        return sub

    def listing(self, guild_id: int | None) -> tuple[list[SubscriptionInfo], list[str]]:
        """Active subscriptions with their next run, and problems (jobs that cannot be restored)."""
        subs = self.store.active(guild_id)
        infos = [SubscriptionInfo(s, self.scheduler.next_run(s.job_id) if self.scheduler else None)
                 for s in subs]
        problems: list[str] = []
        if self.scheduler is not None:
            mine = {s.job_id for s in subs}
            for job_id, why in sorted(self.scheduler.problems().items()):
                if guild_id is None or job_id in mine or not job_id.startswith("brief:"):
                    problems.append(f"job {job_id} cannot be restored ({why}); it is kept, paused")
        return infos, problems

    # composing ----------------------------------------------------------------------------------
    def compose(self, since: datetime, until: datetime | None = None, timezone: str = "UTC") -> Brief:
        """The brief of news published in (since, until] (default until: now)."""
        return compose_brief(self.corpus.catalog, self.judge, since, until or self.clock(), timezone=timezone)

    def compose_for(self, sub: Subscription, since: datetime, until: datetime) -> Brief:
        """A subscription's brief: news since its last brief, among articles added since then."""
        query_since = max(since - LOOKBACK, sub.created_at)
        exclude = self.store.covered_keys(sub.id, query_since)
        return compose_brief(self.corpus.catalog, self.judge, since, until, timezone=sub.timezone,
                             exclude_keys=exclude, added_since=query_since)

    def preview_with_zone(self, channel_id: int) -> tuple[Brief, str]:
        """:meth:`preview` and the time zone to show it in (the subscription's, else UTC)."""
        sub = self.store.for_channel(channel_id)
        return self.preview(channel_id), sub.timezone if sub is not None else "UTC"

    def preview(self, channel_id: int) -> Brief:
        """What the channel's next brief would contain now; advances nothing."""
        now = self.clock()
        sub = self.store.for_channel(channel_id)
        if sub is None:
            return self.compose(now - timedelta(hours=24), now)
        return self.compose_for(sub, sub.last_brief_at, now)

    # delivering (on the loop: every store call goes to a worker thread) --------------------------
    async def run_slot(self, subscription_id: int, slot: datetime) -> SlotOutcome:
        """Deliver one slot; returns what happened (posted, empty, duplicate, failed, inactive)."""
        sub = await asyncio.to_thread(self.store.get, subscription_id)
        if sub is None or not sub.active:
            log.info("subscription %s is gone; removing its job", subscription_id)
            if self.scheduler is not None:
                await asyncio.to_thread(self.scheduler.unschedule, f"brief:{subscription_id}")
            return "inactive"
        await self.retry_stale(subscription_id)
        sub = await asyncio.to_thread(self.store.get, subscription_id) or sub
        now = self.clock()
        until = now.replace(microsecond=0)
        since = min(sub.last_brief_at, until)
        entry = await asyncio.to_thread(self.store.claim, sub.id, slot, self.holder, since, until, now)
        if entry is None:
            log.info("brief slot %s of subscription %s already claimed; not posting", slot, sub.id)
            return "duplicate"
        return await self._deliver(sub, entry)

    def delivery_for(self, sub: Subscription, entry: LedgerEntry, recovering: bool = False) -> Delivery:
        return Delivery(nonce=f"b{sub.id}-{int(entry.slot.timestamp())}",
                        marker=brief_marker(entry.id, entry.slot, sub.timezone), timezone=sub.timezone,
                        recovering=recovering)

    async def _deliver(self, sub: Subscription, entry: LedgerEntry, recovering: bool = False) -> SlotOutcome:
        brief = await asyncio.to_thread(self.compose_for, sub, entry.since, entry.until)
        if brief.empty and sub.when_empty == "skip":
            await asyncio.to_thread(self.store.finish, entry, "empty", [], [], self.clock())
            return "empty"
        if self.poster is None:
            log.warning("no poster for brief of subscription %s; leaving it for the next slot", sub.id)
            await asyncio.to_thread(self.store.fail, entry, self.clock())
            return "failed"
        try:
            message_ids = await self.poster(sub.channel_id, brief, self.delivery_for(sub, entry, recovering))
        except Exception as exc:
            log.warning("posting the brief of subscription %s to channel %s failed: %s", sub.id,
                        sub.channel_id, exc)
            await asyncio.to_thread(self.store.fail, entry, self.clock())
            return "failed"
        await asyncio.to_thread(self.store.finish, entry, "posted" if not brief.empty else "empty",
                                brief.article_keys, message_ids, self.clock())
        log.info("posted brief of subscription %s (%d articles, %d messages)", sub.id, len(brief.article_ids),
                 len(message_ids))
        return "posted"

    async def retry_stale(self, subscription_id: int | None = None) -> int:
        """Retry claims a crashed poster left behind (once); give up on those retried already."""
        now = self.clock()
        stale_before = now - CLAIM_TIMEOUT
        retried = 0
        for entry in await asyncio.to_thread(self.store.stale_claims, stale_before):
            if subscription_id is not None and entry.subscription_id != subscription_id:
                continue
            sub = await asyncio.to_thread(self.store.get, entry.subscription_id)
            if sub is None or not sub.active or entry.attempts >= MAX_ATTEMPTS:
                log.warning("giving up on brief slot %s of subscription %s after %d attempts", entry.slot,
                            entry.subscription_id, entry.attempts)
                await asyncio.to_thread(self.store.fail, entry, now)
                continue
            taken = await asyncio.to_thread(self.store.reclaim, entry.id, self.holder, now, stale_before, MAX_ATTEMPTS)
            if taken is not None:
                log.info("retrying brief slot %s of subscription %s", entry.slot, entry.subscription_id)
                await self._deliver(sub, taken, recovering=True)
                retried += 1
        return retried

    # feeds --------------------------------------------------------------------------------------
    async def poll_feeds(self) -> FeedPollReport:
        report = await asyncio.to_thread(poll_feeds, self.corpus, self.fetcher)
        if report.added:
            log.info("feed poll: %d feeds, %d new articles", report.polled, len(report.added))
        return report
