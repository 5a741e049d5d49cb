"""Rule-and-lexicon statement labeller: fact, claim, speculation or opinion.

The bot must keep apart what is reported, what a party asserts, what is guessed and what a writer thinks.
A learned classifier would be opaque and slow to audit. These rules are precision-first instead: each
non-fact label needs an explicit cue, and the cue is returned with the label so an answer can show *why* a
sentence was treated as a claim or a guess. Decisions are tried in this order:

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
9. otherwise -> fact.

All patterns are compiled once when the module is imported. That is pure computation, not a side effect.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Label = Literal["fact", "claim", "speculation", "opinion"]
LABELS: tuple[Label, ...] = ("fact", "claim", "speculation", "opinion")

__all__ = ["LABELS", "OUTLETS", "Label", "LabelResult", "attribution", "label_sentence", "label_sentences"]


@dataclass(frozen=True, slots=True)
class LabelResult:
    """A label and the cues that decided it; cues are never empty for claim, speculation or opinion."""

    label: Label
    cues: tuple[str, ...]


# News outlets the corpus cites as sources. An outlet reporting something makes it a reported fact; a party
# saying something makes it a claim. Apostrophes are matched both straight and curly.
OUTLETS: tuple[str, ...] = (
    "Reuters",
    "Axios",
    "Bloomberg",
    "The Verge",
    "CNBC",
    "The Wall Street Journal",
    "Wall Street Journal",
    "WSJ",
    "The Information",
    "Politico",
    "Semafor",
    "TechCrunch",
    "Ars Technica",
    "BBC",
    "Financial Times",
    "The New York Times",
    "New York Times",
    "The Washington Post",
    "Washington Post",
    "Wired",
    "The Guardian",
    "CNN",
    "NBC News",
    "NBC",
    "NPR",
    "Business Insider",
    "Fortune",
    "Forbes",
    "VentureBeat",
    "The Register",
    "MIT Technology Review",
    "Export Compliance Daily",
    "CryptoBriefing",
    "Let's Data Science",
    "The Hill",
    "Lawfare",
    "Gizmodo",
    "Tom's Hardware",
    "PYMNTS",
    "Decrypt",
    "Daily Mail",
)


def _outlet_alternation() -> str:
    """Build one regex alternation for all outlets, longest first, accepting either apostrophe."""
    names = sorted(OUTLETS, key=len, reverse=True)
    return "|".join(re.escape(n).replace("'", "['’]") for n in names)


_OUT = _outlet_alternation()
_I = re.IGNORECASE

_HTML_TAG = re.compile(r"<[^>]{1,400}>")
# Markdown emphasis markers (**bold**, __bold__, *italic*), often unbalanced when a span crosses sentences.
_EMPHASIS = re.compile(r"\*+|(?<![A-Za-z0-9])__+|__+(?![A-Za-z0-9])")
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"[a-z]+")


class _Gated:
    """A compiled pattern that is tried only if the sentence contains one of its keywords.

    Most sentences contain none of a pattern's keywords, and a set intersection is much cheaper than a
    regex scan. The gate must list every lower-case word that a match of the pattern has to contain.
    """

    __slots__ = ("gate", "pattern")

    def __init__(self, pattern: re.Pattern[str], gate: str) -> None:
        self.pattern = pattern
        self.gate = frozenset(gate.split())

    def search(self, text: str, words: frozenset[str]) -> re.Match[str] | None:
        """Search only when a keyword is present."""
        if self.gate.isdisjoint(words):
            return None
        return self.pattern.search(text)


def _words(text: str) -> frozenset[str]:
    """Lower-case alphabetic tokens, for keyword gates."""
    return frozenset(_WORD.findall(text.lower()))


# --- 1. strong anonymous sourcing: overrides even a named outlet ("sources familiar ... told Reuters").
_ANON_STRONG = re.compile(
    r"\b(?:(?:people|persons?|sources?|officials?|individuals?|someone|one)\s+"
    r"(?:(?:directly\s+)?familiar|briefed|close)\s+(?:with|on|to)\s+(?:the\s+)?[\w’'-]+"
    r"|(?:people|persons?|sources?|officials?|individuals?|someone|one|those|insiders?)\s+with\s+"
    r"(?:direct\s+|first-?hand\s+|inside\s+|detailed\s+)?knowledge\s+of\s+(?:the\s+)?[\w’'-]+"
    r"|unnamed\s+(?:source|official|person|people)s?"
    r"|(?<!news\s)(?<!media\s)(?P<who>sources|insiders)\s+(?:who\s+)?(?:have\s+)?(?:told|tell|said|say)\b"
    r"|(?:on|under)\s+(?:the\s+)?condition\s+of\s+anonymity"
    r"|speaking\s+anonymously|anonymous\s+(?:source|official)s?)",
    _I,
)

# --- 3. an outlet as the source of a report.
_REPORT_VERB = r"(?i:reported|reports|report|reveals|revealed|published|broke\s+the\s+news|first\s+reported)"
# Outlet names are matched case-sensitively ("Wired" the outlet, not "wired" the verb); keywords are not.
_OUTLET_REPORT = re.compile(
    rf"(?:\b(?:{_OUT})\b(?:\s+[\w,.’'-]+){{0,4}}?\s+{_REPORT_VERB}\b"
    rf"|\b(?:{_OUT})\s+(?i:report|story|article)\s+(?i:says|said|found|shows|reveals|indicates)\b"
    rf"|\b(?i:according\s+to)\s+(?:(?i:the|a)\s+)?(?:[\w’'-]+\s+){{0,4}}?(?:{_OUT})\b"
    rf"|\b(?i:per)\s+(?:{_OUT})\b"
    rf"|\b(?i:reports?|reporting|story|article)\s+(?i:from|by|in|on)\s+(?:[\w’'-]+\s+){{0,4}}?(?:{_OUT})\b"
    rf"|\b(?i:reported\s+by)\s+(?:[\w’'-]+\s+){{0,5}}?(?:{_OUT})\b"
    rf"|\b(?:{_OUT})\b[^.]{{0,60}}\b(?i:which\s+(?:indicated|reported))\b"
    rf"|\b(?i:according\s+to\s+the\s+(?:report|story|article))\b"
    rf"|\b(?i:(?:news\s+)?media(?:\s+outlets)?\s+(?:have\s+)?reported)\b)",
)

# --- 4a. weak anonymous sourcing: unnamed reports.
_ANON_WEAK = re.compile(
    r"\b(?:reportedly"
    r"|(?:according\s+to|per)\s+(?:(?:multiple|several|some|other|public|tracking|media|press|news|the)\s+){0,3}"
    r"(?:reports|reporting|people|sources|officials|insiders)"
    r"|(?:reports|reporting)\s+(?:indicate|indicates|suggest|suggests|say|says|tied|tie|linked|link)"
    r"|is\s+said\s+to|are\s+said\s+to|(?-i:Said\s+[Tt]o(?=\s+[A-Z]))"
    r"|concerns?\s+(?:were|was|have\s+been|had\s+been)\s+raised)\b",
    _I,
)

# --- 4b. a party's speech or characterisation verb. Verbs that are often nouns ("claims", "calls", "notes",
# "states") are only counted in contexts that make them verbs.
_SPEECH = re.compile(
    # A passive ("is said to", "was described as") has no speaker before the verb; a progressive
    # ("critics are arguing") does.
    r"(?<!\bwhich\s)(?<!\bwas\s)(?<!\bwere\s)(?:(?<!\bis\s)(?<!\bare\s)(?<!\bbe\s)(?<!\bbeen\s)|(?=\w+ing\b))\b(?:"
    r"said|says|argued|argues|arguing|denied|denies|denying|claimed|claiming|insisted|insists|"
    r"contended|contends|characteri[sz]ed|characteri[sz]es|characteri[sz]ing|"
    r"warned|warns|warning\s+that|stated|stating|acknowledged|acknowledges|acknowledge|"
    r"added(?=\s*(?:that\b|[,.;:\"“”‘]|$)|\s+(?:on|in|during|via)\s[^,.;:]{0,30}[:,])|"
    r"(?:disputed|disputes|dispute)\s+(?=the\b|this\b|that\b|these\b|those\b|its\b|his\b|her\b|their\b|an?\b|it\b)|"
    r"disagrees|disagreed|counters|countered|urged|urges|to\s+urge|"
    r"accused|accuses|alleged|alleges|asserted|asserts|asserting|maintains|maintained|"
    r"emphasi[sz]es|emphasi[sz]ed|insinuated|remarked|praised|criticised|criticized|"
    r"told|tells|framed|frames|believes|suspects|affirm|affirms|indicated|"
    r"expressed|expressing|noted|responded\s+that|announced\s+(?:that|in\s+response)|"
    r"raised\s+the\s+possibility|pointed\s+to|points\s+to|"
    r"described\s+(?:\w+\s+){0,6}?as|describes\s+it|called\s+(?:the|it|this|that|for|on)|"
    r"cited\s+(?:\w+\s+){0,4}?as|viewed\s+(?:\w+\s+){1,4}?as|views\s+(?:\w+\s+){1,4}?as|"
    r"interpreted\s+(?:\w+\s+){0,5}?as|reads\s+it\s+as|wrote\s+that|writes\s+that"
    r")\b",
    _I,
)
# Plural-subject verbs whose bare form is also a noun: "critics note", "experts say".
_GROUP_SPEECH = re.compile(
    r"\b(?:critics|experts|analysts|observers|researchers|scholars|officials|lawmakers|signatories|authors|"
    r"they|we|he|she|who|defenders|opponents|supporters|advocates|(?<!news\s)sources|insiders)\s+"
    r"(?:also\s+|simply\s+|now\s+|privately\s+|widely\s+)?"
    r"(?:say|note|argue|contend|warn|claim|believe|fear|worry|question|insist|maintain|acknowledge|"
    r"suggest|point\s+out|expect|predict|forecast|anticipate)\b",
    _I,
)
# "claims" is usually a noun ("safety claims", "the claims should"). It is a speech verb only after a name, a
# party noun or a subject pronoun, and before the start of a clause ("the lawsuit claims the order...").
_CLAIMS = re.compile(r"\bclaims(?=\s+(?:that|to|the|a|an|it|its|this|these|those|there|no|[A-Z][\w’'-]*)\b)")
_CLAIMS_ADVERBS = frozenset({"also", "now", "still", "repeatedly", "publicly", "falsely", "openly", "further"})
_CLAIMS_SUBJECTS = frozenset(
    {
        "it", "he", "she", "who", "company", "government", "administration", "department", "agency", "ministry",
        "commission", "lawsuit", "suit", "complaint", "petition", "filing", "plaintiff", "firm", "lab",
        "startup", "group", "letter", "report", "vendor", "spokesperson", "official", "minister",
        "president", "secretary", "founder", "developer", "maker", "executive", "ceo", "house", "mayor",
        "governor", "senator", "regulator", "prosecutor", "attorney", "lawyer", "spokesman", "spokeswoman",
        "chairman", "chair", "board", "union", "campaign", "embassy", "adviser", "advisor", "czar",
    }
)  # fmt: skip
_NOT_A_CLAIMANT = frozenset(
    "The A An This These Those Its Their His Her Our Your Such Any Some Many No Both All Other Similar New".split()
)


def _claims_verb(text: str, words: frozenset[str]) -> re.Match[str] | None:
    """The first "claims" used as a party's speech verb, or None."""
    if "claims" not in words:
        return None
    for match in _CLAIMS.finditer(text):
        before = [w.strip(",;:") for w in text[: match.start()].split()]
        while before and before[-1].lower() in _CLAIMS_ADVERBS:
            before.pop()
        if not before:
            continue
        prev = before[-1]
        if prev.endswith(("’s", "'s", "s’", "s'")) or prev in _NOT_A_CLAIMANT:
            continue
        if prev[:1].isupper() or prev.lower() in _CLAIMS_SUBJECTS:
            return match
    return None


