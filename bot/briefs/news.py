"""How likely a window's sentence reports a development an editor would lead with: a small logistic model
over signals a reader would name, fitted on the news-flow set's development windows
(``python -m bot.briefs.fit_news``; parameters in ``news_model.json``, versioned).

The signals (:data:`FEATURES`): how far the sentence is from anything reported before the window (novelty, by
meaning), whether it matches its own article's headline and other new articles' headlines, how many other outlets
in the window say the same thing, where it sits in its article, its label, whether its dates are all before the
window or some inside it (naming no day, a time of day the prior reporting already gave, "at 5:21 pm", tells again
when an earlier event happened), the names and figures the prior reporting never stated, its length, how widely the
earlier reporting said much the same (the prior spread), how many other outlets in the window name the new names it
names, how new its article's headline is, where its novelty, spread and closeness to the story rank within its
window (windows differ in how new they are), and how much what it says reads like a development by meaning
(``newsworthy``: :class:`MeaningModel` over its embedding).
No weight is set by hand.

Two more small models, fitted alongside: the **same-development** model judges whether two of a window's
sentences report the same development (:data:`PAIR_FEATURES`; it groups the brief's developments and counts
the outlets behind each), and the **background** model whether a sentence recaps what was reported before
the window (:data:`BACKGROUND_FEATURES`; calibrated, so a recap is one judged more likely than not), with
its second stage, the **echo** model (:data:`ECHO_FEATURES`), for the sentences it judges new.
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
from typing import Any

import numpy as np
import numpy.typing as npt

from bot.answers.candidate import Candidate
from bot.briefs.developments import development_marks, reported_days, specifics, times_of_day
from bot.facts.read import BY_KEY
from bot.nlp.standalone import continues, points_back

Vectors = npt.NDArray[np.float32]

FEATURES = (
    "novelty", "own_title", "other_titles", "other_outlets", "lede", "position", "fact", "claim",
    "commentary", "dates_before", "date_inside", "new_specifics", "length", "story", "reporting", "quoted",
    "prior_spread", "name_outlets", "title_novelty", "news_title", "novelty_rank", "spread_rank", "story_rank",
    "newsworthy", "echo",
)
# The news model's signals: all but the echo, which only the echo stage of the background judgement reads
# (measured on the development windows: ranking by it too, or adding it to the first stage, lost recall).
NEWS_FEATURES = tuple(f for f in FEATURES if f != "echo")
# Signals that a sentence recaps what the prior reporting already said: how close and how widespread the
# prior statements are, the names and figures it adds, and whether its dates are before or inside the window.
BACKGROUND_FEATURES = ("novelty", "prior_spread", "spread_rank", "new_specifics", "name_outlets", "dates_before",
                       "date_inside")
# The background judgement's second stage, for the sentences the first judged new: how much of what the
# sentence specifically states one prior sentence already stated (a recap reworded or bundled with other
# context is only moderately close by meaning, yet repeats the earlier report's rare words and figures).
ECHO_FEATURES = ("echo",)
# Signals that two of a window's sentences report the same development: meaning, the new names and figures
# both state (new: the prior reporting never stated them), all the names and figures they share, whether
# they come from one article, whether they name the same of the story's events, how many of their rarer words
# they share, and whether one goes on from the one right before it in the same article.
PAIR_FEATURES = ("similarity", "shared_new_names", "shared_new_values", "shared_specifics", "same_article",
                 "shared_event", "shared_rare_words", "follows_on")

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


def model_from(data: dict[str, Any], expected: tuple[str, ...], version: str) -> NewsModel:
    """A model from its fitted numbers (as ``news_model.json`` keeps them), checked for the expected features."""
    model = NewsModel(version, tuple(data["features"]), tuple(data["coef"]), float(data["intercept"]),
                      tuple(data["mean"]), tuple(data["scale"]))
    if model.features != expected:
        raise ValueError("news_model.json was fitted on other features; refit with python -m bot.briefs.fit_news")
    return model


@dataclass(frozen=True)
class MeaningModel:
    """A logistic regression over a sentence's embedding: how much what it says reads like a development
    editors picked (a filing, a ruling, a return, a retaliation) rather than a description or background
    ("Based in San Jose, the company develops…"), whatever its words. Its log-odds are the news model's
    ``newsworthy`` signal."""

    coef: tuple[float, ...]
    intercept: float

    def log_odds(self, vectors: Vectors) -> npt.NDArray[np.float64]:
        if not len(vectors):
            return np.zeros(0)
        return np.asarray(np.asarray(vectors, dtype=np.float64) @ np.asarray(self.coef) + self.intercept)


def load_meaning_model() -> MeaningModel | None:
    """The shipped model of ``newsworthy``; None before one is fitted (fit_news fits it first)."""
    data = _data().get("newsworthy")
    return MeaningModel(tuple(data["coef"]), float(data["intercept"])) if data else None


@cache
def _data() -> dict[str, Any]:
    text = resources.files("bot.briefs").joinpath("news_model.json").read_text(encoding="utf-8")
    return dict(json.loads(text))


def load_model() -> NewsModel:
    """How likely a sentence reports a development an editor would lead with."""
    return model_from(_data(), NEWS_FEATURES, _data()["version"])


def news_scores(rows: npt.NDArray[np.float64], model: NewsModel) -> npt.NDArray[np.float64]:
    """The news model's probabilities for rows of :data:`FEATURES`."""
    columns = [FEATURES.index(f) for f in NEWS_FEATURES]
    return model.probabilities(rows[:, columns] if len(rows) else rows)


