"""Finding a value a question gives in a text, however the text writes it: both reduced to lowercase words and
numbers (a share as "N percent", dollars as "usd N"), a number under a hundred also as the page spells it, a
decade by any of its years; and a text with its versions' numbers taken off ("Fable 5" as "Fable"), so a
version is not read as a value.
"""

from __future__ import annotations

import re

from bot.answers.retrieve import STOPWORDS
from bot.nlp.calendar import MONTHS, WEEKDAYS, is_month_may
from bot.nlp.values import spelled_form

# A number that is part of a name ("Fable 5", "Opus 4.8", "GPT-5.6", "H100") answers no "how many" or
# "how long": "Mythos 5 is its sibling" holds no count.
# (joined by a hyphen as some pages type it too: the non-breaking U+2011, the Unicode U+2010)
_VERSION_NUMBER = re.compile(r"\b([A-Z][A-Za-z]+)[ \-\u2010\u2011]\d+(?:\.\d+)*\b(?!\s*%)|"
                             r"\b[A-Za-z]{1,4}[\-\u2010\u2011]?\d+(?:\.\d+)*(?=s?\b)")
CALENDAR_WORD = re.compile(rf"(?:{MONTHS}|{WEEKDAYS})")
# words before a number that make it a quantity ("about 100", "nearly 40"), not a version
_BEFORE_QUANTITY = STOPWORDS | {"around", "nearly", "roughly", "almost", "fewer", "less", "approximately", "within"}


def without_versions(text: str) -> str:
    """The text with each version's number taken off ("Fable 5" as "Fable"), so no count or value is read from a
    name; a month's day ("June 12") and a quantity opening a sentence ("About 100 …") stay."""
    def name_only(match: re.Match[str]) -> str:
        word = match.group(1)
        if word and (CALENDAR_WORD.fullmatch(word) or word.lower() in _BEFORE_QUANTITY):
            return match.group()  # "June 12"; "About 100 organisations" opening a sentence
        return f" {word or ''} "
    return _VERSION_NUMBER.sub(name_only, text)


# a value that is a day ("June 9", "9 June", "6/23")
DAYLIKE = re.compile(rf"(?:{MONTHS})|\d{{1,2}}/\d{{1,2}}", re.IGNORECASE)


def states_value(plain_text: str, value: str) -> bool:
    """Whether a plain text (see :func:`value_words`) states a value, "gpt5" written as "GPT-5" too, a decade by
    any of its years."""
    value = value_words(value)
    if decade := re.fullmatch(r"(\d{3})0s", value):  # "the 1990s" is stated by any of its years ("in 1996")
        return bool(re.search(rf" {decade.group(1)}\d(?:s)? ", plain_text))
    if one := re.fullmatch(r"1 (thousand|million|billion)", value):  # "1M tokens": "per million tokens", "a million"
        return re.search(rf" (?:1|one|a|per) {one.group(1)} ", plain_text) is not None
    if value == "may":  # the month, not the verb ("the model you picked may not be…")
        return any(is_month_may(plain_text, m.start() + 1) for m in re.finditer(r" may ", plain_text))
    spaced = re.sub(r"(?<=[a-z])(?=\d)", " ", value)
    if day_first := re.fullmatch(rf"({MONTHS}) (\d{{1,2}})", value, re.IGNORECASE):  # "30 June 2026" states June 30
        spaced = f"{day_first.group(2)} {day_first.group(1)}"
    # "48 hrs" is stated by "forty-eight hours": a number under a hundred as the page spells it
    spelled = spelled_form(int(value)) if value.isdigit() and int(value) < 100 else None
    # "from 86 to 25" is stated by "from 86.2 to 25": a whole number as people round a decimal one
    whole = re.fullmatch(r"(\d+)((?: [a-z]+)*)", value)
    return f" {value} " in plain_text or f" {spaced} " in plain_text or (
        spelled is not None and f" {value_words(spelled)} " in plain_text) or (
        whole is not None and re.search(rf" {whole.group(1)}\.\d+{re.escape(whole.group(2))} ", plain_text) is not None)


def value_words(text: str) -> str:
    """Lowercase words and numbers only, for finding a value in a text; a share is "N percent" however written
    (asked "like 30%?", "30 days" does not state it), an amount in dollars "usd N"."""
    text = re.sub(r"[’']s\b", "", text.lower()).replace("%", " percent ").replace("per cent", "percent")
    text = re.sub(r"\$\s?(?=\d)", " usd ", text)  # "$20" is an amount: not the 20 of "June 20"
    # (a decimal stays one number: "1.2 trillion" does not state "2 trillion")
    return " ".join(re.findall(r"[a-z0-9]+(?:\.\d+)*", text))
