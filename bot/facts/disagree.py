"""Where sources disagree: two values for the same event or quantity, from different outlets.

Only facts of one group are ever compared (one event, and sentences close in meaning: see
:mod:`bot.facts.group`), so "the June 2 executive order" is never set against "the June 12 directive",
nor a lawsuit's filing against the lifting of the controls. Each side keeps the facts that back it
(citations) and how many outlets say it, and the whole is named in words a reader knows: "when the
government order came: June 12 (9 outlets) vs June 13 (4 outlets)". Forecasts (sentences labelled
speculation) state no event and are left out.
"""

from __future__ import annotations

import math
import re
import sqlite3
import threading
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from bot.facts.read import (
    BY_KEY,
    CAUSES,
    DIRECTION_PREFIX,
    ESTIMATE_MARK,
    LETTERS,
    LOWER_MARK,
    MODEL_NAME_PREFIX,
    MODEL_PROPERTIES,
    NOT_STORY_EVENTS,
    OBLIGATION,
    ROLE,
    SCHEME_NOUN,
    SCHEME_PREFIX,
    UPPER_MARK,
    author_of,
    model_most_named,
    role_of,
    shown_model,
    shown_role,
    spelled_alike,
)
from bot.facts.store import FactRow, grouped_facts
from bot.nlp.calendar import MONTHS

_MONTHS = MONTHS.split("|")
NOT_EVIDENCE = frozenset({"speculation"})  # a forecast states no event
SHOWN_SIDES = 3
# what a group of an event other than its largest is about: another happening of the same kind
OTHER_READER = {
    "executive_order": "when another executive order was signed",
    "launch": "when another model was launched",
    "order": "when another order came",
    "lawsuit": "when another lawsuit was filed",
    "letter": "when another letter went out",
    "partial_lifting": "when other controls were partly eased",
    "full_lifting": "when other controls were lifted",
    "return": "when another model came back",
    "signatories": "how many signed another letter",
    "outage_length": "how long something else was offline",
    "launch_to_shutdown": "how long something else was live before it was shut down",
    "notice": "how much notice was given for something else",
    "allowed_entities": "how many organisations were allowed something else",
    "early_access": "how many organisations had early access to something else",
    "trigger": "what set off something else",
}


# how far apart two estimates must be to disagree: "about 40" and "about 50" do, "about 100" and "roughly 95"
# do not
ESTIMATE_SLACK = 0.1
# how far an estimated day may be from another day and still agree with it ("around June 13" and June 12, not
# "around June 25–26" and June 23)
ESTIMATE_SLACK_DAYS = 1
_DAY = re.compile(r"\d{2}-\d{2}")
_NOT_EXACT = (ESTIMATE_MARK, LOWER_MARK, UPPER_MARK)


def values_differ(a: str, b: str) -> bool:
    """Whether two stored values of one quantity disagree. An estimate ("~40") disagrees only with a value further
    away than the slack: "about 100" may be 95 rounded, but not 12; "around June 13" may be June 12, but
    "approximately June 18" is not July 1. A bound (">120": "more than 120"; "<120") disagrees only with a value
    outside it by more than the slack: "more than 120 signed" is not 76, "more than 70" may be 76, and two lower
    bounds never disagree."""
    if a == b:
        return False
    if not a.startswith(_NOT_EXACT) and not b.startswith(_NOT_EXACT):
        return True
    x_text, y_text = a.lstrip("".join(_NOT_EXACT)), b.lstrip("".join(_NOT_EXACT))
    if (days := _days_apart(x_text, y_text)) is not None:
        return days > ESTIMATE_SLACK_DAYS
    try:
        x, y = float(x_text), float(y_text)
    except ValueError:
        return True
    if not a.startswith((LOWER_MARK, UPPER_MARK)) and not b.startswith((LOWER_MARK, UPPER_MARK)):
        return abs(x - y) > ESTIMATE_SLACK * max(abs(x), abs(y))
    (lo_a, hi_a), (lo_b, hi_b) = _span(a[:1], x), _span(b[:1], y)
    return lo_a > hi_b or lo_b > hi_a


