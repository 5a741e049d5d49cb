"""Fusing the dense and lexical rankings: the learned model, its stored parameters, and the pool it scores."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from pathlib import Path

import pytest

from bot.answers.fusion import PARAMETERS, ChunkFeatures, fit_fusion, load_fusion
from bot.answers.retrieve import RRF_K, _reciprocal_rank
from bot.answers.service import AnswerService

PLAIN = ChunkFeatures(dense=0.4, dense_rank=0.05, lexical=0.5, lexical_rank=0.05, sentence_best=0.4,
                      sentence_mean=0.3, states_asked=0.0)


def test_a_fitted_fusion_prefers_chunks_whose_sentences_are_close_and_round_trips(tmp_path: Path) -> None:
    rng = random.Random(7)
    rows = []
    for _ in range(400):
        answers = rng.random() < 0.15
        best = (0.65 if answers else 0.4) + rng.uniform(-0.1, 0.1)
        rows.append((replace(PLAIN, sentence_best=best, lexical=rng.uniform(0.1, 1.0)), answers))
    fusion = fit_fusion(rows)
    assert fusion.score(replace(PLAIN, sentence_best=0.7)) > fusion.score(replace(PLAIN, sentence_best=0.35))
    path = tmp_path / "fusion.json"
    path.write_text(json.dumps(fusion.to_json()))
    again = load_fusion(path)
    assert again is not None and again.score(PLAIN) == fusion.score(PLAIN)
    assert load_fusion(tmp_path / "missing.json") is None
    other = tmp_path / "other.json"
    other.write_text(json.dumps({**fusion.to_json(), "names": ["dense"]}))
    with pytest.raises(ValueError, match="refit"):
        load_fusion(other)


def test_the_shipped_fusion_rewards_lexical_and_sentence_evidence() -> None:
    fusion = load_fusion(PARAMETERS)
    assert fusion is not None and fusion.names == ChunkFeatures.names()
    strong = replace(PLAIN, lexical=1.0, lexical_rank=1.0, sentence_best=0.7, dense_rank=1.0)
    weak = replace(PLAIN, lexical=0.1, lexical_rank=0.0, sentence_best=0.25, sentence_mean=0.2)
    assert fusion.score(strong) > fusion.score(PLAIN) > fusion.score(weak)


def test_without_a_model_the_rankings_are_fused_by_reciprocal_rank() -> None:
    both = replace(PLAIN, dense_rank=1.0, lexical_rank=1 / 3)  # first in one ranking, third in the other
    assert _reciprocal_rank(both) == pytest.approx(1 / (RRF_K + 1) + 1 / (RRF_K + 3))
    assert _reciprocal_rank(replace(PLAIN, dense_rank=0.0, lexical_rank=0.5)) == pytest.approx(1 / (RRF_K + 2))




def test_the_pool_describes_each_candidate_from_both_rankings(fixture_answers: AnswerService) -> None:
    retriever = fixture_answers.retriever
    pool = retriever.pool("Who sued the government over the export order?")
    assert pool
    assert any(f.dense_rank == 1.0 for f in pool.values()) and any(f.lexical_rank == 1.0 for f in pool.values())
    for (article_id, idx), f in pool.items():
        assert -1.0 <= f.sentence_mean <= f.sentence_best <= 1.0
        assert 0.0 <= f.lexical <= 1.0 and (f.lexical_rank > 0) == (f.lexical > 0)
        row = retriever.lexical.chunk(article_id, idx)
        assert row is not None and row.first_sentence <= row.last_sentence
    # the stored sentence vectors of a chunk are read for its own sentences only
    (article_id, idx) = next(iter(pool))
    row = retriever.lexical.chunk(article_id, idx)
    assert row is not None
    vectors = retriever.catalog.chunk_sentence_vectors([(article_id, row.first_sentence, row.last_sentence)])
    assert vectors and {key[0] for key in vectors} == {article_id}
    assert all(row.first_sentence <= key[1] <= row.last_sentence for key in vectors)
