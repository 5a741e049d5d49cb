"""Where sources disagree, as an answer or a brief shows it: the disputes of the story facts (``bot.facts``) that
the statements shown take part in, narrowed to the events and the kind of value the question asks about, each
side cited and counted (:func:`fact_conflicts`). Values are compared only within a stored fact group, so two
different events (a lawsuit's filing and the ban's lifting) are never set against each other.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import replace
from typing import Any

from bot.answers.asked import (
    NAMED_DISPUTE_SIMILARITY,
    NUMBERED_NAME,
    asks_for_kind,
    asks_for_value,
    names_author,
    names_model,
    names_office,
)
from bot.answers.candidate import Candidate
from bot.answers.events_asked import CHECKS_VALUE, asks_other_reason, events_meant, names_value, sides_named
from bot.answers.present_state import asks_present_state
from bot.answers.retrieve import Passage, terms
from bot.answers.value_text import value_words
from bot.corpus.catalog import Catalog
from bot.facts.read import ESTIMATE_MARK, LOWER_MARK, MODEL_PROPERTIES, ROLE, SCOPE, TRIGGER, UPPER_MARK, normalise
from bot.nlp.values import Value, extract_values

MAX_CONFLICTS = 3  # disputes one answer shows
CITES_PER_SIDE = 2  # sentences cited for each side of one
_MARKS = ESTIMATE_MARK + LOWER_MARK + UPPER_MARK  # a stored value's estimate or bound mark ("~50", ">120")
FACT_CONFLICT_RELATIVE = 0.6  # a dispute shown weighs at least this share of the weightiest one


def named_disagreements(catalog: Catalog, question: str,
                        similarity: Callable[[str, Sequence[str]], list[float]] | None = None,
                        by_meaning: Collection[str] = ()) -> list[Any]:
    """The story's disagreements over the kind of value a question asks for whose event the question names
    with the event's own cue words ("how long were they *unavailable*?" names the outage), or that the question asks
    about by meaning (``by_meaning``, event keys: "who got cut off?" asks whom the order covered): the passages
    retrieved for a question may hold none of the few sentences that state a disputed figure. Only each
    event's main group (the story's own happening, never "another order"); the closest in meaning to the
    question first, when ``similarity`` (question, texts -> cosines) is given."""
    from bot.facts.disagree import current_disagreements

    every = current_disagreements(catalog)
    models = _models_of(every)
    meant = events_meant(question) | set(by_meaning)
    named = [d for d in every
             if (asks_for_value(question, d.sides[0].facts[0].kind) or d.event in by_meaning)
             and names_office(question, d)
             and names_author(question, d) and names_model(question, d, models)
             and (d.event == ROLE.key or (d.primary and d.event in meant))]
    if similarity is None or not named:
        return named
    facts = {id(d): [f for side in d.sides for f in side.facts][:12] for d in named}
    bodies = catalog.bodies(list({f.article_id for fs in facts.values() for f in fs}))

    def closeness(d: Any) -> float:
        texts = [bodies[f.article_id][f.start : f.end] for f in facts[id(d)] if f.article_id in bodies]
        return max(similarity(question, texts), default=0.0)

    scored = sorted(((closeness(d), d) for d in named), key=lambda pair: pair[0], reverse=True)
    return [d for score, d in scored if score >= NAMED_DISPUTE_SIMILARITY]


# kinds that are qualities rather than figures: who holds an office, whom an order covered, whether a scheme
# binds. Sentences stating the common side are everywhere ("barred foreign nationals"), so a brief shows such a
# dispute only when it quotes the other side
QUALITIES = frozenset({"person", "scope", "obligation", "cause"})


def shown_in_brief(disagreement: Any, quoted: Collection[tuple[int, int]]) -> bool:
    """Whether a brief quoting these (article, sentence) pairs shows a dispute it takes part in: a figure's
    always, a quality's (see ``QUALITIES``) only when the brief quotes a side other than the most stated."""
    if disagreement.sides[0].facts[0].kind not in QUALITIES:
        return True
    return any((f.article_id, f.sentence) in quoted for side in disagreement.sides[1:] for f in side.facts)


