"""A follow-up read with its thread: what a question in the bot's thread refers back to.

"what about mythos?" asks the previous question again of Mythos; "the second one" is the second thing it
named; "when did it come back?" or a question naming nothing of its own carries the previous question's names,
and "what's his job?" after "who signed the order?" the person the answer named. A question that names a new
subject stands on its own, so an old topic is not dragged into a new one (:func:`resolve_followup`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from bot.answers.quoted import quoted_phrases
from bot.answers.vocabulary import english_words
from bot.nlp.calendar import MONTHS, SHORT_MONTHS, WEEKDAYS, is_month_may
from bot.nlp.places import place_terms
from bot.nlp.terms import STOPWORDS, stem, terms

# Words that refer back to something said earlier in the thread.
_ANAPHORA = re.compile(
    r"\b(?:it|its|it's|they|them|their|theirs|he|him|his|she|her|this|that|these|those|there|then|"
    r"the (?:first|second|third|other|same|latter|former|last) one|same|the (?:company|firm|model|models|order|ban|"
    r"agency|department|government))\b",
    re.IGNORECASE,
)

# "the lawsuit", "the letter": one of several the story has, so back to what the thread spoke of, when it did
# (after "what did jassy say?", "how many signed the letter?" asks about the experts' letter, not about Jassy)
_DEFINITE = re.compile(r"\bthe (lawsuit|suit|case|deal|judge|court|report|bill|letter|spokes(?:person|man|woman))\b",
                       re.IGNORECASE)

# the words a thread may have spoken of each by ("who sued?" spoke of a lawsuit)
_SPOKEN_AS = {"lawsuit": "sue sued suing suit lawsuit case court complaint", "suit": "sue sued suing suit lawsuit case",
              "case": "sue sued suing suit lawsuit case court", "court": "sue sued suing suit lawsuit case court judge",
              "judge": "judge court ruling sue sued lawsuit",
              # "what did the spokesperson say" after "did amazon comment on it?"
              **dict.fromkeys(("spokesperson", "spokesman", "spokeswoman"),
                              "spokesperson spokesman spokeswoman comment statement respond said")}

_POINTS_AT_TIME = re.compile(r"\b(?:that|this|the same) (?:day|date|week|month|morning|afternoon|evening|night|"
                             r"time)\b|\bthen\b", re.IGNORECASE)

# a figure an answer gave ("29M", "$4 billion", "80"): a value, not what a follow-up asking for a party or a place is
# about ("who was that letter addressed to?" after "how many exchanges…" is not about 29M), unless the question points
# at it ("who came up with that number?")
_FIGURE = re.compile(r"[$€£]?\d")
# (asked for a figure, "whats the compute cutoff on that rule?", the answer's figure may be it)
_ASKS_PARTY = re.compile(r"\b(?:who|whom|whose|where)\b|\bwhich\s+(?:[\w-]+\s+)?(?:person|people|company|companies|"
                         r"firm|firms|outlet|outlets|official|officials|agency|agencies|country|countries|group|groups|"
                         r"lab|labs|senators?|lawmakers?|committee)\b", re.IGNORECASE)
_POINTS_AT_FIGURE = re.compile(r"\b(?:that|this|those|these|the same)\s+(?:number|numbers|figure|figures|amount|sum|"
                               r"count|total|estimate|stat|stats|percentage|share|price|score)\b", re.IGNORECASE)
_CALENDAR_NAME = re.compile(rf"(?:{MONTHS}|{WEEKDAYS})(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?(?:,?\s+\d{{4}})?",
                            re.IGNORECASE)

_TIME_WORD = re.compile(rf"\b(?:{MONTHS}|{SHORT_MONTHS}|{WEEKDAYS})\b", re.IGNORECASE)


def _names_own_time(question: str) -> bool:
    """Whether a question names a month or weekday of its own ("who else did they accuse back in feb"): the day or
    month the thread spoke of is then not carried into it ("may" only as the month, not the verb)."""
    return any(m.group().lower() != "may" or is_month_may(question, m.start()) for m in _TIME_WORD.finditer(question))

_CONTINUES = re.compile(r"^\s*(?:and|also|plus|but|so|what about|how about|and what about|what of|ok and|"
                        r"okay and|then|same for|same question for)\b", re.IGNORECASE)

_WHAT_ABOUT = re.compile(r"^\s*(?:and\s+|ok\s+|okay\s+|so\s+)?(?:what|how)\s+about\s+(.+?)\s*\??\s*$",
                         re.IGNORECASE)

QUESTION_WORD = re.compile(r"\b(?:what|who|whom|when|where|why|how|which|did|does|do|is|are|was|were|will|"
                            r"has|have|can|could|should|would)\b", re.IGNORECASE)


def _name_spans(text: str, is_name: Callable[[str], bool]) -> tuple[list[str], list[tuple[str, int, int]]]:
    """The text's tokens, and its names and numbered names ("Fable 5", "Legion", "GPT-6") in order, each with
    the token positions it spans. A name goes on over the next capitalised word or number only across a space
    ("Wired, Tom Brown" is two names; "June 12, 2026" a date and a year)."""
    found: list[tuple[str, int, int]] = []
    matches = list(re.finditer(r"[A-Za-z][\w.\-]*|\d(?:[\w.]|,(?=\d{3}(?!\d)))*", text))  # "200,000" is one
    tokens = [m.group() for m in matches]

    def ends_sentence(token: str) -> bool:
        return token.endswith(".") and "." not in token[:-1]  # a full stop, not "U.S."

    i = 0
    while i < len(tokens):
        token, first = tokens[i], i
        # a capital opening a quotation opens its sentence ("Trump said, “Well, not now…”"): no name by that alone
        opens_quote = i > 0 and text[matches[i - 1].end():matches[i].start()].rstrip().endswith(("“", '"', "‘"))
        if (token[0].isupper() and i > 0 and not opens_quote) or is_name(token) or \
                any(ch.isdigit() for ch in token[1:]):
            phrase = [token]
            while (i + 1 < len(tokens) and (tokens[i + 1][0].isdigit() or tokens[i + 1][0].isupper())
                   and not text[matches[i].end():matches[i + 1].start()].strip() and not ends_sentence(tokens[i])):
                i += 1
                phrase.append(tokens[i])
            if ends_sentence(phrase[-1]):
                phrase[-1] = phrase[-1][:-1]
            found.append((" ".join(phrase), first, i))
        i += 1
    return tokens, found


def _names(text: str, is_name: Callable[[str], bool]) -> list[str]:
    """Names and numbered names in a text ("Fable 5", "Legion", "GPT-6"), in order."""
    return [name for name, _, _ in _name_spans(text, is_name)[1]]


def _spoken_of(noun: str, texts: Sequence[str]) -> bool:
    """Whether a thread's texts spoke of what "the <noun>" names (by the noun or a word for the same thing)."""
    said = {t for text in texts for t in terms(text)}
    return bool(said & set(terms(_SPOKEN_AS.get(noun.lower(), noun))))


