"""Which of the story's events a question asks about, and what of them: the events its words name ("the lifting",
"the lawsuit", "the letter"), in its main clause rather than a clause saying when, the reason for one ("why was
it lifted?") and the kind of value asked of it (a day, a count, a party). The composer answers such a question from
the story facts, and shows only those events' disputes.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Any

from bot.answers.answer_type import AnswerType
from bot.answers.asked import (
    ASKS_FOR_FIGURE,
    ASKS_FOR_KIND,
    ASKS_FOR_VALUE,
    NUMBERED_NAME,
    asks_for_kind,
    asks_for_value,
)
from bot.answers.definition import term_asked
from bot.answers.followups import CARRIED_TOPIC
from bot.facts.read import ISSUER, ROLE, SIGNATORIES, TRIGGER
from bot.nlp.calendar import MONTHS

# verbs whose "back" is no return of the models ("falls back to", "pushed back on", "hit back at", "paid back")
_BACK_NOT_RETURN = ("fall", "falls", "fell", "falling", "push", "pushes", "pushed", "pushing", "hit", "hits", "hitting",
                    "fight", "fought", "fighting", "talk", "talked", "write", "wrote", "pay", "paid")
# How questions name an event that its sentences' cue words miss ("did it come back?", "is fable back?").
_ASKED_EVENT_WORDS = {
    # "when did fable come out?"
    # "when did fable drop?", "when did openai drop gpt-5.6": chat's word for a release (not dropping the controls)
    "launch": re.compile(r"\b(?:come|came|comes|coming) out\b|\brelease(?: date)?\b|\bship(?:s|ped)?\b|"
                        r"\bdrop(?:s|ped)?\b(?!\s+(?:the\s+|its\s+|their\s+)?(?:ban|controls?|restrictions?|case|"
                        r"suit|lawsuit|charges|order|directive|rules?|requirements?|prices?|demands?)\b)",
                        re.IGNORECASE),
    # (not "falls back to opus 4.8", "pushed back on the order", "hit back at": another doing than the return)
    "return": re.compile(r"\b(?:come|comes|coming) back\b|\b" + "".join(f"(?<!{verb} )" for verb in _BACK_NOT_RETURN)
                         + r"back\b", re.IGNORECASE),
    # "when did the ban end?", "when were the controls removed?"
    "full_lifting": re.compile(r"\b(?:ban|controls?|restrictions?|suspension|shutdown)\s+(?:end|ended|over|stop|"
                               r"stopped|removed|dropped)\b|\bdrop(?:s|ped)?\s+(?:the\s+)?(?:ban|controls?|"
                               r"restrictions?)\b", re.IGNORECASE),
    # "how many days was fable down?", "how long was it banned for?"
    "outage_length": re.compile(r"\b(?:down|gone|dark|off)\b|\bhow long\b[^?]{0,30}\b(?:banned|blocked|suspended|"
                                r"pulled|offline|unavailable)\b", re.IGNORECASE),
    # "how many orgs got mythos back?"
    "allowed_entities": re.compile(r"\b(?:got|get|gets|given|regain\w*|let)\b[^?]{0,30}\bback\b|"
                                  r"\b(?:use|access|have|got|get)\b[^?]{0,30}\b(?:again|now)\b", re.IGNORECASE),
    # "when did the security researchers send their letter?", "the experts' letter": the open letter, by who wrote it
    "letter": re.compile(r"\b(?:experts?|researchers?|security|cyber\w*|professionals?|signatories)['’]?\s+"
                         r"(?:\w+\s+){0,3}letter\b|\bletter\b[^?]{0,30}\b(?:experts?|researchers?|professionals?)\b",
                         re.IGNORECASE),
    # "what day did commerce send the letter?": the letter that was the order
    "order": re.compile(r"\b(?:commerce|lutnick|the government|bis|the department)\s+(?:\w+\s+){0,3}letter\b|"
                        # "what day did the govt shut fable down?": the shutdown is the order's doing
                        r"\bshut (?:[\w.-]+\s+){1,3}?down\b|"
                        # "why did the government go after fable?", "why target anthropic": what the order did
                        r"\b(?:go|goes|going|went|gone) after\b|\btarget(?:s|ed|ing)?\b|\bcrack(?:s|ed|ing)? down\b",
                        re.IGNORECASE),
    # "did americans lose access too or only foreigners?": whom the order covered, asked as a choice
    "order_scope": ASKS_FOR_KIND["scope"],
    # "when did they file?", "where was it filed?": in this story what is filed is the lawsuit
    "lawsuit": re.compile(r"\bfil(?:e|ed|es|ing)\b(?!\s+(?:size|format|name|type|share|sharing)s?\b)", re.IGNORECASE),
    # "is the review optional?"
    "obligation": re.compile(r"\b(?:optional|required|compulsory|forced to)\b", re.IGNORECASE),
    # "when did they partly lift it?"
    "partial_lifting": re.compile(r"\b(?:partly|in part)\b", re.IGNORECASE),
    # "how long did anthropic have to shut it off?", "how much time did they get to comply?"
    # "how long did they have to comply?", "did they really only get 90 minutes??"
    "notice": re.compile(r"\bhow (?:long|much time)\b[^?]{0,40}\b(?:have|had|get|got|given)\s+to\b|\bto comply\b|"
                         r"\b(?:get|got|had|have|given)\s+(?:only\s+|just\s+|like\s+)?(?:\d+|an?|one|two|ninety|"
                         r"forty-eight)\s*(?:-\s*)?(?:min(?:ute)?s?|hours?|hrs?|days?)\b", re.IGNORECASE),
    # "how long was it up before they pulled it?"
    # "how many days between launch and the ban?"
    "launch_to_shutdown": re.compile(r"\b(?:up|live|out|available|online|public|accessible|usable|around)\b[^?]{0,20}"
                                     r"\bbefore\b|"
                                     r"\b(?:between|from)\s+(?:the\s+)?(?:launch|release)\w*\s+(?:and|to|till|until)\s+"
                                     r"(?:the\s+)?(?:ban|order|shutdown|suspension|pull\w*)\b", re.IGNORECASE),
    # asked why the order came ("why was fable banned?", "what caused the shutdown?"), the question is what set it off
    "trigger": re.compile(r"\bwhy\b.*\b(?:ban|banned|order|ordered|pull(?:ed)?|restrict\w*|shut|blocked|suspend\w*|"
                          r"cut off|taken? (?:offline|down))\b|\bwhat (?:caused|led to)\b|"
                          r"\b(?:who|what)(?:['’]?s| was| is)? behind\b|\breasons? (?:for|behind)\b|"
                          # "what started the whole thing?", "who tipped off the government?"
                          r"\b(?:who|what)\b[^?]{0,10}\b(?:started|kicked off|tipped (?:\w+ ){0,2}off|"
                          r"blew the whistle)\b",
                          re.IGNORECASE),
}


def asked_events(question: str) -> list[str]:
    """The story events whose value a question asks for, naming them by their cue words: "when was the ban
    lifted?" asks the lifting's date, "how many signed the letter?" the signatories' count. The order is
    what most questions mention in passing ("the ban"), so it is asked about only when no other event is."""
    return sorted(asked_of(question, events_named(question)))


def asked_of(question: str, named_events: Collection[str]) -> set[str]:
    """:func:`asked_events` from the events the question names (:func:`events_named`), computed by the caller."""
    from bot.facts.read import BY_KEY, NOT_STORY_EVENTS

    plain = NUMBERED_NAME.sub(r"\1", question)
    if (main := main_clause(question)) != question:  # "…when fable went dark?": the outage is no value asked for
        named_events = set(named_events) & events_named(main)
    named = {e for e in named_events if e not in NOT_STORY_EVENTS and e != ROLE.key and any(
        asks_for_kind(question, kind) and ASKS_FOR_VALUE.get(kind, ASKS_FOR_FIGURE).search(plain)
        for kind in BY_KEY[e].kinds)}
    if len(named) > 1:
        named.discard("order")
    if "letter" in named_events and "order" not in named_events:
        named.discard(ISSUER.key)  # "who signed the open letter?": its signatories, not whoever issued the order
    if "partial_lifting" in named:  # "when did they partly lift it": not when it was lifted altogether
        named.discard("full_lifting")
    if _WHY_OPINION.search(question):
        named.discard(TRIGGER.key)  # "why do lawyers think the order is shaky?": their reasons, not what set it off
    if ASKS_REASON.search(question) and (reasoned := {e for e in named_events if e in _REASONED_EVENTS}):
        # "why was the ban lifted?", "how did they get it lifted": the reason for the lifting, given in the sentences
        # stating it, not what set off the ban (the trigger is what "why" asks of the order alone)
        named = reasoned - {"full_lifting"} if "partial_lifting" in reasoned else reasoned
    return named


# why, or how something came about ("how did anthropic get the ban lifted", "what made commerce lift it"): a reason
# asked for, which the sentences stating the event often give ("lifted on June 30 after Anthropic trained…")
ASKS_REASON = re.compile(r"\b(?:why|whyd|how come)\b|"
                          r"\b(?:what|which) (?:\w+ly )?(?:made|led|caused|prompted|triggered|drove)\b|"
                          r"\bthe reasons?\b|\bhow (?:did|do|does|was|were) .{0,60}?\b(?:get|got|manage|end|ended|"
                          r"lifted|restored|resolved|back)\b", re.IGNORECASE)

# the words that give a reason ("after Anthropic trained…", "because of", "over concerns", "by agreeing to…")
_GIVES_REASON = re.compile(r"\b(?:because|due to|after|following|as a result|thanks to|in exchange|over (?:concerns?|"
                           r"fears?|worries)|citing|so that|in order to|amid|prompted|triggered|led to|"
                           r"stemm(?:ed|ing) from|reasons?|once|by (?:\w+ing))\b", re.IGNORECASE)

_REASON = AnswerType(ASKS_REASON, _GIVES_REASON)

# why someone holds a view ("why do lawyers think…", "why does sacks say…"): the reasons they give, not a cause of
# the event their view is about
_WHY_OPINION = re.compile(r"\b(?:why|whyd|how come)\s+(?:do|does|did|would|are|is)\s+(?:[\w'’.-]+\s+){1,3}?(?:think|"
                          r"thinks|say|says|said|believe|believes|argue|argues|argued|claim|claims|call|calls|see|"
                          r"view|consider|feel|expect|worry|fear|insist)\b", re.IGNORECASE)

# events whose statements often give their reason ("lifted on June 30 after Anthropic trained a classifier")
_REASONED_EVENTS = frozenset({"partial_lifting", "full_lifting", "return", "lawsuit", "letter", "launch"})


def asks_other_reason(question: str) -> bool:
    """Whether a question asks the reason for another of the story's turns than the order ("why was the ban
    lifted?", "how did they get it back?") or what people think of it ("why do lawyers think the order is shaky?"):
    not what set the order off, whatever else its words share with questions that ask that."""
    named = events_named(main_clause(question))
    return bool(_WHY_OPINION.search(question)) or bool(ASKS_REASON.search(question) and named & _REASONED_EVENTS)


def reason_asked(question: str, named_events: Collection[str]) -> AnswerType | None:
    """Asked why (or how) one of the story's turns came about ("why was the ban lifted?"), the lead is best one of
    the best few statements that gives a reason. Not a type the ranker weighs, nor one for every why-question:
    the sentences that answer do not always say "because", and many that say "after" give a time, not a cause."""
    return _REASON if ASKS_REASON.search(question) and _REASONED_EVENTS.intersection(named_events) else None


def gives_reason(wanted: AnswerType | None) -> bool:
    """Whether the kind of answer a lead should hold is the reason :func:`reason_asked` asks for."""
    return wanted is _REASON


def events_meant(question: str) -> set[str]:
    """The story events a question names, less the order when it is named only in passing: asked "when did the
    ban end?", "ban" names the order, but the value asked for is another event's (see :func:`asked_events`)."""
    if term_asked(question):
        return set()  # "why is the ban called a deemed export?": what a word means, not why the ban came
    named = events_named(main_clause(question))
    if "order" in named and asked_of(question, named) - {"order"}:
        named.discard("order")
    if TRIGGER.key in named and ASKS_REASON.search(question) and named & _REASONED_EVENTS:
        named.discard(TRIGGER.key)  # "why was the ban lifted?": why it ended, not what set it off
    if named and named <= _THE_SHUTDOWN and ASKS_REASON.search(question):
        return {TRIGGER.key}  # "what caused the shutdown?": what set the order off, not when or how long
    if named and (other := _of_kind_asked(question, named)) is not None:
        return other  # "what date was the letter, 14th or 15th?": "letter" names the count of its signatories, but a
        # day is asked: the letter's day
    return named


