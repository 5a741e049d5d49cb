"""What a sentence states about which event or quantity: the facts read at ingest.

A value (a date, a duration, a count of people or organisations, an amount, a token count; read by
:mod:`bot.nlp.values`) becomes a fact when a word naming one of the story's events or quantities stands
near it in the same clause: "filed suit on June 23" is the lawsuit's filing date, "the June 12
directive" the order's. The nearest cue wins, so a sentence that names two events ("sued on June 23
over the June 12 directive") yields one fact for each. The cue lists are rules on purpose: the event a
fact is filed under is shown to readers ("when the lawsuit was filed"), so it must be explainable.
Which facts of one event are *the same* event across articles is decided later, by meaning
(:mod:`bot.facts.group`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from bot.nlp.calendar import DATELINE, MONTHS, WEEKDAYS
from bot.nlp.terms import STOPWORDS, edit_distance
from bot.nlp.values import MAY_HAVE_VALUE, NUMBER_WORD, extract_values


@dataclass(frozen=True)
class Event:
    """An event or quantity of the story: its key, what a reader calls it, the kinds of value it
    takes and the words that name it."""

    key: str
    reader: str
    kinds: frozenset[str]
    cues: re.Pattern[str]
    # shown on the timeline (a dated happening rather than, say, a count)
    dated: bool = True


def _cues(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


DATE = frozenset({"date"})
LETTER = "letter"  # a letter's event: the lawmakers' and the experts' letters are told apart by who wrote it
SIGNATORIES = "signatories"  # how many signed the experts' open letter
EVENTS: tuple[Event, ...] = (
    Event("executive_order", "when the White House executive order was signed", DATE,
          _cues(r"\b(?:signed an? (?:ai )?)?executive order\b|\bEO\b")),
    Event("launch", "when the models were launched", DATE,
          _cues(r"\b(?:launch(?:ed|es)?|releas(?:ed|es)|unveil(?:ed|s)?|debut(?:ed|s)?|shipped|introduced|"
                r"went live|general(?:ly)? availab\w*|made (?:[\w.-]+ ){1,3}(?:public|available)(?! again))\b")),
    Event("order", "when the government order came", DATE,
          _cues(r"\b(?:directive|order(?:ed|s)?|export[- ]control(?:s)?|banned|ban|suspend(?:ed)?|suspension|"
                r"shut (?:it |them )?down|shutdown|taken offline|"
                r"(?:took|take|taking|forced|force|forcing|knocked|knock|pushed)(?: [\w'’-]+){0,7} offline|"
                r"pull(?:ed|s)?|disabl(?:e|ed|es|ing)|directed|instructed|halt(?:ed)?|restrictions?|"
                r"(?<!\bits )(?<!\bthe )(?<!\ba )(?<!\ban )(?<!\bmore )(?<!\bmost )(?<!\btheir )restricted|"
                r"issu(?:ed|es|ing) (?:an? |the |its )?(?:new )?export|"
                r"removed(?: [\w'’-]+){0,6} from (?:use|service|availability)|"
                r"(?:commerce|department|government|bis)(?:'s|’s)? (?:\w+ )?letter|letter arrive[sd]|"
                r"cut off|blocked|went dark|go dark|kill switch|switch(?:ed|es)? (?:it |them |the models? )?off|"
                r"is[- ]informed[\"”]? letter|"
                r"letter (?:from|signed by) (?:commerce|lutnick|secretary)\w*|(?:sent|received) a letter|"
                r"in a letter dated|signed a (?:confidential )?letter)\b")),
    Event("lawsuit", "when the lawsuit was filed", DATE,
          _cues(r"\b(?:su(?:e|ed|es|ing)|filed suit|lawsuit|filed (?:a|the|its|their) (?:complaint|suit|lawsuit|case)|"
                r"complaint|(?:case|suit) (?:was |had been )?filed)\b")),
    Event(LETTER, "when the open letter went out", DATE,
          _cues(r"\b(?:open letter|bipartisan letter|letter,? (?:led|signed|addressed)|signed (?:an?|the) (?:open )?"
                r"letter|letter (?:was )?dated|sent (?:\w+ )?an? (?:formal )?(?:bipartisan )?letter to "
                r"(?:commerce|lutnick|the white house))\b")),
    Event("partial_lifting", "when the controls were partly eased", DATE,
          _cues(r"\b(?:partially restor\w*|partial restoration|limited restoration|partial(?:ly)?|eased|allow[- ]list|"
                r"annex a|approved[- ]entit\w*|exempting|exemption|accommodation)\b")),
    Event("full_lifting", "when the controls were lifted", DATE,
          _cues(r"\b(?:lift(?:ed|ing|s)?|rescind(?:ed|s)?|revoked?|withdr[ae]w\w*|end(?:ed)? the (?:ban|controls))\b")),
    Event("return", "when the models came back", DATE,
          _cues(r"\b(?:return(?:ed|s)?|back online|brought \w+(?: \w+){0,4} back|restored|reinstat\w*|"
                r"available again|relaunch(?:ed)?|came back|redeployed|restoring (?:global )?access)\b")),
    # when something was reported or said, or a deadline: dates that are not events of the story
    Event("report", "when it was reported", DATE,
          _cues(r"\b(?:reported on|reported that|(?:revealed|disclosed|learned) that|first reported|reports|as i write|"
                r"published on|wrote on|"
                r"published (?:the|a|an|its|their)|posted|"
                r"(?:said|stated) on|stated|as of)\b")),
    Event("deadline", "a deadline", DATE, _cues(r"\b(?:deadline|gave \w+ until)\b")),
    Event(SIGNATORIES, "how many signed the open letter", frozenset({"people"}),
          _cues(r"\b(?:sign(?:ed|atories|atory|atures?|ers?)|letter)\b"), dated=False),
    Event("outage_length", "how long the models were offline", frozenset({"duration"}),
          _cues(r"\b(?:offline|absence|outage|suspension|shutdown|dark|blocked|ban|controls? (?:remained|stayed|"
                r"lasted)|remained in place|unavailab\w*|without)\b"), dated=False),
    # "a three-day-old model", "live for three days", "72 hours from launch to shutdown": how long the models
    # were out before the order, not how long they were away
    Event("launch_to_shutdown", "how long the models were live before the shutdown", frozenset({"duration"}),
          _cues(r"\b(?:(?:days?|hours?)[- ]old|(?:live|alive|online|on (?:the )?market)\s+for|"
                r"(?:from|after|since) (?:model |its |their |the )?(?:launch|release|debut)|launch to|"
                r"after (?:[\w.'’-]+ ){1,3}?(?:launched|released|debuted))\b"),
          dated=False),
    # "handed a 90-minute ultimatum", "gave Anthropic 90 minutes to restrict it" (not "gave it back in 72 hours"; a
    # bare "window" is no cue: "a 30-day review window", "a rolling 5-hour window")
    Event("notice", "how much notice Anthropic got", frozenset({"duration"}),
          _cues(r"\b(?:notice|warning|heads[- ]?up|to comply|deadline|ultimatum|"
                r"(?:gave|given|handed)\s+(?:anthropic|the company|the firm|it|them)(?!\s+back))\b"), dated=False),
    # (the counted noun, "100 organizations", is no cue: what the count is of comes from the words around it)
    Event("allowed_entities", "how many organisations were allowed back", frozenset({"organizations"}),
          _cues(r"\b(?:annex a|allow[- ]list|approved|clear(?:s|ed)|restor\w*|permission|permitted|relaunch\w*|"
                r"redeploy\w*)\b"), dated=False),
    # who had the model before everyone else (a preview or a partner programme), not who was let back after a ban
    Event("early_access", "how many organisations had early access", frozenset({"organizations"}),
          _cues(r"\b(?:glasswing|preview|vetted|trusted|initial(?:ly)?|early access|previously|invited|"
                r"shar(?:ed|ing)(?: access)? with|limited (?:the )?(?:rollout|release|access)|restricted access)\b"),
          dated=False),
    Event("price", "the price per million tokens", frozenset({"money"}),
          _cues(r"\b(?:per million|price[sd]?|pricing|cost)\b"), dated=False),
    Event("context_window", "the context window", frozenset({"tokens"}),
          _cues(r"\bcontext\b"), dated=False),
)
# Who holds an office ("Commerce Secretary Howard Lutnick", "National Cyber Director Sean Cairncross"): read by
# ``read_roles``, not from a value; the office is the quantity (grouped by it, kept in names as "role:<office>"),
# the person's surname the value, so "Sean Cairncross" and "Cairncross" agree and "Grant Schneider" does not.
ROLE = Event("role_holder", "who the office holder was", frozenset({"person"}),
             _cues(r"\b(?:secretary|director|ceo|chief executive|chair(?:man|woman)?|administrator|adviser|advisor|"
                   r"czar|spokes(?:person|man|woman)|general counsel|undersecretary|under secretary|co-?founder|"
                   r"founder)\b"), dated=False)
# Whether a scheme binds ("a voluntary pre-release review", "a mandatory 30-day pause"): read by
# ``read_obligations``; facts of it are grouped by meaning like dates, so only one scheme's are compared.
OBLIGATION = Event("obligation", "whether it was voluntary or mandatory", frozenset({"obligation"}),
                   _cues(r"\b(?:voluntary|mandatory|compulsory|obligatory|binding|opt-in)\b"), dated=False)
# Whom an order covers ("directed Anthropic to bar foreign nationals" against "ordered it to suspend worldwide
# access"): read by ``read_scopes`` from what the order is said to require, never from what complying did.
SCOPE = Event("order_scope", "whom the order covered", frozenset({"scope"}),
              _cues(r"\b(?:foreign nationals?|non[- ]?americans?|non[- ]?us|everyone|all users|all customers|worldwide|"
                    r"globally)\b"), dated=False)
# What set the order off, as a source tells it ("the directive was triggered by a jailbreak Amazon found", "a call
# from Amazon's CEO triggered the crackdown"): read by ``read_triggers``; the party a source credits is the value,
# so accounts crediting Amazon's research, the NSA or a China-linked group are set against each other.
TRIGGER = Event("trigger", "what set off the order", frozenset({"cause"}),
                _cues(r"\b(?:trigger\w*|prompted|sparked|set off|led to|began with|came after)\b"), dated=False)
# Who issued the order, as a source tells it ("the directive came from Commerce Secretary Howard Lutnick", "the
# Commerce Department ordered Anthropic to…"): read by ``read_issuers``, to answer "who ordered the ban?" from what
# most outlets say. A question names it by asking who did it (these cues are read on questions only: the reader
# has its own patterns). Never compared (see ``UNCOMPARED``): the Commerce Department, its Bureau and the
# administration are each rightly said to have done it.
ISSUER = Event("issuer", "who issued the order", frozenset({"party"}),
               _cues(r"\bwho(?:['’]?s|\s+is|\s+was|\s+were)?\s+(?:(?:actually|really|exactly|even|the one that|the one "
                     r"who|responsible for)\s+)*(?:order|issu|sign|impos|ban|pull|shut|took|take|forc|sent|send|"
                     r"mandat|direct|behind|responsible|decid|made the call|gave the order)\w*|"
                     r"\bwhich\s+(?:\w+\s+){0,2}(?:agency|agencies|department|office|official|body|cabinet)\w*\s+"
                     r"(?:[\w-]+\s+){0,4}?(?:order|issu|sign|impos|sent|direct|behind)\w*|"
                     # whether someone did it: "did trump sign the order himself?", "was it commerce that issued it"
                     r"^\W*(?:(?:so|ok|and|but|wait)\W+)*(?:did|was it)\s+(?:the\s+)?(?:president\s+)?"
                     r"[\w.]+(?:\s+[\w.]+)?\s+(?:himself\s+|herself\s+|"
                     r"personally\s+|that\s+|who\s+)?(?:sign|issu|order|impos)\w*\s+(?:the\s+|this\s+|that\s+)?"
                     r"(?:order|ban|directive|letter|it)\b"), dated=False)
EVENTS = (*EVENTS, ROLE, OBLIGATION, SCOPE, TRIGGER, ISSUER)
# events read only to answer who did something, never set against each other (each fact is its own group)
UNCOMPARED = frozenset({ISSUER.key})
BY_KEY = {e.key: e for e in EVENTS}
# Read and stored but never compared or put on the timeline: a report's date or a deadline (they explain why
# a date is not filed elsewhere). A price is compared only with the same model's price in the same direction
# (input or output tokens, see ``price_direction``): one article's input and output prices are two quantities.
NOT_STORY_EVENTS = frozenset({"report", "deadline"})
# Quantities that belong to one model (its context window, its price): the model a sentence names is what the
# figure is of, so facts naming different models are never compared ("GLM-5.2's 1M-token context" is not
# Fable 5's). Kept in a fact's names as "model:<name>".
MODEL_PROPERTIES = frozenset({"context_window", "price"})
MODEL_NAME_PREFIX = "model:"
# "Claude Fable 5", "GLM-5.2", "GPT-5.6", "Opus 4.8": a capitalised name with a version number (not a month's day)
_MODEL_NAME = re.compile(rf"\b(?!(?:{MONTHS})\b)([A-Z][A-Za-z.]*)[\s-](\d+(?:\.\d+)*)\b(?![,.]?\d)(?!\s*(?:%|percent))")
# "$3 per 1M tokens", "Cost/1M tokens": a token count that is a price's unit, not a size
_PER_UNIT = re.compile(r"(?:\bper|/)\s*$", re.IGNORECASE)
_CLAUSE = re.compile(r"[;:—–]|\s-\s")
_CLAUSE_PENALTY = 60
# A cue after its value counts double ("sued on June 23 over the June 12 directive": June 23 is the suit's),
# except for a sentence that opens with its date ("On June 12, the government ordered") or a date that
# qualifies the noun right after it ("the June 12 directive").
_AFTER_WEIGHT = 2
_OPENING = 30
_ANOTHER_THING = re.compile(r"\b(?:over|against|challenging|about|following|after|before|despite|than)\b", re.I)
_CLAUSE_START = re.compile(r"[;:—–(,]\s*[\"“]?(?:on\s+|in\s+)?(?:[A-Z][a-z]+,?\s+)?$")
# "Anthropic's statement on the directive, issued on June 13": a cue that is the topic of something said or
# written names what was said about, not what the date is of
_TOPIC_OF_SAYING = re.compile(
    r"\b(?:statement|post|remarks|comments?|response|report(?:ing)?|coverage|analysis|story|article|op-ed|essay|"
    r"explainer|q&a|faq)\s+(?:on|about|regarding|concerning)\s+(?:the\s+|its\s+|this\s+|that\s+|a\s+)?"
    r"(?:[\w'’-]+\s+){0,2}$", re.IGNORECASE)
# "seven days before Anthropic launched": the launch is a reference point, not what the date is of
_REFERENCE = re.compile(r"\b(?:days?|weeks?|hours?|months?)\s+(?:before|after)\b[^,;]{0,30}$", re.IGNORECASE)
_MAX_DISTANCE = 120
MINUTES_PER_DAY = 24 * 60
# "taken offline for 15 days ... on track to return soon": an outage still going on has no length yet
_UNDERWAY = re.compile(
    r"\b(?:(?:on track|expected|set|poised|likely|due) to|could|would|will|may|might)\s+(?:\w+\s+)?"
    r"(?:return|come back|be (?:back|restored|reinstated|lifted))|\bstill (?:offline|unavailable|dark|down|blocked|"
    r"suspended)|\bso far\b|\bremains? (?:offline|unavailable|dark|blocked|suspended)", re.IGNORECASE)
_MAX_DISTANCE_QUANTITY = 60
# the end a time counted from the launch runs to, for it to be how long the models were out before the order
_SHUT_DOWN = re.compile(r"\b(?:dark|offline|pulled|shut|shutdown|takedown|banned|ban|suspend\w*|disabled|cut off|"
                        r"removed|switched off|turned off|taken down|killed|yanked|revoked|blocked|halted|"
                        r"restricted|unavailable)\b", re.IGNORECASE)
_MAX_DISTANCE_OPENING = 200
_ONGOING = re.compile(r"\s+in\b")
# "more than 120", "under two hours": a bound, stored as ">120", "<120" and set only against a value outside it
# ("more than 120 signed" disagrees with 76, not with 130; see ``bot.facts.disagree.values_differ``). "Nearly 80"
# is an estimate of 80. Dates keep theirs ("around June 13" is an estimated day, below).
_LOWER_BOUND = re.compile(r"\b(?:more than|over|at least|upwards of|north of|in excess of)\s+(?:a\s+|an\s+)?"
                          r"[*_]{0,2}$", re.IGNORECASE)  # (a figure in bold: "more than **120**")
_UPPER_BOUND = re.compile(r"\b(?:under|fewer than|less than|up to|within|no more than)\s+(?:a\s+|an\s+)?[*_]{0,2}$",
                          re.IGNORECASE)
_NEARLY = re.compile(r"\b(?:nearly|almost|close to|just under|just shy of)\s+(?:a\s+|an\s+)?$", re.IGNORECASE)
LOWER_MARK = ">"
UPPER_MARK = "<"
# "about 40", "roughly 90 minutes", "~40": an estimate, stored as "~40"; compared only with values further away
# than an estimate's slack (see ``bot.facts.disagree.values_differ``). "Around 13 June" is an estimate of a day,
# "~06-13": it still names the day, and is set only against a day more than a day away
_ESTIMATE = re.compile(r"(?:\b(?:about|approximately|roughly|around|some|an estimated|an approximate)\s+"
                       r"(?:a\s+|an\s+)?|~\s*)$", re.IGNORECASE)
# a day is estimated by fewer words: "news about June 12" and "some June 12 reports" name the day itself
_ESTIMATED_DAY = re.compile(r"\b(?:on (?:or )?about|approximately|roughly|circa|around)\s+$", re.IGNORECASE)
ESTIMATE_MARK = "~"
_EMPHASIS = re.compile(r"\*\*|__")
# "later expanding to around 150": what a figure grew to is a later state, not the figure itself
_GROWTH = re.compile(r"\b(?:expand\w*|grow\w*|grew|increas\w*|rose|risen|rising|climb\w*)\b(?:\s+[\w'’-]+){0,4}"
                     r"\s+to\s+(?:include\s+)?"
                     r"(?:(?:about|approximately|roughly|around|some|over|more than|nearly)\s+)?$",
                     re.IGNORECASE)
# a sentence about who was let back after the ban: its "vetted" or "trusted" organisations are not early access
_LET_BACK = re.compile(r"\b(?:relaunch\w*|redeploy\w*|restor\w*|reinstat\w*|again|back)\b", re.IGNORECASE)
# "18 or 19 days", "18-19 days", "between 18 and 19 days": the source gives a range or alternatives, so it
# agrees with either end and is not compared; days so given ("June 25–26", "June 12 or 13") are an estimated day
_ALTERNATIVE_BEFORE = re.compile(
    r"(?:\b\d{1,3}(?:st|nd|rd|th)?|\b" + NUMBER_WORD + r")\s*(?:or|to|and|[-–—])\s*$", re.IGNORECASE)
_ALTERNATIVE_AFTER = re.compile(rf"^(?:st|nd|rd|th)?(?:\s*[-–—]\s*|\s+or\s+(?:(?:{MONTHS})\s+)?)\d{{1,2}}\b(?!:)")
# "pulled offline in under 72 hours", "shut down within a day": how soon it happened, not how long it lasted
_TIME_TAKEN = re.compile(r"\b(?:in|within)\s+(?:(?:under|less than|just|only|about|roughly|around|barely|a mere)\s+)?"
                         r"(?:a\s+|an\s+)?[*_]{0,2}$", re.IGNORECASE)
# "up to 128,000 tokens of output": how much a model may write, not its context window
_OUTPUT = re.compile(r"^[\s*_]*(?:of\s+)?(?:output|completion)\b|\b(?:output|completion)s?\s+(?:limit\s+)?(?:of\s+)?"
                     r"(?:up to\s+)?[*_]{0,2}$", re.IGNORECASE)
# durations in weeks or months are round figures ("a two-week suspension", "six weeks"): not compared
_ROUND_UNIT = re.compile(r"\b(?:weeks?|months?)\b", re.IGNORECASE)


@dataclass(frozen=True)
class ReadFact:
    """One fact of one sentence: offsets are within the sentence."""

    event: str
    kind: str
    value: str  # normalised, comparable: "06-12", "25920" (minutes), "54"; an estimate "~40"
    written: str
    start: int
    end: int
    cue: str
    # the names (companies, models, people) in the value's clause: what the event is of ("OpenAI released
    # GPT-5.6 on June 26" is not a launch of Fable 5); grouping keeps apart facts whose shared names never meet
    names: tuple[str, ...] = ()


_NAME = re.compile(r"(?<![\w.-])[A-Z][\w.&-]*[\w]")
_NOT_NAMES = frozenset(
    (MONTHS + "|" + WEEKDAYS).lower().split("|")
    + """the this that these those when while after before since during until with from into over under about
    last next their its his her our your on in at by for and but a an it he she they we i just then as of
    what why how who which eastern et pm am est edt us u.s us-only non-us ai api eo""".split()
)
_NAME_WINDOW = 80
_TITLE_CASE = 0.6


def names_near(text: str, start: int, end: int) -> tuple[str, ...]:
    """Capitalised words within the value's clause, but not a sentence's first word nor common words."""
    lo, hi = max(0, start - _NAME_WINDOW), min(len(text), end + _NAME_WINDOW)
    before = _CLAUSE.split(text[lo:start])[-1]
    segments = ((start - len(before), before), (end, _CLAUSE.split(text[end:hi])[0]))
    words = re.findall(r"[A-Za-z][\w'-]*", text)
    if len(words) >= 3 and sum(w[0].isupper() for w in words) >= _TITLE_CASE * len(words):
        return ()  # a headline in title case: its capitals are style, not names
    found = set()
    for offset, segment in segments:
        for match in _NAME.finditer(segment):
            word = re.sub(r"[’']s$", "", match.group()).lower()
            first = not text[: offset + match.start()].strip(" \t-•*#|\"“")
            if word not in _NOT_NAMES and not word.isdigit() and not first:
                found.add(word)
    return tuple(sorted(found))


def normalise(kind: str, value: float | str) -> str:
    if kind == "date" and isinstance(value, float | int):
        return f"{int(value) // 100:02d}-{int(value) % 100:02d}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# an aside between dashes (a list of names, a gloss) is no clause of its own: the sentence runs on around it
_ASIDE = re.compile(r"\s[—–]\s[^—–;:]{1,200}?\s[—–]\s")


def _distance(text: str, cue: re.Match[str], start: int, end: int, dated: bool = True) -> int:
    """Characters between a cue and a value, plus a penalty for each clause boundary between them."""
    if cue.start() < end and cue.end() > start:
        return 0
    before = cue.end() <= start
    lo, hi = (cue.end(), start) if before else (end, cue.start())
    between = _ASIDE.sub(" ", text[lo:hi])  # "On June 18, four members — A, B and C — sent a letter"
    gap = len(between) + _CLAUSE_PENALTY * len(_CLAUSE.findall(between))
    if dated and before and _ANOTHER_THING.search(between):
        gap += _CLAUSE_PENALTY  # "filed suit challenging a June 12 order": the date is of the other thing
    opens = start < _OPENING or _CLAUSE_START.search(text[max(0, start - 14) : start])
    if dated and not before and not opens and (gap > 3 or "," in between):
        # "sued on March 20 over the order": what follows a preposition is another thing
        another = "," in between or _ANOTHER_THING.search(between)
        gap = gap * _AFTER_WEIGHT + (_CLAUSE_PENALTY if another else 0)
    return gap


ROLE_PREFIX = "role:"
BARE_ROLE_PREFIX = "office:"  # an office named without what it is of ("CEO Andy Jassey")
GIVEN_PREFIX = "given:"  # the holder's given name, when written ("andy" of "Andy Jassy")
_SCOPE_WORD = re.compile(r"foreign|non-|worldwide|globally|all users|all customers|every", re.IGNORECASE)
_OBLIGATION_WORD = re.compile(r"voluntary|opt-in|mandatory|compulsory|obligatory|binding", re.IGNORECASE)
_OFFICE_WORD = re.compile(r"Secretary|Director|CEO|Chief|Chair|Administrator|Advis|Czar|Spokes|Counsel|[Ff]ounder")
# a company's founders are written in lower case as often as not ("Anthropic co-founder Tom Brown")
_OFFICE = (r"(?:Secretary|Director|CEO|Chief Executive(?: Officer)?|Chair(?:man|woman)?|Administrator|Adviser|"
           r"Advisor|Czar|Spokes(?:person|man|woman)|General Counsel|Undersecretary|Under Secretary|"
           r"[Cc]o-?[Ff]ounder|Founder)")
# an office is named with what it is of ("Commerce", "National Cyber", "Amazon"); a bare "CEO Andy Jassey" says
# which office only to a reader who knows, so it is kept only to meet its office by the holder's name (see
# read_roles), and a bare "Secretary Lutnick" not at all; a former holder is no claim about who holds it; a rank
# between office and name ("NSA Director Gen. Joshua Rudd") is neither
_ROLE = re.compile(
    rf"(?<![\w-])(?<!former )(?<!then-)(?<!ex-)(?<!acting )(?P<office>(?:[A-Z][A-Za-z]+\s+){{0,3}}{_OFFICE}),?\s+"
    r"(?:(?:Gen|Adm|Lt|Col|Maj|Capt|Dr|Sen|Rep|Gov|Amb|Prof)\.\s+|(?:General|Admiral)\s+(?=[A-Z][a-z]+\s+[A-Z]))?"
    r"(?P<name>(?:[A-Z][a-z]+\s+(?:[A-Z]\.\s+)?)?(?P<surname>[A-Z][a-z]+(?:[-'’][A-Z][a-z]+)?))(?=['’]s\b|[^\w'’-]|$)")
_POSSESSIVE = re.compile(r"([A-Z][A-Za-z]+)['’]s")
_PAST_HOLDER = re.compile(r"\b(?:former|then-|ex-|acting|interim|outgoing|previous)", re.IGNORECASE)
# words before an office that are no part of it: function words ("When Commerce Secretary …", "the"), a salutation,
# a past holder's mark, the country everything here is of
_NOT_OFFICE_WORDS = STOPWORDS | frozenset({"dear", "former", "acting", "us", "u.s", "america", "america's", "american"})


def read_roles(text: str) -> list[ReadFact]:
    """Who a sentence says holds an office: "Commerce Secretary Howard Lutnick" (not in a title-case headline,
    whose capitals are style)."""
    matches = list(_ROLE.finditer(text))
    words = re.findall(r"[A-Za-z][\w'-]*", _ROLE.sub(" ", text))  # the offices and names are capitalised anyway
    if not matches or (len(words) >= 3 and sum(w[0].isupper() for w in words) >= _TITLE_CASE * len(words)):
        return []
    out: list[ReadFact] = []
    for match in matches:
        if _PAST_HOLDER.search(text[max(0, match.start() - 12) : match.start()] + match.group("office")):
            continue  # "Former Transport Secretary Dan Cole": who held it once
        office_words = [w for w in match.group("office").split() if w.lower() not in _NOT_OFFICE_WORDS]
        qualifier = office_words[:-1] if not match.group("office").endswith(("Chief Executive", "Executive Officer",
                                                                              "General Counsel", "Under Secretary")) \
            else office_words[: -len(re.split(r"\s+", re.search(_OFFICE + "$", match.group("office")).group()))]  # type: ignore[union-attr]
        if match.group("surname").lower() in _NOT_NAMES:
            continue
        given = match.group("name").split()[0] if " " in match.group("name") else None
        names = (GIVEN_PREFIX + given.lower(),) if given else ()
        if not qualifier:
            # "relayed via CEO Andy Jassey": which company's CEO the sentence leaves to its reader, so the fact
            # only joins an office whose holder has that given name and a surname spelled nearly alike (see
            # ``bare_office_of`` and ``bot.facts.store.group_keys``); a bare "Secretary Lutnick" says too little
            before = text[: match.start()].split()
            owner = _POSSESSIVE.fullmatch(before[-1]) if before else None
            if owner:  # "Amazon's CEO Andy Jassy"
                names = (ROLE_PREFIX + owner.group(1).lower() + "-" + _office_key(office_words), *names)
            elif not given or (before and (before[-1][:1].isupper() or _PAST_HOLDER.fullmatch(before[-1]))):
                continue
            else:
                names = (BARE_ROLE_PREFIX + _office_key(office_words), *names)
        else:
            names = (ROLE_PREFIX + _office_key(office_words), *names)
        office = " ".join(office_words)
        out.append(ReadFact(ROLE.key, "person", match.group("surname").lower(), match.group("name"),
                            match.start("name"), match.end("name"), office.lower(), names))
    return out


# offices several people hold at once: "Anthropic co-founder Tom Brown" and "Anthropic co-founder Jack Clark" are both
# right, so who holds one is read (it says who someone is) but never set against another holder
SHARED_OFFICES = frozenset({"cofounder", "founder"})


def _office_key(office_words: Sequence[str]) -> str:
    return "-".join(w.lower().replace("co-founder", "cofounder") for w in office_words) \
        .replace("chief-executive-officer", "ceo").replace("chief-executive", "ceo")


def spelled_alike(a: str, b: str) -> bool:
    """Whether two surnames are one name spelled two ways ("jassy", "jassey"): the same first letter, at
    least four letters, and one letter added, dropped or changed (a second change for long names)."""
    if a == b or a[:1] != b[:1] or min(len(a), len(b)) < 4:
        return a == b
    return edit_distance(a, b) <= (2 if min(len(a), len(b)) >= 8 else 1)


def bare_office_of(names: Sequence[str]) -> str | None:
    """The office word of a fact whose office is named bare ("ceo" of "CEO Andy Jassey"), or None."""
    return next((n.removeprefix(BARE_ROLE_PREFIX) for n in names if n.startswith(BARE_ROLE_PREFIX)), None)


def given_name_of(names: Sequence[str]) -> str | None:
    return next((n.removeprefix(GIVEN_PREFIX) for n in names if n.startswith(GIVEN_PREFIX)), None)


SCHEME_PREFIX = "scheme:"
_OBLIGATION_VALUES = {"voluntary": "voluntary", "opt-in": "voluntary", "mandatory": "mandatory",
                      "compulsory": "mandatory", "obligatory": "mandatory", "binding": "mandatory"}
# the qualifier right before the scheme it qualifies ("voluntary 30-day pre-release framework"); a scheme word,
# so "a mandatory shutdown" (an act, not a scheme) is no claim about whether a scheme binds
_SCHEME = (r"(?:review|framework|process|program(?:me)?|pause|vetting|period|scheme|testing|evaluation|assessment|"
           r"regime|participation|commitments?|arrangement|system|oversight)")
SCHEME_NOUN = re.compile(_SCHEME, re.IGNORECASE)
_OBLIGATION = re.compile(rf"(?<!non-)\b(?P<word>voluntary|opt-in|mandatory|compulsory|obligatory|binding)\s+"
                         rf"(?:[\w-]+\s+){{0,3}}?(?P<scheme>{_SCHEME})\b", re.IGNORECASE)
_NEGATED = re.compile(r"\b(?:not|no longer|never|rather than|instead of|turned|from|into|than)\s+"
                      r"(?:a\s+|an\s+|the\s+)?$", re.IGNORECASE)


def read_obligations(text: str) -> list[ReadFact]:
    """Whether a sentence calls a scheme voluntary or mandatory ("a voluntary pre-release review"), unless it
    says what the scheme is not or turned into ("voluntary review turned into required oversight")."""
    out: list[ReadFact] = []
    found = list(_OBLIGATION.finditer(text))
    if len({_OBLIGATION_VALUES[m.group("word").lower()] for m in found}) > 1:
        return []  # one sentence calling schemes both: a contrast, not a claim about one
    for match in found:
        if _NEGATED.search(text[max(0, match.start() - 16) : match.start()]):
            continue
        word = match.group("word")
        # the words that describe the scheme ("30-day", "pre-release", "review") say which scheme it is
        described = {SCHEME_PREFIX + w.lower() for w in re.findall(r"[\w-]+", match.group()[len(word):])}
        out.append(ReadFact(OBLIGATION.key, "obligation", _OBLIGATION_VALUES[word.lower()], word, match.start("word"),
                            match.end("word"), match.group("scheme").lower(), tuple(sorted(described))))
    return out


# who requires: the order, its issuer; what it requires: a verb of command, then (in the same clause) whom
_REQUIRER = (r"(?:order|directive|government|commerce|department|ministry|agency|regulators?|authorit\w+|officials|"
             r"white house|washington|lutnick|administration|controls?|U\.?S\.?|BIS)")
_SCOPE_CLAUSE = re.compile(
    rf"\b{_REQUIRER}\b[^.;:—]{{0,60}}?\b(?:ordered|orders|directed|directs|directing|required|requires|requiring|"
    r"barred|bars|barring|mandated|mandates|applied to|applies to|instructed)\b(?P<what>[^.;:—]{0,140})", re.IGNORECASE)
_FOREIGN = re.compile(r"\bforeign[- ](?:nationals?|persons?|users?|citizens?)|\bnon-(?:us|u\.s\.|american)s?\b",
                      re.IGNORECASE)
_EVERYONE = re.compile(r"\b(?:worldwide|globally|all (?:its )?(?:users|customers)|every (?:user|customer)|everyone)\b",
                       re.IGNORECASE)
# what complying took, or what the order did in effect, is no claim about whom it covered
_EFFECT = re.compile(r"\b(?:effectively|in effect|in practice|practical effect|to comply|complian\w*|because|forced|"
                     r"forcing|forces)\b", re.IGNORECASE)


def read_scopes(text: str) -> list[ReadFact]:
    """Whom a sentence says the order covers: "foreign-nationals" ("directed Anthropic to bar foreign
    nationals", "foreign nationals worldwide") or "everyone" ("ordered it to suspend worldwide access"); a
    sentence naming both, or telling what complying took, says neither."""
    if _EFFECT.search(text):
        return []
    # "foreign nationals worldwide" is foreign nationals wherever they are; "all users" beside "foreign
    # nationals" is an explanation or a contrast, not a claim
    where_stripped = re.sub("(?:" + _FOREIGN.pattern + r")[\w\s,'’-]{0,20}?\b(?:worldwide|globally)\b", " ", text,
                            flags=re.IGNORECASE)
    if _FOREIGN.search(text) and _EVERYONE.search(where_stripped):
        return []
    out: list[ReadFact] = []
    for clause in _SCOPE_CLAUSE.finditer(text):
        what, offset = clause.group("what"), clause.start("what")
        found = _FOREIGN.search(what) or _EVERYONE.search(what)
        if found is None:
            continue
        value = "foreign-nationals" if _FOREIGN.search(what) else "everyone"
        out.append(ReadFact(SCOPE.key, "scope", value, found.group(), offset + found.start(), offset + found.end(),
                            found.group().lower(), ()))
        break
    return out


# the parties sources credit with setting the order off (names as written, so case matters), and how a reader
# is told each account
CAUSES: dict[str, tuple[re.Pattern[str], str]] = {
    "amazon": (re.compile(r"\b(?:Amazon|Jassy)\b"), "Amazon's jailbreak research and warning"),
    "nsa": (re.compile(r"\b(?:NSA|National Security Agency)\b"), "NSA hacking concerns"),
    "china": (re.compile(r"\b(?:China-linked|Chinese-linked|China|Chinese)\b"), "fears a China-linked group got in"),
    "sk-telecom": (re.compile(r"\bSK Telecom\b"), "SK Telecom's access"),
}
# what was set off: the order under any of its names
_SET_OFF = (r"(?:order|directive|controls?|restrictions?|ban|suspension|crackdown|action|shutdown|intervention|"
            r"clampdown|IIL|move|measure|chain of events)")
_SET_OFF_BY = re.compile(
    rf"\b{_SET_OFF}\b[^.;:—]{{0,80}}?\b(?:(?:was|were|been|being)\s+)?(?:\w+ly\s+)?"
    r"(?:(?:triggered|prompted|sparked|set off|caused|driven)\s+by|came after|followed|began|started)\b"
    r"(?P<by>[^;:—]{0,160})", re.IGNORECASE)
_TRIGGER_WAS = re.compile(r"\btrigger (?:for|of|behind)\b[^.;:—]{0,60}?\b(?:was|is)\b(?P<by>[^;:—]{0,160})",
                          re.IGNORECASE)
_SETS_OFF = re.compile(
    r"(?P<who>[^.;:—]{0,200}?)\b(?:triggered|prompted|sparked|set off|led to|helped (?:to )?(?:trigger|set off|"
    rf"prompt|spark))\b[^.;:—]{{0,60}}?\b{_SET_OFF}\b", re.IGNORECASE)
# the party that took the flaw to the government ("Amazon reportedly flagged the issue to the White House", "Jassy, who
# flagged the model as dangerous to federal officials", "raised the matter with the White House"): the account
# crediting it with setting the order off
_TOOK_TO_GOVERNMENT = re.compile(
    r"(?P<who>[^.;:—]{0,200}?)\b(?:flagged|raised|relayed)\b[^.;:—]{0,60}?\b(?:to|with)\s+(?:the\s+)?"
    r"(?:White House|government|(?:Trump )?administration|federal officials|U\.?S\.? officials|officials|Commerce|"
    r"feds)\b",
    re.IGNORECASE)
# the verbs every pattern of ``read_triggers`` needs: a sentence without one is not read further
_TRIGGER_VERB = re.compile(r"\b(?:trigger|prompted|sparked|set off|led to|began|started|came after|followed|caused|"
                           r"driven|helped|flagged|raised|relayed)", re.IGNORECASE)
# "not with the NSA but with a call from Amazon": the party after "but" is the one credited
_NOT_BUT = re.compile(r"\bnot\s+(?:with|by|from)\b[^;:—]*?\bbut\b", re.IGNORECASE)
# "followed a debate over the model, despite Anthropic being an Amazon investment": what a concession adds is
# no part of the account
_CONCESSION = re.compile(r",\s*(?:despite|although|though|while|even|whereas|which)\b.*", re.IGNORECASE)
_DENIED = re.compile(r"\b(?:not|never|no|wasn['’]t|weren['’]t|isn['’]t)\b", re.IGNORECASE)


def read_triggers(text: str) -> list[ReadFact]:
    """Whom a sentence credits with setting off the order: the party named after "triggered by", "came after"
    or "the trigger for it was", the subject of "… triggered the crackdown", or the one that "flagged the flaw to
    the White House"; none when the sentence denies it or credits two parties. (Not "warned": a country warning
    the administration is reacting to the order, not setting it off.)"""
    for pattern, group in ((_SET_OFF_BY, "by"), (_TRIGGER_WAS, "by"), (_SETS_OFF, "who"), (_TOOK_TO_GOVERNMENT, "who")):
        for match in pattern.finditer(text):
            if group == "by" and _DENIED.search(text[match.start() : match.start(group)]):
                continue  # "was not triggered by"
            if pattern is _TOOK_TO_GOVERNMENT and _DENIED.search(match.group(group)[-16:]):
                continue  # "Amazon never flagged it to the government"
            span = _NOT_BUT.sub(lambda m: " " * len(m.group()), match.group(group))
            if group == "by":
                span = _CONCESSION.sub("", span)
            found = sorted((m.start(), cause, m) for cause, (names, _) in CAUSES.items()
                           for m in names.finditer(span))
            if len({cause for _, cause, _ in found}) != 1:
                continue  # none named, or two credited: no claim about which one
            _, cause, first = found[-1] if group == "who" else found[0]
            offset = match.start(group)
            return [ReadFact(TRIGGER.key, "cause", cause, first.group(), offset + first.start(), offset + first.end(),
                             "trigger", ())]
    return []


# who issued the order, under the names sources give them (as written, so case matters); the Bureau is named apart
# from its department, so "which office issued it?" finds it
ISSUERS: dict[str, re.Pattern[str]] = {
    "commerce": re.compile(r"\b(?:(?:Commerce\s+)?Secretary\s+)?(?:Howard\s+)?Lutnick\b|\b(?:Commerce Department|"
                           r"Department of Commerce|Commerce)\b"),
    "bis": re.compile(r"\bBIS\b|\bBureau of Industry and Security\b"),
    "white-house": re.compile(r"\b(?:President\s+)?(?:Donald\s+)?Trump\b|\bWhite House\b"),
}
# the order under its names (not the June 2 executive order, another thing)
_ORDER_NOUN = (r"(?:(?<!executive )(?<!executive-)order|directive|letter|ban|export[- ]control (?:directive|order)|"
               r"IIL|licen[cs]e requirement)")
_ISSUED_BY = re.compile(rf"\b{_ORDER_NOUN}\b[^.;:—]{{0,40}}?\b(?:came from|(?:was\s+|were\s+)?(?:issued|signed|sent|"
                        r"imposed|handed down|delivered)\s+by|from)\s+(?P<by>[^.;:—]{0,60})", re.IGNORECASE)
_ISSUES = re.compile(rf"(?P<who>[^.;:—]{{0,80}}?)\b(?:issued|signed|sent|imposed|handed down|delivered)\s+"
                     rf"(?:an?\s+|the\s+|its\s+)?(?:[\w-]+\s+){{0,3}}?{_ORDER_NOUN}s?\b", re.IGNORECASE)
_ORDERED = re.compile(r"(?P<who>[^.;:—]{0,80}?)\b(?:ordered|directed|instructed|forced|required)\s+Anthropic\b",
                      re.IGNORECASE)
_RECIPIENT = re.compile(r"\b(?:to|at|against|for|with|toward|towards)\b", re.IGNORECASE)
_ISSUE_VERB = re.compile(r"\b(?:issued|signed|sent|imposed|handed down|delivered|came from|ordered|directed|"
                         r"instructed|forced|required)\b", re.IGNORECASE)


def read_issuers(text: str) -> list[ReadFact]:
    """Whom a sentence names as issuing the order: the party after "came from" or "issued by", or the one just
    before "issued the directive" or "ordered Anthropic"; none when it denies it or names two there."""
    for pattern, group in ((_ISSUED_BY, "by"), (_ISSUES, "who"), (_ORDERED, "who")):
        for match in pattern.finditer(text):
            span = match.group(group)
            if _DENIED.search(span if group == "who" else text[match.start() : match.start(group)]):
                continue  # "was not issued by", "neither Trump nor…"
            if group == "by":  # "a letter sent by security CEOs to Howard Lutnick": who it went to did not send it
                span = _RECIPIENT.split(span, maxsplit=1)[0]
            found = sorted((m.start(), party, m) for party, names in ISSUERS.items() for m in names.finditer(span))
            if not found:
                continue
            # the party nearest the verb: the subject just before it, or the first after "by"
            _, party, first = found[-1] if group == "who" else found[0]
            if group == "who" and len({p for _, p, _ in found}) > 1 and not span.rstrip().endswith(first.group()):
                continue  # two named before the verb and neither is its subject
            offset = match.start(group)
            return [ReadFact(ISSUER.key, "party", party, first.group(), offset + first.start(), offset + first.end(),
                             "issued", ())]
    return []


def role_of(names: tuple[str, ...] | list[str]) -> str | None:
    """The office a fact of who holds one is about ("role:commerce-secretary")."""
    return next((n for n in names if n.startswith(ROLE_PREFIX)), None)


def shown_role(key: str) -> str:
    """"role:national-cyber-director" -> "National Cyber Director"; "role:amazon-ceo" -> "Amazon CEO"."""
    shown = {"ceo": "CEO", "cofounder": "co-founder", "founder": "founder"}
    return " ".join(shown.get(w, w.capitalize()) for w in key.removeprefix(ROLE_PREFIX).split("-"))


def read_facts(text: str) -> list[ReadFact]:
    """The facts one sentence states (none for a sentence without a value)."""
    text = _EMPHASIS.sub(lambda m: " " * len(m.group()), text)  # "more than **120** experts" (offsets kept)
    out: list[ReadFact] = read_roles(text) if _OFFICE_WORD.search(text) else []
    if _OBLIGATION_WORD.search(text):
        out.extend(read_obligations(text))
    if _SCOPE_WORD.search(text):
        out.extend(read_scopes(text))
    if _TRIGGER_VERB.search(text):
        out.extend(read_triggers(text))
    if _ISSUE_VERB.search(text):
        out.extend(read_issuers(text))
    if not MAY_HAVE_VALUE.search(text):
        return out
    dateline = DATELINE.match(text)  # its day is when the piece was filed, not a day of what it reports
    for value in extract_values(text, with_windows=False):
        if value.kind.startswith("name:"):
            continue
        start = _locate(text, value.written)
        if start < 0:
            continue
        end = start + len(value.written)
        if value.kind == "date" and dateline and end <= dateline.end():
            continue
        if value.kind == "tokens" and _PER_UNIT.search(text[max(0, start - 8) : start]):
            continue  # "per 1M tokens": the unit of a price
        if value.kind != "date" and ((value.kind == "duration" and _ONGOING.match(text[end:]))
                                     or _GROWTH.search(text[max(0, start - 80) : start])):
            continue  # "thirteen days in", "grew to 150": a count so far, a later state
        before = text[max(0, start - 24) : start]
        estimated = _ESTIMATED_DAY if value.kind == "date" else _ESTIMATE
        estimate = bool(estimated.search(before)) or (value.kind != "date" and bool(_NEARLY.search(before)))
        bound = "" if value.kind == "date" else LOWER_MARK if _LOWER_BOUND.search(before) else \
            UPPER_MARK if _UPPER_BOUND.search(before) else ""
        second = bool(_ALTERNATIVE_BEFORE.search(text[max(0, start - 12) : start]))  # "… or 13", "25–26"
        first = bool(_ALTERNATIVE_AFTER.match(text[end:]))  # "June 25–…", "June 12 or …"
        if value.kind == "date" and first and not second:
            estimate = True  # "June 25–26", "June 12 or 13": about the first day, not a day days away
        elif first or second or (value.kind == "duration" and _ROUND_UNIT.search(value.written)):
            continue  # a range, alternatives or a round figure: it agrees with any value inside it
        # a sentence that opens with its date is about what its main clause says, however long
        limit = (_MAX_DISTANCE_OPENING if start < _OPENING else _MAX_DISTANCE) if value.kind == "date" \
            else _MAX_DISTANCE_QUANTITY
        best: tuple[int, Event, str] | None = None
        taken: list[tuple[int, int]] = []  # a more specific event's cue hides a general one inside it
        for event in EVENTS:
            if value.kind not in event.kinds or (event.key == "early_access" and _LET_BACK.search(text)):
                continue  # "redeployed only to a vetted network of 100 firms": let back after the ban, not early
            for cue in event.cues.finditer(text):
                if any(a <= cue.start() and cue.end() <= b for a, b in taken):
                    continue
                taken.append(cue.span())
                # "launch on June 10", or "the June 12 suspension" even inside "six days after the June 12
                # suspension": a date right before its cue is that cue's date, reference point or not
                qualified = (cue.end() <= start and start - cue.end() < 12) or (end <= cue.start() and
                                                                              cue.start() - end <= 2)
                if not qualified and _REFERENCE.search(text[max(0, cue.start() - 60) : cue.start()]):
                    continue
                if _TOPIC_OF_SAYING.search(text[max(0, cue.start() - 60) : cue.start()]):
                    continue
                d = _distance(text, cue, start, end, value.kind == "date")
                if value.kind != "date" and 0 <= cue.start() - end <= 2:
                    d = 0  # a cue right after a figure says what it counts ("72 hours after launch", "90 minutes'
                    # notice"), before one that merely stands near it ("went dark 72 hours after launch")
                if d <= limit and (best is None or d < best[0]):
                    best = (d, event, cue.group(0))
        if best is not None and best[1].key == "launch_to_shutdown" and best[2].startswith("after") \
                and not _SHUT_DOWN.search(text):
            continue  # "two days after launch it topped a leaderboard": time from the launch to something else
        if best is not None and best[1].key == "outage_length" and _TIME_TAKEN.search(before) \
                and not _LET_BACK.search(text):
            # "launched …, pulled offline in under 72 hours": how soon the shutdown came, so, after a launch, how
            # long the models were live; else only how fast something happened
            if not (BY_KEY["launch"].cues.search(text) and _SHUT_DOWN.search(text)):
                continue
            best = (best[0], BY_KEY["launch_to_shutdown"], best[2])
        if best is not None and best[1].key == "outage_length" and (
                _UNDERWAY.search(text) or (value.kind == "duration" and float(value.value) < MINUTES_PER_DAY)):
            continue  # still going on; or minutes and hours ("the 90-minute suspension window"): how fast it
            # happened or how much notice there was, not how long the models were away
        if best is not None and best[1].key == "context_window" and (
                _OUTPUT.match(text[end:]) or _OUTPUT.search(text[max(0, start - 30) : start])):
            continue  # the most a model writes in one reply
        if best is not None:
            names = names_near(text, start, end)
            if best[1].key in MODEL_PROPERTIES and (model := nearest_model(text, start)):
                names = tuple(sorted({*names, model}))
            if best[1].key == "price" and (direction := price_direction(text, start, end)):
                names = tuple(sorted({*names, direction}))
            if best[1].key == LETTER and (author := letter_author(text)):
                names = tuple(sorted({*names, author}))
            mark = ESTIMATE_MARK if estimate else bound
            normalised = mark + normalise(value.kind, value.value)
            out.append(ReadFact(best[1].key, value.kind, normalised, value.written, start, end, best[2].lower(), names))
    return out


def _model(match: re.Match[str]) -> str:
    return f"{MODEL_NAME_PREFIX}{match.group(1)}-{match.group(2)}"


AUTHOR_PREFIX = "author:"
# who wrote a letter: lawmakers' letter and experts' open letter are two letters, whatever dates they share
_AUTHORS = (
    ("lawmakers", re.compile(r"\b(?:Representatives?|Rep\.|House members|lawmakers|congress(?:wo)?m[ae]n|Senators?|"
                             r"members of Congress|legislators)\b", re.IGNORECASE)),
    ("experts", re.compile(r"\b(?:experts?|researchers?|professionals|CISOs?|practitioners|security leaders|"
                           r"signator(?:y|ies)|scientists)\b", re.IGNORECASE)),
)


# what a reader calls each letter: (in a disagreement, on the timeline)
LETTERS = {
    AUTHOR_PREFIX + "experts": ("when the experts' open letter went out", "Security experts send an open letter"),
    AUTHOR_PREFIX + "lawmakers": ("when the lawmakers' letter went out", "Lawmakers write to Commerce about the order"),
}


class Named(Protocol):
    """A stored fact, as far as its names go (space-separated, see :class:`ReadFact`)."""

    @property
    def names(self) -> str: ...


def letter_author(text: str) -> str | None:
    """"author:lawmakers" or "author:experts" when a sentence about a letter says which wrote it (one only)."""
    found = [who for who, words in _AUTHORS if words.search(text)]
    return AUTHOR_PREFIX + found[0] if len(found) == 1 else None


def author_of(facts: Iterable[Named]) -> str | None:
    """The author most of a letter group's facts name ("author:experts"), or None."""
    counts = Counter(n for f in facts for n in f.names.split() if n.startswith(AUTHOR_PREFIX))
    return counts.most_common(1)[0][0] if counts else None


