"""The sentence ranker: fitted from features, stored as a small versioned file, read back."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from pathlib import Path

from bot.answers.ranker import PARAMETERS, SentenceFeatures, fit_ranker, load_ranker

PLAIN = SentenceFeatures(coverage=0.5, focus_coverage=0.5, meaning=0.5, pooled_meaning=0.5, passage_score=0.8,
                         passage_dense=0.5, type_fit=0.0, type_miss=0.0, type_near=0.0, claim=0.0, speculation=0.0,
                         opinion=0.0, dangling=0.0, unpunctuated=0.0, outside_chunk=0.0, lead_position=0.1,
                         freshness=0.0, length=4.5)


def test_a_fitted_ranker_puts_answering_sentences_first_and_round_trips(tmp_path: Path) -> None:
    rng = random.Random(5)
    rows = []
    for _ in range(300):
        answers = rng.random() < 0.2
        rows.append((replace(PLAIN, meaning=(0.7 if answers else 0.4) + rng.uniform(-0.1, 0.1),
                             coverage=rng.uniform(0.2, 0.9)), answers))
    ranker = fit_ranker(rows)
    assert ranker.score(replace(PLAIN, meaning=0.75)) > ranker.score(replace(PLAIN, meaning=0.35))
    path = tmp_path / "ranker.json"
    path.write_text(json.dumps(ranker.to_json()))
    again = load_ranker(path)
    assert again is not None and again.score(PLAIN) == ranker.score(PLAIN)
    assert load_ranker(tmp_path / "missing.json") is None


def test_the_shipped_ranker_prefers_sentences_close_in_meaning_that_hold_what_is_asked() -> None:
    ranker = load_ranker(PARAMETERS)
    assert ranker is not None and ranker.names == SentenceFeatures.names()
    asked = replace(PLAIN, type_fit=1.0, meaning=0.7, coverage=0.7)
    unrelated = replace(PLAIN, type_miss=1.0, meaning=0.3, coverage=0.2)
    assert ranker.score(asked) > ranker.score(PLAIN) > ranker.score(unrelated)


def test_the_shipped_ranker_weighs_a_sentence_around_its_passage_below_one_inside_it() -> None:
    """The best passages are read with the sentences around them (compose.AROUND_SENTENCES); one of those, alike
    in all else, ranks below a sentence of the passage itself: the passage is what retrieval found."""
    ranker = load_ranker(PARAMETERS)
    assert ranker is not None
    assert ranker.score(replace(PLAIN, outside_chunk=1.0)) < ranker.score(PLAIN)
