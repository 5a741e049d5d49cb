"""Disputes a question points at by naming the values it has seen.

People who have read two accounts ask with both: "seen 950k an hour and 600k an hour", "was launch day a monday
or a tuesday?", "ten? eleven? two weeks?". The story facts (``bot.facts``) know the disputes of the events they
read; these questions are often about a figure no fact reader knows. When the sentences retrieved for the
question state each named value on their own (a sentence stating two of them takes no side), in words of the
question (asked about launch day, a Monday meeting is no side), and the sides come from more than one article,
the answer says the sources disagree and cites each side. A value only the question gives is no side: the
reporting does not state it. Only figures, times of day, weekdays and a person's name offered two ways ("kate or
katie moussouris") are read here, values whose forms can be matched exactly; dates and offices are the story facts'
(they know which event a date belongs to).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from bot.nlp.calendar import MONTHS, SHORT_MONTHS, WEEKDAYS
from bot.nlp.terms import STOPWORDS, terms
from bot.nlp.values import NUMBER_WORD, spelled_form, spelled_number

MAX_GAP_WORDS = 12  # words between two values the question sets side by side ("950k an hour and 600k an hour")

_SCALE_WORDS = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6, "b": 1e9, "bn": 1e9, "billion": 1e9}
# a figure as chat writes it: "950k", "600,000", "$4bn", "ten", "2.5 million"; not a version ("fable 5", "gpt-5.6"),
# a date's day ("june 2"), a year or a time of day (read on their own)
_FIGURE = re.compile(
    rf"(?<![\w.:/-])(\$)?(\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|{NUMBER_WORD})(?:\s?(k|m|mn|b|bn|thousand|million|"
    rf"billion)\b)?(%)?(?![\w:]|[.,]\d)",
    re.IGNORECASE)
_TIME = re.compile(r"(?<![\w:])(\d{1,2}):(\d{2})\s*(?:([ap])\.?\s?m\b\.?)?", re.IGNORECASE)
_WEEKDAY = re.compile(rf"\b({WEEKDAYS})s?\b", re.IGNORECASE)
# one person's name offered two ways: "is it kate or katie moussouris?", "howard or brian lutnick" (the given names
# side by side, the surname once)
_NAME_CHOICE = re.compile(r"\b([a-z][\w'’-]{2,})\s+or\s+(?:maybe\s+|some\s+)?([a-z][\w'’-]{2,})\s+([a-z][\w'’-]{2,})\b",
                          re.IGNORECASE)
_AFTER_MONTH = re.compile(rf"\b(?:{MONTHS}|{SHORT_MONTHS})\.?\s*$", re.IGNORECASE)
_NAMED_BEFORE = re.compile(r"([A-Za-z][\w.]*)([\s-])$")  # "fable 5", "gpt-5", "opus 4.8": a name's number
_UNIT = re.compile(r"\s*(?:-\s*)?([a-z]{3,})\b", re.IGNORECASE)
_HOW_MANY = re.compile(r"\bhow\s+(?:many|much)\s+([a-z]{3,})\b", re.IGNORECASE)
_NOT_UNITS = STOPWORDS | {"one", "some", "many", "sources", "places", "articles", "others", "say", "says", "said",
                          "vs", "versus", "maybe", "like", "tho", "lol", "smth", "right", "rite", "yeah", "yes",
                          "either", "total", "now", "then", "ish", "exactly"}


# how people talk about what they have read ("one blog says monday and everyone else says tuesday"): no word of the
# thing asked about
READING_WORDS = frozenset(terms(
    "blog blogs site sites article articles source sources outlet outlets report reports reporting reported say says "
    "said saying seen see seeing saw keep kept read reading everyone else other others one some people timeline "
    "timelines post posts diff different conflicting both places way actually like thing stuff claim claims number "
    "numbers figure figures"
    # and the kind of value asked for, said of whatever it is: "what time", "how big", "which day"
    " time day date many much big long number exact exactly total"))
WINDOW_WORDS = 10  # words either side of a value that say what it is the value of
MIN_SIDE_MEANING = 0.3  # cosine to the question below which a sentence stating a value is about something else


class Quoted(Protocol):
    """A retrieved sentence as this module needs it (``compose.Candidate`` is one)."""

    @property
    def text(self) -> str: ...

    @property
    def terms(self) -> frozenset[str]: ...

    @property
    def article_id(self) -> int: ...


@dataclass(frozen=True)
class Alternative:
    """One value a question names, and the ways the reporting may write it."""

    kind: str  # "figure", "time", "weekday", "name" or "phrase": only values of one kind are set against each other
    written: str  # as the question writes it
    start: int
    end: int
    pattern: re.Pattern[str]
    terms: frozenset[str]  # the question's terms that are this value's own words ("950k", "monday")


Q = TypeVar("Q", bound=Quoted)


@dataclass(frozen=True)
class AlternativeSide(Generic[Q]):
    alternative: Alternative
    shown: str  # the value as the first citing sentence writes it
    sentences: list[Q]
    outlets: int


def _number_forms(value: float) -> list[str]:
    """Regular expressions for a number as outlets write it: 950000 is "950,000", "950k", "950 thousand"."""
    forms: list[str] = []
    if value == int(value):
        n = int(value)
        forms.append(f"{n:,}".replace(",", "[,\u202f ]?"))
        if (spelled := spelled_form(n)) is not None:
            forms.append(spelled)
    for scale, names in ((1e9, "b|bn|billion"), (1e6, "m|mn|million"), (1e3, "k|thousand")):
        if value >= scale and (value / scale) * 10 == int((value / scale) * 10):
            short = f"{value / scale:g}".replace(".", r"\.")
            forms.append(rf"{short}\s?(?:{names})")
    return forms


@dataclass
class _Figure:
    value: float
    written: str
    start: int
    end: int
    unit: str | None  # the word it counts ("days"), when the question gives one
    money: bool
    percent: bool
    scaled: bool

    def alternative(self) -> Alternative | None:
        if self.unit is None and not (self.scaled or self.percent or self.money) and self.value < 100:
            return None  # a bare small number: no telling what it counts
        body = rf"(?<![\w.,]){'[$]' if self.money else ''}(?:{'|'.join(_number_forms(self.value))})(?!\w|[.,]\d)"
        if self.percent:
            body += r"\s?(?:%|percent|per cent)"
        elif self.unit and not self.scaled:
            unit = self.unit[:-1] if self.unit.endswith("s") else self.unit
            body += rf"[\s-]+(?:[\w.-]+[\s-]+){{0,2}}?{re.escape(unit)}\w*"
        return Alternative("figure", self.written, self.start, self.end, re.compile(body, re.IGNORECASE),
                           frozenset(terms(self.written)))


def _figures(question: str, takes_number: Callable[[str], bool]) -> list[_Figure]:
    """The figures a question writes, each with the word it counts; a bare number takes the unit of a
    neighbour's ("40 or 50 orgs") or of "how many days …? ten? eleven?"."""
    found: list[_Figure] = []
    for match in _FIGURE.finditer(question):
        dollar, raw, scale, percent = match.group(1), match.group(2), match.group(3), match.group(4)
        before = question[: match.start()]
        named = _NAMED_BEFORE.search(before)
        if _AFTER_MONTH.search(before) or (named and not dollar and (named.group(2) == "-"
                                                                      or takes_number(named.group(1)))):
            continue  # a date's day or a name's number ("fable 5", "gpt-5.6")
        spelled = raw[0].isalpha()
        number = float(spelled_number(raw)) if spelled else float(raw.replace(",", ""))
        if not spelled and "." not in raw and 1900 <= number <= 2100 and not scale:
            continue  # a year
        unit = None
        if not (scale or percent or dollar) and (after := _UNIT.match(question[match.end():])):
            unit = after.group(1).lower() if after.group(1).lower() not in _NOT_UNITS else None
        found.append(_Figure(number * _SCALE_WORDS[scale.lower()] if scale else number, match.group(0).strip(),
                             match.start(), match.end(), unit, bool(dollar), bool(percent), bool(scale)))
    asked = _HOW_MANY.search(question)
    for i, figure in enumerate(found):
        if figure.unit is None and not (figure.scaled or figure.percent or figure.money):
            neighbours = [f.unit for f in found[i + 1 :] + found[:i][::-1] if f.unit]
            figure.unit = asked.group(1).lower() if asked else neighbours[0] if neighbours else None
    return found


