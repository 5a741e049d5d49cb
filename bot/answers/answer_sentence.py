"""Whether one sentence answers a question: a small fitted model whose best probability over a question's
candidate sentences is one answerability signal (``Signals.answer_sentence``).

The ranker orders sentences within a question; this model asks a question-level thing of each: does it state
what is asked ("what fine did the EU impose?" needs a sentence about a fine, not one about the EU). It reads
the ranker's score and a few measures of what the sentence states in its own words: the question's own
(non-story) terms it covers and the rarest one it misses, its names, the numbers and dates the question
gives, and whether a value of the kind asked for sits near one of the question's own terms. Fitted on the
development questions (``python -m bot.answers.answer_sentence QUESTIONS``): a sentence stating one of an
answerable question's key facts is positive; every other candidate is negative, among them every candidate
of a question the reporting does not answer. The parameters live in ``answer_sentence.json`` beside this
module, versioned like the others.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.logistic import LinearScorer, SignalRow, load_or_warn
from bot.nlp.terms import terms

if TYPE_CHECKING:
    from bot.answers.service import AnswerService

PARAMETERS = Path(__file__).with_name("answer_sentence.json")
_WORD = re.compile(r"[\w$][\w.'’-]*")


@dataclass(frozen=True)
class AnswerFeatures(SignalRow):
    ranker_score: float  # the ranker's probability that the sentence states a key fact
    pooled_meaning: float  # cosine to the question by the sentence's vector stored at ingest
    coverage: float  # share of the question's term weight covered (context counting for part)
    focus_coverage: float  # the same for the question's own (non-story) terms
    focus_stated: float  # share of the question's own term weight in the sentence itself (not its context)
    focus_missing: float  # how many of the question's own terms neither it nor its context says
    rarest_missing: float  # the highest weight of those, over the question's highest
    type_fit: float  # holds the kind of value asked for
    type_miss: float  # the question asks for a kind of value and the sentence holds none
    value_near_focus: float  # 1 / (1 + words between a value of the kind asked and one of the question's own terms)
    names_covered: float  # share of the question's names the sentence (or its context) speaks of
    specifics_stated: float  # share of the question's numbers, dates and versions the sentence states
    passage_dense: float  # its passage's cosine to the question


@dataclass(frozen=True)
class AnswerSentenceModel(LinearScorer):
    ROW = AnswerFeatures
    VERSION = 1
    REFIT = "python -m bot.answers.answer_sentence"


@cache
def load_answer_model(path: Path = PARAMETERS) -> AnswerSentenceModel | None:
    return AnswerSentenceModel.load(path)


def stored_answer_model() -> AnswerSentenceModel | None:
    """The shipped model; None (with a logged warning) when fitted for other features."""
    return load_or_warn(load_answer_model)


def fit_answer_model(rows: Sequence[tuple[AnswerFeatures, bool]]) -> AnswerSentenceModel:
    return AnswerSentenceModel.fit(rows, c=0.5, class_weight="balanced")


def value_near(text: str, targets: frozenset[str], holds: re.Pattern[str] | None) -> float:
    """How close a value ``holds`` finds in ``text`` sits to a word of ``targets`` (stemmed terms): 1 when
    adjacent, falling with the words between; 0 when either is absent. Asked "how many pages", "300 pages"
    states it and "300 firms … the letter's pages" hardly."""
    if holds is None or not targets:
        return 0.0
    starts: list[int] = []
    at: list[int] = []
    for i, match in enumerate(_WORD.finditer(text)):
        starts.append(match.start())
        if targets.intersection(terms(match.group())):
            at.append(i)
    if not at:
        return 0.0
    values = [max(sum(1 for s in starts if s <= m.start()) - 1, 0) for m in holds.finditer(text)]
    if not values:
        return 0.0
    return 1.0 / (1 + min(abs(a - b) for a in at for b in values))


def weakest_focus_gain(full: Sequence[float], without: Sequence[Sequence[float]]) -> float:
    """Of the question's own terms, the one the best sentences respond to least: for each term, how much the
    best sentence's cosine to the question falls when the words carrying it are left out of the question
    (``full``: each sentence's cosine to the question; ``without``: per term, each sentence's cosine to the
    question without it); the smallest such fall (0 without own terms). Asked "why did Sacks resign",
    sentences about Sacks barely move when "resign" is left out: nothing there is about resigning."""
    if not without or not full:
        return 0.0
    return min(max(f - w for f, w in zip(full, cosines, strict=True)) for cosines in without)


def main(argv: Sequence[str] | None = None) -> int:
    """Fit on the development part's single-part questions against a built corpus; write the parameters."""
    from bot.answers.fitting import run_fit

    run_fit(argv, main.__doc__, PARAMETERS, _rows_of, fit_answer_model, "sentences")
    return 0


def _rows_of(service: AnswerService, q: dict[str, Any]) -> list[tuple[AnswerFeatures, bool]]:
    """Each candidate of a single-part question, positive when it states a key fact; every candidate of a
    question that must be declined is negative."""
    from bot.answers.evaluate import key_facts_stated
    from bot.answers.fitting import single_part

    if not (q.get("must_abstain") or q.get("key_facts")) or (found := single_part(service, q)) is None:
        return []
    composer, part, passages = found
    read = composer.read(part, passages) if passages else None
    if read is None:
        return []
    return [(features, not q.get("must_abstain") and key_facts_stated(c.text, q["key_facts"]) > 0)
            for features, c in zip(read.answer_rows, read.candidates, strict=True)]


if __name__ == "__main__":
    raise SystemExit(main())
