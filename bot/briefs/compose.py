"""The brief composer: what changed in a time window, as a cited, labelled :class:`Answer`.

A brief leads with what changed, in news time (see :mod:`bot.briefs.window`):

1. **Developments** (at most :data:`MAX_DEVELOPMENTS`): the window's reported facts and attributed claims
   that the corpus did not already hold, grouped by what they report, the most widely reported first,
   events before what someone said (:mod:`bot.briefs.developments`). Each is one statement carrying every
   outlet's citation.
2. Then at most :data:`MAX_CLAIMS` further claims and :data:`MAX_COMMENTARY` items of speculation or
   opinion, also new in the window; then the articles added late (published before the window) and the
   other new articles as links.

Sentences are first filtered by the same quotability rules as answers (:func:`sentence_candidates`), then
by :func:`stands_alone` (no headline, widget line, writer's aside or sentence that leans on one before
it). Statements are numbered by :func:`assemble`, as in answers, so briefs and answers render the same.
Disagreements come only from the stored fact groups (:func:`fact_conflicts`, ``bot.facts``): one event's
values, never two different events set against each other. The headline is a template filled with
counts; nothing is written that the corpus does not say.
"""

from __future__ import annotations

import time
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
import numpy.typing as npt

from bot.answers.candidate import Candidate, Draft
from bot.answers.disputes import fact_conflicts
from bot.answers.model import Answer
from bot.answers.quotable import ArticleTextCache, sentence_candidates, with_antecedent
from bot.answers.retrieve import Passage, terms
from bot.answers.statements import assemble
from bot.briefs.developments import (
    EVENT_LABELS,
    NoveltyJudge,
    PriorMatch,
    Vectors,
    distinct_developments,
    group_developments,
)
from bot.briefs.news import (
    MeaningModel,
    NewsModel,
    NewsModels,
    background,
    features,
    news_scores,
    same_development,
)
from bot.briefs.window import DatedArticle, NewsWindow, article_key, build_window
from bot.corpus.catalog import Catalog
from bot.corpus.models import Article
from bot.corpus.page import PLACEHOLDER_TITLE
from bot.nlp.standalone import no_comment, stands_alone
from bot.nlp.terms import jaccard

MAX_DEVELOPMENTS = 5
MAX_CLAIMS = 3
MAX_COMMENTARY = 3
# below the brief's developments, a claim or an opinion is left out when the same-development model gives even
# odds that a statement already shown says it: a reader minds the same claim twice more than one claim fewer
SAID_ALREADY = 0.4


@dataclass
class Brief:
    """A brief: the answer-shaped content (developments first), the window and the articles it covers."""

    answer: Answer
    since: datetime
    until: datetime
    article_ids: list[int] = field(default_factory=list)
    article_keys: list[str] = field(default_factory=list)
    outlets: int = 0
    articles: list[Article] = field(default_factory=list)
    developments: int = 0  # the first ``developments`` statements are what changed
    added_late: list[DatedArticle] = field(default_factory=list)
    news_dates: dict[int, str] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not self.article_ids

    @property
    def headline(self) -> str:
        return self.answer.question

    def to_json(self) -> dict[str, Any]:
        data = self.answer.to_json()
        data["article_ids"] = list(self.article_ids)
        data["since"] = self.since.isoformat()
        data["until"] = self.until.isoformat()
        data["empty"] = self.empty
        data["developments"] = self.developments
        data["added_late"] = [{"article_id": d.article.id, "title": d.article.title, "outlet": d.article.outlet,
                               "url": d.article.url, "published": d.shown_date} for d in self.added_late]
        return data


def format_moment(moment: datetime, timezone: str = "UTC") -> str:
    local = moment.astimezone(ZoneInfo(timezone))
    return f"{local.day} {local:%b %H:%M} {'UTC' if timezone == 'UTC' else local.tzname() or timezone}"


def compose_brief(catalog: Catalog, judge: NoveltyJudge, since: datetime, until: datetime,
                  headline_hint: str | None = None, *, timezone: str = "UTC", exclude_keys: Collection[str] = (),
                  added_since: datetime | None = None) -> Brief:
    """The brief for news published in (``since``, ``until``] (see :mod:`bot.briefs.window`).

    A scheduled brief passes ``added_since`` (its last run, a little earlier to be safe) and
    ``exclude_keys`` (article versions an earlier brief already covered), so nothing is sent twice.
    """
    started = time.perf_counter()
    window = build_window(catalog, since, until, added_since=added_since, exclude_keys=exclude_keys)
    read = read_window(catalog, judge, window) if window.new_articles else None
    brief = brief_of(catalog, window, read, NewsModels.shipped(), headline_hint, timezone=timezone)
    brief.answer.elapsed_ms = round((time.perf_counter() - started) * 1000, 1)
    return brief


