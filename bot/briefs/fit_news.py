"""Fit the brief's news model (:mod:`bot.briefs.news`) on the news flow's development windows.

    .venv/bin/python -m bot.briefs.fit_news [--data-dir DIR] [--flow tests/data/brief_flow.jsonl]

A sentence is a positive example when it states every key fact of one of its window's developments (the
editor's picks); every other quotable sentence of the window is a negative one. Only ``split == "dev"``
windows are used; the test windows are for ``bench/brief_flow.py`` to report. Writes
``bot/briefs/news_model.json``.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

import numpy as np

from bot.briefs.compose import window_sentences
from bot.briefs.developments import NoveltyJudge
from bot.briefs.flow_eval import load_flow, matches_key_facts, window_bounds
from bot.briefs.news import FEATURES
from bot.briefs.window import build_window
from bot.corpus.ingest import CorpusService
from bot.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
MODEL = Path(__file__).with_name("news_model.json")
VERSION = "news-1"


def main() -> int:
    from sklearn.linear_model import LogisticRegression

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=Path("/tmp/briefbot-flow"))
    parser.add_argument("--flow", type=Path, default=ROOT / "tests" / "data" / "brief_flow.jsonl")
    parser.add_argument("--c", type=float, default=0.5)
    args = parser.parse_args()
    corpus_dir = Path(os.environ.get("BRIEFBOT_TEST_CORPUS") or ROOT.parent / "shared" / "corpus")
    rows = [r for r in load_flow(args.flow) if r.get("split", "dev") == "dev"]
    settings = Settings(_env_file=None, data_dir=args.data_dir)  # type: ignore[call-arg]
    corpus = CorpusService.open(settings)
    try:
        corpus.add_paths(sorted({corpus_dir / f for r in rows for f in r["files"]}), "fit", "bot.briefs.fit_news")
        judge = NoveltyJudge(corpus.catalog, corpus.index)
        xs, ys = [], []
        for row in rows:
            since, until = window_bounds(row)
            sentences = window_sentences(corpus.catalog, judge, build_window(corpus.catalog, since, until))
            for c, x in zip(sentences.candidates, sentences.features, strict=True):
                xs.append(x)
                ys.append(any(matches_key_facts(d["key_facts"], c.text) for d in row["developments"]))
    finally:
        corpus.close()
    x = np.asarray(xs)
    y = np.asarray(ys, dtype=int)
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-6
    model = LogisticRegression(C=args.c, class_weight="balanced", max_iter=1000).fit((x - mean) / scale, y)
    MODEL.write_text(json.dumps({
        "version": VERSION, "features": list(FEATURES), "coef": [round(float(v), 5) for v in model.coef_[0]],
        "intercept": round(float(model.intercept_[0]), 5), "mean": [round(float(v), 5) for v in mean],
        "scale": [round(float(v), 5) for v in scale],
        "fitted_on": {"windows": [r["id"] for r in rows], "sentences": len(y), "positives": int(y.sum())},
    }, indent=1) + "\n", encoding="utf-8")
    print(f"{len(y)} sentences, {int(y.sum())} positive; weights:")
    for name, weight in sorted(zip(FEATURES, model.coef_[0], strict=True), key=lambda t: -abs(t[1])):
        print(f"  {name:15} {weight:+.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
