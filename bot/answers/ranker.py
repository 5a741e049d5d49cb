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

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from bot.logistic import LinearScorer, SignalRow, load_or_warn

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
    lead_position: float  # 1 for an article's first sentence, falling with position
    freshness: float  # how new the article is, for a current-state question (else 0)
    length: float  # log of the sentence's length in characters


@dataclass(frozen=True)
class Ranker(LinearScorer):
    ROW = SentenceFeatures
    VERSION = 2  # of the file format and features; a file of another version must be refitted
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
    import argparse

    from bot.answers.compose import ExtractiveComposer
    from bot.answers.evaluate import key_facts_stated, load_questions
    from bot.answers.service import AnswerService
    from bot.corpus.ingest import CorpusService
    from bot.settings import Settings

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("questions", type=Path)
    parser.add_argument("--split", default="dev")
    parser.add_argument("--out", type=Path, default=PARAMETERS)
    args = parser.parse_args(argv)
    settings = Settings()
    service = AnswerService(settings, CorpusService.open(settings))
    rows: list[tuple[SentenceFeatures, bool]] = []
    try:
        composer = service.composer
        assert isinstance(composer, ExtractiveComposer)
        composer.ranker = None  # features are what is fitted; the order of candidates does not matter
        for q in load_questions(args.questions):
            if q.get("split", "dev") != args.split or q.get("must_abstain") or not q.get("key_facts"):
                continue
            reading = service.read(q["question"], q.get("context") or [])
            if len(reading.parts) != 1:
                continue
            part = reading.parts[0]
            passages = service.retriever.retrieve(part, k=composer.statement_passages)
            for features, text in composer.sentence_features(part, passages):
                rows.append((features, key_facts_stated(text, q["key_facts"]) > 0))
    finally:
        service.close()
        service.corpus.close()
    ranker = fit_ranker(rows)
    args.out.write_text(json.dumps(ranker.to_json(), indent=2) + "\n", encoding="utf-8")
    print(f"fitted on {len(rows)} sentences ({sum(ok for _, ok in rows)} stating a key fact)")
    for name, coef in zip(ranker.names, ranker.coef, strict=True):
        print(f"  {name:>16}: {coef:+.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
