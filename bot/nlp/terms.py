"""Content terms of a text: lowercased tokens, stopwords and chat filler removed, Snowball-stemmed after
mapping British spellings to American and irregular verb forms to their base. Shared by retrieval (BM25),
answer scoring, value reading and facts, so every step agrees on what a word is."""

from __future__ import annotations

import re
import threading
from functools import cache, lru_cache

import Stemmer

from bot.nlp.calendar import without_verb_may
from bot.nlp.outlets import site_label

_TOKEN = re.compile(r"[a-z0-9]+(?:[.'][a-z0-9]+)*")
# a web address as one token ("freefable.org", "labs.cloudsecurityalliance.org"): its site's name is a term too
_WEB_ADDRESS = re.compile(r"[a-z][a-z0-9]*(?:\.[a-z0-9]+)*\.(?:com|org|net|io|ai|gov|edu|co|uk|news|dev|app|info|tech|"
                          r"eu|de|fr|in|au|ca)")
STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being below
    between both but by can did do does doing down during each few for from further had has have having he
    her here hers herself him himself his how i if in into is it its itself just me more most my myself no
    nor not of off on once only or other our ours ourselves out over own same she should so some such than
    that the their theirs them themselves then there these they this those through to too under until up
    very was we were what when where which while who whom why will with would you your yours yourself
    yourselves s t don now also did does what's who's tell say said says please know many much
    happened happen happens whose which kind
    actual actually really exactly basically supposedly apparently anyone anybody anything something someone else
    ever just like guys hey hi hello thanks thank pls plz ok okay lol stuff thing things idea heard hear
    saying keep keeps kept put puts get gets got getting go goes going went gone come comes came
    yet anyway anymore tho though since even""".split()
)  # the last four lines: chat filler and light verbs ("people keep saying it got worse", "is it back yet")


_STEMMER_LOCK = threading.Lock()


@cache
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("english")


# British spellings mapped to American before stemming: the corpus (and the people asking) use both.
_BRITISH_OUR = re.compile(r"^(favo|behavio|colo|hono|labo|neighbo|rumo|humo|endeavo|vigo|harbo|flavo|armo|savo)ur")
_BRITISH_ISE = re.compile(r"(?<=[a-z]{3})is(e|es|ed|ing|ation|ations)$")
_BRITISH_WORDS = {
    "defence": "defense", "offence": "offense", "licence": "license", "licences": "licenses",
    "centre": "center", "centres": "centers", "programme": "program", "programmes": "programs",
    "analyse": "analyze", "analysed": "analyzed", "analyses": "analyzes", "analysing": "analyzing",
    "catalogue": "catalog", "cheque": "check", "judgement": "judgment",
}


# Irregular verb forms a suffix stemmer cannot reach ("taken offline" vs "took it offline"; Snowball
# also cuts "sued" to "su" while keeping "sue"), and the
# closed compounds news writes for a phrasal verb ("the shutdown" vs "shut down").
_IRREGULAR = {
    form: base
    for base, forms in {
        "arise": "arose arisen", "begin": "began begun", "break": "broke broken", "bring": "brought",
        "buy": "bought", "catch": "caught", "choose": "chose chosen", "draw": "drew drawn",
        "drive": "drove driven", "fall": "fell fallen", "feel": "felt", "find": "found", "fly": "flew flown",
        "forbid": "forbade forbidden", "freeze": "froze frozen", "give": "gave given", "grow": "grew grown",
        "hide": "hid hidden", "hold": "held", "know": "knew known", "lead": "led", "leave": "left",
        "lose": "lost", "make": "made", "mean": "meant", "meet": "met", "pay": "paid", "rise": "rose risen",
        "run": "ran", "see": "saw seen", "seek": "sought", "sell": "sold", "send": "sent", "shake": "shook shaken",
        "shoot": "shot", "shut": "shutdown shutdowns", "speak": "spoke spoken", "spend": "spent", "stand": "stood",
        "steal": "stole stolen", "strike": "struck stricken", "sue": "sued suing", "free": "freed",
        "swear": "swore sworn", "take": "took taken "
        "takedown takedowns", "teach": "taught", "tell": "told", "think": "thought", "throw": "threw thrown",
        "understand": "understood", "wake": "woke woken", "wear": "wore worn", "win": "won",
        "withdraw": "withdrew withdrawn", "write": "wrote written",
    }.items()
    for form in forms.split()
}


@lru_cache(maxsize=1 << 16)
def stem(token: str) -> str:
    """Snowball (Porter 2) English stem of the American spelling, so "foreigners"/"foreign",
    "nationals"/"nationality" and "favour"/"favors" meet."""
    if token.endswith(("'s", "’s")):
        token = token[:-2]
    token = _IRREGULAR.get(token) or _BRITISH_WORDS.get(token) or _BRITISH_ISE.sub(
        r"iz\1", _BRITISH_OUR.sub(r"\1r", token)
    )
    if token.endswith("ship") and len(token) > 7 and token not in _SHIP_WORDS:
        token = token[:-4]  # "partnership" is about partners, as "partnering" is; "leadership", "ownership"
    with _STEMMER_LOCK:  # a Stemmer object is not thread-safe
        return str(_stemmer().stemWord(token))


# words ending in "ship" that are no state of being what comes before it ("flagship" is no flag)
_SHIP_WORDS = frozenset("flagship hardship worship airship spaceship warship battleship township courtship "
                        "steamship starship mothership".split())


def terms(text: str, glued_parts: bool = True) -> list[str]:
    """Content terms of a text, stemmed, stopwords removed: shared by BM25, scoring and abstention. The verb
    "may" is no term; the month is (see :func:`bot.nlp.calendar.without_verb_may`). A name written as one word
    is also its words unless ``glued_parts`` is off (see :func:`name_terms`)."""
    lowered = text.lower()
    if "may" in lowered:
        lowered = without_verb_may(text).lower()
    found = _TOKEN.findall(lowered)
    if "." in lowered:  # "freefable.org" is also "freefable": people name a site by its name
        found = [part for t in found for part in _with_site_name(t)]
    if glued_parts and _INNER_CAPITAL.search(text) and (glued := {m.group().lower(): _GLUED_PART.findall(m.group())
                                                  for m in _GLUED.finditer(text)}):
        # "ZhipuAI" is also "zhipu", "TheCircuit" also "circuit": people type a name's words apart
        found = [part for t in found for part in (t, *(p.lower() for p in glued.get(t, ())))]
    return [stem(t) for t in found if t not in STOPWORDS and len(t) > 1]


def name_terms(text: str) -> list[str]:
    """The terms of a name as written, a glued name one term ("OpenAI" is "openai", not also "open"): for telling
    whether a name is the story's own or one the question gives, where its parts would be words of neither."""
    return terms(text, glued_parts=False)


# a name of words written together, each capitalised ("TheCircuit", "LegalTech") or ending in capitals ("ZhipuAI")
_GLUED = re.compile(r"\b[A-Z]?[a-z]{2,}(?:[A-Z][a-z]+)*(?:[A-Z][a-z]+|[A-Z]{2,})\b")
_GLUED_PART = re.compile(r"[A-Z]?[a-z]+|[A-Z]{2,}")
_INNER_CAPITAL = re.compile(r"[a-z][A-Z]")  # found in few texts: the cheap test before looking for glued names


def _with_site_name(token: str) -> tuple[str, ...]:
    return (token, site_label(token)) if _WEB_ADDRESS.fullmatch(token) else (token,)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """Share of two sets of terms they have in common (0 when either is empty): how much two sentences overlap."""
    return len(a & b) / len(a | b) if a and b else 0.0


def edit_distance(a: str, b: str) -> int:
    """Letters added, dropped or changed to turn one word into the other (Levenshtein): how far a spelling
    strays ("jassy" and "jassey" are 1 apart)."""
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]
