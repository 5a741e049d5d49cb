"""Sentence splitting that keeps character offsets, so answers can quote and cite exact passages.

A rule splitter rather than a model: news prose is regular enough, it is fast (~1M chars/s) and it is
deterministic. Line breaks always end a sentence (headlines, bullets, navigation junk stand alone);
inside a line, ``.!?`` followed by space and an upper-case letter, digit or quote ends one, except
after common abbreviations (``U.S.``, ``Mr.``, ``Jan.``) and initials; so does an end mark glued to the
next sentence's capitalised word where the page lost the space.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sen rep gov gen lt col sgt st jr sr inc ltd co corp dept est no vs etc
    jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.u d.c a.m p.m i.e e.g approx fig
    al ph.d""".split()
)
_BOUNDARY = re.compile(r"""[.!?]+["'”’)\]*_]*(?=\s+["'“‘(\[]?[A-Z0-9])""")  # (a bold run-in heading:
# "**Names.** One summary spells…" is a heading and a sentence)
# Pages that lost the space between two sentences ("…the wild.Instead, the company…", "he said.It was",
# "the American Dream…Anthropic sent"): a word of lower-case letters, the end mark, then a capitalised word.
# (Not "U.S.Army" or "e.g.", whose letters before the mark are not a lower-case word.)
_GLUED_BOUNDARY = re.compile(r"""(?<=[a-z]{2})(?:[.!?]|…)["'”’)\]]*(?=["'“‘]?[A-Z][a-z])""")
_LINE = re.compile(r"[^\n]+")
_MIN_CHARS = 2


@dataclass(frozen=True)
class SentenceSpan:
    start: int
    end: int
    text: str


def _ends_with_abbreviation(text: str, dot: int) -> bool:
    """True when the period at ``dot`` closes an abbreviation or an initial, not a sentence."""
    word_start = dot
    while word_start > 0 and not text[word_start - 1].isspace() and text[word_start - 1] not in "(\"“":
        word_start -= 1
    word = text[word_start:dot].lower().rstrip(".")
    if word in _ABBREVIATIONS:
        return True
    return len(word) == 1 and word.isalpha()  # an initial: "J. Smith"


def _camel_case_before(text: str, dot: int) -> bool:
    start = dot
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    word = text[start:dot]
    return any(ch.isupper() for ch in word[1:])


def split_sentences(text: str) -> list[SentenceSpan]:
    """Split ``text`` into sentences; each span's ``text`` equals ``text[start:end]``."""
    spans: list[SentenceSpan] = []
    for line in _LINE.finditer(text):
        line_start = line.start()
        piece_start = 0
        body = line.group()
        ends = sorted([*_BOUNDARY.finditer(body), *_GLUED_BOUNDARY.finditer(body)], key=lambda m: m.start())
        for match in ends:
            dot = match.start()
            if body[dot] == "." and _ends_with_abbreviation(body, dot):
                continue
            if match.re is _GLUED_BOUNDARY and _camel_case_before(body, dot):
                continue  # "TechPolicy.Press": a name with a dot in it
            _append(spans, text, line_start + piece_start, line_start + match.end())
            piece_start = match.end()
        _append(spans, text, line_start + piece_start, line_start + len(body))
    return spans


def _append(spans: list[SentenceSpan], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end - start >= _MIN_CHARS and any(ch.isalnum() for ch in text[start:end]):
        spans.append(SentenceSpan(start, end, text[start:end]))
