"""The extractive composer: answers made only of sentences that exist in the corpus, each cited.

Offline and deterministic. From the retrieved passages (and the sentence just after each, where a
chunk boundary often falls before the answer) it:

1. scores every sentence against the question: IDF-weighted coverage of the question's terms (a term
   found only in the sentence before it or the article's title counts for half), how well its passage
   ranked, and whether it holds what the question asks for (a time, a date, a number, an attributed
   claim); navigation junk, bare headlines, Markdown headings and leaked page source are skipped;
2. abstains when the question's distinctive terms are nowhere in the passages, or nothing scores well;
3. picks the best sentences, discounting ones that only repeat what chosen ones already said, and
   merges near-identical ones from other outlets into one statement that cites them all
   (corroboration = the number of distinct outlets);
4. keeps each sentence's stored label (fact / claim / speculation / opinion) and cues, attributing claims;
5. reports where sources disagree from the stored fact groups (``bot.facts``) that the relevant
   sentences take part in, each side cited and counted (:mod:`bot.answers.disputes`), over what the question
   asks by its words or by meaning (:mod:`bot.answers.dispute_asked`); asked an event's value, a statement of a
   side fewer outlets back does not open the answer when one of the most backed side says as much.

Which page sentences are quotable at all (whole statements, not headings, captions or page junk) is
:mod:`bot.answers.quotable`; choosing the statements, merging rewordings, picking the lead and assembling the
cited answer is :mod:`bot.answers.statements` (briefs use both). What a question asks for is read by
:mod:`bot.answers.answer_type` (the kind of answer), :mod:`bot.answers.asked`
(a count, a name, an office or a model; whether the best sentences give it) and :mod:`bot.answers.events_asked`
(the story events it names).

A current-state question ("is it still…?") leads with the newest news (articles dated by ``dating``);
one that asks only for news ("what's the latest?") is answered from the newest articles' openings.
A statement shows its quote without the page's bullets, emphasis and footnote markers.

Because every statement *is* a quoted source sentence, citation precision is exact by construction.
"""

from __future__ import annotations

import itertools
import math
import re
import threading
from collections import defaultdict
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Protocol

from bot.answers.amounts import STOCK_WORD, act_words, unmeasured, unpriced, unpriced_model, unpriced_unit
from bot.answers.answer_sentence import AnswerFeatures, stored_answer_model, value_near, weakest_focus_gain
from bot.answers.answer_type import (
    COUNT,
    DEMONYM,
    LENGTH,
    VALUE_WORD,
    WHEN,
    WHO,
    AnswerType,
    answer_type_factor,
    asked_value_near,
    expected_answer,
    unstated_money_asked,
    unstated_share_asked,
)
from bot.answers.answerability import Signals, load_model
from bot.answers.asked import COUNTED_CANDIDATES, deed_asked, uncounted, unnamed
from bot.answers.candidate import Candidate, Draft
from bot.answers.dating import latest_reported_day
from bot.answers.definition import defines, term_asked
from bot.answers.dispute_asked import asked_by_meaning
from bot.answers.disputes import CITES_PER_SIDE, fact_conflicts, majority_over_opening, majority_side
from bot.answers.events_asked import (
    ASKS_REASON,
    asked_of,
    events_named,
    main_clause,
    reason_asked,
    without_topic_of_saying,
)
from bot.answers.followups import ASKS_WHO, CARRIED_TOPIC, asked_alone, names_person
from bot.answers.later import after_reporting
from bot.answers.model import Answer
from bot.answers.named_values import (
    READING_WORDS,
    AlternativeSide,
    alternative_sides,
    alternatives_summary,
    named_alternatives,
    subject_terms,
)
from bot.answers.paraphrase import pair_features, state_different_values, stored_paraphrase_model
from bot.answers.present_state import asks_present_state, other_models, present_states
from bot.answers.question import PAGE_KINDS, asks_chronology, asks_overview
from bot.answers.quotable import (
    SENTENCE_END,
    ArticleTextCache,
    reads_alone,
    sentence_candidates,
    with_antecedent,
)
from bot.answers.quoted import holds_phrase, quoted_phrases, under_heading_holding
from bot.answers.ranker import SentenceFeatures, stored_ranker
from bot.answers.retrieve import (
    RECENCY_WEIGHT,
    STORY_IDF,
    LexicalIndex,
    Passage,
    asks_author,
    asks_current_state,
    asks_latest_news,
    asks_outlook,
    question_terms,
    recency_scale,
    terms,
)
from bot.answers.scores import unscored
from bot.answers.sentence_vectors import SentenceVectors, question_vector
from bot.answers.speakers import SAID_ASKED, said_by, speaker_asked, unquoted_speaker
from bot.answers.statements import (
    LEAD_CHOICES,
    OFFICE_PREFIX,
    assemble,
    holder_further_down,
    holds_kind,
    lead_names,
    lead_values,
    named_phrases,
    select_statements,
    speaks_of,
    specifics,
    states_names,
    unstated_share,
)
from bot.answers.value_text import CALENDAR_WORD, DAYLIKE, states_value, value_words, without_versions
from bot.answers.vocabulary import english_words
from bot.answers.who_is import who_is, whom_asked
from bot.corpus.catalog import Catalog, ChunkRow
from bot.corpus.embeddings import get_encoder
from bot.corpus.page import byline_phrase, page_byline
from bot.facts.read import ISSUER, LETTER, ROLE, SIGNATORIES, TRIGGER, author_of, letter_author
from bot.facts.store import FactRow, grouped_facts
from bot.facts.timeline import Timeline, TimelineEvent, build_timeline
from bot.nlp.calendar import MONTHS, WEEKDAYS
from bot.nlp.outcomes import unreported_outcomes
from bot.nlp.places import WHERE_TERMS, place_terms
from bot.nlp.standalone import points_back
from bot.nlp.terms import name_terms

MAX_STATEMENTS = 6
# A question naming no story event shows only the disputes its best statement (and that statement's corroborating
# sentences) takes part in: asked when a policy was published, a later statement mentioning the launch day is no
# reason to show the launch-day dispute. On the development questions, counting the first statement rather than all
# six removed 6 such off-target disputes (the first two: 5) and lost no expected one.
STATED_DRAFTS = 1
# The story events a question asking for one value of is answered from the facts: the order's own (what set it
# off, whom it covered, the notice, how long the models were live before it and how long they were out, its
# lifting and partial lifting, how many were let back, the suit and the letters against it), the same whichever
# model a question names. Not one model's launch or return: a sentence naming Fable and
# Mythos gives one model's date, and the facts do not say whose (asked when Mythos came back, the most reported
# return is Fable's); the ranker, reading the question's names, answers those.
FACT_ANSWERED_EVENTS = frozenset({TRIGGER.key, "order", "order_scope", "notice", "outage_length", "full_lifting",
                                  "obligation", "executive_order", "lawsuit", "letter", "signatories", ISSUER.key,
                                  "launch_to_shutdown", "partial_lifting", "allowed_entities"})
EVENT_DRAFT_FACTS = 12  # sentences of the best reported value read for a statement of a story event
CENTRAL_NAME_IDF = 1.0  # a name below this is in most articles ("Anthropic"), the story itself rather than a part of it
OVERVIEW_SOURCES = 3  # articles cited for each event of an overview ("what happened?"), so it stays readable
# Opinion sentences answer a question less often than reported facts and attributed claims do.
LABEL_WEIGHT = {"fact": 1.0, "claim": 1.0, "speculation": 0.9, "opinion": 0.8}
STATEMENT_PASSAGES = 20  # passages whose sentences may answer (more cited a gold source on dev than 12 or 16)
CONFLICT_PASSAGES = 24
# The best sentences looked at for one that states the question's own terms together (focus_stated)
STATED_CANDIDATES = 10
# The question's rarest own terms whose pull on the best sentences is measured (weakest_focus_gain): each costs
# one more encoding of the question (a batch of four ~9 ms); all of them scored no better on dev
WEAKEST_TERMS = 4
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)*")
EVIDENCE_PASSAGES = 12  # passages in which the question's words, names and numbers are looked for
REDUNDANCY = 0.3
# The best passages whose candidates include the sentences around them, and how many on each side: a chunk often
# stops just before (or starts just after) the sentence that answers, and the page is the one that answers it
# (dev, before refitting: 3 passages × 4 sentences raised key facts 0.751 → 0.756, 5 × 8 → 0.761; the ranker
# learns what lying outside its passage's chunk is worth, ``outside_chunk``; refitted, 5 × 8 gave 0.762 on dev and
# 0.768 → 0.786 on the frozen test part, 8 × 8 0.763 on dev)
WIDENED_PASSAGES = 5
AROUND_SENTENCES = 8
MIN_RELATIVE_SCORE = 0.45
FIGURE_RELATIVE_SCORE = 0.2  # a sentence holding the figure asked for, when no better one does (see _with_figure)
POINTED_CANDIDATES = 8  # a page the question points at answers it when one of its sentences is among these
ABSTAIN_MISSING_WEIGHT = 0.6
ABSTAIN_UNKNOWN_WEIGHT = 0.3
RARE_NAME_CHUNKS = 2
ABSTAIN_MIN_SCORE = 0.3
ABSTAIN_MAX_DENSE = 0.35
CONFLICT_RELATIVE_SCORE = 0.3
VALUE_LOOKUP_CHUNKS = 8  # chunks looked up by a value the question names and no retrieved sentence states


class Composer(Protocol):
    def compose(self, question: str, passages: Sequence[Passage]) -> Answer: ...


# what a claim or opinion expecting something says ("will", "is expected to", "the next step"; "could" and "would"
# are as often a hypothetical or a past expectation)
_EXPECTS = re.compile(r"\b(?:will|likely to|expected to|expects?|next (?:step|phase|move|round)|coming (?:weeks|months|"
                      r"days)|going forward|from here)\b", re.IGNORECASE)
