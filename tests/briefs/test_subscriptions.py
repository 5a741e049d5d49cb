"""The subscription store on its own: ``when_empty`` per subscription, and catalogs made before it existed."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.briefs.subscriptions import SubscriptionStore
from bot.corpus.catalog import Catalog
from bot.errors import InvalidInputError

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