def _of_kind_asked(question: str, named: Collection[str]) -> set[str] | None:
    """When a question asks for a kind of value (a date, a count…) that none of the events it names has, the
    events of that kind the reader knows by the same word ("the letter": when the open letter went out); None
    when the named events have the kind asked."""
    from bot.facts.read import BY_KEY, EVENTS

    kinds = {k for e in named for k in BY_KEY[e].kinds}
    if any(asks_for_value(question, k) for k in kinds):
        return None
    asked = {k for e in EVENTS for k in e.kinds if k not in kinds and asks_for_value(question, k)}
    if not asked:
        return None
    plain = NUMBERED_NAME.sub(r"\1", question)
    words = {w for e in named for m in BY_KEY[e].cues.finditer(plain) for w in _EVENT_WORD.findall(m.group().lower())}
    return {e.key for e in EVENTS if e.kinds & asked and words & set(_EVENT_WORD.findall(e.reader.lower()))} or None


_EVENT_WORD = re.compile(r"[a-z]{4,}")

# the events that are the shutdown itself: what caused one is what set the order off
_THE_SHUTDOWN = frozenset({"order", "outage_length"})

# "how big was the search spike when fable went dark?", "what did devs do once it was down": a clause saying when
# the thing asked about happened names the time it is asked at, not an event whose value is asked (a "when" that
# asks is followed by its verb, "so when did it launch?", or joined to another question, "since when", "and when")
_AT_THE_TIME = re.compile(r"(?<=\w)(?<!\bsince)(?<!\buntil)(?<!\btill)(?<!\band)(?<!\bor)(?<!\bbut)[\s,]+"
                          r"(?:when|once)\b(?![\s(]+(?:did|does|do|was|were|is|are|will|would|has|have|"
                          r"had|can|could|exactly)\b)[^?.!;]*", re.IGNORECASE)