def named_alternatives(question: str, is_name: Callable[[str], bool] = lambda _w: False,
                       takes_number: Callable[[str], bool] = lambda _w: False) -> list[Alternative]:
    """The values a question sets side by side, when it names two or more of one kind with nothing between them
    that says they are values of different things (a name: "fable is $10 and opus $15" compares two models).
    ``is_name`` and ``takes_number`` say which words the corpus writes as names and before a number."""
    found: list[Alternative] = []
    for match in _TIME.finditer(question):
        hour, minute = int(match.group(1)), match.group(2)
        if hour > 23:
            continue
        other = {"a": "p", "p": "a"}.get((match.group(3) or "").lower())
        not_other = rf"(?!\s*{other}\.?\s?m\b)" if other else ""
        found.append(Alternative("time", match.group(0).strip(), match.start(), match.end(),
                                 re.compile(rf"(?<![\w:]){hour}[:.]{minute}(?!\d){not_other}", re.IGNORECASE),
                                 frozenset(terms(match.group(0)))))
    times = [(a.start, a.end) for a in found]
    found += [a for f in _figures(question, takes_number) if not any(s <= f.start < e for s, e in times)
              and (a := f.alternative()) is not None]
    for match in _WEEKDAY.finditer(question):
        day = match.group(1).capitalize()
        found.append(Alternative("weekday", match.group(0), match.start(), match.end(),
                                 re.compile(rf"\b{day}\b"), frozenset(terms(day))))
    for match in _NAME_CHOICE.finditer(question):
        first, second, shared = match.group(1), match.group(2), match.group(3)
        first_start = match.start(1)
        if _OFFICE_WORD.fullmatch(first):
            # "howard the commerce secretary or brian lutnick": the given name is before the office he is given
            if (holder := _given_before_office(question[: match.start(1)], is_name)) is None:
                continue
            first, first_start = holder
        if first.lower() == second.lower() or not is_name(shared) or not (is_name(first) or is_name(second)) \
                or {first.lower(), second.lower(), shared.lower()} & STOPWORDS:
            continue
        for given, start, end in ((first, first_start, match.end(1)), (second, match.start(2), match.end(3))):
            found.append(Alternative("name", f"{given} {shared}", start, end,
                                     re.compile(rf"\b{re.escape(given)}\s+{re.escape(shared)}\b", re.IGNORECASE),
                                     frozenset(terms(given))))
    chosen: list[Alternative] = []
    for kind in ("figure", "time", "weekday", "name"):
        same = sorted((a for a in found if a.kind == kind), key=lambda a: a.start)
        if len({a.pattern.pattern for a in same}) < 2:
            continue
        if any(_separates(question[a.end : b.start], is_name, takes_number) for a, b in itertools.pairwise(same)):
            continue
        seen: set[str] = set()
        for a in same:
            if a.pattern.pattern not in seen:
                seen.add(a.pattern.pattern)
                chosen.append(a)
    if not chosen and _SEEN_BOTH.search(question):  # no figures, times or names: words offered as a choice
        chosen = _phrase_choice(question)
    return chosen


