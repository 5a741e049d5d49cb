"""Questions about something said to have happened after the reporting ends.

"heard fable got pulled again in august??", "didnt trump sign an EO in august making the ban permanent?": the
reporting runs to the story's latest dated happening, and a month after it holds nothing it could report, however
many of its sentences mention that month as a deadline or a plan ("by August 1"). Such a question is declined,
saying what was looked for. Only a month the question places a past happening in counts: a past-tense verb a few
words before it and no word of a plan or an obligation between ("what must labs do in august" asks of a plan the
reporting may state). The rule is explainable on purpose: the refusal says which month was looked for.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from bot.nlp.calendar import MONTHS, SHORT_MONTHS, month_number

# "in august", "on august 3", "during september", "like in aug"; not "by august" (a deadline) nor "before august"
_MONTH_ASKED = re.compile(
    rf"\b(?:in|on|during|around|since)\s+(?:(?:late|early|mid)[- ]?)?({MONTHS}|{SHORT_MONTHS})\b\.?"
    r"(?:\s+\d{1,2}(?:st|nd|rd|th)?(?!\d))?(?:,?\s+(20\d\d))?",
    re.IGNORECASE)
# a happening told as past: "did", "got pulled", "was signed", "happened", "ended up"
_PAST = re.compile(r"\b(?:did|didn['’]?t|was|were|wasn['’]?t|weren['’]?t|got|had|went|came|happened|ended|"
                   r"[a-z]{3,}ed)\b", re.IGNORECASE)
# words of a plan, an obligation or an expectation: the month is when something is due, not when it happened
_PLANNED = re.compile(r"\b(?:will|would|must|should|could|can|may|might|due|supposed|expected|deadline|plan\w*|"
                      r"scheduled|set to|going to|gonna|required?|needs? to|have to|has to)\b", re.IGNORECASE)
PAST_WINDOW = 8  # words before the month within which the past-tense verb of the happening stands


def after_reporting(question: str, latest: Callable[[], date | None]) -> str | None:
    """The month (as "August 2026") a question places a past happening in, when it begins after ``latest()``, the
    story's latest dated happening (asked for only when the question places a past happening in a month); else
    None."""
    for match in _MONTH_ASKED.finditer(question):
        window = " ".join(re.findall(r"[\w'’]+", question[: match.start()])[-PAST_WINDOW:])
        if not _PAST.search(window) or _PLANNED.search(window):
            continue
        if (last := latest()) is None:
            return None
        month = month_number(match.group(1))
        year = int(match.group(2)) if match.group(2) else last.year
        if date(year, month, 1) > last:
            return f"{MONTHS.split('|')[month - 1]} {year}"
    return None
