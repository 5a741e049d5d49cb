"""Whether the reporting quotes the speaker a question asks about.

Asked "what did Singapore's government say about the ban?", the best sentences may be about the ban and even
mention Singapore, yet none tells what Singapore's government said: quoting the directive answers nothing, and
the reader should hear that no statement from that speaker was found. A question asks for someone's words when
it reads "what did <speaker> say / tell / post / predict / recommend …" or "how did <speaker> react"; the reporting
gives them when one of the best sentences names the speaker (itself, in the sentence before it or in its article's
title, or as the article's outlet) and reports speech (an attribution, a quotation or a verb of saying). The
speaker is named by the words of the question that tell who it is, not by descriptions every speaker shares
("minister", "ceo", "government") nor by the story's everyday names. The lexicon is a rule on purpose: the refusal
says what was looked for.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from bot.nlp.labels import attribution
from bot.nlp.places import governments_named, peoples_forms
from bot.nlp.terms import terms

if TYPE_CHECKING:
    from bot.answers.compose import Candidate

_SPEECH_VERB = (r"say|said|tell|told|think|argue|claim|post|posted|tweet|write|wrote|predict|recommend|testify|"
                r"announce|suggest|warn|propose|respond|reply|make of|call|reveal|confirm|deny|admit|urge|demand")
# "what did X say", "what has X posted", "how did X react"
_ASKS_WORDS = re.compile(
    r"\b(?:what|wat|wht|whats)\s+(?:did|does|do|has|have|had)\s+(?P<said>(?:[\w'’.-]+\s+){1,6}?)"
    r"(?:(?:actually|really|even|just|first|later|then|publicly|officially)\s+)?"
    rf"(?:{_SPEECH_VERB})\b|"
    r"\bhow\s+(?:did|does|do|has|have)\s+(?P<reacted>(?:[\w'’.-]+\s+){1,6}?)(?:react|respond|reply)\b",
    re.IGNORECASE)
# words that describe a speaker without telling which one it is ("japan's digital minister": Japan's is who)
_DESCRIBING = frozenset(terms(
    "guy guys person people ppl folks official officials ceo cco cto cfo president minister ministry government govt "
    "spokesperson spokesman spokeswoman founder cofounder lawyer lawyers admin administration source sources team "
    "head chief boss secretary director side camp company companies firm firms lab labs analyst analysts expert "
    "experts researcher researchers critic critics leader leaders member members staff employee employees "
    "executive executives representative representatives rep senator senators lawmaker lawmakers regulator "
    "regulators agency department office own actual real"))
# a document or a page speaks through its text, which any of its sentences gives ("what did the letter ask")
_DOCUMENT = frozenset(terms(
    "letter order essay doc docs document piece article post blog report section paper filing complaint agreement "
    "deal op-ed oped analysis ep episode podcast show memo statement rule rules name thing bill law study card "
    "interview newsletter thread video"))
_PRONOUNS = frozenset({"he", "she", "they", "it", "that", "this", "them", "i", "we", "you", "u", "those", "these"})
_SPEECH = re.compile(r"[\"“”]|\b(?:said|says|say|told|tells|wrote|writes|argued|argues|claimed|claims|posted|"
                     r"tweeted|warned|warns|called|calls|described|describes|according to|noted|notes|stated|"
                     r"added|predicted|predicts|recommended|testified|announced|insisted|urged|urges|suggested|"
                     r"believes?|thinks?|responded|replied|reacted|criticized|criticised|praised|welcomed|"
                     r"condemned|demanded|asked|acknowledged|confirmed|denied|admitted|explained|detailed|"
                     r"pointed out|highlighted|stressed|emphasi[sz]ed|cautioned|observed|commented|advised|"
                     r"(?:advice|remarks?|comments?|words|view|views|warning|argument|take|position|stance) of|"
                     r"in a (?:statement|post|interview|letter|video))\b|"
                     # any verb of saying before what was said ("detailed that", "concedes that")
                     r"\b[a-z]+(?:ed|es)\s+that\b", re.IGNORECASE)
SPEAKER_CANDIDATES = 8  # the best sentences the speaker's words must be among
NEXT_CHARS = 120  # how far after a quotation its speaker may be named


def speaker_asked(question: str, everyday: Callable[[str], bool] = lambda term: False) -> tuple[str, frozenset[str]]:
    """The speaker whose words a question asks for, as written and as the terms that tell who it is; ("", {})
    when it asks for no one's words, or names the speaker only by a pronoun, a document or a description."""
    match = _ASKS_WORDS.search(question)
    if match is None:
        return "", frozenset()
    written = (match.group("said") or match.group("reacted") or "").strip()
    words = written.lower().split()
    if not words or any(w.strip("'’") in _PRONOUNS for w in words[:1]):
        return "", frozenset()
    told = frozenset(t for t in terms(written) if not everyday(t))
    if told & _DOCUMENT:
        return "", frozenset()
    telling = told - _DESCRIBING
    return (written, telling) if telling else ("", frozenset())


def quotes_speaker(candidate: Candidate, speaker: frozenset[str]) -> bool:
    """Whether a sentence reports speech and names this speaker: itself, or, when it names no other speaker, in
    its context or just after it (a quotation's speaker is often named after it: "— Nathaniel Whittemore, The AI
    Daily Brief"); or any sentence
    of an article the speaker's outlet published."""
    outlet = re.sub(r"[^a-z0-9]", "", (candidate.passage.article.outlet or "").lower())
    if outlet and all(t in outlet for t in speaker):  # "what did lawfare say": lawfaremedia.org's own words
        return True
    who = attribution(candidate.text)
    speech = who is not None or bool(_SPEECH.search(candidate.text))
    if speech and _names(speaker, candidate.terms):
        return True
    # named around it only when the sentence names no other speaker ("he said", a bare quotation): "Zephyr said
    # it would comply" after a sentence naming Norway is Zephyr's word, not Norway's
    unnamed = who is None or who.lower() in _PRONOUNS or not frozenset(terms(who)) - _DESCRIBING  # "the ministry"
    return speech and unnamed and _names(speaker, candidate.context | frozenset(terms(_next_words(candidate))))


def _names(speaker: frozenset[str], found: frozenset[str]) -> bool:
    """Whether terms name every term of the speaker, a country also by its people ("Austrian MEP …" names
    Austria) or its capital ("Brussels said …" names the EU)."""
    found = found | governments_named(found)
    return all(t in found or not peoples_forms(t).isdisjoint(found) for t in speaker)


def _next_words(candidate: Candidate) -> str:
    """The words right after a sentence in its passage (about a sentence's worth)."""
    text = candidate.passage.text
    at = text.find(candidate.text)
    return text[at + len(candidate.text) : at + len(candidate.text) + NEXT_CHARS] if at >= 0 else ""


def unquoted_speaker(question: str, candidates: Sequence[Candidate],
                     everyday: Callable[[str], bool] = lambda term: False) -> str | None:
    """What a question asks someone's words for ("a statement from singapores government"), when none of the
    best ``candidates`` gives that speaker's words, else None."""
    written, speaker = speaker_asked(question, everyday)
    if not speaker or any(quotes_speaker(c, speaker) for c in candidates[:SPEAKER_CANDIDATES]):
        return None
    return f"a statement from {written}"