def nearest_model(text: str, at: int) -> str | None:
    """The model named nearest a figure ("model:Fable-5" in "Fable 5 ... with a 1M-token context window";
    "model:GLM-5.2" in "GLM-5.2's ... 1 million-token context"), or None."""
    found = [(min(abs(m.start() - at), abs(m.end() - at)), _model(m)) for m in _MODEL_NAME.finditer(text)]
    return min(found)[1] if found else None


def model_most_named(texts: Iterable[str]) -> str | None:
    """The model most of these sentences name ("GPT-5.6" of sentences about OpenAI's launch), as written
    ("GPT‑5.6" with a non-breaking hyphen reads as "GPT-5.6"); None when none names one."""
    counts: Counter[str] = Counter()
    for text in texts:
        plain = re.sub(r"[\u2010\u2011\u2012\u2013]", "-", text)
        counts.update({f"{m.group(1)}-{m.group(2)}" if "-" in m.group() else f"{m.group(1)} {m.group(2)}"
                       for m in _MODEL_NAME.finditer(plain)})
    return counts.most_common(1)[0][0] if counts else None


def main_model(text: str) -> str | None:
    """The model an article names most (its subject: "these models feature a 500k-token window" is of it)."""
    counts: dict[str, int] = {}
    for m in _MODEL_NAME.finditer(text):
        counts[_model(m)] = counts.get(_model(m), 0) + 1
    return max(sorted(counts), key=lambda k: counts[k]) if counts else None


