"""The cue rules: which cues a sentence holds, and the decision list they imply.

The rules are no longer the last word (the learned model in :mod:`bot.nlp.labeller` is), but they serve
twice: each cue family that fires is a feature of the model, and the cue text is what a user is shown as
the reason for a label. The decision list, kept as the rules' own vote, tries in this order:

1. strong anonymous sourcing (people familiar with the matter, sources say, unnamed sources) -> claim;
2. a quotation together with a party's speech verb -> claim;
3. an outlet as the source of a report (Reuters reported, according to Axios) -> fact;
4. weak anonymous sourcing (reportedly, according to reports) or a party's speech or
   characterisation verb -> claim; a negated speech verb ("did not respond") -> fact;
5. first-person stance or second-person advice -> opinion;
6. a hedge, modal, conditional or question -> speculation;
7. an evaluative word or an interpretive frame (this underscores, worth watching) -> opinion;
8. a prediction in the future tense ("the market will frame it as...") -> speculation, except a legal
   effective date ("the rule will take effect on July 1") and the writer's own plans ("we will keep tracking it");
9. otherwise -> fact (a headline, a date or number, or nothing at all).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.nlp.attribution import attribution_in, claims_verb, title_case
from bot.nlp.cues import CueBook, clean_text, cue_book

__all__ = ["FAMILIES", "FAMILY_LABELS", "RuleAnalysis", "analyse", "figure", "is_headline"]

# Every cue family a sentence can show, in a fixed order (the model's rule features), with the label
# the family argues for; the display name is the family name with underscores as spaces.
FAMILY_LABELS: dict[str, str] = {
    "anonymous_sourcing": "claim",
    "speech_verb": "claim",
    "group_speech": "claim",
    "stated_position": "claim",
    "quotation": "claim",
    "writing_verb": "claim",
    "unnamed_reports": "claim",
    "outlet_report": "fact",
    "negated_speech": "fact",
    "first_person": "opinion",
    "second_person": "opinion",
    "hedge": "speculation",
    "question": "speculation",
    "conditional": "speculation",
    "expectation": "speculation",
    "evaluative": "opinion",
    "framing": "opinion",
    "demonstrative_framing": "opinion",
    "future": "speculation",
    "headline": "fact",
    "date_or_number": "fact",
    "attribution": "claim",
    "gloss": "fact",
}
FAMILIES: tuple[str, ...] = tuple(FAMILY_LABELS)

_HEADLINE_WORD = re.compile(r"[A-Za-z][\w’'-]*")
_WRITER_FIRST_PERSON = re.compile(r"\b(?:I|[Ww]e)(?:['’](?:ve|ll|d|m|re))?\s")
_DATE_OR_NUMBER = re.compile(
    r"\b(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s+\d{1,2}(?!\d)|\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)|\d{4}-\d{2}-\d{2}|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|"
    r"\d[\d,.]*\s*(?:%|percent)?)"
)
# A small number right after a name ("Fable 5", "Claude 3.5") or glued to one ("GPT-5.6") is a product
# version, not a figure; so is a list marker ("2. ") that opens a line.
_VERSION_NUMBER = re.compile(r"\d{1,2}(?:\.\d{1,2})?(?![\d,%]|\.\d|\s*percent)")
_NAME_BEFORE_VERSION = re.compile(r"(?:[A-Za-z]-|\b(?P<name>[A-Z][\w’'-]*)\s)$")
_LIST_MARKER = re.compile(r"^\s*\d{1,2}[.)]\s")
_GLOSSED_CLAUSE = 6  # words before a trailing gloss for the part before it to be a clause of its own


@dataclass(frozen=True, slots=True)
class RuleAnalysis:
    """The rules' view of one sentence.

    ``fired`` maps each cue family found to the words that showed it; ``label`` and ``cues`` are the
    decision list's vote, ``cues`` as the rules have always phrased them ("may", "Reuters reported").
    """

    clean: str
    label: str
    cues: tuple[str, ...]
    fired: dict[str, str] = field(default_factory=dict)


def is_headline(text: str) -> bool:
    """Short Title-Case line without a closing full stop: a headline or subheading."""
    if text.endswith((".", "!")) or len(text) > 140:
        return False
    words = _HEADLINE_WORD.findall(text)
    if not 2 <= len(words) <= 20:
        return False
    long_words = [w for w in words if len(w) > 3]
    capitalised = sum(1 for w in long_words if w[0].isupper())
    return bool(long_words) and capitalised / len(long_words) >= 0.6


def figure(text: str, book: CueBook | None = None) -> str | None:
    """The first date, weekday or figure in a sentence, skipping product versions and list markers."""
    not_a_product = (book or cue_book()).words["not_a_product"]
    for match in _DATE_OR_NUMBER.finditer(text):
        start = match.start()
        if _VERSION_NUMBER.fullmatch(match.group(0).strip().rstrip(".,")):
            name = _NAME_BEFORE_VERSION.search(text[:start])
            is_version = name is not None and name.group("name") not in not_a_product
            if (start == 0 and _LIST_MARKER.match(text)) or is_version:
                continue
        return match.group(0).strip().rstrip(".,")
    return None


def _future(book: CueBook, text: str, lowered: str) -> str | None:
    """The future-tense cue of a prediction ("will", "won't"), or None for schedules and the writer's plans."""
    match = book.will.search(text, lowered) or (book.title_will.search(text, lowered) if title_case(text) else None)
    if match is None or book.will_schedule.search(lowered, lowered):
        return None
    before = text[: match.start()]
    if _WRITER_FIRST_PERSON.search(before) or book.regex("will_not_predictive").search(before):
        return None
    return match.group(0).replace("’", "'")