_STATED = re.compile(
    r"\b(?:stated|official)\s+(?:rationale|reason|concern|position|ground|grounds|justification|line)\b"
    r"|\b(?:in|by)\s+(?:the\s+)?[\w’'. -]{2,40}?(?:['’]s?)\s+(?:own\s+)?(?:telling|account|words|view)\b"
    r"|\bin\s+(?:his|her|their|its)\s+(?:own\s+)?(?:words|telling|view)\b"
    r"|\bas\s+[\w’'. -]{2,40}?\s+(?:describes|puts|tells)\s+it\b"
    r"|\b(?:argument|contention|criticism|complaint|concern|position)\s+(?:\w+\s+){0,4}?is\s+"
    r"(?:not\s+)?(?:simply\s+|just\s+)?that\b"
    r"|^\s*for\s+(?:opponents|supporters|critics|defenders|proponents|sceptics|skeptics)\b"
    r"|\b(?:research|survey|study|analysis|data)\s+from\s+[\w’'. -]{2,40}?\s+"
    r"(?:indicates|shows|finds|suggests)\b"
    r"|\b(?:frames|framed)\s+the\b"
    r"|\baccording\s+to\b",  # reached only when the source is not an outlet
    _I,
)
_SAID_TO = re.compile(r"\bSaid\s+[Tt]o\s+[A-Z]")
_ACCORDING_TO = re.compile(r"\baccording\s+to\s+(?P<who>[^,.;:—–]{2,80})", _I)
# Writing verbs count as attribution only next to a quotation ("...," the secretary wrote).
_QUOTE_VERB = re.compile(r"\b(?:wrote|writes|posted|tweeted|added)\b", _I)
_WRITTEN_CONTENT = re.compile(r"[^.;\"“”]{0,40}?(?:\bthat\b|:)")
_QUOTE = re.compile(r"[\"“”]|(?:^|\s)[‘'][^‘’']{8,}[’']")
_NEGATED_SPEECH = re.compile(
    r"\b(?:did|does|do|has|have|had)\s+not\s+(?:yet\s+)?(?:say|said|respond|responded|comment|commented|explain|"
    r"explained|specify|specified|publish|published)\b|\bdeclined\s+to\s+comment\b|\bnot\s+responded\b",
    _I,
)

