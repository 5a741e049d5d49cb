"""What changed in a window: the window's statements judged against what the corpus already held, and
grouped into developments.

* **Background or news.** Each candidate sentence is compared, by meaning (the corpus's embedding model,
  sentence against sentence), with the reporting published before the window: Chroma finds the prior
  passages nearest to it, their sentences are embedded, and the closest one is its nearest prior
  statement; how widely the earlier reporting said much the same is its spread. A sentence whose every
  date is before the window tells of past events (an opening dateline's date is when it was filed, not one it
  reports: :func:`reported_days`); otherwise the background model (:mod:`bot.briefs.news`,
  learned from the news flow's development windows: how close and how widespread the prior statements
  are, which names and figures are new) judges whether it recaps what was already reported; for a sentence
  it judges new, a second stage reads its echo (how much of its rarer words and figures one nearby prior
  sentence already stated: a recap reworded, or bundled with other context, is only moderately close by
  meaning). Background never leads.
* **Developments.** News sentences that report the same thing are one development, whatever outlet wrote
  them: the same-development model (:mod:`bot.briefs.news`, learned from the news flow's development
  windows) judges each pair by meaning and by the names and figures they share that the corpus had never
  stated before. Its importance is the news model's score of its best sentence, which weighs how many
  outlets in the window report it; events (reported facts, then attributed claims) before commentary.

No threshold here is set by hand: the models are fitted on the news-flow set's development windows
(``tests/data/brief_flow.jsonl``, ``python -m bot.briefs.fit_news``) and measured by ``bench/brief_flow.py``.
"""

from __future__ import annotations

import math
import re
from collections import Counter, OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import numpy.typing as npt

from bot.answers.candidate import Candidate
from bot.answers.retrieve import terms
from bot.corpus.catalog import Catalog
from bot.corpus.embeddings import DIMENSIONS
from bot.corpus.index import VectorIndex
from bot.nlp.calendar import DATELINE
from bot.nlp.terms import STOPWORDS
from bot.nlp.values import extract_values

PRIOR_PASSAGES = 8
SPREAD = 3  # how many prior articles the spread of a statement averages over
MAX_REMEMBERED_VECTORS = 100_000  # prior sentence vectors kept between briefs (about 150 MB)
EVENT_LABELS = ("fact", "claim")

Vectors = npt.NDArray[np.float32]

# A capitalised word that is not the sentence's first: a name (a party, a place, a product).
_NAME = re.compile(r"(?<=[\s(\"“‘'])([A-Z][\w.&'’-]*[\w])")


@dataclass(frozen=True)
class PriorMatch:
    """The closest statement the corpus held before the window."""

    article_id: int
    similarity: float
    spread: float = 0.0  # mean best similarity over the :data:`SPREAD` closest prior articles: a recap is
    #                      something many earlier articles said, a first report something none did
    echo: float = 0.0  # how much of what the sentence specifically states one prior sentence already stated
    #                    (:meth:`NoveltyJudge.echoes`): a recap reworded or bundled with other context is
    #                    only moderately close by meaning, yet repeats its names and figures


@dataclass
class Development:
    """One thing that happened (or was said) in the window, with every outlet that reported it."""

    main: Candidate
    members: list[Candidate] = field(default_factory=list)

    @property
    def outlets(self) -> set[str]:
        return {m.outlet for m in self.members}

    @property
    def importance(self) -> float:
        """The news model's score of its best sentence (which already weighs how many outlets report it)."""
        return max(m.score for m in self.members)


_POSSESSIVE = re.compile(r"['’]s?$")  # "Anthropic's" is Anthropic ("Business" keeps its s)


# A time of day with its half of the day and zone as written: "5:21 PM ET", "5:21 p.m.", "22:55 UTC".
_TIME_OF_DAY = re.compile(
    r"\b([01]?\d|2[0-3]):([0-5]\d)(?!\d)(?:\s*([ap])\.?\s?m\b\.?)?"
    r"(?:\s*(?:[ECMP][SD]?T|UTC|GMT|BST|CES?T|Eastern|Pacific)\b(?:\s+[Tt]ime\b)?)?",
    re.IGNORECASE)


def times_of_day(text: str) -> set[str]:
    """The times of day a sentence states, as ``time:HHMM`` (24-hour; the zone as written is dropped):
    telling again when something happened is telling the same thing, and "PM" or "ET" is no new name."""
    found = set()
    for m in _TIME_OF_DAY.finditer(text):
        hour, half = int(m.group(1)), (m.group(3) or "").lower()
        if half == "p" and hour < 12:
            hour += 12
        elif half == "a" and hour == 12:
            hour = 0
        found.add(f"time:{hour:02d}{m.group(2)}")
    return found