# "what did trump say about anthropic after the ban?": the ban, closing the clause, is when, not what is asked about
_AFTER_THE_BAN = re.compile(r"\s+(?:right\s+|just\s+|soon\s+)?(?:after|following|since)\s+(?:the\s+)?(?:export\s+)?"
                            r"(?:ban|order|directive|shutdown|controls?)(?=\s*(?:[?.!)]|$))", re.IGNORECASE)


# "what day did altman tell staff about the staggered release?": what was said is about the release; the day asked is
# the telling's, not the release's
_TOPIC_OF_SAYING = re.compile(r"\b(?:tell|tells|told|say|says|said|post|posted|tweet|tweeted|write|wrote|talk|talked|"
                              r"speak|spoke|brief|briefed|inform|informed|warn|warned|comment|commented)\b"
                              r"(?:\s+[\w'’-]+){0,3}?\s+(?:about|regarding)\b(?:[^?.!;]|\.(?=\d))*", re.IGNORECASE)


def without_topic_of_saying(question: str) -> str:
    """The question without what words it asks of were about (``_TOPIC_OF_SAYING``); a thread's earlier question
    in brackets after it (``CARRIED_TOPIC``) is left whole: what it asked of is the topic the follow-up goes on with."""
    carried = CARRIED_TOPIC.search(question)
    end = carried.start() if carried is not None else len(question)
    return _TOPIC_OF_SAYING.sub(" ", question[:end]) + question[end:]


