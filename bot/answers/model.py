"""The answer every surface renders: statements, their labels and cues, sources, conflicts.

Discord and the terminal render the same :class:`Answer`; neither computes anything the other needs.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from bot.nlp.labels import LABELS, Label

__all__ = ["LABELS", "Answer", "Conflict", "Label", "Part", "Source", "Statement"]


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
    # further passages quoted from the same article: one article, one number
    more_quotes: list[str] = field(default_factory=list)

    @property
    def quotes(self) -> list[str]:
        return [self.quote, *self.more_quotes]


SPEAKER_NAMED_WITHIN = 120  # characters: a claim that names its speaker this early says who is speaking


def count_outlets(citations: Sequence[int], sources: Mapping[int, Source]) -> int:
    """How many outlets these cited source numbers are: two pages of one site are one voice."""
    return len({(sources[n].outlet or f"#{n}").lower() if n in sources else f"#{n}" for n in citations})


@dataclass(frozen=True)
class Statement:
    """One statement of an answer; every statement cites at least one source number."""

    text: str
    label: Label
    cues: list[str]
    citations: list[int]
    attributed_to: str | None = None

    @property
    def speaker(self) -> str | None:
        """Who a claim is attributed to, for a "Who: …" prefix; None when the statement's own words already
        name them: at its opening ("David Sacks argued…" needs no "David Sacks:" before it) or as its source
        ("…, according to sources familiar with the matter", "…, according to a relay of the Spectator Index's
        account"). Shown as a line's first words: "the Spectator Index" is "The Spectator Index"."""
        if self.label != "claim" or not self.attributed_to:
            return None
        who, text = self.attributed_to.lower(), self.text.lower()
        if who in text[:SPEAKER_NAMED_WITHIN] or re.search(rf"\baccording to\b[^.;]*?{re.escape(who)}", text):
            return None
        return self.attributed_to[:1].upper() + self.attributed_to[1:]


@dataclass(frozen=True)
class Conflict:
    """Sources that disagree on a date, number, name or outcome, each side cited."""

    summary: str
    citations: list[int]


@dataclass(frozen=True)
class Part:
    """One question of a message that asked several (or a follow-up read in its thread)."""

    question: str
    answered: bool
    reason: str | None = None


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
    # the sentence that best answers, shown first everywhere
    lead: str | None = None
    # for a message of several questions: each answered part's lead, in order (the first is ``lead``), all
    # shown first, so the opening lines answer every part and not only the first
    part_leads: list[str] = field(default_factory=list)
    # the question as read: casual writing normalised, and its parts resolved in the thread's context
    normalised: str | None = None
    parts: list[Part] = field(default_factory=list)
    # for a message of several questions: the parts the corpus does not answer, and what was looked for
    unanswered_note: str | None = None
    # what a declined question takes for granted that the reporting never states (a figure, a name, a ruling): a
    # later part of the message building on it ("…right? did mythos beat it") is declined with it
    not_found: list[str] = field(default_factory=list)

    def leads(self) -> list[str]:
        """What is shown first: each answered part's lead, or the one lead."""
        return self.part_leads or ([self.lead] if self.lead else [])

    def outlets(self, statement: Statement) -> int:
        """How many outlets a statement's sources are (its corroboration)."""
        return count_outlets(statement.citations, {s.n: s for s in self.sources})

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        for source in data["sources"]:
            source.pop("start", None)
            source.pop("end", None)
        return data