POINTS_AT_ANSWER = re.compile(r"\b(?:he|him|his|she|her|they|them|their|that|this|those|these)\b", re.IGNORECASE)
_PERSON_WORDS = "he|him|his|she|her|hers"
_PERSON_PRONOUN = re.compile(rf"\b(?:{_PERSON_WORDS})\b", re.IGNORECASE)

# A pronoun for a party the question opens with ("how much did they put into anthropic", "what did she conclude
# about the amazon report"): only question words and auxiliaries before it, so it means someone the thread spoke
# of, whatever the question names after it ("did anthropic say when they'd…", "what error did developers get
# when they…" are bound by the words before it).
_PARTY_PRONOUN = re.compile(rf"\b(?:{_PERSON_WORDS}|they|them|their)\b", re.IGNORECASE)

# (and the chat words before a question's subject: "wait was that…", "ok did they…")
_OPENING_WORDS = STOPWORDS | frozenset(
    "whats hows whos whens wheres long could dont didnt doesnt wasnt werent isnt arent havent hasnt hadnt cant "
    "wont wouldnt couldnt wait hold so ok okay and but hmm lol".split())

# "was that before or after fable dropped?", "is this the same as the uk carve-out": the thing the thread spoke of is
# the question's subject, whatever else it names ("it" is not: "was it june 12 or 13 when commerce acted?" asks
# about Commerce)
_DEMONSTRATIVE = re.compile(r"\b(?:that|this)\b", re.IGNORECASE)

