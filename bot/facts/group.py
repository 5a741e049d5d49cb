"""Which facts of one event are about the same happening, across articles: by meaning.

Facts filed under one event ("order") can still be about different happenings (the export-control
directive and another government order, two different letters). Each fact's sentence is embedded with
the corpus's model; facts are taken in a fixed order and each joins the group whose mean vector is
most similar to its own, if that similarity reaches ``THRESHOLD``, else starts a new group. The
threshold is measured, not guessed: ``bot.facts.evaluate`` fits it on the development part of the
hand-checked set (``tests/data/facts.jsonl``) and writes it to ``grouping.json`` beside this module.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import numpy as np

FITTED = Path(__file__).with_name("grouping.json")


@cache
def fitted_threshold() -> float:
    return float(json.loads(FITTED.read_text())["threshold"])



def assign_groups(vectors: np.ndarray, threshold: float) -> list[int]:
    """For each row, the index of the first row of its group (rows in a fixed order)."""
    leaders: list[int] = []
    sums: list[np.ndarray] = []
    out: list[int] = []
    for i, vector in enumerate(vectors):
        best, best_sim = -1, threshold
        for g, total in enumerate(sums):
            sim = float(total @ vector) / max(float(np.linalg.norm(total)), 1e-9)
            if sim >= best_sim:
                best, best_sim = g, sim
        if best < 0:
            leaders.append(i)
            sums.append(vector.astype(np.float32).copy())
            out.append(i)
        else:
            sums[best] += vector
            out.append(leaders[best])
    return out