def specifics(text: str) -> set[str]:
    """Names, dates, times of day and figures a sentence states, normalised: what makes it say something
    new."""
    found = times_of_day(text)
    plain = _TIME_OF_DAY.sub(" ", text)  # a time's "PM" or "UTC" is not a name
    found |= {_POSSESSIVE.sub("", m.group(1).lower()) for m in _NAME.finditer(" " + plain)}
    found |= {f"{v.kind}:{v.value}" for v in extract_values(text, with_windows=False)}
    return found


def development_marks(text: str) -> set[str]:
    """What marks the development a sentence reports, for telling whether two sentences report the same one: its
    :func:`specifics`, less a word capitalised only for opening the sentence ("The"), and the versions of the
    models it names, however their maker's name is written ("GPT-5.6", "ChatGPT 5.6": ``version:5.6``). (Only for
    pairing: counted as something new, a version moved the background judgement the wrong way.)"""
    return ({s for s in specifics(text) if s not in STOPWORDS}
            | {f"version:{m.group(1)}" for m in _VERSION.finditer(text)})


# a dotted version after a name ("GPT-5.6", "Opus 4.8"), not a figure ("3.5 percent", "1.5 million")
_VERSION = re.compile(r"(?<=[A-Za-z])[ -]?(\d+\.\d+)\b(?!\.\d|\s*(?:%|percent|per|million|billion|trillion))")


_FIGURE = re.compile(r"\d+(?:[:.,]\d+)*")


def echo_terms(text: str) -> frozenset[str]:
    """What a sentence states, for comparing it with one earlier statement: its content words (stemmed, as
    retrieval reads them) and every number as written (a time of day such as "5:21" is no value
    :mod:`bot.nlp.values` reads, but telling it again is telling the same thing). Weighed by rarity in
    :meth:`NoveltyJudge.echoes`, so the story's everyday words count for little."""
    return frozenset(terms(text)) | frozenset(_FIGURE.findall(text))


def reported_days(text: str) -> list[int]:
    """The days a sentence names (month * 100 + day; the story runs within one year), but an opening dateline's:
    that is when the story was filed, not a day it reports."""
    text = DATELINE.sub(" ", text, count=1)  # a story filed the day before it ran still reports news
    return [int(v.value) for v in extract_values(text, with_windows=False) if v.kind == "date"]


def reports_only_before(text: str, day: date) -> bool:
    """True when the sentence names days and all of them are before ``day`` (see :func:`reported_days`)."""
    dates = reported_days(text)
    return bool(dates) and max(dates) < day.month * 100 + day.day