DIRECTION_PREFIX = "per:"
# "$10 per million input tokens", "$5 input", "$10 per million tokens of input"
_DIRECTION_AFTER = re.compile(r"^\s*(?:per\s+(?:1m|one million|million|m|token)\s+)?(?:tokens?\s+)?(?:of\s+)?"
                              r"(input|output)\b", re.IGNORECASE)
_DIRECTION_BEFORE = re.compile(r"\b(input|output)\s+(?:price|pricing|cost|rate)s?\s*(?:is|of|at|:)?\s*$", re.IGNORECASE)
_PAIR_FIRST = re.compile(r"^\s*/\s*\$\s*\d")  # "$10/$50": input, then output
_PAIR_SECOND = re.compile(r"\$\s*\d[\d.,]*\s*/\s*$")


def price_direction(text: str, start: int, end: int) -> str | None:
    """Whether a price is per input or per output token ("$10 per million input tokens", "$10/$50": input then
    output), or None when the sentence does not say: such a price is not compared."""
    after, before = text[end : end + 40], text[max(0, start - 30) : start]
    if match := _DIRECTION_AFTER.match(after) or _DIRECTION_BEFORE.search(before):
        return DIRECTION_PREFIX + match.group(1).lower()
    if _PAIR_FIRST.match(after):
        return DIRECTION_PREFIX + "input"
    if _PAIR_SECOND.search(before):
        return DIRECTION_PREFIX + "output"
    return None


