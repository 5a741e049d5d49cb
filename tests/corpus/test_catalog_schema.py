"""The catalog's schema version is read on open and older catalogs are migrated in order, repeatably."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.corpus import catalog as catalog_module
from bot.corpus.catalog import MIGRATIONS, SCHEMA_VERSION, Catalog, title_key
from bot.errors import ConfigError

ADDED_LATER = ("    indexed_at TEXT,\n", "    title_key TEXT,\n", "    meta_stale INTEGER NOT NULL DEFAULT 0,\n")
TITLE = "An Old Catalog's Headline, Written Before Headlines Were Keyed"


def make_version_1(path: Path) -> None:
    """A catalog as the first release wrote it: no indexed_at, title_key or meta_stale; version 1."""
    schema = catalog_module._SCHEMA
    for line in ADDED_LATER:
        assert line in schema
        schema = schema.replace(line, "")
    db = sqlite3.connect(path)
    db.executescript(schema)
    db.execute("INSERT INTO meta(key, value) VALUES ('schema_version', '1')")
    db.execute(
        "INSERT INTO articles(title, source, url, outlet, published, author, content_hash, body, added_by, "
        "added_at, updated_at, duplicate_of, state) VALUES (?, 'old.md', 'https://old.example/a', 'Old Outlet', "
        "'2026-06-13', NULL, 'abc', 'An old body.', 'cli:old', '2026-06-14T10:00:00+00:00', "
        "'2026-06-14T10:00:00+00:00', NULL, 'indexed')", (TITLE,))
    db.commit()
    db.close()


def columns(path: Path) -> set[str]:
    db = sqlite3.connect(path)
    try:
        return {str(row[1]) for row in db.execute("PRAGMA table_info(articles)")}
    finally:
        db.close()


def test_the_migrations_are_numbered_without_gaps_up_to_the_version() -> None:
    assert sorted(MIGRATIONS) == list(range(2, SCHEMA_VERSION + 1))


def test_a_fresh_catalog_records_the_current_version(tmp_path: Path) -> None:
    catalog = Catalog(tmp_path / "catalog.sqlite3")
    try:
        assert catalog.get_meta("schema_version") == str(SCHEMA_VERSION)
    finally:
        catalog.close()


def test_a_version_1_catalog_is_migrated_in_order_and_keeps_its_articles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "catalog.sqlite3"
    make_version_1(path)
    assert not {"indexed_at", "title_key", "meta_stale"} & columns(path)
    ran: list[int] = []

    def recording(number: int, migrate: Callable[[sqlite3.Connection], None]) -> Callable[[sqlite3.Connection], None]:
        def run(db: sqlite3.Connection) -> None:
            ran.append(number)
            migrate(db)
        return run

    monkeypatch.setattr(catalog_module, "MIGRATIONS", {n: recording(n, m) for n, m in MIGRATIONS.items()})
    catalog = Catalog(path)
    try:
        assert ran == [2, 3, 4, 5]
        assert catalog.get_meta("schema_version") == str(SCHEMA_VERSION)
        assert catalog._query("SELECT COUNT(*) FROM facts")[0][0] == 0  # 5: the facts table, empty until read
        assert {"indexed_at", "title_key", "meta_stale"} <= columns(path)
        (article,) = catalog.list_articles()
        assert (article.title, article.outlet, article.url) == (TITLE, "Old Outlet", "https://old.example/a")
        assert catalog.same_title(TITLE.upper()) == [article.id]  # the headline key was filled in
        assert catalog.body(article.id) == "An old body."
    finally:
        catalog.close()

    ran.clear()
    Catalog(path).close()  # already current: nothing runs again
    assert ran == []


def test_a_migration_killed_half_way_is_finished_on_the_next_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "catalog.sqlite3"
    make_version_1(path)

    def killed(db: sqlite3.Connection) -> None:
        MIGRATIONS[3](db)
        raise KeyboardInterrupt  # after the column was added, before the version bump committed

    with monkeypatch.context() as patch:
        patch.setattr(catalog_module, "MIGRATIONS", {**MIGRATIONS, 3: killed})
        with pytest.raises(KeyboardInterrupt):
            Catalog(path)
    db = sqlite3.connect(path)
    stored = db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0]
    db.close()
    assert stored == "2"  # migration 2 committed; 3 rolled back with its version bump
    assert "indexed_at" in columns(path) and "title_key" not in columns(path)

    catalog = Catalog(path)
    try:
        assert catalog.get_meta("schema_version") == str(SCHEMA_VERSION)
        (article,) = catalog.list_articles()
        assert catalog.same_title(title_key(TITLE)) == [article.id]
    finally:
        catalog.close()


def test_a_catalog_from_a_newer_briefbot_is_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "catalog.sqlite3"
    Catalog(path).close()
    db = sqlite3.connect(path)
    db.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 1),))
    db.commit()
    db.close()
    with pytest.raises(ConfigError, match=f"newer briefbot \\(schema {SCHEMA_VERSION + 1}"):
        Catalog(path)
    db = sqlite3.connect(path)
    assert db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0] == str(SCHEMA_VERSION + 1)
    db.close()
