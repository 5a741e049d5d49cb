"""Values a sentence states (dates, durations, counts of people or organisations, amounts of money,
token counts, people's names), each with the words around it and the noun it qualifies.

Pure text in, values out: the composer compares them across articles to report where sources
disagree, and the evaluation uses the spelled-number helpers. Precision matters more than recall
here, since a wrong "Sources disagree" misleads: deadlines and forecasts ("by July 1"), datelines,
offsets ("two weeks later") and manners ("one at a time") are not taken as values, and a value's
context stops at the end of its clause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.nlp.calendar import DAY_MONTH, MONTH_DAY, MONTHS, WEEKDAYS
from bot.nlp.terms import stem, terms

_DATE = re.compile(MONTH_DAY)
_DAY_FIRST = re.compile(DAY_MONTH)
# "Fable 5 June ...": a number after a name is the name's version, not a day; after these words it is a day
_NAME_BEFORE = re.compile(r"(?<![\w.-])([A-Z][\w.-]*)[\s-]$")
_DAY_MAY_FOLLOW = frozenset(
    WEEKDAYS.split("|") + "On By From Since Until Before After Of And Between Through To Early Late Mid".split())
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
NUMBER_WORD = rf"(?:(?:{_TENS})-(?:one|two|three|four|five|six|seven|eight|nine)|" + "|".join(_NUMBER_WORDS) + ")"
_UNITS = {
    "minute": ("duration", 1), "hour": ("duration", 60), "day": ("duration", 1440), "week": ("duration", 10080),
    "signator": ("people", 1), "signatur": ("people", 1), "signer": ("people", 1), "researcher": ("people", 1),
    "employee": ("people", 1), "expert": ("people", 1), "professional": ("people", 1), "people": ("people", 1),
    "scientist": ("people", 1), "leader": ("people", 1), "ciso": ("people", 1), "practitioner": ("people", 1),
    "compan": ("organizations", 1), "firm": ("organizations", 1), "organization": ("organizations", 1),
    "organisation": ("organizations", 1), "entit": ("organizations", 1),
}
_NOT_DESCRIBING = "this|that|the|a|an|of|per|each|every|last|next|in|on"
# A number, up to three describing words, then a unit: "90 minutes", "76 cybersecurity experts", "100 U.S. firms".
_QUANTITY = re.compile(
    r"\b(\d{1,3}(?:,\d{3})*|" + NUMBER_WORD + r")[\s-]+"
    r"(?:(?!(?:" + _NOT_DESCRIBING + r")\b)[a-z][\w.-]*\s+(?:and\s+)?){0,3}?"
    r"(minutes?|hours?|days?|weeks?|signator(?:y|ies)|signatures?|signers?|compan(?:y|ies)|firms?|"
    r"organi[sz]ations?|researchers?|employees?|experts?|professionals?|people|scientists?|leaders?|cisos?|"
    r"practitioners?|entit(?:y|ies))\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Value:
    """A date, quantity, amount or person's name found in a sentence, with the words around it."""

    kind: str
    value: float | str
    written: str
    window: frozenset[str]
    words: tuple[tuple[str, str], ...]  # (term, the word it came from) for the window
    # The noun a value qualifies ("a June 12 directive" is the directive's date, whatever else the
    # sentence is about; "30 days of access"); None when it stands on its own ("filed on June 23").
    topic: str | None = None


MAY_HAVE_VALUE = re.compile(r"\d|\$|[A-Z][a-z]{2,}\s+[A-Z]|\b(?i:" + "|".join(_NUMBER_WORDS) + r")\b")
_PERSON = re.compile(r"\b([A-Z][a-z]{2,})\s+([A-Z][a-z]{3,})\b")
_TOKEN_WORD = re.compile(r"[A-Za-z][\w'-]*")
_CLAUSE_BREAK = re.compile(r"[;:—–()]|\s-\s")
_CLAUSE_END = re.compile(r"[,;:—–()]|\s-\s")
_YEAR_AFTER = re.compile(r"^,?\s*\d{4}\b")
_NOT_FIRST_NAMES = frozenset(
    MONTHS.split("|")
    + WEEKDAYS.split("|")
    + "The This That These Those When While After "
    "Before Since During Until With From Into Over Under About Last Next Their Its His Her Our Your".split()
)
_DAY_RANGE = re.compile(r"\s*[–—-]\s*(\d{1,2})\b(?!:)")
_DEADLINE_BEFORE = re.compile(r"\b(?:by|until|before|after|deadline(?: of)?)\s+$", re.IGNORECASE)
_DATELINE_AFTER = re.compile(r",?\s*\d{4}\s*[,(]?\s*(?:\([^)]*\))?\s*[—–-]")
_SCALES = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6, "b": 1e9, "bn": 1e9, "billion": 1e9,
           "t": 1e12, "trillion": 1e12}
