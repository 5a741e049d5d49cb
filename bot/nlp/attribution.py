"""Who a sentence attributes its content to: a named party, anonymous sources, or an outlet.

Claims are shown with their speaker ("attribution: the Commerce Department"), and the composer attributes
quoted claims. The speaker is found from the cue patterns (speech verbs, "according to", anonymous
sourcing, outlets) and the noun phrase next to them, using the word lists in ``data/cues.toml``.
"""

from __future__ import annotations

import re

from bot.nlp.cues import CueBook, clean_text, cue_book

__all__ = ["attribution", "attribution_in", "claims_verb"]

_WRITTEN_CONTENT = re.compile(r"[^.;\"“”]{0,40}?(?:\bthat\b|:)")
_PRONOUN_AT_END = re.compile(r"\b(?:it|he|she|they|we|i)\s*(?:has|have|had|also|later)?\s*$", re.IGNORECASE)
_HEADLINE_WORD = re.compile(r"[A-Za-z][\w’'-]*")
_INTRO_PREP = re.compile(
    r"^(?:in|on|at|after|before|earlier|later|last|by|for|during|since|over|within)\b|"
    # an opening time phrase ("Two months ago,", "A week later,", "This morning,")
    r"^(?:[\w-]+\s+){0,3}(?:ago|later|earlier)$|^(?:this|next|that)\s+(?:morning|afternoon|evening|night|week|"
    r"weekend|month|year|spring|summer|autumn|fall|winter|monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday)$|"
    r"^\d{4}$", re.IGNORECASE  # an opening date's year: "On June 17, 2026, Macron …"
)
_PARTY_TAIL = re.compile(
    r"\s+(?:\(|who\b|which\b|that\b|obtained\b|published\b|seen\b|reviewed\b|given\b|issued\b|quoted\b|"
    r"posted\b|released\b|filed\b|sent\b).*$"
)
_PARTY_MAX_CHARS = 60
# "a relay of X", "a report by X", "a spokesperson for X": X is the party
_CHANNEL_OF_NAME = re.compile(
    r"^(?:an?|the)\s+(?:[A-Za-z-]+\s+){1,3}?(?:of|from|by|for)\s+"
    r"(?P<name>(?:[Tt]he\s+)?[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)*?)(?:['’]s\b|\s+[a-z]|$)")


def claims_verb(book: CueBook, text: str, lowered: str) -> re.Match[str] | None:
    """The first "claims" used as a party's speech verb ("the lawsuit claims the order..."), or None."""
    if "claims" not in lowered:
        return None
    adverbs, subjects = book.words["claims_adverbs"], book.words["claims_subjects"]
    for match in book.regex("claims").finditer(text):
        before = [w.strip(",;:") for w in text[: match.start()].split()]
        while before and before[-1].lower() in adverbs:
            before.pop()
        if not before:
            continue
        prev = before[-1]
        if prev.endswith(("’s", "'s", "s’", "s'")) or prev in book.words["not_a_claimant"]:
            continue
        if prev[:1].isupper() or prev.lower() in subjects:
            return match
    return None


def title_case(text: str) -> bool:
    """Whether most longer words are capitalised, as in a headline (where capitals do not mark names)."""
    long_words = [w for w in _HEADLINE_WORD.findall(text) if len(w) > 3]
    return len(long_words) >= 4 and sum(w[0].isupper() for w in long_words) / len(long_words) >= 0.6