# --- 5. first-person stance and second-person advice.
_FIRST_PERSON = re.compile(
    r"\bI\s+(?:strongly\s+|also\s+|still\s+)?(?:find|agree|disagree|think|believe|suspect|would\s+argue|have\s+no\s+idea|"
    r"doubt|expect|worry)\b|\bin\s+my\s+(?:view|opinion)\b|\bwe\s+should\b|\bwe\s+need\s+to\b",
)
_SECOND_PERSON = re.compile(
    r"^\s*you\s|\byou(?:['’]re|\s+are|\s+cannot|\s+can['’]t|\s+should|\s+need\s+to|\s+must)\b",
    _I,
)

# --- 6. hedges. "could not" (past inability) and "as expected" (retrospective) are not hedges.
_HEDGE = re.compile(
    r"\b(?:(?<!\bin\s)(?<!\bof\s)(?<!\bsince\s)(?<!\buntil\s)(?<!\bfrom\s)(?<!\bon\s)may(?!\s+\d)|"
    r"might|could(?!\s+not\b|n['’]t)|would|likely|unlikely|possibly|perhaps|probably|maybe|"
    r"(?<!\bthe\s)potential(?:ly)?|possibility|apparently|appears?\s+to|seems?(?:\s+to)?|seemingly|"
    r"(?<!as\s)expected\s+to|is\s+set\s+to|are\s+set\s+to|poised\s+to|"
    r"(?:remains?|is|it['’]s|was|still)\s+(?:unclear|uncertain|not\s+(?:yet\s+|entirely\s+)?clear)|"
    r"(?:unclear|uncertain|not\s+clear)\s+(?:whether|if|how|why|what|when|who)|"
    r"remains?\s+to\s+be\s+seen|should\s+(?:now\s+|soon\s+|shortly\s+)be)\b",
    _I,
)
_CONDITIONAL = re.compile(
    r"^\s*(?:and\s+|but\s+|so\s+)?(?:if|unless|should\s+\w+\s+\w+)\b|,\s+if\s+\w+"
    r"|^\s*once\b[^,]*,.*\b(?:can|will)\b",
    _I,
)
# Future "will" predicts an event that has not happened. Lower-case only, so "Will" (a name, a title-case
# headline or a question's first word) is left alone; "political will", "their will" and "the will of" are
# nouns. A legal
# effective date ("the rule will take effect on July 1") is a fixed schedule, and the writer's own plan
# ("we will keep tracking it") is not a guess, so neither counts.
_WILL = re.compile(
    r"(?<!\bthe\s)(?<!\bat\s)(?<!\bfree\s)(?<!\bgood\s)(?<!\bill\s)(?<!\bits\s)(?<!\bown\s)(?<!\bof\s)"
    r"(?<!\bhis\s)(?<!\bher\s)(?<!\bour\s)(?<!\btheir\s)(?<!\bpolitical\s)(?<!\bpopular\s)"
    r"(?:\bwill(?!\s+of\b)|\bwon['’]t|\b(?:it|they|that|there)['’]ll)"
    r"(?=(?:\s+(?:not|also|now|soon|still|only|then|eventually|never|first|again|ultimately|no\s+longer))*"
    r"\s+[a-z])"
)
# In a title-case headline the verb is capitalised too: "Lab Will Restore Access" (not "By Will Knight").
_TITLE_WILL = re.compile(r"(?<=[\w’'.,]\s)(?<!\b[Bb]y\s)Will(?=\s+(?:Not\s+|Also\s+|Now\s+|Soon\s+)?[A-Z])")
_WILL_SCHEDULE = re.compile(
    r"\bwill\s+(?:not\s+|only\s+|also\s+)?(?:take\s+effect|go\s+into\s+effect|come\s+into\s+(?:force|effect)|"
    r"enter\s+into\s+force|become\s+effective|be\s+effective|expire|remain\s+in\s+(?:effect|force))\b",
)
_WRITER_FIRST_PERSON = re.compile(r"\b(?:I|[Ww]e)(?:['’](?:ve|ll|d|m|re))?\s")
# "will" in an embedded question ("has not said how long the model will stay offline") predicts nothing;
# after "often" or "usually" it describes a habit.
_WILL_NOT_PREDICTIVE = re.compile(
    r"(?:\b(?:how|when|whether|if|why|where|what)(?:\s+[\w’'-]+){0,6}|\b(?:often|usually|typically|generally))\s*$",
    _I,
)
# Purpose clauses ("so they could use it") describe past intent, not a guess; removed before hedge search.
_PURPOSE_COULD = re.compile(r"\bso\s+(?:that\s+)?\w+\s+could\b", _I)
_EXPECT_IMPERATIVE = re.compile(r"^\s*expect\s", _I)
_QUESTION = re.compile(r"\?\s*[\"”’)]*\s*$")

