"""Scoring the statement labeller against hand-labelled sentences (``briefbot eval --labels``).

Figures, for a list of gold and predicted labels:

* ``four_way``: plain agreement over fact / claim / speculation / opinion;
* ``macro_f1``: the mean of the four labels' F1, so a rare label counts as much as a common one;
* ``recall[label]``: the share of a gold label found (``opinion`` recall is a target of its own);
* ``reported_vs_speculative``: agreement on the split between what is *reported* (fact, claim: something
  happened or was said) and what is the writer's *own* reading (speculation, opinion);
* ``fact_vs_rest``: agreement on fact against everything else;
* ``confusion[gold][predicted]``.

The evaluation itself (article-grouped cross-validation and the frozen test part) lives in
:mod:`bot.nlp.fit`, which refits the model per fold.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.nlp.gold import load_body, load_rows
from bot.nlp.labelset import LABELS

__all__ = ["LabelAgreement", "agreement", "load_body", "load_labelled", "load_rows", "render", "score"]

REPORTED = frozenset({"fact", "claim"})


@dataclass(frozen=True, slots=True)
class LabelAgreement:
    """Agreement between gold and predicted labels (see the module docstring)."""

    four_way: float
    fact_vs_rest: float
    n: int
    confusion: dict[str, dict[str, int]]
    macro_f1: float = 0.0
    reported_vs_speculative: float = 0.0
    recall: dict[str, float] | None = None
    precision: dict[str, float] | None = None

    def figures(self, prefix: str = "") -> dict[str, float]:
        out = {
            f"{prefix}4way": self.four_way,
            f"{prefix}macro_f1": self.macro_f1,
            f"{prefix}opinion_recall": (self.recall or {}).get("opinion", 0.0),
            f"{prefix}reported_vs_speculative": self.reported_vs_speculative,
            f"{prefix}fact_vs_rest": self.fact_vs_rest,
        }
        return out


def score(gold: Sequence[str], predicted: Sequence[str]) -> LabelAgreement:
    """Compare two label sequences of equal length."""
    if len(gold) != len(predicted):
        raise ValueError("gold and predicted labels differ in length")
    confusion: dict[str, dict[str, int]] = {g: dict.fromkeys(LABELS, 0) for g in LABELS}
    for g, p in zip(gold, predicted, strict=True):
        confusion[g][p] += 1
    n = len(gold)
    same = sum(confusion[label][label] for label in LABELS)
    recall: dict[str, float] = {}
    precision: dict[str, float] = {}
    f1s: list[float] = []
    for label in LABELS:
        tp = confusion[label][label]
        gold_n = sum(confusion[label].values())
        pred_n = sum(confusion[g][label] for g in LABELS)
        rec = tp / gold_n if gold_n else 0.0
        prec = tp / pred_n if pred_n else 0.0
        recall[label], precision[label] = rec, prec
        f1s.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    binary = sum((g in REPORTED) == (p in REPORTED) for g, p in zip(gold, predicted, strict=True))
    fact = sum((g == "fact") == (p == "fact") for g, p in zip(gold, predicted, strict=True))
    return LabelAgreement(
        four_way=same / n if n else 0.0,
        fact_vs_rest=fact / n if n else 0.0,
        n=n,
        confusion=confusion,
        macro_f1=sum(f1s) / len(f1s),
        reported_vs_speculative=binary / n if n else 0.0,
        recall=recall,
        precision=precision,
    )


def agreement(pairs: Iterable[tuple[str, str]]) -> LabelAgreement:
    """Label each sentence with the shipped labeller and compare with its gold label."""
    from bot.nlp.labels import label_sentences

    items = list(pairs)
    predicted = [r.label for r in label_sentences([s for s, _ in items])]
    return score([g for _, g in items], predicted)


def load_labelled(path: Path, corpus_dir: Path) -> list[tuple[str, str]]:
    """``(sentence, gold_label)`` pairs, with sentences rebuilt from the corpus by body offsets."""
    from bot.nlp.gold import load_gold

    return [(row.text, row.label) for row in load_gold([path], corpus_dir)]


def render(title: str, result: LabelAgreement) -> str:
    """A short text block: the figures and the confusion matrix (rows gold, columns predicted)."""
    lines = [
        f"{title} (n={result.n}): 4-way {result.four_way:.3f}, macro-F1 {result.macro_f1:.3f}, "
        f"opinion recall {(result.recall or {}).get('opinion', 0.0):.3f}, "
        f"reported vs speculative {result.reported_vs_speculative:.3f}, fact vs rest {result.fact_vs_rest:.3f}",
        "  gold \\ predicted " + "".join(f"{label:>12}" for label in LABELS) + "      recall",
    ]
    for g in LABELS:
        row = result.confusion[g]
        lines.append(f"  {g:>17} " + "".join(f"{row[p]:>12}" for p in LABELS)
                     + f"{(result.recall or {}).get(g, 0.0):>12.3f}")
    return "\n".join(lines)