# "that" or "this" standing for a thing, not before one or a clause: "is anthropic gonna fix that or is it permanent?"
_DEMONSTRATIVE_THING = re.compile(r"\b(?:that|this)\s*(?:[?.!,;]|$|\b(?:or|and|but|tho|though|too|again|anymore|yet|"
                                  r"now|lol|permanently|at all)\b)", re.IGNORECASE)


# "it" as the subject a question asks of ("when did it drop compared to the fable shutdown", "how does it compare to
# gpt-5.6"): the thing the thread spoke of, whatever else the question names ("is it" and "was it" often open a
# question that names its own subject: "was it june 12 or 13 when commerce acted?")
_IT_ASKED_OF = re.compile(r"^\W*(?:(?:and|so|ok|okay|but|wait)\W+)*"
                          r"(?:(?:(?:when|why|where|what|which|how(?:\s+[a-z]+)?)\s+)?"
                          r"(?:did|does|do|has|had|have|will|would|can|could|should)\s+it\b(?!['’])|"
                          # "why is it in every fable thread", "where is it available": asked why or where of it
                          r"(?:why|where|how come)\s+(?:is|was|are|were)\s+it\b(?!['’]))", re.IGNORECASE)


# words that only colour a short follow-up ("how many fake accounts tho"): not a word of a question of its own
_FILLER = frozenset("though tho then exactly again actually really anyway lol like".split())


def _opens_with(pronoun: re.Pattern[str], question: str) -> bool:
    """Whether the question opens with ``pronoun``: only question words and auxiliaries before it."""
    match = pronoun.search(question)
    before = question[:match.start()].lower().replace("'", "").replace("’", "") if match else ""
    return match is not None and all(word in _OPENING_WORDS for word in re.findall(r"[a-z]+", before))


# "who is Katie Moussouris?": the answer is about the one asked about, whom "she" then means.
_ASKS_ABOUT = re.compile(r"^\W*who\s+(?:is|was|are|were|'s)\b", re.IGNORECASE)

# A question whose answer names someone or something a pronoun can then mean ("who signed it?" → "his job").
ASKS_WHO = re.compile(r"^\W*(?:(?:and|so|ok|okay|but)\s+)?(?:who|whom|whose|which)\b", re.IGNORECASE)

# "all this" is the whole story ("who's Sarah Heck in all this?"), not something said earlier.
_ALL_THIS = re.compile(r"\ball (?:this|that)\b", re.IGNORECASE)

# A possessive bound inside the question by what it asks about ("which labs let caisi see their models",
# "who lost their access"): it points at the asked subject, not back at the thread ("who is their ceo" asks whose)
_BOUND_POSSESSIVE = re.compile(r"(\b(?:which\s+[a-z]+|who(?!(?:\s+is|\s+was|\s+are|\s+were|['’]s)\s+"
                               r"(?:their|its|his|her)\b))\b[^?]*?)\b(?:their|its|his|her)\b", re.IGNORECASE)

# "the first one", "the second one", "the latter": one of the things the thread named, by its place.
_ORDINAL = re.compile(r"\bthe\s+(?:(first|second|third|last|1st|2nd|3rd)\s+one|(former|latter))\b", re.IGNORECASE)
_PLACES = {"first": 0, "1st": 0, "former": 0, "second": 1, "2nd": 1, "latter": -1, "last": -1, "third": 2, "3rd": 2}

# "and Opus 4.8 on it?", "same for Mythos?": the previous question again, about another named thing.
_ELLIPSIS = re.compile(
    r"^\s*(?:and|also|ok and|okay and|same for|same with|same question for|now)\s+(?P<subject>.+?)"
    r"(?:\s+(?:on|for|with|about|in|at)\s+(?:it|that|this|them|(?:the\s+)?same(?:\s+[\w-]+)?|(?:that|this)\s+[\w-]+))?"
    r"\s*(?:too|as well|then|though|tho)?\s*\??\s*$",
    re.IGNORECASE)


def _by_place(question: str, named: Sequence[str]) -> str:
    """"who could use the second one?" after a question naming Fable 5 and Mythos 5: "who could use Mythos 5?"."""
    match = _ORDINAL.search(question)
    if not match or len(named) < 2:
        return question
    place = _PLACES[(match.group(1) or match.group(2)).lower()]
    if place >= len(named):
        return question
    return question[:match.start()] + named[place] + question[match.end():]