def brief_of(catalog: Catalog, window: NewsWindow, read: WindowRead | None, models: NewsModels,
             headline_hint: str | None = None, *, timezone: str = "UTC") -> Brief:
    """The brief of a window already read (None when it has no new article), as these models judge it."""
    since, until = window.since, window.until
    articles = window.new_articles
    outlets = {(a.outlet or f"article {a.id}").lower() for a in articles}
    headline = _headline(since, len(articles), len(outlets), len(window.added_late), timezone, headline_hint)
    dates = {d.article.id: d.shown_date for d in (*window.new, *window.added_late)}
    if read is None or not articles:
        return Brief(Answer(question=headline, abstained=False), since, until, added_late=window.added_late,
                     news_dates=dates)
    sentences = judge_window(read, models)
    news = [i for i, recap in enumerate(sentences.background) if not recap]
    events = [i for i in news if sentences.candidates[i].label in EVENT_LABELS]
    developments = group_developments([sentences.candidates[i] for i in events],
                                      sentences.same[np.ix_(events, events)])
    developments = distinct_developments(developments, sentences.candidates, sentences.vectors)
    drafts = [Draft(d.main, [m for m in d.members if m is not d.main]) for d in developments[:MAX_DEVELOPMENTS]]
    used = {m.article_id for d in drafts for m in d.members}
    in_developments = {id(m) for d in developments[:MAX_DEVELOPMENTS] for m in d.members}
    rest = sorted((sentences.candidates[i] for i in news if id(sentences.candidates[i]) not in in_developments),
                  key=lambda c: c.score, reverse=True)
    position = {id(c): i for i, c in enumerate(sentences.candidates)}
    drafts += _pick(rest, ("claim",), MAX_CLAIMS, used, position, sentences.same, drafts)
    drafts += _pick(rest, ("speculation", "opinion"), MAX_COMMENTARY, used, position, sentences.same, drafts)
    # disagreements a statement of the brief takes part in, from the fact groups only: a window's article
    # that recaps the order's date is no reason to repeat the old dispute over it in every brief
    shown = [m for d in drafts for m in d.members]
    # the pages' texts give a placeholder title its page's headline or opening words, and an undated page its
    # dateline, as in answers
    answer = assemble(headline, drafts, fact_conflicts(catalog, shown, unpublished=window.later_ids),
                      ArticleTextCache(catalog))
    return Brief(answer, since, until, [a.id for a in articles], [article_key(a) for a in articles],
                 len(outlets), articles, developments=min(len(developments), MAX_DEVELOPMENTS),
                 added_late=window.added_late, news_dates=dates)


@dataclass
class WindowRead:
    """What a brief reads of a window before any model judges it: the quotable sentences, their vectors, their
    nearest prior statements, what the prior reporting states. The costly part (the embedding model, the
    index), so a set of models can be measured on a window without reading it again."""

    window: NewsWindow
    candidates: list[Candidate]
    vectors: Vectors
    matches: list[PriorMatch | None]
    known: set[str]  # every name, date and figure the prior reporting states
    title_vectors: dict[int, Vectors]
    title_prior: dict[int, float]  # each titled article's headline's closest prior statement
    lengths: dict[int, int]  # sentences per article


@dataclass
class WindowSentences:
    """The window's quotable sentences with their vectors, nearest prior statements and news scores."""

    candidates: list[Candidate]
    vectors: Vectors
    matches: list[PriorMatch | None]
    features: npt.NDArray[np.float64]
    known: set[str]  # every name, date and figure the prior reporting states
    same: npt.NDArray[np.float64]  # the chance sentences i and j report the same development
    background: npt.NDArray[np.bool_]  # already reported before the window: never leads


def read_window(catalog: Catalog, judge: NoveltyJudge, window: NewsWindow) -> WindowRead:
    """Every quotable sentence of the window's new articles, with what the brief's models read of it."""
    articles = window.new_articles
    title_terms = [frozenset(terms(a.title)) for a in articles]
    # whole sentences only: measured on the development windows, quoting pages' cut-off last sentences too
    # lowered development recall (0.676 -> 0.663; refitted, 0.655 with one more background lead)
    # a sentence opening "They found…" is quoted with the one before it that names who, as answers quote it
    texts = ArticleTextCache(catalog)
    sentences = sentence_candidates(catalog, _passages(catalog, articles), texts, clipped=False)
    bodies = texts.get_many(a.id for a in articles)
    candidates = [c for s in sentences if (c := with_antecedent(s, bodies.get(s.article_id))) is not None
                  and stands_alone(c.text) is None and not _repeats_title(c, title_terms) and not no_comment(c.text)]
    vectors = judge.embed([c.text for c in candidates])
    matches = judge.judge(candidates, vectors, window.prior_ids)
    titled = [a for a in articles if not a.title.startswith(PLACEHOLDER_TITLE)]
    title_vectors = dict(zip([a.id for a in titled], judge.embed([a.title for a in titled]), strict=True))
    titles = list(title_vectors)
    closest = judge.closest_prior(np.stack([title_vectors[a] for a in titles]) if titles else vectors[:0],
                                  window.prior_ids)
    return WindowRead(window, candidates, vectors, matches, judge.known_specifics(window.prior_ids), title_vectors,
                      {a: max(c.values(), default=0.0) for a, c in zip(titles, closest, strict=True)},
                      {a.id: len(catalog.sentences(a.id)) for a in articles})


