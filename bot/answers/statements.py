"""An answer's statements, its lead, and the answer assembled from them.

:func:`select_statements` picks the best-scored sentences, merging other outlets' rewordings of one point into
one statement with all their citations (so corroboration counts are true) and discounting what the statements
chosen already said. :func:`assemble` then puts first the statement that best answers (the lead: one holding
the kind of value asked for, the names and figures the question gives, the event it names), numbers each
article once, and groups the rest by label. Briefs assemble their developments the same way.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import replace
from typing import TypeVar

from bot.answers.answer_type import AnswerType
from bot.answers.candidate import Candidate, Draft
from bot.answers.definition import defines
from bot.answers.events_asked import gives_reason
from bot.answers.model import Answer, Conflict, Source, Statement
from bot.answers.paraphrase import state_different_values
from bot.answers.question import GLUED_VERSION
from bot.answers.quotable import MAX_ANTECEDENTS, MIN_CUT_ANSWER_WORDS, ArticleText, ArticleTextCache, reads_alone
from bot.answers.retrieve import STOPWORDS, terms
from bot.answers.speakers import said_by
from bot.answers.value_text import CALENDAR_WORD, states_value, value_words, without_versions
from bot.corpus.page import display_title, page_dateline
from bot.facts.read import AUTHOR_PREFIX, ROLE, letter_author
from bot.nlp.calendar import MONTHS, is_month_may
from bot.nlp.display import display_text
from bot.nlp.labels import attribution
from bot.nlp.places import peoples_forms
from bot.nlp.standalone import without_connective
from bot.nlp.terms import jaccard

MERGE_JACCARD = 0.6

T = TypeVar("T")

# The lead is chosen among the best few statements that read alone (see _lead_preference): a statement
# far down the answer is not promoted to its first line for naming "Claude". Three measured best on dev until
# the ninth round's rows joined it: on its 957 rows, first line 0.626 / 0.629 / 0.629 with 3 / 2 / 1 (key facts
# 0.771 / 0.773 / 0.770); two keeps a named site's statement, ranked second, able to lead.
LEAD_CHOICES = 2

# asked for a party's words, one of the best three quoting them leads before one only reporting them (further down, a
# quote is more often of something else: "describing it as the first “Mythos-class” model")
QUOTED_LEAD_CHOICES = 3
# words in quotation marks: a party's own words
_QUOTING = re.compile(r"[\"“][^\"“”]{3,}[\"”]")

# asked why one of the story's turns came about, the statements giving a reason are often a few places down
REASON_LEAD_CHOICES = 4

_SPECIFIC = re.compile(r"(?:\b([A-Za-z]+)[- ])?(\d{1,2}:\d{2}(?!\d)|\$?\d+(?:[.,]\d+)*)"
                       r"(?:\s?(%|(?:percent|thousand|million|billion|trillion|bn)\b)|(?<=0)(s)\b)?"
                       rf"|\b(?:{MONTHS})\b", re.IGNORECASE)

_MONTH_WORD = re.compile(rf"^(?:{MONTHS})$", re.IGNORECASE)
# a figure's unit right after it: "is fable 20 bucks per million tokens" gives a price, not a model "Fable 20"
_AMOUNT_AFTER = re.compile(r"\s*(?:bucks|dollars?|usd|cents|euros?|pounds|quid|per\b|/|an?\s+(?:hour|day|month|token))",
                           re.IGNORECASE)

# words that make the figure after them a guess ("like 50", "maybe 40ish", "~100")
_GUESSED = re.compile(r"(?:\b(?:like|about|around|roughly|approx(?:imately)?|maybe|nearly|almost|circa)\s+|~\s*)$",
                      re.IGNORECASE)

_OR_AFTER = re.compile(r"(?:\s*[\w'’]+){0,2}?\s*\bor\b", re.IGNORECASE)  # "50 ppl or", "40 or"

# the smaller or faster sibling of a versioned model, as labs name them ("Fable 5 mini", "GPT-5.6 Turbo")
_VARIANT = re.compile(r"[\s-]+(?:mini|nano|lite|turbo|flash|ultra)\b", re.IGNORECASE)


def _an_amount(question: str, match: re.Match[str]) -> bool:
    """Whether the figure after a word is an amount, not the word's version: in dollars ("fable $15"), with a unit
    ("fable 20 bucks", "fable 5 percent") or a rate after it ("20 per million")."""
    if match.group(3) or match.group(2).startswith("$"):
        return True
    rate = _AMOUNT_AFTER.match(question, match.end(2))
    # asked how much before it ("how much is mythos 6 per million tokens"): a bare number before the rate asked is
    # the model's version, not a price the asker gives
    return rate is not None and not (rate.group().strip().startswith(("per", "/"))
                                     and _ASKS_PRICE.search(question, 0, match.start()) is not None)


# (not amounts._PRICE_ASKED, which finds a price word anywhere in a question)
_ASKS_PRICE = re.compile(r"\bhow much\b|\bwhat(?:['’]s| is| are| does| do)\b(?:\s+\w+){0,2}\s+(?:cost|price|charge)",
                         re.IGNORECASE)


def specifics(question: str, is_name: Callable[[str], bool] = lambda _w: False) -> list[str]:
    """Numbers, dates, versions and months a question gives ("2027", "$5 billion", "June 9", "GPT-6",
    "Fable 6", "v4", "August"): a question about a specific value is answered only by reporting that states it.
    A bare small number ("the 2 models") is wording, not a value to find."""
    found: list[str] = []
    glued = [m.span() for m in GLUED_VERSION.finditer(question)]  # "v4", "H100": letters and digits together
    found += [question[a:b] for a, b in glued]
    for match in _SPECIFIC.finditer(question):
        word, number, unit = match.group(1), match.group(2), match.group(3)
        if any(a <= match.start(2 if number else 0) < b for a, b in glued):
            continue  # inside "v4": the whole token is the value
        if number is None:
            value = match.group()
            if value.lower() == "may" and not is_month_may(question, match.start()):
                continue  # "may i ask…", "it may come back": the verb
        elif word and word.lower() not in STOPWORDS and not _an_amount(question, match) and (
                is_name(word) or word[0].isupper() or _MONTH_WORD.match(word) or question[match.start(2) - 1] == "-"):
            value = question[match.start(1) : match.end(2)]  # a version or a date: "gpt-6", "Fable 6", "june 9"
            if _MONTH_WORD.match(word) and len(number) == 4:
                value = word  # "August 2026": the month is what must be reported
            elif variant := _VARIANT.match(question, match.end(2)):
                value += variant.group()  # "fable 5 mini": a model of its own, which the reporting must name
        else:
            digits = number.lstrip("$").replace(",", "")
            if digits.isdigit() and len(digits) == 1 and not unit:
                continue
            if _GUESSED.search(question, 0, match.start(2)) and _OR_AFTER.match(question, match.end()):
                continue  # "like 50 ppl or over a hundred?": one of the asker's guesses, not a figure that must be
                # reported ("like 40 million?" alone is what the asker takes for granted)
            value = number + "s" if match.group(4) else number + "%" if unit == "%" else \
                " ".join(p for p in (number, unit) if p)  # "1990s", "30%", "$5 billion"
        if value not in found:
            found.append(value)
    return found


def _quotes_with_more(longer: Candidate, sentence: Candidate) -> bool:
    """Whether ``longer`` quotes ``sentence`` and more of its page around it (a sentence quoted together with the
    ones before it that say what it speaks of, see _with_antecedent: "Through Glasswing, Anthropic tested Mythos.
    The results were alarming: It found…" holds "Through Glasswing, Anthropic tested Mythos.")."""
    return longer.article_id == sentence.article_id and longer.start <= sentence.start and \
        longer.end >= sentence.end and longer.end - longer.start > sentence.end - sentence.start


def select_statements(
    candidates: Sequence[Candidate],
    min_score: float,
    limit: int,
    redundancy: float = 0.0,
    known: frozenset[str] = frozenset(),
    same_meaning: Callable[[Candidate, Candidate], bool] | None = None,
) -> list[Draft]:
    """Best-first statements; near-identical sentences from other outlets join as corroboration, and
    from the same outlet are dropped as repeats.

    With ``redundancy`` > 0, a sentence's score is discounted by the share of what it adds (its terms
    beyond ``known``, the question's) that chosen statements already said, so six outlets' rewordings
    of one point do not crowd out the second half of an answer.
    """
    drafts: list[Draft] = []
    used: set[int] = set()
    said: set[str] = set()

    def adjusted(c: Candidate) -> float:
        if not redundancy or not said:
            return c.score
        new = c.terms - known
        return c.score * (1 - redundancy * (len(new & said) / len(new) if new else 1.0))

    while len(drafts) < limit:
        open_ = [(adjusted(c), i) for i, c in enumerate(candidates) if i not in used and c.score >= min_score]
        if not open_:
            break
        score, i = max(open_, key=lambda item: (item[0], -item[1]))
        if score < min_score:
            break
        c = candidates[i]
        used.add(i)
        # a sentence also quoted within a longer passage of its page (joined to the ones before a later sentence that
        # points back to it): one statement, the longer quote, not two
        covering = [j for j, o in enumerate(candidates) if j not in used and _quotes_with_more(o, c)]
        if covering:
            j = max(covering, key=lambda k: len(candidates[k].text))
            used.update(covering)
            c = candidates[j]
        used.update(j for j, o in enumerate(candidates) if _quotes_with_more(c, o))  # and alone, when it is chosen
        draft = Draft(c)
        outlets = {c.outlet}
        for j, other in enumerate(candidates):
            if j in used or not (
                    (jaccard(c.terms, other.terms) >= MERGE_JACCARD
                     and not state_different_values(c.text, other.text))
                    or (same_meaning is not None and same_meaning(c, other))):
                continue
            used.add(j)
            if other.article_id != c.article_id and other.outlet not in outlets:
                outlets.add(other.outlet)
                draft.support.append(other)
            # else the same outlet saying it again (a headline and its lead): a repeat, not corroboration
        drafts.append(draft)
        said.update(c.terms - known)
    return drafts


def assemble(
    question: str, drafts: Sequence[Draft], conflicts: Sequence[tuple[str, list[Candidate]]],
    texts: ArticleTextCache | None = None, lead_names: Sequence[str] = (),
    lead_type: AnswerType | None = None, lead_events: Collection[str] = (), lead_topics: Sequence[str] = (),
    lead_values: Sequence[str] = (), lead_near: Callable[[str], bool] | None = None,
    lead_speaker: frozenset[str] = frozenset(), lead_term: Sequence[str] = (),
    lead_from: Callable[[Candidate], bool] | None = None, lead_slot: Callable[[str], bool] | None = None,
    lead_narrowing: Sequence[str] = (),
) -> Answer:
    """Number the articles in order of first citation (one number per article, its quotes under it)
    and build the answer from drafts and conflicts; the lead is the best draft that reads on its own
    and names what the question names (``lead_names``: asked whether Mythos is back, a sentence about
    Fable does not lead), states the event it names (``lead_events``) and holds the kind of value asked for
    (``lead_type``), among the best few that read on its own (see :func:`_lead_preference`); of the names the
    thread carried into a follow-up (``lead_topics``, see :func:`thread_names`) it need name only one. Where
    holding the kind of value asked for says little (a name: see :meth:`ExtractiveComposer._names_asked_near`),
    ``lead_near`` tells whether a statement holds one near the question's words. Asked what a party said
    (``lead_speaker``, see :func:`speaker_asked`), one giving its words comes before one only about it; asked
    what a term means (``lead_term``, see :func:`bot.answers.definition.term_asked`), one saying what it is. Asked
    what a site wrote or about words it quotes (``lead_from`` says which statements: "that mondaq piece, what does it
    say…", "whats this 'defense in depth' thing"), one of those comes first. A statement holding the value asked
    for further down may lead when none of the best few holds one, and must then itself name the ``lead_narrowing``
    names (those of the question's names the story does not use everywhere)."""
    answer = Answer(question=question, abstained=False)
    numbers: dict[int, int] = {}
    quoted: dict[int, list[tuple[int, str]]] = defaultdict(list)
    first: dict[int, Candidate] = {}

    def cite(c: Candidate) -> int:
        if c.article_id not in numbers:
            numbers[c.article_id] = len(numbers) + 1
            first[c.article_id] = c
        if all(idx != c.idx for idx, _ in quoted[c.article_id]):
            quoted[c.article_id].append((c.idx, c.text))
        return numbers[c.article_id]

    for draft in drafts:
        main = draft.main
        answer.statements.append(Statement(
            text=display_text(main.text),
            label=main.label,
            cues=list(main.cues),
            citations=list(dict.fromkeys(cite(m) for m in draft.members)),
            attributed_to=attribution(display_text(main.text)) if main.label == "claim" else None,
        ))
    for summary, sides in conflicts:
        answer.conflicts.append(Conflict(summary=summary, citations=list(dict.fromkeys(cite(c) for c in sides))))
    bodies = texts.get_many(numbers) if texts is not None else {}
    for article_id, n in numbers.items():
        c = first[article_id]
        article = c.passage.article
        body = bodies[article_id].body if article_id in bodies else ""
        published = article.published or page_dateline(body)
        quotes = [text for _, text in sorted(quoted[article_id])]
        shown = quoted[article_id][0][1]
        answer.sources.append(Source(
            n=n, article_id=article.id, title=display_title(article.title, body), outlet=article.outlet,
            url=article.url, published=published.isoformat() if published else None,
            quote=shown, start=c.start, end=c.end, more_quotes=[q for q in quotes if q != shown],
        ))
    # asked what one site wrote (or about words it quotes), a statement of those may lead though it points back
    # ("Under this approach, …"): the question already says whose piece or which words it is about
    # (index, text as it would lead, the statement read with the sentences before it)
    alone: list[tuple[int, str, Candidate]] = []
    for i, (s, d) in enumerate(zip(answer.statements, drafts, strict=False)):
        if reads_alone(d.main) or (lead_from is not None and lead_from(d.main)) or (
                lead_slot is not None and reads_alone(d.main, MIN_CUT_ANSWER_WORDS) and lead_slot(s.text)):
            alone.append((i, s.text, _read_back(d.main, bodies)))
        elif (bare := without_connective(s.text)) is not None and reads_alone(replace(d.main, text=bare)):
            # "However, Amazon—which has committed $4 billion…": the best statement leads without the word tying
            # it to a sentence not quoted, rather than a worse one that needs none
            alone.append((i, bare, _read_back(d.main, bodies)))
    if alone:
        # asked for a party's words or what a term means, any statement giving them may lead (they are rarely what
        # most outlets repeat)
        choices = len(alone) if lead_speaker or lead_term else min(
            REASON_LEAD_CHOICES if gives_reason(lead_type) else LEAD_CHOICES, len(alone))

        def preference(i: int) -> tuple[bool, tuple[bool, int, int, float, bool, bool, int]]:
            # asked for a party's words, one giving them in quotation marks says them best ("what did macron call
            # the us move": his words, not that he "made an urgent call")
            text = alone[i][1]
            quoting = i < QUOTED_LEAD_CHOICES and _QUOTING.search(text) is not None
            said = 2 if not lead_speaker else int(said_by(text, lead_speaker)) * (2 if quoting else 1)
            defined = _defining(text, lead_term)
            pointed = lead_from is None or lead_from(alone[i][2])
            return pointed, _lead_preference(alone[i][2], i, lead_names, lead_type, lead_events, lead_topics,
                                          lead_values, lead_near, said, defined)

        among = list(range(choices))

        def names_own(i: int) -> bool:  # the statement itself names the question's narrowing names (not its context)
            return states_names(alone[i][2], lead_narrowing)

        def widened(holds: Callable[[int], bool]) -> list[int]:
            found = holder_further_down(among, range(choices, len(alone)), holds, names_own)
            return [] if found is None else [found]

        if lead_slot is not None:
            # "who was the letter addressed to?": when none of the best few holds the kind of value asked for beside
            # the question's own words, the best statement that does is a choice too (a thread's carried topic
            # ranks sentences about the topic above the one holding the detail asked)
            among += widened(lambda i: lead_slot(alone[i][1]))
        if lead_type is not None and lead_type.figure:
            # "how much is fable per million tokens": when none of the best few holds the figure asked for (an
            # amount), the best statement that does is a choice too ("millions of tokens" shares more words)
            among += [i for i in widened(lambda i: holds_kind(alone[i][2], lead_type)) if i not in among]
        index, text, _ = alone[max(among, key=preference)]
        # the statement reads as it leads (its connective dropped)
        answer.statements[index] = replace(answer.statements[index], text=text)
        answer.lead = text
    elif answer.statements:
        answer.lead = answer.statements[0].text
    return answer


def holder_further_down(best_few: Sequence[T], further: Iterable[T], holds: Callable[[T], bool],
                        names: Callable[[T], bool]) -> T | None:
    """The statement further down that may answer instead of the best few: when none of them holds what is asked,
    the first further down that does; when those holding it do not name what the question names (``names``), the
    first further down that holds it and names it (asked how much Amazon invested, "SK Telecom invested $100 million
    in Anthropic" holds another party's amount); None when one of the best few holds it and names it."""
    if any(holds(x) and names(x) for x in best_few):
        return None
    held = any(holds(x) for x in best_few)
    return next((x for x in further if holds(x) and (not held or names(x))), None)


def _lead_preference(c: Candidate, rank: int, names: Sequence[str], wanted: AnswerType | None = None,
                     events: Collection[str] = (), topics: Sequence[str] = (),
                     values: Sequence[str] = (),
                     near: Callable[[str], bool] | None = None,
                     said: int = 2, defined: int = 2) -> tuple[bool, int, int, float, bool, bool, int]:
    """Which of the best few statements opens the answer: one that names what the question names, then one
    that states the dates and figures the question gives (``values``, see :func:`lead_values`: asked what
    happened on June 30, a sentence about June 19 is about another day), then one that states a value of the
    story event the question names (``events``), then one that holds the kind of value asked for (a date for
    "since when?"), then the better ranked. Asked "is Mythos back?", a sentence about Fable does not lead; asked
    "back? since when", one with the date does. (Preferring the statement that says more of the question's own
    words, as this once did, overrode the learned ranker, which weighs those words already: dev lead 0.612 ->
    0.622, casual 0.615 -> 0.622 without it.)"""
    fits = wanted is None or holds_kind(c, wanted)
    if near is not None:
        fits = near(c.text)
    speaks = speaks_of(c, names) and (not topics or any(speaks_of(c, [t]) for t in topics))
    stated = 1.0 - unstated_share(values, " " + value_words(c.text) + " ")
    if wanted is not None and wanted.names:
        # asked which site ranked it first "at launch", the event named is the setting, not what is asked for
        return speaks, said, defined, stated, fits, _states_event(c.text, events), -rank
    return speaks, said, defined, stated, _states_event(c.text, events), fits, -rank


def _defining(text: str, term: Sequence[str]) -> int:
    """How well a statement answers what a term means: 2 when it says what the term is (or no term is asked), 1
    when it only names it (asked what "4E091" is, "BIS created ECCN 4E091 to control model weights" before a
    sentence on the lawsuit that cites it), else 0. A definition cut short where its page stops ("…rules, which
    treat sharing sensitive…") says too little, so it only names the term."""
    if not term:
        return 2
    if defines(text, list(term)) and not text.rstrip().endswith(("...", "…")):
        return 2
    return int(re.search(r"\b" + r"\W+".join(map(re.escape, term)) + r"\b", text, re.IGNORECASE) is not None)


def holds_kind(c: Candidate, wanted: AnswerType) -> bool:
    """Whether a statement holds the kind of value asked for (a model's version is no figure, unless the kind asked
    is a numbered name)."""
    text = c.text if wanted.keeps_versions else without_versions(c.text)
    return wanted.holds is None or bool(wanted.holds.search(text))


# the words of a question asking of an office, among a lead's events: a sentence states the office-holder asked only
# when every word of its office is the question's ("whos the national cyber director": not "Treasury Secretary Scott
# Bessent"; "who is legion's ceo": not "Amazon CEO Andy Jassy")
OFFICE_PREFIX = "office-asked:"


def _states_event(text: str, events: Collection[str]) -> bool:
    """Whether a sentence states a value of one of these story events, as the fact reader reads it: asked
    when the government's order came, "Trump signed an executive order on June 2" states another event. With a
    letter's author among them (see :func:`_of_author_asked`), a sentence about another author's letter states
    none."""
    if not events:
        return False
    from bot.facts.read import read_facts

    author = next((e for e in events if e.startswith(AUTHOR_PREFIX)), None)
    if author is not None and letter_author(text) not in (None, author):
        return False
    office = next((frozenset(e.removeprefix(OFFICE_PREFIX).split()) for e in events if e.startswith(OFFICE_PREFIX)),
                  None)
    return any(fact.event in events and (fact.event != ROLE.key or office is None or set(terms(fact.cue)) <= office)
               for fact in read_facts(text))


def lead_values(question: str, is_name: Callable[[str], bool] = lambda _w: False) -> list[str]:
    """The dates and figures a question gives (see :func:`specifics`), which the lead should state: "June 30",
    "August", "$5 billion", "2027"; not a version ("GPT-6", "Fable 5", "v4"), which names a thing rather than
    saying what about it is asked; nor a date that names a thing ("the June 2 executive order", "that june 18
    letter"): asked how much access the June 2 order gives, the answer need not repeat its day."""
    return [v for v in specifics(question, is_name)
            if (_MONTH_WORD.match(v.split()[0]) or v[0] in "$0123456789")
            and not re.search(rf"\b(?:the|a|an|that|this|its|their)\s+{re.escape(v)}\s+[a-z]", question,
                              re.IGNORECASE)]


def _read_back(c: Candidate, bodies: dict[int, ArticleText]) -> Candidate:
    """A statement with the sentences before it (up to ``MAX_ANTECEDENTS``) added to what it is read with:
    "She even floated the idea…" speaks of the expert the sentences before it name."""
    text = bodies.get(c.article_id)
    if text is None or c.idx <= 0 or c.idx >= len(text.rows):
        return c
    before = [text.sentence(i).terms for i in range(max(c.idx - MAX_ANTECEDENTS, 0), c.idx)]
    return replace(c, context=c.context.union(*before))


def speaks_of(c: Candidate, names: Sequence[str]) -> bool:
    """Whether a sentence, read with its article's title and the sentence before it (for the lead, the few
    before it: see :func:`_read_back`), speaks of each of these names (by its first word: "Mythos 5" by
    "Mythos")."""
    said = c.terms | c.context
    return all(all(t in said or bool(_WRITTEN_AS.get(t, frozenset()) & said)
                   or any(t in peoples_forms(s) or s in peoples_forms(t) for s in said)
                   for t in terms(name.split()[0]))
               for name in names)


def states_names(c: Candidate, names: Sequence[str]) -> bool:
    """Whether the sentence itself, not read with its context, speaks of each of these names (by its first word)."""
    return speaks_of(replace(c, context=frozenset()), names)


# a place's short name as pages write it otherwise: "US" is "U.S." (the term "u."), "USA", "America(n)"; "DC" is
# Washington
_WRITTEN_AS = {"us": frozenset({"u.", "usa", "america", "american", "unit"}),  # "unit": "United States"
               "uk": frozenset({"u.k", "britain", "british"}),
               "dc": frozenset({"washington"})}


_NAME = re.compile(r"(?<![\w.])[A-Z][\w.&-]*")
_FIRST_PERSON = re.compile(r"I(?:['’](?:m|d|ll|ve))?")


def _name_word(written: str) -> str:
    """A capitalised word as a name: without its possessive or a full stop after it ("Legion's" → "Legion")."""
    return re.sub(r"[’']s$", "", written).rstrip(".")


def named_phrases(question: str) -> list[str]:
    """Capitalised words in a question ("Supreme", "Nasdaq", "Austria") other than a sentence's first
    word: if the retrieved articles never mention one, the question is about something the corpus
    does not cover."""
    names: list[str] = []
    for match in _NAME.finditer(question):
        before = question[: match.start()].rstrip()
        if not before or before.endswith((".", "?", "!", ":", '"', "“")):
            continue
        word = _name_word(match.group())
        if _FIRST_PERSON.fullmatch(word):
            continue  # "can I use it in India": the asker, no name
        if word and word not in names:
            names.append(word)
    return names


# words setting a name aside ("who else besides Trump"): the answer is someone else
_SET_ASIDE = r"\b(?:besides|other than|apart from|aside from|except(?: for)?|excluding|not counting)"


def lead_names(question: str, is_name: Callable[[str], bool]) -> list[str]:
    """What a question is about, for the lead (see :func:`speaks_of`): its names, a name of several
    words as one ("White House", "Dario Amodei": a sentence saying "Dario" speaks of him), without the
    months and weekdays it gives, which are values asked about ("before July"), not a subject."""
    names = [n for n in named_phrases(question) if is_name(n.split()[0]) and not CALENDAR_WORD.fullmatch(n)]
    # a name opening the question, where any word is capitalised, when it is one ("jassy called which cabinet
    # member?"; not "When…", "Did…")
    opening = _NAME.match(question.lstrip())
    if opening is not None and (first := _name_word(opening.group())) not in names \
            and first.lower() not in STOPWORDS and is_name(first) and not CALENDAR_WORD.fullmatch(first):
        names.insert(0, first)
    grouped: list[str] = []
    for name in names:
        if grouped and re.search(rf"\b{re.escape(grouped[-1])}\s+{re.escape(name)}\b", question):
            grouped[-1] = f"{grouped[-1]} {name}"
        else:
            grouped.append(name)
    # a name set aside ("the defendants besides Trump", "who else other than Altman"): who the answer is not
    return [n for n in grouped if not re.search(rf"{_SET_ASIDE}\s+(?:the\s+)?{re.escape(n)}\b", question,
                                                 re.IGNORECASE)]


def unstated_share(values: Sequence[str], plain_text: str,
                    offered: Mapping[str, tuple[str, ...]] | None = None) -> float:
    """Share of the values a question gives that a plain text does not state (0 when it gives none): asked
    "what time on June 14 did the letter land", sentences about June 12 do not answer it. Values ``offered`` as
    a choice (:func:`alternatives`, "54 or 76?") are one value, stated when either is."""
    choices = {frozenset((v, *(offered or {}).get(v, ()))) for v in values}
    return sum(not any(states_value(plain_text, v) for v in c) for c in choices) / len(choices) if choices else 0.0