_CALENDAR_WORD = re.compile(rf"^(?:{MONTHS}|{WEEKDAYS})\b")
_ASKED_WORD = re.compile(r"[a-z]{3,}")

# words that ask nothing of their own: the term index's stopwords and two it keeps
_ASKED_STOPWORDS = STOPWORDS | frozenset({"could", "still"})

# the verb a who-question asks with ("who flagged the jailbreak to the government?"): the one who did it is named
# next to it, not next to the government it was flagged to
_WHO_VERB = re.compile(r"^\W*(?:(?:and|so|ok|okay|but)\s+)?who\s+([a-z]{3,})\b", re.IGNORECASE)

# The last word of an institution's name: "he" or "she" is not the White House or the Commerce Department.
_INSTITUTION = re.compile(
    r"(?:House|Department|Office|Commission|Bureau|Agency|Administration|Council|Committee|Court|Senate|Congress|"
    r"Ministry|Institute|University|Group|Labs?|Inc|Corp|Company|Post|Times|News|Journal|Street|Index|Program|"
    r"Regulations?|Rules?|Act|Law|Order|Directive|Commerce|Security)\.?",
    re.IGNORECASE)

_TITLE_WORD = re.compile(r"[A-Z][a-z]{2,}")


def names_person(name: str) -> bool:
    """Whether a name as written is a person's ("Commerce Secretary Howard Lutnick", "Trump"), not a body's ("the
    Commerce Department", "Bureau of Industry and Security", "BIS"): its last word a capitalised word that ends no
    institution's name."""
    words = name.split()
    return bool(words) and bool(_TITLE_WORD.fullmatch(words[-1])) and not _INSTITUTION.fullmatch(words[-1])


ANSWERED_NAME_DISTANCE = 8  # words from a word the who-question asked with to the name that answers it


def _person_answered(answered: str, previous: str, question: str, is_name: Callable[[str], bool]) -> list[str]:
    """The names (not dates or times) the answer to a who-question gave that neither question names (by last word:
    "South Korean" is the "Korean" asked about). When the answer uses the question's verb, the ones named as doing
    it, nearest first ("Amazon's team flagged a jailbreak to the White House": Amazon; "the order, signed by Howard
    Lutnick"; a one-word name only for "they"); otherwise the full names nearest to the words the question asked
    with: the answer to "who ordered the ban?" says "the order, signed by …", so "his" is Lutnick, not "June 12".
    Asked with "he" or "she", an institution's name is not one."""
    person = bool(_PERSON_PRONOUN.search(question))
    tokens, spans = _name_spans(answered, is_name)
    lowered = [t.lower() for t in tokens]
    # by stem: the answer to "who ordered the ban?" says "the order, signed by …"
    asked = {stem(w) for w in set(_ASKED_WORD.findall(previous.lower())) - _ASKED_STOPWORDS}
    said = set(re.findall(r"[a-z0-9]+", f"{previous} {question}".lower()))
    names = [(order, name, first, last) for order, (name, first, last) in enumerate(spans) if not (
        (first == last and person) or not (words := re.findall(r"[a-z]+", name.lower())) or words[-1] in said
        or name[0].isdigit() or name[-1].isdigit()
        or _CALENDAR_WORD.match(name)  # "Mythos 5" is a model, not a party who did or said something
        or (person and _INSTITUTION.fullmatch(name.split()[-1]))
        or (first > 0 and lowered[first - 1] in ("a", "an")))]  # "a San Jose startup": it describes
    verb = _WHO_VERB.match(previous)
    acts = [i for i, w in enumerate(lowered) if verb and verb.group(1).lower() not in _ASKED_STOPWORDS
            and stem(w) == stem(verb.group(1).lower())]
    # who did what was asked is named before the verb ("Amazon's security team flagged a jailbreak to the White
    # House") or after "by" ("the order, signed by Howard Lutnick"), not where the act went
    doers = sorted((min(abs(i - (last if first < i else first)) for i in acts), order, name)
                   for order, name, first, last in names
                   if any(last < i or (first > i and "by" in lowered[max(i, first - 2) : first]) for i in acts))
    found = [(d, order, name) for d, order, name in doers if d <= ANSWERED_NAME_DISTANCE]
    if not found:  # no one named as doing it: the full name nearest any word asked with
        for order, name, first, last in names:
            if first == last:
                continue
            near = [abs(i - (first if i < first else last)) for i, w in enumerate(lowered)
                    if stem(w) in asked and not first <= i <= last]
            found.append((min(near, default=len(tokens)), order, name))
    # a name far from every word asked with is not who did it ("A San Jose startup sued … twelve days after the
    # Commerce Department directive": the answer named no party; the thread's question is carried instead)
    return [name for distance, _, name in sorted(found) if distance <= ANSWERED_NAME_DISTANCE]


