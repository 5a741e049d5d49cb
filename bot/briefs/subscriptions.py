"""Brief subscriptions and the ledger of posted briefs, in the catalog's SQLite file (the embedded default)
or in Postgres (:mod:`bot.briefs.subscriptions_pg`, chosen by ``BRIEFBOT_BRIEFS_DATABASE_URL``); both
stores have the interface :class:`BriefStore`, and :func:`open_store` picks one from the settings.

Why the catalog file: a subscription change and its audit entry must land together, so changes are
written through :meth:`Catalog.transaction` (one atomic unit with :meth:`Catalog.audit`). The tables are
created here, through this module's own connection, with ``CREATE TABLE IF NOT EXISTS``, so the catalog
schema stays the corpus owner's.

The ledger has one row per (subscription, slot) — UNIQUE — and a slot is *claimed* in its own
transaction before anything is posted. Whoever inserts the row posts; everyone else (a second scheduler,
a repeated run) sees the row and does nothing. A row still ``claimed`` long after its claim (the poster
crashed between claiming and recording the post) may be re-claimed a bounded number of times.

``when_empty`` (``say`` | ``skip``) is per subscription: one line saying nothing is new, or no post. A
database made before the column existed gets it on open (``ALTER TABLE … ADD COLUMN``), its existing
subscriptions taking the configured default, so they keep behaving as the global setting made them.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Literal, Protocol

from bot.corpus.catalog import Catalog
from bot.corpus.models import AuditAction
from bot.errors import InvalidInputError, NotFoundError
from bot.settings import Settings
from bot.storage import SQLiteDatabase

_SCHEMA = """
CREATE TABLE IF NOT EXISTS brief_subscriptions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id INTEGER NOT NULL,
    channel_id INTEGER NOT NULL,
    schedule TEXT NOT NULL,
    timezone TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_brief_at TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1,
    when_empty TEXT NOT NULL DEFAULT 'say' CHECK (when_empty IN ('say', 'skip'))
);
CREATE INDEX IF NOT EXISTS brief_subscriptions_channel ON brief_subscriptions(channel_id, active);
CREATE TABLE IF NOT EXISTS brief_ledger (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    subscription_id INTEGER NOT NULL REFERENCES brief_subscriptions(id),
    slot TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('claimed', 'posted', 'empty', 'failed')),
    holder TEXT NOT NULL,
    claimed_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 1,
    since TEXT NOT NULL,
    until TEXT NOT NULL,
    article_keys TEXT NOT NULL DEFAULT '[]',
    message_ids TEXT NOT NULL DEFAULT '[]',
    posted_at TEXT,
    UNIQUE (subscription_id, slot)
);
CREATE INDEX IF NOT EXISTS brief_ledger_state ON brief_ledger(state, claimed_at);
"""


def iso(moment: datetime) -> str:
    """UTC, whole seconds: the same text form the catalog uses, so string comparisons are time order."""
    return moment.astimezone(UTC).replace(microsecond=0).isoformat()


def parse_iso(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


@dataclass(frozen=True)
class Subscription:
    id: int
    guild_id: int
    channel_id: int
    schedule: str
    timezone: str
    created_by: str
    created_at: datetime
    last_brief_at: datetime
    active: bool
    when_empty: str = "say"

    @property
    def job_id(self) -> str:
        return f"brief:{self.id}"


# A ledger row's state (the table's CHECK constraint lists the same four).
LedgerState = Literal["claimed", "posted", "empty", "failed"]
FinishedState = Literal["posted", "empty"]


@dataclass(frozen=True)
class LedgerEntry:
    id: int
    subscription_id: int
    slot: datetime
    state: LedgerState
    holder: str
    claimed_at: datetime
    attempts: int
    since: datetime
    until: datetime
    article_keys: list[str]
    message_ids: list[int]
    posted_at: datetime | None


WHEN_EMPTY = ("say", "skip")


def check_when_empty(value: str) -> str:
    """``say`` (one line saying nothing is new) or ``skip`` (no post); anything else is refused."""
    if value not in WHEN_EMPTY:
        raise InvalidInputError(f"'{value[:20]}' is not a choice for an empty brief; use say or skip.")
    return value


class BriefStore(Protocol):
    """What the brief service needs from a store of subscriptions and posted briefs (SQLite or Postgres)."""

    default_when_empty: str

    def subscribe(self, guild_id: int, channel_id: int, schedule: str, timezone: str, actor: str,
                  origin: str, now: datetime, when_empty: str | None = None) -> tuple[Subscription, bool]: ...
    def unsubscribe(self, ref: int, guild_id: int | None, actor: str, origin: str,
                    by_channel: bool = True) -> Subscription: ...
    def get(self, sub_id: int) -> Subscription | None: ...
    def for_channel(self, channel_id: int) -> Subscription | None: ...
    def active(self, guild_id: int | None = None) -> list[Subscription]: ...
    def claim(self, sub_id: int, slot: datetime, holder: str, since: datetime, until: datetime,
              now: datetime) -> LedgerEntry | None: ...
    def reclaim(self, entry_id: int, holder: str, now: datetime, stale_before: datetime,
                max_attempts: int) -> LedgerEntry | None: ...
    def stale_claims(self, stale_before: datetime) -> list[LedgerEntry]: ...
    def finish(self, entry: LedgerEntry, state: FinishedState, article_keys: Sequence[str],
               message_ids: Sequence[int], now: datetime) -> None: ...
    def fail(self, entry: LedgerEntry, now: datetime) -> None: ...
    def covered_keys(self, sub_id: int, since: datetime) -> set[str]: ...
    def ledger(self, sub_id: int | None = None) -> list[LedgerEntry]: ...
    def last_posted(self, sub_id: int) -> LedgerEntry | None: ...
    def close(self) -> None: ...


def open_store(settings: Settings, catalog: Catalog) -> BriefStore:
    """The store the settings choose: Postgres when ``briefs_database_url`` is set (several hosts share
    it), else the catalog's SQLite file."""
    url = settings.briefs_url
    if url is None:
        return SubscriptionStore(catalog, settings.catalog_path, settings.brief_empty_policy)
    from bot.briefs.subscriptions_pg import PostgresSubscriptionStore

    return PostgresSubscriptionStore(url, catalog, settings.brief_empty_policy)


