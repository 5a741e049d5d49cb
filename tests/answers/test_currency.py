"""An amount asked in a currency the best sentences never state is declined, saying what was looked for."""

from __future__ import annotations

import pytest

from bot.answers.currency import unpriced

DOLLARS = ["Quill 3 costs $10 per million input tokens and $50 per million output tokens."]


@pytest.mark.parametrize(("question", "asked"), [
    ("how much is quill per million tokens in rupees", "an amount in rupees"),
    ("whats quill 3 cost in euros on the eu api", "an amount in euros"),
    ("What is the price of one call in Japan, in yen?", "an amount in yen"),
    ("how many pounds is the uk putting into it", "an amount in pounds"),
])
def test_an_amount_asked_in_a_currency_no_sentence_gives_is_named(question: str, asked: str) -> None:
    assert unpriced(question, DOLLARS) == asked


def test_a_sentence_giving_an_amount_in_that_currency_answers_it() -> None:
    assert unpriced("how much is quill in euros", ["In Europe it costs €9 per million tokens."]) is None
    assert unpriced("how much did india put in, in rupees?", ["The fund holds ₹50,000 crore."]) is None
    assert unpriced("what does it cost in pounds", ["It costs 8 pounds a month in Britain."]) is None


@pytest.mark.parametrize("question", [
    "how much does quill cost?",  # no currency asked: dollars answer it
    "who won the match in euros 2024",  # no amount asked
    "which euro companies signed with the cloud hosts",  # a region's word, not a currency asked
])
def test_no_currency_asked_declines_nothing(question: str) -> None:
    assert unpriced(question, DOLLARS) is None