def analyse(text: str) -> RuleAnalysis:
    """Find every cue family in a sentence and the decision list's label with its deciding cues."""
    clean = clean_text(text)
    if not clean:
        return RuleAnalysis(clean, "fact", ("empty",))
    book = cue_book()
    lowered = clean.lower()
    fired: dict[str, str] = {}

    def note(family: str, match: re.Match[str] | None) -> re.Match[str] | None:
        if match is not None and family not in fired:
            fired[family] = match.group(0).strip()
        return match

    anon = note("anonymous_sourcing", book.anon_strong.search(clean, lowered))
    speech = note("speech_verb", book.speech.search(clean, lowered) or claims_verb(book, clean, lowered))
    group = note("group_speech", book.group_speech.search(clean, lowered))
    stated = note("stated_position", book.stated.search(clean, lowered))
    quote = note("quotation", book.quote.search(clean, lowered))
    quote_verb = note("writing_verb", book.quote_verb.search(clean, lowered))
    outlet = note("outlet_report", book.outlet_report.search(clean, lowered))
    weak = note("unnamed_reports", book.anon_weak.search(clean, lowered))
    negated = note("negated_speech", book.negated_speech.search(clean, lowered))
    stance = note("first_person", book.first_person.search(clean, lowered)) or note(
        "second_person", book.second_person.search(clean, lowered)
    )
    unhedged = book.regex("purpose_could").sub(" ", clean) if "could" in lowered else clean
    hedge = note("hedge", book.hedge.search(unhedged, unhedged.lower()))
    question = book.question.search(clean, lowered)
    if question:
        fired["question"] = "?"
    conditional = note("conditional", book.conditional.search(clean, lowered))
    expect = note("expectation", book.expect_imperative.search(clean, lowered))
    # the writer's evaluation is looked for in the main clause: an evaluative word or frame only inside a
    # trailing gloss ("…, signaling a partial reversal") leaves the reported event the sentence's point
    gloss = book.gloss.search(clean, lowered)
    main = gloss.start() if gloss and len(_HEADLINE_WORD.findall(clean[: gloss.start()])) >= _GLOSSED_CLAUSE else None
    evaluative = note("evaluative", book.evaluative.search(clean[:main], lowered[:main])) or note(
        "framing", book.framing.search(clean[:main], lowered[:main])
    )
    if gloss is not None and main is not None and not evaluative and (
            book.evaluative.search(clean, lowered) or book.framing.search(clean, lowered)):
        fired["gloss"] = gloss.group(0).lstrip(", ").strip()
    demonstrative = note("demonstrative_framing", book.demonstrative_frame.search(clean, lowered))
    future = _future(book, clean, lowered)
    if future:
        fired["future"] = future
    headline = is_headline(clean)
    if headline:
        fired["headline"] = "headline"
    found = figure(clean, book)
    if found:
        fired["date_or_number"] = found

    who: list[str | None] = []

    def claim(cue: str) -> RuleAnalysis:
        who.append(attribution_in(book, clean, lowered))
        cues = (cue, f"attribution: {who[0]}") if who[0] else (cue,)
        return RuleAnalysis(clean, "claim", cues, fired)

    party_verb = speech or group or stated
    result: RuleAnalysis
    if anon:
        result = claim(f"anonymous sourcing: {anon.group(0)}")
    elif quote and (party_verb or quote_verb):
        result = claim((party_verb or quote_verb).group(0).strip())  # type: ignore[union-attr]
    elif outlet:
        result = RuleAnalysis(clean, "fact", (outlet.group(0).strip(),), fired)
    elif weak:
        result = claim(weak.group(0))
    elif party_verb and not (negated and speech and negated.start() <= speech.start() <= negated.end()):
        result = claim(party_verb.group(0).strip())
    elif negated:
        result = RuleAnalysis(clean, "fact", (negated.group(0),), fired)
    elif stance:
        result = RuleAnalysis(clean, "opinion", (stance.group(0).strip(),), fired)
    elif hedge:
        result = RuleAnalysis(clean, "speculation", (hedge.group(0),), fired)
    elif question:
        result = RuleAnalysis(clean, "speculation", ("question",), fired)
    elif conditional:
        result = RuleAnalysis(clean, "speculation", ("conditional",), fired)
    elif expect:
        result = RuleAnalysis(clean, "speculation", ("expect",), fired)
    elif evaluative:
        result = RuleAnalysis(clean, "opinion", (evaluative.group(0),), fired)
    elif demonstrative:
        result = RuleAnalysis(clean, "opinion", ("demonstrative framing",), fired)
    elif future:
        result = RuleAnalysis(clean, "speculation", (future,), fired)
    elif headline:
        result = RuleAnalysis(clean, "fact", ("headline without hedge or attribution",), fired)
    elif found:
        result = RuleAnalysis(clean, "fact", (f"date or number: {found}",), fired)
    else:
        result = RuleAnalysis(clean, "fact", ("no hedge or attribution",), fired)
    if who and who[0]:
        fired["attribution"] = who[0]
    return result
