"""Which sentence answers a question: a small learned ranker over measured features.

Each candidate sentence is described by a few features (coverage of the question's terms and of its
own non-story terms, cosine to the question under the embedding model, how its passage ranked, whether it
holds the kind of answer asked for, its label, whether it opens with a pronoun pointing elsewhere or
lacks a full stop, where it sits in its article, how new its article is for a current-state question).
A logistic regression fitted on the development questions (a sentence is positive when it states one of
the question's key facts) weighs them; its probability is the sentence's score. The parameters live in
``ranker.json`` beside this module; ``python -m bot.answers.ranker QUESTIONS`` refits them against a
built corpus. Without that file the hand-weighted score is used.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.logistic import LinearScorer, SignalRow, load_or_warn

if TYPE_CHECKING:
    from bot.answers.service import AnswerService

PARAMETERS = Path(__file__).with_name("ranker.json")


@dataclass(frozen=True)
class SentenceFeatures(SignalRow):
    coverage: float
    focus_coverage: float
    meaning: float
    pooled_meaning: float  # cosine to the question by the sentence's vector pooled from its chunk at ingest
    passage_score: float  # the passage's fused score relative to the best passage
    passage_dense: float
    type_fit: float  # holds the kind of answer asked for
    type_miss: float  # the question asks for a kind of answer and this sentence does not hold one
    type_near: float  # holds one the question does not give, within a few words of the question's own terms
    claim: float
    speculation: float
    opinion: float
    dangling: float  # opens with "They/This/It…"
    unpunctuated: float  # no full stop: a headline, caption or list item
    outside_chunk: float  # 1 for a sentence around its passage's chunk, not in it (see compose.AROUND_SENTENCES)
    lead_position: float  # 1 for an article's first sentence, falling with position
    freshness: float  # how new the article is, for a current-state question (else 0)
    length: float  # log of the sentence's length in characters


@dataclass(frozen=True)
class Ranker(LinearScorer):
    ROW = SentenceFeatures
    VERSION = 3  # of the file format and features; a file of another version must be refitted
    REFIT = "python -m bot.answers.ranker"


@cache
def load_ranker(path: Path = PARAMETERS) -> Ranker | None:
    return Ranker.load(path)


def stored_ranker() -> Ranker | None:
    """The shipped model; when it was fitted for other features, a logged warning and None (the caller's
    unfitted score; refit with ``python -m bot.answers.ranker``)."""
    return load_or_warn(load_ranker)


def fit_ranker(rows: Sequence[tuple[SentenceFeatures, bool]]) -> Ranker:
    return Ranker.fit(rows, c=0.5, class_weight="balanced")


def main(argv: Sequence[str] | None = None) -> int:
    """Fit on the development part's answerable questions against a built corpus; write the parameters."""
    from bot.answers.fitting import run_fit

    run_fit(argv, main.__doc__, PARAMETERS, _rows_of, fit_ranker, "sentences")
    return 0


def _rows_of(service: AnswerService, q: dict[str, Any]) -> list[tuple[SentenceFeatures, bool]]:
    """Each candidate sentence of a single-part answerable question, positive when it states a key fact."""
    from bot.answers.evaluate import key_facts_stated
    from bot.answers.fitting import single_part

    if q.get("must_abstain") or not q.get("key_facts") or (found := single_part(service, q)) is None:
        return []
    composer, part, passages = found
    composer.ranker = None  # features are what is fitted; the order of candidates does not matter
    return [(features, key_facts_stated(text, q["key_facts"]) > 0)
            for features, text in composer.sentence_features(part, passages)]


if __name__ == "__main__":
    raise SystemExit(main())
