"""Calendar words as regex alternations, listed once for everything that reads dates in text."""

import re

WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
SHORT_MONTHS = "jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec"  # as chat and tables shorten them ("aug", "sept")
MONTH_NUMBER = {m.lower(): i for i, m in enumerate(MONTHS.split("|"), 1)}


def month_number(word: str) -> int:
    """A month's number from its name or its short form, in any case ("June", "aug", "Sept.")."""
    low = word.lower().rstrip(".")
    return next(n for name, n in MONTH_NUMBER.items() if name.startswith(low[:3]))
# "June 12", "June 12th": the month (group 1) and the day (group 2)
MONTH_DAY = rf"\b({MONTHS})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b"
# "12 June", "9th June": the day (group 1) and the month (group 2), as British and many other outlets write them
DAY_MONTH = rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({MONTHS})\b"
# a dateline opening a story: when and where it was filed, not when anything happened ("(Translated by a news
# agency, Washington, June 15) …", "WASHINGTON, June 15 (Reuters) - …")
DATELINE = re.compile(rf"^\W*(?:\((?:[^()]{{0,80}},\s*)?{MONTH_DAY}(?:,?\s*20\d\d)?\)|"
                      rf"[A-Z][\w.'’]*(?:\s+[A-Z][\w.'’]*){{0,3}},\s*{MONTH_DAY}(?:,?\s*20\d\d)?"
                      r"(?:\s*\([^()]{1,30}\))?\s*[-–—:|])")

# "may" is the month beside a day or a year, or after a word that places something in time ("in may", "early
# may", "by may"); else the verb ("may i ask", "it may come back"), which people and pages write far more often
_MONTH_MAY = re.compile(r"(?:\b\d{1,2}(?:st|nd|rd|th)?\s+may\b|\bmay\.?\s+\d{1,2}(?:st|nd|rd|th)?\b|\bmay,?\s+20\d\d\b|"
                        r"\b(?:in|early|late|mid|since|until|till|thru|through|by|of|before|after|from|during|"
                        r"last|next)[\s-]+may\b)", re.IGNORECASE)
_MAY_WORD = re.compile(r"\bmay\b", re.IGNORECASE)
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“(]|\n)\s*$")


def is_month_may(text: str, start: int) -> bool:
    """Whether the "may" at ``start`` in ``text`` is the month: placed in time as :data:`_MONTH_MAY` reads it,
    or written "May" inside a sentence (a page writes the verb in lower case there; "May" is then the month or
    a name, as in "Theresa May")."""
    return _is_month_may(text, start, [(m.start(), m.end()) for m in _MONTH_MAY.finditer(text)])


def _is_month_may(text: str, start: int, placed: list[tuple[int, int]]) -> bool:
    """:func:`is_month_may` given the spans where the text places May in time."""
    if any(a <= start < b for a, b in placed):
        return True
    return text[start : start + 3] == "May" and not _SENTENCE_START.search(text[max(0, start - 40) : start])


def without_verb_may(text: str) -> str:
    """The text with every "may" that is the verb blanked out: the word the month shares with it says nothing
    of a month ("the model you picked may not be…" is no sentence about May)."""
    if "may" not in text.lower():
        return text
    placed = [(m.start(), m.end()) for m in _MONTH_MAY.finditer(text)]
    return _MAY_WORD.sub(lambda m: m.group() if _is_month_may(text, m.start(), placed) else "   ", text)
