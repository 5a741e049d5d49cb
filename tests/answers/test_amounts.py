"""An amount asked in a currency, or of a payment or a change, that the best sentences never state is declined,
saying what was looked for."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answers.amounts import act_words, unmeasured, unpriced, unpriced_model, unpriced_unit
from bot.nlp.terms import terms
from tests.written_story import answers_over, filler_notes

DOLLARS = ["Quill 3 costs $10 per million input tokens and $50 per million output tokens."]  # priced per token


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


@pytest.mark.parametrize(("question", "asked"), [
    ("how much did zephyr agree to pay the ministry as part of the deal", "an amount paid"),
    ("how much did zephyr stock drop when the story broke", "the size of the drop"),
    ("how much did app downloads spike after the ban made headlines", "the size of the rise"),
    ("by how much did zephyr raise quill's prices when it came back", "the size of the increase"),
    # asked as an amount without "how much"
    ("what did the bank pay to get into the program", "an amount paid"),
    ("whats quill labs' annual revenue", "an amount earned"),
    ("zephyr stock drop after the call, how bad was it", "the size of the drop"),
    ("how big was the jump in zephyr shares", "the size of the rise"),
    ("remind me how much zephyr has put into the lab", "an amount invested"),
])
def test_an_amount_of_a_payment_or_change_no_sentence_states_is_named(question: str, asked: str) -> None:
    said = ["Zephyr agreed to new safeguards as part of the deal.", "Zephyr's stock was in the news for a week.",
            "The deal put Quill 3 back online, valued by analysts at $2 billion."]  # a figure, but of no act asked
    assert unmeasured(question, said) == asked


def test_an_amount_stated_beside_the_act_answers_it() -> None:
    assert unmeasured("how much did zephyr stock drop", ["Zephyr shares fell 4% on Monday."]) is None
    assert unmeasured("how much did she pay to upgrade",
                      ["She upgraded to Max, about a hundred and eighty dollars, to keep using it."]) is None
    assert unmeasured("how much does quill cost", []) is None  # a price: not an act this reads
    assert unmeasured("how much has zephyr put into the lab",
                      ["Zephyr—which has committed $4 billion to the lab—stays its largest backer."]) is None
    assert unmeasured("how much did the telecom put into the lab",
                      ["The telecom, a $100 million investor in the lab, lost access."]) is None


@pytest.mark.parametrize("question", [
    "what did they spend it on",  # on what, not how much
    "what did the firm say the ban did to its business, like how bad did they put it",  # "put it": no investment
    "what did the ministry say about the pay of the engineers",
])
def test_an_act_named_without_asking_its_amount_declines_nothing(question: str) -> None:
    assert unmeasured(question, []) is None


@pytest.mark.parametrize(("question", "asked"), [
    ("how much does quill charge per image", "an amount per image"),
    ("whats the price per share in the tender offer", "an amount per share"),
    ("is there a fine per violation in the letter", "an amount per violation"),
    ("how many tokens per second does quill output", "an amount per second"),
    ("hows quill 3s output speed in tokens per second", "an amount per second"),
    ("whats the requests-per-minute rate limit on the api", "an amount per minute"),
])
def test_a_rate_asked_per_a_unit_no_sentence_prices_is_named(question: str, asked: str) -> None:
    assert unpriced_unit(question, DOLLARS) == asked


def test_a_rate_stated_per_that_unit_answers_it() -> None:
    assert unpriced_unit("how much is quill per million tokens", DOLLARS) is None
    assert unpriced_unit("what does it cost per token", DOLLARS) is None
    assert unpriced_unit("how much per image", ["Images cost $0.01 each image, the lab said."]) is None
    assert unpriced_unit("how much does it cost", DOLLARS) is None  # no unit asked


@pytest.mark.parametrize("question", [
    "how fast do exploits show up now vs in 2018, per that zephyr piece",
    "how many params per kunal ganglanis post",
    "how much did it cost per the reuters article",
])
def test_per_a_source_is_who_says_so_not_a_unit(question: str) -> None:
    assert unpriced_unit(question, DOLLARS) is None


def names_model(word: str) -> bool:
    """Stands for Vocabulary.names_model."""
    return word.lower() in {"quill", "kestrel", "opus", "gpt"}  # names the corpus writes before a version number


def name_form(word: str) -> str:
    """Stands for Vocabulary.name_form: how the corpus writes a name."""
    return "GPT" if word.lower() == "gpt" else word.capitalize()


def _said(*texts: str, context: str = "") -> list[tuple[str, frozenset[str]]]:
    return [(text, frozenset(terms(context))) for text in texts]


@pytest.mark.parametrize(("question", "named"), [
    ("how much does kestrel cost now", "Kestrel"),
    ("how much does Kestrel cost now", "Kestrel"),  # a thread's "and kestrel?" read as the question it follows
    ("whats kestrel 2 priced at per million tokens", "Kestrel 2"),
    ("how much does gpt-5.6 sol cost per million tokens", "GPT-5.6"),  # the name typed with a hyphen before its
    # version, a short name in capitals
])
def test_a_price_asked_of_a_model_the_priced_sentences_never_name_is_named(question: str, named: str) -> None:
    said = _said(*DOLLARS, "Kestrel 2 went to 40 defenders.")
    assert unpriced_model(question, said, names_model, name_form) == f"a price for {named}"


def test_a_sentence_naming_another_model_prices_that_one_whatever_its_page_is_about() -> None:
    said = _said("After June 23, Quill 3 is billed at $10 per million input tokens.",
                 context="Quill 3 and Kestrel 2: what changed")
    assert unpriced_model("how much does kestrel 2 cost", said, names_model) == "a price for Kestrel 2"


def test_asked_to_compare_two_models_one_price_is_enough() -> None:
    said = _said("Quill 3 is billed at $10 per million input tokens.")
    assert unpriced_model("how does quill's price compare to gpt-5.6", said, names_model) is None
    assert unpriced_model("how does opus price compare to gpt-5.6", said, names_model) == "a price for Opus"


def test_a_price_stated_of_the_model_asked_answers_it() -> None:
    priced = _said("Kestrel 2 costs $30 per million tokens.")
    assert unpriced_model("how much does kestrel cost", priced, names_model) is None
    # a sentence after one naming both models ("Anthropic priced both models at $10 per million tokens")
    assert unpriced_model("is kestrel priced like quill?", _said("It priced both models at $10 per million tokens.",
                                                                   context="Quill 3 and Kestrel 2 launched"),
                          names_model) is None
    assert unpriced_model("quill vs opus price per token?", _said(*DOLLARS, "Opus 4 costs $15 per million tokens."),
                          names_model) is None


@pytest.mark.parametrize("question", [
    "how much did amazon invest in quill's maker",  # no price of a model asked
    "what can kestrel do",  # no price asked
])
def test_no_price_of_an_unpriced_model_asked_declines_nothing(question: str) -> None:
    assert unpriced_model(question, _said(*DOLLARS), names_model) is None


def test_no_sentence_stating_a_price_leaves_the_decision_to_the_model() -> None:
    assert unpriced_model("how much does kestrel cost", _said("Kestrel 2 went to 40 defenders."), names_model) is None


def test_the_words_reporting_writes_an_act_with_are_looked_for_too() -> None:
    words = act_words("how much did zhipu stock jump after the ban")
    assert {"surged", "soared", "shares"} <= set(words)
    assert "shares" not in act_words("how much did the price jump")  # no stock: its shares are not asked
    assert act_words("when did the stock jump") == []  # no amount asked


def test_a_stock_jump_is_found_where_its_shares_surged(tmp_path: Path) -> None:
    """"how much did orbis stock jump": the page says its shares surged, sharing only the name with the question."""
    articles = {"markets.md": ("marketdesk.example", "Asian markets after the order",
                               "Traders in Hong Kong were busy all week. Shares of Orbis surged 48% intraday on "
                               "expectations of new demand, and closed up 12% the next day."),
                **{f"desk{k}.md": (f"desk{k}.example", f"Orbis stock desk {k}",
                                   f"Orbis stock was the talk of desk {k} after the order, traders said.")
                   for k in range(4)},  # the question's own words, and no figure
                **filler_notes()}
    with answers_over(tmp_path, articles) as answers:
        passages = answers.retriever.retrieve(  # type: ignore[attr-defined]
            "how much did orbis stock jump after the order", k=2)
    assert any("48%" in p.text for p in passages)


def test_asked_how_much_a_stock_moved_the_figure_said_with_the_move_leads(tmp_path: Path) -> None:
    """A sentence naming the company beside another figure (its market value) does not open the answer to how much
    its stock jumped; the one giving the figure beside "surged" does, though it names the company otherwise."""
    articles = {"week.md": ("weekdesk.example", "Orbis after the order",
                            "Within a week Orbis had climbed to the top of the leaderboards, and Orbis's market "
                            "value had crossed $1 trillion."),
                "markets.md": ("marketdesk.example", "Asian markets after the order",
                               "Shares of OrbisAI surged 48% intraday on expectations of new demand."),
                **{f"desk{k}.md": (f"desk{k}.example", f"Orbis stock desk {k}",
                                   f"Orbis stock was the talk of desk {k} after the order, traders said.")
                   for k in range(3)},
                **filler_notes()}
    with answers_over(tmp_path, articles) as answers:
        answer = answers.ask("how much did orbis stock jump")
    assert answer.lead is not None and "48%" in answer.lead, answer.lead


def test_an_amount_stated_of_another_party_does_not_answer_the_one_asked(tmp_path: Path) -> None:
    """Asked a startup's annual revenue, the industry's "revenue at risk" figure is no answer: the refusal says an
    amount earned was looked for. Asked the industry's, the same sentence answers."""
    articles = {"risk.md": ("riskdesk.example", "Revenue at risk after the order",
                            "Revenue at risk: analysts estimate 25% of API revenue comes from users abroad."),
                "suit.md": ("suitdesk.example", "Vireo Legal sues over the order",
                            "Vireo Legal, a small legal software startup, sued the ministry over the order last week."),
                **filler_notes()}
    with answers_over(tmp_path, articles) as answers:
        asked = answers.ask("whats Vireo Legal's annual revenue")
        industry = answers.ask("how much api revenue is at risk from users abroad")
    assert asked.abstained and "an amount earned" in (asked.abstain_reason or ""), asked.lead
    assert not industry.abstained and industry.lead is not None and "25%" in industry.lead, industry.abstain_reason
