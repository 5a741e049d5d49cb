"""The corpus's own vocabulary, for reading questions as typed.

Built from the indexed corpus, so nothing is fitted to particular questions: which words the reporting uses
and how often, which it writes capitalised (names, so a lowercase question's names are still recognised),
which take a number ("Fable 5"), which acronyms it writes. It corrects a word the corpus never uses to the
likeliest corpus or everyday English word one or two slips away ("lutnik" → "lutnick"); everyday English is
the embedding model's own word list (:func:`english_words`), shipped with the model.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from functools import cache

from bot.nlp.calendar import MONTHS, WEEKDAYS
from bot.nlp.terms import STOPWORDS, edit_distance, terms

_INITIALS = re.compile(r"(?:[A-Za-z]\.){2,}")
NAME_EVIDENCE = 3  # times a word is seen inside sentences before how it is written tells whether it is a name
_NUMBERED = re.compile(r"\b([A-Za-z]+)[ -](\d+(?:\.\d+)?)")
NUMBERED_USES = 3

# an acronym is read as the name it abbreviates when it has at least three letters (two-letter ones are too many
# words' and names' own), the corpus writes that name at least five times and for four in five of the acronym's
# names; a word of up to four capitals counts whole ("SK", "US")
MIN_ACRONYM = 3
ACRONYM_WORD = 4
ACRONYM_USES = 5
ACRONYM_SHARE = 0.8
NUMBERED_SHARE = 0.1  # "Fable" is followed by a number 3 times in 4, "Anthropic" or "move" hardly ever
STORY_NAME_SHARE = 0.25  # of the most numbered name's uses, for another to be one the story is about
# uses before a version number that make a name a model's (on the shared corpus: "Myth" 5, "ChatGPT" 6, "GLM" 35;
# below, "Max", "ECCN" and "Sonnet", each 1 to 3)
MODEL_NAME_USES = 5
_CALENDAR_WORDS = frozenset(m.lower() for m in f"{MONTHS}|{WEEKDAYS}".split("|"))
STORY_PREFIX_LETTERS = 4  # a word before a version beginning with this many of a story name's letters stands for it
STORY_NAME_SLIPS = 2  # or one this many slips from it
_VOCAB_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9]*|[.!?]")
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


class Vocabulary:
    """What the corpus writes: word counts (lowercase) and how often each word is capitalised mid-sentence."""

    def __init__(self, counts: dict[str, int], capitalised: dict[str, int]) -> None:
        self.counts = counts
        self.capitalised = capitalised
        self.inside: dict[str, int] = {}  # occurrences not opening a sentence (where case tells a name)
        self.upper: dict[str, int] = {}  # … of them written in capitals ("NSA", "API")
        self.mixed: dict[str, dict[str, int]] = {}  # … written in mixed case, by form ("OpenAI", "DeepMind")
        self.english: frozenset[str] = frozenset()  # everyday words, never "corrected" (see english_words)
        self.sites: frozenset[str] = frozenset()  # the sources' names ("mondaq"), never "corrected" either
        self.numbered: dict[str, int] = {}  # words the corpus writes before a number ("Fable 5", "Opus 4.8")
        self.versions: dict[str, dict[str, int]] = {}  # … and which numbers, how often ("fable": {"5": 4210})
        self._stems: dict[str, int] | None = None  # its words' uses by stem, built when first needed
        self._story_names: list[str] | None = None  # see story_names, built when first needed
        self._two_slip_index: dict[str, list[str]] | None = None  # see _two_slips_away, built when first needed
        self._frequent_names: list[str] | None = None  # see _clipped_name, sorted, built when first needed
        self.acronyms: dict[str, dict[str, int]] = {}  # "skt": {"SK Telecom": uses} (see spelled_out)

    @classmethod
    def from_texts(cls, texts: Sequence[str]) -> Vocabulary:
        vocabulary = cls({}, {})
        for text in texts:
            vocabulary.add(text)
        return vocabulary

    def add(self, text: str) -> None:
        self._stems = self._story_names = self._frequent_names = None
        counts, caps = self.counts, self.capitalised
        previous = "."
        run: list[str] = []  # the capitalised words just read ("SK Telecom"), for the names' acronyms
        for token in _VOCAB_TOKEN.findall(text):
            if token[0].isupper():
                run.append(token)
            elif run:
                self._add_acronyms(run)
                run = []
            if token in ".!?":
                previous = token
                continue
            low = token.lower()
            counts[low] = counts.get(low, 0) + 1
            if previous not in ".!?":
                self.inside[low] = self.inside.get(low, 0) + 1
                if token[0].isupper():
                    caps[low] = caps.get(low, 0) + 1
                    if token.isupper() and len(token) > 1:
                        self.upper[low] = self.upper.get(low, 0) + 1
                    elif not token[1:].islower() and len(token) > 1:
                        forms = self.mixed.setdefault(low, {})
                        forms[token] = forms.get(token, 0) + 1
            previous = token

        if run:
            self._add_acronyms(run)
        for match in _NUMBERED.finditer(text):
            low = match.group(1).lower()
            self.numbered[low] = self.numbered.get(low, 0) + 1
            versions = self.versions.setdefault(low, {})
            versions[match.group(2)] = versions.get(match.group(2), 0) + 1

    def _add_acronyms(self, run: Sequence[str]) -> None:
        """Count the acronym of each name of two or three words in a run of capitalised words that mixes a word
        in capitals with others: the capitals spelled whole, the others by their initial ("SK Telecom" is "skt",
        as users type it)."""
        for size in (2, 3):
            for start in range(len(run) - size + 1):
                words = run[start : start + size]
                capitals = [w.isupper() and len(w) <= ACRONYM_WORD for w in words]
                if all(capitals) or not any(capitals):
                    continue  # initials alone stand for too much ("pdt": a time zone, or President Donald Trump)
                key = "".join(w.lower() if w.isupper() and len(w) <= ACRONYM_WORD else w[0].lower() for w in words)
                if len(key) >= MIN_ACRONYM:
                    phrases = self.acronyms.setdefault(key, {})
                    phrase = " ".join(words)
                    phrases[phrase] = phrases.get(phrase, 0) + 1

    def spelled_out(self, word: str) -> str | None:
        """The name a word the corpus never writes abbreviates ("skt": "SK Telecom"), when the corpus writes one
        such name far more than any other; else None. An everyday word or a source's name is no acronym."""
        low = word.lower()
        if self.counts.get(low, 0) or low in self.english or low in self.sites or not low.isalpha():
            return None
        phrases = self.acronyms.get(low)
        if not phrases:
            return None
        phrase, uses = max(phrases.items(), key=lambda item: (item[1], item[0]))
        if uses < ACRONYM_USES or uses < ACRONYM_SHARE * sum(phrases.values()):
            return None
        # no everyday little word: "Over AI" (a heading's words) is no name an acronym stands for
        return phrase if not any(w.lower() in STOPWORDS for w in phrase.split()) else None

    def count(self, word: str) -> int:
        return self.counts.get(word.lower(), 0)

    def takes_number(self, word: str) -> bool:
        """The corpus often writes this word before a number ("Fable 5", "June 12", "Section 232")."""
        low = word.lower()
        numbered = self.numbered.get(low, 0)
        return numbered >= NUMBERED_USES and numbered >= NUMBERED_SHARE * self.counts.get(low, 1)

    def story_names(self) -> list[str]:
        """The names the corpus is about: those it writes before a version most ("Fable", "Mythos"), at least a
        quarter as often as the first; a question naming nothing ("what happened?") is asked about them."""
        if self._story_names is None:
            numbered = {w: n for w in self.numbered if (n := self._name_numbered(w))}
            most = max(numbered.values(), default=0)
            ranked = sorted(numbered, key=lambda w: -numbered[w])
            self._story_names = [self.name_form(w) for w in ranked
                                 if most >= NUMBERED_USES and numbered[w] >= STORY_NAME_SHARE * most]
        return self._story_names

    def names_model(self, word: str) -> bool:
        """Whether a word is a model's name: written capitalised and before a version number at least
        :data:`MODEL_NAME_USES` times ("Mythos", "Opus", "GPT"), a month or a weekday aside."""
        return self._name_numbered(word.lower()) >= MODEL_NAME_USES

    def _name_numbered(self, low: str) -> int:
        """How often the corpus writes this name before a number; 0 for a month, a weekday or no name."""
        return self.numbered.get(low, 0) if low not in _CALENDAR_WORDS and self.is_name(low) else 0

    def story_name_meant(self, word: str) -> str | None:
        """The story's name a word typed before a version stands for, when the corpus never writes that word before a
        number and it begins as the name does or is a slip or two away ("mythical 5", "fabel 5"; not "myth 5",
        which one site writes); else None."""
        low = word.lower()
        if not low.isalpha() or self.numbered.get(low, 0) or len(low) < STORY_PREFIX_LETTERS:
            return None
        return next((name for name in self.story_names() if low != name.lower() and (
            low[:STORY_PREFIX_LETTERS] == name.lower()[:STORY_PREFIX_LETTERS]
            or edit_distance(low, name.lower()) <= STORY_NAME_SLIPS)), None)

    def story_model(self, value: str) -> bool:
        """Whether a value a question gives is one of the models the story is about, as the corpus writes it
        most ("Fable 5", "mythos 5"): the subject of nearly every article, not a detail an answer must restate
        ("after Fable 5 was switched off, what did Civo's CEO say"); another version ("Fable 6") is a detail."""
        match = re.fullmatch(r"([A-Za-z]+)[ -](\d+(?:\.\d+)?)", value.strip())
        if match is None or match.group(1).lower() not in {n.lower() for n in self.story_names()}:
            return False
        versions = self.versions.get(match.group(1).lower(), {})
        return bool(versions) and versions.get(match.group(2), 0) * 2 >= sum(versions.values())

    def may_be_name(self, word: str) -> bool:
        """Whether a word written capitalised may be a name: the corpus writes it capitalised at least half the times
        it stands inside a sentence, or, seen too seldom to tell, it is no everyday English word ("Rudd",
        "Carlini"); "Jailbreaks" opening a clause is none, nor initials with full stops ("D.C.", a place)."""
        if _INITIALS.fullmatch(word.strip(",;:")):
            return False
        low = word.lower().strip(".,;:'’")
        seen = self.inside.get(low, 0)
        if seen >= NAME_EVIDENCE:
            return self.capitalised.get(low, 0) >= 0.5 * seen
        return low not in self.english

    def unknown_name(self, word: str) -> bool:
        """A word that may be a name and is no everyday English word ("grok", "qwen"), however seldom the corpus
        writes it: typed in lower case before a number, a model and its version ("did grok 5 get banned")."""
        return self.may_be_name(word) and word.lower().strip(".,;:'’") not in self.english

    def in_a_name(self, word: str) -> bool:
        """Whether a capitalised word may be part of a person's name in a byline: seen too seldom to tell, any word
        may ("Alan", though an English word, "Rozenshtein"); seen often enough, one nearly always written capitalised
        ("Korean Stocks", "Executive Summary" and "Negotiations Underway" are headings: "stocks", "executive" and
        "negotiations" are written in lower case often enough)."""
        return self.inside.get(word.lower(), 0) < NAME_EVIDENCE or self.is_name(word)

    def is_name(self, word: str) -> bool:
        """Written capitalised nearly every time it is not the first word of a sentence."""
        low = word.lower()
        seen = self.inside.get(low, 0)
        return seen >= 3 and self.capitalised.get(low, 0) >= 0.85 * seen

    def name_form(self, word: str) -> str:
        """How the corpus writes a name: "NSA", "API", "OpenAI", else capitalised."""
        low = word.lower()
        if self.upper.get(low, 0) * 2 > self.capitalised.get(low, 0):
            return low.upper()
        forms = self.mixed.get(low, {})
        if forms and sum(forms.values()) * 2 > self.capitalised.get(low, 0):
            return max(forms, key=lambda form: forms[form])
        return low[0].upper() + low[1:]

    def correct(self, word: str) -> str:
        """For a word the corpus never uses and that is no everyday English word, the word one slip away
        that is likeliest: how often the corpus uses it (an everyday English word counting as a few uses)
        times how often people make that kind of slip
        (a letter left out or two letters swapped far more often than a wrong letter typed, which is what
        turns one real word into another: "debug" is not "debut", "merz" not "mere"). A word that reads as
        another form of a known word ("suing" where the corpus writes "sued", "signers": "sign" + "ers") is
        kept unless the slip reaches a word used ``FORM_ODDS`` times as often as that word ("bloking" is no form
        of "bloke" but "blocking" mistyped). Else the word as typed."""
        low = word.lower()
        if len(low) < 3 or self.counts.get(low, 0) or not low.isalpha() or low in self.english or low in self.sites:
            return word
        form = self._form_uses(low)
        best, best_score, best_slip = word, 0.0, ""
        for candidate, slip in _edits1(low).items():
            if len(low) == 3 and slip != "insert":
                continue  # a three-letter word is mended only by the letter left out ("bak"): any other slip
                # of so short a word lands on too many words
            # a source's name counts as an everyday word does ("mnodaq" is mondaq, a site the corpus names in
            # its sources, not its text)
            uses = self.counts.get(candidate, 0) + (ENGLISH_USES if candidate in self.english
                                                    or candidate in self.sites else 0)
            score = uses * SLIP_WEIGHT[slip]
            if slip in _SURE_SLIPS and uses and not form and (
                    len(low) >= SURE_SLIP_LETTERS or (len(low) >= DOUBLED_SLIP_LETTERS and _doubles(low, candidate))):
                # two letters swapped, one typed twice or one left out in a long word lands on no other real
                # word: the corpus's word is meant however rarely it writes it ("virkkuenn", a name written once)
                score = max(score, MIN_CORRECTION_SCORE)
            if score > best_score:
                best, best_score, best_slip = candidate, score, slip
        # (a key pressed twice within one word's forms, "liftted" for "lifted", or on a letter English seldom doubles,
        # "billiing", is mended whatever the odds; a letter more or less at the end may be another form, "trumps",
        # and two swapped another spelling, "apologise")
        within = best_slip == "undouble" and (terms(best)[:1] == terms(low)[:1]
                                              or _RARELY_DOUBLED.search(low) is not None)
        if best_score >= MIN_CORRECTION_SCORE and (best_score > FORM_ODDS * form or within):
            return best
        return word if form else self._two_slips_away(low) or self._clipped_name(low) or word

    def surname_meant(self, word: str) -> str | None:
        """After a first name, an everyday word the corpus never uses one slip from a name it uses often ("David
        sachs": Sacks, though "sachs" is an English word to the model and so never corrected), else None."""
        low = word.lower()
        if len(low) < MIN_SURNAME_LETTERS or self.counts.get(low, 0) or not low.isalpha():
            return None
        uses, name = max(((self.counts.get(c, 0), c) for c in _edits1(low) if self.is_name(c)), default=(0, ""))
        return name if uses >= MIN_CORRECTION_SCORE else None

    def _form_uses(self, low: str) -> float:
        """How often the corpus uses the known word this one may be another form of: the words sharing its stem
        ("sued" for "suing"), or the base an ending was put on ("sign" for "signers"; an everyday English base
        counting as a few uses); 0 when it reads as no form of a known word."""
        if self._stems is None:
            stems: dict[str, int] = {}
            for known, uses in self.counts.items():
                if known.isalpha() and (found := terms(known)[:1]):
                    stems[found[0]] = stems.get(found[0], 0) + uses
            self._stems = stems
        stem = terms(low)
        by_stem = float(self._stems.get(stem[0], 0)) if stem else 0.0
        by_base = 0.0
        for ending in _ENDINGS:
            base = low[: -len(ending)]
            if low.endswith(ending) and len(base) >= 3 and base not in STOPWORDS:
                for known in (base + "e",) if _doubles_before(base, ending) else (base, base + "e"):
                    uses = self.counts.get(known, 0) + (ENGLISH_USES if known in self.english else 0)
                    by_base = max(by_base, float(uses))
        return max(by_stem, by_base)

    def _clipped_name(self, low: str) -> str | None:
        """The name a word is the clipped start of, as chat shortens names ("anthro" for Anthropic, "glasswin"):
        one the corpus names often and that no other frequent name begins the same way; else None."""
        if len(low) < CLIPPED_MIN_LETTERS:
            return None
        if self._frequent_names is None:
            self._frequent_names = sorted(w for w, uses in self.counts.items()
                                          if uses >= TWO_SLIP_MIN_USES and w.isalpha() and self.is_name(w))
        names = self._frequent_names
        found = []
        for known in names[bisect.bisect_left(names, low):]:
            if not known.startswith(low):
                break
            found.append(known)
        # (two names beginning alike, "meta" and "metadata"-like pairs, leave the word as typed)
        return found[0] if len(found) == 1 and len(low) >= CLIPPED_SHARE * len(found[0]) else None

    def _two_slips_away(self, low: str) -> str | None:
        """A long word two slips from a word the corpus uses often ("jailbrake" for "jailbreak", a letter moved):
        the most used such word, or None. Found through the words' spellings with a letter left out (built once
        from the frequent long words), so no candidate spellings are enumerated per question."""
        if len(low) < TWO_SLIP_MIN_LETTERS:
            return None
        if self._two_slip_index is None:
            index: dict[str, list[str]] = {}
            for known, uses in self.counts.items():
                if uses >= TWO_SLIP_MIN_USES and len(known) >= TWO_SLIP_MIN_LETTERS - 1 and known.isalpha():
                    for form in _with_letters_left_out(known):
                        index.setdefault(form, []).append(known)
            self._two_slip_index = index
        # sharing a spelling with a letter left out puts two words at most two slips apart; one slip was weighed
        # above (every word here is common enough to have won there); the first letter kept (a name the corpus
        # lacks is not another word: "gartner" is no "partner")
        found = {known for form in _with_letters_left_out(low) for known in self._two_slip_index.get(form, ())
                 if known[0] == low[0]}
        return max(found, key=lambda w: (self.counts[w], w)) if found else None


