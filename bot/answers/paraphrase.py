"""Whether two outlets' sentences report the same thing, so one may stand as the other's corroboration.

An answer shows one statement per point with every outlet that reported it; merging decides which sentences are
the same point. Closeness in meaning alone (MiniLM cosine) merged too little at a strict cut and too much at a
loose one, and sentences about one event that give different dates or counts read alike. So two sentences
giving different values of a kind both state (a date, a count, an amount: ``state_different_values``; not
``bot.facts.disagree.values_differ``, which compares two stored values of one quantity) never merge, a rule the
labelled pairs bear out (none of the 11 development pairs it keeps apart was labelled the same report); of the
rest, a small logistic regression weighs the cosine and how many of their words they share. Its threshold is the
lowest probability at which the merges of the labelled development pairs, each scored by a model fitted without
its fold, are right at least ``PRECISION`` of the time (a wrong merge cites an article for something it does not
say).

Fitted on hand-labelled pairs of candidate sentences (``tests/data/paraphrase_pairs.jsonl``: two passages by
article file and offsets, and whether they report the same thing) by ``python -m bot.answers.paraphrase``
against a corpus built from the shared articles; the parameters live in ``paraphrase.json`` beside this module.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from bot.logistic import LinearScorer, SignalRow, load_or_warn
from bot.nlp.terms import jaccard, terms
from bot.nlp.values import MAY_HAVE_VALUE, extract_values

PARAMETERS = Path(__file__).with_name("paraphrase.json")
PAIRS = Path(__file__).parents[2] / "tests" / "data" / "paraphrase_pairs.jsonl"
PRECISION = 0.9  # share of merges that must be right on the development pairs
FOLDS = 5


@lru_cache(maxsize=4096)  # an answer judges each of its best sentences against every statement chosen
def _values(text: str) -> Mapping[str, frozenset[float | str]]:
    found: dict[str, set[float | str]] = defaultdict(set)
    if MAY_HAVE_VALUE.search(text):
        for v in extract_values(text, with_windows=False):
            if not v.kind.startswith("name:"):  # a name is who is quoted or named, not a value that can disagree
                found[v.kind].add(v.value)
    return {kind: frozenset(values) for kind, values in found.items()}


@lru_cache(maxsize=4096)
def _terms(text: str) -> frozenset[str]:
    return frozenset(terms(text))


def state_different_values(a: str, b: str) -> bool:
    """Whether two sentences give different values of a kind both state (a date, a count, an amount), so one
    cannot corroborate the other however alike they read ("signed by 54 experts" / "signed by 76 experts")."""
    in_a, in_b = _values(a), _values(b)
    return any(not in_a[kind] & in_b[kind] for kind in in_a.keys() & in_b.keys())


@dataclass(frozen=True)
class PairFeatures(SignalRow):
    cosine: float  # MiniLM cosine between the two sentences
    shared_terms: float  # Jaccard overlap of their content terms


def pair_features(a: str, b: str, cosine: float) -> PairFeatures | None:
    """The pair's features; None when the two give different values of one kind (they never merge)."""
    if state_different_values(a, b):
        return None
    return PairFeatures(cosine=cosine, shared_terms=jaccard(_terms(a), _terms(b)))


@dataclass(frozen=True)
class ParaphraseModel(LinearScorer):
    threshold: float

    ROW = PairFeatures
    VERSION = 1
    REFIT = "python -m bot.answers.paraphrase"

    def same(self, features: PairFeatures | None) -> bool:
        return features is not None and self.score(features) >= self.threshold


@cache
def load_paraphrase_model(path: Path = PARAMETERS) -> ParaphraseModel | None:
    return ParaphraseModel.load(path)


def stored_paraphrase_model() -> ParaphraseModel | None:
    """The shipped model; None (with a logged warning) when fitted for other features."""
    return load_or_warn(load_paraphrase_model)