def load_pair_model() -> NewsModel:
    """How likely two of a window's sentences report the same development."""
    return model_from(_data()["same_development"], PAIR_FEATURES, _data()["version"])


def load_background_model() -> NewsModel:
    """How likely a sentence recaps what was reported before the window (on :data:`BACKGROUND_FEATURES`)."""
    return model_from(_data()["background"], BACKGROUND_FEATURES, _data()["version"])


def load_echo_model() -> NewsModel:
    """How likely a sentence the background model judged new recaps an earlier report it echoes
    (on :data:`ECHO_FEATURES`; fitted on those sentences only, calibrated)."""
    return model_from(_data()["background_echo"], ECHO_FEATURES, _data()["version"])


@dataclass(frozen=True)
class NewsModels:
    """The brief's models as one set: the shipped ones (:meth:`shipped`), or a set :mod:`bot.briefs.fit_news`
    fits (on every development window, or on all but one to measure the one left out)."""

    news: NewsModel
    pair: NewsModel
    background: NewsModel
    echo: NewsModel
    meaning: MeaningModel | None  # None while fit_news has not fitted it yet

    @classmethod
    def shipped(cls) -> NewsModels:
        return cls(load_model(), load_pair_model(), load_background_model(), load_echo_model(), load_meaning_model())


def background(rows: npt.NDArray[np.float64], model: NewsModel, echo_model: NewsModel) -> npt.NDArray[np.bool_]:
    """Which of a window's sentences (rows of :data:`FEATURES`) are background: every date (or, naming no day,
    every time of day) before the window, or more likely than not a recap by the background model, or, among
    the rest, more likely than not a recap by the echo model (both calibrated)."""
    if not len(rows):
        return np.zeros(0, dtype=bool)
    columns = [FEATURES.index(f) for f in BACKGROUND_FEATURES]
    recap = model.probabilities(rows[:, columns]) >= 0.5
    recap |= rows[:, FEATURES.index("dates_before")] > 0
    echoes = [FEATURES.index(f) for f in ECHO_FEATURES]
    recap |= echo_model.probabilities(rows[:, echoes]) >= 0.5
    return np.asarray(recap, dtype=bool)


