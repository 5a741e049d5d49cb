"""The one scheduler of a deployment: APScheduler 3 on the bot's event loop, with a persistent job store.

Why each piece:

* **Lock.** Two processes each running a scheduler over the same job store would both fire every
  job. :class:`SchedulerLock` takes an OS file lock (``fcntl.flock`` on ``data_dir/scheduler.lock``) for
  the SQLite default, or ``pg_try_advisory_lock`` on a held connection when the job store is Postgres.
  The process without it runs no scheduler (INFO log) and still serves commands; the ledger is the
  second line of defence should two ever run.
* **Job store.** :class:`KeepingJobStore` is APScheduler's ``SQLAlchemyJobStore`` except for one thing:
  a job whose function cannot be restored (module renamed, bad pickle) is logged at ERROR, recorded in
  :attr:`KeepingJobStore.problems` and *kept* with its ``next_run_time`` cleared (so it neither fires nor
  makes the scheduler spin), instead of being silently deleted as upstream does.
* **Executor.** :class:`SlotExecutor` passes each run its scheduled time (the *slot*; with coalescing the
  latest missed one) and its service through a context variable, so job functions stay plain
  module-level coroutines referenced by name in the store — nothing live is pickled.
* **Jobs.** ``brief:<subscription id>`` (the subscription's cron trigger), ``feeds:poll`` (interval),
  ``briefs:sweep`` (re-syncs jobs with subscriptions changed by another process, retries abandoned
  claims). All with ``coalesce=True``, ``max_instances=1``, the configured misfire grace; stored jobs are
  brought up to changed settings (poll interval, misfire grace) at start, without moving fire times
  that are still right.
* **Standby.** The process without the lock retries it (``scheduler_lock_retry_seconds``, see
  :meth:`BriefService.start`) and takes over when the holder dies. A holder whose Postgres session was
  cut has lost the lock without knowing: the sweep checks it (:meth:`SchedulerLock.still_held`) and such
  a holder stops its scheduler and stands by.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import logging
import os
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from apscheduler.executors.asyncio import AsyncIOExecutor
from apscheduler.job import Job
from apscheduler.jobstores.base import JobLookupError
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy import and_, select, update

from bot.briefs.schedule import make_trigger
from bot.settings import Settings

if TYPE_CHECKING:
    from bot.briefs.service import BriefService
    from bot.briefs.subscriptions import Subscription

log = logging.getLogger(__name__)

FEEDS_JOB_ID = "feeds:poll"
SWEEP_JOB_ID = "briefs:sweep"
SWEEP_SECONDS = 60
BRIEF_PREFIX = "brief:"
PG_LOCK_KEY = 0x62726965  # "brie"
PG_LOCK_APPLICATION = "briefbot scheduler lock, pid"

_RUN: contextvars.ContextVar[tuple[BriefService, datetime]] = contextvars.ContextVar("briefbot_job_run")
_REGISTRY: dict[str, BriefService] = {}


# registry and job functions ---------------------------------------------------------------------

def register_service(service: BriefService, name: str = "default") -> None:
    """Make ``service`` the one job functions use when run outside :class:`SlotExecutor`."""
    _REGISTRY[name] = service


def unregister_service(service: BriefService, name: str = "default") -> None:
    if _REGISTRY.get(name) is service:
        del _REGISTRY[name]


def _current() -> tuple[BriefService, datetime]:
    run = _RUN.get(None)
    if run is not None:
        return run
    service = _REGISTRY.get("default")
    if service is None:
        raise LookupError("no brief service is running in this process")
    return service, datetime.now(UTC)


async def run_brief_job(subscription_id: int, **_: Any) -> str:
    """Job ``brief:<id>``: post the subscription's brief for this slot (idempotent via the ledger)."""
    service, slot = _current()
    return await service.run_slot(subscription_id, slot)


async def poll_feeds_job() -> None:
    """Job ``feeds:poll``: conditional GET of every followed feed, new entries ingested."""
    service, _slot = _current()
    await service.poll_feeds()


async def sweep_job() -> None:
    """Job ``briefs:sweep``: check the lock is still ours, sync jobs with subscriptions, retry claims
    abandoned by a crash."""
    service, _slot = _current()
    await service.sweep()


