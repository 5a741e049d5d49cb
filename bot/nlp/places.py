"""The world's countries and regions as terms: "can people in canada use it again?" names a place, and a model
back "globally" is back there too.

The names are CLDR's English territory names, shipped with Babel (a dependency of the page extractor), read
once when first needed; nothing is downloaded.
"""

from __future__ import annotations

import re
from functools import cache

from bot.nlp.terms import terms

# words of many-word names that name no place by themselves ("United States", "South Korea"; "United Nations",
# "Heard & McDonald Islands", "Vatican City": "a foreign national ban" is no nation's ban, "Tim Cook" no island);
# CLDR's pseudo-locale names ("Pseudo-Accents") are no places at all
_NAME_WORDS = frozenset("united states kingdom republic islands island south north east west new saint central "
                        "western eastern northern southern middle outlying minor and the of nations union city "
                        "region territory territories land lands ocean heard cook martin christmas cape virgin "
                        "sandwich diego garcia helena lucia vincent pierre unknown pseudo accents bidi".split())
# places the reporting and chat name by abbreviation or in a short form CLDR does not list
_SHORT_FORMS = ("eu", "uk", "us", "usa", "america", "korea", "britain", "abroad", "overseas")
# words that say where without naming a place ("people outside the US", "back worldwide"): not places a follow-up
# could swap for another, but, like a place's name, no other subject than the models' return when asked whether
# they can be used there now ("abroad" and "overseas" are short forms above)
WHERE_TERMS = frozenset(terms("outside inside foreign foreigners international internationally worldwide global "
                              "globally elsewhere"))


@cache
def place_terms() -> frozenset[str]:
    """Stemmed terms naming a country or region, and their peoples' forms ("canada", "canadian")."""
    from babel import Locale

    words: set[str] = set(_SHORT_FORMS)
    for name in Locale("en").territories.values():
        found = re.findall(r"[A-Za-z]+", name)
        words.update(w.lower() for w in found if len(found) == 1 or (len(w) >= 4 and w.lower() not in _NAME_WORDS))
    stems = {t for w in words for t in terms(w)}
    return frozenset(stems | {form for t in stems for form in peoples_forms(t)})


# peoples' words no ending makes of their place's name ("France": "French"; "Korea": "Korean" is made)
_IRREGULAR_PEOPLES = {
    "France": "French", "Germany": "German", "Netherlands": "Dutch", "Holland": "Dutch", "Britain": "British",
    "UK": "British", "England": "English", "Poland": "Polish", "Israel": "Israeli", "Spain": "Spanish",
    "Switzerland": "Swiss", "Sweden": "Swedish", "Denmark": "Danish", "Ireland": "Irish", "Finland": "Finnish",
    "Turkey": "Turkish", "Pakistan": "Pakistani", "EU": "European", "Norway": "Norwegian", "Greece": "Greek",
    "Portugal": "Portuguese", "Thailand": "Thai", "Philippines": "Filipino", "Singapore": "Singaporean",
}


@cache
def _irregular_peoples() -> dict[str, str]:
    """:data:`_IRREGULAR_PEOPLES` as terms, the place's to its people's."""
    return {terms(place)[0]: terms(people)[0] for place, people in _IRREGULAR_PEOPLES.items()}


@cache
def peoples_forms(term: str) -> frozenset[str]:
    """A place's name as its people's ("korea" → "korean", "japan" → "japanes", "china" → "chines", "canada" →
    "canadian", "franc" → "french"), as terms: asked about "the korean telecom", a sentence about "South Korea's
    largest carrier" speaks of it. Cached: the lead's choice asks it of every word of every statement it weighs."""
    forms = {term + "n", term + "an", term + "ian", term + "es", term[:-1] + "ian", term + "ean",
             term[:-1] + "es"}
    irregular = _irregular_peoples().get(term)
    return frozenset({f for f in forms if len(term) >= 4} | ({irregular} if irregular else set()))


# A capital standing for its government, as news writes it ("Beijing blacklisted 56 American firms", "Brussels
# said…"): asked what China did, a sentence about Beijing's answer speaks of China. (Washington is left out: the
# state, the city and "US" read as a word all get in the way.)
_CAPITALS = {"Beijing": "China", "Moscow": "Russia", "Ottawa": "Canada", "Brussels": "EU", "Tokyo": "Japan",
             "Seoul": "Korea", "Taipei": "Taiwan", "Delhi": "India", "Paris": "France", "Berlin": "Germany",
             "London": "UK"}


@cache
def place_of_people(term: str) -> str:
    """The place a people's word names ("chines" → "china"; the term itself when it names none), so a sentence
    naming either speaks of it."""
    return next((p for p in sorted(place_terms()) if term in peoples_forms(p)), term)


@cache
def _capital_terms() -> dict[str, str]:
    return {terms(capital)[0]: terms(country)[0] for capital, country in _CAPITALS.items()}


def capitals_of(countries: frozenset[str]) -> frozenset[str]:
    """The capitals of these countries, as terms ("china" → "beijing"): a sentence naming one speaks of its
    government."""
    return frozenset(capital for capital, country in _capital_terms().items() if country in countries)


def governments_named(sentence_terms: frozenset[str]) -> frozenset[str]:
    """The countries whose capitals a sentence's terms name (as terms): what it says of them, it says of the
    government seated there."""
    capitals = _capital_terms()
    return frozenset(capitals[t] for t in sentence_terms if t in capitals)