def _span(mark: str, value: float) -> tuple[float, float]:
    """The values a stored figure admits, widened by the slack: "~100" 90–110, ">120" from 108 up, "<120" to 132."""
    if mark == LOWER_MARK:
        return value * (1 - ESTIMATE_SLACK), math.inf
    if mark == UPPER_MARK:
        return -math.inf, value * (1 + ESTIMATE_SLACK)
    if mark == ESTIMATE_MARK:
        return value * (1 - ESTIMATE_SLACK), value * (1 + ESTIMATE_SLACK)
    return value, value


def _days_apart(a: str, b: str) -> int | None:
    """Days between two stored days ("06-13"; the story runs within one year), None when either is no day."""
    if not (_DAY.fullmatch(a) and _DAY.fullmatch(b)):
        return None
    try:
        x, y = date(2000, int(a[:2]), int(a[3:])), date(2000, int(b[:2]), int(b[3:]))
    except ValueError:  # not a calendar day
        return None
    return abs((x - y).days)


def shown(kind: str, value: str) -> str:
    """A stored value as a reader writes it: "06-12" -> "June 12", "25920" minutes -> "18 days", "~40" ->
    "about 40"."""
    if kind == "cause":
        return CAUSES[value][1] if value in CAUSES else value
    if kind == "scope":
        return {"foreign-nationals": "foreign nationals only", "everyone": "all users worldwide"}.get(value, value)
    if value.startswith(ESTIMATE_MARK):
        return "about " + shown(kind, value.removeprefix(ESTIMATE_MARK))
    if value.startswith((LOWER_MARK, UPPER_MARK)):
        return ("more than " if value[0] == LOWER_MARK else "under ") + shown(kind, value[1:])
    if kind == "date":
        month, day = value.split("-")
        return f"{_MONTHS[int(month) - 1]} {int(day)}"
    if kind == "duration":  # in days, hours or minutes, whichever is whole ("2 weeks" shows as "14 days"); under
        minutes = float(value)  # three days in hours, as notice is given ("48 hours", not "2 days")
        for size, unit in ((1440, "day"), (60, "hour"), (1, "minute")):
            if size == 1440 and minutes < 3 * 1440:
                continue
            if minutes >= size and (minutes / size).is_integer():
                n = int(minutes / size)
                return f"{n} {unit}{'' if n == 1 else 's'}"
        return f"{minutes:g} minutes"
    if kind == "money":  # "$4 billion", "$15", "$2.50"
        amount = float(value)
        for scale, word in ((1e9, "billion"), (1e6, "million")):
            if amount >= scale:
                return f"${amount / scale:,.4g} {word}"
        return f"${amount:,.0f}" if amount.is_integer() else f"${amount:,.2f}"
    if kind == "tokens":  # as model specs write them: "1M tokens", "500K tokens", "128K tokens"
        count = int(float(value))
        for scale, letter in ((1_000_000, "M"), (1_000, "K")):
            if count >= scale and (count / scale * 10).is_integer():
                return f"{count / scale:g}{letter} tokens"
        return f"{count:,} tokens"
    return value


@dataclass
class Side:
    """One value and the facts (sentences of articles) that state it."""

    value: str
    text: str
    facts: list[FactRow] = field(default_factory=list)

    @property
    def outlets(self) -> int:
        return len({f.outlet.lower() for f in self.facts})

    def shown(self) -> str:
        n = self.outlets
        return f"{self.text} ({n} outlet{'' if n == 1 else 's'})"


@dataclass
class Disagreement:
    """Two or more values for one event or quantity, each side with its facts."""

    event: str
    group: str
    what: str
    sides: list[Side]
    # the event's largest group: the story's own happening (the others are another one of its kind)
    primary: bool = True

    @property
    def summary(self) -> str:
        """"when the government order came: June 12 (9 outlets) vs June 13 (4 outlets)" (three sides at most)."""
        more = len(self.sides) - SHOWN_SIDES
        return f"{self.what}: " + " vs ".join(side.shown() for side in self.sides[:SHOWN_SIDES]) + (
            f" (and {more} other value{'' if more == 1 else 's'})" if more > 0 else "")

    def to_json(self) -> dict[str, Any]:
        return {
            "event": self.event,
            "what": self.what,
            "summary": self.summary,
            "sides": [{"value": s.text, "outlets": s.outlets,
                       "citations": [{"article_id": f.article_id, "start": f.start, "end": f.end, "outlet": f.outlet}
                                     for f in s.facts]} for s in self.sides],
        }