class _Phrases:
    """Noun-phrase helpers bound to one cue book's word lists."""

    def __init__(self, book: CueBook) -> None:
        w = book.words
        self.role_nouns = w["role_nouns"]
        self.np_function = w["np_function"]
        self.pronouns = w["pronouns"]
        self.trailing = w["trailing_filler"]
        self.place_prepositions = w["place_prepositions"]
        self.leading = w["leading_filler"]
        self.abbreviations = w["abbreviations"]
        self.title_stops = w["title_stops"]

    def np_word(self, word: str) -> bool:
        """Whether a word can belong to a party's noun phrase: a name, a role noun or a function word."""
        bare = word.strip('.,;:"“”()').removesuffix("’s").removesuffix("'s")
        return bool(bare) and (bare[0].isupper() or bare.lower() in self.role_nouns or bare.lower() in self.np_function)

    def tidy(self, phrase: str) -> str | None:
        """Lower-case a leading article, drop a possessive, and reject pronouns and empty phrases."""
        phrase = phrase.strip(" .,").removesuffix("’s").removesuffix("'s")
        words = phrase.split()
        while words and words[0].lower() in self.leading | {"as", "of", "and"}:
            words.pop(0)
        while words and words[-1].lower() in self.np_function:
            words.pop()
        if not words or (len(words) == 1 and words[0].lower() in self.pronouns):
            return None
        if words[0] in {"The", "A", "An"}:
            words[0] = words[0].lower()
        return " ".join(words)

    def ends_name(self, word: str, title: bool) -> bool:
        """Whether ``word`` cannot extend a party's noun phrase: a sentence end, or in a headline a verb-like word."""
        if word.endswith(".") and word not in self.abbreviations and "." not in word[:-1]:
            return True
        if not title:
            return False
        bare = word.strip('.,;:"“”()').removesuffix("’s").removesuffix("'s").lower()
        if bare in self.title_stops:
            return True
        if bare in self.role_nouns or word.isupper() or len(bare) <= 3:
            return False
        return bare.endswith("ed") or (bare.endswith("s") and not bare.endswith(("ss", "us", "is")))

    def leading_subject(self, sentence: str, title: bool = False) -> str | None:
        """The noun phrase that opens the main clause, skipping an introductory prepositional phrase."""
        for segment in re.split(r"[,;:—–]", sentence):
            segment = segment.strip()
            if not segment or _INTRO_PREP.match(segment):
                continue
            words: list[str] = []
            for word in segment.split():
                if not self.np_word(word) or len(words) == 7 or (words and self.ends_name(word, title)):
                    break
                words.append(word)
                if self.ends_name(word, False):
                    break  # a sentence ends with this word
            return self.tidy(" ".join(words)) if words else None
        return None

    def party_before(self, prefix: str, title: bool = False) -> str | None:
        """The noun phrase just before a speech verb, or None when it is a pronoun or cannot be found."""
        clause = re.split(r"[,;:—–(\"“”]|\bthat\b|\bwhile\b|\bwho\b|\bafter\b", prefix)[-1]
        words = clause.split()
        while words and (
            words[-1].lower().strip(".") in self.trailing - {"the", "its", "his", "her", "their"}
            or (words[-1].islower() and words[-1].endswith("ly") and len(words[-1]) > 4)
        ):
            words.pop()
        if words and words[-1].lower() in self.pronouns:
            return None
        phrase: list[str] = []
        # A lower-case head noun ("the vendor") counts when a determiner or a name comes right before it.
        if len(words) >= 2 and not self.np_word(words[-1]) and (self.np_word(words[-2]) and words[-2][:1].isalpha()):
            phrase.append(words.pop())
        for word in reversed(words):
            if not self.np_word(word) or len(phrase) == 7 or (phrase and self.ends_name(word, title)):
                break
            phrase.insert(0, word)
        before = words[: len(words) - len(phrase)]
        if phrase and before and before[-1].lower() in self.place_prepositions:
            # "officials at the Bureau of Industry and Security warned": the people there spoke, not the place
            head = before[-2].lower().strip(",") if len(before) >= 2 else ""
            if not {head, head.removesuffix("s")} & self.role_nouns:
                return None
            phrase = [before[-2], before[-1], *phrase]
        return self.tidy(" ".join(phrase)) if phrase else None

    def party_of_according(self, who: str) -> str:
        """Normalise the phrase after "according to" into a short party name: the named party behind a
        channel ("a Telegram relay of The Spectator Index's account" is The Spectator Index)."""
        who = _PARTY_TAIL.sub("", who.strip()) or who.strip()
        channel = _CHANNEL_OF_NAME.match(who)
        if channel:
            who = channel.group("name")
        words = who.split()
        while len(words) > 1 and len(" ".join(words)) > _PARTY_MAX_CHARS:
            words.pop()
        while len(words) > 1 and words[-1].lower() in self.np_function | {"to", "from", "by", "in", "on", "with"}:
            words.pop()
        who = " ".join(words)
        if words[0] in {"The", "A", "An"}:
            who = who[0].lower() + who[1:]
        return who


def attribution(text: str) -> str | None:
    """Who a sentence attributes its content to, when the text names or describes them.

    This covers explicit parties ("Anthropic", "the Commerce Department", "critics"), anonymous sources
    ("people familiar with the matter") and outlets ("Reuters"). It returns None when no source is given,
    or when the only speaker is a pronoun that would need the previous sentence to resolve.
    """
    clean = clean_text(text)
    book = cue_book()
    who = attribution_in(book, clean, clean.lower())
    if who is not None and who.lower().split()[-1] in book.words["documents"]:
        return None  # "the statement said" names a document, not the party behind it
    return who


def attribution_in(book: CueBook, clean: str, lowered: str) -> str | None:
    """``attribution`` on text that has already been cleaned (and lower-cased, for the gates)."""
    phrases = _Phrases(book)
    anon = book.anon_strong.search(clean, lowered)
    if anon:
        found = anon.group("who") or anon.group(0)
        return found[0].lower() + found[1:]
    acc = book.according_to.search(clean, lowered)
    if acc:
        return phrases.party_of_according(acc.group("who"))
    telling = book.telling.search(clean, lowered)
    if telling:
        return phrases.party_of_according(telling.group("who"))
    group = book.group_speech.search(clean, lowered)
    if group:
        subject = group.group(0).split()[0]
        if subject.lower() not in phrases.pronouns:
            return subject.lower()
    stance = book.regex("for_group").match(clean)
    if stance:
        return stance.group(1).lower()
    stated = book.possessor_stated.search(clean, lowered)
    if stated:
        return phrases.party_before(stated.group("who") + " ") or phrases.leading_subject(clean)
    if book.regex("said_to").search(clean):
        return "unnamed reports"  # a headline's "Vendor Said to Weigh Sale": the vendor is not the speaker
    speech = book.speech.search(clean, lowered) or claims_verb(book, clean, lowered)
    if speech is None:
        # a writing verb names a speaker next to a quotation or before what was written ("wrote in a post:")
        written = book.quote_verb.search(clean, lowered)
        if written and (book.regex("quote").search(clean) or _WRITTEN_CONTENT.match(clean, written.end())):
            speech = written
    if speech:
        prefix = clean[: speech.start()]
        # "X confirmed … and insists": a second verb of the same subject, so the speaker leads the sentence
        coordinated = re.search(r"\b(?:and|but)\s*$", prefix) is not None
        title = title_case(clean)
        # "Macron used the summit to urge…": an infinitive's speaker is the clause's subject, not the words before it
        infinitive = speech.group(0).lower().startswith("to ")
        who = None if coordinated or infinitive else phrases.party_before(prefix, title)
        if who is None and not _PRONOUN_AT_END.search(prefix):
            who = phrases.leading_subject(clean, title)
        if who:
            return who
    if book.outlet_report.search(clean, lowered):
        outlet = re.search(rf"\b(?:{book.outlet_alternation})\b", clean)
        if outlet:
            return outlet.group(0)
    if book.anon_weak.search(clean, lowered):
        return "unnamed reports"
    return None