# an office a name is offered with ("howard the commerce secretary or brian lutnick")
_OFFICE_WORD = re.compile(r"secretary|director|ceo|chair(?:man|woman)?|administrator|advis[eo]r|czar|spokes(?:person|"
                          r"man|woman)|counsel|founder|co-?founder|president|minister|chief", re.IGNORECASE)
_OFFICE_FILLER = frozenset({"the", "a", "an", "then", "now", "current", "former", "us", "u.s."})


def _given_before_office(before: str, is_name: Callable[[str], bool]) -> tuple[str, int] | None:
    """The given name written before an office, what it is of and a determiner ("howard the commerce secretary":
    "howard"), with where it starts; None when no name comes before them."""
    words = list(re.finditer(r"[\w.'’-]+", before))
    while words and is_name(words[-1].group().lower()) and words[-1].group().lower() not in _OFFICE_FILLER:
        words.pop()  # what the office is of: "commerce"
    if not words or words[-1].group().lower() not in _OFFICE_FILLER:
        return None
    while words and words[-1].group().lower() in _OFFICE_FILLER:
        words.pop()
    if not words or not is_name(words[-1].group().lower()) or words[-1].group().lower() in STOPWORDS:
        return None
    return words[-1].group(), words[-1].start()


# how a question says the asker has read two accounts ("seen both", "one blog says…", "articles say diff things")
_SEEN_BOTH = re.compile(
    r"\b(?:seen|seeing|read|heard) (?:it |them )?both\b|\bboth (?:ways|takes|versions)\b|"
    r"\b(?:one|some|a|an|another|that|this)\s+(?:[\w.'’-]+\s+){0,3}(?:says?|said|calls?|called|claims?|has it|"
    r"puts it)\b|\b(?:site|blog|article|post|explainer|piece|writeup|report|outlet|timeline|headline|source|story|"
    r"coverage|paper|thread|video)s?\s+(?:keeps?\s+)?(?:says?|said|calls?|called|claims?|has it|puts it)\b|"
    r"\b(?:say|says|said) diff(?:erent)?\b|\bdiff(?:erent)? (?:things|numbers|stories|versions)\b|"
    r"\b(?:conflicting|contradicting|mixed) (?:reports|accounts|info|stories|takes)\b|\bsplit\b|"
    r"\ball over the place\b|\bevery (?:article|site|source|outlet)\b", re.IGNORECASE)