def fit_paraphrase(rows: Sequence[tuple[PairFeatures, bool]], groups: Sequence[str]) -> ParaphraseModel:
    """Fit on all ``rows``; the threshold from out-of-fold probabilities (folds grouped by ``groups``, the
    question whose candidates a pair came from), the lowest at which merges are right ``PRECISION`` of the time."""
    import numpy as np
    from sklearn.model_selection import GroupKFold

    from bot.logistic import fit_standardised

    x = np.array([f.vector() for f, _ in rows], dtype=float)
    y = np.array([1 if ok else 0 for _, ok in rows])
    held_out = np.zeros(len(rows))
    for train, held in GroupKFold(FOLDS).split(x, y, groups=list(groups)):
        mean, scale, _coef, _intercept, fold = fit_standardised(x[train], y[train], c=1.0)
        held_out[held] = fold.predict_proba((x[held] - np.asarray(mean)) / np.asarray(scale))[:, 1]
    threshold = next((t / 100 for t in range(5, 100)
                      if (held_out >= t / 100).any() and y[held_out >= t / 100].mean() >= PRECISION), 0.99)
    mean, scale, coef, intercept, _model = fit_standardised(x, y, c=1.0)
    return ParaphraseModel(names=PairFeatures.names(), mean=mean, scale=scale, coef=coef, intercept=intercept,
                           threshold=threshold)


def load_pairs(path: Path = PAIRS) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def pair_rows(pairs: Sequence[dict[str, Any]], texts: dict[tuple[str, int, int], str],
              vectors: dict[str, Any]) -> list[tuple[PairFeatures | None, bool]]:
    """Each labelled pair's features (None: different values, never merged), from the passages' texts (keyed by
    file and offsets) and their vectors."""
    rows: list[tuple[PairFeatures | None, bool]] = []
    for pair in pairs:
        a = texts[(pair["a"]["file"], pair["a"]["start"], pair["a"]["end"])]
        b = texts[(pair["b"]["file"], pair["b"]["start"], pair["b"]["end"])]
        rows.append((pair_features(a, b, float(vectors[a] @ vectors[b])), bool(pair["same"])))
    return rows


def precision_recall(model: ParaphraseModel, rows: Sequence[tuple[PairFeatures | None, bool]]
                     ) -> tuple[float, float]:
    merged = [ok for f, ok in rows if model.same(f)]
    positive = sum(ok for _, ok in rows)
    return (sum(merged) / len(merged) if merged else float("nan"), sum(merged) / positive if positive else float("nan"))


def main(argv: Sequence[str] | None = None) -> int:
    """Fit on the development pairs against a built corpus (the settings' data dir); report both parts."""
    from bot.corpus.catalog import Catalog
    from bot.corpus.embeddings import MODEL_ID, get_encoder
    from bot.settings import Settings

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--pairs", type=Path, default=PAIRS)
    parser.add_argument("--out", type=Path, default=PARAMETERS)
    args = parser.parse_args(argv)
    pairs = load_pairs(args.pairs)
    catalog = Catalog(Settings().catalog_path)
    try:
        by_file = {Path(a.source).name: a.id for a in catalog.list_articles(include_duplicates=True)}
        texts = {}
        for pair in pairs:
            for side in (pair["a"], pair["b"]):
                body = catalog.body(by_file[side["file"]])
                texts[(side["file"], side["start"], side["end"])] = body[side["start"] : side["end"]]
    finally:
        catalog.close()
    unique = sorted(set(texts.values()))
    vectors = dict(zip(unique, get_encoder(MODEL_ID).encode(unique), strict=True))
    parts = {split: [p for p in pairs if p["split"] == split] for split in ("dev", "test")}
    dev_rows = pair_rows(parts["dev"], texts, vectors)
    fitted = [(f, ok, p["question"]) for (f, ok), p in zip(dev_rows, parts["dev"], strict=True) if f is not None]
    vetoed = [ok for f, ok in dev_rows if f is None]
    print(f"different values: {len(vetoed)} development pairs never merge ({sum(vetoed)} of them labelled same)")
    model = fit_paraphrase([(f, ok) for f, ok, _ in fitted], [q for _, _, q in fitted])
    args.out.write_text(json.dumps(model.to_json(), indent=2) + "\n", encoding="utf-8")
    print(f"fitted on {len(fitted)} pairs ({sum(ok for _, ok, _ in fitted)} same); threshold {model.threshold:.2f}")
    for name, coef in zip(model.names, model.coef, strict=True):
        print(f"  {name:>14}: {coef:+.3f}")
    for split, chosen in parts.items():
        precision, recall = precision_recall(model, pair_rows(chosen, texts, vectors))
        print(f"{split}: {len(chosen)} pairs, merge precision {precision:.3f} recall {recall:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