def sides_of(facts: Iterable[FactRow]) -> list[Side]:
    """A group's facts by value, most outlets first (then earliest value, for a stable order)."""
    facts = list(facts)
    values = {f.value for f in facts}
    by_value: dict[str, Side] = {}
    for fact in facts:
        value = fact.value
        if fact.kind == "person":  # a surname cut short ("Am" of "Amodei") is the same person
            value = max((v for v in values if v.startswith(value)), key=len)
        side = by_value.setdefault(value, Side(value, shown(fact.kind, value)))
        side.facts.append(fact)
    for value in [v for v in by_value if v.startswith(_NOT_EXACT)]:
        # "about 3 days" or "more than 70" beside "3 days" or 76: the estimate or bound backs the figure it agrees
        # with, not a side of its own
        agreeing = [s for s in by_value.values() if not s.value.startswith(_NOT_EXACT)
                    and not values_differ(s.value, value)]
        if agreeing:
            max(agreeing, key=lambda s: (s.outlets, len(s.facts))).facts.extend(by_value.pop(value).facts)
    for side in by_value.values():
        if side.facts[0].kind == "person":  # the name as most write it in full ("Howard Lutnick")
            forms = Counter(f.written for f in side.facts)
            side.text = max(forms, key=lambda form: (" " in form, forms[form], -len(form)))
    return sorted(by_value.values(), key=_side_order)


def _side_order(side: Side) -> tuple[int, int, str]:
    """The most widely reported value first."""
    return -side.outlets, -len(side.facts), side.value


def sentences_of(db: sqlite3.Connection, facts: Iterable[FactRow]) -> list[str]:
    """The sentences these facts were read from (each article's body read once)."""
    facts = list(facts)
    ids = sorted({f.article_id for f in facts})
    bodies = {int(r[0]): str(r[1]) for r in db.execute(
        f"SELECT id, body FROM articles WHERE id IN ({','.join('?' * len(ids))})", ids)}
    return [bodies[f.article_id][f.start : f.end] for f in facts if f.article_id in bodies]


def groups(db: sqlite3.Connection) -> dict[str, list[FactRow]]:
    """Every group of story facts that count as evidence, by group key."""
    out: dict[str, list[FactRow]] = defaultdict(list)
    for fact in grouped_facts(db):
        if fact.event in NOT_STORY_EVENTS or fact.label in NOT_EVIDENCE:
            continue
        out[fact.group_key].append(fact)
    return dict(out)


def disagreements(db: sqlite3.Connection) -> list[Disagreement]:
    """All disagreements in the corpus, the most widely reported first."""
    out: list[Disagreement] = []
    by_group = groups(db)
    primary: dict[str, str] = {}  # each event's largest group is the story's; the others are another of its kind
    for key in sorted(by_group, key=lambda k: (-len(by_group[k]), k)):
        primary.setdefault(by_group[key][0].event, key)
    for key, facts in by_group.items():
        sides = sides_of(facts)
        if not disputed(sides):
            continue
        event = facts[0].event
        what = BY_KEY[event].reader if primary[event] == key else OTHER_READER.get(event, BY_KEY[event].reader)
        if event == "launch" and primary[event] != key and (model := model_most_named(sentences_of(db, facts))):
            what = f"when {model} was launched"  # another model's launch, named
        models = Counter(n for f in facts for n in f.names.split() if n.startswith(MODEL_NAME_PREFIX))
        if event in MODEL_PROPERTIES and models:  # "the context window of Fable 5": whose figure it is
            what = f"{BY_KEY[event].reader} of {shown_model(models.most_common(1)[0][0])}"
            direction = next((n for n in facts[0].names.split() if n.startswith(DIRECTION_PREFIX)), None)
            if event == "price" and direction:  # "the input price per million tokens of Opus 4.8"
                what = f"the {direction.removeprefix(DIRECTION_PREFIX)} {what.removeprefix('the ')}"
        if event == OBLIGATION.key:  # "whether the review was voluntary or mandatory": the scheme as most name it
            heads = Counter(n.removeprefix(SCHEME_PREFIX) for f in facts for n in f.names.split()
                            if n.startswith(SCHEME_PREFIX) and SCHEME_NOUN.fullmatch(n.removeprefix(SCHEME_PREFIX)))
            what = f"whether the {heads.most_common(1)[0][0] if heads else 'scheme'} was voluntary or mandatory"
        if event == "letter" and (author := author_of(facts)) in LETTERS:
            what = LETTERS[author][0]  # which letter: the experts' or the lawmakers'
        if event == ROLE.key and (office := role_of(facts[0].names.split())):
            what = f"who the {shown_role(office)} was"
            if all(spelled_alike(a.value, b.value) for a in sides for b in sides):  # one person, two spellings
                what = f"how the {shown_role(office)}'s name is spelled"
        out.append(Disagreement(event, key, what, sides, primary[event] == key))
    out.sort(key=lambda d: (-sum(s.outlets for s in d.sides), d.group))
    return out