def judge_window(read: WindowRead, models: NewsModels) -> WindowSentences:
    """The read window judged by a set of models: which sentences report the same development, each one's
    features, its news score (the chance it reports a development an editor would lead with, set on the
    candidate) and whether it is background."""
    same, rows = window_features(read, models.pair, models.meaning)
    for c, p in zip(read.candidates, news_scores(rows, models.news), strict=True):
        c.score = float(p)
    return WindowSentences(read.candidates, read.vectors, read.matches, rows, read.known, same,
                           background(rows, models.background, models.echo))


def window_features(read: WindowRead, pair: NewsModel, meaning: MeaningModel | None
                    ) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """The same-development matrix (by the ``pair`` model) and every sentence's row of features (``newsworthy``
    by the ``meaning`` model, 0 without one): what the other models read, so :mod:`bot.briefs.fit_news` fits
    them on it."""
    candidates, vectors, matches = read.candidates, read.vectors, read.matches
    same = same_development(candidates, vectors, read.known, pair)
    rows = features(candidates, vectors, [m.similarity if m else 0.0 for m in matches], read.title_vectors,
                    read.known, read.window.since.date(), read.lengths, [m.spread if m else 0.0 for m in matches],
                    same, read.title_prior, [m.echo if m else 0.0 for m in matches],
                    list(meaning.log_odds(vectors)) if meaning is not None else None)
    return same, rows


def window_sentences(catalog: Catalog, judge: NoveltyJudge, window: NewsWindow,
                     models: NewsModels | None = None) -> WindowSentences:
    """The window read and judged (by the shipped models unless given)."""
    return judge_window(read_window(catalog, judge, window), models or NewsModels.shipped())


def _pick(pool: Sequence[Candidate], labels: tuple[str, ...], limit: int, used: set[int],
          position: dict[int, int], same: npt.NDArray[np.float64], shown: Sequence[Draft] = ()) -> list[Draft]:
    """The best-scored statements of these labels, one per article, none saying what a chosen one or any
    statement already ``shown`` (the developments, each citation of them) said, at :data:`SAID_ALREADY` odds:
    a development is not told again among the claims, nor one claim twice."""
    chosen: list[Draft] = []
    for c in pool:
        if len(chosen) >= limit:
            break
        if c.label not in labels or c.article_id in used:
            continue
        if any(same[position[id(c)], position[id(m)]] >= SAID_ALREADY for d in [*shown, *chosen] for m in d.members):
            continue
        chosen.append(Draft(c))
        used.add(c.article_id)
    return chosen


def _headline(since: datetime, n_articles: int, n_outlets: int, n_late: int, timezone: str,
              hint: str | None) -> str:
    when = format_moment(since, timezone)
    if n_articles == 0:
        text = f"Since {when}: nothing new"
    else:
        articles = "1 new article" if n_articles == 1 else f"{n_articles} new articles"
        outlets = "1 outlet" if n_outlets == 1 else f"{n_outlets} outlets"
        text = f"Since {when}: {articles} from {outlets}"
    if n_late:
        text += f" ({n_late} older {'article' if n_late == 1 else 'articles'} added late)"
    return f"{hint.strip()} — {text}" if hint and hint.strip() else text


def _passages(catalog: Catalog, articles: Sequence[Article]) -> list[Passage]:
    """Every chunk of every new article, scored by position (the lede first)."""
    bodies = catalog.bodies(a.id for a in articles)
    passages: list[Passage] = []
    for article in articles:
        body = bodies[article.id]
        for chunk in catalog.chunks(article.id):
            passages.append(Passage(article=article, chunk=chunk, text=body[chunk.start : chunk.end],
                                    score=1 / (1 + 0.5 * chunk.idx), dense=0.0, rank=len(passages)))
    return passages


def _repeats_title(candidate: Candidate, title_terms: Sequence[frozenset[str]]) -> bool:
    """A headline repeated in the body (its own or another new article's), whole or one of its parts
    ("Three days later, the government pulled the model."), is not a statement."""
    return any(jaccard(candidate.terms, t) >= 0.8 or (candidate.terms and candidate.terms <= t)
               for t in title_terms)
