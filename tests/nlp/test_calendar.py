"""The month "May" against the verb "may": a question about May is answered by a page about May, not by every
sentence that says something may happen (how answers read it: ``tests/answers/test_assemble.py``)."""

from __future__ import annotations

from bot.nlp.calendar import is_month_may, without_verb_may
from bot.nlp.terms import terms


def test_may_is_the_month_when_placed_in_time_or_written_inside_a_sentence() -> None:
    for text in ("was it in may?", "early may", "on may 7", "7 may 2026", "by May, 2026", "It came on 3rd May."):
        assert is_month_may(text, text.lower().index("may")), text
    for text in ("may i ask when it came back", "it may come back", "May the lab appeal?", "Officials said. May"):
        assert not is_month_may(text, text.lower().rindex("may")), text
    named = "The letter Theresa May signed"
    assert is_month_may(named, named.index("May"))  # a capital inside a sentence: a month or a name


def test_the_verb_may_is_no_term() -> None:
    assert terms("it may come back in May") == ["back", "may"]
    assert "may" not in terms("The model you picked may not be the one that answered.")
    assert without_verb_may("no month here") == "no month here"
