"""Scoring helpers of `briefbot eval` that decide whether a reported conflict shows the expected values."""

from __future__ import annotations

from bot.answers.evaluate import conflict_shows_values
from bot.answers.model import Answer, Conflict, Source


def _answer(summary: str, *quotes: str) -> Answer:
    sources = [Source(n=i + 1, article_id=i + 1, title="t", outlet="o", url=None, published=None, quote=q,
                      start=0, end=len(q)) for i, q in enumerate(quotes)]
    return Answer(question="q", abstained=False, sources=sources,
                  conflicts=[Conflict(summary=summary, citations=[s.n for s in sources])])


def test_values_count_without_their_hedges_and_spelled_out() -> None:
    answer = _answer("Sources disagree on the number of people (letter): 54-signature vs seventy-six experts.",
                     "A 54-signature letter went out.", "Seventy-six experts signed a letter.")
    assert conflict_shows_values(answer, ["54", "76", "more than 120"])
    assert conflict_shows_values(answer, ["about 54", "nearly 76"])


def test_values_must_be_in_the_conflict_itself() -> None:
    answer = _answer("Sources disagree on the date (launched): June 9 vs June 10.",
                     "It launched on June 9.", "It launched on June 10.")
    assert not conflict_shows_values(answer, ["June 23", "June 25"])
    assert not conflict_shows_values(answer, ["June 9", "June 1"])  # "June 1" is not "June 10"
    assert conflict_shows_values(answer, ["June 9", "around June 10"])


def test_abbreviated_scales_count_as_written_out() -> None:
    answer = _answer("Sources disagree on the size in tokens (context): 1M-token vs 500k-token.",
                     "It has a 1M-token window.", "It has a 500k-token window.")
    assert conflict_shows_values(answer, ["1 million tokens", "500k-token"])
    assert conflict_shows_values(answer, ["1m", "500 thousand"])
    assert not conflict_shows_values(answer, ["2 million tokens", "500k-token"])


def test_a_spelled_expected_value_counts_when_shown_spelled() -> None:
    # the shown text's "ten days" is read as "10 days"; the expected "ten days" must be read the same way
    answer = _answer("Sources disagree on the figure you ask about: ten days (2 outlets) vs eleven days (1 outlet).",
                     "Ten days after the order, it happened.", "Eleven days later, it happened.")
    assert conflict_shows_values(answer, ["ten days", "roughly 11 days"])
    assert not conflict_shows_values(answer, ["ten days", "twelve days"])


def test_a_statement_shown_without_the_pages_escapes_is_supported_by_its_quote() -> None:
    from bot.answers.evaluate import statement_supported

    quote = r'The spokesperson said the measures \"should not be discriminatory\" against partners.'
    assert statement_supported('The spokesperson said the measures "should not be discriminatory" against partners.',
                               [quote])
    assert not statement_supported("The ministry banned every model outright on the first day.", [quote])


def test_a_cited_sources_later_quotes_count_as_shown() -> None:
    """The side's sentence may be the second passage quoted from its article (the first states something else)."""
    answer = _answer("Sources disagree on how many were allowed back: about 100 vs 12.",
                     "Mythos 5 went to about 100 organizations.", "The model is back.")
    assert not conflict_shows_values(answer, ["about 100 organizations", "12 firms"])
    answer.sources[1].more_quotes.append("Only 12 firms got it back.")
    assert conflict_shows_values(answer, ["about 100 organizations", "12 firms"])