# --- 7. evaluation by the writer.
_EVALUATIVE = re.compile(
    r"\b(?:alarming|reckless|unprecedented|clearly|obviously|obvious|should|must|ought\s+to|needs?\s+to|"
    r"it\s+is\s+time|it['’]s\s+time|farce|fiasco|absurd|troubling|disturbing|worrying|dangerous\s+flux|"
    r"uncomfortable|unusually|remarkably|strikingly|beautifully|persuasive|dubious|murky|improvised|"
    r"pivotal|comforting|consequential|impossible|predictable|crippling|net\s+(?:positive|negative|harmful)|"
    r"incredibly|too\s+late|worth\s+(?:watching|noting|remembering)|have\s+(?:every\s+|good\s+)?reason\s+to|"
    r"test\s+case|the\s+(?:obvious\s+|real\s+|key\s+|central\s+)?(?:problem|lesson|irony)\s+is|"
    r"(?:more|less|most)\s+(?:significant|important|troubling|worrying|alarming)|"
    r"(?:is|are)\s+(?:also\s+|especially\s+|particularly\s+|very\s+)?important)\b",
    _I,
)
_FRAMING = re.compile(
    r"\b(?:underscores?|underscored|underscoring|underlines?|underlined|underlining|highlights?|highlighting|"
    r"signals|signaling|signalling|illustrates|exemplifies|marks\s+a|marking\s+a|represents\s+a|"
    r"raises\s+(?:real|serious|broader|hard|difficult|uncomfortable)\s+questions|matters|mattered|"
    r"shifts\s+the\s+debate|shows\s+(?:rising|growing|how|that|why)|"
    r"reflects\s+(?:a|the)\s+(?:broader|wider|larger|deeper))\b",
    _I,
)
_DEMONSTRATIVE_FRAME = re.compile(
    r"^\s*(?:and\s+|but\s+|yet\s+)?(?:this|that)(?:\s+\w+){0,2}\s+(?:is|was)\s+(?:not\s+|also\s+|exactly\s+)?"
    r"(?:an?|the|one\s+of|why|where|what|how|worth|just|especially|precisely)\b",
    _I,
)