def _subscription(row: sqlite3.Row) -> Subscription:
    return Subscription(
        id=row["id"], guild_id=row["guild_id"], channel_id=row["channel_id"], schedule=row["schedule"],
        timezone=row["timezone"], created_by=row["created_by"], created_at=parse_iso(row["created_at"]),
        last_brief_at=parse_iso(row["last_brief_at"]), active=bool(row["active"]), when_empty=row["when_empty"],
    )


def _entry(row: sqlite3.Row) -> LedgerEntry:
    return LedgerEntry(
        id=row["id"], subscription_id=row["subscription_id"], slot=parse_iso(row["slot"]), state=row["state"],
        holder=row["holder"], claimed_at=parse_iso(row["claimed_at"]), attempts=row["attempts"],
        since=parse_iso(row["since"]), until=parse_iso(row["until"]),
        article_keys=list(json.loads(row["article_keys"])), message_ids=list(json.loads(row["message_ids"])),
        posted_at=parse_iso(row["posted_at"]) if row["posted_at"] else None,
    )


class SubscriptionStore(SQLiteDatabase):
    """Subscriptions (changed with an audit entry, atomically) and the posting ledger."""

    def __init__(self, catalog: Catalog, path: Path | None = None, default_when_empty: str = "say") -> None:
        super().__init__(path or catalog.path)
        self.catalog = catalog
        self.default_when_empty = check_when_empty(default_when_empty)
        self._db.executescript(_SCHEMA)
        self._migrate()

    def _migrate(self) -> None:
        """Add ``when_empty`` to a table made before it existed (another process may race us to it)."""
        def missing() -> bool:
            return "when_empty" not in {r["name"] for r in self._query("PRAGMA table_info(brief_subscriptions)")}

        if not missing():
            return
        try:
            with self.transaction() as db:
                db.execute(
                    "ALTER TABLE brief_subscriptions ADD COLUMN when_empty TEXT NOT NULL "
                    f"DEFAULT '{self.default_when_empty}' CHECK (when_empty IN ('say', 'skip'))")
        except sqlite3.OperationalError:
            if missing():
                raise

    # subscriptions ------------------------------------------------------------------------------
    def subscribe(self, guild_id: int, channel_id: int, schedule: str, timezone: str, actor: str,
                  origin: str, now: datetime, when_empty: str | None = None) -> tuple[Subscription, bool]:
        """Create the channel's subscription, or change its schedule (and ``when_empty`` when given);
        returns (subscription, created)."""
        if when_empty is not None:
            check_when_empty(when_empty)
        action: AuditAction
        with self.catalog.transaction() as db:
            row = db.execute("SELECT id, when_empty FROM brief_subscriptions WHERE channel_id=? AND active=1",
                             (channel_id,)).fetchone()
            if row is not None:
                sub_id, created = int(row[0]), False
                empty = when_empty or str(row[1])
                db.execute("UPDATE brief_subscriptions SET schedule=?, timezone=?, when_empty=? WHERE id=?",
                           (schedule, timezone, empty, sub_id))
                action = "brief.reschedule"
            else:
                # One second back: articles landing in the same (whole) second as the subscription count.
                start = iso(now - timedelta(seconds=1))
                empty = when_empty or self.default_when_empty
                cursor = db.execute(
                    "INSERT INTO brief_subscriptions(guild_id, channel_id, schedule, timezone, created_by, "
                    "created_at, last_brief_at, active, when_empty) VALUES (?,?,?,?,?,?,?,1,?)",
                    (guild_id, channel_id, schedule, timezone, actor, start, start, empty),
                )
                sub_id, created = int(cursor.lastrowid or 0), True
                action = "brief.subscribe"
            Catalog.audit(db, actor, action, f"subscription:{sub_id}", origin,
                          f"channel:{channel_id} {schedule} {timezone} when-empty:{empty}")
            sub = _subscription(db.execute("SELECT * FROM brief_subscriptions WHERE id=?", (sub_id,)).fetchone())
        return sub, created

    def unsubscribe(self, ref: int, guild_id: int | None, actor: str, origin: str,
                    by_channel: bool = True) -> Subscription:
        """Deactivate a subscription found by channel id (or by subscription id); history is kept."""
        column = "channel_id" if by_channel else "id"
        with self.catalog.transaction() as db:
            sql = f"SELECT * FROM brief_subscriptions WHERE {column}=? AND active=1"
            params: list[Any] = [ref]
            if guild_id is not None:
                sql += " AND guild_id=?"
                params.append(guild_id)
            row = db.execute(sql, params).fetchone()
            if row is None:
                raise NotFoundError("There is no active brief subscription for that channel or id.")
            db.execute("UPDATE brief_subscriptions SET active=0 WHERE id=?", (row["id"],))
            Catalog.audit(db, actor, "brief.unsubscribe", f"subscription:{row['id']}", origin,
                          f"channel:{row['channel_id']}")
        return replace(_subscription(row), active=False)

    def get(self, sub_id: int) -> Subscription | None:
        rows = self._query("SELECT * FROM brief_subscriptions WHERE id=?", (sub_id,))
        return _subscription(rows[0]) if rows else None

    def for_channel(self, channel_id: int) -> Subscription | None:
        rows = self._query("SELECT * FROM brief_subscriptions WHERE channel_id=? AND active=1", (channel_id,))
        return _subscription(rows[0]) if rows else None

    def active(self, guild_id: int | None = None) -> list[Subscription]:
        if guild_id is None:
            rows = self._query("SELECT * FROM brief_subscriptions WHERE active=1 ORDER BY id")
        else:
            rows = self._query("SELECT * FROM brief_subscriptions WHERE active=1 AND guild_id=? ORDER BY id",
                               (guild_id,))
        return [_subscription(r) for r in rows]

    # ledger -------------------------------------------------------------------------------------
    def claim(self, sub_id: int, slot: datetime, holder: str, since: datetime, until: datetime,
              now: datetime) -> LedgerEntry | None:
        """Take the slot (insert its row) or return None when someone already has it."""
        with self.transaction() as db:
            cursor = db.execute(
                "INSERT INTO brief_ledger(subscription_id, slot, state, holder, claimed_at, since, until) "
                "VALUES (?,?,?,?,?,?,?) ON CONFLICT(subscription_id, slot) DO NOTHING",
                (sub_id, iso(slot), "claimed", holder, iso(now), iso(since), iso(until)),
            )
            if cursor.rowcount != 1:
                return None
            return _entry(db.execute("SELECT * FROM brief_ledger WHERE id=?", (cursor.lastrowid,)).fetchone())

    def reclaim(self, entry_id: int, holder: str, now: datetime, stale_before: datetime,
                max_attempts: int) -> LedgerEntry | None:
        """Take over a claim abandoned by a crashed poster (only once it is stale; bounded retries)."""
        with self.transaction() as db:
            cursor = db.execute(
                "UPDATE brief_ledger SET holder=?, claimed_at=?, attempts=attempts+1 WHERE id=? AND "
                "state='claimed' AND claimed_at < ? AND attempts < ?",
                (holder, iso(now), entry_id, iso(stale_before), max_attempts),
            )
            if cursor.rowcount != 1:
                return None
            return _entry(db.execute("SELECT * FROM brief_ledger WHERE id=?", (entry_id,)).fetchone())

    def stale_claims(self, stale_before: datetime) -> list[LedgerEntry]:
        rows = self._query("SELECT * FROM brief_ledger WHERE state='claimed' AND claimed_at < ? ORDER BY id",
                           (iso(stale_before),))
        return [_entry(r) for r in rows]

    def finish(self, entry: LedgerEntry, state: FinishedState, article_keys: Sequence[str],
               message_ids: Sequence[int], now: datetime) -> None:
        """Record the outcome and, when something was delivered (or deliberately skipped), advance the
        subscription's ``last_brief_at`` to the brief's ``until`` — in one transaction."""
        with self.transaction() as db:
            db.execute(
                "UPDATE brief_ledger SET state=?, article_keys=?, message_ids=?, posted_at=? WHERE id=?",
                (state, json.dumps(list(article_keys)), json.dumps([int(m) for m in message_ids]), iso(now),
                 entry.id),
            )
            if state in ("posted", "empty"):
                db.execute(
                    "UPDATE brief_subscriptions SET last_brief_at=MAX(last_brief_at, ?) WHERE id=?",
                    (iso(entry.until), entry.subscription_id),
                )

    def fail(self, entry: LedgerEntry, now: datetime) -> None:
        with self.transaction() as db:
            db.execute("UPDATE brief_ledger SET state='failed', posted_at=? WHERE id=?", (iso(now), entry.id))

    def covered_keys(self, sub_id: int, since: datetime) -> set[str]:
        """Article versions already delivered by this subscription's briefs ending after ``since``."""
        rows = self._query(
            "SELECT article_keys FROM brief_ledger WHERE subscription_id=? AND state IN ('posted', 'claimed') "
            "AND until > ?", (sub_id, iso(since)),
        )
        keys: set[str] = set()
        for row in rows:
            keys.update(json.loads(row[0]))
        return keys

    def ledger(self, sub_id: int | None = None) -> list[LedgerEntry]:
        if sub_id is None:
            rows = self._query("SELECT * FROM brief_ledger ORDER BY id")
        else:
            rows = self._query("SELECT * FROM brief_ledger WHERE subscription_id=? ORDER BY id", (sub_id,))
        return [_entry(r) for r in rows]

    def last_posted(self, sub_id: int) -> LedgerEntry | None:
        rows = self._query("SELECT * FROM brief_ledger WHERE subscription_id=? AND state IN ('posted','empty') "
                           "ORDER BY until DESC LIMIT 1", (sub_id,))
        return _entry(rows[0]) if rows else None