def _models_of(disagreements: Iterable[Any]) -> set[str]:
    from bot.facts.read import model_of

    return {m for d in disagreements if (m := model_of(d.sides[0].facts[0].names.split()))}


def fact_conflicts(
    catalog: Catalog, pool: Sequence[Candidate], limit: int = MAX_CONFLICTS, question: str | None = None,
    similarity: Callable[[str, Sequence[str]], list[float]] | None = None,
    stated: Collection[tuple[int, int]] | None = None, unpublished: Collection[int] = (),
    leading: Collection[tuple[int, int]] = (), of_story: bool = True, statements: Sequence[str] = (),
    by_meaning: Collection[str] = (),
) -> list[tuple[str, list[Candidate]]]:
    """Disagreements from the stored fact groups (see ``bot.facts.disagree``) that a sentence of the pool
    takes part in, the best-scored first; each side is cited, by the pool's own sentences where it has
    them. Given the ``question``, only disagreements over the kind of value it asks for (see
    :func:`asks_for_kind`); when no retrieved sentence takes part in one, the dispute the question names
    by its event's words (:func:`named_disagreements`). A question that names no story event gets only the
    disputes one of the answer's own statements (``stated``: (article, sentence) pairs) takes part in: asked
    when a state law takes effect, a sentence in the pool dating the order is no reason to show the order's
    disputed day. Whatever is asked, a dispute in which the statement the answer opens with (``leading``) takes a
    side fewer outlets back is shown: "one site says it was in may??" opened with the May account alone would
    pass one outlet's day off as the story's. Articles in ``unpublished`` (a past brief's later news) take no side.
    A question asked of other models than the story's (``of_story`` false: "when did GLM-5.2 drop") gets no dispute
    over the story's own events (its models' launch, the order, their return); a model's own figures still may.
    A dispute over a figure whose sides two of the answer's ``statements`` (their texts) give, each with its unit
    ("about 40 organizations", "roughly 50 vetted organizations"), is shown though no statement was read as its fact:
    the answer itself sets the two figures side by side. ``by_meaning`` are the events whose disputed value the question
    asks by meaning (see :mod:`bot.answers.dispute_asked`), as if its words had asked them."""
    from bot.facts.disagree import SHOWN_SIDES, disagreements_for, without_articles

    by_sentence = {(c.article_id, c.idx): c for c in pool}
    if question is not None and by_meaning:
        # the word rules keep their say over the meaning: "why was the ban lifted?" asks the lifting's reason, not
        # what set the order off; "can foreigners use it now?" asks about now, not whom the order covered then
        by_meaning = set(by_meaning) - ({TRIGGER.key} if asks_other_reason(question) else set()) \
            - ({SCOPE.key} if asks_present_state(question) else set())
    found = disagreements_for(catalog=catalog, sentences=set(by_sentence))
    if unpublished:
        hidden = frozenset(unpublished)
        found = [d for d in (without_articles(d, hidden) for d in found) if d is not None]
    if question is None:  # a brief
        found = [d for d in found if shown_in_brief(d, set(by_sentence))]
    else:
        every = disagreements_for(catalog=catalog)
        models = _models_of(every)
        named = events_meant(question) | set(by_meaning)
        # (a dispute whose less backed side the opening statement takes, whatever the question asks of the event:
        # asked why the ban was lifted, not the day of a letter the statement ranked first happens to give)
        minority = [d for d in found if names_model(question, d, models) and (not named or d.event in named) and any(
            (f.article_id, f.sentence) in leading for side in d.sides[1:] for f in side.facts)]
        found = [d for d in found if (asks_for_value(question, "date") if d.sides[0].facts[0].kind == "date"
                                      else asks_for_kind(question, d.sides[0].facts[0].kind)
                                      or d.event in by_meaning)
                 and names_office(question, d) and names_author(question, d)
                 and names_model(question, d, models)]
        if named:  # asked when it launched: not also when the order came and when the models came back
            found = [d for d in found if d.event in named]
        elif stated is not None:
            found = [d for d in found if any((f.article_id, f.sentence) in stated for side in d.sides
                                             for f in side.facts) or sides_stated(d, statements) >= 2]
        found = _of_named_model(question, found)
        if not found:  # no retrieved sentence takes part: the dispute the question names, if it names one
            found = named_disagreements(catalog, question, similarity, by_meaning)[:1]
        found += [d for d in minority if d not in found]
        if not found:  # "is it lutnick or luntuck?": a dispute whose sides the question names, whatever it asks;
            # "one timeline says the order came june 15, right?": one side, of the event it names, asked of its kind
            found = [d for d in every if names_model(question, d, models) and (
                (sides := sides_named(question, d)) >= 2 or (
                    sides == 1 and d.primary and d.event in named
                    and (asks_for_value(question, d.sides[0].facts[0].kind) or CHECKS_VALUE.search(question))))][:1]

    if not of_story:
        found = [d for d in found if d.event in MODEL_PROPERTIES or not d.primary]

    def weight(d: Any) -> float:
        return max((by_sentence[(f.article_id, f.sentence)].score for side in d.sides for f in side.facts
                    if (f.article_id, f.sentence) in by_sentence), default=0.0)

    ranked = sorted(found, key=weight, reverse=True)
    best = weight(ranked[0]) if ranked else 0.0
    out: list[tuple[str, list[Candidate]]] = []
    # only what the best-scored sentences take part in: a passing mention of another event's date is not
    # what the question is about
    for d in [d for d in ranked if weight(d) >= FACT_CONFLICT_RELATIVE * best][:limit]:
        if question is not None:  # the values the question names are shown first ("18 or 19 days?"), then the
            # most backed and the opening statement's
            most = d.sides[0]
            d = replace(d, sides=sorted(d.sides, key=lambda side: (not names_value(question, side.text), not (
                side is most or any((f.article_id, f.sentence) in leading for f in side.facts)))))
        cited: list[Candidate] = []
        for side in d.sides[:SHOWN_SIDES]:
            facts = sorted(side.facts, key=lambda f: (f.article_id, f.sentence) not in by_sentence)
            for fact in facts[:CITES_PER_SIDE]:
                cited.append(by_sentence.get((fact.article_id, fact.sentence)) or _fact_candidate(catalog, fact))
        out.append((f"Sources disagree on {d.summary}.", cited))
    return out