# Keyword gates: each lists every lower-case word a match must contain (see _Gated).
_G_ANON_STRONG = _Gated(
    _ANON_STRONG,
    "familiar briefed close knowledge unnamed anonymity anonymously anonymous sources insiders",
)
_G_ANON_WEAK = _Gated(
    _ANON_WEAK,
    "reportedly according per reports reporting said raised",
)
_G_SPEECH = _Gated(
    _SPEECH,
    "said says argued argues arguing denied denies denying claimed claiming insisted insists "
    "contended contends characterised characterized characterises characterizes characterising "
    "characterizing warned warns warning stated stating added acknowledged acknowledges acknowledge "
    "disputed disputes dispute disagrees disagreed counters countered urged urges urge accused "
    "accuses alleged alleges asserted asserts asserting maintains maintained emphasises emphasizes "
    "emphasised emphasized insinuated remarked praised criticised criticized told tells framed frames "
    "believes suspects affirm affirms indicated expressed expressing noted responded announced raised "
    "pointed points described describes called cited viewed views interpreted reads wrote writes",
)
_G_GROUP_SPEECH = _Gated(
    _GROUP_SPEECH,
    "say note argue contend warn claim believe fear worry question insist maintain acknowledge suggest point "
    "expect predict forecast anticipate",
)
_G_STATED = _Gated(
    _STATED,
    "stated official telling account words view describes puts tells argument contention criticism "
    "complaint concern position opponents supporters critics defenders proponents sceptics skeptics "
    "research survey study analysis data frames framed according",
)
_G_QUOTE_VERB = _Gated(
    _QUOTE_VERB,
    "wrote writes posted tweeted added",
)
_G_NEGATED_SPEECH = _Gated(
    _NEGATED_SPEECH,
    "not declined",
)
_G_FIRST_PERSON = _Gated(
    _FIRST_PERSON,
    "i we my",
)
_G_SECOND_PERSON = _Gated(
    _SECOND_PERSON,
    "you",
)
_G_HEDGE = _Gated(
    _HEDGE,
    "may might could would likely unlikely possibly perhaps probably maybe potential potentially "
    "possibility apparently appears appear seems seem seemingly expected set poised unclear remains "
    "remain uncertain clear should",
)
_G_CONDITIONAL = _Gated(
    _CONDITIONAL,
    "if unless should once",
)
_G_EVALUATIVE = _Gated(
    _EVALUATIVE,
    "alarming reckless unprecedented clearly obviously obvious should must ought needs need time "
    "farce fiasco absurd troubling disturbing worrying dangerous uncomfortable unusually remarkably "
    "strikingly beautifully persuasive dubious murky improvised pivotal comforting consequential "
    "impossible predictable crippling net incredibly late worth reason test problem lesson irony "
    "significant important",
)
_G_FRAMING = _Gated(
    _FRAMING,
    "underscores underscore underscored underscoring underlines underline underlined underlining "
    "highlights highlight highlighting signals signaling signalling illustrates exemplifies marks "
    "marking represents raises matters mattered shifts shows reflects",
)
_G_DEMONSTRATIVE_FRAME = _Gated(
    _DEMONSTRATIVE_FRAME,
    "this that",
)
_G_ACCORDING_TO = _Gated(
    _ACCORDING_TO,
    "according",
)
_G_OUTLET_REPORT = _Gated(
    _OUTLET_REPORT,
    " ".join(n.split()[-1].lower() for n in OUTLETS) + " report story article media",
)
_OUTLET_NAME = re.compile(rf"\b(?:{_OUT})\b")
_TELLING = _Gated(
    re.compile(
        r"\b(?:in|by)\s+(?P<who>(?:the\s+)?[\w’'. -]{2,40}?)(?:['’]s?)\s+(?:own\s+)?"
        r"(?:telling|account|words|view)\b",
        _I,
    ),
    "telling account words view",
)
_FOR_GROUP = re.compile(
    r"\s*for\s+(opponents|supporters|critics|defenders|proponents|sceptics|skeptics)\b", _I
)
_POSSESSOR_STATED = _Gated(re.compile(r"(?P<who>[\w’'. -]{2,60}?)['’]s\s+stated\b"), "stated")
_PRONOUN_AT_END = re.compile(r"\b(?:it|he|she|they|we|i)\s*(?:has|have|had|also|later)?\s*$", _I)

_HEADLINE_WORD = re.compile(r"[A-Za-z][\w’'-]*")
_DATE_OR_NUMBER = re.compile(
    r"\b(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s+\d{1,2}|\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)|\d{4}-\d{2}-\d{2}|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|"
    r"\d[\d,.]*\s*(?:%|percent)?)"
)
# A small number right after a name ("Fable 5", "Claude 3.5") or glued to one ("GPT-5.6") is a product
# version, not a figure; so is a list marker ("2. ") that opens a line.
_VERSION_NUMBER = re.compile(r"\d{1,2}(?:\.\d{1,2})?(?![\d,%]|\.\d|\s*percent)")
_NAME_BEFORE_VERSION = re.compile(r"(?:[A-Za-z]-|\b(?P<name>[A-Z][\w’'-]*)\s)$")
_LIST_MARKER = re.compile(r"^\s*\d{1,2}[.)]\s")
_NOT_A_PRODUCT = frozenset(
    "In On By At For Of To From Since Until About Over Under Around Nearly Almost Only Just Some All The And But "
    "With After Before Top Section Part Article Title Chapter Rule Phase Level Tier Round Day Week Year Page "
    "Step Item Figure Table No Number Q".split()
)

