from __future__ import annotations

import pytest

from bot.nlp.places import governments_named, peoples_forms, place_of_people, place_terms
from bot.nlp.terms import terms


@pytest.mark.parametrize("word", ["Canada", "Canadians", "Europe", "European", "EU", "UK", "Japan", "Korea", "Brazil"])
def test_countries_regions_and_their_peoples_are_places(word: str) -> None:
    assert all(t in place_terms() for t in terms(word))


@pytest.mark.parametrize("word", ["Pro", "plan", "users", "United", "States", "Kingdom", "South", "team"])
def test_plans_people_and_the_words_of_long_names_are_not(word: str) -> None:
    assert not any(t in place_terms() for t in terms(word))


def test_a_peoples_form_is_its_places_name_extended() -> None:
    assert "korean" in peoples_forms("korea") and "canadian" in peoples_forms("canada")
    assert peoples_forms("uk") == {"british"}  # too short to extend safely; its people's word is listed
    # a people's word no ending makes: "French" for France, "Dutch" for the Netherlands
    assert "french" in peoples_forms(terms("France")[0]) and "dutch" in peoples_forms(terms("Netherlands")[0])
    assert "french" in place_terms()
    # and back: the place a people's word names
    assert place_of_people(terms("Chinese")[0]) == terms("China")[0]
    assert place_of_people("french") == terms("France")[0]
    assert place_of_people("quill") == "quill"  # names no place


def test_a_capital_stands_for_its_government() -> None:
    said = frozenset(terms("Beijing blacklisted 56 American firms; Brussels and Ottawa objected."))
    assert governments_named(said) == frozenset(terms("China EU Canada"))
    assert not governments_named(frozenset(terms("Washington pulled the models from foreign hands.")))