def _reports(name: str, answered: str) -> bool:
    """Whether the answer names this party only as the source of what it says ("The Cloud Security Alliance reports
    that…", "according to Reuters"): the thread's subject is what was reported, not the reporter."""
    name_pattern = re.escape(name)
    sourced = re.finditer(rf"\baccording to (?:the )?{name_pattern}\b|\b{name_pattern}\s+(?:reports?|reported|"
                          rf"reporting)\b", answered, re.IGNORECASE)
    return sum(1 for _ in sourced) == len(re.findall(rf"\b{name_pattern}\b", answered, re.IGNORECASE))


def _asks_about_named(question: str, is_name: Callable[[str], bool], answered: str | None = None) -> bool:
    """"who is Katie Moussouris?": asked about someone it names, not described ("who is Anthropic's
    international chief?"); a name typed in lowercase that the corpus rarely uses counts when the answer
    (``answered``) writes it as one ("who is jeffrey kessler?" answered "…BIS Undersecretary Jeffrey Kessler")."""
    about = _ASKS_ABOUT.match(question)
    if not about:
        return False
    written = set(re.findall(r"\b[A-Z][\w'’-]*", answered or ""))
    words = [re.sub(r"['’]s$", "", w) for w in re.findall(r"[A-Za-z][\w'’.-]*", question[about.end():])]
    return bool(words) and all(w[0].isupper() or is_name(w) or w[:1].upper() + w[1:] in written for w in words)


def _place_word(previous: str, subject: str) -> re.Match[str] | None:
    """The word naming a country or region (or its people) in the earlier question, when the subject asked about
    instead is one too: none when either is not a place or they are the same place."""
    places = place_terms()
    wanted = terms(subject)
    if not wanted or not all(t in places for t in wanted):
        return None
    for match in re.finditer(r"[A-Za-z]+", previous):
        found = terms(match.group())
        if found and all(t in places for t in found) and not set(found) & set(wanted):
            return match
    return None


_PEOPLE_ENDING = re.compile(r"(?:ese|ish|ian|ean|ch|i)$", re.IGNORECASE)


def _as_people_word(place: str, replaced: str) -> str:
    """A place asked about instead of a people's word ("indian") as its own people's word, the first of the usual
    endings that makes an everyday English word ("japan" → "japanese"); else the place as asked."""
    if " " in place or not _PEOPLE_ENDING.search(replaced):
        return place
    low = place.lower()
    english = english_words()
    return next((w for w in (low + "ese", low + "ian", low[:-1] + "ian", low + "n", low + "ean", low + "ish")
                 if w in english), place)


# a follow-up that is only a question word ("when?", "since when??", "why tho", "how long exactly?"): it asks that of
# the previous question, all of it, not of its names alone
_BARE_QUESTION = re.compile(r"^\W*(?:(?:and|but|so|ok|okay)\W+)?(?:(?:since|until|till|for|from)\s+)?"
                            r"(?:when|why|where|how long|how much|how many|how come|how so|what for|"
                            # "for who?" after "when did mythos come back?": whom it came back for
                            r"(?:for|by|to|with|from)\s+whom?)"
                            # "when was that?", "why did that happen": "that" is what the question before asked of
                            r"(?:\s+(?:was|is|did)\s+(?:that|this)(?:\s+happen)?)?"
                            r"(?:\W+(?:tho|though|exactly|then|again))?\W*$", re.IGNORECASE)


