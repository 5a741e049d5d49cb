"""Sentence-aware chunks: whole sentences grouped up to a size, each keeping its offsets in the article.

Chunks are what gets embedded; sentences are what answers quote. A chunk never cuts a sentence, except
a single "sentence" longer than a chunk (navigation junk, lists without punctuation), which is cut
with langchain's recursive splitter so its pieces still carry exact offsets.
"""

from __future__ import annotations

from dataclasses import dataclass

from langchain_text_splitters import RecursiveCharacterTextSplitter

from bot.nlp.sentences import SentenceSpan, split_sentences

CHUNK_CHARS = 480
CHUNK_OVERLAP_SENTENCES = 0


@dataclass(frozen=True)
class Chunk:
    index: int
    start: int
    end: int
    first_sentence: int
    last_sentence: int
    text: str


def article_sentences(text: str, max_chars: int = CHUNK_CHARS) -> list[SentenceSpan]:
    """The article's sentences, with over-long ones cut into pieces that still carry exact offsets."""
    splitter = RecursiveCharacterTextSplitter(
        chunk_size=max_chars, chunk_overlap=0, add_start_index=True, separators=["; ", ", ", " ", ""]
    )
    out: list[SentenceSpan] = []
    for span in split_sentences(text):
        if span.end - span.start <= max_chars:
            out.append(span)
            continue
        cursor = span.start
        for piece in splitter.split_text(span.text):
            begin = text.find(piece, cursor, span.end)
            if begin < 0:  # the splitter stripped something; fall back to the running cursor
                begin = cursor
            end = min(begin + len(piece), span.end)
            if text[begin:end].strip():
                out.append(SentenceSpan(begin, end, text[begin:end]))
            cursor = end
    return out


def chunk_sentences(text: str, sentences: list[SentenceSpan], max_chars: int = CHUNK_CHARS) -> list[Chunk]:
    """Group consecutive sentences into chunks of at most ``max_chars`` (a lone long sentence excepted)."""
    chunks: list[Chunk] = []
    first = 0
    while first < len(sentences):
        last = first
        while (
            last + 1 < len(sentences) and sentences[last + 1].end - sentences[first].start <= max_chars
        ):
            last += 1
        start, end = sentences[first].start, sentences[last].end
        chunks.append(Chunk(len(chunks), start, end, first, last, text[start:end]))
        first = last + 1
    return chunks
