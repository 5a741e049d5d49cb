"""Sentence vectors kept on disk: a sentence scores the same the first time and every time after."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from bot.answers.sentence_vectors import SentenceVectors, question_vector, text_vector

TEXTS = ["Commerce lifted the controls on the model.", "The lawsuit was filed in federal court on a Tuesday."]


def test_a_vector_is_the_same_when_first_computed_and_when_read_back(tmp_path: Path) -> None:
    path = tmp_path / "vectors.sqlite3"
    first = SentenceVectors(path)
    computed = first.vectors(TEXTS)
    first.close()
    again = SentenceVectors(path, memory=0)  # nothing kept in memory: read from disk
    try:
        assert np.array_equal(again.vectors(TEXTS), computed)
        assert again.vectors([]).shape == (0, 384)
        question_close, question_far = again.similarities("when were the controls lifted", TEXTS)
        assert question_close > question_far
    finally:
        again.close()


def test_a_question_reads_the_same_with_or_without_its_question_mark() -> None:
    # typed with "?", "?!" or nothing, one question retrieves and scores alike (its embedding moved enough with the
    # mark to change which passages ranked ninth and below, and whether it was answered)
    asked = question_vector("what did the daily brief call the whole mess")
    assert np.array_equal(question_vector("what did the daily brief call the whole mess?"), asked)
    assert np.array_equal(question_vector("what did the daily brief call the whole mess?! "), asked)
    assert not np.array_equal(question_vector("what did the daily brief call the whole fight"), asked)
    # a chat message keeps its marks ("thanks!" is read as small talk as written)
    assert not np.array_equal(text_vector("thanks!"), text_vector("thanks"))