def resolve_followup(question: str, earlier: Sequence[str], is_name: Callable[[str], bool],
                     answered: str | None = None, site_named: Callable[[str], str | None] | None = None,
                     same_message: bool = False, takes_number: Callable[[str], bool] = lambda _w: False) -> str:
    """A question read with the thread's earlier (already resolved) questions.

    - "what about X?" (or "and X on it?", "same for X?") asks the previous question again about X: the
      previous question's name is replaced by X ("when did Fable come back?" + "what about Mythos?"
      → "when did Mythos come back?");
    - "the second one" is the second thing the previous question named;
    - a question that refers back ("when did it come back?", "and in which court?") or names nothing
      of its own gets the previous question's names added, and when it points at what was answered
      ("what's his job?" after "who signed the order?") the names the previous answer (``answered``,
      its lead) gave: for "he" or "she" after a who-question, the person it named; a later part of the same
      message (``same_message``) that names nothing of its own goes on with the part before it; a model
      (``takes_number``: a name written before a version) replaces a model;
    - any other question stands on its own: a new topic is not mixed with the old one.
    """
    if not earlier:
        return question
    previous = earlier[-1]
    before = _names(previous, is_name)
    question = _by_place(question, before)
    own = _names(question, is_name)
    about = _WHAT_ABOUT.match(question)
    ellipsis = _ELLIPSIS.match(question) if own and not QUESTION_WORD.search(question) else None
    if ellipsis and ellipsis.group("subject") in own:
        subject = ellipsis.group("subject")
    elif about:
        pieces = re.split(r"\s*(?:[,;:—–]|\s-\s)\s*", about.group(1), maxsplit=1)
        subject, rest = pieces[0], pieces[1] if len(pieces) > 1 else ""
        if len(re.findall(r"[A-Za-z]{2,}", rest)) >= 2:  # "what about Korea, any deal with them?": its own question
            return f"{rest.rstrip(' ?')} ({subject})?"
        if not before:
            subject = ""
    else:
        subject = ""
    if subject and (place := _place_word(previous, subject)) is not None:
        # "what about japan?" after "which indian company was anthropic partnering with?": the place for the place,
        # its people's word for a people's word ("which japanese company…")
        said, start = _as_people_word(subject, place.group()), place.start()
        article = re.search(r"\bthe\s+$", previous[:start], re.IGNORECASE)
        if article and re.match(r"the\s", said, re.IGNORECASE):
            said = said[4:].lstrip()  # "the EU" → "the UK", not "the the UK"
        elif article and not said.isupper():
            start = article.start()  # "the EU" → "Japan", not "the Japan"
        return previous[:start] + said + previous[place.end():]
    if subject and before:
        # a day for a day, a thing for a thing: "and mythos?" after "what happened on july 1?" asks what happened to
        # Mythos that day, not what happened on Mythos
        dated = bool(_CALENDAR_NAME.fullmatch(subject))
        alike = [n for n in before if bool(_CALENDAR_NAME.fullmatch(n)) == dated]
        # a model for a model (``takes_number``: written before a version): "and mythos?" after "when did commerce
        # lift the controls on fable?" asks when they were lifted on Mythos, not when Mythos lifted them
        model = takes_number(subject.split()[0])
        alike = [n for n in alike if takes_number(n.split()[0]) == model] or alike
        replaced = previous.replace(max(alike, key=len), subject, 1) if alike else previous
        return replaced if replaced != previous else f"{previous.rstrip(' ?')} ({subject})?"
    site = site_named(previous) if site_named is not None else None
    if site and site.lower() not in question.lower() and _SOURCE_SAYS.search(question):
        # "how did eyeon.ai characterise the letter, and what did it say commerce's answer could lead to?": "it" is
        # the site, whatever else the question names
        return f"{question.rstrip(' ?')} ({site})?"
    if _BARE_QUESTION.match(question):  # "since when?" after "is fable back?": since when it is back
        return f"{question.rstrip(' ?')} ({_whole_question(previous)})?"
    unbound = _BOUND_POSSESSIVE.sub(r"\1", _ALL_THIS.sub("", question))
    refers_back = bool(_ANAPHORA.search(unbound)) or bool(_CONTINUES.match(question)) or any(
        _spoken_of(m.group(1), [*earlier[-1:], answered or ""]) for m in _DEFINITE.finditer(unbound))
    # "what does Anthropic say in response to his account?" after "what is David Sacks' version…": "his" is the person
    # the thread named when the question names no one the thread has not (the answer said "Anthropic refused…")
    spoken = f"{previous} {answered or ''}".lower()
    points_back = _opens_with(_PARTY_PRONOUN, unbound) or bool(_IT_ASKED_OF.match(unbound)) or (
        bool(_PERSON_PRONOUN.search(unbound)) and any(map(names_person, before))
        and not any(names_person(n) and n.lower() not in spoken for n in own))
    if own and not points_back and (_opens_with(_DEMONSTRATIVE, unbound) or _DEMONSTRATIVE_THING.search(unbound)):
        # what "that" is, the question before asked about: "was that before or after fable dropped?" after "when
        # did anthropic file its ipo paperwork?" asks of the filing, not of Fable
        return f"{question.rstrip(' ?')} ({_topic_of(previous)})?"
    # a later part of one message that names nothing of its own goes on with the part before it ("…what was still
    # holding up lifting the fable curbs? like who still had to sign off"), however many words it has
    if (refers_back and (not own or points_back)) or (
            not own and (same_message or len([w for w in re.findall(r"[A-Za-z]{3,}", question)
                                              if w.lower() not in _FILLER]) <= 4)):
        carried = [n for n in before if n.lower() not in question.lower()
                   and not (_CALENDAR_NAME.fullmatch(n) and _names_own_time(question))]
        if (points_back or _PERSON_PRONOUN.search(question)) and ASKS_WHO.match(_topic_of(previous)):
            # "she" after "who is Katie Moussouris?" is named already
            if not _asks_about_named(previous, is_name, answered):
                person = _person_answered(answered, previous, question, is_name)[:1] if answered else []
                # "what's his job?" after "who signed the order?": the person answered; with none, "when did he
                # say that?" after "who's Anthropic's international chief, the 'within days' guy?" is about whom
                # the question described, in its words, not its names
                carried = [*person, *carried] if person else []
        elif answered and POINTS_AT_ANSWER.search(question):
            # of the names an answer gave, a month or weekday is a value, not a subject ("did they win?" after
            # "…filed on Tuesday in Washington" is not about Tuesday), unless the question points at a time ("what
            # else happened that day?"); "the monday meeting" the earlier question asked of is carried either way
            dated = bool(_POINTS_AT_TIME.search(question))
            counted = bool(_POINTS_AT_FIGURE.search(question)) or not _ASKS_PARTY.search(question)
            given = [n for n in _names(answered, is_name) if n not in carried and n.lower() not in previous.lower()
                     and (dated or not _CALENDAR_NAME.fullmatch(n)) and (counted or not _FIGURE.match(n))
                     and not _reports(n, answered)]
            carried += given[:2]
        # words the earlier question quoted ("that 'europe is watching the lights go out' blog") name the page
        # "the writer" and "it" are about: carried in quotation marks, so the page is read again
        quoted = [f"“{p}”" for p in quoted_phrases(previous) if p.lower() not in question.lower()]
        quoted += [site] if site and site.lower() not in question.lower() else []  # and the site it named
        carried = [*quoted, *(n for n in carried if not any(n.lower() in q.lower() for q in quoted))]
        if carried and _IT.search(question) and (thing := _THING.search(previous)) is not None \
                and thing.group(1).lower() not in question.lower():
            # "it" is the thing the question before asked of, not only its names: "and who was it addressed to?"
            # after "who signed the letter that made anthropic pull fable?" asks of the letter
            carried = [thing.group(1), *carried]
        if carried:
            return f"{question.rstrip(' ?')} ({', '.join(dict.fromkeys(carried))})?"
        subject = _SUBJECT_ASKED.match(previous)
        if subject is not None and _IT.search(question):
            # "when did it end?" after "when did the ban start": asked of the ban, not of its start, and in the
            # question's own words (a topic in brackets weighs as much as the question's own verb)
            return _IT.sub(subject.group(1), question, count=1).rstrip(" ?") + "?"
        return f"{question.rstrip(' ?')} ({_topic_of(previous)})?"
    if _SAID_OF_NOTHING.match(question):
        # "what did the white house say?" after "did the uk ask for an exemption?": what it said of that, though the
        # question names a party of its own (a party's words are always about something)
        return f"{question.rstrip(' ?')} ({_topic_of(previous)})?"
    return question


