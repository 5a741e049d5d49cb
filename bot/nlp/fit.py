"""Fit the statement labeller and evaluate it honestly: ``python -m bot.nlp.fit``.

Data: the hand-labelled sentences in ``tests/data/labelled_sentences*.jsonl``, read from the corpus by
offsets. A fifth of the articles (by hash, :func:`bot.nlp.gold.is_frozen`) is the frozen test part:
never used to fit or to choose anything. On the rest:

1. article-grouped 5-fold cross-validation (no article in two folds) over a small grid of block weights
   and regularisation; the setting with the best macro-F1 is kept;
2. a temperature is fitted on the out-of-fold probabilities, so the model's confidence is calibrated;
3. the model is refitted on all the non-frozen rows and written to ``bot/nlp/data/labeller.npz``;
4. that model is scored on the frozen part.

Each sentence is seen two ways, both used for fitting and both scored: alone (what ``briefbot classify``
embeds) and pooled from its chunk's token states (what ingestion reuses, at no extra model cost).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import product
from pathlib import Path

import numpy as np
import numpy.typing as npt
from scipy import sparse

from bot.nlp.features import NgramVocabulary, ngrams
from bot.nlp.gold import GoldRow, is_frozen, load_gold
from bot.nlp.label_eval import LabelAgreement, render, score
from bot.nlp.labeller import EMBEDDING_DIMENSIONS, LABELLER_VERSION, MODEL_FILE, LabellerModel
from bot.nlp.labelset import LABELS
from bot.nlp.rules import RuleAnalysis, analyse

__all__ = ["FitParams", "LabelReport", "Prepared", "evaluate_labels", "fit_model", "gold_paths", "prepare"]

REPO = Path(__file__).resolve().parents[2]
GOLD_FILES = ("labelled_sentences.jsonl", "labelled_sentences_more.jsonl")
FOLDS = 5
SEED = 5

Matrix = npt.NDArray[np.float32]


@dataclass(frozen=True)
class FitParams:
    emb_weight: float = 1.0
    gram_weight: float = 1.0
    rule_weight: float = 1.0
    c: float = 4.0
    min_df: int = 3
    balanced: bool = True

    def to_json(self) -> str:
        return json.dumps(self.__dict__, sort_keys=True)


GRID: list[FitParams] = [
    FitParams(e, g, r, c, 3, b)
    for e, g, r, c, b in product((1.0, 2.0), (1.0,), (0.5, 1.0), (2.0, 8.0), (True, False))
]


@dataclass
class Prepared:
    """Everything the model reads of the gold sentences, computed once."""

    rows: list[GoldRow]
    analyses: list[RuleAnalysis]
    grams: list[list[str]]
    alone: Matrix  # each sentence embedded on its own
    in_context: Matrix  # each sentence pooled from its chunk's token states (alone where not found)

    @property
    def y(self) -> npt.NDArray[np.int64]:
        return np.array([LABELS.index(r.label) for r in self.rows], dtype=np.int64)  # type: ignore[arg-type]

    @property
    def groups(self) -> list[str]:
        return [r.file for r in self.rows]


def gold_paths(data_dir: Path | None = None) -> list[Path]:
    """The gold files that exist, the original set first."""
    base = data_dir or REPO / "tests" / "data"
    return [base / name for name in GOLD_FILES if (base / name).is_file()]


def _context_vectors(rows: Sequence[GoldRow], corpus_dir: Path, alone: Matrix) -> Matrix:
    """Each gold sentence as ingestion sees it: its chunk embedded, the sentence's token states pooled."""
    from bot.corpus import sources
    from bot.corpus.chunking import article_sentences, chunk_sentences
    from bot.corpus.embeddings import get_encoder

    out = alone.copy()
    chunk_texts: list[str] = []
    chunk_spans: list[list[tuple[int, int]]] = []
    where: list[tuple[int, int, int]] = []  # (row, chunk, span)
    by_file: dict[str, list[int]] = {}
    for i, row in enumerate(rows):
        by_file.setdefault(row.file, []).append(i)
    for name, indices in by_file.items():
        text = sources.read_file(corpus_dir / name).text
        chunks = chunk_sentences(text, article_sentences(text))
        for i in indices:
            at = text.find(rows[i].text)
            if at < 0:
                continue
            end = at + len(rows[i].text)
            for chunk in chunks:
                if chunk.start <= at and end <= chunk.end:
                    chunk_texts.append(text[chunk.start : chunk.end])
                    chunk_spans.append([(at - chunk.start, end - chunk.start)])
                    where.append((i, len(chunk_texts) - 1, 0))
                    break
    _, pooled = get_encoder().encode_with_spans(chunk_texts, chunk_spans)
    for i, c, s in where:
        vector = pooled[c][s]
        if vector is not None:
            out[i] = vector
    return out