_PRONOUNS = frozenset(
    {"it", "he", "she", "they", "we", "i", "you", "this", "that", "these", "those", "which", "who"}
)
_TRAILING_FILLER = frozenset(
    {
        "has", "have", "had", "also", "publicly", "repeatedly", "simply", "later", "then", "now",
        "strongly", "is", "was", "were", "are", "been", "previously", "initially", "immediately", "quickly",
        "further", "already", "since", "first", "originally", "separately", "subsequently", "still",
        "however", "once", "again", "directly", "openly", "privately", "formally", "recently", "sunday",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "on", "in", "its", "his", "her",
        "their", "but", "and", "while", "meanwhile", "at", "the", "same", "time",
    }
)  # fmt: skip
_LEADING_FILLER = frozenset(
    {"but", "and", "meanwhile", "however", "yet", "so", "also", "then", "now", "still"}
)


def _clean(text: str) -> str:
    """Drop HTML tags and markdown emphasis and collapse whitespace, so pages are judged by their words."""
    return _SPACE.sub(" ", _EMPHASIS.sub("", _HTML_TAG.sub(" ", text))).strip()


def _is_headline(text: str) -> bool:
    """Short Title-Case line without a closing full stop: a headline or subheading."""
    if text.endswith((".", "!")) or len(text) > 140:
        return False
    words = _HEADLINE_WORD.findall(text)
    if not 2 <= len(words) <= 20:
        return False
    long_words = [w for w in words if len(w) > 3]
    capitalised = sum(1 for w in long_words if w[0].isupper())
    return bool(long_words) and capitalised / len(long_words) >= 0.6


_ROLE_NOUNS = frozenset(
    {
        "company", "companies", "government", "administration", "department", "secretary", "spokesperson",
        "spokesman", "spokeswoman", "spokespeople", "official", "officials", "adviser", "advisor", "czar",
        "critics", "experts", "analysts", "observers", "researchers", "scholars", "lawmakers",
        "signatories", "authors", "letter", "complaint", "group", "commission", "ceo", "chief", "executive",
        "executives", "president", "minister", "director", "founder", "firm", "lab", "startup", "agency",
        "court", "lawyers", "defenders", "opponents", "supporters", "advocates", "leaders", "members",
        "staff", "users", "community", "industry", "plaintiff", "plaintiffs", "statement", "filing",
        "house", "senate", "congress", "people", "legal", "security", "policy", "cybersecurity",
        "professionals", "practitioners", "vendors", "ai",
    }
)  # fmt: skip
_NP_FUNCTION = frozenset({"the", "a", "an", "of", "and", "&", "its", "for", "de", "von", "van"})
_INTRO_PREP = re.compile(
    r"^(?:in|on|at|after|before|earlier|later|last|by|for|during|since|over|within)\b", _I
)


def _np_word(word: str) -> bool:
    """Whether a word can belong to a party's noun phrase: a name, a role noun or a function word."""
    bare = word.strip('.,;:"“”()').removesuffix("’s").removesuffix("'s")
    return bool(bare) and (bare[0].isupper() or bare.lower() in _ROLE_NOUNS or bare.lower() in _NP_FUNCTION)


def _tidy(phrase: str) -> str | None:
    """Lower-case a leading article, drop a possessive, and reject pronouns and empty phrases."""
    phrase = phrase.strip(" .,").removesuffix("’s").removesuffix("'s")
    words = phrase.split()
    while words and words[0].lower() in _LEADING_FILLER | {"as", "of", "and"}:
        words.pop(0)
    while words and words[-1].lower() in _NP_FUNCTION:
        words.pop()
    if not words or (len(words) == 1 and words[0].lower() in _PRONOUNS):
        return None
    if words[0] in {"The", "A", "An"}:
        words[0] = words[0].lower()
    return " ".join(words)


_ABBREVIATIONS = frozenset("Inc. Corp. Co. Ltd. Jr. Sr. St. Dr. Mr. Mrs. Ms. Gen. Sen. Rep. Gov. Prof.".split())
# In a title-case headline every word is capitalised, so capitals no longer mark a name; these words end one.
_TITLE_STOPS = frozenset(
    "with on over after for in at to from by as amid against into than before despite under about then "
    "while when if but".split()
)


def _title_case(text: str) -> bool:
    """Whether most longer words are capitalised, as in a headline (where capitals do not mark names)."""
    long_words = [w for w in _HEADLINE_WORD.findall(text) if len(w) > 3]
    return len(long_words) >= 4 and sum(w[0].isupper() for w in long_words) / len(long_words) >= 0.6


