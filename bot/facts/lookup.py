"""Which sentences state a story event's value as most sources give it, clearest first.

Asked "when was the ban lifted?", retrieval by words and meaning may bring sentences about the ban and
sentences with dates, yet none saying when it was lifted. The facts read at ingest know which sentences
state that event (``bot.facts.read``) and which value most outlets give (``bot.facts.disagree``); the
retriever adds the chunks holding the clearest of them to the pool it fuses, flagged, so the fitted fusion
model decides how much that counts (see ``bot.answers.retrieve``).
"""

from __future__ import annotations

import re
import threading
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from bot.facts.disagree import groups, sides_of
from bot.facts.read import NOT_STORY_EVENTS, UNCOMPARED
from bot.facts.store import FactRow

MAX_STATEMENTS = 8  # per event: enough outlets for the fusion to choose among, few enough to stay cheap
_NOT_PROSE = re.compile(r"[|{}<>]|^\W|https?://")

# catalog path -> (generation, event -> (article id, sentence index) of its clearest statements)
_CACHE: dict[str, tuple[int, dict[str, list[tuple[int, int]]]]] = {}
_CACHE_LOCK = threading.Lock()


def clarity(fact: FactRow, bodies: Mapping[int, str]) -> tuple[int, int, int]:
    """How clearly a fact's sentence states it, best lowest: a reported fact before a claim or an opinion,
    prose before a fragment, a table row or a link, then the shorter."""
    text = bodies[fact.article_id][fact.start : fact.end]
    unfinished = not text.rstrip().endswith((".", "!", "?", "”", '"'))
    return (fact.label != "fact", bool(_NOT_PROSE.search(text)) or len(text) < 40 or unfinished, len(text))


def main_statements(catalog: Any, events: Sequence[str]) -> list[tuple[int, int]]:
    """The (article id, sentence index) of the clearest sentences stating each event's value as most outlets
    give it, in the event's main group (the story's own happening, not another of its kind); one per article."""
    found = _current(catalog)  # (also builds the cache when asked for no event: see Retriever.warm_up)
    out: list[tuple[int, int]] = []
    for event in events:
        out.extend(pair for pair in found.get(event, []) if pair not in out)
    return out


def _current(catalog: Any) -> dict[str, list[tuple[int, int]]]:
    generation, key = catalog.generation(), str(catalog.path)
    with _CACHE_LOCK:
        cached = _CACHE.get(key)
        if cached is not None and cached[0] == generation:
            return cached[1]
    with catalog.transaction() as db:
        by_group = groups(db)
    main: dict[str, list[FactRow]] = {}
    uncompared: dict[str, list[FactRow]] = defaultdict(list)  # each fact its own group: the event's facts together
    for group in sorted(by_group, key=lambda k: (-len(by_group[k]), k)):  # an event's largest group is the story's
        facts = by_group[group]
        if facts[0].event in UNCOMPARED:
            uncompared[facts[0].event].extend(facts)
        elif facts[0].event not in NOT_STORY_EVENTS:
            main.setdefault(facts[0].event, sides_of(facts)[0].facts)
    for event, facts in uncompared.items():
        main[event] = sides_of(facts)[0].facts  # the value most outlets state
    bodies = catalog.bodies({f.article_id for facts in main.values() for f in facts})
    statements: dict[str, list[tuple[int, int]]] = {}
    for event, facts in main.items():
        chosen: list[tuple[int, int]] = []
        for fact in sorted(facts, key=lambda f: (clarity(f, bodies), f.article_id, f.sentence)):
            if all(a != fact.article_id for a, _ in chosen):
                chosen.append((fact.article_id, fact.sentence))
            if len(chosen) == MAX_STATEMENTS:
                break
        statements[event] = chosen
    with _CACHE_LOCK:
        _CACHE[key] = (generation, statements)
    return statements