def prepare(rows: list[GoldRow], corpus_dir: Path, cache: Path | None = None) -> Prepared:
    """Rules, n-grams and both embeddings of every gold sentence. ``cache`` (an ``.npz`` path) keeps the
    embeddings between runs, keyed by span, so repeated fitting does not run the model again."""
    from bot.nlp.labeller import embed

    analyses = [analyse(r.text) for r in rows]
    keys = [f"{r.file}:{r.start}:{r.end}" for r in rows]
    alone = np.zeros((len(rows), EMBEDDING_DIMENSIONS), np.float32)
    in_context = np.zeros((len(rows), EMBEDDING_DIMENSIONS), np.float32)
    known: dict[str, int] = {}
    if cache is not None and cache.is_file():
        stored = np.load(cache, allow_pickle=False)
        known = {str(k): i for i, k in enumerate(stored["keys"])}
        for i, key in enumerate(keys):
            if key in known:
                alone[i], in_context[i] = stored["alone"][known[key]], stored["in_context"][known[key]]
    todo = [i for i, key in enumerate(keys) if key not in known]
    if todo:
        alone[todo] = embed([analyses[i].clean or " " for i in todo])
        in_context[todo] = _context_vectors([rows[i] for i in todo], corpus_dir, alone[todo])
        if cache is not None:
            np.savez(cache, keys=np.array(keys), alone=alone, in_context=in_context)
    return Prepared(rows, analyses, [ngrams(a.clean) for a in analyses], alone, in_context)


def _design(model: LabellerModel, prep: Prepared, idx: Sequence[int], view: str) -> sparse.csr_matrix:
    emb = prep.alone if view == "alone" else prep.in_context
    return model.features(emb[list(idx)], [prep.grams[i] for i in idx], [prep.analyses[i] for i in idx])


def fit_model(prep: Prepared, idx: Sequence[int], params: FitParams) -> LabellerModel:
    """Fit on the given rows, both views of each sentence."""
    from sklearn.linear_model import LogisticRegression

    vocabulary = NgramVocabulary.fit((prep.grams[i] for i in idx), params.min_df)
    shell = LabellerModel(LABELLER_VERSION, vocabulary, (params.emb_weight, params.gram_weight, params.rule_weight),
                          np.zeros((len(LABELS), 1), np.float32), np.zeros(len(LABELS), np.float32))
    x = sparse.vstack([_design(shell, prep, idx, "alone"), _design(shell, prep, idx, "context")], format="csr")
    y = np.concatenate([prep.y[list(idx)]] * 2)
    clf = LogisticRegression(C=params.c, max_iter=3000, class_weight="balanced" if params.balanced else None)
    clf.fit(x, y)
    coef = np.zeros((len(LABELS), x.shape[1]), np.float32)
    intercept = np.zeros(len(LABELS), np.float32)
    for k, cls in enumerate(clf.classes_):  # a fold might lack a label: it then never wins
        coef[int(cls)] = clf.coef_[k]
        intercept[int(cls)] = clf.intercept_[k]
    missing = set(range(len(LABELS))) - {int(c) for c in clf.classes_}
    for k in missing:
        intercept[k] = -1e3
    return LabellerModel(LABELLER_VERSION, vocabulary, shell.block_weights, coef, intercept)


def _folds(prep: Prepared, idx: Sequence[int], folds: int = FOLDS) -> list[tuple[list[int], list[int]]]:
    """Article-grouped folds: every article's sentences in exactly one test fold."""
    from sklearn.model_selection import GroupKFold

    groups = [prep.rows[i].file for i in idx]
    splitter = GroupKFold(n_splits=folds)
    out = []
    for train, test in splitter.split(np.zeros(len(idx)), groups=groups):
        out.append(([idx[i] for i in train], [idx[i] for i in test]))
    return out


def cross_validate(prep: Prepared, idx: Sequence[int], params: FitParams) -> dict[str, Matrix]:
    """Out-of-fold probabilities for ``idx`` rows in both views (rows in ``idx`` order)."""
    position = {row: k for k, row in enumerate(idx)}
    out = {view: np.zeros((len(idx), len(LABELS)), np.float32) for view in ("alone", "context")}
    for train, test in _folds(prep, idx):
        model = fit_model(prep, train, params)
        for view in out:
            probs = model.probabilities(_design(model, prep, test, view))
            for k, row in enumerate(test):
                out[view][position[row]] = probs[k]
    return out


def fit_temperature(probs: Matrix, y: npt.NDArray[np.int64]) -> float:
    """The temperature that minimises the out-of-fold log loss (1.0 leaves probabilities as they are)."""
    logits = np.log(np.clip(probs, 1e-9, 1.0))
    best, best_loss = 1.0, float("inf")
    for t in np.linspace(0.4, 3.0, 27):
        z = logits / t
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
        loss = float(-np.log(np.clip(p[np.arange(len(y)), y], 1e-9, 1.0)).mean())
        if loss < best_loss:
            best, best_loss = float(t), loss
    return best


def _labels(probs: Matrix) -> list[str]:
    return [LABELS[int(k)] for k in probs.argmax(axis=1)]