_MAY = re.compile(r"\b(?:could|may|might|would)\b", re.IGNORECASE)  # a speculation's forecast
# A sentence opening with one of these refers to something outside it ("They said…", "This means…"):
# it never leads an answer, and ranks below a sentence that says as much on its own.
DANGLING_FACTOR = 0.5
# Asked what happened on June 30, a sentence that never states that day is about another day however many of its
# words it shares ("30% by June 26"): its score is scaled down by this (see _first_stating_given).
VALUE_MISS_FACTOR = 0.7
MEANING_CANDIDATES = 16
MEANING_WEIGHT = 1.0
UNFITTED_PARAPHRASE_COSINE = 0.9  # without the paraphrase model, only near-identical sentences merge
PARAPHRASE_CANDIDATES = 40  # the best sentences judged for paraphrase (by their vectors stored at ingest)
OFF_TOPIC_SIMILARITY = 0.35


# prepositions before a name that make it the setting of what is asked, not its subject
_SETTING_WORDS = "to|in|at|from|into|inside|across|around|over|on|outside|near"


def numbered_names(question: str, is_name: Callable[[str], bool] = lambda _w: False) -> list[str]:
    """The names a question writes with a version ("gpt-5.6", "Claude 6"): the models it names (see
    :func:`specifics`)."""
    return [v for v in specifics(question, is_name) if re.search(r"[A-Za-z]", v) and re.search(r"\d", v)]


_ALTERNATIVE_BETWEEN = re.compile(r"(?:\s*[\w'’]+){0,2}?\s*(?:\bor\b|\bvs\b\.?|\bversus\b|/|\?)\s*(?:[\w'’]+\s*)?",
                                  re.IGNORECASE)


_COMPARED = re.compile(r"\b(?:vs|versus|compared to|against)\b", re.IGNORECASE)
_SCALE = frozenset("thousand million billion trillion percent".split())


def _model_like(value: str) -> bool:
    """A name with a version ("Fable 5 mini", "gpt-5.6"), not a day ("June 12") nor an amount ("$5 billion")."""
    words = re.findall(r"[A-Za-z]{2,}", value)
    if not words or not any(ch.isdigit() for ch in value) or value.startswith("$"):
        return False
    return not CALENDAR_WORD.fullmatch(words[0].capitalize()) and not any(w.lower() in _SCALE for w in words)


def alternatives(question: str, values: Sequence[str]) -> dict[str, tuple[str, ...]]:
    """For each of a question's values (:func:`specifics`) offered as one of alternatives ("june 12 or june 13",
    "90 mins notice or 48 hrs", "18? 19?"), the others: a question asking which is answered by either."""
    spans: list[tuple[str, int, int]] = []
    at = 0
    for value in values:
        found = question.lower().find(value.lower(), at)
        if found < 0:
            continue
        spans.append((value, found, found + len(value)))
        at = found + len(value)
    groups: list[list[str]] = []
    for (a, _, a_end), (b, b_start, _) in itertools.pairwise(spans):
        between = question[a_end:b_start]
        if _COMPARED.search(between) and _model_like(a) and _model_like(b):
            continue  # "fable 5 mini vs full fable 5": two models compared, each of which the reporting must name
        if _ALTERNATIVE_BETWEEN.fullmatch(between):
            if groups and groups[-1][-1] == a:
                groups[-1].append(b)
            else:
                groups.append([a, b])
    return {v: tuple(o for o in group if o != v) for group in groups for v in group}


def _best_stated(candidates: Sequence[Candidate], focus: dict[str, float]) -> float:
    """The most of the question's own term weight a single sentence states in its own words: "fined" in
    one sentence and "court" in the next is not a court's fine."""
    total = sum(focus.values())
    if not total:
        return 1.0
    return max((sum(w for t, w in focus.items() if t in c.terms) / total for c in candidates), default=0.0)


def _answer_rows(question: str, candidates: Sequence[Candidate], features: Sequence[SentenceFeatures],
                 weights: dict[str, float], wanted: AnswerType | None, given: Sequence[str],
                 offered: Mapping[str, tuple[str, ...]]) -> list[AnswerFeatures]:
    """Each candidate's features for the answer-sentence model (see ``answer_sentence.py``)."""
    focus = _focus(weights)
    own = frozenset(focus)
    top_weight = max(weights.values(), default=1.0) or 1.0
    names = [n for n in (frozenset(terms(name)) for name in named_phrases(question)) if n]
    holds = wanted.holds if wanted is not None else None
    counts = wanted is COUNT or wanted is LENGTH  # "how many": a number inside a name ("Fable 5") is no count
    rows: list[AnswerFeatures] = []
    for c, f in zip(candidates, features, strict=True):
        said = c.terms | c.context
        missing = [t for t in focus if t not in said]
        rows.append(AnswerFeatures(
            ranker_score=c.score, pooled_meaning=f.pooled_meaning, coverage=f.coverage,
            focus_coverage=f.focus_coverage, focus_stated=_best_stated([c], focus),
            focus_missing=float(len(missing)),
            rarest_missing=max((focus[t] for t in missing), default=0.0) / top_weight,
            type_fit=f.type_fit, type_miss=f.type_miss,
            value_near_focus=value_near(without_versions(c.text) if counts else c.text, own, holds),
            names_covered=sum(n <= said for n in names) / len(names) if names else 1.0,
            specifics_stated=1.0 - unstated_share(given, " " + value_words(c.text) + " ", offered),
            passage_dense=f.passage_dense,
        ))
    return rows


def _english_terms(question: str) -> set[str]:
    """The question's terms that come from real English words (whole words of the embedding model's
    vocabulary), as opposed to names, handles, abbreviations and misspellings."""
    english = english_words()
    return {t for word in _WORD.findall(question.lower()) if word in english for t in terms(word)}


def _parties_given(question: str) -> frozenset[str]:
    """The parties (see ``bot.facts.read.ISSUERS``) a which- or who-question names itself: not its answer (a
    whether-question, "was it trump who ordered it?", may be answered by the party it names)."""
    from bot.facts.read import ISSUERS

    if not ASKS_WHO.match(question):
        return frozenset()
    return frozenset(party for party, names in ISSUERS.items() if re.search(names.pattern, question, re.IGNORECASE))


def _first(draft: Draft, drafts: Sequence[Draft], limit: int) -> list[Draft]:
    """``draft`` before the others (those whose main sentence it quotes too left out), at most ``limit``."""
    shown = {(c.article_id, c.idx) for c in draft.members}
    return [draft, *[d for d in drafts if (d.main.article_id, d.main.idx) not in shown]][:limit]


def _with_figure(drafts: list[Draft], candidates: Sequence[Candidate], wanted: AnswerType | None,
                 floor: float, narrowing: Sequence[str] = ()) -> list[Draft]:
    """Asked for a figure (a time, an amount, a count, a length) that none of the best few statements holds, the
    best sentence that holds one, scored at least ``floor``, is a statement too (last, so the lead may choose it):
    asked at what time the order reached Anthropic, the sentences sharing "export control" and "directive" give
    none, and the one with "5:21 PM" ranked below the cut. When those holding one do not name the question's
    ``narrowing`` names, the best that holds one and names them: asked how much Amazon invested, SK Telecom's
    $100 million is another party's."""
    if wanted is None or not wanted.figure:
        return drafts
    shown = {(c.article_id, c.idx) for d in drafts for c in d.members}
    figure = holder_further_down(
        [d.main for d in drafts[:LEAD_CHOICES]],
        (c for c in candidates if c.score >= floor and (c.article_id, c.idx) not in shown and reads_alone(c)),
        lambda c: holds_kind(c, wanted), lambda c: states_names(c, narrowing))
    if figure is None:
        return drafts
    return [*drafts[: MAX_STATEMENTS - 1], Draft(figure, [])]


def _the_sentence(of: Candidate) -> Callable[[Candidate], bool]:
    """Whether a candidate is this one's sentence: the only one that may lead."""
    at = (of.article_id, of.idx)
    return lambda c: (c.article_id, c.idx) == at


def stated_sentences(drafts: Sequence[Draft]) -> set[tuple[int, int]]:
    """The (article, sentence) pairs of what an answer states first (see ``STATED_DRAFTS``): the disputes a
    question naming no story event is shown are the ones these take part in."""
    return {(c.article_id, c.idx) for d in drafts[:STATED_DRAFTS] for c in d.members}


def _answer_asked(question: str) -> AnswerType | None:
    """The kind of answer the question's own words ask for, else the one its thread's carried topic asked: "who was
    the letter addressed to (what did the experts say)?" asks a name, not the experts' words; "and mythos? (how much
    does fable cost)" asks a price."""
    return expected_answer(asked_alone(question)) or expected_answer(question)


def _focus(weights: dict[str, float]) -> dict[str, float]:
    """The question's own terms: those that are not the story's everyday words."""
    return {t: w for t, w in weights.items() if w >= STORY_IDF}


@dataclass
class Reading:
    """A question read against its passages: scored candidates and the answerability signals."""

    question: str
    candidates: list[Candidate]
    weights: dict[str, float]
    wanted: AnswerType | None
    signals: Signals
    missing: list[str]
    missing_names: list[str]
    answer_rows: list[AnswerFeatures] = field(default_factory=list)  # per candidate, for answer_sentence
    unreported: list[str] = field(default_factory=list)  # outcomes taken for granted and not reported (outcomes.py)

    def not_found(self) -> list[str]:
        """What the refusal says was looked for and not found: outcomes taken for granted, else names and figures
        the reporting never states (none when the question is off the story)."""
        if self.unreported:
            return list(self.unreported)
        return [] if self.signals.passage_similarity < OFF_TOPIC_SIMILARITY else list(self.missing_names)

    def refusal(self) -> str:
        """One sentence saying what was looked for and not found."""
        # an outcome asked of a thread's topic ("did they win?" after "who sued?") or bare ("did anyone get fined?")
        # reads far from any passage, yet asks of the story's legal turns: saying none was reported, on this story,
        # answers it ("who won the world cup?" asks no such outcome and is another subject)
        if self.signals.passage_similarity < OFF_TOPIC_SIMILARITY and not self.unreported:
            return ("That doesn't seem to be about the Fable 5 / Mythos 5 export-control story, "
                    "the only story I have reporting on.")
        if self.unreported:
            return (f"I looked for {' or '.join(self.unreported)} in the reporting on this story and found none "
                    "reported.")
        if self.missing_names:
            return (f"I looked for {quoted_list(self.missing_names[:3])} in the reporting on this story and found "
                    "nothing.")
        ranked = sorted(self.weights, key=self.weights.__getitem__, reverse=True)
        words = _key_words(self.question, self.missing or ranked[:4])
        if words:
            return f"I looked for reporting on {quoted_list(words)} and found nothing that answers this."
        return "I found nothing in the reporting that answers this."


