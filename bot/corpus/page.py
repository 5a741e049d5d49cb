"""What a stored page says about itself: its headline when the recorded title was only guessed from its
address, its dateline when the record has no date, its byline (who wrote it), and the markers of page furniture
and page source.

Shared by ingest (a page's own headline replaces a guessed title before it is stored) and by every
surface that shows an article (answers, briefs, the timeline), so they all name a page the same way.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from bot.nlp.calendar import MONTH_DAY, month_number
from bot.nlp.display import undo_mojibake
from bot.nlp.standalone import HTML_TAG

# page source leaking into text: escaped newlines, JSON keys, addresses
MARKUP = re.compile(r'\\n|":\s*"|\{"|https?://')
# page furniture: consent banners, sign-up prompts, share buttons
JUNK = re.compile(r"(cookie|subscribe|sign up|newsletter|log ?in|advertisement|share this|read more|"
                  r"all rights reserved|privacy policy|click here|follow us)", re.IGNORECASE)
PLACEHOLDER_TITLE = "(from URL)"  # how a source list marks a title guessed from the page's address
_HEADLINE = re.compile(r"^\s*#\s+(.{12,200}?)\s*$|\A\s*([^\n.!?]{25,160})\s*$", re.MULTILINE)
_DATELINE = re.compile(rf"{MONTH_DAY},?\s+(20\d\d)|\b(20\d\d)-(\d\d)-(\d\d)\b")


def page_headline(body: str) -> str | None:
    """The page's own headline: a heading or a short unpunctuated line near its top, of five words or
    more, that is neither furniture nor an address, nor a line leading into what follows ("Jane Doe and John
    Roe, reporting for Wired:" names the writers of a quoted story, not the page)."""
    for match in _HEADLINE.finditer(body[:600]):
        line = (match.group(1) or match.group(2) or "").strip()
        if len(line.split()) >= 5 and not JUNK.search(line) and "http" not in line and not line.endswith(":"):
            return line
    return None


OPENING_MIN_WORDS = 6
_PROSE_PUNCTUATION = frozenset(",.;:!?'’\"“”()-–—$%&/…")


def display_title(title: str, body: str) -> str:
    """The stored title, or when it is a placeholder guessed from the address, the page's own headline,
    else the placeholder without its marker (or the page's opening words when it is only an address)."""
    if not title.startswith(PLACEHOLDER_TITLE):
        return undo_mojibake(title)
    guessed = title[len(PLACEHOLDER_TITLE):].strip()
    headline = page_headline(body)
    if headline:
        return headline
    if "/" in guessed or not guessed:  # only an address: the page's opening words say what it is
        # (from its first line of prose: a short section heading such as "What happened" names no page)
        prose = next((line for line in body.splitlines() if len(line.split()) >= OPENING_MIN_WORDS), body)
        text = " ".join(prose.split())
        opening = text[:90].rsplit(" ", 1)[0] + "…" if len(text) > 90 else text
        # words, figures and the punctuation of prose ("Representatives Sam Liccardo (D-CA), …"), as against
        # page source or a table's cells
        wordlike = sum(ch.isalnum() or ch.isspace() or ch in _PROSE_PUNCTUATION for ch in opening)
        if not opening or MARKUP.search(opening) or HTML_TAG.search(opening) or wordlike < 0.95 * len(opening):
            return "untitled page"  # page source or a table, not words that name the page
        return opening
    return guessed[0].upper() + guessed[1:]


def page_dateline(body: str) -> date | None:
    """A full date near the top of the page (its dateline), when the stored record has none."""
    match = _DATELINE.search(body[:400])
    if not match:
        return None
    try:
        if match.group(3):
            return date(int(match.group(3)), month_number(match.group(1)), int(match.group(2)))
        return date(int(match.group(4)), int(match.group(5)), int(match.group(6)))
    except ValueError:
        return None


# a byline near the top of a page: "By Jane Q. Doe", or a line holding only a person's name ("Alan Z. Rozenshtein",
# "Morgan Blake ·"), two to four capitalised words or initials, next to the page's headline or dateline (a lone
# capitalised line elsewhere is as often a section label: "Executive Branch")
_NAME = r"[A-Z][a-z'’-]+(?:\s+(?:[A-Z]\.|[A-Z][a-z'’-]+)){1,3}"
_BYLINE = re.compile(rf"^[ \t*_]*(?:(?P<by>[Bb]y)\s+)?(?P<name>{_NAME})[ \t*_]*(?:[·|•,][^\n]{{0,60}})?$",
                     re.MULTILINE)
# a byline run into the page's other furniture ("…The Hill Lessons from… Comments: by Mary Ellen Callahan, opinion
# contributor - 06/24/26"): "by", the name, and what the writer is to the page
_INLINE_BYLINE = re.compile(rf"\b[Bb]y\s+(?P<name>{_NAME}),\s+(?:an?\s+)?(?:opinion\s+|guest\s+|staff\s+|senior\s+)?"
                            r"(?:contributor|columnist|writer|correspondent|reporter|editor)\b")
# words a headline or a label has that a person's name has not
_NOT_NAME = frozenset("the a an of for and in on to with from at by is are was new how why what when who our your "
                      "staff team desk editors editor news newsroom reporter contributor home politics opinion "
                      "technology tech business world policy analysis".split())
BYLINE_CHARS = 600  # how far down the page a byline is looked for
# a line that reads as a headline: five words or more and no full stop
_HEADLINE_LIKE = re.compile(r"[^\n.!?]*(?:\S+\s+){4,}[^\n.!?]*")


def page_byline(body: str, may_be_name: Callable[[str], bool] = lambda word: True) -> tuple[str, int, int] | None:
    """The writer a page names in its byline and where ("Alan Z. Rozenshtein", start, end), else None. Each word of
    the name must be one that ``may_be_name`` (the corpus's vocabulary: "Executive" and "Stocks" are everyday words,
    whatever a section label capitalises)."""
    top = body[:BYLINE_CHARS]
    lines = top.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    filled = [i for i, line in enumerate(lines) if line.strip()]
    for k, i in enumerate(filled):
        match = _BYLINE.match(lines[i])
        if match is None:
            continue
        if not _a_persons(match.group("name"), may_be_name):
            continue
        near = [lines[filled[j]].strip() for j in (k - 1, k + 1) if 0 <= j < len(filled)]
        beside = any(_DATELINE.search(n) or _HEADLINE_LIKE.fullmatch(n) for n in near)
        if match.group("by") or beside:
            start = starts[i] + match.start("name")
            return match.group("name"), start, start + len(match.group("name"))
    inline = _INLINE_BYLINE.search(top)
    if inline is not None and _a_persons(inline.group("name"), may_be_name):
        return inline.group("name"), inline.start("name"), inline.end("name")
    return None


def byline_phrase(body: str, start: int, end: int) -> tuple[int, int] | None:
    """Where the byline run into the page's furniture that names the writer at ``start``–``end`` begins and ends ("by
    Mary Ellen Callahan, opinion contributor"), to quote it without the furniture; None for a byline of its own."""
    return next((m.span() for m in _INLINE_BYLINE.finditer(body, 0, min(len(body), BYLINE_CHARS))
                 if m.start("name") == start and m.end("name") == end), None)


def _a_persons(name: str, may_be_name: Callable[[str], bool]) -> bool:
    """Whether a byline's words are a person's name: none a word a heading or label has, each (initials aside) one
    the corpus may write as a name."""
    words = [w for w in name.split() if not re.fullmatch(r"[A-Z]\.", w)]
    return not any(w.lower() in _NOT_NAME or not may_be_name(w) for w in words)