# a party's words asked of nothing named: "what did the white house say", "how did china react to that"
# (only these verbs, not all of speakers' verbs of saying: "what did okafor answer?" after a question about a site's
# piece asks of that person, not of the piece)
_SAID_OF_NOTHING = re.compile(
    r"^\W*(?:(?:and|so|ok|okay|but|wait)\W+)*(?:what|how)\s+(?:did|does|do|has|have|had)\s+(?:the\s+)?"
    r"[\w'’. -]{2,40}?\s+(?:say|said|respond|responded|react|reacted|reply|replied|comment|commented|think|"
    r"make of it)(?:\s+(?:to|about|on)\s+(?:it|that|this))?\W*$", re.IGNORECASE)


_IT = re.compile(r"\bit\b(?!['’])")
# the things of the story a question asks of, which a follow-up's "it" may be ("the letter", "the executive order")
# (after a determiner or a possessive, as a noun: "what did Lutnick order" asks of no order)
_THING = re.compile(r"\b(?:the|that|this|its|their|his|her|[\w-]+['’]s)\s+(?:[\w'’-]+\s+){0,3}?"
                    r"(executive order|open letter|letter|directive|lawsuit|complaint|deal|agreement|classifier|"
                    r"exemption|licen[cs]e|review|summit|hearing|bill|report|paper|programme|program|order|ban)\b",
                    re.IGNORECASE)