# two words or short phrases offered as a choice at the end of a clause ("to commerce or to the treasury?", "a lunch
# or a dinner?", "an actual executive order or a commerce letter?"): the second runs to the clause's end
_OR_CHOICE = re.compile(r"\bor\s+((?:[\w'’-]+\s+){0,3}?[\w'’-]+)\s*(?=[?!.,;]|$)", re.IGNORECASE)
_CHOICE_FILLER = frozenset("a an the to about by from for just only directly like some maybe actual actually "
                           "really own its their his her".split())
MAX_PHRASE_WORDS = 3
_APOSTROPHES = "'’"


def _phrase_choice(question: str) -> list[Alternative]:
    """The two phrases a question offers as a choice ("…to commerce or to the treasury? one blog says commerce"),
    as many words each as the second has after its fillers ("the", "to", "actual"), up to three."""
    for match in _OR_CHOICE.finditer(question):
        second = [w for w in match.group(1).split() if w.lower() not in _CHOICE_FILLER]
        before = question[: match.start()].split()
        first: list[str] = []
        while before and len(first) < len(second):
            word = before.pop()
            if word.lower() not in _CHOICE_FILLER:
                first.insert(0, word)
            elif first:
                break
        if not second or len(second) > MAX_PHRASE_WORDS or not first or {w.lower() for w in first} & STOPWORDS \
                or {w.lower() for w in second} & STOPWORDS or [w.lower() for w in first] == [w.lower() for w in second]:
            continue
        end_first = question.rfind(first[-1], 0, match.start()) + len(first[-1])
        return [_phrase(first, question.rfind(first[0], 0, end_first), end_first),
                _phrase(second, match.start(1), match.end(1))]
    return []


def _phrase(words: Sequence[str], start: int, end: int) -> Alternative:
    body = r"[\s-]+".join(rf"{re.escape(w.strip(_APOSTROPHES))}(?:s|es)?" for w in words)  # "lunch" meets "lunches"
    written = " ".join(words)
    return Alternative("phrase", written, start, end, re.compile(rf"\b{body}\b", re.IGNORECASE),
                       frozenset(terms(written)))


def _separates(between: str, is_name: Callable[[str], bool], takes_number: Callable[[str], bool]) -> bool:
    """Whether the words between two values say they belong to different things: too many words, or a name
    ("$10 and opus 4.8 $15")."""
    words = re.findall(r"[A-Za-z][\w.'-]*", between)
    if len(words) > MAX_GAP_WORDS:
        return True
    return any((w[0].isupper() and w.lower() not in STOPWORDS and not _WEEKDAY.fullmatch(w)) or is_name(w.lower())
               or takes_number(w) for w in words)


def subject_terms(alternatives: Sequence[Alternative], focus: Collection[str]) -> frozenset[str]:
    """What the values are values of: the question's own (non-story) terms, less the values themselves, the words
    of having read about them and the kind of value asked ("launch" in "was launch day a monday or a tuesday?")."""
    return frozenset(set(focus) - {t for a in alternatives for t in a.terms} - READING_WORDS)


