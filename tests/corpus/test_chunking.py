"""Sentence-aware chunking: exact offsets, whole sentences, bounded size, on every fixture and corpus file."""

from __future__ import annotations

import bisect
import itertools

import pytest

from bot.corpus import sources
from bot.corpus.chunking import CHUNK_CHARS, article_sentences, chunk_sentences
from bot.nlp.sentences import split_sentences
from tests.corpus_location import shared_corpus_files
from tests.fixture_corpus import article_files


def _check_article(text: str, name: str) -> int:
    raw = split_sentences(text)
    pieces = article_sentences(text)
    chunks = chunk_sentences(text, pieces)
    assert chunks, name
    for piece in pieces:
        assert text[piece.start : piece.end] == piece.text, name
        assert piece.end - piece.start <= CHUNK_CHARS, name
    # chunks cover the pieces in order, each piece in exactly one chunk
    assert chunks[0].first_sentence == 0 and chunks[-1].last_sentence == len(pieces) - 1, name
    for a, b in itertools.pairwise(chunks):
        assert b.first_sentence == a.last_sentence + 1, name
        assert b.start >= a.end, name
    starts = [s.start for s in raw]
    for i, chunk in enumerate(chunks):
        assert chunk.index == i
        assert text[chunk.start : chunk.end] == chunk.text, name
        assert chunk.start == pieces[chunk.first_sentence].start
        assert chunk.end == pieces[chunk.last_sentence].end
        if chunk.first_sentence != chunk.last_sentence:
            assert len(chunk.text) <= CHUNK_CHARS, name
        # a chunk edge may fall inside an original sentence only when that sentence is over-long
        for edge in (chunk.start, chunk.end):
            k = bisect.bisect_right(starts, edge) - 1
            if k >= 0 and raw[k].start < edge < raw[k].end:
                assert raw[k].end - raw[k].start > CHUNK_CHARS, f"{name}: chunk {i} cuts {raw[k].text!r}"
    return len(chunks)


@pytest.mark.parametrize("where", ["fixtures", "shared corpus"])
def test_chunks_on_every_corpus_file(where: str) -> None:
    files = article_files() if where == "fixtures" else shared_corpus_files()
    total = sum(_check_article(sources.read_file(p).text, p.name) for p in files)
    assert total >= len(files)


def test_chunks_group_short_sentences_and_never_split_them() -> None:
    sentences = [f"Sentence {i} says the U.S. and Mr. Lee agreed on item {i}." for i in range(40)]
    text = " ".join(sentences)
    chunks = chunk_sentences(text, article_sentences(text))
    assert 1 < len(chunks) < len(sentences)
    rebuilt = [s for c in chunks for s in split_sentences(c.text)]
    assert [s.text for s in rebuilt] == sentences
    assert all(len(c.text) <= CHUNK_CHARS for c in chunks)


def test_overlong_sentence_is_cut_with_exact_offsets() -> None:
    words = " ".join(f"word{i}," for i in range(400))
    text = f"Intro sentence here. Then {words} end\nTail line."
    pieces = article_sentences(text)
    assert len(pieces) > 3
    long_pieces = [p for p in pieces if p.text.startswith("word") or "word" in p.text]
    assert len(long_pieces) >= 3
    for p in pieces:
        assert text[p.start : p.end] == p.text and len(p.text) <= CHUNK_CHARS
    assert _check_article(text, "synthetic") >= 3
    assert pieces[0].text == "Intro sentence here." and pieces[-1].text == "Tail line."
