"""A sentence that might answer, and a statement being built from one and its corroborating copies: what the
composer, the answer models and the briefs pass between them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.answers.retrieve import Passage
from bot.nlp.labels import Label

CONTEXT_CREDIT = 0.5


@dataclass
class Candidate:
    """One source sentence that might go into the answer."""

    passage: Passage
    idx: int
    start: int
    end: int
    text: str
    label: Label
    cues: tuple[str, ...]
    terms: frozenset[str]
    score: float = 0.0
    meaning: float = 0.0  # cosine between the question and this sentence (the embedding model)
    # Terms of the sentence before it and of the article's title: what "it", "the company" or "the
    # complaint" in this sentence refers to.
    context: frozenset[str] = frozenset()
    joined: int = 0  # sentences before ``idx`` quoted with it (a pronoun's antecedent: see quotable.with_antecedent)

    @property
    def article_id(self) -> int:
        return self.passage.article.id

    def coverage(self, weights: dict[str, float]) -> float:
        """Share of the question's term weight this sentence covers; a term found only in its context
        counts for part, so a sentence that answers by referring back ("The complaint argues…") is
        not outscored by one that merely repeats the question's words."""
        total = sum(weights.values()) or 1.0
        got = sum(
            w if t in self.terms else CONTEXT_CREDIT * w if t in self.context else 0.0 for t, w in weights.items()
        )
        return got / total

    @property
    def outlet(self) -> str:
        return self.passage.article.outlet or f"article {self.article_id}"


@dataclass
class Draft:
    """A statement being built: its main sentence plus corroborating copies from other outlets."""

    main: Candidate
    support: list[Candidate] = field(default_factory=list)

    @property
    def members(self) -> list[Candidate]:
        return [self.main, *self.support]
