"""The brief composer: what the corpus gained in a time window, as a cited, labelled :class:`Answer`.

There is no question to score against, so sentences are scored for *salience*:

* corroboration — how many other new articles carry a near-identical sentence (the strongest signal
  that something is news rather than one outlet's colour);
* label — reported facts first, then claims, then speculation and opinion (each kept in its own section);
* concreteness — dates, numbers and proper names;
* position — the lede of an article says what it is about; and a sane length.

Statements are then picked per label with the answer composer's own building blocks
(:func:`select_statements` merges copies from other outlets into one cited statement, :func:`fact_conflicts`
reports the disagreements of the stored fact groups, :func:`assemble` numbers the sources), so briefs and
answers render identically.
The headline is a fixed template filled with counts from the catalog; nothing is written that the corpus
does not say.
"""

from __future__ import annotations

import re
import time
from collections import Counter, defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.answers.compose import (
    Candidate,
    Draft,
    assemble,
    fact_conflicts,
    jaccard,
    select_statements,
    sentence_candidates,
)
from bot.answers.model import Answer
from bot.answers.retrieve import Passage, terms
from bot.corpus.catalog import Catalog
from bot.corpus.models import Article

NEAR_IDENTICAL = 0.5
PARAPHRASE = 0.45
LIMITS = {"fact": 6, "claim": 3, "speculation": 2, "opinion": 2}
LABEL_WEIGHT = {"fact": 1.0, "claim": 0.8, "speculation": 0.6, "opinion": 0.55}
MAX_PER_ARTICLE = 2
MIN_RELATIVE = 0.25
CONFLICT_POOL = 150

