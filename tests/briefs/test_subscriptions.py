"""The subscription store on its own, on both backends (the catalog's SQLite file and Postgres): the
interface the brief service uses, racing writers, and (SQLite) catalogs made before ``when_empty`` existed."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TypeVar

import pytest

from bot.briefs.subscriptions import BriefStore, SubscriptionStore, open_store
from bot.corpus.catalog import Catalog
from bot.errors import InvalidInputError, NotFoundError
from bot.settings import Settings
from tests.briefs.helpers import make_settings

T = TypeVar("T")

NOW = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)

# The table as the first release of briefs made it, before ``when_empty``.
OLD_TABLE = """
CREATE TABLE brief_subscriptions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id INTEGER NOT NULL,
    channel_id INTEGER NOT NULL,
    schedule TEXT NOT NULL,
    timezone TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_brief_at TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1
);
INSERT INTO brief_subscriptions(guild_id, channel_id, schedule, timezone, created_by, created_at, last_brief_at)
VALUES (1, 10, 'daily 09:00', 'UTC', 'test', '2026-11-01T00:00:00+00:00', '2026-11-01T00:00:00+00:00');
"""


def test_an_old_catalog_gets_when_empty_with_the_configured_default(tmp_path: Path) -> None:
    path = tmp_path / "catalog.sqlite3"
    catalog = Catalog(path)
    with catalog.transaction() as db:
        for statement in OLD_TABLE.split(";"):
            if statement.strip():
                db.execute(statement)
    try:
        store = SubscriptionStore(catalog, path, default_when_empty="skip")
        [old] = store.active()
        assert old.channel_id == 10 and old.when_empty == "skip"  # as the global setting made it behave
        defaulted, _ = store.subscribe(1, 11, "daily 09:00", "UTC", "test", "pytest", NOW)
        chosen, _ = store.subscribe(1, 12, "daily 09:00", "UTC", "test", "pytest", NOW, "say")
        assert (defaulted.when_empty, chosen.when_empty) == ("skip", "say")
        kept, created = store.subscribe(1, 12, "daily 10:00", "UTC", "test", "pytest", NOW)
        assert not created and kept.when_empty == "say" and kept.schedule == "daily 10:00"
        with pytest.raises(InvalidInputError):
            store.subscribe(1, 13, "daily 09:00", "UTC", "test", "pytest", NOW, "sometimes")
        store.close()

        again = SubscriptionStore(catalog, path, default_when_empty="say")  # already migrated: a no-op
        assert [s.when_empty for s in again.active()] == ["skip", "skip", "say"]
        again.close()
    finally:
        catalog.close()


# Discord ids are 64-bit snowflakes: beyond 2**53, so a float or a 32-bit column would corrupt them.
GUILD, CHANNEL, OTHER_CHANNEL = 1_150_000_000_000_000_001, 1_250_000_000_000_000_002, 1_250_000_000_000_000_003
MESSAGE = 1_350_000_000_000_000_004


@pytest.fixture
def settings(tmp_path: Path, database_settings: dict[str, str]) -> Settings:
    return make_settings(tmp_path / "data", **database_settings)


@pytest.fixture
def catalog(settings: Settings) -> Iterator[Catalog]:
    catalog = Catalog(settings.catalog_path)
    try:
        yield catalog
    finally:
        catalog.close()


@pytest.fixture
def store(settings: Settings, catalog: Catalog, backend: str) -> Iterator[BriefStore]:
    store = open_store(settings, catalog)
    assert isinstance(store, SubscriptionStore) == (backend == "sqlite")
    try:
        yield store
    finally:
        store.close()


def test_subscriptions_change_with_their_audit_entries(store: BriefStore, catalog: Catalog) -> None:
    sub, created = store.subscribe(GUILD, CHANNEL, "daily 09:00", "Europe/Paris", "mod:1", "pytest", NOW)
    assert created and (sub.guild_id, sub.channel_id, sub.when_empty) == (GUILD, CHANNEL, "say")
    assert sub.created_at == sub.last_brief_at == NOW - timedelta(seconds=1) and sub.active
    moved, created = store.subscribe(GUILD, CHANNEL, "weekly mon 08:30", "UTC", "mod:2", "pytest", NOW, "skip")
    assert not created and moved.id == sub.id
    assert (moved.schedule, moved.timezone, moved.when_empty) == ("weekly mon 08:30", "UTC", "skip")
    kept, _ = store.subscribe(GUILD, CHANNEL, "daily 07:00", "UTC", "mod:2", "pytest", NOW)
    assert kept.when_empty == "skip" and kept.created_at == sub.created_at
    other, _ = store.subscribe(7, OTHER_CHANNEL, "daily 09:00", "UTC", "mod:3", "pytest", NOW)
    assert store.get(sub.id) == kept and store.for_channel(CHANNEL) == kept
    assert store.active() == [kept, other] and store.active(GUILD) == [kept]

    gone = store.unsubscribe(CHANNEL, GUILD, "mod:1", "pytest")
    assert gone.id == sub.id and not gone.active
    assert store.for_channel(CHANNEL) is None and store.active() == [other]
    with pytest.raises(NotFoundError):
        store.unsubscribe(CHANNEL, GUILD, "mod:1", "pytest")
    with pytest.raises(NotFoundError):  # another guild's subscription is not this guild's to remove
        store.unsubscribe(other.id, GUILD, "mod:1", "pytest", by_channel=False)
    again, created = store.subscribe(GUILD, CHANNEL, "daily 09:00", "UTC", "mod:1", "pytest", NOW)
    assert created and again.id != sub.id  # history kept: the old row stays, inactive
    assert store.get(sub.id) == gone

    log = [(e.action, e.target, e.actor) for e in reversed(catalog.audit_log())]
    assert log == [
        ("brief.subscribe", f"subscription:{sub.id}", "mod:1"),
        ("brief.reschedule", f"subscription:{sub.id}", "mod:2"),
        ("brief.reschedule", f"subscription:{sub.id}", "mod:2"),
        ("brief.subscribe", f"subscription:{other.id}", "mod:3"),
        ("brief.unsubscribe", f"subscription:{sub.id}", "mod:1"),
        ("brief.subscribe", f"subscription:{again.id}", "mod:1"),
    ]


def test_the_ledger_claims_each_slot_once_and_records_what_was_posted(store: BriefStore) -> None:
    sub, _ = store.subscribe(GUILD, CHANNEL, "daily 09:00", "UTC", "mod:1", "pytest", NOW)
    slot, until = NOW + timedelta(hours=1), NOW + timedelta(hours=1, seconds=2, microseconds=700)
    entry = store.claim(sub.id, slot, "host:1", sub.last_brief_at, until, until)
    assert entry is not None and (entry.state, entry.holder, entry.attempts) == ("claimed", "host:1", 1)
    assert (entry.slot, entry.since, entry.until) == (slot, sub.last_brief_at, until.replace(microsecond=0))
    assert store.claim(sub.id, slot, "host:2", sub.last_brief_at, until, until) is None
    assert store.stale_claims(until) == [] and store.stale_claims(until + timedelta(seconds=1)) == [entry]
    assert store.reclaim(entry.id, "host:2", until, until, 2) is None  # not stale yet

    store.finish(entry, "posted", ["12:abc", "13:def"], [MESSAGE], until + timedelta(seconds=3))
    [posted] = store.ledger(sub.id)
    assert (posted.state, posted.article_keys, posted.message_ids) == ("posted", ["12:abc", "13:def"], [MESSAGE])
    assert posted.posted_at == until.replace(microsecond=0) + timedelta(seconds=3)
    assert store.last_posted(sub.id) == posted and store.ledger() == [posted]
    assert store.covered_keys(sub.id, slot) == {"12:abc", "13:def"}
    assert store.covered_keys(sub.id, until) == set()  # briefs ending before `since` are not counted
    advanced = store.get(sub.id)
    assert advanced is not None and advanced.last_brief_at == posted.until

    # An older slot finished late never moves last_brief_at back.
    old = store.claim(sub.id, NOW, "host:1", sub.last_brief_at, NOW, NOW)
    assert old is not None
    store.finish(old, "empty", [], [], NOW)
    assert store.get(sub.id) == advanced and store.last_posted(sub.id) == posted

    # A crashed poster's claim: re-claimed once by one of two takers, then no more.
    crashed = store.claim(sub.id, slot + timedelta(days=1), "host:dead", until, until, NOW)
    assert crashed is not None
    later = NOW + timedelta(hours=2)
    assert store.stale_claims(later) == [crashed]
    taken = store.reclaim(crashed.id, "host:1", later, later, 2)
    assert taken is not None and (taken.holder, taken.attempts, taken.claimed_at) == ("host:1", 2, later)
    assert store.reclaim(crashed.id, "host:2", later, later, 2) is None
    assert store.reclaim(crashed.id, "host:2", later, later + timedelta(hours=1), 2) is None  # attempts used up
    store.fail(taken, later)
    failed = store.ledger(sub.id)[-1]
    assert (failed.state, failed.posted_at) == ("failed", later)
    assert store.get(sub.id) == advanced  # a failed brief does not advance the subscription


def _race(times: int, job: Callable[[int], T]) -> list[T]:
    with ThreadPoolExecutor(max_workers=times) as pool:
        return list(pool.map(job, range(times)))


def test_racing_writers_get_one_subscription_and_one_claim(settings: Settings, store: BriefStore) -> None:
    """Several processes at once (a store each, over the same database): one subscription per channel, one
    claim per slot."""
    catalogs = [Catalog(settings.catalog_path) for _ in range(4)]
    stores = [open_store(settings, c) for c in catalogs]
    try:
        made = _race(4, lambda i: stores[i].subscribe(GUILD, CHANNEL, "daily 09:00", "UTC", f"mod:{i}",
                                                      "pytest", NOW)[1])
        assert sorted(made) == [False, False, False, True]
        [sub] = store.active()
        claims = _race(4, lambda i: stores[i].claim(sub.id, NOW, f"host:{i}", NOW, NOW, NOW))
        assert len([c for c in claims if c is not None]) == 1
        assert len(store.ledger(sub.id)) == 1
    finally:
        for s in stores:
            s.close()
        for c in catalogs:
            c.close()