def quoted_list(items: Sequence[str]) -> str:
    """Items in quotation marks, the last joined with "or": what was looked for."""
    quoted = [f"“{i}”" for i in items]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


def _key_words(question: str, wanted_terms: Sequence[str]) -> list[str]:
    """The question's own words for the given stemmed terms, in question order; words next to each other as
    one ("jd vance", not “jd” or “vance”)."""
    wanted = set(wanted_terms)
    words: list[str] = []
    last = -2  # the position of the last word taken
    for i, word in enumerate(re.findall(r"[\w$][\w.'’-]*", question)):
        word = word.rstrip(".'’")
        found = terms(word)
        if not found or found[0] not in wanted or word in words:
            continue
        if last == i - 1 and words:
            words[-1] = f"{words[-1]} {word}"
        else:
            words.append(word)
        last = i
    return words[:4]


class ExtractiveComposer:
    def __init__(self, catalog: Catalog, lexical: LexicalIndex, statement_passages: int = STATEMENT_PASSAGES,
                 vectors: SentenceVectors | None = None) -> None:
        self.catalog = catalog
        self.lexical = lexical
        self.statement_passages = statement_passages
        self.texts = ArticleTextCache(catalog)
        self.vectors = vectors or SentenceVectors(None)
        self.ranker = stored_ranker()
        self.answer_model = stored_answer_model()
        self.paraphrase_model = stored_paraphrase_model()
        self._timeline: tuple[int, Timeline] | None = None  # the story's timeline, by catalog generation
        self._timeline_lock = threading.Lock()

    def compose(self, question: str, passages: Sequence[Passage]) -> Answer:
        """Answer from the first ``statement_passages`` passages; look for conflicts in all of them."""
        if not passages:
            return _abstain(question, "I found nothing in the reporting I have about that.")
        outlook = asks_outlook(question, self.lexical.story_term)  # "what's gonna happen now": not the news of now
        latest = not outlook and asks_latest_news(question, self.lexical.story_term)
        if (outlook or latest) and (unknown := self._unstated_versions(question, passages)):
            # "is Claude 6 out yet?": not the newest Fable news, but a model the reporting never names
            return _abstain(question, f"I looked for {quoted_list(unknown[:3])} in the reporting on this story and "
                                      "found nothing.")
        if outlook:
            return self._outlook(question, passages)
        if latest:
            return self._latest_news(question, passages)
        wider = list(passages)
        reading = self.read(question, wider[: self.statement_passages])
        if reading is None:
            return _abstain(question, f"I found nothing in the reporting that answers “{question}”.")
        lead_from = self._lead_from(question, reading.candidates)
        # asked what a site wrote, or about words the user quotes, and that page or those words are read: the
        # page is what answers (none of the development questions pointing so was unanswerable), unless a rule
        # finds what the question takes for granted unreported, or the question shares none of the story's words
        # (then it is about something else, whatever page it names)
        pointed = lead_from is not None and not reading.signals.missing_names and reading.signals.story_share > 0 \
            and any(lead_from(c) for c in reading.candidates[:POINTED_CANDIDATES])
        if not pointed and not load_model().answerable(reading.signals):
            declined = _abstain(question, reading.refusal())
            declined.not_found = reading.not_found()
            return declined
        _first_stating_given(question, reading.candidates, self.lexical.vocabulary.is_name)
        if lead_from is not None:
            # asked what a site wrote and its page among the best read, its best sentence leads however the ranker
            # scored it against other pages' ("stkrnews wrote about the new classifiers, how did they describe
            # them": another site's sentence on the classifiers scored seven times its best)
            _lead_with(reading.candidates, lead_from, anyhow=self._named_site(question) is not None)
        candidates, best, wanted, weights = reading.candidates, reading.candidates[0].score, reading.wanted, \
            reading.weights
        q_terms = list(weights)
        # "It found a 27-year-old bug…": who? Quoted with the sentence before it, which says; alone it is no statement
        texts = self.texts.get_many({c.article_id for c in candidates if points_back(c.text)})
        quotable = [q for c in candidates if (q := with_antecedent(c, texts.get(c.article_id))) is not None]
        drafts = select_statements(
            quotable or candidates, best * MIN_RELATIVE_SCORE, MAX_STATEMENTS, redundancy=REDUNDANCY,
            known=frozenset(q_terms), same_meaning=self._paraphrases(candidates[:PARAPHRASE_CANDIDATES]),
        )
        is_name = self.lexical.vocabulary.is_name
        asked_about = lead_names(question, is_name)
        drafts = _with_figure(drafts, quotable or candidates, wanted, best * FIGURE_RELATIVE_SCORE,
                              self._narrowing_names(question, asked_about))
        own_words = asked_alone(question)
        if asks_author(own_words) and (byline := self._byline(candidates, lead_from)) is not None:
            # "who wrote the lawfare kill switch article": the page's byline, which no sentence of its text states
            drafts = _first(Draft(byline, []), drafts, MAX_STATEMENTS)
            lead_from = _the_sentence(byline)
        conflict_pool = [c for c in candidates if c.score >= best * CONFLICT_RELATIVE_SCORE]
        for c in self._candidates(wider[self.statement_passages :], question):
            c.score = c.coverage(weights) * answer_type_factor(wanted, c)
            if c.score >= best * CONFLICT_RELATIVE_SCORE:
                conflict_pool.append(c)
        # "Sources disagree" comes from the fact groups (bot.facts), not from this question's passages alone
        carried = thread_names(question, asked_about)
        named_events = events_named(question)
        # asked the day Altman told staff about the release, the lead states the telling, not the release
        lead_events = events_named(without_topic_of_saying(question)) if reading.wanted is WHEN else named_events
        lead_events = office_asked_only(lead_events, wanted)
        named = _of_main_clause(question, [n for n in asked_about if n not in carried])
        # the models the question names: written with a version ("gpt-5.6") or ones the corpus writes with one
        models = numbered_names(question, is_name)
        models += [n for n in asked_about if self.lexical.vocabulary.takes_number(n)]
        if asks_present_state(question) and not other_models(models, self.lexical.vocabulary.story_names()) \
                and (now := self._present_state_draft(asked_about, models)) is not None:
            # "is it still banned?": the latest change the reporting states comes first, one statement more, and
            # leads, whatever shares more words, unless the question names something it does not ("are Pro users
            # still able to use it within their plan?" asks about the plan)
            event, state = now
            # a place asked about is no other subject: the models are back there when they are back globally
            focus = {t: w for t, w in _focus(weights).items() if t not in place_terms() and t not in WHERE_TERMS}
            # (of the statements that could lead: "Not just people outside America." says much of "can people outside
            # the US use it" and can lead nothing)
            best_said = next((d.main.coverage(focus) for d in drafts if reads_alone(d.main)), 0.0) if focus else 0.0
            drafts = _first(state, drafts, MAX_STATEMENTS + 1)
            if not focus or state.main.coverage(focus) >= best_said:
                lead_events = {event}
                named = [n for n in named if speaks_of(state.main, [n])]
        if asks_overview(question, self.lexical.vocabulary, self._overview_word) and not speaker_asked(question) \
                and (story := self._overview_drafts(chronological=asks_chronology(question))) is not None:
            # "what happened?": the story's main events, the most reported first (not the sentences that happen
            # to share "happened" or "Fable"); "whats the timeline": all of them in the order they happened ("what
            # does anthropic say happened" asks for a party's words)
            event, drafts = story
            lead_events, named = {event}, []
        if (fact_event := _fact_asked(question, named_events)) is not None and \
                (stated := self._event_draft(question, fact_event)) is not None and \
                self._speaks_of_narrowing(stated.main, named):
            # "why did they pull fable?", "how long was the outage?": what the most outlets say of the story event
            # asked about comes first (the sentences sharing "pull" and "government" tell how it was done, not
            # why; the ones sharing "outage" say it was no outage)
            # (unless the question names something the story's event is not about: "why did the White House want a
            # Korean company cut off from Mythos?" asks of another order than the one whose trigger the facts hold)
            drafts = _first(stated, drafts, MAX_STATEMENTS)
            lead_events = {fact_event}
            named = [n for n in named if speaks_of(stated.main, [n])]
        if (person := whom_asked(question)) and (office := self._office_draft(person)) is not None:
            # "who is dario?": a sentence giving the office the reporting gives him comes first
            drafts = _first(office, drafts, MAX_STATEMENTS)
        speaker = speaker_asked(question, (d.main.text for d in drafts))
        if speaker and not any(said_by(d.main.text, speaker) and reads_alone(d.main) for d in drafts):
            # "what did amazon say when reporters asked?": the party's own words, from any passage read, when none of
            # the statements chosen for sharing the question's words gives them
            saying = next((c for c in quotable if c.score >= best * MIN_RELATIVE_SCORE and said_by(c.text, speaker)
                           and reads_alone(c)), None)
            if saying is not None:
                drafts = _first(Draft(saying, []), drafts, MAX_STATEMENTS)
        if (term := term_asked(question)) and not any(defines(d.main.text, term) and reads_alone(d.main)
                                                      for d in drafts):
            # "whats glasswing?": a sentence saying what it is, from any passage read, rather than only ones that
            # mention it (the statements chosen for sharing the question's words may none of them define it)
            defining = next((c for c in quotable if defines(c.text, term) and reads_alone(c)), None)
            if defining is not None:
                drafts = _first(Draft(defining, []), drafts, MAX_STATEMENTS)
        # the values the question itself gives, and those its thread carried in that are of the kind it asks for:
        # "what time was that (Anthropic, 90)?" after "90 minutes' notice" asks a time, not for the 90 again; "how many
        # of those were patched (10,000)?" may well be answered with the 10,000
        typed = lead_values(asked_alone(question), is_name)
        values = [v for v in lead_values(question, is_name) if v in typed or wanted is None or wanted.holds is None
                  or wanted.holds.search(v)]
        alone = [c for c in quotable if reads_alone(c)]
        # what the question asks the value of: its words less those asking for a value ("date", "day", "exact")
        subject = {t: w for t, w in weights.items() if t not in READING_WORDS}
        if (most := majority_side(self.catalog, question, alone,
                                  {(c.article_id, c.idx) for d in drafts[:LEAD_CHOICES] for c in d.members})) \
                is not None or (drafts and (most := majority_over_opening(
                    self.catalog, question, alone, drafts[0].main, lambda c: c.coverage(subject))) is not None):
            # "did it come back june 18 or july 1??", "what was the date of the export order": the day most outlets
            # give opens, not the first one typed nor one outlet's that ranked first
            drafts, values = _first(Draft(most[0], []), drafts, MAX_STATEMENTS), [most[1]]
        conflicts = fact_conflicts(self.catalog, conflict_pool, question=question,
                                   similarity=self.vectors.similarities,
                                   by_meaning=asked_by_meaning(question),
                                   stated=stated_sentences(drafts), statements=[d.main.text for d in drafts],
                                   leading={(drafts[0].main.article_id, drafts[0].main.idx)} if drafts else (),
                                   of_story=not _asks_of_other_models(models, self.lexical.vocabulary.story_names()))
        if sides := self._named_value_sides(question, conflict_pool, weights):
            # "seen 950k an hour and 600k an hour": the dispute the question names the values of, unless a story
            # fact's dispute shows two of them (a dispute over another of the question's figures is not what it asks,
            # nor one showing a single side: "Howard Lutnick vs Gina Raimondo" asked "howard or brian lutnick")
            conflicts = [c for c in conflicts
                         if sum(bool(side.alternative.pattern.search(c[0])) for side in sides) >= 2] or [
                (alternatives_summary(sides), [c for side in sides for c in side.sentences[:CITES_PER_SIDE]])]
        # asked who did something, a name beside the deed is what holds the answer, and the best statement naming the
        # doer so may lead from further down ("who organized the open letter": "…the letter, led by Alex Stamos")
        deed = self._deed_asked_near(question, wanted, [d.main.text for d in drafts])
        moved = self._moved_by_near(question, wanted)
        return assemble(question, drafts, conflicts, self.texts,
                        lead_names=named, lead_type=wanted or reason_asked(question, named_events),
                        lead_events=_of_author_asked(question, lead_events), lead_topics=carried,
                        lead_values=values,
                        lead_near=deed or self._names_asked_near(question, wanted, weights) or moved,
                        lead_slot=deed or moved or self._value_asked_near(question, wanted),
                        lead_speaker=speaker,
                        lead_term=term,
                        lead_from=lead_from,
                        lead_narrowing=self._narrowing_names(question, named))

    def _narrowing_names(self, question: str, named: Sequence[str]) -> list[str]:
        """The names of the question whose value is asked for: not the story's own ("Anthropic"), nor a setting
        named after a preposition ("who did anthropic fly out to dc": the reporting may say Washington)."""
        return [n for n in named if not all(self.lexical.story_term(t) for t in name_terms(n))
                and not re.search(rf"\b(?:{_SETTING_WORDS})\s+(?:the\s+)?{re.escape(n)}\b", question, re.IGNORECASE)]

    def _named_value_sides(self, question: str, pool: Sequence[Candidate],
                           weights: dict[str, float]) -> list[AlternativeSide[Candidate]]:
        """The values a question names ("ten? eleven?"), when retrieved sentences state each on its own (see
        :mod:`bot.answers.named_values`): the sides of a dispute."""
        vocabulary = self.lexical.vocabulary
        values = named_alternatives(question, vocabulary.is_name, vocabulary.takes_number)
        if not values:
            return []
        focus = _focus(weights)
        # a value no retrieved sentence states may still be stated beside the words of what it is the value of
        # ("600k searches an hour" on a page the question's other words did not retrieve): looked up by both
        unstated = [a for a in values if not any(a.pattern.search(c.text) for c in pool)]
        own = sorted(subject_terms(values, focus))
        further: list[Candidate] = []
        if unstated and own:
            chunks = [row for a in unstated for row, _ in self.lexical.search([*terms(a.written), *own],
                                                                               VALUE_LOOKUP_CHUNKS)]
            further = self._candidates(self._passages_of(chunks))
        return alternative_sides(question, pool, lambda article_id: self.catalog.get(article_id).outlet or "",
                                 focus, vocabulary.is_name, vocabulary.takes_number, further,
                                 lambda texts: self.vectors.similarities(question, texts))

    def _passages_of(self, chunks: Sequence[ChunkRow]) -> list[Passage]:
        """Chunks found other than by retrieval (a story fact's sentence, a value looked up), as passages to read
        sentences from."""
        passages: list[Passage] = []
        for chunk in chunks:
            article = self.catalog.get(chunk.article_id)
            body = self.texts.get_many([chunk.article_id])[chunk.article_id].body
            passages.append(Passage(article, chunk, body[chunk.start : chunk.end], score=0.0, dense=0.0, rank=0,
                                    dated=article.published))
        return passages

    def _names_asked_near(self, question: str, wanted: AnswerType | None,
                          weights: dict[str, float]) -> Callable[[str], bool] | None:
        """For a question asking which office, program or site (a name): whether a sentence holds such a name
        near the question's own words (any sentence holds some capitalised word, so holding one says nothing)."""
        if wanted is None or wanted.holds is None or not wanted.names:
            return None
        return self._held_near(question, wanted, _focus(weights) or weights)

    def _deed_asked_near(self, question: str, wanted: AnswerType | None,
                         stated: Sequence[str]) -> Callable[[str], bool] | None:
        """Asked who did something: whether a sentence holds a name beside the deed ("who led the letter": beside
        "led", not beside "letter" or "ban", since any sentence names someone), when one of the ``stated`` sentences
        writes the deed as asked or as reporting words it ("who dug into it" finds no "dug": None then)."""
        if wanted is None or wanted.holds is None:
            return None
        done = deed_asked(asked_alone(question))
        near = self._held_near(question, wanted, done)
        return near if done and any(map(near, stated)) else None

    def _moved_by_near(self, question: str, wanted: AnswerType | None) -> Callable[[str], bool] | None:
        """Asked how much something moved or was paid ("how much did zhipu stock jump"): whether a sentence holds a
        figure beside a word saying that act ("surged 48%"), not one the company's name stands near ("Zhipu's market
        value crossed HK$1 trillion")."""
        acts = frozenset(t for w in act_words(asked_alone(question)) if w != STOCK_WORD for t in terms(w))
        if wanted is None or wanted.holds is None or not acts:
            return None
        return self._held_near(question, wanted, acts)

    def _value_asked_near(self, question: str, wanted: AnswerType | None) -> Callable[[str], bool] | None:
        """For a question asking a person, a time, a date or a figure: whether a sentence holds one near the
        question's own words, not those of the topic a thread carried in ("who was the letter addressed to (what
        did the experts say)?" asks a name beside "addressed")."""
        if wanted is None or wanted.holds is None or wanted.names or wanted.label is not None:
            return None
        focus = _focus({t: self.lexical.idf(t) for t in question_terms(asked_alone(question))})
        return self._held_near(question, wanted, focus) if focus else None

    def _held_near(self, question: str, wanted: AnswerType, focus: Collection[str]) -> Callable[[str], bool]:
        """Whether a sentence holds a value of the kind asked, one the question does not give itself, beside one of
        the ``focus`` words (see :func:`asked_value_near`)."""
        given = frozenset(w.lower() for w in VALUE_WORD.findall(question))
        return lambda text: asked_value_near(wanted, text, given, focus, self.lexical.story_term)

    def _present_state_draft(self, names: Sequence[str], models: Sequence[str]) -> tuple[str, Draft] | None:
        """The latest change to the models' availability that names what the question names (see
        :mod:`bot.answers.present_state`) as a statement: a sentence stating it, corroborated by the other
        outlets' (None when the facts hold no such change or none of its sentences is quotable and names it)."""
        changes, required = present_states(self._story_timeline(), names, models)
        for change in changes:
            found = [c for article_id, idx in change.sentences
                     if (c := self._candidate_at(article_id, idx)) is not None]
            if found and speaks_of(found[0], required):
                return change.event, Draft(found[0], found[1:])
        return None

    def _story_timeline(self) -> Timeline:
        """The story's timeline (:mod:`bot.facts.timeline`), built once per catalog generation."""
        generation = self.catalog.generation()
        with self._timeline_lock:
            if self._timeline is None or self._timeline[0] != generation:
                self._timeline = (generation, build_timeline(self.catalog))
            return self._timeline[1]

    def _latest_happening(self) -> date | None:
        """The day of the story's latest dated happening (:mod:`bot.facts.timeline`): the reporting reports nothing
        after it."""
        return max((e.date for e in self._story_timeline().events), default=None)

    def _overview_drafts(self, chronological: bool = False) -> tuple[str, list[Draft]] | None:
        """For "what happened?": the story's main happenings from its timeline, the one most outlets report
        first (the answer in one line), then the others in the order they happened, each corroborated; the
        best reported ones when there are more than an answer holds; ``chronological`` (asked for the timeline),
        all in the order they happened. None when the timeline has none."""
        drafts: list[tuple[TimelineEvent, Draft]] = []
        for event in sorted((e for e in self._story_timeline().events if e.primary), key=lambda e: -e.outlets):
            found = [c for s in event.sources if (c := self._candidate_at(s.article_id, s.sentence)) is not None]
            if found:
                drafts.append((event, Draft(found[0], found[1:OVERVIEW_SOURCES])))
            if len(drafts) == MAX_STATEMENTS:
                break
        if not drafts:
            return None
        if chronological:
            drafts.sort(key=lambda pair: pair[0].date)
        (lead, first), rest = drafts[0], sorted(drafts[1:], key=lambda pair: pair[0].date)
        return lead.event, [first, *(draft for _, draft in rest)]

    def _unstated_versions(self, question: str, passages: Sequence[Passage]) -> list[str]:
        """The numbered names a question gives ("Claude 6", "gpt-6") that none of its retrieved passages writes."""
        said = f" {value_words(' '.join(p.text for p in passages))} "
        return [v for v in numbered_names(question, self.lexical.vocabulary.is_name) if not states_value(said, v)]

    def _overview_word(self, term: str) -> bool:
        """A word that keeps "what happened with …" a question about the whole story: one of its everyday words
        ("export controls", "the ban"), but of names only one nearly every article uses ("Anthropic"): "what's the
        deal with Trump" asks about his part in it."""
        return self.lexical.story_term(term) and (
            not self.lexical.vocabulary.is_name(term) or self.lexical.idf(term) < CENTRAL_NAME_IDF)

    def _event_draft(self, question: str, event: str) -> Draft | None:
        """What the most outlets say of one of the order's events (its facts, read at ingest) as a statement:
        of the sentences stating that value that read alone, the closest in meaning to the question (those
        reporting it as fact first), corroborated by one sentence of each other outlet saying the same (None
        when the facts hold none)."""
        with self.catalog.transaction() as db:
            facts = grouped_facts(db, [event])
        if event == LETTER and (author := letter_author(question)) is not None:
            facts = _written_by(facts, author)  # asked when the experts' letter went out: not the lawmakers'
        outlets: defaultdict[str, set[str]] = defaultdict(set)
        for fact in facts:
            outlets[fact.value].add(fact.outlet)
        given = _parties_given(question) if facts and facts[0].kind == "party" else frozenset()
        for value in sorted(outlets, key=lambda v: (-len(outlets[v]), v)):
            if value in given:
                continue  # "which office within the Commerce Department issued it?": not the Department
            stating = [f for f in facts if f.value == value]
            if facts and facts[0].kind == "party":  # who did it: those naming the person first ("Commerce
                # Secretary Howard Lutnick issued…" before "Commerce issued…"), so "what's his job?" can follow
                stating.sort(key=lambda f: not names_person(f.written))
            stating = stating[: EVENT_DRAFT_FACTS * 2]
            found = [(c, f.kind == "party" and names_person(f.written)) for f in stating
                     if (c := self._candidate_at(f.article_id, f.sentence)) is not None and reads_alone(c)]
            found = found[:EVENT_DRAFT_FACTS]
            if found:
                break
        else:
            return None
        closeness = self.vectors.similarities(question, [c.text for c, _ in found])
        asked = frozenset(terms(question))
        # a sentence reporting it before one relaying someone's account of it ("Politico was reporting that…"); of
        # who did something, one naming the person; one about the story's own parties before one about another's
        ranked = [c for _, (c, _) in sorted(zip(closeness, found, strict=True), key=lambda pair: (
            pair[1][0].label != "fact", not pair[1][1],
            names_another_party(pair[1][0].text, asked, self.lexical.story_term), -pair[0]))]
        support: dict[str, Candidate] = {}
        for c in ranked[1:]:
            if c.outlet != ranked[0].outlet:
                support.setdefault(c.outlet, c)
        return Draft(ranked[0], list(support.values())[: OVERVIEW_SOURCES - 1])

    def _speaks_of_narrowing(self, c: Candidate, names: Sequence[str]) -> bool:
        """Whether a statement speaks of each name the question gives that narrows the story (not "Fable" or
        "Anthropic", which most of the corpus names)."""
        return all(speaks_of(c, [n]) for n in names
                   if (found := terms(n)) and not self.lexical.story_term(found[0]))

    def _office_draft(self, words: Sequence[str]) -> Draft | None:
        """The office the story facts give the person asked about (or the holder of the office asked about; see
        :mod:`bot.answers.who_is`) as a statement, corroborated by the other outlets' sentences."""
        with self.catalog.transaction() as db:
            facts = grouped_facts(db, [ROLE.key])
        found = [c for article_id, idx in who_is(facts, words, self.catalog.bodies)
                 if (c := self._candidate_at(article_id, idx)) is not None]
        return Draft(found[0], found[1:]) if found else None

    def _candidate_at(self, article_id: int, idx: int) -> Candidate | None:
        """An article's sentence ``idx`` as a candidate of the chunk that holds it (None when not quotable)."""
        chunk = next((ch for ch in self.catalog.chunks(article_id) if ch.first_sentence <= idx <= ch.last_sentence),
                     None)
        if chunk is None:
            return None
        return next((c for c in self._candidates(self._passages_of([chunk])) if c.idx == idx), None)

    def signals(self, question: str, passages: Sequence[Passage]) -> Signals | None:
        """What the answerability model sees for this question (None when nothing is quotable)."""
        if not passages or asks_latest_news(question, self.lexical.story_term) or \
                asks_outlook(question, self.lexical.story_term):
            return None
        reading = self.read(question, list(passages)[: self.statement_passages])
        return reading.signals if reading else None

    def read(self, question: str, passages: Sequence[Passage]) -> Reading | None:
        """Score every candidate sentence and measure the signals answerability is decided on."""
        q_terms = list(dict.fromkeys(question_terms(question)))
        weights = {t: self.lexical.idf(t) for t in q_terms}
        candidates = self._candidates(passages, question, widened=True)
        if not candidates or not q_terms:
            return None
        # what the question asks about is looked for in the best passages only: the ones further down widen
        # which sentence may answer, but a word one of them happens to mention does not make it answerable
        evidence = list(passages)[:EVIDENCE_PASSAGES]
        kept = {id(p) for p in evidence}
        stated = [c for c in candidates if id(c.passage) in kept]
        titles = " ".join(p.article.title for p in evidence)
        site = self._named_site(question)
        # the words just before the site asked about describe the site, not what is asked ("the Dutch law blog
        # ICTRecht", "that korean solnews analysis")
        described = _site_description(question, site[1]) if site else ""
        if site and any(p.article.outlet in site[0] for p in evidence):
            titles += " " + site[1] + " " + " ".join(site[0]) + described  # the site asked about is among the
            # sources read, by its words, its domain ("the aiadopt.eu piece") or as described
        present = frozenset(terms(titles)).union(*(c.terms for c in stated))
        total = sum(weights.values()) or 1.0
        missing = [t for t in q_terms if t not in present]
        missing_weight = sum(weights[t] for t in missing) / total
        unknown = [t for t in q_terms if self.lexical.doc_freq.get(t, 0) == 0]
        unknown_weight = sum(weights[t] for t in unknown) / total
        english_terms = _english_terms(question)
        texts = self.texts.get_many(p.article.id for p in evidence)
        context = value_words(titles) + " " + " ".join(t.body_plain for t in texts.values())
        near = " " + value_words(" ".join(p.text for p in evidence) + " " + " ".join(c.text for c in stated)) + " "
        # the words naming the site asked about name no subject ("the Korean daily Dong-A Ilbo", "daniel may said":
        # danielmay.co.uk, whose "may" is no month)
        site_terms = frozenset(terms(site[1])) if site else frozenset()
        # the words right after the site's own also name it ("Dong-A Ilbo" for donga.com, "CGN Tech Blog")
        site_words = r"[\s-]*".join(map(re.escape, site[1].split())) if site else ""

        def of_site(value: str) -> bool:
            return bool(site_terms.intersection(terms(value))) or (
                bool(site_words) and re.search(rf"{site_words}[\s-]+{re.escape(value)}", question, re.IGNORECASE)
                is not None)
        named = named_phrases(question)  # (read once: the rare ones, the outcomes, the party an amount is of)
        missing_names = [  # a rare name, or a versioned one ("GPT-6" when the reporting says "GPT-5.6")
            n for n in named
            if f" {value_words(n)} " not in f" {context} " and f" {value_words(n)} " not in described and not of_site(n)
            and not _describes_source(question, n) and (
                any(ch.isdigit() for ch in n)
                or all(self.lexical.doc_freq.get(t, 0) <= RARE_NAME_CHUNKS for t in terms(n)))
        ]
        is_name = self.lexical.vocabulary.is_name
        values = specifics(question, is_name)
        # a model typed in lower case before a version ("did grok 5 get banned too"): a word the corpus may write as a
        # name and no everyday word, though too seldom written to be known as one
        values += [v for v in numbered_names(question, self.lexical.vocabulary.unknown_name) if v not in values]
        given = [v for v in values if not of_site(v) and not _hearsay(question, v, values)]
        offered = alternatives(question, given)
        # (a value only the carried topic gives was looked for when it was asked: "whats the compute cutoff on that
        # rule (BIS, 2025)?" need not find 2025 again; a part whose sibling did not find it is declined before this)
        # what a follow-up's thread carried in brackets asks nothing again: "when was that (what did the EU say…)?"
        # asks when, not for the EU's words; "…cost per million output tokens (Fable 5, Claude)?" no Claude price
        own_words = asked_alone(question)
        typed = f" {value_words(own_words)} "
        missing_names += [  # a number, date, version or month the question gives and the passages never state
            v for v in given if not states_value(near, v) and v not in missing_names and states_value(typed, v)
            # "was it 90 minutes or 48 hours?": asking which, so one of them stated is enough
            and not any(states_value(near, other) for other in offered.get(v, ()))
        ]
        focus = _focus(weights)
        missing_names += _stated_apart(question, [v for v in given if v not in missing_names], offered, candidates,
                                       focus)
        # a ruling, a fine or a settlement the question takes for granted and no retrieved sentence reports
        unreported = unreported_outcomes(question, (c.text for c in candidates), self.lexical.story_term,
                                         named)
        wanted = _answer_asked(question)
        features = self._score(question, passages, candidates, weights, wanted)
        best_few = candidates[:COUNTED_CANDIDATES]  # a count, a name or a party's words asked must be among them
        if (counted := uncounted(question, best_few, is_name, self.lexical.story_term)) is not None:
            unreported.append(counted)
        called = unnamed(question, best_few, self.lexical.story_term, self.lexical.vocabulary.may_be_name)
        if called is not None:
            unreported.append(called)
        unheard = unquoted_speaker(own_words, best_few, self.lexical.story_term)
        # (the site asked about speaks in its page, no "said"; the words the asker quotes, found, are what was said:
        # "what did the european scientists say, someone mentioned an 'airbus moment'" when researchers said it)
        if unheard is not None and not of_site(unheard) and not any(
                holds_phrase(c.text, p) for p in quoted_phrases(own_words) for c in best_few):
            unreported.append(unheard)
        narrowing = self._narrowing_names(question, named)
        for unstated_amount in (unpriced(question, (c.text for c in best_few)),
                                unpriced_unit(question, (c.text for c in best_few)),
                                # the amount of a party asked about ("legion's annual revenue": not a revenue at
                                # risk across the industry; a thread's carried names are any of them)
                                unmeasured(question, (c.text for c in best_few
                                                      if not narrowing or any(speaks_of(c, [n]) for n in narrowing))),
                                unpriced_model(own_words, ((c.text, c.context) for c in best_few),
                                               self.lexical.vocabulary.names_model,
                                               self.lexical.vocabulary.name_form)):
            if unstated_amount is not None:
                unreported.append(unstated_amount)
        if (share := unstated_share_asked(wanted, (c.text for c in best_few), focus or weights)) is not None:
            unreported.append(share)
        if (sum_asked := unstated_money_asked(wanted, (c.text for c in best_few))) is not None:
            unreported.append(sum_asked)
        if (unscored_benchmark := unscored(question, (c.text for c in best_few), is_name)) is not None:
            unreported.append(unscored_benchmark)
        if (later := after_reporting(question, self._latest_happening)) is not None:
            unreported.append(f"news from {later}")  # "fable got pulled again in august??"
        top = candidates[:3]
        # the story's own models named in passing ("after Fable 5 was switched off") are what nearly every sentence is
        # about, said or not: no detail an answer must restate
        details = [v for v in given if not self.lexical.vocabulary.story_model(v)]
        answer_rows = _answer_rows(question, candidates, features, weights, wanted, details, offered)
        model = self.answer_model
        answer_scores = [model.score(r) for r in answer_rows] if model else [0.0] * len(answer_rows)
        said = frozenset().union(*(c.terms | c.context for c in top))
        unanswered = [t for t in weights if t not in said]
        signals = Signals(
            passage_similarity=max(p.dense for p in passages),
            passage_relevance=max(p.relevance for p in passages),
            off_topic=max(0.0, 0.4 - max(p.dense for p in passages)),
            sentence_similarity=max(c.meaning for c in candidates),
            best_score=candidates[0].score,
            best_coverage=max(c.coverage(weights) for c in top),
            focus_coverage=max(c.coverage(focus) for c in top) if focus else 1.0,
            story_share=sum(1 for w in weights.values() if w < STORY_IDF) / len(weights),
            focus_unanswered=sum(focus[t] for t in unanswered if t in focus) / (sum(focus.values()) or 1.0),
            focus_unanswered_count=float(sum(1 for t in unanswered if t in focus)),
            focus_stated=_best_stated(candidates[:STATED_CANDIDATES], focus),
            rarest_unanswered=max((weights[t] for t in unanswered), default=0.0) / max(weights.values()),
            missing_weight=missing_weight,
            unknown_weight=unknown_weight,
            unknown_english=sum(weights[t] for t in unknown if t in english_terms) / total,
            missing_names=float(len(missing_names) + len(unreported)),
            specifics_unstated=unstated_share(details, " " + value_words(" ".join(c.text for c in top)) + " ",
                                               offered),
            wants_type=float(wanted is not None),
            type_found=float(wanted is not None and any(wanted.fits(c.text, c.label) for c in top)),
            answer_sentence=max(answer_scores, default=0.0),
            answer_on_subject=max((p * r.names_covered * r.specifics_stated
                                   for p, r in zip(answer_scores, answer_rows, strict=True)), default=0.0),
            weakest_focus_gain=self._weakest_focus_gain(question, top, focus),
        )
        return Reading(question, candidates, weights, wanted, signals, missing, missing_names, answer_rows, unreported)

    def _weakest_focus_gain(self, question: str, top: Sequence[Candidate], focus: dict[str, float]) -> float:
        """See :func:`weakest_focus_gain`: the question is encoded once more per own term, without it."""
        if not focus or not top:
            return 0.0
        words = question.split()
        rarest = sorted(focus, key=focus.__getitem__, reverse=True)[:WEAKEST_TERMS]
        variants = [" ".join(w for w in words if t not in terms(w)) or "?" for t in rarest]
        sentences = self.vectors.vectors([c.text for c in top])
        full = sentences @ question_vector(question, self.vectors.model_id)
        without = sentences @ get_encoder(self.vectors.model_id).encode(variants).T
        return weakest_focus_gain([float(v) for v in full], [[float(v) for v in col] for col in without.T])

    def _score(self, question: str, passages: Sequence[Passage], candidates: list[Candidate],
               weights: dict[str, float], wanted: AnswerType | None) -> list[SentenceFeatures]:
        """Score the candidates (sorted best first): the learned ranker over their features when fitted,
        else a hand-weighted sum. The embedding model reads the best few by words first."""
        best_passage = max(p.score for p in passages) or 1.0
        current = asks_current_state(question)
        freshness = recency_scale([p.dated for p in passages])
        focus = _focus(weights)
        given_words = frozenset(w.lower() for w in VALUE_WORD.findall(question))
        for c in candidates:  # a first ranking by words, to choose which sentences to read by meaning
            c.score = c.coverage(weights) * (0.75 + 0.25 * c.passage.score / best_passage) * \
                answer_type_factor(wanted, c)
        candidates.sort(key=lambda c: c.score, reverse=True)
        considered = candidates[:MEANING_CANDIDATES]
        meanings = self.vectors.similarities(question, [c.text for c in considered])
        floor = min(meanings) if meanings else 0.0
        for c in candidates:
            c.meaning = floor
        for c, meaning in zip(considered, meanings, strict=True):
            c.meaning = meaning
        pooled = self._pooled_meanings(question, candidates)
        ranker = self.ranker
        features: list[SentenceFeatures] = []
        for c in candidates:
            coverage = c.coverage(weights)
            fit = wanted is not None and wanted.fits(c.text, c.label)
            near = wanted is not None and fit and asked_value_near(wanted, c.text, given_words, focus or weights,
                                                                  self.lexical.story_term)
            f = SentenceFeatures(
                coverage=coverage, focus_coverage=c.coverage(focus) if focus else 1.0,
                meaning=c.meaning, pooled_meaning=pooled.get((c.article_id, c.idx), floor),
                passage_score=c.passage.score / best_passage, passage_dense=c.passage.dense,
                type_fit=float(fit), type_miss=float(wanted is not None and not fit), type_near=float(near),
                claim=float(c.label == "claim"), speculation=float(c.label == "speculation"),
                opinion=float(c.label == "opinion"),
                dangling=float(points_back(c.text)),
                unpunctuated=float(not SENTENCE_END.search(c.text.rstrip())),
                outside_chunk=float(not c.passage.chunk.first_sentence <= c.idx <= c.passage.chunk.last_sentence),
                lead_position=1.0 / (1 + c.idx), freshness=freshness(c.passage.dated) if current else 0.0,
                length=math.log(max(len(c.text), 1)),
            )
            features.append(f)
            if ranker is not None:
                c.score = ranker.score(f)
            else:
                c.score = (f.coverage * (0.75 + 0.25 * f.passage_score) + 0.15 * max(f.passage_dense, 0.0)
                           + MEANING_WEIGHT * max(c.meaning, 0.0)) * LABEL_WEIGHT.get(c.label, 1.0)
                c.score *= answer_type_factor(wanted, c) * (DANGLING_FACTOR if f.dangling else 1.0)
                if current:
                    c.score *= 1 + RECENCY_WEIGHT * f.freshness
        order = sorted(range(len(candidates)), key=lambda i: candidates[i].score, reverse=True)
        candidates[:] = [candidates[i] for i in order]
        return [features[i] for i in order]

    def _pooled_meanings(self, question: str, candidates: Sequence[Candidate]) -> dict[tuple[int, int], float]:
        """Every candidate's cosine to the question by its vector stored at ingest (pooled from its chunk's
        embedding, so read in context and at no encoding cost), by (article id, sentence index). The vectors are
        read over the sentences each passage's candidates span, however widely it was read."""
        read: dict[int, tuple[int, int, int]] = {}
        for c in candidates:
            article_id, first, last = read.get(id(c.passage), (c.article_id, c.idx, c.idx))
            read[id(c.passage)] = (article_id, min(first, c.idx), max(last, c.idx))
        spans = list(read.values())
        stored = self.catalog.chunk_sentence_vectors(spans)
        if not stored:
            return {}
        q = question_vector(question, self.vectors.model_id)
        return {(c.article_id, c.idx): float(stored[(c.article_id, c.idx)] @ q) for c in candidates
                if (c.article_id, c.idx) in stored}

    def _paraphrases(self, candidates: Sequence[Candidate]) -> Callable[[Candidate, Candidate], bool]:
        """Whether two of the best sentences report the same thing in other words (the paraphrase model over
        their cosine, the values they give and the words they share; see paraphrase.py), so several outlets'
        paraphrases become one corroborated statement."""
        vectors = dict(zip((id(c) for c in candidates), self.vectors.vectors([c.text for c in candidates]),
                           strict=True))
        model = self.paraphrase_model

        def same(a: Candidate, b: Candidate) -> bool:
            va, vb = vectors.get(id(a)), vectors.get(id(b))
            if va is None or vb is None:
                return False
            cosine = float(va @ vb)
            if model is None:  # unfitted: only near-identical wording
                return cosine >= UNFITTED_PARAPHRASE_COSINE and not state_different_values(a.text, b.text)
            return model.same(pair_features(a.text, b.text, cosine))
        return same

    def sentence_features(self, question: str, passages: Sequence[Passage]) -> list[tuple[SentenceFeatures, str]]:
        """Every candidate sentence's features and text (for fitting the ranker; see ranker.py)."""
        passages = list(passages)[: self.statement_passages]
        q_terms = list(dict.fromkeys(question_terms(question)))
        if not passages or not q_terms:
            return []
        weights = {t: self.lexical.idf(t) for t in q_terms}
        candidates = self._candidates(passages, question, widened=True)
        features = self._score(question, passages, candidates, weights, _answer_asked(question))
        return [(f, c.text) for f, c in zip(features, candidates, strict=True)]

    def _latest_news(self, question: str, passages: Sequence[Passage]) -> Answer:
        """For "what's the latest?": the reported facts and claims that open the newest articles, newest
        news first, corroborated across outlets; no term matching (the question names no topic)."""
        def about_the_story(c: Candidate) -> bool:  # names something most of the corpus is about
            return any(self.lexical.story_term(t) for t in c.terms)

        candidates = [c for c in self._candidates(passages)  # opening lines without a full stop are
                      if c.label in ("fact", "claim") and SENTENCE_END.search(c.text)  # captions and titles
                      and about_the_story(c)]
        if not candidates:
            return _abstain(question, "The newest articles in the corpus state nothing quotable yet.")
        freshness = recency_scale([p.dated for p in passages])
        for c in candidates:
            lead = 1.0 / (1 + c.idx - c.passage.chunk.first_sentence)  # a news story says what is new first
            c.score = (0.5 + 0.5 * lead) * (1 + freshness(c.passage.dated)) * LABEL_WEIGHT[c.label]
        candidates.sort(key=lambda c: c.score, reverse=True)
        drafts = select_statements(candidates, 0.0, MAX_STATEMENTS, redundancy=REDUNDANCY)
        drafts.sort(key=lambda d: max(news_date(m) for m in d.members), reverse=True)
        return assemble(question, drafts, [], self.texts)

    def _outlook(self, question: str, passages: Sequence[Passage]) -> Answer:
        """For "what happens next?": what the newest of the passages expect (a sentence saying what will come,
        or a speculation what may), newest first; the latest news when they expect nothing."""
        def expects(c: Candidate) -> bool:
            return bool(_EXPECTS.search(c.text)) or (c.label == "speculation" and bool(_MAY.search(c.text)))

        candidates = [c for c in self._candidates(passages)  # a question the page asks expects nothing
                      if expects(c) and SENTENCE_END.search(c.text) and not c.text.rstrip().endswith("?")
                      and not points_back(c.text) and any(self.lexical.story_term(t) for t in c.terms)]
        if not candidates:
            return self._latest_news(question, passages)
        freshness = recency_scale([p.dated for p in passages])
        for c in candidates:
            c.score = 1 + freshness(c.passage.dated) + (0.5 if c.label == "speculation" else 0.0)
        candidates.sort(key=lambda c: c.score, reverse=True)
        return assemble(question, select_statements(candidates, 0.0, MAX_STATEMENTS, redundancy=REDUNDANCY), [],
                        self.texts)

    def _candidates(self, passages: Sequence[Passage], question: str | None = None,
                    widened: bool = False) -> list[Candidate]:
        """The passages' quotable sentences (``widened``: the best few passages' with the sentences around them,
        see AROUND_SENTENCES); given the question, those of a site it names ("what was lawfare's take?") count the
        name as said around them, as their headline is: the page is Lawfare's."""
        found = sentence_candidates(self.catalog, passages, self.texts,
                                    widened=WIDENED_PASSAGES if widened else 0, around=AROUND_SENTENCES)
        site = self._named_site(question) if question else None
        if site is None:
            return found
        outlets, words = site
        said = frozenset(terms(words + _site_description(question or "", words)))  # "the dutch law blog ictrecht"
        return [replace(c, context=c.context | said) if c.passage.article.outlet in outlets else c for c in found]

    def _lead_from(self, question: str, candidates: Sequence[Candidate]) -> Callable[[Candidate], bool] | None:
        """Which sentences may lead because the question points at them: those of the site it names, else those
        holding a phrase it quotes, or, when none of the ``candidates`` does, those of the article titled with one
        (None: it points at none). (Asked what "fix this code" is, a sentence saying the words answers, not any
        sentence of the article titled "…: Fix This Code".)"""
        if (site := self._named_site(question)) is not None:
            outlets = site[0]
            return lambda c: c.passage.article.outlet in outlets
        phrases = quoted_phrases(question)
        if not phrases:
            return None

        titled = self.lexical.quoted(question)[1]

        def holds(c: Candidate) -> bool:
            # (a heading inside a page, not the page's own title: under that, its opening sentence is only where the
            # article starts, and the whole article is read as titled)
            return any(holds_phrase(c.text, p) or (c.article_id not in titled
                                                   and under_heading_holding(c.text, c.passage.text, p))
                       for p in phrases)
        if any(holds(c) for c in candidates):
            return holds
        return lambda c: c.article_id in titled

    def _byline(self, candidates: Sequence[Candidate],
                lead_from: Callable[[Candidate], bool] | None) -> Candidate | None:
        """The byline of the best-ranked page among the best few candidates' (of those the question points at, when
        it points: a site it names), as a statement quoting the page: the writer asked for."""
        person = self.lexical.vocabulary.in_a_name
        pages = [c for c in candidates[:POINTED_CANDIDATES] if lead_from is None or lead_from(c)]
        bodies = self.texts.get_many({c.article_id for c in pages})
        for c in pages:
            page = bodies.get(c.article_id)
            if page is None or (found := page_byline(page.body, person)) is None:
                continue
            _, start, end = found
            row = next((r for r in page.rows if r.start <= start and end <= r.end), None)
            if row is not None:
                # a byline run into the page's furniture ("Opinion>Opinions … Comments: by Mary Ellen Callahan,
                # opinion contributor - 06/24/26…") is quoted as far as it goes: "by", the name, what the writer is
                start, end = byline_phrase(page.body, start, end) or (row.start, row.end)
                text = page.body[start:end]
                return Candidate(c.passage, row.idx, start, end, text, "fact", ("byline",),
                                 frozenset(terms(text)), score=c.score)
        return None

    def _named_site(self, question: str) -> tuple[frozenset[str], str] | None:
        """The outlets of the site the question names and the words it names it by (None: it names none)."""
        named = self.lexical.named_site(question)
        return (named[0].outlets, " ".join(named[0].words)) if named else None


