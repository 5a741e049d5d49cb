"""A quoted sentence as a reader sees it: the page's markup around it taken off (list bullets, Markdown emphasis,
escapes and links, the page's own citation and footnote markers, a wire dateline, a label such as "Article
summary:", text a page decoded wrongly), the exact quote kept in its source. Shared by every surface that shows a
sentence (answers, briefs, the timeline), so they all show it the same way.
"""

from __future__ import annotations

import re

from bot.nlp.terms import STOPWORDS

# What a page adds around a sentence that is not part of what it says: list bullets, Markdown emphasis,
# the page's own footnote and citation markers (which would clash with ours).
_BULLET = re.compile(r"^(?:\s*(?:[-*•·●▪‣◦–—]|\d{1,2}[.)])\s+)+")
_EMPHASIS = re.compile(r"\*\*|__")
_CITATION_MARK = re.compile(r"\s*\[\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\]")
_FOOTNOTE = re.compile(r"(?<=[a-z][,.;:])\d{1,2}(?=\s|$)")
# a footnote number set apart at the sentence's end ("… across related areas 1."); a count after a function word
# ("rose to around 5.") is a value
_BEFORE_VALUE = STOPWORDS | frozenset("around about approximately roughly nearly almost only just over under least "
                                      "most than phase tier level step stage part section chapter page version round "
                                      "number grade class rank score rated ranked".split())
_SPACED_FOOTNOTE = re.compile(r"\b([a-z]{4,}) [1-9](?=[.!?][\"'”’)\]]*$)")
# a wire story's place dateline before its first sentence: "SAN FRANCISCO | ", "WASHINGTON (Reuters) - "
_PLACE_DATELINE = re.compile(r"^(?=[^a-z]*[A-Z]{3})[A-Z][A-Z.'’ ,]{2,40}?(?:\s*\([^()]{1,40}\))?\s+(?:\||—|–|-{1,2})\s+"
                             r"(?=[A-Z“\"])")


def display_text(quote: str) -> str:
    """A quoted sentence as a statement: the page's bullets, emphasis and citation or footnote markers
    removed (the exact quote stays in the source), whitespace collapsed."""
    text = _BULLET.sub("", _THAI_BULLET.sub("", quote))
    text = _EMPHASIS.sub("", text)
    text = _CITATION_MARK.sub("", text)
    text = _FOOTNOTE.sub("", text)
    text = _SPACED_FOOTNOTE.sub(lambda m: m.group(0) if m.group(1) in _BEFORE_VALUE else m.group(1), text)
    text = _PLACE_DATELINE.sub("", text.lstrip())
    text = _MARKDOWN_ESCAPE.sub(r"\1", text)  # "priced at \$10", 'said \"should not\"': the page's escapes
    text = undo_mojibake(text)
    text = _EMOJI_MOJIBAKE.sub("", text)
    text = _MARKDOWN_LINK.sub(r"\1", text)  # "[Washington](/ja/entity/united-states)'s": the link's words
    if _LATIN_WORD.search(text):  # "… was not affected. (인류학)": a translator's gloss in another script
        text = _OTHER_SCRIPT_GLOSS.sub("", text)
    text = " ".join(text.split())
    if labelled := _PAGE_LABEL.match(text):  # "Article summary: On June 12…": the page's heading for what follows
        rest = text[labelled.end():]
        text = rest[:1].upper() + rest[1:] if rest else text
    return _SPACE_BEFORE_STOP.sub(r"\1", text)  # "as discussion topics ." (a marker the page dropped)


# a dash or quotation mark whose UTF-8 bytes a page decoded as Thai (cp874): "the “deemed export” โ€” a provision";
# a bullet so decoded, its middle byte lost: "- โขThe US government's directive…"
_THAI_MOJIBAKE = re.compile(r"โ€[\u0080-\uffff]")
_THAI_BULLET = re.compile(r"^(?:\s*[-*]\s+)?โ€?ข\s*")
# an emoji whose UTF-8 bytes a page decoded as Central European (cp1250), standing as a word: "Hey, Alberto here! đ
# Each week…", "CIO đźž„ CISO" ("đ" inside a word is a letter: "među")
_EMOJI_MOJIBAKE = re.compile(r"(?<!\w)đ(?:ź\S{0,3})?(?=\s|$)")


def undo_mojibake(text: str) -> str:
    """A title or line with its wrongly decoded dashes and quotation marks put back ("Close the Gap โ€” What…")."""
    return _THAI_MOJIBAKE.sub(_undo_thai_mojibake, text)


def _undo_thai_mojibake(match: re.Match[str]) -> str:
    try:
        return match.group().encode("cp874").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return match.group()


# a page's label for the sentence it opens, not part of what the sentence says; or a digest's tag for the outlet
# it summarises, an abbreviation before a sentence written in lower case ("TC: the administration asked…")
_PAGE_LABEL = re.compile(r"(?i:Article summary|Summary|TL;?DR|What['’]s new|Key takeaways?|Bottom line|"
                         r"The short version|In short)\s*:\s+(?=\S)|[A-Z]{2,4}:\s+(?=[a-z])")
_LATIN_WORD = re.compile(r"[A-Za-z]{3}")
_OTHER_SCRIPT_GLOSS = re.compile(r"\s*\((?:[\s\W\d]*[^\x00-\u024f\s\W\d])+[\s\W\d]*\)")
_MARKDOWN_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")  # any ASCII punctuation, as Markdown escapes it
_MARKDOWN_LINK = re.compile(r"\[([^\[\]]{1,120})\]\((?:https?://|/)[^\s()]*\)")
_SPACE_BEFORE_STOP = re.compile(r"\s+([.,;:!?])(?=[\"'”’)\]]*$|\s)")
