"""The kind of answer a question asks for (a date, a number, an amount, a length, a person or party, a claim) and
whether a sentence holds one, near the question's own words: a ranking feature and an answerability signal, and
the reason an answer's first line may be one sentence rather than another.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass

from bot.answers.amounts import WHAT_SUBJECT_DID
from bot.answers.candidate import Candidate
from bot.answers.retrieve import terms
from bot.answers.value_text import without_versions
from bot.nlp.calendar import DAY_MONTH, MONTH_DAY, MONTHS, WEEKDAYS
from bot.nlp.labels import Label
from bot.nlp.terms import name_terms
from bot.nlp.values import NUMBER_WORD

ANSWER_TYPE_BONUS = 1.3


@dataclass(frozen=True)
class AnswerType:
    """What a direct answer to a kind of question holds: a clock time for "what time", a date for
    "when", a number for "how many", an attributed claim for "what did X say". Sentences that hold it
    rank above sentences that only restate the question."""

    asks: re.Pattern[str]
    holds: re.Pattern[str] | None = None
    label: Label | None = None
    keeps_versions: bool = False  # a numbered name can be the value asked for ("Part 744", "claude-fable-5")
    names: bool = False  # the value is a name: one the story names everywhere ("Anthropic") answers no "which"
    or_telling: re.Pattern[str] | None = None  # a sentence this finds fits whatever its label
    not_values: re.Pattern[str] | None = None  # what holds no value of this kind ("July 1" is no count)
    # the answer is a figure: a statement without one answers nothing however well it ranks ("how much is it per
    # million tokens": "it handles millions of tokens")
    figure: bool = False

    def fits(self, text: str, label: str) -> bool:
        """Whether a sentence holds the kind of value asked for; a model's number is no count ("Opus 4.8" answers
        no "how often"), unless a numbered name is the kind asked for, nor is a date's day where it answers no
        length of time ("how often" is not answered by "July 1"; "how long after June 12" may be, by "June 26")."""
        if self.or_telling is not None and self.or_telling.search(text):
            return True
        if self.holds is not None and not self.keeps_versions:
            text = without_versions(text)
        if self.not_values is not None:
            text = self.not_values.sub(" ", text)
        return (self.holds is None or bool(self.holds.search(text))) and (self.label is None or label == self.label)


# a party's words reported as news ("The Wall Street Journal reports that Jassy informed Bessent that…", "Jassy
# raised concerns with Bessent"): labelled fact, as the outlet states it, yet they give what the party said
_REPORTED_SPEECH = re.compile(r"(?<!\bwas )(?<!\bwere )(?<!\bbeen )(?<!\bis )(?<!\bare )"
                              r"\b(?:told|tells|informed|informs|warned|warns|argued|argues|claimed|claims|urged|urges|denied|denies|"
                              r"raised (?:\w+ ){0,2}(?:concerns?|alarms?|questions?)|according to)\b", re.IGNORECASE)


def _asked_tersely(kinds: str) -> str:
    """A question of a few words ending in one of ``kinds`` ("fable ban date?", "fable 5 api price?"), with no
    question word or verb of its own ("what happened that day?" asks what happened)."""
    return (r"^\W*(?!(?:what|whats|who|whos|how|hows|why|where|which|when|did|does|do|is|was|are|were|has|have|had|"
            rf"can|could|will|would|should|and|so|but|or|tell|explain)\b)(?:[\w'’.$-]+\s+){{1,5}}(?:{kinds})\W*$")


# a price or a sum asked for ("how much is fable now", "what does mythos cost", "how much did amazon invest") → an
# amount of money, not any number: asked how much Fable costs, "it returned on July 1" holds no answer
_MONEY = AnswerType(
    re.compile(r"\bhow much\b[^?]*\b(?:cost\w*|pric\w*|pay|pays|paid|charg\w*|worth|spen[dt]\w*|invest\w*|raised?|"
               r"fined?|money|dollars|bucks|valu\w*|put into|offer\w*)\b|\bhow much (?:is|are|was|were) (?:it|they|"
               r"(?:\w+ )?\w+(?: \d[\w.]*)?)(?: now| rn| today| per (?:\w+ ){0,2}\w+)?\W*$|"
               r"\bhow (?:expensive|pricey|cheap)\b|"
               # "what was the dollar amount of the penalties", "what sum did they pay"
               r"\b(?:dollar|dollars|\$|money)\s+(?:amount|figure|value|sum)s?\b|\bhow many dollars\b|"
               r"\bwhat (?:\w+\s+)?(?:sum|amount of money)\b|"
               r"\bwhat (?:does|do|did|will) [^?]{1,40}\bcost\b|"
               # "what did apple pay to join" (the act of its subject, not "what did they say about the pay")
               rf"{WHAT_SUBJECT_DID}(?:pay|charge|spend|invest)\b|"
               r"\bwhat(?:['’]s| is| was) the (?:price|cost)\b|"
               # asked in a few words, as chat does: "fable 5 api price?", "mythos cost?"
               + _asked_tersely("price|prices|pricing|cost|costs"),
               re.IGNORECASE),
    re.compile(r"[$€£¥]\s?\d|\b\d[\d,.]*\s*(?:dollars|euros|pounds|yen|rupees|cents|USD|EUR)\b|"
               r"\b(?:free of charge|at no (?:extra )?cost|for free)\b", re.IGNORECASE),
    figure=True)

# "when" asks for a date where it opens the question or a part of it ("so when did…", "since when?",
# "and when"), not as a conjunction inside it ("what did people see when it was gone") nor opening a clause
# that sets the scene for the question after it ("When the model refuses a request, which one answers?")
WHEN = AnswerType(
    # ("ok when…", "so when…"; after another question word, "when" joins a clause: "what changed when it did?", and
    # before one too: "when fable's classifier trips what model answers", comma or not)
    re.compile(r"^\W*(?:(?!(?:what|who|how|which|where|why)\b)\w+\W+){0,2}?when\b"
               r"(?![^?]*?\b(?:which|what|who|whom|whose|how|where|why)\b)|"
               r"\b(?:since|until|till|and|but|or|so) when\b|[,;?]\s*when\b|"
               r"\b(?:what|which) (?:date|day|deadline)\b|\bwhen (?:did|does|do|was|were|is|are|will|would|has|"
               r"have|had|can|could)\b|\bwhen\s*\?|"
               # asked in a few words, as chat does: "fable ban date?", "legion filing day?"
               + _asked_tersely("date|day|deadline"), re.IGNORECASE),
    # a month or weekday, or a day written in numbers ("On 2026-02-24, …", "on 6/26")
    re.compile(rf"\b(?:{MONTHS}|{WEEKDAYS})\b|\b20\d\d-[01]\d-[0-3]\d\b|\b[01]?\d/[0-3]?\d(?:/(?:20)?\d\d)?\b"))

# how many, how much, how long → a number ("half a million" too); a year on its own ("since 2022") is no count, amount
# or length, a number's later digits are its own, and "one" counts only as "one of", "one in" ("a harmful one" is a
# pronoun)
NUMBER = re.compile(rf"(?<![\d,.])(?!(?:19[5-9]\d|20[0-4]\d)\b)\d|\b(?i:{NUMBER_WORD})\b(?<!\b[Oo]ne)|"
                     r"\b[Oo]ne(?=\s+(?:of|in|out)\b|-\w)|"
                     r"\b(?i:hundreds|thousands|millions|billions|dozens?)\b|"  # "hundreds of millions of users"
                     r"\b(?i:half|a|one|a quarter of) (?i:a )?(?i:hundred|thousand|million|billion)\b")

COUNT = AnswerType(
    # "what score did it get", "what did fable score on swe-bench", "whats its exact score on frontier code"
    re.compile(r"\bhow (?:many|much|often)\b|\bwhat (?:number|rate)\b|\bwhat (?:\w+\s+)?scores?\b|"
               r"\bwhat did [^?]{1,40}\bscore\b|\bwhat(?:['’]?s| is| was)\b[^?]{1,40}\bscores?\s*(?:on|in|at|\?|$)",
               re.IGNORECASE),
    NUMBER, not_values=re.compile(f"{MONTH_DAY}|{DAY_MONTH}"), figure=True)

# how long → a length of time ("18 days", "three-day", "half an hour", "within hours", "until June 26") or of a
# text ("1M tokens"), not any number: asked how long the models were live, "at 5:21 p.m. on June 12" holds no answer
_DURATION = (rf"(?:\d[\d,.]*\s*[kKmM]?|\b(?i:{NUMBER_WORD}|a few|several|half an?|a couple of))[\s-]*"
             r"(?i:seconds?|minutes?|mins?|hours?|hrs?|days?|nights?|weeks?|months?|years?|tokens?|words?|pages?)\b|"
             r"\b(?i:within|for|in|after|over|lasted) (?:mere |just |only )?(?:(?i:a|an) (?i:minute|hour|day|week|"
             r"month|year)|(?i:minutes|hours|days|weeks|months))\b|"
             rf"\b(?i:until|till|through|overnight)\b")

LENGTH = AnswerType(re.compile(r"\bhow long\b", re.IGNORECASE), re.compile(_DURATION), figure=True)

# how long (or how soon) after or before something → a length of time, or the day the other thing happened ("on June
# 26")
_LENGTH_BETWEEN = AnswerType(re.compile(r"\bhow (?:long|soon|quickly|fast) (?:after|before|since|between|from|until|"
                                        r"till)\b", re.IGNORECASE),
                             re.compile(rf"{_DURATION}|\b(?:{MONTHS}|{WEEKDAYS})\b"))

# a share ("over 99%", "5 percent") or a count of tries ("one in four", "3 out of every 10")
_SHARE = (r"\d\s*%|\b\d+(?:\.\d+)?\s*(?:percent|per cent)\b|\b(?:one|two|three|\d+)\s+(?:in|out of)\s+"
          r"(?:every\s+)?(?:\d+|two|three|four|five|six|seven|eight|nine|ten|hundred|thousand)\b")
# what share → a percentage or a fraction ("70% of requests", "one in four", "half of them"), not any figure: asked what
# percent backed Anthropic, "$10 per million tokens" holds no share
SHARE = AnswerType(
    re.compile(r"\bwhat\s*(?:%|percent(?:age)?\b|per cent\b|share\b|proportion\b|fraction\b|success rate\b)|"
               r"\bhow many (?:percent|per cent)\b", re.IGNORECASE),
    re.compile(rf"{_SHARE}|\b(?:half|a third|one[- ]third|two[- ]thirds|a quarter|one[- ]quarter|three[- ]quarters|"
               r"a fifth|(?:a|the) (?:majority|minority))\b", re.IGNORECASE))

# how much something moved ("how much did zhipu stock jump", "by how much did usage fall") → a share or an amount,
# not any number: "within 24 hours" says when, not how much
_CHANGE = AnswerType(
    re.compile(r"\bhow much\b[^?]*\b(?:jump|rise|rose|risen|surge|climb|fall|fell|fallen|drop|grow|grew|grown|"
               r"increase|decrease|gain|lose|lost|soar|plunge|spike|shrink|shrank|swing|swung|move|moved)\w*\b|"
               r"\bby how much\b", re.IGNORECASE),
    re.compile(rf"{_SHARE}|[$€£¥]\s?\d|\b(?:doubled|tripled|quadrupled|halved|\d+(?:\.\d+)?[x×]|\w+-fold)\b",
               re.IGNORECASE),
    figure=True)

# how often → a rate ("under 5% of sessions", "one in four", "twice a day", "rarely"), not any figure: asked how
# often the fallback fires, "$15 per million tokens" holds no answer
_RATE = AnswerType(
    re.compile(r"\bhow (?:often|frequently)\b", re.IGNORECASE),
    re.compile(rf"{_SHARE}|"
               r"\b(?:once|twice|\w+ times)\s+"
               r"(?:a|an|per|every)\b|\bevery\s+(?:\w+\s+)?(?:minutes?|hours?|days?|weeks?|requests?|sessions?)\b|"
               r"\b(?:rarely|seldom|frequently|occasionally|constantly|routinely|almost never|most of the time)\b",
               re.IGNORECASE))

# how well something does what it is for ("how good is the classifier at blocking it", "how effective is the fix") →
# a measure of it: a share ("over 99%") or a count of tries ("one in four")
_EFFECT = AnswerType(
    re.compile(r"\bhow (?:effective|accurate|reliable)\b|\bhow (?:good|well)\b(?:\s+[\w'’-]+){0,5}?\s+(?:at|in)\s+"
               r"\w+ing\b", re.IGNORECASE),
    re.compile(_SHARE, re.IGNORECASE))

# who → a person or an organisation: a name of two or more capitalised words, or one with a company suffix, past the
# sentence's first word or opening it as its subject
WHO = AnswerType(
    re.compile(r"\b(?:who|whom|whose)\b|\bwhich (?:\w+\s+)?(?:company|companies|firm|officials?|"
               r"person|people|outlet|outlets|agency|court|judges?|senators?|lawmakers?|executives?|execs?|"
               r"ceos?|country|countries|group|organi[sz]ation|reps|representatives|congressm[ae]n|"
               r"congresswom[ae]n|politicians?|ministers?|leaders?)\b|"
               # "what company", "what big indian it firm": which, asked with "what" and a few words of description
               r"^\W*what\s+(?:(?!(?:did|does|do|is|was|are|were|has|have|had|will|would|can|could|should|the|a|an)\b)"
               r"[\w-]+\s+){0,3}(?:company|companies|firm|firms|agency|court|judge|senator|executive|ceo|group|"
               r"organi[sz]ation)\b", re.IGNORECASE),
    re.compile(r"(?<=\s)(?:[A-Z][a-z]+(?:\s+(?:[A-Z]\.\s+)?[A-Z][a-z]+)+|[A-Z][A-Za-z]+\s+(?:Inc|Corp|LLC|Ltd|"
               r"Group|Department|Commission|Court|Office)\b)|"
               # or opening the sentence as its subject ("Arthur Rothrock, Legion's CEO, said…", "Legion LegalTech
               # sues…"), not a scene set ("In June, …", "Last Friday, …")
               rf"^(?!(?:In|On|At|By|For|From|After|Before|During|Since|Until|The|A|An|This|That|Last|Next|Earlier|"
               rf"Later|Meanwhile|However|But|And|So|Then|Still|Yet|Also|Early|Late)\b)[A-Z][a-z]+\s+"
               rf"(?:[A-Z]\.\s+)?(?!(?:{MONTHS}|{WEEKDAYS})\b)[A-Z][a-z]+[A-Za-z]*(?=,|\s+[a-z])"))

# which office, program, site, model… or what a thing is called ("which office issued it", "under what program",
# "whats the order called") → a name past the sentence's first word: capitalised words, joined by "of", "and",
# "for" ("the Bureau of Industry and Security", "Semafor", "Opus 4.8"); not a month, a day or "U.S.". Which of
# those the question gives itself or the story names everywhere is for asked_value_near to set aside. (Who, and
# which company or person, ask for the two-word names of WHO, tried first.)
_NAMED_THING = (r"(?:offices?|program(?:me)?s?|sites?|websites?|publications?|newspapers?|podcasts?|benchmarks?|"
                r"leaderboards?|routers?|tools?|platforms?|models?|labs?|departments?|bureaus?|bod(?:y|ies)|teams?|"
                r"committees?|providers?|partners?|vendors?|clouds?|banks?|universit(?:y|ies)|outlets?|agenc(?:y|ies))")

_WHICH_NAMED = AnswerType(
    re.compile(rf"\b(?:which|wich|what)\s+(?:(?!(?:did|does|do|is|was|are|were|has|have|had|will|would|can|could|"
               rf"the|a|an|it|they|he|she|you|u|i|we|of|in)\b)[a-z-]+\s+)?{_NAMED_THING}\b|"
               r"\bwhat(?:['’]?s| is| was| are| were)\s+(?:the\s+|its\s+|their\s+|his\s+|her\s+)?names?\b|"
               # "what was the fallback model?", "whats the new benchmark": the thing itself, nothing said of it
               rf"\bwhat(?:['’]?s| is| was| are| were)\s+(?:the|its|their)\s+(?:[a-z-]+\s+){{0,2}}{_NAMED_THING}"
               r"(?=\s*(?:[?!.,;]|$|\b(?:now|then|again|instead|after|before|during|when|they|it)\b))|"
               r"\bcalled what\b|\bwhat(?:['’]?s| is| was| are| were)\b[^?,]{1,60}\bcalled\b", re.IGNORECASE),
    re.compile(rf"(?<=[\s(“\"‘'])(?!(?:{MONTHS}|{WEEKDAYS}|I|U\.S)\b)[A-Z][\w&.’'-]*(?:\s+(?:of|and|for|on)\s+[A-Z][\w&.-]*|"
               r"\s+[A-Z0-9][\w&.-]*)*"),
    names=True)

# in the order they are tried: a price before any number, a clock time before a day
_ANSWER_TYPES = (
    _MONEY,
    _CHANGE,
    AnswerType(re.compile(r"\bwhat time\b|\bat what hour\b", re.IGNORECASE),
               re.compile(r"\b\d{1,2}(?::\d{2})?\s*(?:[ap]\.?m\b\.?|o'clock)|\b\d{1,2}:\d{2}\b", re.IGNORECASE),
               figure=True),
    WHEN,
    _RATE,
    _EFFECT,
    SHARE,
    COUNT,
    _LENGTH_BETWEEN,
    LENGTH,
    # "how old" → an age ("a 27-year-old bug", "16 years old", "a three-day-old model")
    AnswerType(re.compile(r"\bhow old\b", re.IGNORECASE),
               re.compile(rf"\b(?:\d+|(?i:{NUMBER_WORD}))[- ](?:year|month|week|day|hour)s?[- ]old\b", re.IGNORECASE)),
    # which section or law → a numbered provision or a named act ("Part 744", "§ 744.22", "the Export Control
    # Reform Act")
    AnswerType(re.compile(r"\b(?:what|which|whats|what's)\W+(?:\w+\W+)?(?:law(?!\s+(?:firms?|schools?|enforcement|professors?))|section|statute|provision|regulation|"
                          r"clause|rule|part(?= of)|act|authority)s?\b", re.IGNORECASE),
               re.compile(r"§|\b(?:Section|Part|Title|Article)\s+\d|\b\d+\.\d+\(?|\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+\s+Act\b"),
               keeps_versions=True),
    # an identifier asked for ("the model id", "what error") → a code-like token: "claude-fable-5", "model_not_found"
    # ("id" only after a word that makes it one, not "id" typed for "I'd"; "error" only as the thing asked for)
    AnswerType(re.compile(r"\b(?:model|api|its|the|an?)\s+ids?\b|\bid string\b|\b(?:identifier|slug)s?\b|"
                          r"\b(?:what|which)\s+(?:\w+\s+)?errors?\b|\berror (?:code|message)\b",
                          re.IGNORECASE),
               re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b|\b[a-z][a-z0-9]*(?:-[a-z][a-z0-9]*)*-\d[\w.]*\b|`[^`\s]+`"),
               keeps_versions=True),
    AnswerType(re.compile(r"\b(?:what|how)\b.*\b(?:did|does|do|has|have|had)\b.*\b(?:say|said|argue|claim|contend|"
                          r"conclude|warn|announce|tell|told|write|wrote|deny|describe|characteri[sz]e)\b",
                          re.IGNORECASE), label="claim", or_telling=_REPORTED_SPEECH),
    # how a party reacted → what it said, or what it did in response ("China responded by blacklisting 56
    # American companies", reported as fact)
    # (a model's "response" is its output: "the maximum length of a single Fable 5 response" asks a size)
    AnswerType(re.compile(r"\b(?:what|how)\b.*\b(?:did|does|do|has|have|had)\b.*\b(?:respond|react)\b|"
                          r"^(?!.*\b(?:single|each|per|every|one|max(?:imum)?|longest|output)(?:\s+[\w-]+){0,3}\s+"
                          r"response).*\b(?:what|how)\b.*\b(?:response|reaction)\b", re.IGNORECASE), label="claim",
               or_telling=re.compile(r"\b(?:respond(?:ed|s)? by|react(?:ed|s)? by|in (?:response|retaliation)|"
                                     r"retaliat\w*|countermeasures?|hit back|fired back)\b", re.IGNORECASE)),
    WHO,
    _WHICH_NAMED,
)

# how close (in words) a value of the kind asked for must stand to one of the question's own terms to be read
# as said of them (see asked_value_near)
NEAR_WORDS = 8

VALUE_WORD = re.compile(r"[\w$§][\w$%.,:'’-]*(?<![.,:])")

DEMONYM = re.compile(r"[A-Z][a-z]+(?:an|ese|ish)")

_BEFORE_NOUN = re.compile(r"\s+[a-z]")

_A_BEFORE = re.compile(r"\b[Aa]n?\s+$")  # an indefinite article just before a value

_JOINING = frozenset({"of", "and", "for", "on"})


def asked_value_near(wanted: AnswerType, text: str, given_words: Collection[str], focus: Collection[str],
                     everyday: Callable[[str], bool] = lambda term: False) -> bool:
    """Whether a sentence holds a value of the kind asked for, one the question does not give itself, within
    ``NEAR_WORDS`` words of one of the question's own terms: asked at what time the order reached the
    company, "the letter arrived at 5:21 p.m." rather than a sentence holding a time of something else; asked
    who replaced Dario Amodei in the talks, a name other than his. A name is a value only when it is not one
    of the story's ``everyday`` terms either: asked which office issued the order, "Anthropic" answers nothing."""
    if wanted.holds is None or not focus:
        return False
    given = set(given_words)
    given_terms = {t for w in given for t in terms(w)} if wanted.names else set()

    def new(m: re.Match[str]) -> bool:
        value = m.group()
        if {w.lower() for w in VALUE_WORD.findall(value)} <= given:
            return False
        if wanted is WHO and value.split()[-1].lower() in given:
            return False  # "besides trump and lutnick, who else": "Howard Lutnick" is one of those named
        if _A_BEFORE.search(text, 0, m.start()) and _BEFORE_NOUN.match(text, m.end()):
            return False  # "a Santa Rosa design startup sued": a place describing the doer, not its name
        if not wanted.names:
            return True
        if all(DEMONYM.fullmatch(w) for w in value.split() if w not in _JOINING) and _BEFORE_NOUN.match(text, m.end()):
            return False  # "American organizations", "Chinese models": a word of origin, no name
        return not all(t in given_terms or everyday(t) for t in name_terms(value))
    values = [m for m in wanted.holds.finditer(text) if new(m)]
    if not values:
        return False
    words = list(VALUE_WORD.finditer(text))
    at = [i for i, w in enumerate(words) if any(t in focus for t in terms(w.group()))]
    for m in values:
        inside = [i for i, w in enumerate(words) if w.start() < m.end() and w.end() > m.start()]
        if any(abs(i - j) <= NEAR_WORDS for i in inside for j in at):
            return True
    return False


