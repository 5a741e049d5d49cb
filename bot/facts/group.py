"""Which facts of one event are about the same happening, across articles: by meaning.

Facts filed under one event ("order") can still be about different happenings (the export-control
directive and another government order, two different letters). Each fact's sentence is embedded with
the corpus's model (see ``group_event`` for the order facts are taken in and ``assign_groups`` for the
rule); the similarity threshold is measured, not guessed: ``bot.facts.evaluate`` fits it on the development part of the
hand-checked set (``tests/data/facts.jsonl``) and writes it to ``grouping.json`` beside this module.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import numpy as np

from bot.facts.read import AUTHOR_PREFIX, ESTIMATE_MARK, SCHEME_PREFIX

# names that say which of several things of one kind a fact is of (a letter's author): a fact naming one never
# joins a group that names another and not it, whatever else they share
EXCLUSIVE_PREFIXES = (AUTHOR_PREFIX,)

FITTED = Path(__file__).with_name("grouping.json")
MIN_NAME_SHARE = 0.1
NEAREST = 3


@cache
def fitted_threshold() -> float:
    return float(json.loads(FITTED.read_text())["threshold"])


@cache
def fitted_lone_threshold() -> float:
    """How close in meaning a value stated only once must be to join a group (at least the threshold)."""
    fitted = json.loads(FITTED.read_text())
    return float(fitted.get("lone_threshold", fitted["threshold"]))



def assign_groups(vectors: np.ndarray, threshold: float, names: Sequence[Sequence[str]] | None = None,
                  seed: int = 1, lone: Sequence[bool] | None = None, lone_threshold: float | None = None) -> list[int]:
    """For each row, the index of the first row of its group (rows in the order given; the first ``seed``
    rows form the first group whatever their similarity). A later row joins the group whose closest
    members (the mean similarity of its ``NEAREST`` most similar ones: a big group phrases one happening
    many ways) are closest to it, if at least ``threshold`` and if their names meet: the row names none,
    or one of the names a tenth of the group's members name (rare names do not make a big group
    promiscuous). A ``lone`` row (a value no other fact states) needs ``lone_threshold``: it is set against
    every other value of the group, so one stray sentence must be clearly about the same happening."""
    leaders: list[int] = []
    members: list[list[int]] = []
    group_names: list[Counter[str]] = []
    out: list[int] = []
    for i in range(len(vectors)):
        similarity = vectors[:i] @ vectors[i]  # to the rows before it, which are all the groups hold: one row
        # at a time, so a big event (tens of thousands of facts at 100k chunks) needs no n×n matrix
        own = set(names[i]) if names is not None else set()
        needed = max(threshold, lone_threshold) if lone is not None and lone[i] and lone_threshold is not None \
            else threshold
        best, best_sim = -1, needed
        if 0 < i < seed:
            best = 0
        else:
            for g, group in enumerate(members):
                # (a word describing a scheme counts however few members use it: "a mandatory 30-day pause" is
                # the scheme others call "a voluntary 30-day framework", "mandatory third-party testing" is not)
                common = {n for n, c in group_names[g].items()
                          if c >= (1.0 if n.startswith(SCHEME_PREFIX) else max(1.0, MIN_NAME_SHARE * len(group)))}
                if own and common and not own & common:
                    continue
                theirs = {n for n in group_names[g] if n.startswith(EXCLUSIVE_PREFIXES)}
                mine = {n for n in own if n.startswith(EXCLUSIVE_PREFIXES)}
                if theirs and mine and not mine & theirs:
                    continue
                row = similarity[group]
                nearest = row if len(row) <= NEAREST else np.partition(row, -NEAREST)[-NEAREST:]
                sim = float(nearest.mean())
                if sim >= best_sim:
                    best, best_sim = g, sim
        if best < 0:
            leaders.append(i)
            members.append([i])
            group_names.append(Counter(own))
            out.append(i)
        else:
            members[best].append(i)
            group_names[best].update(own)
            out.append(leaders[best])
    return out


def group_event(facts: Sequence[tuple[str, np.ndarray, Sequence[str]]], threshold: float,
                lone_threshold: float | None = None) -> list[int]:
    """Groups of one event's facts, given as (value, vector, names) in a fixed order: the most widely
    stated value's facts form the first group, so a group forms around what most sources say, and each
    other fact joins the group closest in meaning (if close enough and its names fit) or starts its own; a
    value stated once needs ``lone_threshold``.
    Returns each fact's group leader index."""
    stated = [value.removeprefix(ESTIMATE_MARK) for value, _, _ in facts]  # "around June 13" states June 13 too
    counts = Counter(stated)
    # only names several facts of the event share say what it is of; a one-off word ("CISOs") says nothing
    spread = Counter(name for _, _, names in facts for name in set(names))
    facts = [(value, vector, [n for n in names if spread[n] >= 2 or n.startswith((SCHEME_PREFIX, *EXCLUSIVE_PREFIXES))])
             for value, vector, names in facts]
    order = sorted(range(len(facts)), key=lambda i: (-counts[stated[i]], stated[i], i))
    seed = counts.most_common(1)[0][1] if facts else 0  # the most stated value's facts are one happening
    lone = [counts[stated[i]] == 1 for i in order]
    leaders = assign_groups(np.stack([facts[i][1] for i in order]), threshold, [facts[i][2] for i in order], seed,
                            lone, lone_threshold)
    out = [0] * len(facts)
    for position, i in enumerate(order):
        out[i] = order[leaders[position]]
    return out
