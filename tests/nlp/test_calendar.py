"""The month "May" against the verb "may": a question about May is answered by a page about May, not by every
sentence that says something may happen."""

from __future__ import annotations

from bot.answers.compose import _plain, _states, specifics
from bot.nlp.calendar import is_month_may, without_verb_may
from bot.nlp.terms import terms


def test_may_is_the_month_when_placed_in_time_or_written_inside_a_sentence() -> None:
    for text in ("was it in may?", "early may", "on may 7", "7 may 2026", "by May, 2026", "It came on 3rd May."):
        assert is_month_may(text, text.lower().index("may")), text
    for text in ("may i ask when it came back", "it may come back", "May the lab appeal?", "Officials said. May"):
        assert not is_month_may(text, text.lower().rindex("may")), text
    named = "The letter Theresa May signed"
    assert is_month_may(named, named.index("May"))  # a capital inside a sentence: a month or a name


def test_the_verb_may_is_no_term_and_no_month_a_question_gives() -> None:
    assert terms("it may come back in May") == ["back", "may"]
    assert "may" not in terms("The model you picked may not be the one that answered.")
    assert without_verb_may("no month here") == "no month here"
    assert specifics("may i ask when fable came back") == []
    assert specifics("wait one site says it was in may??") == ["may"]
    assert specifics("did it happen on may 7") == ["may 7"]


def test_a_page_states_may_only_as_the_month() -> None:
    def states(text: str) -> bool:
        return _states(f" {_plain(text)} ", "may")

    assert states("On 7 May 2026 the order was issued.") and states("In May the firm said so.")
    assert not states("The model you picked may not be the one that answered you.")