def _first_stating_given(question: str, candidates: list[Candidate], is_name: Callable[[str], bool]) -> None:
    """Asked what happened on a day ("what happened on june 30", "what went down on 6/23"), scale down (see
    VALUE_MISS_FACTOR) and re-sort the candidates that do not state it: "30% by June 26" shares "June" and "30"
    but is about another day. Only for that kind of question: where a date or figure is one detail of something
    else asked ("what did lutnick's june 26 letter say"), the ranker's order already weighs it, and the lead
    prefers a statement that gives it. Done once the question is judged answerable, not before: whether the best
    sentences state what the question gives is one of the signals that decides it."""
    if not _HAPPENED_ON.search(question):
        return
    given = [v for v in lead_values(question, is_name) if any(ch.isdigit() for ch in v)]
    if not given:
        return
    offered = alternatives(question, given)
    for c in candidates:
        c.score *= 1 - (1 - VALUE_MISS_FACTOR) * unstated_share(given, f" {value_words(c.text)} ", offered)
    candidates.sort(key=lambda c: c.score, reverse=True)


# "what happened on june 30", "what went down around 6/23", "what happened to fable on july 1"
_HAPPENED_ON = re.compile(r"\bwhat\b[^?]{0,40}\b(?:happen\w*|went down|go down|took place|occurred|changed)\b[^?]{0,40}"
                          rf"\b(?:on|around|by|in)\s+(?:the\s+)?(?:{MONTHS}|\d)", re.IGNORECASE)