def main_clause(question: str) -> str:
    """The question without a trailing clause that only says when (see ``_AT_THE_TIME``, ``_AFTER_THE_BAN``): where
    the events whose value it asks for are named."""
    return _AFTER_THE_BAN.sub("", _AT_THE_TIME.sub(" ", question))


def events_named(question: str) -> set[str]:
    """The story events a question names by their cue words ("launch", "lawsuit", "come back"); a cue inside
    the longer cue of another event with the same kind of value names only that one, as the fact reader takes
    it ("the June 2 executive order" is not the order; "signed the open letter" still names the signatories)."""
    from bot.facts.read import BY_KEY, EVENTS

    plain = NUMBERED_NAME.sub(r"\1", question)
    spans = {e.key: [m.span() for m in e.cues.finditer(plain) if m.group()] for e in EVENTS}

    def inside_another(key: str) -> bool:
        return bool(spans[key]) and all(
            any(a <= start and end <= b and (a, b) != (start, end)
                for other, found in spans.items() if other != key and BY_KEY[other].kinds & BY_KEY[key].kinds
                for a, b in found)
            for start, end in spans[key])

    named = {e.key for e in EVENTS
             if (spans[e.key] and not inside_another(e.key))
             or (e.key in _ASKED_EVENT_WORDS and _ASKED_EVENT_WORDS[e.key].search(plain))}
    if SIGNATORIES in named and _WHOM.search(plain) and not _SIGNING.search(plain):
        # "who did lutnick address the mythos approval letter to": someone the letter went to, not a count of who
        # signed one (the fact reader files a count of people beside any "letter" under the signatories; "what date
        # was the letter" still names it, to ask the open letter's day)
        named.discard(SIGNATORIES)
    if named & {"launch_to_shutdown", "notice"}:  # "how long was it up before the ban", "how long did they have to
        named.discard("outage_length")  # shut it off": the ban is where it ends, not the outage whose length is asked
    return named


