"""Check the statement labeller against the hand-labelled sentences in ``tests/data``.

The gold file stores only offsets into corpus files, so that corpus text never enters the repository.
This module rebuilds each sentence from the corpus with the same body rule the annotator used
(see ``tests/data/README.md``). It then scores the labeller. ``briefbot eval`` and the tests both use it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.nlp.labels import LABELS, label_sentence

__all__ = ["LabelAgreement", "agreement", "evaluate", "load_body", "load_labelled", "load_rows"]


@dataclass(frozen=True, slots=True)
class LabelAgreement:
    """Agreement between gold and predicted labels.

    ``confusion[gold][predicted]`` counts sentences. ``fact_vs_rest`` collapses claim, speculation and
    opinion into one class, because the bot's most important split is between reported facts and everything
    else.
    """

    four_way: float
    fact_vs_rest: float
    n: int
    confusion: dict[str, dict[str, int]]


def load_body(path: Path) -> str:
    """Return a corpus file's body: everything after the second line that is exactly ``---``.

    Leading newlines are stripped. Offsets in the gold file are ``str`` indices into this string.
    """
    lines = path.read_text(encoding="utf-8").split("\n")
    fences = 0
    for i, line in enumerate(lines):
        if line == "---":
            fences += 1
            if fences == 2:
                return "\n".join(lines[i + 1 :]).lstrip("\n")
    raise ValueError(f"{path}: no closing front-matter fence")


def load_rows(path: Path) -> list[dict[str, object]]:
    """Read the gold JSONL file as raw rows, without touching the corpus."""
    rows: list[dict[str, object]] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rows.append(json.loads(line))
    return rows


def load_labelled(path: Path, corpus_dir: Path) -> list[tuple[str, str]]:
    """Return ``(sentence, gold_label)`` pairs, with sentences rebuilt from the corpus by body offsets."""
    bodies: dict[str, str] = {}
    pairs: list[tuple[str, str]] = []
    for row in load_rows(path):
        name = str(row["file"])
        if name not in bodies:
            bodies[name] = load_body(corpus_dir / name)
        start, end = int(str(row["start"])), int(str(row["end"]))
        label = str(row["label"])
        if label not in LABELS:
            raise ValueError(f"{name}:{start}: unknown label {label!r}")
        sentence = bodies[name][start:end]
        if not sentence.strip():
            raise ValueError(f"{name}:{start}-{end}: empty span")
        pairs.append((sentence, label))
    return pairs


def agreement(pairs: Iterable[tuple[str, str]]) -> LabelAgreement:
    """Label each sentence and compare with its gold label."""
    confusion: dict[str, dict[str, int]] = {g: dict.fromkeys(LABELS, 0) for g in LABELS}
    n = same = same_binary = 0
    for sentence, gold in pairs:
        predicted = label_sentence(sentence).label
        confusion.setdefault(gold, dict.fromkeys(LABELS, 0))[predicted] += 1
        n += 1
        same += predicted == gold
        same_binary += (predicted == "fact") == (gold == "fact")
    return LabelAgreement(
        four_way=same / n if n else 0.0,
        fact_vs_rest=same_binary / n if n else 0.0,
        n=n,
        confusion=confusion,
    )


def evaluate(
    path: Path, corpus_dir: Path, holdout_every: int = 5
) -> tuple[LabelAgreement, LabelAgreement, LabelAgreement]:
    """Score all rows, the tuning rows and the held-out rows.

    The held-out rows are every ``holdout_every``-th row, at 0-based indices 4, 9, 14 and so on.

    While the rules were tuned, the held-out part was kept aside, so its score estimates how well the
    rules generalise.
    """
    pairs: Sequence[tuple[str, str]] = load_labelled(path, corpus_dir)
    held = [p for i, p in enumerate(pairs) if i % holdout_every == holdout_every - 1]
    tune = [p for i, p in enumerate(pairs) if i % holdout_every != holdout_every - 1]
    return agreement(pairs), agreement(tune), agreement(held)
