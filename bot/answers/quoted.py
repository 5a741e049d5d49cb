"""Words a question quotes: "whats this 'defense in depth' setup", "the 'doomed to fail' article".

A user who puts words in quotation marks is repeating what they read: a phrase of an article or its headline.
Meaning and word weights alone can miss that article (the phrase's words are few against the story's), so the
passages holding the phrase as written, or the article whose title holds it, are read first, and a sentence
quoting it may lead. The match is a rule on purpose: the answer can say it found the words the user quoted.
"""

from __future__ import annotations

import re

# a phrase in quotation marks, opened after a space or at the start and closed before a space, punctuation or the
# end ("the 'doomed to fail' article", "called it “lobotomized”?"); not an apostrophe inside a word ("ppl's")
_QUOTED = re.compile(r"(?:^|(?<=[\s(]))['\"‘“]([^'\"‘’“”]{3,80}?)['\"’”](?=$|[\s?!.,;:)])")
MIN_LETTERS = 4  # "'it'" quotes nothing worth finding
# a blank the user leaves for words they do not remember ("'most capable ___ model'", "'software ...'"): underscores
# (as typed, or as the question reader spaces them), dots, an ellipsis or question marks
_BLANK = re.compile(r"(?:_\s*){2,}|\.{3}|…|\?{2,}")
BLANK_WORDS = 4


def quoted_phrases(question: str) -> list[str]:
    """The phrases the question puts in quotation marks, as written."""
    return [p for m in _QUOTED.finditer(question) if len(re.sub(r"[^a-z]", "", (p := m.group(1).strip()).lower()))
            >= MIN_LETTERS]


def plain_words(text: str) -> str:
    """Lowercase words separated by single spaces, apostrophes dropped ("don't" and "dont", "defense-in-depth" and
    "defense in depth" read alike), padded with a space each side for whole-word matching."""
    text = re.sub(r"['’‘]", "", text.lower())
    return " " + " ".join(re.findall(r"[a-z0-9]+", text)) + " "


def holds_phrase(text: str, phrase: str) -> bool:
    """Whether the text holds the phrase's words in order, as whole words (the last one also in the plural); a
    blank in the phrase ("most capable ___ model", "software ...") stands for one to ``BLANK_WORDS`` words (a
    phrase with fewer than two words besides its blanks finds nothing: "software ___" is any mention of
    software)."""
    parts = [plain_words(part).strip() for part in _BLANK.split(phrase)]
    if len(parts) == 1:
        words = plain_words(phrase).strip()
        # its last word also in the plural ("covered frontier models" holds 'covered frontier model')
        return words != "" and re.search(rf" {re.escape(words)}(?:e?s)? ", plain_words(text)) is not None
    if sum(len(part.split()) for part in parts) < 2:
        return False
    gap = rf"(?:[a-z0-9]+ ){{1,{BLANK_WORDS}}}"
    pattern = " " + gap.join(re.escape(part) + " " if part else "" for part in parts)
    return re.search(pattern, plain_words(text)) is not None


# the line right before a sentence, when it is a heading: no sentence end of its own, a few words
_HEADING_BEFORE = re.compile(r"(?:^|\n)[ \t#*]*([^\n.!?]{3,100}?)[ \t*]*\n\s*$")


def under_heading_holding(sentence: str, passage: str, phrase: str) -> bool:
    """Whether a sentence opens a section whose heading holds the phrase ("The “bad boy” effect in AI", then
    "The idea that controversy can create allure is not new."): what follows a heading is what it names, so asked
    what the quoted words mean, that sentence says."""
    at = passage.find(sentence)
    heading = _HEADING_BEFORE.search(passage, 0, at) if at > 0 else None
    return heading is not None and heading.end() == at and holds_phrase(heading.group(1), phrase)