_ASKS_PUBLISHING = re.compile(r"\b(?:publish\w*|report(?:ed|s|ing)?|broke the news|leak(?:ed)?|print(?:ed)?)\b",
                              re.IGNORECASE)


# an event's value named with the event it belongs to ("who signed the letter"; "which official signed the order":
# its issuer, "signed" naming no signatories of another letter)
_PART_OF = {"signatories": ("letter",), ISSUER.key: ("signatories", "letter")}


# a capitalised name inside a sentence (not its first word): a party it speaks of
_OTHER_NAME = re.compile(rf"(?<=[a-z,;:(] )(?!(?:{MONTHS}|{WEEKDAYS})\b)[A-Z][A-Za-z]+(?:[ -][A-Z][A-Za-z]+)*")


def names_another_party(text: str, asked: Collection[str], story_term: Callable[[str], bool]) -> bool:
    """Whether a sentence names a party neither the story (its everyday names) nor the question does: "The report
    … puts OpenAI's next model release inside the turbulence that forced Anthropic to pull Fable 5 on June 12" is
    about OpenAI's release, and states the day only in passing."""
    return any(not story_term(t) and t not in asked for name in _OTHER_NAME.findall(text) for t in name_terms(name))


def office_asked_only(events: Collection[str], wanted: AnswerType | None) -> set[str]:
    """The story events a lead must state, less an office named in a question that asks no one's name ("what did
    the spokesperson say", "when did secretary lutnick send the second letter"): a sentence naming some other
    office-holder ("Amazon CEO Andy Jassy…") says nothing of what is asked."""
    if wanted is not None and (wanted is WHO or wanted.names):
        return set(events)
    return set(events) - {ROLE.key}