# the kinds of value that are figures (counts, amounts, lengths of time): a statement giving one with its unit says
# which figure it gives, where a date or a quality shares its words with statements about other things
_FIGURES = frozenset({"organizations", "people", "tokens", "money", "duration"})


def sides_stated(disagreement: Any, texts: Sequence[str]) -> int:
    """How many sides of a dispute over a figure the ``texts`` give, read as the fact reader reads values (a number
    with its unit: "about 40 organizations", "18 days"), so each is compared in the form its side is stored in."""
    kind = disagreement.sides[0].facts[0].kind
    if kind not in _FIGURES:
        return 0
    given = {normalise(v.kind, v.value) for text in texts for v in extract_values(text, with_windows=False)
             if v.kind == kind}
    return sum(side.value.lstrip(_MARKS) in given for side in disagreement.sides)


def majority_side(catalog: Catalog, question: str, pool: Sequence[Candidate],
                  stated: Collection[tuple[int, int]]) -> tuple[Candidate, str] | None:
    """Asked "did it come back june 18 or july 1??" and opening with the day one outlet gives: a sentence of the
    side most outlets back, to open with instead. For a dispute whose sides the question names (two or more of
    them) and in which one of the ``stated`` (article, sentence) pairs takes a less backed side; from the pool
    when a retrieved sentence states that side, else the side's first stated fact; with the value as that side
    shows it ("July 1")."""
    from bot.facts.disagree import disagreements_for

    by_sentence = {(c.article_id, c.idx): c for c in pool}
    for d in disagreements_for(catalog=catalog):
        if sides_named(question, d) < 2 or not any((f.article_id, f.sentence) in stated
                                                   for side in d.sides[1:] for f in side.facts):
            continue
        most = d.sides[0]
        return next((by_sentence[key] for f in most.facts if (key := (f.article_id, f.sentence)) in by_sentence),
                    _fact_candidate(catalog, most.facts[0])), most.text
    return None