# "$4 billion", "$8B", "US$2.5bn"; "1 million tokens", "500k-token", "200,000 tokens"
_MONEY = re.compile(
    r"(?:US)?\$\s?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(billion|million|thousand|trillion|bn|mn|[bmkt])?\b",
    re.IGNORECASE,
)
_TOKENS = re.compile(r"\b(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(million|thousand|[km])?[\s-]*tokens?\b", re.IGNORECASE)
_INCREMENT = re.compile(r"\b(?:additional|extra|further|more|other|new)\b", re.IGNORECASE)
_RELATIVE_AFTER = re.compile(r"\s+(?:(?:later|earlier|ago|before|prior|beforehand|after)\b|post-)", re.IGNORECASE)
_LASTING_BEFORE = re.compile(r"\b(?:for|lasted|lasting|spanned)\s+(?:just\s+|only\s+)?$", re.IGNORECASE)
_SINCE_LAUNCH = re.compile(r"\s+after\s+(?:(?:its\s+|the\s+|their\s+|a\s+)?(?:public\s+|model\s+)?"
                          r"(?:launch|release|debut)\b|(?:[\w.'’-]+\s+){1,3}?(?:launched|released|debuted)\b)",
                          re.IGNORECASE)  # "three days after launch", "three days after the lab launched it"
# a number after a capitalised word that is not the sentence's first: a name's version ("sibling Fable 5 offline
# days after launch"), not a count
_NAME_NUMBER_BEFORE = re.compile(r"\w[\s,]+[A-Z][\w.-]*[\s-]$")
_AT_A_TIME = re.compile(r"\s+at\s+a\s+time\b")
_OF_NOUN = re.compile(r"\s+of\s+(?:the\s+|its\s+|their\s+)?([A-Za-z][a-z-]{2,})\b")  # "30 days of access"
_DETERMINER_BEFORE = re.compile(r"\b(?:a|an|the|its|their|this|that)\s+$", re.IGNORECASE)
# Words after a date that do not make it attributive ("June 12 and", "June 12 the company …").
_NOT_QUALIFIED = (
    "and or but if then so to in at on of for as with by via per from into upon over under about against amid "
    "during despite following without within around near since between among toward towards across beyond "
    "behind after before until through because while than when where who which that the a an this it its "
    "was is were are had has have would will could"
).split()
_QUALIFIED_NOUN = re.compile(rf"(?:st|nd|rd|th)?\s+(?!(?:{'|'.join(_NOT_QUALIFIED)})\b)([a-z][a-z-]{{2,}})\b")
# Words that are themselves values (months, weekdays, numbers) say nothing about *what* a value is of.
_NOT_A_TOPIC = re.compile(rf"(?i:{MONTHS}|{WEEKDAYS}|{NUMBER_WORD})$")


def _window(text: str, start: int, end: int) -> tuple[frozenset[str], dict[str, str]]:
    """Content terms in the eight words before and four after a span (and the words they came from),
    within its clause: what follows a value after a comma ("on June 24, that OpenAI would release") is
    about something else, unless the value opens the sentence ("On June 12, 2026, the government issued")."""
    head = text[max(0, start - 160) : start]
    before = _TOKEN_WORD.findall(_CLAUSE_BREAK.split(head)[-1])[-8:]  # 8 words fit in 160 chars
    tail = _YEAR_AFTER.sub("", text[end : end + 80], count=1)
    opens_sentence = len(_TOKEN_WORD.findall(text[:start])) <= 3 and start < 40
    after = _TOKEN_WORD.findall(tail if opens_sentence else _CLAUSE_END.split(tail)[0])[:4]
    originals: dict[str, str] = {}
    for word in before + after:
        if _NOT_A_TOPIC.match(word):
            continue
        for term in terms(word):
            originals.setdefault(term, word.lower())
    return frozenset(originals), originals


def _scaled(number: str, scale: str | None) -> float:
    """ "2.5" and "bn" -> 2.5e9; "200,000" and no scale -> 200000."""
    return float(number.replace(",", "")) * _SCALES.get((scale or "").lower(), 1.0)


def spelled_number(words: str) -> int:
    """The value of a spelled-out number: "seventy-six" -> 76, "ninety" -> 90."""
    return sum(_NUMBER_WORDS[w] for w in words.lower().split("-"))


def spelled_form(number: int) -> str | None:
    """How a number up to ninety-nine is spelled out ("eleven", "seventy-six"); None beyond."""
    names = {v: w for w, v in _NUMBER_WORDS.items() if v < 100}
    if number in names:
        return names[number]
    tens, ones = divmod(number, 10)
    return f"{names[tens * 10]}-{names[ones]}" if 2 <= tens <= 9 and ones else None


SPELLED_NUMBER = re.compile(rf"\b{NUMBER_WORD}\b", re.IGNORECASE)