def _fact_asked(question: str, named_events: Collection[str]) -> str | None:
    """The one story event whose value a question asks for and nothing else ("why did they ban fable?" asks what
    set the order off, "how long was the outage?" its length), answered from the story facts; none when it asks
    what someone said of it (their words are asked for: see :func:`speaker_asked`) or several things.
    ``named_events`` are the events the question names (:func:`events_named`, computed by the caller)."""
    asked = sorted(asked_of(question, named_events))
    if len(asked) != 1 or asked[0] not in FACT_ANSWERED_EVENTS or SAID_ASKED.search(question) or \
            term_asked(question):  # "why is the ban called a deemed export?": a word's meaning, not the trigger
        return None
    if asked[0] != TRIGGER.key and ASKS_REASON.search(question):
        return None  # "why was the ban lifted?": the reason, which the best sentences about the lifting give
    if _ASKS_PUBLISHING.search(question):
        return None  # "when did Bloomberg publish the letter?": when a report came out, not the letter's date
    # the order named in passing ("why did they ban it") and the letter the signatories signed are no other thing
    # asked about; asked why Mythos was kept to Glasswing, the early access is
    if set(named_events) - {asked[0], TRIGGER.key, "order", "outage_length", ISSUER.key,
                            *_PART_OF.get(asked[0], ())}:
        return None
    return asked[0]