# a question asking for someone
_WHOM = re.compile(r"\bwho(?:m|se)?\b", re.IGNORECASE)
# a question about the signing of a letter or how many signed it, or giving a count ("54 or 76 on that letter?",
# not a day: "the june 26 letter")
_SIGNING = re.compile(r"\bsign|\bhow many\b|\bnumber of\b|\bcount\b|\bbacked\b|\bsupport|"
                      r"(?<!june )(?<!july )(?<!may )(?<!jun )(?<!jul )(?<!aug )(?<![\w.])\d+\b(?![/:.-]\d)",
                      re.IGNORECASE)


# a question checking a value it gives ("did they really only get 90 minutes??", "it was 76 right?")
CHECKS_VALUE = re.compile(r"\b(?:really|actually|right|true|correct|legit|accurate)\b", re.IGNORECASE)


def sides_named(question: str, disagreement: Any) -> int:
    """How many sides of a disagreement the question names: by a value's number (see :func:`names_value`) or, for
    who held an office, by a name only that side gives ("Luntuck" against "Howard Lutnick"). (A quality's words
    name no side: "voluntary" and "mandatory" are as often the question's own words for two different schemes.)"""
    asked = {w.lower() for w in re.findall(r"[A-Za-z]+", question)}
    person = disagreement.sides[0].facts[0].kind == "person"
    words = [{w.lower() for w in re.findall(r"[A-Z][a-z]{3,}", side.text)} if person else set()
             for side in disagreement.sides]
    named = 0
    for k, side in enumerate(disagreement.sides):
        own = words[k].difference(*(w for j, w in enumerate(words) if j != k))
        named += names_value(question, side.text) or bool(own & asked)
    return named


def names_value(question: str, shown: str) -> bool:
    """Whether a question names a value as shown ("June 13", "18 days", "76") by its number (a date only
    when the question names its month too)."""
    number = re.search(r"\d[\d,.]*", shown)
    if number is None:
        return False
    month = re.match(rf"(?:{MONTHS})\b", shown)
    if month and not re.search(rf"\b{month.group()}\b", question, re.IGNORECASE):
        return False
    digits = number.group().rstrip(".,").replace(",", "")
    return bool(re.search(rf"(?<![\d.]){re.escape(digits)}(?![\d])", question.replace(",", "")))