def _qualified(text: str, start: int, end: int) -> str | None:
    """The noun a date qualifies: "a June 12 directive", "the June 12 Commerce order" (a capitalised word
    counts only after a determiner, so "On June 9 Anthropic released" keeps no topic)."""
    after = text[end:]
    lower = _QUALIFIED_NOUN.match(after)
    if lower:
        return stem(lower.group(1))
    if _DETERMINER_BEFORE.search(text[max(0, start - 8) : start]):
        word = re.match(r"(?:st|nd|rd|th)?\s+([A-Z][a-z-]{2,})\b", after)
        if word:
            return stem(word.group(1).lower())
    return None


def _deadline_or_dateline(text: str, match: re.Match[str]) -> bool:
    """"by July 1": a deadline or a forecast; "June 15, 2026, (Agency) —" at the very start: when the piece was
    filed. Neither is when something happened."""
    return bool(_DEADLINE_BEFORE.search(text[max(0, match.start() - 12) : match.start()])) or (
        match.start() == 0 and bool(_DATELINE_AFTER.match(text[match.end() :])))


def _counted_from_launch(text: str, match: re.Match[str]) -> bool:
    """"three days after launch": a time counted from the launch the sentence names, how long the model had
    been out (the number and its unit alone, and no name's version: "Fable 5 offline just days after launch")."""
    return bool(_SINCE_LAUNCH.match(text[match.end() :])) and len(match.group(0).split()) <= 2 \
        and not _NAME_NUMBER_BEFORE.search(text[: match.start()])


def extract_values(text: str, with_windows: bool = True) -> list[Value]:
    values: list[Value] = []

    def add(kind: str, value: float | str, written: str, start: int, end: int, topic: str | None = None) -> None:
        if not with_windows:
            values.append(Value(kind, value, written, frozenset(), ()))
            return
        window, originals = _window(text, start, end)
        values.append(Value(kind, value, written, window, tuple(sorted(originals.items())), topic))

    for match in _DATE.finditer(text):
        if _deadline_or_dateline(text, match):
            continue
        month = MONTHS.split("|").index(match.group(1)) + 1
        days = [int(match.group(2))]
        end = match.end()
        if span := _DAY_RANGE.match(text[end:]):  # "June 15–17": the piece states both ends
            days.append(int(span.group(1)))
            end += span.end()
        for day in days:
            add("date", month * 100 + day, f"{match.group(1)} {day}", match.start(), end,
                _qualified(text, match.start(), end))
    for match in _DAY_FIRST.finditer(text):
        # "on 12 June", "Friday 13 June 2026": the same checks as "June 12" (a deadline, a dateline), and the day
        # is written as it stands so that it can be found again
        if _deadline_or_dateline(text, match):
            continue
        name = _NAME_BEFORE.search(text[max(0, match.start() - 30) : match.start()])
        if name and name.group(1) not in _DAY_MAY_FOLLOW:
            continue  # "Fable 5 June": a version number
        month = MONTHS.split("|").index(match.group(2)) + 1
        add("date", month * 100 + int(match.group(1)), match.group(0), match.start(), match.end(),
            _qualified(text, match.start(), match.end()))
    for match in _QUANTITY.finditer(text):
        raw, unit = match.group(1).lower(), match.group(2).lower()
        number = spelled_number(raw) if raw[0].isalpha() else float(raw.replace(",", ""))
        if number == 1 or _AT_A_TIME.match(text[match.end() :]):
            continue  # "one organization at a time" is a manner, not a count anyone disputes
        if _RELATIVE_AFTER.match(text[match.end() :]) and not _counted_from_launch(text, match) \
                and not _LASTING_BEFORE.search(text[max(0, match.start() - 20) : match.start()]):
            continue  # "two weeks later": an offset from whatever the sentence counts from (not "dark for 18 days
            # after the ban", a length, nor "three days after launch", counted from the launch it names)
        if _INCREMENT.search(match.group(0)):
            continue  # "150 additional organizations": an increase, not the total anyone reports
        of = _OF_NOUN.match(text[match.end() :])
        for stem_, (kind, scale) in _UNITS.items():
            if unit.startswith(stem_):
                add(kind, float(number) * scale, match.group(0), match.start(), match.end(),
                    stem(of.group(1).lower()) if of and kind == "duration" else None)
                break
    for match in _MONEY.finditer(text):
        amount = _scaled(match.group(1), match.group(2))
        add("money", amount, match.group(0).strip(), match.start(), match.end())
    for match in _TOKENS.finditer(text):
        # "a 1M-token context window" vs "128,000 tokens of output": sizes of different things
        of = _OF_NOUN.match(text[match.end() :]) or _QUALIFIED_NOUN.match(text[match.end() :])
        add("tokens", _scaled(match.group(1), match.group(2)), match.group(0).strip(), match.start(), match.end(),
            stem(of.group(1).lower()) if of else None)
    for match in _PERSON.finditer(text):
        if match.group(1) in _NOT_FIRST_NAMES or match.group(2) in _NOT_FIRST_NAMES:
            continue  # "The June summit", "On Friday": not a person
        add(f"name:{match.group(1)}", match.group(2), match.group(0), match.start(), match.end())
    return values