_NUMBER = re.compile(r"\b\d[\d,.]*\b")
_DATEISH = re.compile(r"\b(January|February|March|April|May|June|July|August|September|October|November|"
                      r"December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_WIDGET = re.compile(r"\b(is trending|trending now|related articles?|most read|photo:|image:)", re.I)
_NAME = re.compile(r"(?<=\s)[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*")


@dataclass
class Brief:
    """A brief: the answer-shaped content plus the window and the articles it covers."""

    answer: Answer
    since: datetime
    until: datetime
    article_ids: list[int] = field(default_factory=list)
    article_keys: list[str] = field(default_factory=list)
    outlets: int = 0
    articles: list[Article] = field(default_factory=list)

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
        return data


def article_key(article: Article) -> str:
    """One version of one article: a changed article is news again, an unchanged one is not."""
    return f"{article.id}:{article.content_hash[:12]}"


def format_moment(moment: datetime, timezone: str = "UTC") -> str:
    local = moment.astimezone(ZoneInfo(timezone))
    return f"{local.day} {local:%b %H:%M} {'UTC' if timezone == 'UTC' else local.tzname() or timezone}"


def new_articles(catalog: Catalog, since: datetime, until: datetime,
                 exclude_keys: Collection[str] = ()) -> list[Article]:
    """Indexed originals (not syndicated copies) added or changed in (since, until]."""
    return [a for a in catalog.articles_added_since(since, until)
            if a.duplicate_of is None and article_key(a) not in exclude_keys]


def compose_brief(catalog: Catalog, since: datetime, until: datetime, headline_hint: str | None = None,
                  *, timezone: str = "UTC", exclude_keys: Collection[str] = (),
                  query_since: datetime | None = None) -> Brief:
    """The brief for articles added in (``since``, ``until``].

    ``query_since`` (earlier than ``since``) widens the catalog query and ``exclude_keys`` drops article
    versions an earlier brief already covered: together they catch articles whose ``updated_at`` fell
    just before a previous window's end but which were only indexed after it.
    """
    started = time.perf_counter()
    articles = new_articles(catalog, query_since or since, until, exclude_keys)
    outlets = {(a.outlet or f"article {a.id}").lower() for a in articles}
    headline = _headline(since, len(articles), len(outlets), timezone, headline_hint)
    if not articles:
        answer = Answer(question=headline, abstained=False)
        return Brief(answer, since, until)
    passages = _passages(catalog, articles)
    title_terms = [frozenset(terms(a.title)) for a in articles]
    candidates = [c for c in sentence_candidates(catalog, passages) if usable_for_brief(c, title_terms)]
    score_salience(candidates)
    candidates.sort(key=lambda c: c.score, reverse=True)
    drafts = pick_statements(candidates)
    best = candidates[0].score if candidates else 0.0
    pool = [c for c in candidates if c.score >= best * MIN_RELATIVE][:CONFLICT_POOL]
    # only disagreements from fact groups: one event's values, never two different events set side by side
    answer = assemble(headline, drafts, fact_conflicts(catalog, pool, article_ids=[a.id for a in articles]))
    answer.elapsed_ms = round((time.perf_counter() - started) * 1000, 1)
    return Brief(answer, since, until, [a.id for a in articles], [article_key(a) for a in articles],
                 len(outlets), articles)


def _headline(since: datetime, n_articles: int, n_outlets: int, timezone: str, hint: str | None) -> str:
    when = format_moment(since, timezone)
    if n_articles == 0:
        text = f"Since {when}: nothing new"
    else:
        articles = "1 new article" if n_articles == 1 else f"{n_articles} new articles"
        outlets = "1 outlet" if n_outlets == 1 else f"{n_outlets} outlets"
        text = f"Since {when}: {articles} from {outlets}"
    return f"{hint.strip()} — {text}" if hint and hint.strip() else text


def _passages(catalog: Catalog, articles: Sequence[Article]) -> list[Passage]:
    """Every chunk of every new article, scored by position (the lede first) and recency."""
    bodies = catalog.bodies(a.id for a in articles)
    dated = [a.published for a in articles if a.published]
    newest = max(dated) if dated else None
    passages: list[Passage] = []
    for article in articles:
        body = bodies[article.id]
        fresh = 1.0
        if newest and article.published:
            fresh = 1.0 / (1.0 + max(0, (newest - article.published).days) / 7)
        for chunk in catalog.chunks(article.id):
            passages.append(Passage(article=article, chunk=chunk, text=body[chunk.start : chunk.end],
                                    score=fresh / (1 + 0.5 * chunk.idx), dense=0.0, rank=len(passages)))
    return passages


def score_salience(candidates: Sequence[Candidate]) -> None:
    """Set each candidate's ``score`` (see the module docstring)."""
    by_term: dict[str, list[int]] = defaultdict(list)
    for i, c in enumerate(candidates):
        for term in c.terms:
            by_term[term].append(i)
    position: dict[int, int] = Counter()
    for c in candidates:
        position[c.article_id] = max(position[c.article_id], c.idx + 1)
    for i, c in enumerate(candidates):
        shared: Counter[int] = Counter()
        for term in c.terms:
            postings = by_term[term]
            if len(postings) > 200:  # too common to say anything about sameness
                continue
            shared.update(postings)
        others = {candidates[j].article_id for j, n in shared.items()
                  if j != i and candidates[j].article_id != c.article_id
                  and n >= NEAR_IDENTICAL * max(len(c.terms), 1) * 0.5
                  and jaccard(c.terms, candidates[j].terms) >= NEAR_IDENTICAL}
        corroboration = min(len(others), 4)
        concrete = 0.0
        if _NUMBER.search(c.text):
            concrete += 0.1
        if _DATEISH.search(c.text):
            concrete += 0.1
        if _NAME.search(" " + c.text):
            concrete += 0.1
        lede = 1.0 - min(c.idx / max(position[c.article_id], 1), 1.0)
        length = len(c.text)
        size = 1.0 if 60 <= length <= 320 else 0.7
        base = 0.35 + 0.3 * corroboration + concrete + 0.3 * lede + 0.2 * c.passage.score
        c.score = base * LABEL_WEIGHT.get(c.label, 0.5) * size


def pick_statements(candidates: Sequence[Candidate]) -> list[Draft]:
    """The best statements of each label, at most two led by the same article, copies merged."""
    drafts: list[Draft] = []
    used_articles: Counter[int] = Counter()
    best = candidates[0].score if candidates else 0.0
    for label, limit in LIMITS.items():
        pool = [c for c in candidates if c.label == label]
        for draft in select_statements(pool, best * MIN_RELATIVE, limit * 4):
            if _merge_into(drafts, draft):
                continue
            if used_articles[draft.main.article_id] >= MAX_PER_ARTICLE:
                continue
            drafts.append(draft)
            used_articles[draft.main.article_id] += 1
            if sum(1 for d in drafts if d.main.label == label) >= limit:
                break
    return drafts


def _merge_into(drafts: list[Draft], draft: Draft) -> bool:
    """Fold a paraphrase of an already chosen statement into it (as corroboration from other outlets)."""
    for chosen in drafts:
        if jaccard(chosen.main.terms, draft.main.terms) < PARAPHRASE:
            continue
        outlets = {m.outlet for m in chosen.members}
        for member in draft.members:
            if member.outlet not in outlets:
                chosen.support.append(member)
                outlets.add(member.outlet)
        return True
    return False


def usable_for_brief(candidate: Candidate, title_terms: Sequence[frozenset[str]]) -> bool:
    """Not a headline repeated in the body, not a "trending" widget line."""
    if _WIDGET.search(candidate.text):
        return False
    return not any(jaccard(candidate.terms, t) >= 0.8 for t in title_terms)


def utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)
