"""Fit the statement labeller and evaluate it honestly: ``python -m bot.nlp.fit``.

Data: the hand-labelled sentences in ``tests/data/labelled_sentences*.jsonl``, read from the corpus by
offsets. A fifth of the articles (by hash, :func:`bot.nlp.gold.is_frozen`) is the frozen test part:
never used to fit or to choose anything. On the rest:

1. article-grouped 5-fold cross-validation (no article in two folds) over a small grid of block weights
   and regularisation; the setting with the best macro-F1 is kept;
2. a temperature is fitted on the out-of-fold probabilities, so the model's confidence is calibrated;
3. the model is refitted on all the non-frozen rows and written to ``bot/nlp/data/labeller.npz``;
4. that model is scored on the frozen part.

The cross-validated and frozen figures are computed through the labeller's own code path
(:meth:`LabellerModel.probabilities` over :class:`Evidence`), the one ``briefbot classify`` and ingestion
use: what is scored is what ships. The static embedding needs every vocabulary piece's vector for the
shipped model (:func:`piece_table`, about a minute and a half; ``--cache`` keeps it).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import product
from pathlib import Path

import numpy as np
import numpy.typing as npt
from scipy import sparse

from bot.nlp.features import NgramVocabulary, Pieces, ngrams, rule_vectors, word_pieces
from bot.nlp.gold import GoldRow, is_frozen, load_gold, load_rows
from bot.nlp.label_eval import LabelAgreement, render, score
from bot.nlp.labeller import EMBEDDING_DIMENSIONS, LABELLER_VERSION, MODEL_FILE, Evidence, LabellerModel
from bot.nlp.labelset import LABELS
from bot.nlp.rules import RuleAnalysis, analyse

__all__ = ["FitParams", "LabelReport", "Prepared", "design", "evaluate_labels", "evidences", "fit_model", "gold_paths",
           "is_bare_file", "is_second_reading_file", "load_bare", "piece_table", "prepare", "score_bare",
           "score_readings"]

REPO = Path(__file__).resolve().parents[2]
GOLD_FILES = ("labelled_sentences.jsonl", "labelled_sentences_more.jsonl")
BARE_FILE = "labelled_bare.jsonl"  # sentences written for the evaluation, read alone: scored, never fitted on
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
    sif: float = 1e-3  # smoothing of the word pieces' inverse-frequency weights

    def to_json(self) -> str:
        return json.dumps(self.__dict__, sort_keys=True)


# Searched in cross-validation for learned-2: C (1-16), block weights, class weights, the pieces' weighting
# and extra n-grams (punctuation, first words, word 3-grams, length) moved the figures by under 0.005; so did
# a linear SVM, and a one-layer MLP did worse (0.73-0.74). A teacher with the transformer's own sentence
# embedding pseudo-labelling unlabelled corpus sentences gained 0.006 (4-way), within noise: not kept.
# A learned-3 (cue families for uncertainty without a modal, stance verbs, negated events; question shapes;
# the rules' block weighed twice with C 2) moved CV by under 0.01 and the frozen corpus part not at all, and
# relabelled news in briefs for the worse (brief recall dev 0.523 -> 0.498, test 0.694 -> 0.583): not kept.
# A subjectivity lexicon of adjectives, NB-weighted n-grams and the transformer's sentence embedding as a
# block (+0.014 4-way, but a model run of 6-14 ms a sentence) were tried and not kept either.
GRID: list[FitParams] = [
    FitParams(e, 1.0, r, c, 3, True) for e, r, c in product((1.0, 2.0), (0.5, 1.0), (1.0, 2.0, 4.0))
]


@dataclass
class Prepared:
    """Everything the model reads of the gold sentences, computed once."""

    rows: list[GoldRow]
    analyses: list[RuleAnalysis]
    grams: list[list[str]]
    pieces: list[Pieces]
    rules: Matrix  # (rows, RULE_FEATURES)
    table: Matrix  # (vocabulary pieces, 384): each piece's vector, zero where not computed

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


def piece_table(ids: set[int] | None = None, cache: Path | None = None) -> Matrix:
    """The word pieces' vectors (:meth:`MiniLMEncoder.piece_vectors`) for ``ids`` (None: the whole vocabulary).

    ``cache`` (an ``.npy`` path) keeps the whole table between runs (about a minute and a half to compute)."""
    from bot.corpus.embeddings import get_encoder
    from bot.nlp.features import _tokenizer

    size = _tokenizer().get_vocab_size()
    if cache is not None and cache.is_file():
        table: Matrix = np.load(cache, allow_pickle=False)
        if table.shape == (size, EMBEDDING_DIMENSIONS):
            return table
    todo = sorted(range(size) if ids is None else ids)
    table = np.zeros((size, EMBEDDING_DIMENSIONS), np.float32)
    if todo:
        table[todo] = get_encoder().piece_vectors(todo)
    if cache is not None and ids is None:
        np.save(cache, table)
    return table


def prepare(rows: list[GoldRow], whole_vocabulary: bool = False, cache: Path | None = None) -> Prepared:
    """Rules, n-grams and word pieces of every gold sentence, and the piece vectors they need (all of the
    vocabulary's when the model is to be shipped: a sentence never seen may hold any piece)."""
    analyses = [analyse(r.text) for r in rows]
    pieces = word_pieces([a.clean for a in analyses])
    needed = None if whole_vocabulary else {i for p in pieces for i in p.ids}
    return Prepared(rows, analyses, [ngrams(a.clean) for a in analyses], pieces, rule_vectors(analyses),
                    piece_table(needed, cache if whole_vocabulary else None))


def piece_weights(prep: Prepared, idx: Sequence[int], smoothing: float) -> Matrix:
    """Smooth inverse frequency of each piece over the fitting rows: ``a / (a + p(piece))``; unseen pieces 1."""
    counts = np.zeros(prep.table.shape[0], np.float64)
    for i in idx:
        np.add.at(counts, prep.pieces[i].ids, 1.0)
    total = counts.sum() or 1.0
    weights: Matrix = (smoothing / (smoothing + counts / total)).astype(np.float32)
    return weights


def static_embeddings(prep: Prepared, idx: Sequence[int], weights: Matrix) -> Matrix:
    """Each row's static embedding: the mean of its pieces' weighted vectors (zero for no piece)."""
    out = np.zeros((len(idx), EMBEDDING_DIMENSIONS), np.float32)
    for k, i in enumerate(idx):
        ids = prep.pieces[i].ids
        if ids:
            out[k] = (prep.table[ids] * weights[ids, None]).mean(axis=0)
    return out


def evidences(model: LabellerModel, prep: Prepared, idx: Sequence[int]) -> list[Evidence]:
    """The gold rows as the shipped labeller reads them (the same code path as ``briefbot classify``)."""
    out = []
    for i in idx:
        cols, values = model.vocabulary.row(prep.grams[i])
        out.append(Evidence(prep.analyses[i], prep.grams[i], cols, values, prep.rules[i], prep.pieces[i]))
    return out


def design(
    prep: Prepared, idx: Sequence[int], params: FitParams, vocabulary: NgramVocabulary, weights: Matrix
) -> sparse.csr_matrix:
    """The rows the logistic regression is fitted on: static embedding, n-grams, rules, each block weighted."""
    idx = list(idx)
    return sparse.hstack([
        sparse.csr_matrix(static_embeddings(prep, idx, weights) * params.emb_weight),
        vocabulary.transform([prep.grams[i] for i in idx]) * params.gram_weight,
        sparse.csr_matrix(prep.rules[idx] * params.rule_weight),
    ], format="csr", dtype=np.float32)


def fit_model(prep: Prepared, idx: Sequence[int], params: FitParams) -> LabellerModel:
    """Fit a logistic regression on the given rows' three blocks, then fold the embedding block into
    per-piece scores (see :class:`LabellerModel`)."""
    from sklearn.linear_model import LogisticRegression

    idx = list(idx)
    vocabulary = NgramVocabulary.fit((prep.grams[i] for i in idx), params.min_df)
    weights = piece_weights(prep, idx, params.sif)
    x = design(prep, idx, params, vocabulary, weights)
    clf = LogisticRegression(C=params.c, max_iter=3000, class_weight="balanced" if params.balanced else None)
    clf.fit(x, prep.y[idx])
    coef = np.zeros((len(LABELS), x.shape[1]), np.float32)
    intercept = np.zeros(len(LABELS), np.float32)
    for k, cls in enumerate(clf.classes_):  # a fold might lack a label: it then never wins
        coef[int(cls)] = clf.coef_[k]
        intercept[int(cls)] = clf.intercept_[k]
    missing = set(range(len(LABELS))) - {int(c) for c in clf.classes_}
    for k in missing:
        intercept[k] = -1e3
    emb = coef[:, :EMBEDDING_DIMENSIONS]
    piece_scores = ((prep.table @ emb.T) * (weights[:, None] * params.emb_weight)).astype(np.float32)
    return LabellerModel(LABELLER_VERSION, vocabulary, (params.emb_weight, params.gram_weight, params.rule_weight),
                         coef[:, EMBEDDING_DIMENSIONS:], intercept, piece_scores)


def _folds(prep: Prepared, idx: Sequence[int], folds: int = FOLDS) -> list[tuple[list[int], list[int]]]:
    """Article-grouped folds: every article's sentences in exactly one test fold."""
    from sklearn.model_selection import GroupKFold

    groups = [prep.rows[i].file for i in idx]
    splitter = GroupKFold(n_splits=folds)
    out = []
    for train, test in splitter.split(np.zeros(len(idx)), groups=groups):
        out.append(([idx[i] for i in train], [idx[i] for i in test]))
    return out


def cross_validate(prep: Prepared, idx: Sequence[int], params: FitParams) -> Matrix:
    """Out-of-fold probabilities for ``idx`` rows (in ``idx`` order)."""
    position = {row: k for k, row in enumerate(idx)}
    out = np.zeros((len(idx), len(LABELS)), np.float32)
    for train, test in _folds(prep, idx):
        model = fit_model(prep, train, params)
        probs = model.probabilities(evidences(model, prep, test))
        for k, row in enumerate(test):
            out[position[row]] = probs[k]
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
    """Cross-validated figures (tuning part) and the shipped model's figures on the frozen part; and, for a
    file of bare sentences (:func:`is_bare_file`), the shipped model's figures on each of its parts."""

    cv: LabelAgreement
    frozen: LabelAgreement
    articles: tuple[int, int]  # tuning, frozen
    params: FitParams
    bare: dict[str, LabelAgreement] = field(default_factory=dict)  # part -> figures
    readings: dict[str, LabelAgreement] = field(default_factory=dict)  # comparison -> figures (score_readings)

    def render(self) -> str:
        lines = [
            f"labeller {LABELLER_VERSION}; {self.params.to_json()}",
            f"tuning part: {self.articles[0]} articles, {FOLDS}-fold cross-validation grouped by article; "
            f"frozen test part: {self.articles[1]} articles (never tuned on)",
            render("CV", self.cv),
            render("frozen, shipped model", self.frozen),
        ]
        lines.extend(render(f"bare sentences, {part} part, shipped model", result)
                     for part, result in self.bare.items())
        lines.extend(render(f"second reading, {what}", result) for what, result in self.readings.items())
        return "\n".join(lines)


def is_bare_file(path: Path) -> bool:
    """Whether a labelled file holds bare sentences (a ``text`` per row, no corpus offsets): sentences written
    for the evaluation, read alone as ``briefbot classify`` reads them. Never fitted on."""
    rows = load_rows(path)
    return bool(rows) and "text" in rows[0] and "file" not in rows[0]


def is_second_reading_file(path: Path) -> bool:
    """Whether a labelled file holds other readers' labels of gold sentences (``readings`` per row, by offsets):
    how far independent readers agree with the gold labels, the ceiling a labeller can be held to."""
    rows = load_rows(path)
    return bool(rows) and "readings" in rows[0]


def score_readings(paths: list[Path], rows: Sequence[GoldRow], tune: Sequence[int],
                   out_of_fold: Sequence[str]) -> dict[str, LabelAgreement]:
    """Each reader of the second-reading files against the gold labels, the readers against each other, and the
    labeller's cross-validated labels (``out_of_fold``, one per ``tune`` row) on the same sentences. Only gold
    rows of the tuning part are compared, where the labeller's labels are out of fold."""
    predicted = {(rows[i].file, rows[i].start, rows[i].end): (rows[i].label, label)
                 for i, label in zip(tune, out_of_fold, strict=True)}
    gold: list[str] = []
    labeller: list[str] = []
    readers: dict[str, list[str]] = {}
    for path in paths:
        for row in load_rows(path):
            key = (str(row["file"]), int(row["start"]), int(row["end"]))  # type: ignore[call-overload]
            readings = row["readings"]
            if key not in predicted or not isinstance(readings, dict):
                continue
            if any(label not in LABELS for label in readings.values()):
                raise ValueError(f"{path.name}: a reading must be one of {', '.join(LABELS)}: {row}")
            gold.append(predicted[key][0])
            labeller.append(predicted[key][1])
            for reader, label in readings.items():
                readers.setdefault(str(reader), []).append(str(label))
    if not gold:
        return {}
    out = {f"reader {name} vs gold": score(gold, labels) for name, labels in sorted(readers.items())}
    names = sorted(readers)
    if len(names) == 2 and all(len(readers[n]) == len(gold) for n in names):
        out[f"reader {names[1]} vs reader {names[0]}"] = score(readers[names[0]], readers[names[1]])
    out["labeller (cross-validated) vs gold, the same sentences"] = score(gold, labeller)
    return out


def load_bare(path: Path) -> dict[str, list[tuple[str, str]]]:
    """A bare-sentence file's ``(sentence, gold label)`` pairs by part (``development``, ``frozen``)."""
    parts: dict[str, list[tuple[str, str]]] = {}
    for row in load_rows(path):
        label, text = str(row.get("label")), str(row.get("text") or "")
        if label not in LABELS or not text.strip():
            raise ValueError(f"{path.name}: a row needs a text and one of the labels {', '.join(LABELS)}: {row}")
        parts.setdefault(str(row.get("part") or "development"), []).append((text, label))
    return parts


def score_bare(paths: list[Path], model: LabellerModel | None = None) -> dict[str, LabelAgreement]:
    """The shipped labeller (``label_texts``, the path of ``briefbot classify``) on each part of bare files."""
    from bot.nlp.labeller import label_texts

    pairs: dict[str, list[tuple[str, str]]] = {}
    for path in paths:
        for part, rows in load_bare(path).items():
            pairs.setdefault(part, []).extend(rows)
    out = {}
    for part, rows in pairs.items():
        predicted = [r.label for r in label_texts([t for t, _ in rows], model=model)]
        out[part] = score([g for _, g in rows], predicted)
    return out


def split(rows: Sequence[GoldRow]) -> tuple[list[int], list[int]]:
    tune = [i for i, r in enumerate(rows) if not is_frozen(r.file)]
    frozen = [i for i, r in enumerate(rows) if is_frozen(r.file)]
    return tune, frozen


def evaluate_labels(paths: list[Path], corpus_dir: Path, model: LabellerModel | None = None) -> LabelReport:
    """What ``briefbot eval --labels`` prints: CV with the shipped settings, and the shipped model on frozen
    (and on the parts of any bare-sentence file among ``paths``)."""
    from bot.nlp.labeller import load_model

    model = model or load_model()
    bare = [p for p in paths if is_bare_file(p)]
    second = [p for p in paths if p not in bare and is_second_reading_file(p)]
    paths = [p for p in paths if p not in bare and p not in second]
    params = FitParams(**json.loads(model.fit_params)) if model.fit_params else FitParams()
    prep = prepare(load_gold(paths, corpus_dir))
    tune, frozen = split(prep.rows)
    probs = cross_validate(prep, tune, params)
    cv = score([prep.rows[i].label for i in tune], _labels(probs))
    frozen_score = score([prep.rows[i].label for i in frozen],
                         _labels(model.probabilities(evidences(model, prep, frozen))))
    n_articles = (len({prep.rows[i].file for i in tune}), len({prep.rows[i].file for i in frozen}))
    return LabelReport(cv, frozen_score, n_articles, params, score_bare(bare, model),
                       score_readings(second, prep.rows, tune, _labels(probs)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Fit the statement labeller on the hand-labelled sentences.")
    parser.add_argument("--corpus-dir", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument("--data-dir", type=Path, default=REPO / "tests" / "data")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "data" / MODEL_FILE)
    parser.add_argument("--params", action="append", help="FitParams as JSON (repeatable): search these, not GRID")
    parser.add_argument("--cache", type=Path, help="an .npy file keeping the word pieces' vectors between runs")
    args = parser.parse_args(argv)

    paths = gold_paths(args.data_dir)
    rows = load_gold(paths, args.corpus_dir)
    prep = prepare(rows, whole_vocabulary=True, cache=args.cache)
    tune, frozen = split(rows)
    y_tune = prep.y[tune]
    gold_tune = [prep.rows[i].label for i in tune]
    print(f"{len(rows)} sentences from {len({r.file for r in rows})} articles ({', '.join(p.name for p in paths)}); "
          f"tuning on {len(tune)}, frozen {len(frozen)}", flush=True)
    candidates = [FitParams(**json.loads(p)) for p in args.params] if args.params else GRID
    best: tuple[float, FitParams, Matrix] | None = None
    for params in candidates:
        probs = cross_validate(prep, tune, params)
        result = score(gold_tune, _labels(probs))
        print(f"  {params.to_json()}: CV macro-F1 {result.macro_f1:.3f}, 4-way {result.four_way:.3f}", flush=True)
        if best is None or result.macro_f1 > best[0]:
            best = (result.macro_f1, params, probs)
    assert best is not None
    _, params, probs = best
    temperature = fit_temperature(probs, y_tune)
    model = fit_model(prep, tune, params)
    model = LabellerModel(model.version, model.vocabulary, model.block_weights, model.coef, model.intercept,
                          model.piece_scores, temperature, params.to_json())
    model.save(str(args.out))
    report = LabelReport(
        score(gold_tune, _labels(probs)),
        score([prep.rows[i].label for i in frozen], _labels(model.probabilities(evidences(model, prep, frozen)))),
        (len({prep.rows[i].file for i in tune}), len({prep.rows[i].file for i in frozen})),
        params,
        score_bare([p for p in [args.data_dir / BARE_FILE] if p.is_file()], model),
    )
    print(f"temperature {temperature:.2f}; wrote {args.out} ({args.out.stat().st_size // 1024} KiB)")
    print(report.render())
    return 0


if __name__ == "__main__":
    sys.exit(main())