def pair_features(candidates: Sequence[Candidate], vectors: Vectors, known: set[str]) -> npt.NDArray[np.float64]:
    """An (n, n, len(PAIR_FEATURES)) array: the signals of :data:`PAIR_FEATURES` for every pair."""
    n = len(candidates)
    out = np.zeros((n, n, len(PAIR_FEATURES)))
    if not n:
        return out
    found = [development_marks(c.text) for c in candidates]
    vocabulary = {s: k for k, s in enumerate(sorted(set().union(*found)))}
    every = np.zeros((n, max(len(vocabulary), 1)))
    for i, items in enumerate(found):
        every[i, [vocabulary[s] for s in items]] = 1.0
    new = np.asarray([[s not in known for s in vocabulary]], dtype=float) if vocabulary else np.zeros((1, 1))
    value = np.asarray([[":" in s for s in vocabulary]], dtype=float) if vocabulary else np.zeros((1, 1))
    names, values = every * new * (1 - value), every * new * value
    shared = every @ every.T
    sizes = every.sum(axis=1)
    union = sizes[:, None] + sizes[None, :] - shared
    articles = np.asarray([c.article_id for c in candidates])
    out[..., 0] = vectors @ vectors.T
    out[..., 1] = np.minimum(names @ names.T, 3) / 3
    out[..., 2] = np.minimum(values @ values.T, 3) / 3
    out[..., 3] = np.divide(shared, union, out=np.zeros_like(shared), where=union > 0)
    out[..., 4] = articles[:, None] == articles[None, :]
    named = np.asarray([sum(1 << k for k, e in enumerate(GROUPING_EVENTS) if BY_KEY[e].cues.search(c.text))
                        for c in candidates])  # the events each names, as bits
    out[..., 5] = (named[:, None] == named[None, :]) & (named[:, None] > 0)
    out[..., 6] = _rare_word_overlap(candidates)
    out[..., 7] = _follows_on(candidates)
    return out


# a sentence that goes on about what the one before it named: "The company quoted the principle…" after "Legion
# said the order was arbitrary…" (a pronoun, a connective or "the company" standing for a name just given)
_GOES_ON = re.compile(r"^(?:[\"“‘']?\s*)The (?:company|firm|startup|agency|department|lab|group|suit|lawsuit|complaint|"
                      r"filing|letter|report|plaintiff|court|judge|official|spokesperson|move)\b")


def _follows_on(candidates: Sequence[Candidate]) -> npt.NDArray[np.float64]:
    """For every pair, 1 when one sentence comes right after the other in the same article and goes on about it
    (see ``_GOES_ON``, :func:`bot.nlp.standalone.points_back`, a connective)."""
    n = len(candidates)
    out = np.zeros((n, n))
    at = {(c.article_id, c.idx): i for i, c in enumerate(candidates)}
    for j, c in enumerate(candidates):
        i = at.get((c.article_id, c.idx - c.joined - 1))
        if i is not None and (points_back(c.text) or continues(c.text) or _GOES_ON.match(c.text)):
            out[i, j] = out[j, i] = 1.0
    return out


# The story's events whose naming marks what a sentence reports ("sued", "lifted", "an open letter"; the fact
# reader's cues): two sentences naming the same of them ("Legion submitted its complaint…", "A legal technology firm
# has sued…") likely report one development, however differently worded. The order itself is not among them:
# nearly every sentence of this story names the ban.
GROUPING_EVENTS = ("executive_order", "lawsuit", "letter", "partial_lifting", "full_lifting", "return")


def _rare_word_overlap(candidates: Sequence[Candidate]) -> npt.NDArray[np.float64]:
    """For every pair, the share of their words (each weighed by how rare it is among the window's sentences) that
    both use: two reports of one interview share its rarer words ("Axios", "threat") whatever else they say."""
    n = len(candidates)
    vocabulary: dict[str, int] = {}
    for c in candidates:
        for t in c.terms:
            vocabulary.setdefault(t, len(vocabulary))
    every = np.zeros((n, max(len(vocabulary), 1)))
    for i, c in enumerate(candidates):
        every[i, [vocabulary[t] for t in c.terms]] = 1.0
    weight = np.log((n + 1) / (every.sum(axis=0) + 1))
    weighted = every * weight
    shared = weighted @ every.T
    total = weighted.sum(axis=1)
    union = total[:, None] + total[None, :] - shared
    return np.asarray(np.divide(shared, union, out=np.zeros_like(shared), where=union > 0), dtype=np.float64)