class NoveltyJudge:
    """Compares a window's sentences with the reporting the corpus held before it (see module docstring)."""

    def __init__(self, catalog: Catalog, index: VectorIndex) -> None:
        self.catalog = catalog
        self.index = index
        # prior sentences' vectors, most recently used last; bounded so a bot that runs for months over a
        # growing corpus does not keep every sentence it ever compared (1.5 KB each)
        self._prior_vectors: OrderedDict[tuple[int, int], Vectors] = OrderedDict()
        self._specifics: dict[tuple[int, str], frozenset[str]] = {}
        self._prior_terms: OrderedDict[tuple[int, int], frozenset[str]] = OrderedDict()
        # in how many prior articles each echo term appears, and which (article, version) were counted: counts,
        # not each article's terms, so a large corpus costs one number per word rather than a set per article
        self._df: Counter[str] = Counter()
        self._df_counted: set[tuple[int, str]] = set()

    def embed(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        return np.asarray(self.index.embeddings.embed_documents(list(texts)), dtype=np.float32)

    def judge(self, candidates: Sequence[Candidate], vectors: Vectors, prior_ids: Sequence[int]
              ) -> list[PriorMatch | None]:
        """For each candidate, its nearest prior statement (None when the corpus held nothing before)."""
        if not candidates or not prior_ids:
            return [None] * len(candidates)
        results: list[PriorMatch | None] = []
        per_articles, nearby = self._closest(vectors, prior_ids)
        echoes = self.echoes(candidates, nearby, prior_ids)
        for per_article, echo in zip(per_articles, echoes, strict=True):
            if not per_article:
                results.append(None)
                continue
            article_id = max(per_article, key=lambda a: per_article[a])
            similarity = per_article[article_id]
            closest = sorted(per_article.values(), reverse=True)[:SPREAD]
            spread = sum(closest) / SPREAD
            results.append(PriorMatch(article_id, similarity, spread, echo))
        return results

    def closest_prior(self, vectors: Vectors, prior_ids: Sequence[int]) -> list[dict[int, float]]:
        """For each vector, the best sentence similarity per prior article among its nearest passages."""
        return self._closest(vectors, prior_ids)[0]

    def _closest(self, vectors: Vectors, prior_ids: Sequence[int]
                 ) -> tuple[list[dict[int, float]], list[list[tuple[int, int]]]]:
        """:meth:`closest_prior`, and for each vector the prior sentences of its nearest passages."""
        if not len(vectors) or not prior_ids:
            return [{} for _ in vectors], [[] for _ in vectors]
        chunk_lists = self.index.nearest_chunks([v.tolist() for v in vectors], PRIOR_PASSAGES, prior_ids)
        sentences = self._prior_sentences({c for chunks in chunk_lists for c in chunks})
        out: list[dict[int, float]] = []
        nearby: list[list[tuple[int, int]]] = []
        for vector, chunks in zip(vectors, chunk_lists, strict=True):
            per_article: dict[int, float] = {}
            keys: list[tuple[int, int]] = []
            for chunk in chunks:
                for key, prior in sentences.get(chunk, []):
                    keys.append(key)
                    similarity = float(prior @ vector)
                    if similarity > per_article.get(key[0], -1.0):
                        per_article[key[0]] = similarity
            out.append(per_article)
            nearby.append(keys)
        return out, nearby

    def echoes(self, candidates: Sequence[Candidate], nearby: Sequence[Sequence[tuple[int, int]]],
               prior_ids: Sequence[int]) -> list[float]:
        """For each candidate, the largest share of what it specifically states (:func:`echo_terms`) that one
        of its ``nearby`` prior sentences also states, each term weighed by how rare it was in the prior
        reporting (a name every article gives says little; one first reported by one article says much; one
        never reported weighs most and is not echoed)."""
        df, n = self._prior_document_frequencies(prior_ids)
        stated = self._stated({key for keys in nearby for key in keys})
        out = []
        for candidate, keys in zip(candidates, nearby, strict=True):
            weights = {t: math.log((n + 1) / (df.get(t, 0) + 1)) for t in echo_terms(candidate.text)}
            total = sum(weights.values())
            best = 0.0
            for key in keys:
                prior = stated.get(key, frozenset())
                best = max(best, sum(w for t, w in weights.items() if t in prior))
            out.append(best / total if total > 0 else 0.0)
        return out

    def _stated(self, keys: set[tuple[int, int]]) -> dict[tuple[int, int], frozenset[str]]:
        """What each of these prior sentences states (:func:`echo_terms`): remembered, or read again when the
        bound on what is remembered let it go (a brief reading more prior sentences than the bound)."""
        found = {k: self._prior_terms[k] for k in keys if k in self._prior_terms}
        by_article: dict[int, set[int]] = {}
        for article_id, idx in keys - found.keys():
            by_article.setdefault(article_id, set()).add(idx)
        bodies = self.catalog.bodies(by_article)
        for article_id, wanted in by_article.items():
            body = bodies.get(article_id, "")
            for row in self.catalog.sentences(article_id):
                if row.idx in wanted:
                    found[(article_id, row.idx)] = echo_terms(body[row.start : row.end])
        return found

    def _prior_document_frequencies(self, prior_ids: Sequence[int]) -> tuple[Counter[str], int]:
        """How many of the prior articles state each echo term, and how many prior articles there are. Kept
        from brief to brief and only the articles new to the prior reporting are read; counted afresh when
        one has left it (removed, corrected, or a brief of an earlier window)."""
        articles = self.catalog.get_many(prior_ids)
        keys = {(a.id, a.content_hash) for a in articles.values()}
        if not self._df_counted <= keys:
            self._df, self._df_counted = Counter(), set()
        new = [a for a in articles.values() if (a.id, a.content_hash) not in self._df_counted]
        bodies = self.catalog.bodies(a.id for a in new)
        for article in new:
            self._df.update(echo_terms(bodies.get(article.id, "")))
            self._df_counted.add((article.id, article.content_hash))
        return self._df, len(articles)

    def known_specifics(self, article_ids: Sequence[int]) -> set[str]:
        """Every name, date and figure the given articles state (per article version, computed once)."""
        articles = self.catalog.get_many(article_ids)
        missing = [a for a in articles.values() if (a.id, a.content_hash) not in self._specifics]
        bodies = self.catalog.bodies(a.id for a in missing)
        for article in missing:
            self._specifics[(article.id, article.content_hash)] = frozenset(specifics(bodies.get(article.id, "")))
        known: set[str] = set()
        for article in articles.values():
            known |= self._specifics[(article.id, article.content_hash)]
        return known

    def _prior_sentences(
        self, chunks: set[tuple[int, int]]
    ) -> dict[tuple[int, int], list[tuple[tuple[int, int], Vectors]]]:
        """The sentences of the given prior chunks with their vectors (embedded once per process)."""
        by_article: dict[int, set[int]] = {}
        for article_id, chunk_idx in chunks:
            by_article.setdefault(article_id, set()).add(chunk_idx)
        bodies = self.catalog.bodies(by_article)
        wanted: dict[tuple[int, int], list[tuple[int, int]]] = {}
        texts: dict[tuple[int, int], str] = {}
        for article_id, chunk_ids in by_article.items():
            rows = self.catalog.sentences(article_id)
            for chunk in self.catalog.chunks(article_id):
                if chunk.idx not in chunk_ids:
                    continue
                keys = []
                for row in rows[chunk.first_sentence : chunk.last_sentence + 1]:
                    key = (article_id, row.idx)
                    keys.append(key)
                    if key not in self._prior_vectors:
                        texts[key] = bodies[article_id][row.start : row.end]
                    if key not in self._prior_terms:  # what each prior sentence states (for echoes)
                        self._prior_terms[key] = echo_terms(bodies[article_id][row.start : row.end])
                    self._prior_terms.move_to_end(key)
                wanted[(article_id, chunk.idx)] = keys
        while len(self._prior_terms) > MAX_REMEMBERED_VECTORS:
            self._prior_terms.popitem(last=False)
        found = {k: self._prior_vectors[k] for keys in wanted.values() for k in keys if k in self._prior_vectors}
        if texts:
            keys = list(texts)
            found.update(zip(keys, self.embed([texts[k] for k in keys]), strict=True))
        for key, vector in found.items():  # remembered, most recent last, within the bound
            self._prior_vectors[key] = vector
            self._prior_vectors.move_to_end(key)
        while len(self._prior_vectors) > MAX_REMEMBERED_VECTORS:
            self._prior_vectors.popitem(last=False)
        return {chunk: [(k, found[k]) for k in keys] for chunk, keys in wanted.items()}


def group_developments(candidates: Sequence[Candidate], same: npt.NDArray[np.float64]) -> list[Development]:
    """Greedy grouping, most newsworthy first: a sentence joins the development whose lead statement it
    most likely reports the same thing as (``same[i, j]``, the learned same-development probability, at
    least one half), else it starts its own. (Comparing with the lead only, not with every member, keeps
    one development from drifting into the next: measured on the development windows.) A development
    keeps one sentence per article; a second one from the same article is absorbed (it is not shown
    again). Returned most important first."""
    order = sorted(range(len(candidates)), key=lambda i: candidates[i].score, reverse=True)
    developments: list[Development] = []
    leads: list[int] = []
    for i in order:
        candidate = candidates[i]
        best, home = 0.5, None
        for d, lead in enumerate(leads):
            p = float(same[i, lead])
            if p >= best:
                best, home = p, d
        if home is None:
            developments.append(Development(candidate, [candidate]))
            leads.append(i)
            continue
        development = developments[home]
        if candidate.article_id not in {m.article_id for m in development.members}:
            development.members.append(candidate)
    developments.sort(key=lambda d: d.importance, reverse=True)
    return developments


# two developments led by one article's sentences this close in meaning are that article telling one thing twice
# ("A legal tech firm has sued the US government…", "A legal tech company is challenging US restrictions…"). Over
# the development windows' ten best developments, the one such pair sat at 0.69; pairs of one article's sentences
# telling two things, at most 0.57
SAME_ARTICLE_SUBJECT = 0.6


def distinct_developments(developments: Sequence[Development], candidates: Sequence[Candidate],
                          vectors: Vectors) -> list[Development]:
    """The developments (most important first), less any whose lead sentence says again what an article behind a
    more important one (leading it or backing it) already said there: a brief of five does not spend two lines on one
    article's one story.
    ``vectors`` are the ``candidates``' unit vectors, row for row."""
    position = {id(c): i for i, c in enumerate(candidates)}
    kept: list[Development] = []
    for d in developments:
        lead = vectors[position[id(d.main)]]
        articles = {m.article_id for m in d.members}
        if any(m.article_id in articles and id(m) in position
               and float(lead @ vectors[position[id(m)]]) >= SAME_ARTICLE_SUBJECT for k in kept for m in k.members):
            continue
        kept.append(d)
    return kept