_SITE_DESCRIPTION_WORDS = 4  # words before a site's name that can describe it ("the dutch ict-law blog")


def _site_description(question: str, site_words: str) -> str:
    """The few words before the site a question names, plain and padded (empty when the site's words are not
    found as written): where it says what kind of site it is."""
    plain = value_words(question)
    at = f" {plain} ".find(f" {site_words} ")
    if at < 0:
        return ""
    before = plain[:at].split()[-_SITE_DESCRIPTION_WORDS:]
    return " " + " ".join(before) + " "


def _lead_with(candidates: list[Candidate], chosen: Callable[[Candidate], bool], anyhow: bool = False) -> None:
    """Asked for one site's take ("what did lawfare say?") or about words it quotes, the best of the ``chosen``
    sentences leads when it is among the statements at all (within MIN_RELATIVE_SCORE of the best), or ``anyhow``:
    they are lifted by the factor that makes the best of them the best, and the candidates re-sorted (in place)."""
    best = candidates[0].score if candidates else 0.0
    own = [c for c in candidates if chosen(c)]
    if not own or own[0] is candidates[0] or own[0].score <= 0 or (own[0].score < best * MIN_RELATIVE_SCORE
                                                                    and not anyhow):
        return
    lift = best / own[0].score
    for c in own:
        c.score *= lift
    own[0].score = best  # exactly (the product can fall short in the last digit); the site wins the tie
    candidates.sort(key=lambda c: (c.score, chosen(c)), reverse=True)


