"""Questions that ask for someone's words: who is asked about, which sentences give their words, and when the
reporting gives none.

Asked "what did amazon say when reporters asked?", a statement giving Amazon's own words should lead
(:func:`speaker_asked`, :func:`said_by`). Asked "what did Singapore's government say about the ban?", the best
sentences may be about the ban and even mention Singapore, yet none tells what Singapore's government said: quoting
the directive answers nothing, and the reader should hear that no statement from that speaker was found
(:func:`unquoted_speaker`). The lexicons are rules on purpose: the refusal says what was looked for.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from bot.nlp.labels import attribution
from bot.nlp.places import capitals_of, governments_named, peoples_forms, place_of_people, place_terms
from bot.nlp.terms import terms

if TYPE_CHECKING:
    from bot.answers.candidate import Candidate

# (an adverb after the party is no part of its name: "what did trump literally say", "what did lutnick actually write")
_WHAT_DID = (r"\b(?:what|how) (?:did|does|do|has|have|had|would) (?:the )?([\w'’. -]{2,40}?)\s+"
             r"(?:(?:actually|really|literally|exactly|ever|even|officially|publicly|originally|first|just|then)\s+)?")
_SAYING = (r"say|said|tell|told|post|posted|write|wrote|argue|argued|claim|claimed|announce|announced|tweet|tweeted|"
           r"comment|respond|responded|react|reacted|reply|replied|answer|describe|described|characteri[sz]e|"
           r"characteri[sz]ed|call|called")
# "what did amazon say…", "what did lutnick post after lifting it", "how did anthropic respond": a party's words
SAID_ASKED = re.compile(
    rf"{_WHAT_DID}(?:{_SAYING})\b|"
    # "did china say anything about it", "has the eu commented on it": whether the party spoke, and what it said
    r"\b(?:did|does|has|have|had) (?:the )?([\w'’. -]{2,40}?)\s+(?:say|said|comment|commented|respond|responded|"
    r"react|reacted|reply|replied|weigh in|weighed in)\b"
    r"(?:\s+(?:anything|something|at all|publicly|on|about)\b|\s*\?|$)|"
    # "what's anthropic's side of the story", "david sacks' version of what happened": the party's own account
    r"\b((?:[A-Za-z][\w.-]*\s)?[A-Za-z][\w.-]*)['’]s?\s+(?:side|version|take|account|position|statement)\b",
    re.IGNORECASE)
# what a party said or made of something, asked as a fact the reporting must give ("what did the mediator
# recommend", "what did azhar predict"); not whether it spoke at all ("did X say anything?": that it said nothing
# reported is an answer the passages give) nor its "take" (any writer's view of it may be meant)
_WORDS_ASKED = re.compile(rf"{_WHAT_DID}(?:{_SAYING}|predict|predicted|recommend|recommended|testify|testified|"
                          r"propose|proposed|suggest|suggested|warn|warned|urge|urged|think|make of)\b", re.IGNORECASE)
# whether a party said anything ("did trump post anything about it on truth social")
_SAID_ANYTHING = re.compile(rf"\b(?:did|does|has|have|had) (?:the )?([\w'’. -]{{2,40}}?)\s+(?:{_SAYING})\s+"
                            r"(?:anything|something)\b", re.IGNORECASE)
# the words of saying, as written (several are stopwords to the term index: "said", "says")
SPEECH_VERBS = frozenset(
    "say says said tell tells told write writes wrote post posts posted argue argues argued claim claims claimed "
    "state states stated note notes noted warn warns warned add adds added explain explains explained announce "
    "announces announced respond responds responded reply replies replied comment comments commented tweet tweeted "
    "declare declared insist insisted acknowledge acknowledged confirm confirmed deny denied describe described "
    "detail detailed call called statement spokesperson spokesman spokeswoman inform informs informed "
    "remark remarks remarked mention mentions mentioned contend contends contended assert asserts asserted "
    "observe observes observed stress stresses stressed emphasize emphasizes emphasized emphasise emphasises "
    "emphasised reiterate reiterates reiterated concede concedes conceded admit admits admitted quipped "
    "urge urges urged lament laments lamented testify testifies testified".split())
# and for a sentence that names no speaker of its own, the verbs of a source reporting ("TechRadar reported …")
_SOURCE_VERBS = SPEECH_VERBS | {"report", "reports", "reported"}
# more ways a sentence gives someone's words or views, enough for it to count as their statement (not for leading:
# ``said_by`` wants the speaker's name right before a verb of saying)
_GIVES_WORDS = re.compile(
    r"[\"“”]|\baccording to\b|\b(?:predicted|predicts|recommended|testified|urged|urges|suggested|believes?|"
    r"thinks?|criticized|criticised|praised|welcomed|condemned|demanded|asked|admitted|highlighted|stressed|"
    r"emphasi[sz]ed|cautioned|observed|advised|pointed out|reported|reports that)\b|"
    r"\b(?:advice|remarks?|comments?|words|views?|warning|argument|take|position|stance) of\b|"
    r"\b[a-z]+(?:ed|es)\s+that\b",  # any verb of saying before what was said ("detailed that", "concedes that")
    re.IGNORECASE)
CHAT_PERSON_TERMS = frozenset(terms("guy guys dude lady gal fella bloke person people folks"))
SPEAKER_WINDOW = 6  # words from the party's name to the verb of saying ("An Amazon spokesperson previously told")
# "called" with a name or nothing after it ("Jassy called Bessent", "could have called, it was…"): a call made, not
# words said ("called the move reckless", "called for a review")
_PHONE_CALL = re.compile(r"\bcall(?:s|ed)?\b(?=\s*(?:[,.;:!?]|$)|\s+[A-Z])")

# the offices that speak for a government ("the chinese foreign ministry", "the indian government")
_OFFICE_TERMS = frozenset(terms("ministry minister government govt president embassy spokesperson spokesman "
                                "spokeswoman"))
# words that describe a speaker without telling which one it is ("japan's digital minister": Japan's is who)
_DESCRIBING = CHAT_PERSON_TERMS | frozenset(terms(
    "ppl official officials ceo cco cto cfo president minister ministry government govt spokesperson spokesman "
    "spokeswoman founder cofounder lawyer lawyers admin administration source sources team head chief boss "
    "secretary director side camp company companies firm firms lab labs analyst analysts expert experts "
    "researcher researchers critic critics leader leaders member members staff employee employees executive "
    "executives representative representatives rep senator senators lawmaker lawmakers regulator regulators agency "
    "department office own actual actually really even just first later then publicly officially host hosts "
    "anchor anchors panel panelists guest guests writer writers author authors columnist columnists reporter "
    "reporters journalist journalists editor editors commentator commentators"))
# a document or a page speaks through its text, which any of its sentences gives ("what did the letter ask")
_DOCUMENT = frozenset(terms(
    "letter order essay doc docs document piece article post blog report section paper filing complaint agreement "
    "deal op-ed oped analysis ep episode podcast show memo statement rule rules name thing bill law study card "
    "interview newsletter thread video guide explainer writeup summary faq page site tracker substack"))
_PRONOUNS = frozenset({"he", "she", "they", "it", "that", "this", "them", "i", "we", "you", "u", "those", "these"})
NEXT_CHARS = 120  # how far after a quotation its speaker may be named


def asked_party(question: str, asked: re.Pattern[str] = SAID_ASKED) -> str:
    """The party whose words a question asks for (as ``asked`` reads it), as the question writes it ("" when it
    asks for no one's)."""
    match = asked.search(question)
    party = next((g for g in match.groups() if g), "").strip() if match else ""
    # "how did their stock react", "how did the markets respond": a movement asked, not anyone's words
    return "" if party and party.split()[-1].lower() in _NOT_SPEAKERS else party


_NOT_SPEAKERS = frozenset("stock stocks shares share price prices market markets valuation usage traffic downloads "
                          "signups ratings odds".split())


def speaker_asked(question: str, texts: Iterable[str] = ()) -> frozenset[str]:
    """The terms of the party whose words a question asks for ("what did amazon say…" → amazon), or none; a
    first name typed alone with the surname these ``texts`` write after it ("dario" → "Dario Amodei": "Amodei
    wrote"; "kate koren" gives her surname, and "Kate Moussouris" is someone else)."""
    words = [w for w in re.findall(r"[\w'’-]+", asked_party(question)) if not set(terms(w)) & CHAT_PERSON_TERMS]
    party = {t for w in words for t in terms(w)}
    named = [w for w in words if terms(w)]  # (not "on": "people on social media" is not "on Anthropic")
    for word in named if len(named) == 1 else ():
        full = re.compile(rf"\b{re.escape(word)}\s+([A-Z][a-z][\w'’-]+)", re.IGNORECASE)
        party.update(t for text in texts for m in full.finditer(text) if m.group(1)[0].isupper()
                     for t in terms(m.group(1)))
    return frozenset(party)


def said_by(text: str, party: frozenset[str], verbs: frozenset[str] = SPEECH_VERBS) -> bool:
    """Whether a sentence gives the party's own words: its name a few words before a verb of saying ("Amazon
    said", "An Amazon spokesperson told"), or after "according to"; one of a full name's words going on into
    another name is someone else's."""
    written = re.findall(r"[\w'’]+", _PHONE_CALL.sub("phoned", text))
    words = [w.lower() for w in written]
    for i, word in enumerate(words):
        if not party.intersection(terms(word)):
            continue
        if len(party) > 1 and i + 1 < len(words) and written[i + 1][0].isupper() and \
                not party.intersection(terms(words[i + 1])):
            continue  # asked for Kate Koren's words, "Kate Moussouris said" is someone else's
        if any(v in verbs for v in words[i + 1 : i + 1 + SPEAKER_WINDOW]):
            return True
        if "according" in words[max(0, i - 3) : i] and (
                len(party) == 1 or party <= frozenset(terms(" ".join(words[max(0, i - 3) : i + 3])))):
            return True  # (all of a party of several words: "according to multiple media reports" is no "social media")
    return False


def telling_terms(party: str, everyday: Callable[[str], bool] = lambda term: False) -> frozenset[str]:
    """The terms that tell who a party is, for looking for its statements; none when the question names it only by
    a pronoun, a document (whose text any of its sentences gives) or a description any speaker fits ("the
    experts"), or by the story's everyday names."""
    words = party.lower().split()
    if not words or words[0].strip("'’") in _PRONOUNS or re.search(r"\w\.[a-z]", party):
        return frozenset()  # a pronoun, or a site named by its domain ("the gate.com explainer")
    told = frozenset(t for t in terms(party) if not everyday(t))
    if told & _DOCUMENT:
        return frozenset()
    if not told - _DESCRIBING and (own := frozenset(terms(party))) & _OFFICE_TERMS:
        # "the chinese foreign ministry spokesperson": a government's voice, named by its people's word however often
        # the story names the country (its access, its labs); its words are looked for by that word
        return frozenset(place_of_people(t) for t in own & place_terms())
    return told - _DESCRIBING


def quotes_speaker(candidate: Candidate, speaker: frozenset[str]) -> bool:
    """Whether a sentence gives the words of the speaker these terms tell: it reports speech and names the speaker
    itself, or, when it names no other speaker, in its context or just after it (a quotation's speaker is often
    named after it: "— Nathaniel Whittemore, The AI Daily Brief"); or any sentence of an article the speaker's
    outlet published."""
    outlet = re.sub(r"[^a-z0-9]", "", (candidate.passage.article.outlet or "").lower())
    if outlet and all(t in outlet for t in speaker) and not speaker <= place_terms():
        return True  # "what did lawfare say": lawfaremedia.org's own words (an outlet named for a country is not
        # its government: indiatoday.in's sentences are no word from India)
    who = attribution(candidate.text)
    speech = who is not None or _gives_words(candidate.text)
    named = frozenset(terms(who)) - _DESCRIBING - _PRONOUNS if who is not None else frozenset()
    if named and not _names(speaker, named | _before(candidate.text, who or "") | _apposed(candidate.text, who or ""),
                            every=False):
        return False  # another party's words ("An Anthropic spokesperson said … India …", asked what India said;
        # "Chinese foreign ministry spokesperson Mao Ning" speaks for China)
    if speech and _names(speaker, candidate.terms) and (
            who is not None or _speaks(speaker, _SUED.sub(" ", candidate.text))):
        return True
    # named around it only when the sentence names no other speaker ("he said", a bare quotation): "Zephyr said
    # it would comply" after a sentence naming Norway is Zephyr's word, not Norway's
    unnamed = who is None or who.lower() in _PRONOUNS or not frozenset(terms(who)) - _DESCRIBING  # "the ministry"
    # ("According to the report, the administration feared Chinese access…" after a title naming China gives the
    # report's words, not China's)
    return speech and unnamed and not _A_REPORT_SAYS.search(candidate.text) and \
        _names(speaker, candidate.context | frozenset(terms(_next_words(candidate))))


# words a sentence gives as a report's or a document's, whoever its context names
_A_REPORT_SAYS = re.compile(r"\baccording to (?:the|a|an|this|that|multiple|several|media|news|press)?\s*"
                            r"(?:reports?|reporting|sources?|documents?|filing|complaint|letter|memo|article|story)\b",
                            re.IGNORECASE)


# whom a suit or a complaint is against ("The suit, filed against … Undersecretary Jeffrey Kessler, argues…"): the
# party named there is sued, not speaking (up to the verb of the suit's own words)
_SUED = re.compile(r"\b(?:against|sued|suing|sues)\b[^.;:!?]*?(?=\b(?:argues?|argued|says?|said|claims?|claimed|"
                   r"contends?|contended|alleges?|alleged|asserts?|asserted)\b|$)", re.IGNORECASE)


def unquoted_speaker(question: str, candidates: Sequence[Candidate],
                     everyday: Callable[[str], bool] = lambda term: False) -> str | None:
    """What a question asks someone's words for ("a statement from singapores government"), when none of the
    ``candidates`` (the best few sentences) gives that speaker's words, else None. Asked for the words said at an
    occasion (:func:`occasion_asked`: "what did jassy tell the senate hearing", "what did trump post on truth
    social"), a sentence giving the speaker's words elsewhere is no answer: one must name the occasion too."""
    party = asked_party(question, _WORDS_ASKED)
    occasion, terms_of = occasion_asked(question, everyday)
    # "did trump post anything on truth social?": whether words were said there, which a sentence giving them
    # elsewhere does not tell (without an occasion, that none is reported is an answer)
    whether = bool(terms_of) and not telling_terms(party, everyday)
    if whether:  # (the story's own names speak at occasions too: "did trump post…")
        party = asked_party(question, _SAID_ANYTHING)
    speaker = telling_terms(party, (lambda term: False) if whether else everyday)
    if not speaker:
        return None
    quoting = [c for c in candidates if quotes_speaker(c, speaker)]
    if not quoting and not whether:
        return f"a statement from {party}"
    if terms_of and not any(terms_of <= c.terms | c.context for c in quoting):
        return f"a statement from {party} {occasion}"
    return None


# where or to whom words were said, after the verb of saying: "post on truth social", "tell the senate hearing",
# "say at the g7 summit", "say when he testified to congress" (a hearing, a channel, an event, an audience)
_OCCASION = re.compile(
    rf"\b({_SAYING}|testify|testified)\s+(?:(?:anything|something)\s+(?:about\s+(?:[\w'’.-]+\s+){{1,3}}?)?)?"
    r"(?:(on|at|in|during|before|to)\s+|(?<=tell\s)|(?<=told\s))"
    r"((?:(?:the|a|an|his|her|their|its)\s+)?(?:[\w'’.-]+\s+){0,2}?(?:[\w'’.-]+))"
    r"(?=\s+(?:about|on|over|when|after|before|that|re|regarding|during)\b|\s*[?,.!]|\s*$)|"
    r"\bwhen (?:he|she|they|it)\s+(testified\s+(?:to|before|in)\s+(?:the\s+)?[\w'’.-]+)",
    re.IGNORECASE)
_AUDIENCE_VERBS = frozenset({"tell", "told"})  # whose object is whom the words were said to ("tell the hearing")
_TO_AUDIENCE_VERBS = frozenset({"say", "said", "testify", "testified"})  # "said to the committee" (not "react to")
# words that name no occasion: what was said or of whom ("tell the press", "say anything", "post about it")
_NO_OCCASION = frozenset(terms("anything something it that this them him her everyone people reporters press "
                               "media public publicly staff employees investors users customers whole thing stuff"))


def occasion_asked(question: str, everyday: Callable[[str], bool] = lambda term: False) -> tuple[str, frozenset[str]]:
    """The occasion a question asks someone's words at, as written and as the terms a sentence must hold ("on truth
    social": {"truth", "social"}); none when it names none or only the story's everyday words."""
    match = next((m for m in _OCCASION.finditer(question) if m.group(4) or _names_occasion(m)), None)
    if match is None:
        return "", frozenset()
    written = (match.group(4) or match.group(3)).strip()
    found = frozenset(t for t in terms(written) if not everyday(t)) - _NO_OCCASION
    if not found or found != frozenset(terms(written)) - _NO_OCCASION or found & _DOCUMENT:
        # an everyday word among them ("tell the government"), or the speaker's own writing ("in his essay": the
        # sentences quoting it need not name it)
        return "", frozenset()
    if match.group(4):  # "when he testified to congress"
        return match.group(0).strip(), found
    return f"{(match.group(2) or 'to').lower()} {written}", found


def _names_occasion(match: re.Match[str]) -> bool:
    """Whether the words after a verb of saying tell where or to whom they were said, not what about."""
    verb, preposition = match.group(1).lower(), (match.group(2) or "").lower()
    if not preposition:
        return verb in _AUDIENCE_VERBS
    return preposition != "to" or verb in _TO_AUDIENCE_VERBS


def _gives_words(text: str) -> bool:
    return bool(_GIVES_WORDS.search(text)) or any(
        w.lower() in SPEECH_VERBS for w in re.findall(r"[\w'’]+", _PHONE_CALL.sub("phoned", text)))


def _names(speaker: frozenset[str], found: frozenset[str], every: bool = True) -> bool:
    """Whether terms name every term of the speaker (with ``every`` false, one of them), a country also by its
    people ("Austrian MEP …" names Austria) or its capital ("Brussels said …" names the EU)."""
    found = found | governments_named(found)
    named = (t in found or not peoples_forms(t).isdisjoint(found) for t in speaker)
    return all(named) if every else any(named)


def _speaks(speaker: frozenset[str], text: str) -> bool:
    """Whether a sentence that names no speaker gives the words of this one: named just before a verb of saying,
    by name, people or capital ("China's foreign ministry said", "Beijing responded"); not a sentence giving
    unnamed words about it ("critics argue that China…")."""
    forms = frozenset(speaker | {f for t in speaker for f in peoples_forms(t)})
    return said_by(text, forms | capitals_of(speaker), _SOURCE_VERBS)


def _before(text: str, who: str) -> frozenset[str]:
    """The terms of the few words before a speaker's name, which say whose it is ("Chinese foreign ministry
    spokesperson Mao Ning": the attribution is "spokesperson Mao Ning")."""
    at = text.find(who)
    return frozenset(terms(" ".join(text[:at].split()[-SPEAKER_WINDOW:]))) if at > 0 else frozenset()


# ", CEO of Cohere," right after a speaker's name: who the speaker is
_APPOSITION = re.compile(r"\A,\s+([^,;:()“”\"]{2,60}?),")


def _apposed(text: str, who: str) -> frozenset[str]:
    """The terms of an apposition right after a speaker's name, which say whose words they are ("Aidan Gomez, CEO
    of Cohere, called…": Cohere's CEO speaks)."""
    at = text.find(who)
    found = _APPOSITION.match(text[at + len(who):]) if at >= 0 and who else None
    return frozenset(terms(found.group(1))) if found else frozenset()


def _next_words(candidate: Candidate) -> str:
    """The words right after a sentence in its passage (about a sentence's worth)."""
    text = candidate.passage.text
    at = text.find(candidate.text)
    return text[at + len(candidate.text) : at + len(candidate.text) + NEXT_CHARS] if at >= 0 else ""
