"""Cheap pre-checks for cue patterns, derived from the patterns themselves.

Most sentences contain none of the words a cue pattern needs, and a few substring tests are much cheaper
than a regex scan. Instead of a keyword list copied by hand beside each pattern (which drifts when the
pattern changes), :func:`required_literals` reads the parsed pattern and finds a set of lower-case
strings one of which every match must contain. A pattern with no such set is always searched.
"""

from __future__ import annotations

import re
from itertools import product

# The regex parser of the standard library (``sre_parse``); private, but stable across 3.11-3.13.
from re import _constants as sre_constants  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

__all__ = ["GatedPattern", "required_literals"]

_EXACT_LIMIT = 256  # larger sets of exact strings are not worth enumerating
_ZERO_WIDTH = {sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT}
_REPEATS = {sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT}


def _exact(items: Any) -> set[str] | None:
    """Every string the parsed sequence can match (lower-cased), or None when that set is large or open."""
    strings = {""}
    for op, av in items:
        options = _exact_item(op, av)
        if options is None:
            return None
        strings = {a + b for a, b in product(strings, options)}
        if len(strings) > _EXACT_LIMIT:
            return None
    return strings


def _exact_item(op: Any, av: Any) -> set[str] | None:
    if op is sre_constants.LITERAL:
        return {chr(av).lower()}
    if op in _ZERO_WIDTH:
        return {""}
    if op is sre_constants.IN:
        if all(kind is sre_constants.LITERAL for kind, _ in av):
            return {chr(code).lower() for _, code in av}
        return None
    if op is sre_constants.SUBPATTERN:
        return _exact(av[3])
    if op is sre_constants.BRANCH:
        found: set[str] = set()
        for alternative in av[1]:
            options = _exact(alternative)
            if options is None:
                return None
            found |= options
        return found
    if op in _REPEATS and av[1] <= 1:
        options = _exact(av[2])
        if options is None:
            return None
        return options | {""} if av[0] == 0 else options
    return None


def _required(items: Any) -> set[str] | None:
    """Strings one of which every match of the sequence contains, or None when there is no such set."""
    candidates: list[set[str]] = []
    run: set[str] = {""}  # the exact strings of the current run of exact items
    for op, av in [*list(items), (None, None)]:
        options = _exact_item(op, av) if op is not None else None
        if options is not None:
            joined = {a + b for a, b in product(run, options)}
            if len(joined) <= _EXACT_LIMIT:
                run = joined
                continue
        if "" not in run:
            candidates.append(run)  # a run of exact items just ended: every match holds one of its strings
        run = {""} if options is None else options
        if op is not None and options is None:
            inner = _required_item(op, av)
            if inner is not None:
                candidates.append(inner)
    if not candidates:
        return None
    return max(candidates, key=lambda s: (min(len(x) for x in s), -len(s)))


def _required_item(op: Any, av: Any) -> set[str] | None:
    if op is sre_constants.SUBPATTERN:
        return _required(av[3])
    if op is sre_constants.ATOMIC_GROUP:
        return _required(av)
    if op is sre_constants.BRANCH:
        found: set[str] = set()
        for alternative in av[1]:
            inner = _required(alternative)
            if inner is None:
                return None
            found |= inner
        return found
    if op in _REPEATS and av[0] >= 1:
        return _required(av[2])
    return None


def required_literals(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Lower-case strings one of which every match of ``pattern`` contains (None: no such set).

    Strings that contain another of the set are dropped: finding the shorter one already lets the
    pattern be tried.
    """
    found = _required(sre_parse.parse(pattern.pattern, pattern.flags))
    if not found:
        return None
    return frozenset(s for s in found if not any(o != s and o in s for o in found))


class GatedPattern:
    """A compiled pattern tried only when the lower-cased text holds one of its required strings."""

    __slots__ = ("gate", "pattern")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.gate = required_literals(pattern)

    def search(self, text: str, lowered: str) -> re.Match[str] | None:
        """``pattern.search(text)``, skipped when ``lowered`` (``text.lower()``) cannot match."""
        if self.gate is not None and not any(key in lowered for key in self.gate):
            return None
        return self.pattern.search(text)