_RARELY_DOUBLED = re.compile(r"([aihjkquvwxy])\1")


def _doubles_before(base: str, ending: str) -> bool:
    """Whether English doubles a short word's last consonant before this ending ("tip" + "ed" is "tipped", so
    "tiped" is no form of "tip" but "tipped" mistyped): one vowel, then one consonant other than w, x or y."""
    return ending[0] in "ei" and re.fullmatch(r"[^aeiou]*[aeiou][^aeiouwxy]", base) is not None


# word endings the English vocabulary (base forms) leaves off
_ENDINGS = ("ers", "er", "ings", "ing", "ed", "es", "s", "ly")

# A word is mended two slips away only when it is long and the mended word common in the corpus: short words two
# slips apart are many ("bank" and "back" and "band"), and a rare word is as likely a different name.
TWO_SLIP_MIN_LETTERS = 7
TWO_SLIP_MIN_USES = 20

# A clipped name ("anthro") is read as the one frequent name it begins when it keeps at least this many letters and
# this share of the name's: shorter stubs begin too many words ("ant", "comm")
CLIPPED_MIN_LETTERS = 5
CLIPPED_SHARE = 0.6


def _with_letters_left_out(word: str) -> set[str]:
    """The word with none or one of its letters left out: two words sharing one of these are at most two slips
    apart ("jailbrake" and "jailbreak" both give "jailbrak"), which is all the index needs, at a size a large
    corpus's vocabulary can afford (a letter per word, not a pair)."""
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}


