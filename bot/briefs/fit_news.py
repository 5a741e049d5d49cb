"""Fit the brief's news model (:mod:`bot.briefs.news`) on the news flow's development windows.

    .venv/bin/python -m bot.briefs.fit_news [--data-dir DIR] [--flow tests/data/brief_flow.jsonl] [--cv]

``--cv`` writes nothing and prints each development window's scores under models fitted on the other
development windows (:func:`cross_validate`): the figure to compare changes by, since the shipped models'
scores on the development windows are scores on their own training data.

Five models, all logistic regressions:

* **same development** (fitted first): a pair of a window's sentences is a positive example when both
  state every key fact of one development, a negative one when they state two different developments, or
  one a development and the other a background fact;
* **newsworthy** (over the sentence's embedding, fitted second): the same examples as the news model; the
  news model is fitted on its leave-one-window-out log-odds, as it will meet them on a window never seen;
* **news**: a sentence is a positive example when it states every key fact of one of its window's
  developments (the editor's picks); every other quotable sentence of the window is a negative one;
* **background** (calibrated, not reweighted): a sentence stating one of the window's background facts
  and no development is a positive example, one stating a development a negative one;
* **background echo** (calibrated): the same examples, only those the background model judges new, on how
  much of what each states one prior sentence already stated (its second stage).

Only ``split == "dev"`` windows are used; the test windows are for ``bench/brief_flow.py`` to report.
Writes ``bot/briefs/news_model.json``.
"""

from __future__ import annotations

import argparse
import json
import math
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from bot.answers.candidate import Candidate
from bot.briefs.compose import WindowRead, brief_of, read_window, window_features
from bot.briefs.developments import NoveltyJudge, Vectors
from bot.briefs.flow_eval import (
    WindowScore,
    flow_files,
    load_flow,
    matches_key_facts,
    score_window,
    summary,
    window_bounds,
)
from bot.briefs.news import (
    BACKGROUND_FEATURES,
    ECHO_FEATURES,
    FEATURES,
    NEWS_FEATURES,
    PAIR_FEATURES,
    MeaningModel,
    NewsModels,
    model_from,
    pair_features,
)
from bot.briefs.window import build_window
from bot.corpus.catalog import Catalog
from bot.corpus.ingest import CorpusService
from bot.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
MODEL = Path(__file__).with_name("news_model.json")
VERSION = "news-9"  # 7: the pair signals read model versions (development_marks); 8: refit on corrected gold;
# 9: the pair signals read whether one sentence goes on from the one before it (follows_on)


def _fit(x: np.ndarray, y: np.ndarray, c: float, *, balanced: bool) -> dict[str, object]:
    """A logistic regression on standardised features. ``balanced`` weighs the rare positives up (for a
    ranking); without it the probabilities stay calibrated, so one half means "more likely than not".

    A feature that never varies in the examples keeps a scale of one (a scale rounded to zero would make every
    probability NaN); examples of one class only (a small fold's echo stage can judge every recap right) give
    a model of that class's smoothed rate that no feature moves."""
    from sklearn.linear_model import LogisticRegression

    spread = x.std(axis=0) if len(x) else np.zeros(x.shape[1:])
    mean, scale = (x.mean(axis=0) if len(x) else spread), np.where(spread > 1e-5, spread + 1e-6, 1.0)
    if len(set(y.tolist())) < 2:
        rate = (float(y.sum()) + 0.5) / (len(y) + 1)
        return {"coef": [0.0] * len(scale), "intercept": round(math.log(rate / (1 - rate)), 5),
                "mean": [round(float(v), 5) for v in mean], "scale": [round(float(v), 5) for v in scale]}
    weights = "balanced" if balanced else None
    model = LogisticRegression(C=c, class_weight=weights, max_iter=1000).fit((x - mean) / scale, y)
    return {"coef": [round(float(v), 5) for v in model.coef_[0]], "intercept": round(float(model.intercept_[0]), 5),
            "mean": [round(float(v), 5) for v in mean], "scale": [round(float(v), 5) for v in scale]}