def disputed(sides: Sequence[Side]) -> bool:
    """Two sides of different values from different outlets: one value, estimates that agree, or one outlet
    saying two things is nothing to set apart."""
    return any(values_differ(a.value, b.value) and {f.outlet.lower() for f in a.facts} != {
               f.outlet.lower() for f in b.facts} for i, a in enumerate(sides) for b in sides[i + 1 :])


def without_articles(disagreement: Disagreement, articles: Collection[int]) -> Disagreement | None:
    """The disagreement as it stood without these articles' facts (a past window's later news); None when
    that leaves nothing disputed."""
    sides = sorted((replace(side, facts=kept) for side in disagreement.sides
                    if (kept := [f for f in side.facts if f.article_id not in articles])),
                   key=_side_order)
    return replace(disagreement, sides=sides) if disputed(sides) else None


@dataclass(frozen=True)
class _Indexed:
    """Disagreements with, for each article and each (article, sentence), the positions of the ones its
    facts take part in: an answer looks up the few its passages touch instead of scanning every fact."""

    found: list[Disagreement]
    by_article: dict[int, set[int]]
    by_sentence: dict[tuple[int, int], set[int]]

    @staticmethod
    def of(found: list[Disagreement]) -> _Indexed:
        by_article: dict[int, set[int]] = {}
        by_sentence: dict[tuple[int, int], set[int]] = {}
        for position, disagreement in enumerate(found):
            for side in disagreement.sides:
                for fact in side.facts:
                    by_article.setdefault(fact.article_id, set()).add(position)
                    by_sentence.setdefault((fact.article_id, fact.sentence), set()).add(position)
        return _Indexed(found, by_article, by_sentence)

    def concerning(self, article_ids: Collection[int], sentences: Collection[tuple[int, int]]) -> list[Disagreement]:
        positions: set[int] = set()
        for article_id in article_ids:
            positions |= self.by_article.get(article_id, set())
        for pair in sentences:
            positions |= self.by_sentence.get(pair, set())
        return [self.found[p] for p in sorted(positions)]


_CACHE: dict[str, tuple[int, _Indexed]] = {}
_CACHE_LOCK = threading.Lock()


def current_disagreements(catalog: Any) -> list[Disagreement]:
    """All disagreements of a catalog (:class:`bot.corpus.catalog.Catalog`), computed once per change of
    its content (its generation), so an answer does not regroup the corpus on every question."""
    return _current(catalog).found


def _current(catalog: Any) -> _Indexed:
    generation = catalog.generation()
    key = str(catalog.path)
    with _CACHE_LOCK:
        cached = _CACHE.get(key)
        if cached is not None and cached[0] == generation:
            return cached[1]
    with catalog.transaction() as db:
        indexed = _Indexed.of(disagreements(db))
    with _CACHE_LOCK:
        _CACHE[key] = (generation, indexed)
    return indexed


def disagreements_for(
    db: sqlite3.Connection | None = None,
    article_ids: Collection[int] | None = None,
    sentences: Collection[tuple[int, int]] | None = None,
    *,
    catalog: Any = None,
) -> list[Disagreement]:
    """The disagreements that concern these articles or these (article, sentence index) pairs: the
    ones a group of them takes part in. With neither, all of them. From a connection, or (cached
    until the corpus changes) from a catalog."""
    if catalog is not None:
        indexed = _current(catalog)
    elif db is not None:
        indexed = _Indexed.of(disagreements(db))
    else:
        raise ValueError("disagreements_for needs a connection or a catalog")
    if article_ids is None and sentences is None:
        return indexed.found
    return indexed.concerning(article_ids or (), sentences or ())
