"""Outcomes a question takes for granted: a court's ruling, a law struck down, a fine, a settlement.

Asked "what did the judge rule in the lawsuit?" or "which court fined Anthropic?", a reader expects either the
ruling or to be told there is none; quoting the complaint's request ("asks a judge to annul the order") answers
neither. Such a question is answerable only when a retrieved sentence reports that kind of outcome as having
happened, about what was asked (a sentence sharing none of the question's own words, "a Supreme Court
campaign-finance ruling", is about something else; one that only anticipates it, "a ruling against the
government would…", "seeks an injunction", reports none). The lexicon is a rule on purpose: the refusal says
what was looked for.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from bot.nlp.places import governments_named, peoples_forms, place_terms
from bot.nlp.terms import terms


@dataclass(frozen=True)
class Outcome:
    """A kind of outcome: what a reader calls it, how a question takes it for granted, how a sentence reports it."""

    what: str
    asked: re.Pattern[str]
    reported: re.Pattern[str]
    # asked only of a party the question names ("did sk telecom sue?"): "is anyone suing?" asks whether any did, which
    # the sentences about the story's one lawsuit answer whatever words they share with it
    of_named: bool = False


def _words(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_COURT = r"(?:judges?|courts?|justices?|tribunal|panel|wto|arbitrators?)"
# someone reported as having left a post, which a resignation and a lost job both count
# "was fired", "fired the secretary": a person fired, not a classifier that fired ("which classifier fired.")
_LEFT_OFFICE = (r"\bresign(?:ed|s|ation)\b|\bstep(?:ped|s)\s+down\b|\b(?:ousted|sacked)\b|"
                r"\b(?:was|were|been|got|be|being)\s+fired\b|"
                r"\bfired\s+(?:by|from|as|over|after|for|him|her|them|the|his|its|their|a|an|[A-Z])\b")
# what a question or a sentence says was signed ("the review agreement", "a memorandum", "the treaty")
_AGREEMENT = r"(?:agreements?|deals?|pacts?|contracts?|memorand(?:um|a)|mou|treat(?:y|ies)|accords?)"
# the controls put back, said the plain way ("banned again"), asked or reported alike
_AGAIN = r"\b(?:banned|restricted|blocked)\s+(?:it\s+|them\s+)?again\b"
OUTCOMES: tuple[Outcome, ...] = (
    # "what did the judge rule", "did the court decide", "the ruling in the legion case" (not "rule out the DPA",
    # "export rule", "the new rules")
    Outcome("a court ruling",
            _words(rf"\b{_COURT}\b[^?.]{{0,40}}\b(?:rul(?:e|ed|es|ing)|decid\w*|decision|verdict|side[sd]?)\b(?!\s+out)|"
                   r"\b(?:ruling|verdict)\b|"
                   # "did legion win the lawsuit", "who won the case", "the suit, did they lose it"
                   r"\b(?:win|wins|won|lose|loses|lost)\b[^?.]{0,30}\b(?:lawsuits?|suits?|sued?|suing|case|court|"
                   r"appeal)\b|"
                   r"\b(?:lawsuits?|suits?|case)\b[^?.]{0,30}\b(?:win|won|lose|lost)\b"),
            _words(rf"\b(?:ruled|verdict|upheld|dismissed|sided with)\b|\b{_COURT}\b[^.]{{0,40}}\b(?:decided|found)\b|"
                   r"\bruling\b|\b(?:won|lost)\s+(?:the|its|their|a)\s+(?:lawsuit|suit|case|appeal)\b")),
    # an appeal of a court's decision ("when is the appeals court hearing", "did the govt appeal"), not a plea ("experts
    # appealed for the restriction to be lifted") nor a thing's draw ("the appeal of fable")
    Outcome("an appeal",
            _words(r"\bappeals?\s+court\b|\bcourt\s+of\s+appeals?\b|\bappellate\b|"
                   r"\b(?:the|an|its|their)\s+appeal\b(?!\s+(?:of|for|to)\b)|"
                   r"\bappeal(?:ed|ing|s)?\s+(?:the|a|its|their)\s+(?:ruling|decision|verdict|case|judgment)\b|"
                   r"\b(?:did|does|will|would|is|are|was|were)\s+(?:[\w.'’-]+\s+){1,3}?(?<!\bto )appeal(?:ing)?\b"
                   r"(?!\s+(?:of|for|to)\b)"),
            _words(r"\bappeals?\s+court\b|\bcourt\s+of\s+appeals?\b|\bappellate\b|\bnotice\s+of\s+appeal\b|"
                   r"\b(?:filed|lodged)\s+an?\s+appeal\b|"
                   r"\b(?:heard|hears|argued|rejected|denied|granted|upheld|dismissed|won|lost)\s+(?:(?:the|an|its|their|"
                   r"a)\s+)?(?:[\w-]+\s+)?appeal\b|\bappeal\s+(?:was|is|were|has been)\s+(?:heard|filed|lodged|denied|"
                   r"rejected|granted|dismissed|upheld|pending)\b|"
                   r"\bappeal(?:ed|s|ing)?\s+(?:the|a|its|their)\s+(?:ruling|decision|verdict|judgment)\b")),
    Outcome("its being struck down or overturned",
            _words(r"\b(?:struck|strike|striking|strikes)\s+(?:\w+\s+){0,3}?down\b|\boverturn\w*|\binvalidat\w*|"
                   r"\bvacated\b"),
            _words(r"\bstruck\s+(?:\w+\s+){0,3}?down\b|\boverturned\b|\binvalidated\b|\bvacated\b")),
    Outcome("a fine",
            # a noun or the verb ("what fine", "the fine", "fined"), not "is it fine now" or "fine-tuning"
            _words(r"\bfine[sd]\b|\bfining\b|\bfine\s+(?:of|for|did|was|is|were|that)\b|"
                   r"\b(?:a|the|any|what|which|that|its|their|how big a)\s+(?:\w+\s+)?fine\b"
                   r"(?!-|\s+(?:print|line|art))"),
            _words(r"\bfined\b|\bfines?\s+(?:of|totall?ing|worth)\b|\$[\d.,]+\s*(?:[mb]illion\s+)?(?:civil\s+)?fine\b")),
    Outcome("a settlement",
            _words(r"\bsettl(?:e|ed|es|ing|ement|ements)\b"),  # ("did legion end up settling")
            _words(r"\bsettle(?:d|ment)\b")),
    # a suit dropped or thrown out ("did legion drop the lawsuit", "was the case withdrawn"), not "drop the ban"
    Outcome("the lawsuit being dropped or dismissed",
            _words(r"\b(?:drop(?:ped|s|ping)?|withdr[ae]w\w*|abandon\w*|dismiss\w*)\b[^?.]{0,30}\b(?:lawsuits?|suits?|"
                   r"case|complaint|claims?)\b|\b(?:lawsuits?|suits?|case|complaint)\b[^?.]{0,30}\b(?:dropped|withdrawn|"
                   r"abandoned|dismissed|thrown out)\b"),
            _words(r"\b(?:dropped|withdrew|withdrawn|abandoned|dismissed|threw out)\b[^.]{0,40}\b(?:lawsuit|suit|case|"
                   r"complaint|claims?)\b|\b(?:lawsuit|suit|case|complaint)\b[^.]{0,40}\b(?:dropped|withdrawn|abandoned|"
                   r"dismissed|thrown out|moot)\b")),
    Outcome("a court order blocking it",
            _words(rf"\binjunction\b[^?]{{0,40}}\b(?:grant(?:ed)?|issued|won|got)\b|\b(?:grant(?:ed|s)?|issu(?:e|ed|es)|win|"
                   rf"won|get|got)\b[^?]{{0,40}}\binjunction\b|\b{_COURT}\b[^?]{{0,30}}\b(?:block(?:ed)?|halt(?:ed)?|"
                   rf"paus(?:e|ed))\b"),
            _words(r"\b(?:granted|issued|won)\b[^.]{0,40}\binjunction\b|\binjunction\b[^.]{0,20}\b(?:granted|issued)\b|"
                   rf"\b{_COURT}\b[^.]{{0,30}}\b(?:blocked|halted|paused)\b")),
    # a party suing, asked whether it did ("did sk telecom sue anthropic", "is openai suing the government"): the party
    # the question names must be the one the sentences report suing, not the company whose suit the story has
    Outcome("a lawsuit",
            _words(r"\b(?:did|does|do|has|have|had|is|are|was|were|will|would)\s+(?:[\w.'’-]+\s+){1,3}?(?:sue|sued|"
                   r"suing|file[ds]?\s+(?:a\s+|any\s+)?(?:law)?suit|take\s+\w+\s+to\s+court|took\s+\w+\s+to\s+court)\b"),
            _words(r"\b(?:sued|sues|suing|lawsuits?|complaint)\b|\bfiled\b[^.]{0,40}\b(?:suit|case|challenge|complaint)\b|"
                   r"\bto\s+court\b"), of_named=True),
    # someone leaving office ("why did the secretary resign?", "was the adviser fired?")
    Outcome("a resignation or firing",
            # a person fired ("was the adviser fired", "who fired him"), not a classifier ("which one fired?")
            _words(r"\bresign\w*|\bstep(?:ped|s|ping)?\s+down\b|\b(?:was|were|been|got|get|gets|be|being)\s+"
                   r"(?:\w+\s+){0,3}fired\b|\bfired\s+(?!up\b)\w+|\bfiring\b(?!\s+(?:a|the|its)\s+kill)|"
                   # "did anthropic fire anyone", "why did trump fire lutnick"; not "fire back", "fire drill"
                   r"\bfire\s+(?!(?:up|back|off|at|on|away|sale|drill|truck|alarm|risk|hazard)\b)"
                   r"(?!(?:a|the|its)\s+kill)\w+|"
                   r"\bousted\b|\bsacked\b|"
                   # "who replaced lutnick", "who's his successor": someone taken to have left the post (not "who
                   # took over from dario in the talks": a task handed on, whoever holds the post)
                   r"\bwho\s+(?:replaced|succeeded|took over from|is replacing|will replace)\b"
                   r"(?![^?.]{0,30}\b(?:talks|negotiations?|discussions?|meetings?|outreach|dealings)\b)|"
                   r"\b(?:his|her|their|the)\s+(?:replacement|successor)\b|\w+['’]s\s+(?:replacement|successor)\b"),
            _words(rf"{_LEFT_OFFICE}|\bresigning\b|\bquit\b|\breplaced\s+by\s+[A-Z]|\bsucceeded\s+by\b|"
                   r"\b(?:his|her|their)\s+successor\b|"
                   r"\bleft\s+(?:the|his|her|its|their)\s+(?:job|post|role|office|company|administration)\b")),
    # people walking out ("how many anthropic employees quit because of the ban"), not users leaving a product
    Outcome("anyone quitting",
            _words(r"\b(?:employees?|staff(?:ers)?|engineers?|researchers?|workers?|executives?|people|anyone|"
                   r"someone)\s+(?:\w+\s+){0,2}?quit(?:s|ting)?\b|\bquit(?:s|ting)?\s+(?:their|his|her)\s+jobs?\b|"
                   r"\bquit(?:s|ting)?\s+in\s+protest\b|\bwalk(?:ed|s)?\s+out\b|\bwalkouts?\b"),
            _words(rf"\bquit\b|\bquitting\b|\bwalked\s+out\b|\bwalkouts?\b|{_LEFT_OFFICE}")),
    # sanctions imposed ("when did the eu impose sanctions on the us over it")
    Outcome("sanctions imposed",
            _words(r"\bsanction(?:s|ed|ing)?\b"),
            _words(r"\b(?:imposed|announced|levied|slapped)\s+(?:[\w-]+\s+){0,3}sanctions\b|\bsanctioned\b|"
                   r"\bsanctions\s+(?:on|against)\b")),
    # the controls put back after they were lifted ("did commerce reimpose the controls after july 1")
    Outcome("the controls put back",
            _words(rf"\bre-?impos\w*|\bre-?instat\w*\s+(?:the\s+)?(?:controls|ban|restrictions)\b|{_AGAIN}"),
            _words(rf"\bre-?impos(?:ed|es|ing)\b|\bre-?instated\s+(?:the\s+)?(?:controls|ban|restrictions)\b|{_AGAIN}")),
    # someone losing their job over it ("did anyone lose their job over this", "were people laid off")
    Outcome("anyone losing their job",
            _words(r"\blos(?:e|es|t|ing)\s+(?:\w+\s+)?jobs?\b|\blaid\s+off\b|\blay\s*offs?\b"),
            _words(rf"\blaid\s+off\b|\blayoffs?\b|\blost\s+(?:\w+\s+)?jobs?\b|{_LEFT_OFFICE}|\bjob\s+(?:cuts|losses)\b")),
    # a law or a resolution passed ("did the senate pass that bill", "was the act signed into law")
    Outcome("a bill or resolution passed",
            _words(r"\b(?:pass(?:ed|es|ing)?|enact\w*|adopt\w*)\b[^?.]{0,40}\b(?:bill|law|act|legislation|resolution)s?\b|"
                   r"\b(?:bill|legislation|resolution)s?\b[^?.]{0,40}\b(?:pass(?:ed)?|enacted|adopted)\b|"
                   r"\bsign(?:ed)? into law\b|"
                   r"\bvote[sd]?\s+(?:on|for|against|to pass)\b[^?.]{0,30}\b(?:bill|resolution)\b"),
            _words(r"\b(?:bill|law|act|legislation|resolution)s?\b[^.]{0,40}\b(?:passed|enacted|adopted)\b|"
                   r"\b(?:passed|enacted|adopted)\b[^.]{0,40}\b(?:bill|law|act|legislation|resolution)s?\b|"
                   r"\bsigned into law\b|\bvoted\b[^.]{0,40}\b(?:bill|resolution)s?\b")),
    # a bill put before a legislature ("did any of them put forward a bill", "has anyone introduced legislation")
    Outcome("a bill introduced",
            _words(r"\b(?:introduc\w*|put\s+(?:forward|forth|up)|propos\w*|draft\w*|fil(?:e|ed|es|ing)|sponsor\w*)\s+"
                   r"(?:an?|the|any|their|its)?\s*(?:[\w'’-]+\s+){0,2}(?:bills?|legislation)\b|"
                   r"\b(?:bills?|legislation)\b[^?.]{0,30}\b(?:introduced|proposed|filed|drafted|sponsored)\b"),
            _words(r"\b(?:introduced|proposed|filed|drafted|sponsored|unveiled|put forward)\b[^.]{0,40}\b(?:bills?|"
                   r"legislation)\b|\b(?:bills?|legislation)\b[^.]{0,40}\b(?:introduced|proposed|filed|drafted|"
                   r"sponsored)\b")),
    # a vote taken ("when did the senate vote on the ban", "what was the vote in congress", "did the board vote")
    Outcome("a vote",
            _words(r"\bvot(?:e|es|ed|ing)\b"),
            _words(r"\bvoted\b|\bvotes?\s+(?:was|were|of|passed|failed|tally)\b|\bby\s+a\s+(?:\w+\s+)?vote\b|"
                   r"\bunanimous(?:ly)?\b")),
    Outcome("an arrest or criminal charge",
            _words(r"\barrest\w*|\bindict\w*|\bconvict\w*|\bprosecut\w*|\bjail(?:ed|s)?\b|\bprison\b|"
                   r"\bcriminal(?:ly)?\s+charge[sd]?\b"),
            _words(r"\barrested\b|\bindicted\b|\bconvicted\b|\bprosecuted\b|\bjailed\b|\bsentenced\b|"
                   r"\bcharged\s+with\b")),
    Outcome("an award of damages",
            _words(r"\bawarded\b|\bdamages\b"),
            _words(r"\bawarded\b|\bdamages of\b|\bpaid\b[^.]{0,30}\bcompensation\b")),
    # acts of officials and companies a question can take for granted as readily as a ruling ("why did sacks end
    # up apologizing", "did congress subpoena lutnick", "what did jassy tell the senate hearing")
    Outcome("an apology",
            _words(r"\bapologi[sz]\w*|\bsa(?:y|id|ying)\s+sorry\b"),
            _words(r"\bapologi[sz](?:ed|es|ing)\b|\bapolog(?:y|ies)\b|\bsaid\s+(?:\w+\s+){0,2}sorry\b")),
    Outcome("a subpoena",
            _words(r"\bsubpoena\w*"),
            _words(r"\bsubpoena(?:ed|s)?\b")),
    Outcome("testimony at a hearing",
            # "testified", "the senate hearing"; not "is hearing the case" or "after hearing about it"
            _words(r"\btestif\w*|\btestimony\b|\b(?:a|the|senate|house|congressional|committee|cmte|emergency|"
                   r"intel|oversight)\s+hearings?\b"),
            _words(r"\btestif(?:ied|ies|ying)\b|\btestimony\b|\bhearings?\b(?!\s+(?:about|of|from)\b)")),
    Outcome("a summons",
            _words(r"\bsummon\w*"),
            _words(r"\bsummon(?:ed|s)\b")),
    Outcome("a bounty",
            _words(r"\bbount(?:y|ies)\b"),
            _words(r"\bbount(?:y|ies)\b")),
    # a listing that has not happened ("what ipo price did anthropic list at", "what did shares open at on ipo day"),
    # not the filing, the plans or the timing ("does the ban mess up the ipo", "when did they file for an ipo")
    Outcome("a stock market listing",
            _words(r"\bipo\b[^?.]{0,40}\b(?:price[ds]?|pricing|day|open(?:ed|ing|s)?|list(?:ed|ing)?\s+at|debut\w*|"
                   r"pop(?:ped)?)\b|"
                   r"\b(?:price[ds]?|pricing|open(?:ed|ing)?|debut\w*)\b[^?.]{0,30}\bipo\b|"
                   r"\b(?:went|go|goes|going|gone)\s+public\b"),
            _words(r"\b(?:priced|pricing)\s+(?:its|the|an)\s+(?:ipo|shares)\b|\bipo\s+(?:was\s+)?priced\b|"
                   r"\bwent public\b|\b(?:began|started)\s+trading\b|\bshares\s+(?:opened|debuted)\b|"
                   r"\bfirst day of trading\b|\blisted\s+(?:at|on)\b")),
    # "when did meta finally sign the review agreement", "did they ink a deal with commerce" (not "sign the letter",
    # "sign up", "sign off")
    Outcome("an agreement signed",
            _words(r"\b(?:sign(?:ed|s|ing)?|ink(?:ed|s)?|seal(?:ed|s)?|strike|struck|reach(?:ed)?)\s+(?:an?|the|their|"
                   rf"its|any)?\s*(?:[\w'’-]+\s+){{0,3}}{_AGREEMENT}\b"),
            _words(r"\b(?:signed|inked|sealed|struck|reached|concluded)\s+(?:an?|the|their|its)?\s*(?:[\w'’-]+\s+){0,3}"
                   rf"{_AGREEMENT}\b|"
                   r"\b(?:agreements?|deals?|pacts?|contracts?|treat(?:y|ies)|accords?)\s+"
                   r"(?:was|were|had been|has been)\s+(?:signed|reached|struck|sealed)\b")),
)
# "a ruling against the government would…", "no settlement yet": an outcome spoken of, not one reported
_ANY = re.compile(r"\b(?:a|an|any|no)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_NOUN = re.compile(r"(?:ruling|verdict|settlement|fines?\b|\$)", re.IGNORECASE)
_OUTCOME_TERMS = frozenset(terms(
    "judge judges court courts justice justices supreme federal district tribunal panel rule ruled rules ruling decide "
    "decided decision verdict side sided strike struck down overturn overturned invalidate vacated fine fined fines "
    "settle settled settlement injunction granted issued award awarded damages compensation block blocked resign "
    "resigned resignation step stepped fired ousted sacked quit arrest arrested indict indicted convict convicted "
    "prosecute prosecuted jail jailed prison criminal charge charged pass passed enact enacted adopt adopted bill "
    "legislation resolution wto arbitrator firing drop dropped withdraw withdrew withdrawn abandon abandoned dismiss "
    "dismissed thrown replace replaced replacing succeed succeeded successor replacement took over did what when "
    "which how much why apologize apologise apologized apologised apologizing apology sorry subpoena subpoenaed "
    "testify testified testimony hearing summon summoned bounty introduce introduced propose proposed draft drafted "
    "sponsor sponsored put forward sue sued sues suing lawsuit suit file filed quit quitting walk walked walkout "
    "sanction sanctions sanctioned impose imposed reimpose reimposed reinstate reinstated again"))
# words that tie the outcome to the story ("in response to the fable ban", "because of it") without saying what it is
# about: "a global regulatory response: the EU has passed the AI Act" is no bill the Senate passed over the ban
_LINKING_TERMS = frozenset(terms("response respond responded responding reaction react reacted result resulted "
                                 "because due following followed amid"))
# what anticipates or asks for an outcome rather than reporting one ("would", "seeks", "asks the court to")
_ANTICIPATED = re.compile(r"\b(?:would|could|might|may|if|whether|seek\w*|ask\w*|request\w*|wants?|plans? to|intend\w*|"
                          r"watch|monitor|expect\w*|likely|pending|hopes?|until)\b[^.]{0,60}$", re.IGNORECASE)


# "the only one that has not reached an agreement", "hasn't been fined", "has yet to settle": none happened
_NEGATED = re.compile(r"(?:\b(?:not|never|yet to|refused to|declined to)|n['’]t)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)


def asked_outcomes(question: str) -> list[Outcome]:
    """The outcomes a question takes for granted or asks about; not one it asks whether was needed ("did congress
    have to pass a new law for this?", "could they do it without passing a law?"), which "without a single new law
    being passed" answers."""
    return [o for o in OUTCOMES if any(not _NEEDED.search(question[max(0, m.start() - NEEDED_CHARS) : m.start()])
                                       for m in o.asked.finditer(question))]


# words before an outcome asking whether it was needed, not whether it happened
_NEEDED = re.compile(r"(?:\b(?:have|has|had|need|needs|needed|require[sd]?|required)\s+to|\bmust|\bwithout)\s+"
                     r"(?:\w+\s+)?$", re.IGNORECASE)
NEEDED_CHARS = 30


# whoever it may be ("is anyone suing over the ban", "did somebody get fined"): no party a sentence must name
_ANYONE_TERMS = frozenset(terms("anyone anybody someone somebody everyone everybody"))


def subject_terms(question: str) -> frozenset[str]:
    """What the outcome is asked about: the question's content terms, less the words that name outcomes and
    courts ("the legion lawsuit", "the fable export controls", not "supreme court" or "ruling") and those that
    name no one in particular ("anyone")."""
    return frozenset(terms(question)) - _OUTCOME_TERMS - _LINKING_TERMS - _ANYONE_TERMS


def reports(outcome: Outcome, sentence: str, about: frozenset[str]) -> bool:
    """Whether a sentence reports the outcome as having happened, about what was asked (it shares a term of
    ``about`` when there is one)."""
    happened = any(not _ANTICIPATED.search(sentence[max(0, m.start() - 80) : m.start()])
                   and not _NEGATED.search(sentence[max(0, m.start() - 40) : m.start()])
                   and not (_NOUN.match(m.group()) and _ANY.search(sentence[max(0, m.start() - 40) : m.start()]))
                   for m in outcome.reported.finditer(sentence))
    return happened and (not about or bool(about.intersection(terms(sentence))))


def unreported_outcomes(question: str, sentences: Iterable[str],
                        everyday: Callable[[str], bool] = lambda term: False, names: Iterable[str] = ()) -> list[str]:
    """What the question takes for granted that none of the sentences reports ("a court ruling"). What it is
    asked about leaves out the story's ``everyday`` terms: asked whether the Senate passed a bill on AI
    exports, "the EU has passed the AI Act" shares only "AI", which every article does (unless they are all it
    names). ``names`` are the names the question gives (the composer's ``named_phrases``). Another country's own
    ban the question takes for granted (:func:`banning_place`) is such an outcome too."""
    texts = list(sentences)
    missing: list[str] = []
    if (place := banning_place(question)) is not None and not any(reports_ban(place, s) for s in texts):
        missing.append(f"a ban by {place[0].upper()}{place[1:]}")
    asked = asked_outcomes(question)
    if not asked:
        return missing
    subject = subject_terms(question)
    # asked only in the story's everyday words ("the supreme court's ruling on the fable export controls"), the
    # outcome must still be about one of them: "a Supreme Court campaign-finance ruling" is another story's
    about = frozenset(t for t in subject if not everyday(t)) or subject
    # a question naming who or what ("did the Senate pass a bill on access?") asks of them: a sentence about another
    # body's bill that shares only "access" reports no such outcome
    named = frozenset(t for name in names for t in terms(name) if t in about)
    about = named or about
    return [o.what for o in asked if (named or not o.of_named) and not any(reports(o, s, about) for s in texts)] \
        + missing


# another government's own ban ("did india ban claude too", "when did korea block it", "did the eu ban anthropic in
# retaliation"): the story's ban is a US order, and whether another country followed is an outcome of its own
_BAN_VERB = (r"(?:ban|bans|banned|banning|block|blocks|blocked|restrict|restricts|restricted|prohibit\w*|blacklist\w*|"
             r"outlaw\w*)")
_BANNED = re.compile(r"\b(?:banned|blocked|restricted|prohibited|blacklisted|outlawed|barred|suspended)\b",
                     re.IGNORECASE)
_PLACE_BANS = re.compile(
    r"\b([a-z]+)(?:['’]?s)?\s+(?:(?:own\s+)?(?:government|govt|regulators?|officials?|authorities|ministry)\s+)?"
    rf"(?:(?:also|then|too|ever|end\s+up|ended\s+up|go\s+on\s+to|actually|officially)\s+)?{_BAN_VERB}\b",
    re.IGNORECASE)
# the country whose order the story is about: its ban is the story's own
_HOME = frozenset(terms("us usa america american united states washington"))
BAN_WINDOW = 6  # words from a place's name to the verb of a ban it made ("India's IT ministry has now banned")


def banning_place(question: str) -> str | None:
    """The country or region a question takes to have banned something itself, as written ("india"), or None."""
    for match in _PLACE_BANS.finditer(question):
        word = match.group(1)
        found = terms(word)
        if found and found[0] in place_terms() and found[0] not in _HOME:
            return word
    return None


def reports_ban(place: str, sentence: str) -> bool:
    """Whether a sentence reports a ban the place made: its name, its people's or its capital, a few words before a
    verb of banning ("Beijing blacklisted…", "India's ministry banned…")."""
    asked = set(terms(place))
    asked |= {form for t in list(asked) for form in peoples_forms(t)}
    for match in _BANNED.finditer(sentence):
        before = re.findall(r"[\w'’]+", sentence[: match.start()])[-BAN_WINDOW:]
        named = frozenset(t for w in before for t in terms(w))
        if asked & (named | governments_named(named)):
            return True
    return False