def identity_of(event: str, names: tuple[str, ...] | list[str]) -> str | None:
    """What makes facts of a quantity that belongs to something one quantity: the model for a model's figure
    (and the direction, input or output, for a price), the office for who holds it (None for events grouped by
    meaning)."""
    if event == "price":
        model, direction = model_of(names), next((n for n in names if n.startswith(DIRECTION_PREFIX)), None)
        return f"{model} {direction}" if model and direction else None
    if event in MODEL_PROPERTIES:
        return model_of(names)
    if event == ROLE.key:
        role = role_of(names)
        return None if role is None or role.rsplit("-", 1)[-1] in SHARED_OFFICES else role
    return None


def model_of(names: tuple[str, ...] | list[str]) -> str | None:
    """The model a fact of a model's property is of (see ``MODEL_PROPERTIES``)."""
    return next((n for n in names if n.startswith(MODEL_NAME_PREFIX)), None)


def shown_model(name: str) -> str:
    """"model:Fable-5" -> "Fable 5"."""
    return name.removeprefix(MODEL_NAME_PREFIX).replace("-", " ")


def _locate(text: str, written: str) -> int:
    """Where a value's words stand in the sentence ("June 12" also matches "June 12th", "June  12")."""
    found = text.find(written)
    if found >= 0:
        return found
    month, _, day = written.partition(" ")
    match = re.search(rf"\b{re.escape(month)}\.?\s+{re.escape(day)}", text) if day else None
    return match.start() if match else -1