@cache
def english_words() -> frozenset[str]:
    """Whole words of the embedding model's WordPiece vocabulary: everyday English (30k entries), shipped
    with the model, so "stuff" is never "corrected" to a corpus word like "staff"."""
    from tokenizers import Tokenizer

    from bot.corpus.embeddings import locate_model_files

    vocabulary = Tokenizer.from_file(str(locate_model_files().tokenizer)).get_vocab()
    return frozenset(w for w in vocabulary if w.isalpha() and w.islower())


# How likely each kind of slip is, relative to leaving a letter out (the commonest typing error; swapped
# letters about as common; an extra letter less; a wrong letter least, and it is what turns one real word
# into another). Named after what the corrector does to the typed word.
SLIP_WEIGHT = {"insert": 1.0, "transpose": 1.0, "undouble": 1.0, "delete": 0.5, "replace": 0.25}
MIN_CORRECTION_SCORE = 3.0  # a correction must be a word the corpus uses at least three times (weighted)

# An everyday English word counts as that many uses: "himelf" is "himself" even where no article says it
# ("crshed" is "crashed" however rarely the corpus writes it), while a wrong letter alone (0.25) still
# needs the corpus's own evidence.
ENGLISH_USES = 3
_SURE_SLIPS = ("transpose", "undouble", "insert")
SURE_SLIP_LETTERS = 7  # from this length such a slip is read as the one word it reaches however rare
# (and from this length a doubled letter typed once, "nadela" for "Nadella", the commonest slip in names)
DOUBLED_SLIP_LETTERS = 5