def _of_author_asked(question: str, events: Collection[str]) -> Collection[str]:
    """The events a lead should state, with the author of the letter the question names ("the house letter" is
    the lawmakers', not the experts' open letter; "how many experts signed" counts the experts' letter), and for an
    office the words of the question, which the office a sentence names must be among (see ``OFFICE_PREFIX``)."""
    author = letter_author(question) if {LETTER, SIGNATORIES} & set(events) else None
    events = events if author is None else {*events, author}
    return {*events, OFFICE_PREFIX + " ".join(sorted(set(terms(question))))} if ROLE.key in events else events


def _written_by(facts: Sequence[FactRow], author: str) -> list[FactRow]:
    """The facts of the letter groups this author wrote (see :func:`bot.facts.read.author_of`)."""
    groups: defaultdict[str, list[FactRow]] = defaultdict(list)
    for f in facts:
        groups[f.group_key].append(f)
    return [f for f in facts if author_of(groups[f.group_key]) == author]


# a people's name before the kind of source it describes ("one Dutch law blog", "a Korean daily"): which source,
# not what is asked about; a page in Dutch need not say "Dutch" (the words of origin of DEMONYM, and those
# formed otherwise: Dutch, French, Israeli, Swiss, Greek)
_PEOPLE_WORD = re.compile(rf"{DEMONYM.pattern}|[A-Z][a-z]+(?:ch|i|ss|ek)")
_SOURCE_KIND = re.compile(rf"(?:[\s-]+[a-z]+)?[\s-]+(?:{PAGE_KINDS}|paper|newspaper|daily|publication|press|media|"
                          r"tabloid|broadcaster|weekly|law[\s-]+firm)s?\b", re.IGNORECASE)


def _describes_source(question: str, name: str) -> bool:
    """Whether ``name`` is a people's name describing a source the question points at (see :data:`_SOURCE_KIND`)."""
    if not _PEOPLE_WORD.fullmatch(name):
        return False
    return any(_SOURCE_KIND.match(question, m.end())
               for m in re.finditer(rf"\b{re.escape(name)}\b", question, re.IGNORECASE))



def _of_main_clause(question: str, names: Sequence[str]) -> list[str]:
    """Of a question's names, those its main clause gives, when it gives any: a name only in a clause saying when
    ("which assumptions failed when Fable 5 was switched off?") sets the time, and the lead need not name it."""
    main = _AFTER_THAT.sub(" ", main_clause(question))
    if main == question:
        return list(names)
    return [n for n in names if re.search(rf"\b{re.escape(n)}\b", main, re.IGNORECASE)] or list(names)


# a trailing clause setting the time by another happening ("who took over the talks after the White House stopped
# dealing with Dario Amodei?", "what model dropped right after fable got pulled?"): its names set the scene, like a
# "when" clause's
_AFTER_THAT = re.compile(r"(?<=\w)[\s,]+(?:(?:right|just|soon|shortly|straight)\s+)?(?:after|before|while|once)\s+"
                         r"(?:the\s+|a\s+)?[\w'’-]+(?:\s+[\w'’-]+)*?\s+"
                         r"(?:stopped|started|was|were|had|got|went|came|said|signed|lifted|pulled|filed|launched|"
                         r"\w+ed)\b[^?.!;]*", re.IGNORECASE)


def _asks_of_other_models(models: Sequence[str], story_names: Sequence[str]) -> bool:
    """Whether every model the question names is another than the story's own ("when did GLM-5.2 drop",
    "when was Sonnet 5 released"): what it asks is about that model, not the story's."""
    named = [m for m in models if _model_like(m) or not any(ch.isdigit() for ch in m)]  # "the June 2 order": a day
    return bool(named) and len(other_models(named, story_names)) == len(named)


def thread_names(question: str, names: Sequence[str]) -> list[str]:
    """Of a question's ``names``, those only in the brackets its thread added ("how long can the prompts be
    (Fable 5, API)?"): the topic of the conversation, not each a thing this question asks about. A statement
    about the topic names one of them; "Fable 5 has a 1M-token window" answers without saying "API"."""
    carried = CARRIED_TOPIC.search(question)
    if carried is None:
        return []
    before = question[: carried.start()]
    return [n for n in names if n in carried.group(1) and not re.search(rf"\b{re.escape(n)}\b", before)]


# what others say, told as hearsay: "itpro says three weeks", "another site says 15 days", "one article said 76"
_SAYS = re.compile(r"\b(?:says?|said|saying|claims?|claimed|reports?|reported|has it|had it|put it at|puts it at)\s+"
                   r"(?:(?:like|about|around|it was|it's|its|that|only|just)\s+){0,2}", re.IGNORECASE)


# what the asker has read or heard, up to the end of the clause ("seeing 90 min in some places and 48 hrs in another,
# so how much notice…"): two values in it are two accounts
_SEEN = re.compile(r"\b(?:seeing|seen|saw|heard|hearing|read|reading)\b", re.IGNORECASE)
_ACCOUNT_END = re.compile(r"[?.!]|,\s*(?:so|but|and|did|does|do|is|was|were|what|how|when|who|why|which|can|could)\b|"
                          r"\bbut\b", re.IGNORECASE)


def _hearsay(question: str, value: str, values: Sequence[str] = ()) -> bool:
    """Whether a question gives a value as one of two or more accounts it has read ("itpro says three weeks, another
    site says a month, another says 15 days", "im seeing 90 min in some places and 48 hrs in another", "most reports
    say a 90-minute window, but I also read 48 hours"): it asks which holds, so the value is no fact it takes for
    granted (one account alone, "someone said 48 hrs notice??", still must be reported). ``values`` are the
    question's values: two of them in one account are two accounts."""
    lowered = question.lower()
    values = values or [value]
    accounts = []  # what each "says …" or "read …" clause reports, up to the clause's end
    for cue in sorted([*_SAYS.finditer(question), *_SEEN.finditer(question)], key=lambda m: m.start()):
        end = _ACCOUNT_END.search(question, cue.end())
        accounts.append(lowered[cue.end() : end.start() if end else len(question)])
    holding = [a for a in accounts if any(v.lower() in a for v in values)]
    if not any(value.lower() in a for a in holding):
        return False
    return len(holding) >= 2 or any(sum(v.lower() in a for v in values) >= 2 for a in holding)


def _stated_apart(question: str, given: Sequence[str], offered: Mapping[str, Sequence[str]],
                  sentences: Sequence[Candidate], focus: Mapping[str, float]) -> list[str]:
    """The figures a question gives ("like 91% on gpqa diamond?", "$8 as an apology") that no sentence states
    together with what the question says they are of (one of its own terms, by the sentence or its context): a 91%
    the passages give of something else is not the 91% asked about. Not dates, versions or months (a day is
    often given as the setting, "after the june 12 order"), nor when the question has no own term besides the
    figure's."""
    out: list[str] = []
    own_words = f" {value_words(asked_alone(question))} "  # not the names a thread carried in
    for value in given:
        if f" {value_words(value)} " not in own_words or not re.search(r"\d", value) or DAYLIKE.search(value) or \
                re.match(r"[a-z]", value, re.IGNORECASE):
            continue  # a date, or a name's version ("GPT-6", "gpt 5.6", "Mythos 5", "v4")
        own = set(focus) - set(terms(value))
        if not own:
            continue
        values = [value, *offered.get(value, ())]
        if not any(any(states_value(" " + value_words(c.text) + " ", v) for v in values) and own & (c.terms | c.context)
                   for c in sentences):
            out.append(value)
    return out


def news_date(c: Candidate) -> date:
    """How new what a sentence tells is: the latest day it names as past, else its article's date."""
    dated = c.passage.dated
    told = latest_reported_day(c.text, dated.year if dated else date.today().year)
    return told or dated or date.min


def _abstain(question: str, reason: str) -> Answer:
    return Answer(question=question, abstained=True, abstain_reason=reason)


