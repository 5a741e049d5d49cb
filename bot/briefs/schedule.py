"""Schedule specs for briefs: ``daily HH:MM``, ``weekly mon HH:MM`` or a 5-field cron, in an IANA zone.

Parsed once when a moderator subscribes (so a typo is reported at once, in plain words) and turned into
an APScheduler ``CronTrigger`` whenever a job is (re)built. Schedules firing more often than
:data:`MIN_INTERVAL` are refused: a brief every few minutes is noise, not a brief.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from apscheduler.triggers.cron import CronTrigger

from bot.errors import InvalidInputError

MIN_INTERVAL = timedelta(hours=1)
_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DAY_NAMES = {name: short for short in _DAYS for name in (short, {
    "mon": "monday", "tue": "tuesday", "wed": "wednesday", "thu": "thursday", "fri": "friday",
    "sat": "saturday", "sun": "sunday"}[short])}
_TIME = re.compile(r"^(\d{1,2}):(\d{2})$")
EXAMPLES = "`daily 09:00`, `weekly mon 08:30` or a cron such as `0 9 * * 1-5`"


@dataclass(frozen=True)
class Schedule:
    """A validated schedule: its normalised spec (what is stored) and its zone."""

    spec: str
    timezone: str

    def trigger(self) -> CronTrigger:
        return make_trigger(self.spec, self.timezone)

    def describe(self) -> str:
        return f"{self.spec} ({self.timezone})"


def parse_timezone(name: str) -> ZoneInfo:
    """An IANA zone such as ``Europe/Paris`` (``UTC`` too); anything else is a clear error."""
    cleaned = name.strip()
    if not cleaned or len(cleaned) > 64 or cleaned.startswith(("/", ".")) or ".." in cleaned:
        raise InvalidInputError(f"'{cleaned[:64]}' is not a time zone; use a name such as Europe/Paris or UTC.")
    try:
        zone = ZoneInfo(cleaned)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        lowered = {z.lower(): z for z in available_timezones()}
        hint = lowered.get(cleaned.lower())
        extra = f" Did you mean {hint}?" if hint else ""
        raise InvalidInputError(
            f"'{cleaned}' is not a time zone I know; use a name such as Europe/Paris or UTC.{extra}"
        ) from None
    return zone


def _parse_time(text: str) -> tuple[int, int]:
    match = _TIME.match(text)
    if not match:
        raise InvalidInputError(f"'{text}' is not a time of day; write it as HH:MM, e.g. 09:00.")
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        raise InvalidInputError(f"'{text}' is not a time of day (hours 00-23, minutes 00-59).")
    return hour, minute


def normalise_spec(spec: str) -> str:
    """The canonical text of a spec (``daily 09:00``, ``weekly mon 08:30``, or the cron fields)."""
    words = spec.strip().lower().split()
    if not words:
        raise InvalidInputError(f"Please give a schedule: {EXAMPLES}.")
    if words[0] == "daily":
        if len(words) != 2:
            raise InvalidInputError("A daily schedule is `daily HH:MM`, e.g. `daily 09:00`.")
        hour, minute = _parse_time(words[1])
        return f"daily {hour:02d}:{minute:02d}"
    if words[0] == "weekly":
        if len(words) != 3:
            raise InvalidInputError("A weekly schedule is `weekly DAY HH:MM`, e.g. `weekly mon 08:30`.")
        day = _DAY_NAMES.get(words[1])
        if day is None:
            raise InvalidInputError(f"'{words[1]}' is not a day of the week; use mon, tue, wed, thu, fri, sat or sun.")
        hour, minute = _parse_time(words[2])
        return f"weekly {day} {hour:02d}:{minute:02d}"
    if len(words) == 5:
        return " ".join(words)
    raise InvalidInputError(f"'{spec.strip()[:80]}' is not a schedule I understand; use {EXAMPLES}.")


def make_trigger(spec: str, timezone: str) -> CronTrigger:
    """The APScheduler trigger for a normalised spec in a zone."""
    zone = parse_timezone(timezone)
    words = spec.split()
    if words[0] == "daily":
        hour, minute = _parse_time(words[1])
        return CronTrigger(hour=hour, minute=minute, timezone=zone)
    if words[0] == "weekly":
        hour, minute = _parse_time(words[2])
        return CronTrigger(day_of_week=words[1], hour=hour, minute=minute, timezone=zone)
    try:
        c_minute, c_hour, c_day, c_month, c_dow = words
        return CronTrigger(minute=c_minute, hour=c_hour, day=c_day, month=c_month,
                           day_of_week=cron_weekdays(c_dow),
                           timezone=zone)
    except ValueError as exc:
        raise InvalidInputError(
            f"'{spec[:80]}' is not a valid cron expression ({str(exc)[:120]}); use {EXAMPLES}."
        ) from None


_CRON_DAYS = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")


def _cron_day(token: str) -> int:
    if token.isdigit() and int(token) <= 7:
        return int(token) % 7
    if token[:3] in _CRON_DAYS:
        return _CRON_DAYS.index(token[:3])
    raise ValueError(f"bad day of week '{token}'")


def cron_weekdays(field: str) -> str:
    """Standard cron's day-of-week field (0 or 7 = Sunday) in APScheduler 3's terms (0 = Monday).

    ``CronTrigger.from_crontab`` in APScheduler 3 passes the field through unchanged, so ``1-5`` would mean
    Tuesday to Saturday; here the field is expanded to explicit day names instead.
    """
    if field == "*":
        return "*"
    days: set[int] = set()
    for part in field.split(","):
        body, _, step_text = part.partition("/")
        step = int(step_text) if step_text else 1
        if step < 1:
            raise ValueError("step must be positive")
        if body == "*":
            first, last = 0, 6
        elif "-" in body:
            a, b = body.split("-", 1)
            first, last = _cron_day(a), _cron_day(b)
            if b == "7":
                last = 7
        else:
            first = last = _cron_day(body)
            if step_text:
                last = 6
        if last < first:
            raise ValueError(f"bad day range '{body}'")
        days.update(d % 7 for d in range(first, last + 1, step))
    return ",".join(_CRON_DAYS[d] for d in sorted(days))


def parse_schedule(spec: str, timezone: str) -> Schedule:
    """Validate a user's schedule and zone; refuse ones that never fire or fire too often."""
    normalised = normalise_spec(spec)
    zone_name = parse_timezone(timezone).key
    trigger = make_trigger(normalised, zone_name)
    fires = upcoming(trigger, datetime.now(UTC), 30)
    if not fires:
        raise InvalidInputError("That schedule never fires; please check the cron fields.")
    gaps = [b - a for a, b in pairwise(fires)]
    if gaps and min(gaps) < MIN_INTERVAL:
        raise InvalidInputError("That schedule fires more than once an hour; briefs can be at most hourly.")
    return Schedule(normalised, zone_name)


def upcoming(trigger: CronTrigger, now: datetime, n: int) -> list[datetime]:
    """The next ``n`` fire times after ``now``."""
    out: list[datetime] = []
    previous: datetime | None = None
    current = now
    for _ in range(n):
        fire = trigger.get_next_fire_time(previous, current)
        if fire is None:
            break
        out.append(fire)
        previous, current = fire, fire + timedelta(seconds=1)
    return out