def _fit_meaning(vectors: list[Vectors], picked: list[np.ndarray], c: float) -> MeaningModel:
    """The ``newsworthy`` model: a logistic regression over the sentences' embeddings, picks weighed up."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, class_weight="balanced", max_iter=2000).fit(
        np.vstack(vectors), np.concatenate(picked))
    return MeaningModel(tuple(float(v) for v in model.coef_[0]), float(model.intercept_[0]))


def _pairs(candidates: list[Candidate], vectors: Vectors, known: set[str],
           row: dict[str, Any]) -> tuple[list[np.ndarray], list[bool]]:
    """Pair examples of one window (see the module docstring)."""
    devs = [{i for i, c in enumerate(candidates) if matches_key_facts(d["key_facts"], c.text)}
            for d in row["developments"]]
    background = {i for i, c in enumerate(candidates)
                  if any(matches_key_facts(b["key_facts"], c.text) for b in row["background"])}
    involved = sorted(set().union(*devs, background)) if devs else []
    if not involved:
        return [], []
    sub = [candidates[i] for i in involved]
    grid = pair_features(sub, vectors[involved], known)
    xs, ys = [], []
    for a, i in enumerate(involved):
        for b, j in enumerate(involved):
            if j <= i:
                continue
            together = any(i in d and j in d for d in devs)
            apart = (any(i in d for d in devs) and any(j in d for d in devs) and not together) or (
                (i in background) != (j in background) and any(k in d for d in devs for k in (i, j)))
            if together or apart:
                xs.append(grid[a, b])
                ys.append(together)
    return xs, ys


@dataclass
class Fitted:
    """One set of fitted models, and the numbers ``news_model.json`` keeps of them."""

    models: NewsModels
    numbers: dict[str, Any]


def fit_models(rows: Sequence[dict[str, Any]], reads: Sequence[WindowRead], c: float = 0.5, meaning_c: float = 1.0,
               echo_c: float = 0.05) -> Fitted:
    """The five models (see the module docstring), fitted on these windows (their rows and reads; at least three:
    the meaning model's signal is fitted on all windows but one, for each)."""
    if len(rows) < 3:
        raise ValueError(f"fitting the news models needs at least three development windows, not {len(rows)}")
    pair_x, pair_y = [], []
    for row, read in zip(rows, reads, strict=True):
        px, py = _pairs(read.candidates, read.vectors, read.known, row)
        pair_x += px
        pair_y += py
    pair = _fit(np.asarray(pair_x), np.asarray(pair_y, dtype=int), c, balanced=False)
    pair_model = model_from({"features": PAIR_FEATURES, **pair}, PAIR_FEATURES, VERSION)
    # every window's features as the pair model reads them (newsworthy filled in below)
    window_rows = [window_features(read, pair_model, None)[1] for read in reads]
    picked = [np.array([any(matches_key_facts(d["key_facts"], c.text) for d in row["developments"])
                        for c in read.candidates], dtype=int)
              for row, read in zip(rows, reads, strict=True)]
    # the meaning model's signal as the news model will see it on a window it never saw: each window's
    # from a model fitted on the other windows (a model scoring its own training sentences looks surer)
    worthy = FEATURES.index("newsworthy")
    for k, read in enumerate(reads):
        others = [j for j in range(len(reads)) if j != k]
        fold = _fit_meaning([reads[j].vectors for j in others], [picked[j] for j in others], meaning_c)
        window_rows[k][:, worthy] = fold.log_odds(read.vectors)
    meaning = _fit_meaning([read.vectors for read in reads], picked, meaning_c)
    xs, ys, bg_x, bg_y = [], [], [], []
    recap_columns = [FEATURES.index(f) for f in BACKGROUND_FEATURES]
    news_columns = [FEATURES.index(f) for f in NEWS_FEATURES]
    for row, read, x_rows, development_of in zip(rows, reads, window_rows, picked, strict=True):
        for candidate, x, development in zip(read.candidates, x_rows, development_of, strict=True):
            recap = any(matches_key_facts(b["key_facts"], candidate.text) for b in row["background"])
            xs.append(x[news_columns])
            ys.append(bool(development))
            if development or recap:
                bg_x.append(x)
                bg_y.append(recap and not development)
    y = np.asarray(ys, dtype=int)
    news = _fit(np.asarray(xs), y, c, balanced=True)
    bg_rows, bg_labels = np.asarray(bg_x), np.asarray(bg_y, dtype=int)
    recaps = _fit(bg_rows[:, recap_columns], bg_labels, c, balanced=False)
    # the echo stage learns from the sentences the first stage judges new (its dates not all before the window)
    first = model_from({"features": BACKGROUND_FEATURES, **recaps}, BACKGROUND_FEATURES, VERSION)
    residual = ((first.probabilities(bg_rows[:, recap_columns]) < 0.5)
                & (bg_rows[:, FEATURES.index("dates_before")] == 0))
    echo_columns = [FEATURES.index(f) for f in ECHO_FEATURES]
    echoes = _fit(bg_rows[residual][:, echo_columns], bg_labels[residual], echo_c, balanced=False)
    models = NewsModels(model_from({"features": NEWS_FEATURES, **news}, NEWS_FEATURES, VERSION), pair_model, first,
                        model_from({"features": ECHO_FEATURES, **echoes}, ECHO_FEATURES, VERSION), meaning)
    return Fitted(models, {
        "version": VERSION, "features": list(NEWS_FEATURES), **news,
        "fitted_on": {"windows": [r["id"] for r in rows], "sentences": len(y), "positives": int(y.sum()),
                      "pairs": len(pair_y), "same_pairs": int(sum(pair_y)), "background_examples": len(bg_y),
                      "background_positives": int(sum(bg_y)), "echo_examples": int(residual.sum()),
                      "echo_positives": int(bg_labels[residual].sum())},
        "same_development": {"features": list(PAIR_FEATURES), **pair},
        "background": {"features": list(BACKGROUND_FEATURES), **recaps},
        "background_echo": {"features": list(ECHO_FEATURES), **echoes},
        "newsworthy": {"c": meaning_c, "coef": [round(float(v), 6) for v in meaning.coef],
                       "intercept": round(meaning.intercept, 6)},
    })


def read_windows(catalog: Catalog, judge: NoveltyJudge, rows: Sequence[dict[str, Any]]) -> list[WindowRead]:
    return [read_window(catalog, judge, build_window(catalog, *window_bounds(row))) for row in rows]


def cross_validate(catalog: Catalog, rows: Sequence[dict[str, Any]], reads: Sequence[WindowRead],
                   **fitting: float) -> list[WindowScore]:
    """Each development window's scores under models fitted on the other development windows: how the
    brief does on a window its models never saw (the shipped models' scores on the development windows are
    scores on their own training data)."""
    scores = []
    for k, (row, read) in enumerate(zip(rows, reads, strict=True)):
        others = [j for j in range(len(rows)) if j != k]
        fitted = fit_models([rows[j] for j in others], [reads[j] for j in others], **fitting)
        scores.append(score_window(row, brief_of(catalog, read.window, read, fitted.models)))
    return scores


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=Path("/tmp/briefbot-flow"))
    parser.add_argument("--flow", type=Path, default=ROOT / "tests" / "data" / "brief_flow.jsonl")
    parser.add_argument("--c", type=float, default=0.5)
    parser.add_argument("--meaning-c", type=float, default=1.0,
                        help="regularisation of the newsworthy model over sentence embeddings (leave-one-window-out "
                             "on the development windows, the news model's ranking alone: 0.3 to 3 gain most)")
    parser.add_argument("--echo-c", type=float, default=0.05,
                        help="regularisation of the echo stage (leave-one-window-out on the development windows: "
                             "0.02 to 0.1 keep recall@5 and leave one background lead; 0.2 and more lose recall)")
    parser.add_argument("--cv", action="store_true",
                        help="only measure: leave-one-window-out scores on the development windows; write nothing")
    args = parser.parse_args()
    corpus_dir = Path(os.environ.get("BRIEFBOT_TEST_CORPUS") or ROOT.parent / "shared" / "corpus")
    rows = [r for r in load_flow(args.flow) if r.get("split", "dev") == "dev"]
    settings = Settings(_env_file=None, data_dir=args.data_dir)  # type: ignore[call-arg]
    corpus = CorpusService.open(settings)
    fitting = {"c": args.c, "meaning_c": args.meaning_c, "echo_c": args.echo_c}
    try:
        corpus.add_paths(flow_files(rows, corpus_dir), "fit", "bot.briefs.fit_news")
        reads = read_windows(corpus.catalog, NoveltyJudge(corpus.catalog, corpus.index), rows)
        if args.cv:
            scores = cross_validate(corpus.catalog, rows, reads, **fitting)
            for s in scores:
                print(f"{s.id} recall@5 {s.recall:.2f} (strict {s.strict_recall:.2f})  background {s.background_leads}")
            print("leave-one-window-out:", json.dumps(summary(scores)["dev"]))
            return 0
        fitted = fit_models(rows, reads, **fitting)
    finally:
        corpus.close()
    MODEL.write_text(json.dumps(fitted.numbers, indent=1) + "\n", encoding="utf-8")
    numbers = fitted.numbers
    for title, names, part in (("same development", PAIR_FEATURES, numbers["same_development"]),
                               ("news", NEWS_FEATURES, numbers), ("background", BACKGROUND_FEATURES,
                                                                  numbers["background"]),
                               ("background echo", ECHO_FEATURES, numbers["background_echo"])):
        print(f"{title}: weights")
        for name, weight in sorted(zip(names, part["coef"], strict=True), key=lambda t: -abs(t[1])):
            print(f"  {name:17} {weight:+.2f}")
    print(f"{numbers['fitted_on']['sentences']} sentences, {numbers['fitted_on']['positives']} positive; "
          f"{numbers['fitted_on']['pairs']} pairs, {numbers['fitted_on']['same_pairs']} same")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
