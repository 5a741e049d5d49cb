"""Brief and scheduler settings: Postgres URLs as the job store and the lock will use them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import sqlalchemy
from sqlalchemy.engine import make_url

from bot.briefs.scheduler import SchedulerLock
from bot.settings import normalise_database_url
from tests.briefs.helpers import make_settings


@pytest.mark.parametrize(
    ("given", "used"),
    [
        ("postgres://u:p@db.internal:5432/briefbot", "postgresql+psycopg://u:p@db.internal:5432/briefbot"),
        ("postgresql://u@db/briefbot?sslmode=require", "postgresql+psycopg://u@db/briefbot?sslmode=require"),
        ("postgresql+psycopg://u@db/briefbot", "postgresql+psycopg://u@db/briefbot"),
        ("postgresql+psycopg2://u@db/briefbot", "postgresql+psycopg2://u@db/briefbot"),  # a driver chosen: kept
        ("sqlite:////srv/briefbot/scheduler.sqlite3", "sqlite:////srv/briefbot/scheduler.sqlite3"),
    ],
)
def test_postgres_urls_use_psycopg_3(given: str, used: str) -> None:
    assert normalise_database_url(given) == used
    assert make_url(used).drivername == make_url(normalise_database_url(used)).drivername


def test_the_job_store_and_the_lock_see_the_normalised_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = make_settings(tmp_path, scheduler_jobstore_url="postgres://u:p@db/briefbot")
    assert settings.jobstore_url == "postgresql+psycopg://u:p@db/briefbot"  # what KeepingJobStore is given
    engines: list[str] = []

    def no_database(url: str, **_: Any) -> Any:
        engines.append(url)
        raise ConnectionRefusedError("no database in this test")

    monkeypatch.setattr(sqlalchemy, "create_engine", no_database)
    with pytest.raises(ConnectionRefusedError):
        SchedulerLock(settings).acquire()  # the Postgres advisory lock, not the file lock
    assert engines == ["postgresql+psycopg://u:p@db/briefbot"]
    default = make_settings(tmp_path)
    assert default.jobstore_url == f"sqlite:///{(tmp_path / 'scheduler.sqlite3').resolve()}"
    # Subscriptions and the ledger: the catalog's SQLite file unless a (normalised) URL is given.
    assert default.briefs_url is None and settings.briefs_url is None
    shared = make_settings(tmp_path, briefs_database_url="postgres://u:p@db/briefbot")
    assert shared.briefs_url == "postgresql+psycopg://u:p@db/briefbot"
    assert default.misfire_grace_seconds == 23 * 3600  # a daily brief missed overnight still catches up