def _ends_name(word: str, title: bool) -> bool:
    """Whether ``word`` cannot extend a party's noun phrase: a sentence end, or in a headline a verb-like word."""
    if word.endswith(".") and word not in _ABBREVIATIONS and "." not in word[:-1]:
        return True
    if not title:
        return False
    bare = word.strip('.,;:"“”()').removesuffix("’s").removesuffix("'s").lower()
    if bare in _TITLE_STOPS:
        return True
    if bare in _ROLE_NOUNS or word.isupper() or len(bare) <= 3:
        return False
    return bare.endswith("ed") or (bare.endswith("s") and not bare.endswith(("ss", "us", "is")))


def _leading_subject(sentence: str, title: bool = False) -> str | None:
    """The noun phrase that opens the main clause, skipping an introductory prepositional phrase."""
    for segment in re.split(r"[,;:—–]", sentence):
        segment = segment.strip()
        if not segment or _INTRO_PREP.match(segment):
            continue
        words: list[str] = []
        for word in segment.split():
            if not _np_word(word) or len(words) == 7 or (words and _ends_name(word, title)):
                break
            words.append(word)
            if _ends_name(word, False):
                break  # a sentence ends with this word
        return _tidy(" ".join(words)) if words else None
    return None


def _party_before(prefix: str, title: bool = False) -> str | None:
    """The noun phrase just before a speech verb, or None when it is a pronoun or cannot be found."""
    clause = re.split(r"[,;:—–(\"“”]|\bthat\b|\bwhile\b|\bwho\b|\bafter\b", prefix)[-1]
    words = clause.split()
    while words and (
        words[-1].lower().strip(".") in _TRAILING_FILLER - {"the", "its", "his", "her", "their"}
        or (words[-1].islower() and words[-1].endswith("ly") and len(words[-1]) > 4)
    ):
        words.pop()
    if words and words[-1].lower() in _PRONOUNS:
        return None
    phrase: list[str] = []
    # A lower-case head noun ("the vendor") counts when a determiner or a name comes right before it.
    if len(words) >= 2 and not _np_word(words[-1]) and (_np_word(words[-2]) and words[-2][:1].isalpha()):
        phrase.append(words.pop())
    for word in reversed(words):
        if not _np_word(word) or len(phrase) == 7 or (phrase and _ends_name(word, title)):
            break
        phrase.insert(0, word)
    return _tidy(" ".join(phrase)) if phrase else None


_PARTY_TAIL = re.compile(
    r"\s+(?:\(|who\b|which\b|that\b|obtained\b|published\b|seen\b|reviewed\b|given\b|issued\b|quoted\b|"
    r"posted\b|released\b|filed\b|sent\b).*$"
)
_PARTY_MAX_CHARS = 60


def _party_of_according(who: str) -> str:
    """Normalise the phrase after "according to" into a short party name."""
    who = _PARTY_TAIL.sub("", who.strip()) or who.strip()
    words = who.split()
    while len(words) > 1 and len(" ".join(words)) > _PARTY_MAX_CHARS:
        words.pop()
    while len(words) > 1 and words[-1].lower() in _NP_FUNCTION | {"to", "from", "by", "in", "on", "with"}:
        words.pop()
    who = " ".join(words)
    if words[0] in {"The", "A", "An"}:
        who = who[0].lower() + who[1:]
    return who


def attribution(text: str) -> str | None:
    """Who a sentence attributes its content to, when the text names or describes them.

    This covers explicit parties ("Anthropic", "the Commerce Department", "critics"), anonymous sources
    ("people familiar with the matter") and outlets ("Reuters"). It returns None when no source is given,
    or when the only speaker is a pronoun that would need the previous sentence to resolve.
    """
    clean = _clean(text)
    who = _attribution(clean, _words(clean))
    if who is not None and who.lower().split()[-1] in _DOCUMENTS:
        return None  # "the statement said" names a document, not the party behind it
    return who


# Documents are how parties speak, not parties: an attribution to one of these says nothing.
_DOCUMENTS = frozenset(
    "statement report letter article post filing complaint order directive memo document study analysis "
    "notice announcement blog release email".split()
)


def _attribution(clean: str, words: frozenset[str]) -> str | None:
    """``attribution`` on text that has already been cleaned and tokenised."""
    anon = _G_ANON_STRONG.search(clean, words)
    if anon:
        found = anon.group("who") or anon.group(0)
        return found[0].lower() + found[1:]
    acc = _G_ACCORDING_TO.search(clean, words)
    if acc:
        return _party_of_according(acc.group("who"))
    telling = _TELLING.search(clean, words)
    if telling:
        return _party_of_according(telling.group("who"))
    group = _G_GROUP_SPEECH.search(clean, words)
    if group:
        subject = group.group(0).split()[0]
        if subject.lower() not in _PRONOUNS:
            return subject.lower()
    stance = _FOR_GROUP.match(clean)
    if stance:
        return stance.group(1).lower()
    stated = _POSSESSOR_STATED.search(clean, words)
    if stated:
        return _party_before(stated.group("who") + " ") or _leading_subject(clean)
    if _SAID_TO.search(clean):
        return "unnamed reports"  # a headline's "Vendor Said to Weigh Sale": the vendor is not the speaker
    speech = _G_SPEECH.search(clean, words) or _claims_verb(clean, words)
    if speech is None:
        # a writing verb names a speaker next to a quotation or before what was written ("wrote in a post:")
        written = _G_QUOTE_VERB.search(clean, words)
        if written and (_QUOTE.search(clean) or _WRITTEN_CONTENT.match(clean, written.end())):
            speech = written
    if speech:
        prefix = clean[: speech.start()]
        # "X confirmed … and insists": a second verb of the same subject, so the speaker leads the sentence
        coordinated = re.search(r"\b(?:and|but)\s*$", prefix) is not None
        title = _title_case(clean)
        who = None if coordinated else _party_before(prefix, title)
        if who is None and not _PRONOUN_AT_END.search(prefix):
            who = _leading_subject(clean, title)
        if who:
            return who
    if _G_OUTLET_REPORT.search(clean, words):
        outlet = _OUTLET_NAME.search(clean)
        if outlet:
            return outlet.group(0)
    if _G_ANON_WEAK.search(clean, words):
        return "unnamed reports"
    return None


