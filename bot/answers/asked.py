"""What a question asks about and for, read from its words: the kind of value (a count and of what, a date, a
figure, an office, a model's name), and whether the best sentences give the count or the name asked for. A
question asking how many or which one, whose best sentences give no such count or name, is one the reporting
does not answer (:func:`uncounted`, :func:`unnamed`); the disputes an answer shows are chosen by the kind asked.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Sequence
from typing import Any, NamedTuple

from bot.answers.answer_sentence import value_near
from bot.answers.answer_type import NEAR_WORDS, NUMBER, VALUE_WORD, WHEN
from bot.answers.candidate import Candidate
from bot.answers.followups import asked_alone
from bot.answers.retrieve import STOPWORDS, terms
from bot.answers.value_text import without_versions
from bot.facts.read import ISSUER, ROLE
from bot.nlp.calendar import DAY_MONTH, MONTH_DAY, MONTHS, SHORT_MONTHS, WEEKDAYS
from bot.nlp.places import place_terms
from bot.nlp.terms import name_terms
from bot.nlp.values import NUMBER_WORD

_EVERYONE = (r"every(?:one|body| user| customer)|all (?:users|customers)|worldwide|global(?:ly)?|"
             r"(?<!non-)(?<!non )americans?|(?:us|u\.s\.|american) (?:users|citizens|customers|people|devs|developers|"
             r"companies)|people in (?:the )?(?:us|u\.s\.|america|states)")

_FOREIGNERS = (r"foreign(?:ers| nationals?| users)?|non[- ]?americans?|non[- ]?us(?: users| citizens| people)?|"
               r"outside (?:the )?(?:us|u\.s\.?|united states|america)")

# The words with which a question asks for a kind of value (or names one): an answer shows a disagreement
# over that kind only then. Asked "who sued?", the launch date the same sentences mention is not the point;
# asked "when did it come back?" or "54 or 76 signers?", a dispute over it is. Replayed on the development
# questions' answers (before numbered names were set apart), this kept 19 of the 26 expected disagreements
# (8 of the 9 shown with their values) and dropped 127 of the 179 shown on questions not about a dispute.
ASKS_FOR_KIND = {
    "party": ISSUER.cues,
    # (a bare day number, not a count of something: "30 days", "54 names")
    "date": re.compile(rf"\b(?:when|whens|date|day|since|until|how soon|{MONTHS})\b|\b\d{{1,2}}(?:st|nd|rd|th)?\b"
                       r"(?!\s*(?:%|percent|[a-z]{3,}))", re.IGNORECASE),
    "duration": re.compile(r"\bhow long\b|\bhow much (?:notice|time|warning|heads[- ]?up)\b|"
                           r"\bany (?:notice|warning|heads[- ]?up)\b|\b(?:days?|weeks?|hours?|minutes?|months?)\b|"
                           r"\b(?:notice|warning|grace) (?:period|window)\b", re.IGNORECASE),
    # ("how much better than opus" asks no amount of money)
    "money": re.compile(r"\bhow much\b(?!\s+(?:better|worse|more|less|faster|slower|bigger|smaller|stronger|weaker|"
                        r"smarter|higher|lower|longer|shorter|time|notice|warning|of)\b)|\$|\b(?:cost|costs|pric\w*|pay|"
                        r"paid|fee|dollars?|cheap\w*|expensive|per token)\b", re.IGNORECASE),
    # who holds an office: "who was the national cyber director?", "what's the name of amazon's ceo?"
    "person": re.compile(r"\bwho(?:s|'s| is| was)?\b|\bwhich (?:\w+ )?(?:official|person|secretary|director|ceo|"
                         r"executive|chief)\b|\bname\b", re.IGNORECASE),
    # whether a scheme binds: "is the review mandatory or voluntary?", "is it optional?" (the word as what is asked,
    # not describing a noun: "has meta joined the voluntary review?" asks something else); a follow-up's topic
    # carried in brackets after it ("is it mandatory (the June 2 order)?") still ends the question
    "obligation": re.compile(r"\b(?:voluntary|mandatory|optional|required|compulsory|binding|opt[- ]in)\b"
                             # "is the review required for every lab?": whom it binds still asks whether it binds
                             r"(?=\s*(?:[?!.,;(]|or\b|and\b|$|for (?:every|all|each|any)\b))", re.IGNORECASE),
    # whom an order covered, asked as a choice ("was the ban on everyone or just non-americans?") or as a question
    # of whom ("who did the order cover?"), not a mention of foreigners ("what license did foreigners need?")
    "scope": re.compile(rf"\b(?:{_EVERYONE})\b[^?]{{0,40}}\bor\b[^?]{{0,20}}\b(?:{_FOREIGNERS})\b|"
                        rf"\b(?:{_FOREIGNERS})\b[^?]{{0,40}}\bor\b[^?]{{0,20}}\b(?:{_EVERYONE})\b|"
                        r"\bwho(?:m)? (?:did|does|was|were|is)\b[^?]{0,40}\b(?:cover|apply|affect|includ|target)\w*|"
                        # "was it only about foreign users?", "did it apply to us citizens too?"
                        rf"\b(?:only|just)\s+(?:\w+\s+)?(?:{_FOREIGNERS})\b|"
                        # "a site says only american citizens could still use it": who kept access, said as a claim
                        rf"\b(?:only|just)\s+(?:{_EVERYONE})\s+(?:could|can|kept|keep|still|had|have|were)\b|"
                        rf"\b(?:apply|applied|cover|covered|affect|affected|includ\w*)\s+(?:to\s+)?(?:{_EVERYONE})\b"
                        r"[^?]{0,10}\b(?:too|as well|also)\b|"
                        # "did the order cover us citizens?" (whom it reached; "affect" may ask what it did to them)
                        rf"\b(?:did|does|do|was|were|is)\b[^?]{{0,40}}\b(?:apply|applied|cover|covered|includ\w*)\s+"
                        rf"(?:to\s+)?(?:{_EVERYONE}|{_FOREIGNERS})\b|"
                        # "what did the ban cover?", "who did the order apply to"
                        r"\bwhat (?:did|does|do) (?:the |that |this )?(?:ban|order|directive|restrictions?|controls?|"
                        r"shutdown) (?:cover|apply to|include)\b|"
                        # "could americans still use fable during the ban?": whether the order reached them (not
                        # "can us users access it?", which asks about now)
                        rf"\b(?:could|can|were|was|did)\s+(?:{_EVERYONE})\s+(?:still\s+)?(?:use|access|get|keep|"
                        r"able to)\b[^?]{0,40}\b(?:during|while|under)\b|"
                        # "were american users cut off too?", "did us citizens lose access as well?"
                        rf"\b(?:{_EVERYONE})\s+(?:\w+\s+)?(?:cut off|blocked|locked out|affected|hit|lose|lost)\b"
                        r"[^?]{0,20}\b(?:too|as well|also)\b|"
                        # "was fable cut off for americans too?"
                        rf"\b(?:cut off|blocked|locked out|banned|shut off|pulled)\s+(?:for|to)\s+(?:{_EVERYONE})\b"
                        r"[^?]{0,10}\b(?:too|as well|also)\b",
                        re.IGNORECASE),
    # what set the order off: "what actually triggered the ban?", "why did the govt pull fable?"
    "cause": re.compile(r"\b(?:trigger\w*|prompted|caus(?:e|ed)|why|reasons?|led to|set off|sparked|behind|"
                        r"started|kicked off|tipped off|tip(?:ped)? (?:them|the \w+) off|blew the whistle)\b",
                        re.IGNORECASE),
    # a size in tokens: "how big is its context window?", "how long can the prompts be?"
    # ("per million tokens" and "tokens per second" are units of a price and a speed, not a size)
    "tokens": re.compile(r"\bhow (?:big|large|long can)\b|\b(?:context|window|size)\b|"
                         r"(?<!per )\b(?:how many|\d[\d,.]*\s*(?:k|m|million|thousand)?)[\s-]*tokens?\b"
                         r"(?!\s*(?:per|/))",
                         re.IGNORECASE),
}

# "the signer count", "headcount" ask for a figure; "does it count as" does not
_COUNT_NOUN = r"\b(?:head)?count\b(?!\s+as\b)"

_ASKS_FOR_COUNT = re.compile(rf"\bhow many\b|\bnumber of\b|{_COUNT_NOUN}|\d", re.IGNORECASE)

# a numbered name ("Fable 5", "GPT-5.6", "Opus 4.8"): its number is no date or count
NUMBERED_NAME = re.compile(rf"\b(?!(?:{MONTHS})\b)([A-Z][\w.]*)[\s-]\d[\d.]*\b")


class ModelAsked(NamedTuple):
    written: str  # as the question writes it, version and all ("Fable 5")
    named: re.Pattern[str]  # how a sentence names it: with that version, or by its name with none ("Fable scored…")
    name: str  # its name alone ("Fable")


def model_written(question: str) -> ModelAsked | None:
    """The one model a question names with its version ("Fable 5", "GPT-5.6"; "Quill 3" is not Quill 4); None for
    no model or two (a comparison, which either's figure may answer)."""
    models = {m.group(0): (m.group(1), question[m.end(1) + 1 : m.end()]) for m in NUMBERED_NAME.finditer(question)}
    if len(models) != 1:
        return None
    written, (model, version) = models.popitem()
    return ModelAsked(written, re.compile(rf"\b{re.escape(model)}(?:[\s-]{re.escape(version)}\b|\b(?![\s-]\d))",
                                          re.IGNORECASE), model)

# what "how many …" counts: a count of people is not asked by "how many pages", nor one of organisations by
# "how many people"
_COUNTED = {
    "people": re.compile(r"(?:people|persons?|ppl|folks|names|experts?|signator(?:y|ies)|signatures?|signers?|signees?|"
                         r"sources|"
                         r"researchers?|"
                         r"scientists?|lawmakers?|members?|employees?|staff(?:ers)?|users?|individuals?)$",
                         re.IGNORECASE),
    "organizations": re.compile(r"(?:orgs?|organi[sz]ations?|compan(?:y|ies)|firms?|entit(?:y|ies)|partners?|"
                                r"groups?|institutions?|businesses|customers?|banks?|agenc(?:y|ies)|labs?|"
                                r"startups?|vendors?|corporations?|enterprises?|clients?|outfits?|shops?|"
                                # "how many places got mythos back?": organisations, as chat counts them
                                r"places?)$", re.IGNORECASE),
}

# "how many" and the words that only narrow what follows ("how many more", "how many of the")
_HOW_MANY_START = r"\bhow many\s+(?:(?:more|other|different|total|of the|of)\s+)?"

# ("how many of the 10k bugs": bugs are counted)
_HOW_MANY = re.compile(rf"{_HOW_MANY_START}(?:\d[\w,.]*\s+)?([a-z]+)", re.IGNORECASE)

# "how many GPUs was it trained on?", "how many employees does it have": what is counted, the words after "how
# many" up to the first function word
_HOW_MANY_OF = re.compile(rf"{_HOW_MANY_START}((?:[a-z][\w'-]*\s*){{1,3}})", re.IGNORECASE)

_TIME_UNIT = re.compile(r"(?:second|minute|hour|day|week|month|year)s?$", re.IGNORECASE)
_REFERENCE_MARK = re.compile(r"\[\d{1,3}\]")  # a footnote or citation marker a page keeps in its text
_WHOSE = re.compile(r"[\w-]+['’]s|own", re.IGNORECASE)  # a possessive or "own" before what is counted

_MAKERS = re.compile(r"(?:developers?|makers?|builders?|providers?)$", re.IGNORECASE)

COUNTED_CANDIDATES = 8  # the best sentences a count, a name or a party's words asked for must be among

COUNT_NEAR_WORDS = 4
# a name answers "whats the name of the researcher" beside the word ("researcher Jane Roe", "Jane Roe, the researcher")
# or brought in as its name ("the group behind it, known as Grey Heron"), not anywhere in the sentence ("an Amazon
# researcher, relayed via CEO Andy Jassy, reported…")
NAME_NEAR_WORDS = 3
_NAMED_AS = re.compile(r"\b(?:names|named|naming|lists|listed|listing)\s+(?P<who>[^.;:]{1,100}?)\s+as\s+"
                       r"(?:the\s+|a\s+|an\s+|its\s+)?(?:[\w-]+\s+){0,2}?(?P<role>[\w-]+)", re.IGNORECASE)
_CALLED = re.compile(r"\b(?:known as|called|dubbed|(?:code)?named|titled)\s*$")  # the words bringing in a name


# a count asked for exactly ("exactly how many", "the exact number", "how many … exactly"), which a round order of
# magnitude ("thousands of hours", "hundreds of millions of accounts", "dozens") does not give
_EXACT = re.compile(r"\bexact(?:ly)?\b|\bprecise(?:ly)?\b", re.IGNORECASE)
_VAGUE_QUANTITY = re.compile(r"\b(?:(?:several|many|some|a few)\s+)?(?:hundreds|thousands|millions|billions|dozens)"
                             r"(?:\s+(?:of\s+)?(?:thousands|millions|billions))?\b", re.IGNORECASE)


# a question opening with "who", after a word of chat ("ok who…", "wait who…")
_WHO_OPENS = r"^\W*(?:(?:and|so|ok|okay|but|wait)\W+)?who"
# "who led …", "who signed …": what the person asked for did, which the name answering stands beside
# ("who ended up leading the talks", "who is leading them now": the deed after the words that only time it)
_WHO_DID = re.compile(rf"{_WHO_OPENS}\s+(?:(?:actually|really|then|now|eventually|finally)\s+)?"
                      r"(?:(?:ended|ends|end|wound|winds) up\s+|(?:is|was|are|were|has been|had been|have been)\s+"
                      r"(?=[a-z]{2,}ing\b))?"
                      r"(?!(?:is|was|are|were|did|does|do|has|have|had|will|would|can|could|should|"
                      r"else|exactly|actually|the)\b)([a-z]{3,})\b", re.IGNORECASE)


# deeds reporting writes in other words: "who organized the open letter" is answered by "the letter, led by…"
_DEED_KIN = tuple(frozenset(terms(words)) for words in (
    "organize organized organise organised organizing organising lead leads led leading spearhead spearheaded "
    "coordinate coordinated orchestrate orchestrated",
    "write wrote written writing author authored pen penned",
    "start started launch launched begin began initiate initiated",
    "sue sued sues suing lawsuit suit plaintiff plaintiffs",
    "find found discover discovered uncover uncovered identify identified spot spotted",
    "sign signed signs signing signatory signatories cosign cosigned",
    "order ordered direct directed instruct instructed",
))


def deed_asked(question: str) -> frozenset[str]:
    """The terms of what a "who …" question asks the doer of ("who led the letter" → led, and the words reporting
    writes the same deed with: "organized" for "led"), or none ("who is she", "who did it")."""
    did = _WHO_DID.match(question)
    if did is None:
        return frozenset()
    deed = frozenset(terms(did.group(1)))
    return deed.union(*(kin for kin in _DEED_KIN if kin & deed))


def uncounted(question: str, candidates: Sequence[Candidate], is_name: Callable[[str], bool] = lambda word: False,
              everyday: Callable[[str], bool] = lambda term: False) -> str | None:
    """What a "how many" question counts, when none of the best sentences gives a number within a few words of
    it ("the number of GPUs"), else None. Asked how many GPUs trained the model or how many employees the lab
    has, sentences with other numbers ("Fable 5 scored 95%") are no answer, and the refusal says what was looked
    for. A name counts nothing ("how many fable copies" counts copies); people and organisations are counted
    under any of their words ("76 experts" counts "how many people"), spans of time under any unit. A name
    narrowing what is counted ("how many UK businesses") must be in the counting sentence, unless it is one of the
    story's everyday names ("us labs": the story's own country)."""
    match = _HOW_MANY_OF.search(question)
    if match is None:
        return None
    words: list[str] = []
    for word in match.group(1).split():
        if _WHOSE.fullmatch(word) and not words:
            continue  # "how many of anthropic's own employees": whose they are, not what is counted
        if word.lower() in STOPWORDS:
            break
        words.append(word)
        if any(p.match(word) for p in (*_COUNTED.values(), _TIME_UNIT)):
            break  # what is counted ends at its noun: "how many people work there" counts people, not "people work"
    nouns = [w for w in words if terms(w) and (not is_name(w) or re.fullmatch(r"[A-Z]{2,}s", w))]  # "GPUs" counts
    if not nouns:
        return None
    kinds = [p for p in _COUNTED.values() if any(p.match(w) for w in nouns)]
    if _COUNTED["organizations"] in kinds:
        kinds.append(_MAKERS)  # labs or firms counted as "five major AI developers"
    # "zero days" are flaws, not spans of time: any number of days counts none of them
    zero_days = [i for i, w in enumerate(nouns) if i and _TIME_UNIT.match(w) and nouns[i - 1].lower() == "zero"]
    nouns = [w for i, w in enumerate(nouns) if i not in zero_days and i + 1 not in zero_days]
    if zero_days and not nouns:
        return None
    if any(_TIME_UNIT.match(w) for w in nouns):
        kinds.append(_TIME_UNIT)
    wanted = frozenset(t for w in nouns for t in terms(w))
    # "how many UK businesses": a count of firms elsewhere ("about 100 U.S. firms") is no count of these
    qualifiers = frozenset(t for w in words if w not in nouns and is_name(w) for t in terms(w) if not everyday(t))

    exact = bool(_EXACT.search(question))

    def counts(text: str) -> bool:
        if qualifiers and not qualifiers <= frozenset(terms(text)):
            return False
        text = _REFERENCE_MARK.sub(" ", without_versions(text))  # a page's "[1]" counts nothing
        if exact:  # "exactly how many hours": "thousands of hours" is no count
            text = _VAGUE_QUANTITY.sub(" ", text)
        of_kind = {t for w in VALUE_WORD.findall(text) if any(k.match(w) for k in kinds) for t in terms(w)}
        return value_near(text, wanted | of_kind, NUMBER) >= 1 / (1 + COUNT_NEAR_WORDS) or \
            _counted_in_phrase(text, wanted | of_kind)
    # asked how many parameters Fable 5 has, GLM-5.2's count is no answer: the counting sentence names the model
    model = model_written(question)

    def of_model(c: Candidate) -> bool:  # naming it, or naming no model while its context does ("It has…")
        return model is None or model.named.search(c.text) is not None or (
            NUMBERED_NAME.search(c.text) is None and bool(set(terms(model.name)) & (c.context | c.terms)))
    if any(counts(c.text) and of_model(c) for c in candidates):
        return None
    return "the number of " + " ".join(words) + (f" for {model.written}" if model is not None else "")


# "the name of the chinese group", "the internal name of the classifier", "the executive order number", "the case
# number on the letter": what is asked is an identifier of the thing named ("the number of X" is a count: see uncounted)
_NAME_ASKED_OF = re.compile(r"\b(?:(?:internal|code|official|actual|real|full|exact)\s+)?(?:names?|title)\s+of\s+"
                            r"(?:the\s+|that\s+|this\s+|its\s+|their\s+|his\s+|her\s+)?((?:[\w'’-]+\s*){1,4})",
                            re.IGNORECASE)

# the names of a group asked for: "can u list the annex A orgs", "which 56 companies did beijing blacklist? any names"
# ("list" asked to do, or "a list of": "the annex A list for mythos" is the list, named)
# (or named, "name one of the 56 us companies china blacklisted", "can u name a few of the annex A firms")
_LISTED = re.compile(r"(?:(?:^\W*|\b(?:you|u|pls|please|just|to|and)\s+)(?:list|name)\s+(?:of\s+)?|\blist\s+of\s+)"
                     r"(?:(?:all|one|two|three|some|any|a\s+few|a\s+couple)\s+)?(?:of\s+)?(?:the\s+)?"
                     r"((?:[\w'’-]+\s*){1,4})", re.IGNORECASE)
_NAMES_WANTED = re.compile(r"\b(?:any|their|full)\s+names\b|\bnames\s*(?:\?|pls|plz|please|$)|\bname them\b|"
                           r"\bfull list\b", re.IGNORECASE)
_NUMBER_WORD = re.compile(NUMBER_WORD, re.IGNORECASE)
# the words asking for a list, which say nothing of which list ("any names", "the full list", "can you list")
_LIST_WORDS = frozenset(terms("list lists listed names name full any all exactly which what can could you please"))
_PLACE_KINDS = frozenset(terms("countries country nations nation states governments places"))
_WHICH_MANY = re.compile(r"\bwhich\s+((?:[\w'’-]+\s+){0,3}?[\w'’-]+s)\b", re.IGNORECASE)

# "what was fable's internal codename", "the code name for the project": a name the reporting gives as one
# ("codenamed Fennec"), asked of whatever the question names
_CODENAME_ASKED = re.compile(r"\b(?:what|whats|what['’]s|which)\b[^?.!]*?\bcode[\s-]?names?\b|"
                             r"\bcode[\s-]?names?\s*(?:\?|$)", re.IGNORECASE)

# "whos the judge on the legion case", "who is the ceo of zephyr": the holder of what the words describe, by name
_HOLDER_ASKED = re.compile(rf"{_WHO_OPENS}(?:['’]?s|\s+is|\s+was|\s+are|\s+were)\s+"
                           r"(?:the|their|its|his|her)\s+((?:[\w'’-]+\s*){1,4})", re.IGNORECASE)

# "which judge got the legion case", "which meta exec is leading the talks": a person asked by an office written as a
# title beside the name ("Judge Jane Roe"; not a description like "researcher", which the reporting may never write
# beside the names it gives); an office that says only that the person holds one ("official", "exec") is answered by
# a name given any title ("Commerce Secretary Howard Lutnick")
_ROLE_NOUNS = ("judge|judges|justice|official|officials|exec|execs|executive|executives|minister|ministers|senator|"
               "senators|spokesperson|spokesman|spokeswoman|ceo|director|officer|officers")
_WHICH_HOLDER = re.compile(rf"\bwhich\s+((?:[\w'’-]+\s+){{0,3}}?(?:{_ROLE_NOUNS}))\b", re.IGNORECASE)
_ANY_OFFICE = frozenset(terms("official officials exec execs executive executives officer officers"))

# "who is the company suing…", "who's the guy who found it": a kind of party, not an office; the answer is a party of
# that kind, which the reporting need not call by the kind's word
_KIND_OF_PARTY = re.compile(r"(?:company|companies|firm|firms|startup|start-up|group|groups|person|people|guy|guys|"
                            r"man|woman|one|ones|org|orgs|organi[sz]ations?|lab|labs|outlet|outlets|site|country|"
                            r"countries|party|parties|team|teams)\b", re.IGNORECASE)

_NUMBER_OF_THING = re.compile(r"\b((?:[a-z]+\s+)?(?:order|eo|case|reference|docket|serial|file|bill|tracking|license|"
                              r"licence))\s+"
                              r"(?:or\s+\w+\s+)?(?:number|no\.?)(?!\s+of)\b", re.IGNORECASE)

# an office before or in a name ("an Amazon researcher, relayed via CEO Andy Jassy"): the name is that office's
# holder, not the researcher asked for (unless the office is what is asked: "the name of the ceo"). The offices the
# fact reader knows (``ROLE``), and the public ones it does not read holders of
_TITLE = re.compile(rf"(?:{ROLE.cues.pattern}|\b(?:president|senator|representative|minister|commissioner|governor|"
                    r"judge|general)\b)\s+(?=[A-Z])", re.IGNORECASE)


def _titled_otherwise(around: str, wanted: Collection[str]) -> bool:
    """Whether a name is given with an office other than what is asked (``around``: the name and the words
    before it)."""
    return any(set(wanted).isdisjoint(terms(m.group())) for m in _TITLE.finditer(around))


_CITED_SOURCE = re.compile(r"\baccording to (?:the )?$", re.IGNORECASE)  # the outlet a sentence cites, before it
# a name as the reporting writes one: a run of capitalised words, inside a sentence or opening it (there only a word
# the corpus writes capitalised inside sentences too is a name: "Legion LegalTech filed…", not "The filing…")
_WRITTEN_NAME = re.compile(r"(?:(?<=[\w,;:(\"“'‘] )|^)[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*")

_MONTH_OR_DAY = re.compile(rf"(?:{MONTHS}|{WEEKDAYS}|{SHORT_MONTHS})\w*", re.IGNORECASE)

_IDENTIFIER = re.compile(r"\b(?:[A-Z]{1,4}[-\s]?)?\d[\w:./-]*")


def _identifies(text: str, m: re.Match[str]) -> bool:
    """Whether a figure can be an identifier ("No. 26-114", "Executive Order 14301"): three digits or more, or
    joined ("26-114"), or after "No."; not a day of a month, a year, a version, an amount or a measure."""
    before = text[: m.start()].split()[-1:]
    if before and _MONTH_OR_DAY.fullmatch(before[0].strip(",.")):
        return False
    if re.fullmatch(r"(?:19|20)\d\d", m.group()) or re.search(r"-(?:day|hour|minute|week|month|year)", m.group()):
        return False
    if not (len(re.sub(r"\D", "", m.group())) >= 3 or re.search(r"\d[-/:]", m.group())
            or (before and re.fullmatch(r"(?:no\.?|#|number)", before[0], re.IGNORECASE))):
        return False  # "Fable 5", "GPT-5.6": a version, not an identifier
    return not re.match(r"\s*(?:%|percent|per|days?|hours?|minutes?|weeks?|months?|years?|million|billion|"
                        r"thousand|[mbk]\b|st\b|nd\b|rd\b|th\b)", text[m.end():], re.IGNORECASE)


def _head(described: str) -> str:
    """The last word of a description before the words that qualify it ("ex commerce dept person" in "ex commerce
    dept person at csis who said…"): what kind of thing is described."""
    head = ""
    for word in described.split():
        if word.lower() in STOPWORDS:
            break
        head = word
    return head


def unnamed(question: str, candidates: Sequence[Candidate],
            everyday: Callable[[str], bool] = lambda term: False,
            is_name: Callable[[str], bool] = lambda word: True) -> str | None:
    """What a question asks the name or number of ("whats the name of the chinese group that got in", "the
    executive order number", "which judge got the case", "list the annex A orgs", "what was its codename", "the
    title of the paper"), when none of the best sentences gives a name (or, for a number, a figure) within a
    few words of it, else None. Asked for the case number on a letter, sentences dating the letter are no
    answer, and the refusal says what was looked for. A name the question gives, or one of the story's everyday
    names ("Anthropic"), is none; nor is a capitalised word the corpus writes in lower case elsewhere
    (``is_name``: "Amazon employee Jailbreaks…" names no employee). A name is looked for beside the words that
    describe the thing asked, not the names among them ("the NSA exercise": an exercise, not the NSA's director)."""
    match = _NAME_ASKED_OF.search(question) or _WHICH_HOLDER.search(question) or _LISTED.search(question) \
        or (_WHICH_MANY.search(question) if _NAMES_WANTED.search(question) else None)
    if match is None and (holder := _HOLDER_ASKED.search(question)) is not None \
            and not _KIND_OF_PARTY.match(holder.group(1)) and not _KIND_OF_PARTY.fullmatch(_head(holder.group(1))):
        match = holder
    number = _NUMBER_OF_THING.search(question)
    codename = None
    if match is not None:
        words: list[str] = []
        for word in match.group(1).split():
            if word.lower() in STOPWORDS and not re.fullmatch(r"[A-Z]", word):  # "the name of the group that got
                if not words:  # in": the group (a capital letter is part of a name: "the annex A orgs"); "which
                    continue  # five other companies": the companies
                break
            if not (word.isdigit() or _NUMBER_WORD.fullmatch(word)):  # "which 56 companies": the companies
                words.append(word)
        asked, is_number = " ".join(words), False
    elif number is not None:
        asked, is_number = " ".join(w for w in number.group(1).split() if w.lower() not in STOPWORDS), True
    elif (codename := _CODENAME_ASKED.search(question)) is not None:
        asked, is_number = codename.group().lower(), False
    else:
        return None
    listed = match is not None and match.re in (_LISTED, _WHICH_MANY)  # names in a list stand further from its noun
    wanted = frozenset(t for t in terms(asked) if not everyday(t))
    if match is not None and match.re is _WHICH_HOLDER:  # the office itself ("judge"), not what describes it
        wanted = frozenset(terms(asked.split()[-1])) if asked else wanted
    elif listed:  # the kind listed, however common ("companies")
        wanted = frozenset(t for w in asked.split() if not is_name(w) for t in terms(w)) or wanted
    elif not is_number:  # a name beside the thing described, not beside the names describing it ("the NSA exercise")
        wanted = frozenset(t for w in asked.split() if not is_name(w) for t in terms(w) if not everyday(t)) or wanted
    if not wanted:
        return None
    # the names a thread carried in are what the question points at, and may be the very name asked for ("who said
    # that, which spokesperson (…, Thomas Regnier)?" after an answer quoting him)
    given = {t for w in asked_alone(question).split() for t in terms(w)}
    any_office = bool(wanted & _ANY_OFFICE)
    # a list's members are named in a sentence about that list ("which companies are on the annex A list? any names":
    # "companies such as TSMC halted business" after Huawei was listed names members of another one)
    about = frozenset(t for t in given if not everyday(t)) - wanted - _LIST_WORDS if listed else frozenset()
    people_about = about if any(_COUNTED["people"].match(w) for w in asked.split()) else frozenset()

    def names_it(text: str) -> bool:
        holds = _IDENTIFIER if is_number else _WRITTEN_NAME
        named = [m for m in holds.finditer(text)
                 if not _CITED_SOURCE.search(text, 0, m.start())  # "According to the Wall Street Journal, Amazon
                 # researchers…" names the outlet that reported it, not the researcher asked for
                 and (_identifies(text, m) if is_number else any(map(is_name, m.group().split())) and not all(
                     t in given or everyday(t) or t.isdigit() or _MONTH_OR_DAY.fullmatch(t)
                     for t in name_terms(m.group())))]
        for named_as in _NAMED_AS.finditer(text):
            # "the lawsuit names Commerce Secretary Howard Lutnick and other officials as defendants": whoever a
            # sentence names as what is asked, office and all, however many words come between
            if wanted.intersection(terms(named_as.group("role"))) and \
                    any(named_as.start("who") <= m.start() < named_as.end("who") for m in named):
                return True
        found = [m for m in named
                 if any_office or not _titled_otherwise(text[max(0, m.start() - 20) : m.end()], wanted)]
        if listed and not wanted & _PLACE_KINDS:  # "56 American companies", "China responded…": no member of the list
            found = [m for m in found if not set(terms(m.group())) <= place_terms()]
        if not found:
            return False
        words = list(VALUE_WORD.finditer(text))
        # (people listed stand beside what put them on the list as often as beside what describes them: "the letter,
        # signed by Alex Stamos" names a signatory of "which experts signed the letter")
        at = [i for i, w in enumerate(words) if (wanted | people_about).intersection(terms(w.group()))]
        for m in found:
            if any_office and (_TITLE.search(m.group()) or any(
                    t.end() == m.start() for t in _TITLE.finditer(text, max(0, m.start() - 40), m.start() + 1))):
                return True  # a name with its office, asked for someone holding one
            inside = [i for i, w in enumerate(words) if w.start() < m.end() and w.end() > m.start()]
            near = NEAR_WORDS if is_number or listed or _CALLED.search(text, 0, m.start()) else NAME_NEAR_WORDS
            if any(abs(i - j) <= near for i in inside for j in at):
                return True
        return False

    if any(names_it(c.text) and (not about or not about.isdisjoint(c.terms | c.context)) for c in candidates):
        return None
    if codename is not None:
        return "a codename"
    if is_number:
        return f"the {asked} number"
    kind = "title" if match is not None and re.match(r"\W*(?:\w+\s+)?title", match.group(), re.IGNORECASE) else \
        "names" if listed else "name"
    whose = "" if _WHOSE.match(asked) else "the "  # "the title of Amazon's paper"
    return f"the {kind} of {whose}{asked}"


# a number and the noun phrase it counts: "more than 10,000 high- or critical-severity vulnerabilities"
_COUNT_PHRASE = re.compile(r"(?<![\w,.])\d[\d,.]*\+?((?:\s+[\w'’-]+){1,7})")

_PHRASE_JOINS = frozenset({"and", "or"})


def _counted_in_phrase(text: str, wanted: Collection[str]) -> bool:
    """Whether a number in ``text`` counts one of the ``wanted`` terms as the head of the noun phrase after it,
    however many modifiers come between ("10,000 high- or critical-severity vulnerabilities", "76 notable
    cybersecurity professionals"); the phrase ends at the first other stopword ("12 days after the vulnerabilities
    were found" counts days)."""
    for match in _COUNT_PHRASE.finditer(text):
        for word in match.group(1).split():
            if word.lower() in STOPWORDS and word.lower() not in _PHRASE_JOINS:
                break
            if set(terms(word)) & set(wanted):
                return True
    return False


# a day or a year a question gives: its digits ask for no count
_DAY_OR_YEAR = re.compile(rf"{MONTH_DAY}|{DAY_MONTH}|\b(?:19|20)\d\d\b", re.IGNORECASE)

# where the noun phrase after "how many" ends: the question's verb or another function word
_COUNTED_PHRASE_WORDS = 6


def counted_noun(question: str) -> str | None:
    """What "how many …" counts: the noun of the phrase after it, past its modifiers ("how many high- or
    critical-severity vulnerabilities did it find" counts vulnerabilities, not "high"): the first word of the
    phrase that names people, organisations or a span of time, else its first plural, else its first word."""
    match = _HOW_MANY.search(question)
    if match is None:
        return None
    words: list[str] = []
    for raw in question[match.start(1):].split()[:_COUNTED_PHRASE_WORDS]:
        word = raw.strip("?,.!;:()\"'“”")
        if not word or word.lower() in {"or", "and"} or raw.endswith("-"):
            continue
        if word.lower() in STOPWORDS:
            break
        words.append(word)
    if not words:
        return match.group(1)
    return next((w for w in words if any(p.match(w) for p in (*_COUNTED.values(), _TIME_UNIT))), None) or \
        next((w for w in words if w.lower().endswith("s") and not w.lower().endswith("ss")), words[0])


def asks_for_kind(question: str, kind: str) -> bool:
    """Whether a question asks for (or names) a value of this kind: a count for "people" or
    "organizations", a date, a duration, an amount of money."""
    question = NUMBERED_NAME.sub(r"\1", question)
    counted = _COUNTED.get(kind)
    if counted is not None:
        question = _DAY_OR_YEAR.sub(" ", question)  # "the order Trump signed on June 2": a day, no count
    if counted is not None and (noun := counted_noun(question)) is not None:
        if counted.match(noun):
            return True
        if noun.endswith("s") and not any(p.match(noun) for p in _COUNTED.values()):
            return False  # "how many pages": a count of something else
        if any(p.match(noun) for p in _COUNTED.values()):
            return False  # "how many orgs" asks no count of people
    elif counted is not None and WHEN.asks.search(question):
        return False  # "what date was the letter, 14 or 15?": days asked for, not a count
    if kind == "date" and _HOW_MANY.search(question) and not WHEN.asks.search(question):
        return False  # "how many signed, 54 or 76?": a count asked for, not days
    if kind == "cause" and (_TRIGGERS_SAFEGUARD.search(question) or not (
            _STORY_ACTION.search(question) or (_NAMES_CAUSE.search(question) and _STORY_ANCHOR.search(question)))):
        return False  # "why does debugging trigger the classifier?", "why do controls flop?": not the order's cause
    pattern = ASKS_FOR_KIND.get(kind, _ASKS_FOR_COUNT)
    return bool(pattern.search(question))


# what the story's order did, for a question asking its cause to name: "why did they ban/pull/restrict it",
# "what triggered the crackdown"; a reason asked of something else ("why do ppl think export controls won't work",
# "why couldn't anthropic geofence it") is no question about what set the order off
_STORY_ACTION = re.compile(r"\b(?:ban|banned|banning|bans|pull|pulled|pulling|order|ordered|directive|restrict\w*|"
                           r"shut|shutdown|suspend\w*|cut off|yank\w*|kill\w*|block\w*|target\w*|crackdown|"
                           r"crack down|offline|act|acted|action|step in|stepped in|intervene\w*|move|moved|"
                           # the story itself, as chat names it: "what started the whole thing"
                           r"the whole thing|all (?:of )?this|the (?:whole )?(?:saga|mess|story|fight|standoff))\b",
                           re.IGNORECASE)
# a cause named as such ("what triggered it", "who tipped off the government") asks what set the order off when the
# question is about the government's move at all ("how was the trigger for the export control described")
_NAMES_CAUSE = re.compile(r"\b(?:trigger\w*|prompted|caus(?:e|ed)|led to|set off|sparked|kicked off|tipped off|"
                          r"tip(?:ped)? (?:them|the \w+) off|blew the whistle)\b", re.IGNORECASE)
_STORY_ANCHOR = re.compile(r"\b(?:export[- ]controls?|jailbr\w*|government|officials|white house|commerce|admin\w*|"
                           r"feds?|federal)\b", re.IGNORECASE)
# a safeguard's trigger ("why does routine debugging trigger the classifier", "how often does the fallback fire")
_TRIGGERS_SAFEGUARD = re.compile(r"\b(?:classifiers?|fallbacks?|filters?|refus\w*|router|routing)\b", re.IGNORECASE)


# the value itself asked for, not only named: a date by "when did…"/"what date", a figure by "how many/much/long"
ASKS_FOR_VALUE = {
    "date": WHEN.asks,
    "party": ISSUER.cues,  # who did it: "who ordered the ban?", "which agency issued it?", "did trump sign it?"
    "person": ASKS_FOR_KIND["person"],
    "obligation": ASKS_FOR_KIND["obligation"],
    "scope": ASKS_FOR_KIND["scope"],
    "cause": ASKS_FOR_KIND["cause"],
}

ASKS_FOR_FIGURE = re.compile(rf"\bhow (?:many|much|long|big|large)\b|\bwhat (?:number|size|price)\b|\bsize\b|"
                              # "did they get any warning?": how much, if any
                              r"\bany (?:notice|warning|heads[- ]?up)\b|"
                              # a length guessed in words ("did the ban last like a month?"), as "2 weeks" is in figures
                              r"\b(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|a few|a couple(?: of)?)\s+"
                              r"(?:days?|weeks?|months?|hours?|minutes?|years?)\b|"
                              rf"{_COUNT_NOUN}|\d",
                              re.IGNORECASE)

# how close in meaning a question must be to a dispute's sentences for it to be named without a retrieved
# sentence taking part. On the development questions this path fires twice: 0.72 for the outage asked "how long
# were they unavailable?", 0.37 for a law's section number asked beside a letter (and, before counts of other
# things were set apart, 0.32 for "how many pages was the letter"); "how long was mythos offline" scores 0.46.
# Above the highest wrong one with a margin, below the plainest right one.
NAMED_DISPUTE_SIMILARITY = 0.42


def asks_for_value(question: str, kind: str) -> bool:
    """Whether a question asks for a value of this kind itself (see ``ASKS_FOR_VALUE``), not only mentions one:
    "when did it come back?" asks for a date; "did they change the classifiers when it came back?" does not."""
    plain = NUMBERED_NAME.sub(r"\1", question)
    if kind == "date":  # a day asked for, named as asked ("the launch date?"), or two offered ("june 12 or 13?")
        return bool(WHEN.asks.search(plain) or (_DATE_ASKED.search(plain) and asks_for_kind(question, kind)))
    return asks_for_kind(question, kind) and bool(ASKS_FOR_VALUE.get(kind, ASKS_FOR_FIGURE).search(plain))


# a day named as asked ("the launch date?") or two offered ("june 12 or 13?"; not "12 or 13 days")
_DAY = rf"(?:(?:{MONTHS})\s+)?(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)?"

_DATE_ASKED = re.compile(rf"\b(?:date|day)\b|\b{_DAY}\s*[?,]?\s*(?:or|vs\.?|versus|/)\s*{_DAY}\b"
                         rf"(?!\s*(?:%|percent|[a-z]+s\b))|\b(?:{MONTHS})\s+(?:or|vs\.?|versus)\s+(?:{MONTHS})\b",
                         re.IGNORECASE)


def names_model(question: str, disagreement: Any, models: Iterable[str]) -> bool:
    """Whether a dispute over a model's figure fits a question: the question names that model, or none of the
    ``models`` ("model:Opus-4.8") other disputes are about (asked what Fable costs, Opus's price is not the point)."""
    from bot.facts.read import MODEL_PROPERTIES, model_of

    if disagreement.event not in MODEL_PROPERTIES:
        return True
    own = model_of(disagreement.sides[0].facts[0].names.split())

    def named(model: str) -> bool:
        word = model.removeprefix("model:").split("-")[0]
        return bool(re.search(rf"\b{re.escape(word)}\b", question, re.IGNORECASE))

    return (own is not None and named(own)) or not any(named(m) for m in models if m != own)


# words that qualify an office without saying which it is: "the cyber director" is the national one
_OFFICE_QUALIFIERS = frozenset({"national", "federal", "chief", "us", "u.s", "white"})

_ASKS_SPELLING = re.compile(r"\bspel(?:l|ls|led|lt|ling)\b", re.IGNORECASE)


def names_author(question: str, disagreement: Any) -> bool:
    """Whether a dispute over a letter is over the letter the question asks about: asked when the House members'
    letter went out, the experts' open letter's disputed day is another letter's (a question naming neither
    author may be about either)."""
    from bot.facts.read import LETTER, author_of, letter_author

    if disagreement.event != LETTER:
        return True
    asked = letter_author(question)
    written = author_of(f for side in disagreement.sides for f in side.facts)
    return asked is None or written is None or asked == written


def names_office(question: str, disagreement: Any) -> bool:
    """Whether a question names the office a dispute over who holds it is about: every word of the office
    ("national cyber director"; "ceo" also as "chief executive")."""
    from bot.facts.read import role_of

    if disagreement.event != ROLE.key:
        return True
    if _ASKS_SPELLING.search(question) and any(re.search(rf"\b{re.escape(side.facts[0].value)}\b", question,
                                                         re.IGNORECASE) for side in disagreement.sides):
        return True  # "how's his name spelled? one article says shawn kencross": the dispute over that name
    office = role_of(disagreement.sides[0].facts[0].names.split())
    if office is None:
        return False
    words = office.removeprefix("role:").split("-")
    optional = ""
    if len(words) >= 3 and words[0] in _OFFICE_QUALIFIERS:  # "the cyber director": the national one
        optional, words = rf"(?:{re.escape(words[0])}\s+)?", words[1:]
    named = optional + r"(?:['’]s)?\s+".join(r"(?:ceo|chief executive(?: officer)?)" if w == "ceo" else re.escape(w)
                                              for w in words)
    # asked who holds it ("who was the national cyber director", "name of amazon's ceo", "which commerce
    # secretary"), not who did something to its holder ("who signed the letter to the commerce secretary?")
    return bool(re.search(rf"(?:\bwho(?:['’]?s)?(?:\s+(?:is|was|were|are))?\s+(?:the\s+|that\s+|this\s+)?"
                          rf"(?:[\w.]+\s+)?|\bname\s+of\s+(?:the\s+)?|\bwhich\s+){named}\b|"
                          # "what's the commerce secretary's name", "amazon ceos full name"
                          rf"\b{named}(?:['’]?s)?\s+(?:full\s+|first\s+|real\s+)?name\b", question,
                          re.IGNORECASE))