def _doubles(typed: str, word: str) -> bool:
    """Whether a word is the typed one with one of its letters doubled ("nadela" → "nadella")."""
    return len(word) == len(typed) + 1 and any(word == typed[:i] + typed[i] + typed[i:] for i in range(len(typed)))

# How many times as often as the known word a typed word may be a form of ("sued" for "suing") a slip must reach
# for the typed word to be read as that slip: measured on slips put into the development questions' words (see
# the README), against the same words as typed
FORM_ODDS = 10.0
MIN_SURNAME_LETTERS = 4  # a shorter word after a first name is too often another one slip away


def _edits1(word: str) -> dict[str, str]:
    """Every string one slip away from ``word``, with the kind of slip (the likeliest kind when several
    lead to the same string)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    found: dict[str, str] = {}
    for kind, made in (
        # a wrong first letter is the rarest slip of all and what makes a name another word ("gartner" is
        # not "partner"): never read as one
        ("replace", [a + c + b[1:] for a, b in splits if a and b for c in _LETTERS]),
        # an extra letter typed before the word's first is as rare ("hstory" is no "story" but "history")
        ("delete", [a + b[1:] for a, b in splits if a and b]),
        ("undouble", [a + b[1:] for a, b in splits if len(b) > 1 and b[0] == b[1]]),  # a key pressed twice
        ("transpose", [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]),
        ("insert", [a + c + b for a, b in splits for c in _LETTERS]),
    ):
        for text in made:
            found[text] = kind  # later kinds are likelier and overwrite
    return found