def _claim(cue: str, clean: str, words: frozenset[str]) -> LabelResult:
    """Build a claim result that also names the party when it can be found."""
    who = _attribution(clean, words)
    cues = (cue, f"attribution: {who}") if who else (cue,)
    return LabelResult("claim", cues)


def label_sentence(text: str) -> LabelResult:
    """Label one sentence (or headline) as fact, claim, speculation or opinion, with the deciding cues."""
    clean = _clean(text)
    if not clean:
        return LabelResult("fact", ("empty",))
    words = _words(clean)

    anon = _G_ANON_STRONG.search(clean, words)
    if anon:
        return _claim(f"anonymous sourcing: {anon.group(0)}", clean, words)

    speech = _G_SPEECH.search(clean, words) or _claims_verb(clean, words)
    group = _G_GROUP_SPEECH.search(clean, words)
    stated = _G_STATED.search(clean, words)
    party_verb = speech or group or stated
    if _QUOTE.search(clean):
        quoted_by = party_verb or _G_QUOTE_VERB.search(clean, words)
        if quoted_by:
            return _claim(quoted_by.group(0).strip(), clean, words)

    outlet = _G_OUTLET_REPORT.search(clean, words)
    if outlet:
        return LabelResult("fact", (outlet.group(0).strip(),))

    negated = _G_NEGATED_SPEECH.search(clean, words)
    weak = _G_ANON_WEAK.search(clean, words)
    if weak:
        return _claim(weak.group(0), clean, words)
    if party_verb and not (negated and speech and negated.start() <= speech.start() <= negated.end()):
        return _claim(party_verb.group(0).strip(), clean, words)
    if negated:
        return LabelResult("fact", (negated.group(0),))

    stance = _G_FIRST_PERSON.search(clean, words) or _G_SECOND_PERSON.search(clean, words)
    if stance:
        return LabelResult("opinion", (stance.group(0).strip(),))

    hedge = _G_HEDGE.search(_PURPOSE_COULD.sub(" ", clean) if "could" in words else clean, words)
    if hedge:
        return LabelResult("speculation", (hedge.group(0),))
    if _QUESTION.search(clean):
        return LabelResult("speculation", ("question",))
    if _G_CONDITIONAL.search(clean, words):
        return LabelResult("speculation", ("conditional",))
    if _EXPECT_IMPERATIVE.search(clean):
        return LabelResult("speculation", ("expect",))

    evaluative = _G_EVALUATIVE.search(clean, words) or _G_FRAMING.search(clean, words)
    if evaluative:
        return LabelResult("opinion", (evaluative.group(0),))
    if _G_DEMONSTRATIVE_FRAME.search(clean, words):
        return LabelResult("opinion", ("demonstrative framing",))
    future = _future(clean, words)
    if future:
        return LabelResult("speculation", (future,))

    if _is_headline(clean):
        return LabelResult("fact", ("headline without hedge or attribution",))
    found = _figure(clean)
    if found:
        return LabelResult("fact", (f"date or number: {found}",))
    return LabelResult("fact", ("no hedge or attribution",))


def _future(text: str, words: frozenset[str]) -> str | None:
    """The future-tense cue of a prediction ("will", "won't"), or None for schedules and the writer's plans."""
    if words.isdisjoint(("will", "won", "ll")):
        return None
    match = _WILL.search(text) or (_TITLE_WILL.search(text) if _title_case(text) else None)
    if match is None or _WILL_SCHEDULE.search(text.lower()):
        return None
    before = text[: match.start()]
    if _WRITER_FIRST_PERSON.search(before) or _WILL_NOT_PREDICTIVE.search(before):
        return None
    return match.group(0).replace("’", "'")


def _figure(text: str) -> str | None:
    """The first date, weekday or figure in a sentence, skipping product versions and list markers."""
    for match in _DATE_OR_NUMBER.finditer(text):
        start = match.start()
        if _VERSION_NUMBER.fullmatch(match.group(0).strip().rstrip(".,")) and (
            (start == 0 and _LIST_MARKER.match(text)) or _is_version(text[:start])
        ):
            continue
        return match.group(0).strip().rstrip(".,")
    return None


def _is_version(before: str) -> bool:
    """Whether a number that follows ``before`` is glued to a product name."""
    name = _NAME_BEFORE_VERSION.search(before)
    return name is not None and name.group("name") not in _NOT_A_PRODUCT


def label_sentences(texts: Iterable[str]) -> list[LabelResult]:
    """Label many sentences; a convenience for batch evaluation and corpus annotation."""
    return [label_sentence(t) for t in texts]
