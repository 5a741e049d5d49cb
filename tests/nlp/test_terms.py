"""What a word is, for retrieval and scoring alike (``bot.nlp.terms``)."""

from __future__ import annotations

from bot.nlp.terms import name_terms, terms


def test_a_web_address_is_also_the_site_name_people_type() -> None:
    assert terms("the letter was published at freefable.org") == ["letter", "publish", "freefable.org", "freefabl"]
    assert "anthrop" in terms("see www.anthropic.com for details")
    assert terms("the U.S. ruling on gpt-5.6") == ["u.", "rule", "gpt", "5.6"]  # abbreviations and versions stay


def test_a_name_written_as_one_word_is_also_its_words() -> None:
    """People type "zhipu" for ZhipuAI and "circuit" for TheCircuit; the glued name stays a term of its own."""
    assert {"zhipuai", "zhipu"} <= set(terms("shares of ZhipuAI surged"))
    assert {"thecircuit", "circuit"} <= set(terms("the author of TheCircuit"))
    assert {"legaltech", "legal", "tech"} <= set(terms("Legion LegalTech sued"))
    # a lowercase word, a capitalised one or an acronym is one term only
    assert terms("the circuit court") == ["circuit", "court"]
    assert terms("Anthropic and BIS") == ["anthrop", "bis"]
    assert terms("the iPhone app") == ["iphon", "app"]


def test_a_names_terms_keep_a_glued_name_whole() -> None:
    """Whether a name is the story's own is asked of it as written: "OpenAI" is no "open"."""
    assert name_terms("OpenAI and ZhipuAI") == ["openai", "zhipuai"]
    assert "open" in terms("OpenAI and ZhipuAI")
