"""What changed in a window: the window's statements judged against what the corpus already held, and
grouped into developments.

* **Background or news.** Each candidate sentence is compared, by meaning (the corpus's embedding model,
  sentence against sentence), with the reporting published before the window: Chroma finds the prior
  passages nearest to it, their sentences are embedded, and the closest one is its nearest prior
  statement. A sentence that says the same thing (similarity at least :data:`SAME_FACT`) and adds no name,
  date or figure the prior article lacks is background: already reported, it never leads.
* **Developments.** News sentences that report the same thing (similarity at least
  :data:`SAME_DEVELOPMENT`) are one development, whatever outlet wrote them; its importance is how many
  outlets in the window report it, events (reported facts, then attributed claims) before commentary.

Both thresholds were measured on the news-flow set's development windows (``tests/data/brief_flow.jsonl``,
see ``bench/brief_flow.py``), not guessed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import numpy.typing as npt

from bot.answers.compose import Candidate
from bot.corpus.catalog import Catalog
from bot.corpus.embeddings import DIMENSIONS
from bot.corpus.index import VectorIndex
from bot.nlp.values import extract_values

SAME_FACT = 0.78
SAME_DEVELOPMENT = 0.62
PRIOR_PASSAGES = 4
EVENT_LABELS = ("fact", "claim")

Vectors = npt.NDArray[np.float32]

# A capitalised word that is not the sentence's first: a name (a party, a place, a product).
_NAME = re.compile(r"(?<=[\s(\"“‘'])([A-Z][\w.&'’-]*[\w])")


@dataclass(frozen=True)
class PriorMatch:
    """The closest statement the corpus held before the window."""

    article_id: int
    similarity: float
    background: bool


@dataclass
class Development:
    """One thing that happened (or was said) in the window, with every outlet that reported it."""

    main: Candidate
    members: list[Candidate] = field(default_factory=list)
    vector: Vectors | None = None

    @property
    def outlets(self) -> set[str]:
        return {m.outlet for m in self.members}

    @property
    def importance(self) -> float:
        """The news model's score of its best sentence (which already weighs how many outlets report it)."""
        return max(m.score for m in self.members)


def specifics(text: str) -> set[str]:
    """Names, dates and figures a sentence states, normalised: what makes it say something new."""
    found = {m.group(1).lower().rstrip("'’s") for m in _NAME.finditer(" " + text)}
    found |= {f"{v.kind}:{v.value}" for v in extract_values(text, with_windows=False)}
    return found


def reports_only_before(text: str, day: date) -> bool:
    """True when the sentence names dates and all of them are before ``day`` (month and day; the story
    runs within one year)."""
    dates = [int(v.value) for v in extract_values(text, with_windows=False) if v.kind == "date"]
    return bool(dates) and max(dates) < day.month * 100 + day.day


class NoveltyJudge:
    """Compares a window's sentences with the reporting the corpus held before it (see module docstring)."""

    def __init__(self, catalog: Catalog, index: VectorIndex) -> None:
        self.catalog = catalog
        self.index = index
        self._prior_vectors: dict[tuple[int, int], Vectors] = {}
        self._specifics: dict[tuple[int, str], frozenset[str]] = {}

    def embed(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        return np.asarray(self.index.embeddings.embed_documents(list(texts)), dtype=np.float32)

    def judge(self, candidates: Sequence[Candidate], vectors: Vectors, prior_ids: Sequence[int],
              window_start: date | None = None) -> list[PriorMatch | None]:
        """For each candidate, its nearest prior statement (None when the corpus held nothing before).

        A sentence whose every date falls before ``window_start`` tells of past events: background
        whatever its wording."""
        if not candidates or not prior_ids:
            return [None] * len(candidates)
        chunk_lists = self.index.nearest_chunks([v.tolist() for v in vectors], PRIOR_PASSAGES, prior_ids)
        sentences = self._prior_sentences({c for chunks in chunk_lists for c in chunks})
        known = self.known_specifics(prior_ids)
        results: list[PriorMatch | None] = []
        for candidate, vector, chunks in zip(candidates, vectors, chunk_lists, strict=True):
            best: tuple[float, int] | None = None
            for chunk in chunks:
                for (article_id, _idx), prior in sentences.get(chunk, []):
                    similarity = float(prior @ vector)
                    if best is None or similarity > best[0]:
                        best = (similarity, article_id)
            if best is None:
                results.append(None)
                continue
            similarity, article_id = best
            past = window_start is not None and reports_only_before(candidate.text, window_start)
            background = past or (similarity >= SAME_FACT and specifics(candidate.text) <= known)
            results.append(PriorMatch(article_id, similarity, background))
        return results

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
                wanted[(article_id, chunk.idx)] = keys
        if texts:
            keys = list(texts)
            for key, vector in zip(keys, self.embed([texts[k] for k in keys]), strict=True):
                self._prior_vectors[key] = vector
        return {chunk: [(k, self._prior_vectors[k]) for k in keys] for chunk, keys in wanted.items()}


def group_developments(candidates: Sequence[Candidate], vectors: Vectors,
                       known: frozenset[str] = frozenset()) -> list[Development]:
    """Greedy grouping, most newsworthy first: a sentence joins the development whose main sentence says
    the same thing, or names the same party the corpus had never named before the window (every sentence
    about a new lawsuit by a new plaintiff is one development); else it starts its own. Returned most
    important first."""
    order = sorted(range(len(candidates)), key=lambda i: candidates[i].score, reverse=True)
    developments: list[Development] = []
    new_names: list[set[str]] = []
    for i in order:
        candidate, vector = candidates[i], vectors[i]
        names = {s for s in specifics(candidate.text) if ":" not in s} - known
        home = None
        if developments:
            mains = np.stack([d.vector for d in developments if d.vector is not None])
            similarities = mains @ vector
            j = int(np.argmax(similarities))
            if similarities[j] >= SAME_DEVELOPMENT:
                home = developments[j]
            else:
                home = next((d for d, n in zip(developments, new_names, strict=True) if n & names), None)
        if home is None:
            developments.append(Development(candidate, [candidate], vector))
            new_names.append(names)
        elif candidate.article_id not in {m.article_id for m in home.members}:
            home.members.append(candidate)
    developments.sort(key=lambda d: d.importance, reverse=True)
    return developments
