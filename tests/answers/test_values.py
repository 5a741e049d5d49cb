"""Values found in sentences: what the composer compares across articles to report disagreement."""

from __future__ import annotations

from bot.answers.retrieve import stem
from bot.nlp.values import extract_values, spelled_number


def test_values_carry_the_noun_a_date_qualifies() -> None:
    values = {v.written: v for v in extract_values("Legion sued on June 23 over a June 12 directive.")}
    assert values["June 12"].topic == stem("directive")
    assert values["June 23"].topic is None


def test_amounts_and_token_counts_are_values_too() -> None:
    got = {(v.kind, v.value) for v in extract_values("Amazon has put $8B into it; others say US$4 billion.")}
    assert got == {("money", 8e9), ("money", 4e9)}
    sizes = extract_values("It reads a 1 million-token context window and writes 128,000 tokens of output.")
    assert [(v.value, v.topic) for v in sizes] == [(1e6, "context"), (128000.0, stem("output"))]


def test_deadlines_offsets_and_manners_are_not_values() -> None:
    text = "Access may return by July 1, two weeks later than hoped, one organization at a time."
    assert extract_values(text) == []


def test_spelled_numbers() -> None:
    assert spelled_number("seventy-six") == 76 and spelled_number("Ninety") == 90


def test_a_date_range_states_both_ends() -> None:
    values = extract_values("The June 15–17 summit in Evian ended with a lunch on AI.")
    assert [(v.value, v.topic) for v in values] == [(615, stem("summit")), (617, stem("summit"))]


def test_increments_are_not_totals_and_entities_are_organizations() -> None:
    values = extract_values("It first reached 50 organizations, later adding 150 additional organizations, "
                            "and now serves 200 entities.")
    assert [(v.kind, v.value) for v in values] == [("organizations", 50.0), ("organizations", 200.0)]


def test_a_versions_number_is_no_value_however_its_hyphen_is_typed() -> None:
    from bot.answers.answer_type import COUNT
    from bot.answers.value_text import without_versions

    for hyphen in ("-", "\u2010", "\u2011"):  # the keyboard's, and the Unicode and non-breaking ones pages use
        text = f"The CEO said Quill{hyphen}5.6 would debut in a preview."
        assert "5.6" not in without_versions(text)
        assert not COUNT.fits(text, "fact")  # it counts nothing
    assert COUNT.fits("About 20 approved organizations are in the first group.", "fact")