def alternative_sides(question: str, pool: Sequence[Q], outlet_of: Callable[[int], str],
                      focus: Collection[str], is_name: Callable[[str], bool] = lambda _w: False,
                      takes_number: Callable[[str], bool] = lambda _w: False,
                      further: Sequence[Q] = (),
                      meaning: Callable[[Sequence[str]], list[float]] | None = None) -> list[AlternativeSide[Q]]:
    """The sides of the dispute the question points at, most outlets first; empty when fewer than two of the
    values it names are stated, each on its own, by retrieved sentences (``pool``) that speak of what the values
    are values of near them (:func:`subject_terms` of ``focus``, the question's non-story terms), or when a
    single article states them all. ``further`` sentences, found by the value rather than by the question, count
    only where the question's own words say what the value is of (none: they are not read). ``meaning`` gives
    sentences' cosines to the question: a side's sentence is at least ``MIN_SIDE_MEANING`` close."""
    alternatives = named_alternatives(question, is_name, takes_number)
    if not alternatives:
        return []
    own = subject_terms(alternatives, focus)
    sides: list[AlternativeSide[Q]] = []
    for alternative in alternatives:
        others = [a for a in alternatives if a is not alternative and a.kind == alternative.kind]
        stating: list[Q] = []
        for sentence in [*pool, *(further if own else ())]:
            found = alternative.pattern.search(sentence.text)
            if found is None or any(o.pattern.search(sentence.text) for o in others):
                continue
            around = _around(sentence.text, found.start(), found.end())
            if own and not own & around and alternative.kind != "name":
                continue  # states the value about something else ("meet on Monday", asked about launch day; a
                # person's whole name is its own subject)
            if any(takes_number(w) and is_name(w) and not _MONTH.fullmatch(w)
                   and not re.search(rf"\b{re.escape(w)}\b", question, re.IGNORECASE)
                   for w in _NEAR_NAME.findall(sentence.text[max(0, found.start() - 40) : found.end() + 20])):
                continue  # the value of another named thing ("Opus 4.8 at $15", asked about Fable's price)
            if any(s.text == sentence.text for s in stating):
                continue
            stating.append(sentence)
        if stating and meaning is not None and alternative.kind != "name" and not own:  # "a two-week regulatory
            # suspension", asked how long after the order (a person's whole name means that person wherever it is
            # written; a value beside the question's own words, "by Thursday evening" asked "thursday night or
            # friday?", is said of what was asked whatever else the sentence is about)
            stating = [s for s, cosine in zip(stating, meaning([s.text for s in stating]), strict=True)
                       if cosine >= MIN_SIDE_MEANING]
        if stating:
            shown = next(m.group(0) for s in stating if (m := alternative.pattern.search(s.text)))
            if alternative.kind == "figure":
                shown = shown[0].lower() + shown[1:]  # "Ten days later…" quoted as "ten days"
            outlets = len({outlet_of(s.article_id) for s in stating})
            sides.append(AlternativeSide(alternative, shown, stating, outlets))
    if len(sides) < 2 or len({s.article_id for side in sides for s in side.sentences}) < 2:
        return []
    return sorted(sides, key=lambda side: -side.outlets)


_NEAR_NAME = re.compile(r"\b([A-Za-z][\w.]*)[\s-]\d")
_MONTH = re.compile(rf"(?:{MONTHS})", re.IGNORECASE)


def _around(text: str, start: int, end: int) -> frozenset[str]:
    """The terms of a value ("40 organizations") and of the ``WINDOW_WORDS`` words either side of it."""
    before = text[:start].split()[-WINDOW_WORDS:]
    after = text[end:].split()[:WINDOW_WORDS]
    return frozenset(terms(" ".join([*before, text[start:end], *after])))


def alternatives_summary(sides: Sequence[AlternativeSide[Q]]) -> str:
    """ "Sources disagree on the figure you ask about: 950,000 searches (2 outlets) vs 600,000 searches (1 outlet)." """
    def shown(side: AlternativeSide[Q]) -> str:
        return f"{side.shown} ({side.outlets} outlet{'' if side.outlets == 1 else 's'})"

    what = {"figure": "figure", "time": "time", "weekday": "day", "name": "name", "phrase": "account"}[
        sides[0].alternative.kind]
    return f"Sources disagree on the {what} you ask about: " + " vs ".join(shown(s) for s in sides) + "."
