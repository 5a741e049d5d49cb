"""How likely a window's sentence reports a development an editor would lead with: a small logistic model
over signals a reader would name, fitted on the news-flow set's development windows
(``python -m bot.briefs.fit_news``; parameters in ``news_model.json``, versioned).

The signals (:data:`FEATURES`): how far the sentence is from anything reported before the window
(novelty, by meaning), whether it matches its own article's headline and other new articles' headlines,
how many other outlets in the window say the same thing, where it sits in its article, its label, whether
its dates are all before the window or some inside it, the names and figures the prior reporting never
stated, and its length. No weight is set by hand.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources

import numpy as np
import numpy.typing as npt

from bot.answers.compose import Candidate
from bot.briefs.developments import SAME_DEVELOPMENT, specifics
from bot.nlp.values import extract_values

Vectors = npt.NDArray[np.float32]

FEATURES = (
    "novelty", "own_title", "other_titles", "other_outlets", "lede", "position", "fact", "claim",
    "commentary", "dates_before", "date_inside", "new_specifics", "length", "story", "reporting", "quoted",
)

# Verbs of reporting and of events: a sentence that tells what someone did or said, not what it means.
_REPORTING = re.compile(r"\b(?:report(?:s|ed)?|according to|told|said|says|announced|confirmed|filed|sued|signed|"
                        r"lifted|ordered|restored|released|launched|blocked|met|wrote|sent|urged|warned|plans?)\b",
                        re.IGNORECASE)
_QUOTE = re.compile(r"[\"“”]")


@dataclass(frozen=True)
class NewsModel:
    version: str
    features: tuple[str, ...]
    coef: tuple[float, ...]
    intercept: float
    mean: tuple[float, ...]
    scale: tuple[float, ...]

    def probabilities(self, rows: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        if rows.shape[0] == 0:
            return np.zeros(0)
        z = ((rows - np.asarray(self.mean)) / np.asarray(self.scale)) @ np.asarray(self.coef) + self.intercept
        return np.asarray(1.0 / (1.0 + np.exp(-z)), dtype=np.float64)


@cache
def load_model() -> NewsModel:
    data = json.loads(resources.files("bot.briefs").joinpath("news_model.json").read_text(encoding="utf-8"))
    model = NewsModel(data["version"], tuple(data["features"]), tuple(data["coef"]), float(data["intercept"]),
                      tuple(data["mean"]), tuple(data["scale"]))
    if model.features != FEATURES:
        raise ValueError("news_model.json was fitted on other features; refit with python -m bot.briefs.fit_news")
    return model


def features(candidates: Sequence[Candidate], vectors: Vectors, prior_similarity: Sequence[float],
             title_vectors: dict[int, Vectors], known: set[str], window_start: date,
             article_sentences: dict[int, int]) -> npt.NDArray[np.float64]:
    """One row of :data:`FEATURES` per candidate (see the module docstring)."""
    rows = np.zeros((len(candidates), len(FEATURES)))
    if not candidates:
        return rows
    article_ids = sorted(title_vectors)
    titles = np.stack([title_vectors[a] for a in article_ids]) if article_ids else np.zeros((0, vectors.shape[1]))
    to_titles = vectors @ titles.T if len(article_ids) else np.zeros((len(candidates), 0))
    pairwise = vectors @ vectors.T
    centroid = titles.mean(axis=0) if len(article_ids) else vectors.mean(axis=0)
    centroid = centroid / (np.linalg.norm(centroid) or 1.0)
    story = vectors @ centroid
    outlets = [c.outlet for c in candidates]
    start = window_start.month * 100 + window_start.day
    for i, c in enumerate(candidates):
        own = article_ids.index(c.article_id) if c.article_id in title_vectors else -1
        others = [to_titles[i, j] for j, a in enumerate(article_ids) if a != c.article_id]
        similar_outlets = {outlets[j] for j in np.flatnonzero(pairwise[i] >= SAME_DEVELOPMENT)
                           if outlets[j] != c.outlet}
        dates = [int(v.value) for v in extract_values(c.text, with_windows=False) if v.kind == "date"]
        n = max(article_sentences.get(c.article_id, 1), 1)
        rows[i] = (
            1.0 - prior_similarity[i],
            to_titles[i, own] if own >= 0 else 0.0,
            max(others, default=0.0),
            math.log1p(len(similar_outlets)),
            1.0 if c.idx <= 1 else 0.0,
            c.idx / n,
            1.0 if c.label == "fact" else 0.0,
            1.0 if c.label == "claim" else 0.0,
            1.0 if c.label in ("speculation", "opinion") else 0.0,
            1.0 if dates and max(dates) < start else 0.0,
            1.0 if any(d >= start for d in dates) else 0.0,
            min(len(specifics(c.text) - known), 3) / 3,
            min(len(c.text), 400) / 400,
            float(story[i]),
            1.0 if _REPORTING.search(c.text) else 0.0,
            1.0 if _QUOTE.search(c.text) else 0.0,
        )
    return rows
