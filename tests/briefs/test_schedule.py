"""Schedule parsing: the three spec forms, time zones, and clear errors for bad input."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.briefs.schedule import make_trigger, parse_schedule, parse_timezone, upcoming
from bot.errors import InvalidInputError


def test_daily_weekly_and_cron_are_normalised() -> None:
    assert parse_schedule("Daily 9:05", "UTC").spec == "daily 09:05"
    assert parse_schedule("weekly Monday 08:30", "Europe/Paris").spec == "weekly mon 08:30"
    assert parse_schedule("0 9 * * 1-5", "America/New_York").spec == "0 9 * * 1-5"


def test_triggers_fire_at_local_time() -> None:
    start = datetime(2026, 6, 12, 0, 0, tzinfo=UTC)  # a Friday
    daily = upcoming(make_trigger("daily 09:00", "Europe/Paris"), start, 2)
    assert [d.astimezone(UTC).hour for d in daily] == [7, 7]  # CEST is UTC+2 in June
    weekly = upcoming(make_trigger("weekly mon 08:30", "UTC"), start, 2)
    assert [d.strftime("%a %H:%M") for d in weekly] == ["Mon 08:30", "Mon 08:30"]
    assert (weekly[1] - weekly[0]).days == 7
    cron = upcoming(make_trigger("0 9 * * 1-5", "America/New_York"), start, 3)
    assert [d.strftime("%a") for d in cron] == ["Fri", "Mon", "Tue"]
    assert all(d.astimezone(UTC).hour == 13 for d in cron)  # EDT is UTC-4


@pytest.mark.parametrize(
    ("spec", "zone", "message"),
    [
        ("daily 25:00", "UTC", "not a time of day"),
        ("daily 9", "UTC", "HH:MM"),
        ("weekly funday 09:00", "UTC", "not a day of the week"),
        ("weekly 09:00", "UTC", "weekly DAY HH:MM"),
        ("every morning", "UTC", "not a schedule I understand"),
        ("61 * * * *", "UTC", "not a valid cron"),
        ("*/5 * * * *", "UTC", "more than once an hour"),
        ("daily 09:00", "Mars/Olympus", "not a time zone"),
        ("daily 09:00", "europe/paris", "Did you mean Europe/Paris"),
        ("daily 09:00", "../../etc/passwd", "not a time zone"),
        ("", "UTC", "Please give a schedule"),
    ],
)
def test_bad_input_is_a_clear_invalid_input_error(spec: str, zone: str, message: str) -> None:
    with pytest.raises(InvalidInputError) as info:
        parse_schedule(spec, zone)
    assert message in info.value.user_message


def test_timezone_names() -> None:
    assert parse_timezone("UTC").key == "UTC"
    assert parse_timezone(" Asia/Tokyo ").key == "Asia/Tokyo"
