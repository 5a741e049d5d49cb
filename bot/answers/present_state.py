"""Questions about how things stand now ("is fable still banned?", "can i use mythos rn"): the answer leads with
the latest change to whether the models can be used that the reporting states (the order, its partial easing,
its lifting, the models' return: dated story facts, see :mod:`bot.facts.timeline`), not with whichever sentence
shares most words with the question, which is most often June's news of the ban, told in the present tense.

Which changes count is a rule on purpose: it is shown to the reader as "the latest change the reporting states".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from bot.facts.timeline import Timeline
from bot.nlp.places import WHERE_TERMS, place_terms
from bot.nlp.terms import terms

# the story's events that change whether the models can be used, in the order they happen on one day
STATE_EVENTS = ("order", "partial_lifting", "full_lifting", "return")
# the present asked about: "still", "yet", "right now" ("rn" is read as "right now" before this), not "now that"
_PRESENT = re.compile(r"\b(?:still|now(?! that)|yet|currently|anymore|any more|any longer|at the moment|these days|"
                      r"today|again)\b", re.IGNORECASE)
# what is asked to be so now: that the models are banned, down, back, usable
_STATE = (r"(?:ban(?:s|ned|ning)?|block(?:ed|ing)?|restrict(?:ed|ing|ions?)?|controls?|offline|online|down|dark|"
          r"available|usable|use|access(?:ible)?|back|lifted|suspend(?:ed)?|working|in place|allowed|on|off)")
# a chat opener before the question ("so is it…", "wait, are they…")
_OPENER = r"^\W*(?:(?:so|ok|okay|wait|and|but|hey)\W+)?"
# asked as a yes/no question ("is it still banned?", "can i use mythos rn"), or as a state said to hold still
# ("fable still down??"); a question for a time, reason, way or thing ("when did it come back?", "how do i use
# it now?") asks something else
_YES_NO = re.compile(rf"{_OPENER}(?:is|are|can|could|has|have|does|do)\b.*"
                     rf"\b{_STATE}\b|\bstill\s+(?:\w+\s+)?{_STATE}\b", re.IGNORECASE)
_ASKS_OTHER = re.compile(r"\b(?:when|whens|why|how|what|whats|which|wich|who|whos|where|did|was|were|had)\b",
                         re.IGNORECASE)
# "is mythos back?", "are they banned?": asked in the present tense, it asks about now without saying so
# ("is the ban over?", "has it been lifted?": the present perfect asks about now too)
_NOW_IMPLIED = re.compile(rf"{_OPENER}(?:is|are|isn['’]?t|aren['’]?t|has|have|hasn['’]?t|haven['’]?t)\b"
                          r"(?!\s+it\s+true)(?!.*\b(?:was|were|did|had|before|ever)\b)"
                          r".*\b(?:back|banned|available|offline|online|down|dark|working|usable|blocked|restricted|"
                          # "is the ban over?", not "is anyone suing over the ban"
                          r"lifted|allowed|accessible|over(?=\s*(?:yet|now|already|for good)?\s*(?:[?!.,]|$))|"
                          r"ended|gone)\b",
                          re.IGNORECASE)


# whether one may use the models somewhere ("can i use fable from canada?", "could people in europe access mythos"):
# asked of a place, it asks about now too; of a task ("can i use fable for coding") it asks something else
_MAY_USE = re.compile(rf"{_OPENER}(?:can|could)\s+(?:i|we|you|u|people|ppl|anyone|users|customers|devs?|developers)"
                      r"\s+(?:\w+\s+){0,3}?(?:use|access|get|try)\b", re.IGNORECASE)
_THEN = re.compile(r"\b(?:was|were|did|had|before|ever|at launch)\b", re.IGNORECASE)

_CLAUSE = re.compile(r"[,;:?!]+|\s+(?:and|or|but)\s+", re.IGNORECASE)


def asks_present_state(question: str) -> bool:
    """Whether a question asks whether the models are banned, down or usable now: the whole question or one of
    its clauses ("whats going on w fable rn, can i use it": the present named in one clause, asked in another)."""
    if _MAY_USE.search(question) and not _THEN.search(question) and \
            set(terms(question)) & (place_terms() | WHERE_TERMS):
        return True
    clauses = [clause for clause in [question, *_CLAUSE.split(question)] if clause.strip()]
    if not (_PRESENT.search(question) or any(_NOW_IMPLIED.search(clause) for clause in clauses)):
        return False
    return any(_YES_NO.search(clause) and not _ASKS_OTHER.search(clause) and
               (_PRESENT.search(question) or _NOW_IMPLIED.search(clause))
               for clause in clauses)


@dataclass(frozen=True)
class PresentState:
    """A change the reporting states: its event, day and the sentences that state it, as (article id, sentence
    index), best first."""

    event: str
    day: date
    sentences: list[tuple[int, int]]


def present_states(timeline: Timeline, names: Sequence[str] = (),
                   models: Sequence[str] = ()) -> tuple[list[PresentState], list[str]]:
    """The story's changes to the models' availability on the timeline (the story's own happenings, not another
    order or another model's launch), latest first, and which of the question's ``names`` an answer must name:
    the models it names (asked about Mythos, the day Fable came back is not the answer; asked whether people
    outside the US can use Fable yet, it is, naming the US or not). Each change's sentences naming them come
    first. ``models`` are the models (or products) the question names: when the changes never name one of them,
    the question is about something else and nothing is returned."""
    changes = [e for e in timeline.events if e.event in STATE_EVENTS and e.primary]
    changes.sort(key=lambda e: (e.date, STATE_EVENTS.index(e.event)), reverse=True)
    quotes = " ".join(s.quote for e in changes for s in e.sources)
    if any(not re.search(rf"\b{re.escape(_without_version(m))}\b", quotes, re.IGNORECASE) for m in models):
        return [], []  # asked whether GPT-5.6 is out yet: these changes are not about it
    # a model the question names: one the changes' sentences write with its version ("Mythos 5")
    required = [n for n in names if re.search(rf"\b{re.escape(n)}[ -]\d", quotes, re.IGNORECASE)]

    def names_all(quote: str) -> bool:
        return all(re.search(rf"\b{re.escape(n)}\b", quote, re.IGNORECASE) for n in required)

    return [PresentState(e.event, e.date, [(s.article_id, s.sentence)
                                           for s in sorted(e.sources, key=lambda s: not names_all(s.quote))])
            for e in changes], required


def other_models(models: Sequence[str], story_names: Sequence[str]) -> list[str]:
    """The models a question names that are not the story's own (see ``Vocabulary.story_names``): asked whether
    Opus can still be used, the story models' return (which routes some requests to Opus) is no answer, though
    its sentences name Opus."""
    story = {n.lower() for n in story_names}
    return [m for m in models if _without_version(m).lower() not in story]


def _without_version(name: str) -> str:
    """A model's name without its version ("GPT-5.6" → "GPT"): the reporting writes versions many ways."""
    return re.sub(r"[\s‐-―-]*v?\d[\w.]*$", "", name) or name
