"""The answer every surface renders: statements, their labels and cues, sources, conflicts.

Discord and the terminal render the same :class:`Answer`; neither computes anything the other needs.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from bot.nlp.labels import LABELS, Label

__all__ = ["LABELS", "Answer", "Conflict", "Label", "Source", "Statement"]


@dataclass(frozen=True)
class Source:
    """A numbered citation: the article and the exact passage quoted from it."""

    n: int
    article_id: int
    title: str
    outlet: str | None
    url: str | None
    published: str | None
    quote: str
    start: int
    end: int


@dataclass(frozen=True)
class Statement:
    """One statement of an answer; every statement cites at least one source number."""

    text: str
    label: Label
    cues: list[str]
    citations: list[int]
    attributed_to: str | None = None

    @property
    def corroboration(self) -> int:
        return len(self.citations)


@dataclass(frozen=True)
class Conflict:
    """Sources that disagree on a date, number, name or outcome, each side cited."""

    summary: str
    citations: list[int]


@dataclass
class Answer:
    question: str
    abstained: bool
    statements: list[Statement] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    elapsed_ms: float = 0.0
    abstain_reason: str | None = None
    composer: str = "extractive"

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        for source in data["sources"]:
            source.pop("start", None)
            source.pop("end", None)
        return data