# the lock ---------------------------------------------------------------------------------------

class SchedulerLock:
    """Held by at most one process per deployment for as long as it runs the scheduler."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.path = settings.data_dir / "scheduler.lock"
        self._fd: int | None = None
        self._pg: Any = None

    @property
    def where(self) -> str:
        """The lock as a log line names it: the file, or Postgres's advisory lock."""
        if self.settings.jobstore_url.startswith(("postgresql", "postgres")):
            return f"Postgres advisory lock {PG_LOCK_KEY}"
        return str(self.path)

    @property
    def held(self) -> bool:
        return self._fd is not None or self._pg is not None

    def acquire(self) -> bool:
        url = self.settings.jobstore_url
        if url.startswith(("postgresql", "postgres")):
            return self._acquire_pg(url)
        return self._acquire_file()

    def still_held(self) -> bool:
        """Whether the lock is still this process's. A file lock lasts as long as the process; a Postgres
        advisory lock goes with its session, which a server restart, a network cut or an administrator can
        end without this process noticing (and a standby then takes the lock)."""
        if self._fd is not None:
            return True
        if self._pg is None:
            return False
        from sqlalchemy import text

        _engine, conn = self._pg
        try:
            held = conn.execute(text(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = :k "
                "AND pid = pg_backend_pid() AND granted"), {"k": PG_LOCK_KEY}).scalar()
            conn.commit()
        except Exception as exc:
            log.warning("the scheduler lock's Postgres session is gone (%s)", f"{type(exc).__name__}: {exc}"[:200])
            return False
        return bool(held)

    def _acquire_file(self) -> bool:
        import fcntl

        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return False
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd
        return True

    def _acquire_pg(self, url: str) -> bool:
        from sqlalchemy import create_engine, text

        # The application name shows who holds the lock in pg_stat_activity (as the lock file's pid does).
        engine = create_engine(url, pool_size=1, max_overflow=0,
                               connect_args={"application_name": f"{PG_LOCK_APPLICATION} {os.getpid()}"})
        try:
            conn = engine.connect()
            got = bool(conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": PG_LOCK_KEY}).scalar())
            conn.commit()
        except BaseException:
            engine.dispose()
            raise
        if not got:
            conn.close()
            engine.dispose()
            return False
        self._pg = (engine, conn)  # the session-level lock lives as long as this connection
        return True

    def release(self) -> None:
        if self._fd is not None:
            import fcntl

            with contextlib.suppress(OSError):
                fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
        if self._pg is not None:
            engine, conn = self._pg
            with contextlib.suppress(Exception):
                conn.close()
            engine.dispose()
            self._pg = None


# job store and executor -------------------------------------------------------------------------

class KeepingJobStore(SQLAlchemyJobStore):  # type: ignore[misc]
    """``SQLAlchemyJobStore`` that reports and keeps (paused) jobs it cannot restore."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.problems: dict[str, str] = {}

    def _record(self, job_id: str, exc: BaseException) -> None:
        message = f"{type(exc).__name__}: {exc}"[:300]
        if self.problems.get(job_id) != message:
            log.error('cannot restore scheduled job "%s" (%s); kept in the job store, paused', job_id, message)
        self.problems[job_id] = message

    def lookup_job(self, job_id: str) -> Job | None:
        selectable = select(self.jobs_t.c.job_state).where(self.jobs_t.c.id == job_id)
        with self.engine.begin() as connection:
            job_state = connection.execute(selectable).scalar()
        if not job_state:
            return None
        try:
            return self._reconstitute_job(job_state)
        except Exception as exc:
            self._record(job_id, exc)
            return None

    def _get_jobs(self, *conditions: Any) -> list[Job]:
        jobs: list[Job] = []
        selectable = select(self.jobs_t.c.id, self.jobs_t.c.job_state).order_by(self.jobs_t.c.next_run_time)
        selectable = selectable.where(and_(*conditions)) if conditions else selectable
        failed: list[str] = []
        with self.engine.begin() as connection:
            for row in connection.execute(selectable):
                try:
                    jobs.append(self._reconstitute_job(row.job_state))
                except Exception as exc:
                    self._record(row.id, exc)
                    failed.append(row.id)
            if failed:  # keep the row, stop it from being due (else the scheduler would spin on it)
                connection.execute(update(self.jobs_t).where(self.jobs_t.c.id.in_(failed))
                                   .values(next_run_time=None))
        return jobs

    def broken_jobs(self) -> dict[str, str]:
        """Every stored job that cannot be restored right now, with why (scans the table)."""
        failed: list[tuple[str, BaseException]] = []
        with self.engine.begin() as connection:
            for row in connection.execute(select(self.jobs_t.c.id, self.jobs_t.c.job_state)):
                try:
                    self._reconstitute_job(row.job_state)
                except Exception as exc:
                    failed.append((row.id, exc))
        self.problems = {k: v for k, v in self.problems.items() if k in {job_id for job_id, _ in failed}}
        for job_id, error in failed:
            self._record(job_id, error)
        return dict(self.problems)


class SlotExecutor(AsyncIOExecutor):  # type: ignore[misc]
    """Runs coroutine jobs with their scheduled time and service in a context variable."""

    def __init__(self, service: BriefService) -> None:
        super().__init__()
        self.service = service

    def _do_submit_job(self, job: Job, run_times: list[datetime]) -> None:
        token = _RUN.set((self.service, run_times[-1]))
        try:  # create_task copies the current context, so the job's task sees this value
            super()._do_submit_job(job, run_times)
        finally:
            _RUN.reset(token)


# the scheduler ----------------------------------------------------------------------------------

class BriefScheduler:
    """Owns the AsyncIOScheduler, its lock, and the mapping subscriptions → jobs."""

    def __init__(self, settings: Settings, service: BriefService) -> None:
        self.settings = settings
        self.service = service
        self.lock = SchedulerLock(settings)
        self.scheduler: AsyncIOScheduler | None = None
        self.store: KeepingJobStore | None = None

    @property
    def running(self) -> bool:
        return self.scheduler is not None and bool(self.scheduler.running)

    def start(self, quiet: bool = False, loop: asyncio.AbstractEventLoop | None = None) -> bool:
        """Start on ``loop`` (default: the running one) if this process gets the lock; False (INFO, or
        DEBUG when ``quiet``: a standby's retries) otherwise. With ``loop`` given it may run on a worker
        thread: taking the lock and loading the job store block, and APScheduler wakes the loop
        thread-safely."""
        if self.running:
            return True
        if not self.lock.acquire():
            log.log(logging.DEBUG if quiet else logging.INFO,
                    "another process runs the brief scheduler (lock %s held); this one only serves commands",
                    self.lock.where)
            return False
        try:
            # pre-ping: a pooled connection a database restart cut is replaced instead of failing a job or a
            # command (Postgres; for SQLite it costs next to nothing)
            self.store = KeepingJobStore(url=self.settings.jobstore_url, engine_options={"pool_pre_ping": True})
            self.scheduler = AsyncIOScheduler(
                jobstores={"default": self.store},
                executors={"default": SlotExecutor(self.service)},
                job_defaults={"coalesce": True, "max_instances": 1,
                              "misfire_grace_time": self.settings.misfire_grace_seconds},
                timezone=UTC,
                event_loop=loop or asyncio.get_running_loop(),
            )
            self.scheduler.start()
            self._ensure_interval(FEEDS_JOB_ID, poll_feeds_job, timedelta(minutes=self.settings.feed_poll_minutes))
            self._ensure_interval(SWEEP_JOB_ID, sweep_job, timedelta(seconds=SWEEP_SECONDS))
            self.sync_jobs()
        except BaseException:
            self.stop(wait=False)
            raise
        log.info("brief scheduler started (job store %s)", self.store.engine.url.render_as_string())
        return True

    def stop(self, wait: bool = False) -> None:
        """Shut down without running anything pending (the next start catches up) and drop the lock."""
        if self.scheduler is not None and self.scheduler.running:
            self.scheduler.shutdown(wait=wait)
        self.scheduler = None
        self.store = None
        self.lock.release()

    def _add(self, job_id: str, func: Any, trigger: BaseTrigger, kwargs: dict[str, Any],
             first_run: datetime | None = None) -> None:
        """Add the job, replacing any stored one of that id."""
        assert self.scheduler is not None
        extra: dict[str, Any] = {"next_run_time": first_run} if first_run is not None else {}
        self.scheduler.add_job(
            func, trigger, id=job_id, kwargs=kwargs, replace_existing=True, coalesce=True, max_instances=1,
            misfire_grace_time=self.settings.misfire_grace_seconds, **extra,
        )

    def _ensure_interval(self, job_id: str, func: Any, every: timedelta) -> None:
        """Add an interval job, or bring the stored one up to the settings: a changed interval reschedules
        it, a changed misfire grace is applied in place (its next fire time kept)."""
        assert self.scheduler is not None
        job = self.scheduler.get_job(job_id)
        if job is None:
            self._add(job_id, func, IntervalTrigger(seconds=every.total_seconds()), {})
            return
        if not isinstance(job.trigger, IntervalTrigger) or job.trigger.interval != every:
            log.info("job %s: interval changed to %s", job_id, every)
            self.scheduler.reschedule_job(job_id, trigger=IntervalTrigger(seconds=every.total_seconds()))
        self._ensure_grace(job)

    def _ensure_grace(self, job: Job) -> None:
        assert self.scheduler is not None
        if job.misfire_grace_time != self.settings.misfire_grace_seconds:
            self.scheduler.modify_job(job.id, misfire_grace_time=self.settings.misfire_grace_seconds)

    def schedule(self, sub: Subscription, trigger: BaseTrigger | None = None, *, catch_up: bool = False) -> None:
        """(Re)create the subscription's job; ``trigger`` overrides the cron one (tests, one-offs).

        ``catch_up`` (a job created for a subscription that had none): the first run is the first fire time
        after the subscription's last brief, not after now. A subscription added while no process ran the
        scheduler (or by a process without it, shortly before the holder died) then gets the slot it missed
        as one catch-up brief, within the misfire grace, like any job missed during downtime.
        """
        if not self.running:
            return
        kwargs = {"subscription_id": sub.id,
                  "spec": "custom" if trigger is not None else f"{sub.schedule}|{sub.timezone}"}
        chosen = trigger or make_trigger(sub.schedule, sub.timezone)
        first_run = chosen.get_next_fire_time(None, sub.last_brief_at) if catch_up and trigger is None else None
        self._add(sub.job_id, run_brief_job, chosen, kwargs, first_run=first_run)

    def unschedule(self, job_id: str) -> None:
        if not self.running:
            return
        assert self.scheduler is not None
        with contextlib.suppress(JobLookupError):
            self.scheduler.remove_job(job_id)

    def sync_jobs(self) -> None:
        """Make the jobs match the active subscriptions, without touching jobs already right (so a
        missed fire time survives a restart) nor jobs that cannot be restored (they stay, reported)."""
        if not self.running:
            return
        assert self.scheduler is not None and self.store is not None
        broken = self.store.broken_jobs()
        wanted = {sub.job_id: sub for sub in self.service.store.active()}
        for job in self.scheduler.get_jobs():
            if job.id.startswith(BRIEF_PREFIX) and job.id not in wanted:
                self.unschedule(job.id)
        for job_id, sub in wanted.items():
            if job_id in broken:
                continue
            job = self.scheduler.get_job(job_id)
            spec = f"{sub.schedule}|{sub.timezone}"
            if job is None:
                self.schedule(sub, catch_up=True)
            elif job.kwargs.get("spec") != spec and job.kwargs.get("spec") != "custom":
                self.schedule(sub)
            else:
                self._ensure_grace(job)

    def wakeup(self) -> None:
        """Look at due jobs now: APScheduler sleeps until the next fire time it computed, so after the
        wall clock jumps (a resumed VM, a corrected clock, a test's time travel) it must be told."""
        if self.running:
            assert self.scheduler is not None
            self.scheduler.wakeup()

    def problems(self) -> dict[str, str]:
        if self.store is None:
            return {}
        return self.store.broken_jobs()

    def next_run(self, job_id: str) -> datetime | None:
        if not self.running:
            return None
        assert self.scheduler is not None
        job = self.scheduler.get_job(job_id)
        return job.next_run_time if job is not None else None