def unstated_share_asked(wanted: AnswerType | None, texts: Iterable[str], focus: Collection[str]) -> str | None:
    """ "a percentage" when the question asks what share of something ("what % backed anthropic") and none of
    ``texts`` (the best sentences) states one near the question's own terms, else None: "a 55% chance of
    restoration" is the share of something else, and the refusal says what was looked for."""
    if wanted is not SHARE or any(asked_value_near(SHARE, text, (), focus) for text in texts):
        return None
    return "a percentage"


def unstated_money_asked(wanted: AnswerType | None, texts: Iterable[str]) -> str | None:
    """ "an amount of money" when the question asks a price or a sum ("what was the dollar amount of the penalties")
    and none of ``texts`` (the best sentences) states any amount, else None: sentences about the penalties that
    name none do not answer how much they were."""
    if wanted is not _MONEY or wanted.holds is None or any(wanted.holds.search(text) for text in texts):
        return None
    return "an amount of money"


def expected_answer(question: str) -> AnswerType | None:
    """The kind of answer a question asks for: the first of :data:`_ANSWER_TYPES` it asks in their way."""
    for answer_type in _ANSWER_TYPES:
        if answer_type.asks.search(question):
            return answer_type
    return None


def answer_type_factor(wanted: AnswerType | None, c: Candidate) -> float:
    return ANSWER_TYPE_BONUS if wanted is not None and wanted.fits(c.text, c.label) else 1.0
