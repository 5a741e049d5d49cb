"""What a word is, for retrieval and scoring alike (``bot.nlp.terms``)."""

from __future__ import annotations

from bot.nlp.terms import terms


def test_a_web_address_is_also_the_site_name_people_type() -> None:
    assert terms("the letter was published at freefable.org") == ["letter", "publish", "freefable.org", "freefabl"]
    assert "anthrop" in terms("see www.anthropic.com for details")
    assert terms("the U.S. ruling on gpt-5.6") == ["u.", "rule", "gpt", "5.6"]  # abbreviations and versions stay