# how much of the question's term weight a sentence of the most backed side must cover, against the opening
# statement's, to open instead of it: asked "when did it return with limited access?", the one outlet's sentence
# on the limited return says what is asked and a sentence on the full return does not
MAJORITY_COVERAGE = 0.9


def majority_over_opening(catalog: Catalog, question: str, pool: Sequence[Candidate], opening: Candidate,
                          covers: Callable[[Candidate], float]) -> tuple[Candidate, str] | None:
    """Asked the value of a story event it names ("what was the date of the export order?"), naming none of the
    disputed values, and opening with a statement of a side fewer outlets back than the most backed one ("Order
    date: June 21"): a retrieved sentence of the most backed side to open with instead, with the value as that side
    shows it, when one says as much of the question (``covers``: its share of the question's term weight) as the
    opening statement does; else None, and the dispute shown says where the opening statement stands."""
    from bot.facts.disagree import disagreements_for

    key = (opening.article_id, opening.idx)
    meant = events_meant(question)
    for d in disagreements_for(catalog=catalog, sentences={key}):
        if not d.primary or d.event not in meant or sides_named(question, d) or not asks_for_value(
                question, d.sides[0].facts[0].kind):
            continue
        outlets = [len({f.outlet for f in side.facts}) for side in d.sides]
        if not any(key == (f.article_id, f.sentence) and outlets[k] < outlets[0]
                   for k, side in enumerate(d.sides) for f in side.facts):
            continue
        backed = {(f.article_id, f.sentence) for f in d.sides[0].facts}
        best = max((c for c in pool if (c.article_id, c.idx) in backed), key=covers, default=None)
        if best is not None and covers(best) >= MAJORITY_COVERAGE * covers(opening):
            return best, d.sides[0].text
    return None


def _of_named_model(question: str, found: Sequence[Any]) -> list[Any]:
    """Asked when GPT-5.6 came out, the dispute over GPT-5.6's launch and not the one over the story's models':
    when a dispute about another of an event's happenings names a model the question names ("when GPT-5.6 was
    launched"), the other disputes of that event are left out."""
    asked = " " + value_words(question) + " "

    def of_asked_model(d: Any) -> bool:
        return not d.primary and any(f" {value_words(m.group(0))} " in asked for m in NUMBERED_NAME.finditer(d.what))

    events = {d.event for d in found if of_asked_model(d)}
    return [d for d in found if d.event not in events or of_asked_model(d)]


def _fact_candidate(catalog: Catalog, fact: Any) -> Candidate:
    """A citable sentence for a fact outside the retrieved passages."""
    article = catalog.get(fact.article_id)
    rows = catalog.chunks(fact.article_id)
    chunk = next((r for r in rows if r.first_sentence <= fact.sentence <= r.last_sentence), rows[0])
    body = catalog.body(fact.article_id)
    passage = Passage(article, chunk, body[chunk.start : chunk.end], 0.0, 0.0, 0)
    text = body[fact.start : fact.end]
    return Candidate(passage, fact.sentence, fact.start, fact.end, text, fact.label, (), frozenset(terms(text)))


def _summary(kind: str, a: Value, b: Value) -> str:
    first, second = sorted([a, b], key=lambda v: str(v.value))
    if kind.startswith("name:"):
        return f"Sources spell a name differently: {first.written} vs {second.written}."
    shared = sorted(a.window & b.window, key=len, reverse=True)
    about = f" ({dict(a.words).get(shared[0], shared[0])})" if shared else ""
    what = {"date": "the date", "duration": "how long", "money": "the amount", "tokens": "the size in tokens"}.get(
        kind, f"the number of {kind}")
    return f"Sources disagree on {what}{about}: {first.written} vs {second.written}."