@dataclass
class LabelReport:
    """Cross-validated figures (tuning part) and the shipped model's figures on the frozen part."""

    cv: dict[str, LabelAgreement]
    frozen: dict[str, LabelAgreement]
    articles: tuple[int, int]  # tuning, frozen
    params: FitParams

    def render(self) -> str:
        blocks = [
            f"labeller {LABELLER_VERSION}; {self.params.to_json()}",
            f"tuning part: {self.articles[0]} articles, {FOLDS}-fold cross-validation grouped by article; "
            f"frozen test part: {self.articles[1]} articles (never tuned on)",
        ]
        for view, name in (("alone", "sentence alone (classify)"), ("context", "sentence in its chunk (ingest)")):
            blocks.append(render(f"CV, {name}", self.cv[view]))
        for view, name in (("alone", "sentence alone (classify)"), ("context", "sentence in its chunk (ingest)")):
            blocks.append(render(f"frozen, {name}", self.frozen[view]))
        return "\n".join(blocks)


def split(rows: Sequence[GoldRow]) -> tuple[list[int], list[int]]:
    tune = [i for i, r in enumerate(rows) if not is_frozen(r.file)]
    frozen = [i for i, r in enumerate(rows) if is_frozen(r.file)]
    return tune, frozen


def evaluate_labels(paths: list[Path], corpus_dir: Path, model: LabellerModel | None = None) -> LabelReport:
    """What ``briefbot eval --labels`` prints: CV with the shipped settings, and the shipped model on frozen."""
    from bot.nlp.labeller import load_model

    model = model or load_model()
    params = FitParams(**json.loads(model.fit_params)) if model.fit_params else FitParams()
    prep = prepare(load_gold(paths, corpus_dir), corpus_dir)
    tune, frozen = split(prep.rows)
    probs = cross_validate(prep, tune, params)
    gold_tune = [prep.rows[i].label for i in tune]
    gold_frozen = [prep.rows[i].label for i in frozen]
    cv = {view: score(gold_tune, _labels(p)) for view, p in probs.items()}
    frozen_scores = {
        view: score(gold_frozen, _labels(model.probabilities(_design(model, prep, frozen, view))))
        for view in ("alone", "context")
    }
    n_articles = (len({prep.rows[i].file for i in tune}), len({prep.rows[i].file for i in frozen}))
    return LabelReport(cv, frozen_scores, n_articles, params)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Fit the statement labeller on the hand-labelled sentences.")
    parser.add_argument("--corpus-dir", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument("--data-dir", type=Path, default=REPO / "tests" / "data")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "data" / MODEL_FILE)
    parser.add_argument("--params", action="append", help="FitParams as JSON (repeatable): search these, not GRID")
    parser.add_argument("--cache", type=Path, help="an .npz file keeping the gold sentences' embeddings between runs")
    args = parser.parse_args(argv)

    paths = gold_paths(args.data_dir)
    rows = load_gold(paths, args.corpus_dir)
    prep = prepare(rows, args.corpus_dir, args.cache)
    tune, frozen = split(rows)
    y_tune = prep.y[tune]
    print(f"{len(rows)} sentences from {len({r.file for r in rows})} articles ({', '.join(p.name for p in paths)}); "
          f"tuning on {len(tune)}, frozen {len(frozen)}", flush=True)
    candidates = [FitParams(**json.loads(p)) for p in args.params] if args.params else GRID
    best: tuple[float, FitParams, dict[str, Matrix]] | None = None
    for params in candidates:
        probs = cross_validate(prep, tune, params)
        f1 = sum(score([LABELS[k] for k in y_tune], _labels(p)).macro_f1 for p in probs.values()) / 2
        print(f"  {params.to_json()}: CV macro-F1 {f1:.3f}", flush=True)
        if best is None or f1 > best[0]:
            best = (f1, params, probs)
    assert best is not None
    _, params, probs = best
    temperature = fit_temperature(np.vstack([probs["alone"], probs["context"]]), np.concatenate([y_tune, y_tune]))
    model = fit_model(prep, tune, params)
    model = LabellerModel(model.version, model.vocabulary, model.block_weights, model.coef, model.intercept,
                          temperature, params.to_json())
    model.save(str(args.out))
    gold_tune = [prep.rows[i].label for i in tune]
    gold_frozen = [prep.rows[i].label for i in frozen]
    report = LabelReport(
        {view: score(gold_tune, _labels(p)) for view, p in probs.items()},
        {view: score(gold_frozen, _labels(model.probabilities(_design(model, prep, frozen, view))))
         for view in ("alone", "context")},
        (len({prep.rows[i].file for i in tune}), len({prep.rows[i].file for i in frozen})),
        params,
    )
    print(f"temperature {temperature:.2f}; wrote {args.out} ({args.out.stat().st_size // 1024} KiB)")
    print(report.render())
    return 0


if __name__ == "__main__":
    sys.exit(main())