# a page's words asked for ("what did it say", "does the writer think"): of a site the question before named
_PAGE = r"(?:it|they|the\s+(?:author|writer|piece|post|article|blog|op-?ed|site|newsletter|writeup|write-up))"
_SAY = r"(?:say|said|says|argue[sd]?|think|thinks|call|calls|called|claim|claims|describe[sd]?|recommend(?:s|ed)?|" \
       r"suggest(?:s|ed)?|mention(?:s|ed)?|predict(?:s|ed)?|list(?:s|ed)?)"

_SOURCE_SAYS = re.compile(rf"\b{_PAGE}\s+{_SAY}\b|\b(?:did|does|do)\s+{_PAGE}\s+{_SAY}\b", re.IGNORECASE)

# a question asked of one thing ("when did the ban start", "how long was the outage", "why was the order issued"):
# its subject, which "it" in the next question stands for (see resolve_followup)
_SUBJECT_ASKED = re.compile(r"^\W*(?:when|why|where|how(?: long| often| much| many)?)\s+(?:did|does|do|was|is|were|are|"
                            r"has|have|had|will|would)\s+((?:the|its|their|this|that)\s+[a-z][\w-]*)(?:\s+[a-z]|\W*$)",
                            re.IGNORECASE)


def _whole_question(previous: str) -> str:
    """The question before, all of it: when it was itself read with what it carried ("when did it get pulled
    (Fable)?"), with that put where its "it" or "they" stands ("when did Fable get pulled"); "why tho" next asks
    why Fable was pulled, not why about Fable."""
    split = _asked_and_carried(previous)
    if split is None:
        return previous.rstrip(" ?")
    asked, carried = split
    pronoun = _CARRIED_PRONOUN.search(asked)
    if pronoun is None or QUESTION_WORD.search(carried):  # "did they win (who sued over the ban)?" stays a question
        return f"{asked.rstrip(' ?')}, {carried}"
    return asked[: pronoun.start()] + carried + asked[pronoun.end() :].rstrip(" ?")


def _asked_and_carried(previous: str) -> tuple[str, str] | None:
    """A question read with what its thread carried, split into the two ("when did it get pulled", "Fable"); None
    when it carried nothing."""
    opened, closed = previous.find(" ("), previous.rstrip(" ?").rfind(")")
    return (previous[:opened], previous[opened + 2 : closed]) if 0 < opened < closed else None


# the names or question a follow-up was given from the thread, added after it in brackets ("and the context window
# (Max, Fable 5)?"): what it carried, for those that read the follow-up apart from it
CARRIED_TOPIC = re.compile(r"\(([^()]*)\)\W*$")


def asked_alone(question: str) -> str:
    """A follow-up's own words: the question without the topic its thread carried in ("who was the letter addressed
    to (what did the experts say)?" asks who it was addressed to)."""
    return CARRIED_TOPIC.sub("", question)
_CARRIED_PRONOUN = re.compile(r"\b(?:it|they|them)\b(?!['’])", re.IGNORECASE)


def _topic_of(previous: str) -> str:
    """What a follow-up carries of the question before it: that question, or, when it was itself a follow-up read
    with what it carried ("did they win (who sued over the ban)?"), what it carried: "what was their argument?"
    next asks about who sued, not about winning."""
    split = _asked_and_carried(previous)
    return split[1] if split is not None else previous.rstrip(" ?")