def same_development(candidates: Sequence[Candidate], vectors: Vectors, known: set[str],
                     model: NewsModel) -> npt.NDArray[np.float64]:
    """The (n, n) matrix of learned probabilities that sentences i and j report the same development."""
    n = len(candidates)
    if not n:
        return np.zeros((0, 0))
    rows = pair_features(candidates, vectors, known).reshape(n * n, len(PAIR_FEATURES))
    same = model.probabilities(rows).reshape(n, n)
    np.fill_diagonal(same, 1.0)
    by_article: dict[int, list[int]] = {}
    for i, c in enumerate(candidates):
        by_article.setdefault(c.article_id, []).append(i)
    for rows_of_article in by_article.values():  # a pronoun's sentence quoted with the one before it holds that one
        for k, i in enumerate(rows_of_article):
            for j in rows_of_article[k + 1 :]:
                if candidates[i].start < candidates[j].end and candidates[j].start < candidates[i].end:
                    same[i, j] = same[j, i] = 1.0
    return same


def features(candidates: Sequence[Candidate], vectors: Vectors, prior_similarity: Sequence[float],
             title_vectors: dict[int, Vectors], known: set[str], window_start: date,
             article_sentences: dict[int, int], prior_spread: Sequence[float],
             same: npt.NDArray[np.float64], title_prior: dict[int, float],
             prior_echo: Sequence[float] | None = None,
             newsworthy: Sequence[float] | None = None) -> npt.NDArray[np.float64]:
    """One row of :data:`FEATURES` per candidate (see the module docstring); ``same`` is
    :func:`same_development`'s matrix, ``title_prior`` each article's title's closest prior statement,
    ``prior_echo`` how much of what each states one prior sentence already stated, ``newsworthy`` the
    meaning model's log-odds (each 0 when not given)."""
    rows = np.zeros((len(candidates), len(FEATURES)))
    if not candidates:
        return rows
    article_ids = sorted(title_vectors)
    titles = np.stack([title_vectors[a] for a in article_ids]) if article_ids else np.zeros((0, vectors.shape[1]))
    to_titles = vectors @ titles.T if len(article_ids) else np.zeros((len(candidates), 0))
    centroid = titles.mean(axis=0) if len(article_ids) else vectors.mean(axis=0)
    centroid = centroid / (np.linalg.norm(centroid) or 1.0)
    story = vectors @ centroid
    outlets = [c.outlet for c in candidates]
    start = window_start.month * 100 + window_start.day
    new_names = [{s for s in specifics(c.text) - known if ":" not in s} for c in candidates]
    outlets_naming: dict[str, set[str]] = {}
    for c, names in zip(candidates, new_names, strict=True):
        for name in names:
            outlets_naming.setdefault(name, set()).add(c.outlet)
    for i, c in enumerate(candidates):
        own = article_ids.index(c.article_id) if c.article_id in title_vectors else -1
        others = [to_titles[i, j] for j, a in enumerate(article_ids) if a != c.article_id]
        similar_outlets = {outlets[j] for j in np.flatnonzero(same[i] >= 0.5) if outlets[j] != c.outlet}
        dates = reported_days(c.text)
        times = times_of_day(c.text)
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
            1.0 if (max(dates) < start if dates else times and times <= known) else 0.0,
            1.0 if any(d >= start for d in dates) else 0.0,
            min(len(specifics(c.text) - known), 3) / 3,
            min(len(c.text), 400) / 400,
            float(story[i]),
            1.0 if _REPORTING.search(c.text) else 0.0,
            1.0 if _QUOTE.search(c.text) else 0.0,
            prior_spread[i],
            math.log1p(max((len(outlets_naming[n] - {c.outlet}) for n in new_names[i]), default=0)),
            1.0 - title_prior.get(c.article_id, 1.0),
            (to_titles[i, own] if own >= 0 else 0.0) * (1.0 - title_prior.get(c.article_id, 1.0)),
            0.0, 0.0, 0.0,
            newsworthy[i] if newsworthy is not None else 0.0,
            prior_echo[i] if prior_echo is not None else 0.0,
        )
    # where each sentence stands within its window: windows differ in how new and how on-story they are
    for column, source in (("novelty_rank", "novelty"), ("spread_rank", "prior_spread"), ("story_rank", "story")):
        values = rows[:, FEATURES.index(source)]
        rows[:, FEATURES.index(column)] = np.argsort(np.argsort(values)) / max(len(values) - 1, 1)
    return rows
