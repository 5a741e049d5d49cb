"""Words a question quotes: found as written, and the passage or article holding them read first."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answers.compose import ExtractiveComposer
from bot.answers.quoted import holds_phrase, quoted_phrases, under_heading_holding
from tests.written_story import answers_over, filler_notes


@pytest.mark.parametrize(("question", "phrases"), [
    ("wait whats this 'defense in depth' setup", ["defense in depth"]),
    ("the “doomed to fail” article, what did it compare the controls to", ["doomed to fail"]),
    ("why r ppl calling it 'lobotomized'?", ["lobotomized"]),
    ("what is this ' route dont refuse ' thing", ["route dont refuse"]),  # as the question reader spaces it
    ("ppl's takes and it's fine, isn't it", []),  # apostrophes inside words quote nothing
    ("what's up with 'it'", []),  # too short to look for
])
def test_the_phrases_a_question_quotes(question: str, phrases: list[str]) -> None:
    assert quoted_phrases(question) == phrases


def test_a_blank_in_a_quoted_phrase_stands_for_a_few_words() -> None:
    text = "Zephyr called Quill 3 its most capable widely released model."
    assert holds_phrase(text, "most capable ___ model")
    assert holds_phrase(text, "most capable _ _ _ model")  # as the question reader spaces it
    assert holds_phrase(text, "most capable ... model")
    assert not holds_phrase(text, "least capable ___ model")
    assert not holds_phrase("an era of software sanctions", "software ___")  # one word besides the blank: any mention
    assert not holds_phrase("the most capable model of a whole new kind of widely released model", "capable ___ kind")


def test_a_phrase_is_held_as_whole_words_in_order_whatever_the_punctuation() -> None:
    assert holds_phrase('Anthropic tried a "defense-in-depth" design.', "defense in depth")
    assert holds_phrase("Route, don’t refuse.", "route dont refuse")
    assert not holds_phrase("an in-depth defense", "defense in depth")  # other order
    assert not holds_phrase("the depths of defense", "defense in depth")
    assert holds_phrase("It set up a review of covered frontier models.", "covered frontier model")  # a plural
    assert not holds_phrase("It set up a review of covered frontier modelling.", "covered frontier model")


def test_a_quoted_phrase_leads_to_the_passage_holding_it(tmp_path: Path) -> None:
    """The quoted words are few against the question's others: the one sentence holding them leads, though
    another says more of the question's other words (without the quote read, that one led)."""
    articles = {
        "long.md": ("long.example", "Quill 3 and Quill 3 Max explained",
                    "Quill 3 and Quill 3 Max launched on March 2 as Zephyr's most capable models. Quill 3 Max "
                    "was offered only to vetted partners while Quill 3 went to everyone. Zephyr said Quill 3 and "
                    "Quill 3 Max set records on most tests it ran. Zephyr tried a layered-shield design. "
                    "The ministry ordered both models offline on March 10."),
        "other.md": ("other.example", "Quill 3 Max returns to partners",
                     "Quill 3 Max returned to vetted partners on March 28. Quill 3 and Quill 3 Max are again "
                     "offered by Zephyr, with Quill 3 open to everyone."),
        "setup.md": ("setup.example", "How Zephyr set up Quill 3",
                     "Zephyr went for a staged setup with Quill 3 and Quill 3 Max, releasing the smaller model "
                     "first. The setup Zephyr went for let Quill 3 Max stay with partners while Quill 3 spread."),
    }
    question = ("heard zephyr went for some setup with quill 3 and quill 3 max, releasing the smaller model first, "
                "whats this 'layered shield' part of it")
    with answers_over(tmp_path, articles) as answers:
        answer = answers.ask(question)
    assert not answer.abstained, answer.abstain_reason
    assert answer.lead == "Zephyr tried a layered-shield design."


def test_a_sentence_saying_the_quoted_words_leads_before_the_article_titled_with_them(tmp_path: Path) -> None:
    """Asked what quoted words are, a sentence saying them answers; the article titled with them is read too, but
    its other sentences (on whatever else the week brought) do not lead over it."""
    articles = {
        "titled.md": ("weekly.example", "Notes on the week, Layered Shield",
                      "Zephyr and Quill 3 were the talk of the week, and people keep mentioning the ministry's "
                      "order. Quill 3 went offline on March 10 after the ministry acted. Zephyr said it would "
                      "comply with the ministry. Our reader survey closed on Friday with a question on the layered "
                      "shield."),
        "holder.md": ("explainer.example", "How Quill 3 stays safe",
                      "'Layered shield' should never have worried the ministry, a critic argued. "
                      "Zephyr built it after the ministry's review."),
    }
    with answers_over(tmp_path, articles) as answers:
        answer = answers.ask("whats this 'layered shield' thing people keep mentioning about zephyr and quill 3")
    assert not answer.abstained, answer.abstain_reason
    # (the titled article's first sentence, on the week's talk, had led)
    assert answer.lead is not None and holds_phrase(answer.lead, "layered shield"), answer.lead


def test_words_the_asker_quotes_found_are_what_the_party_asked_about_said(tmp_path: Path) -> None:
    """Asked what "the european scientists" said, with a phrase of theirs quoted: the reporting calls them
    researchers and names one, so no sentence has scientists saying anything, but the quoted words, found, are
    what was said (in the shared corpus this had been declined as "a statement from European scientists")."""
    articles = {
        **filler_notes(),
        "reactions.md": ("science.example", "Researchers react to the Quill 3 order",
                         "Researchers at several institutes broadly agreed the Quill 3 order was a warning. Mara Lind "
                         "of the Tallinn institute called for a 'shared hangar moment' for models built at home. "
                         "Others wanted Zephyr to publish its tests."),
        "order.md": ("news.example", "Ministry orders Quill 3 offline",
                     "The ministry ordered Zephyr's Quill 3 offline on March 10. Zephyr said it would comply. "
                     "European scientists had tested Quill 3 for a year."),
    }
    quoted = "what did the european scientists say about quill 3, someone mentioned a 'shared hangar moment'"
    unquoted = "what did the european scientists say about quill 3"
    with answers_over(tmp_path, articles) as answers:
        composer = answers.composer
        assert isinstance(composer, ExtractiveComposer)
        read_quoted, read_unquoted = (composer.read(q, answers.retriever.retrieve(q, k=composer.statement_passages))
                                      for q in (quoted, unquoted))
        answer = answers.ask(quoted)
    assert read_unquoted is not None and read_unquoted.unreported == ["a statement from european scientists"]
    assert read_quoted is not None and read_quoted.unreported == []
    assert answer.lead is not None and holds_phrase(answer.lead, "shared hangar moment"), answer.lead


def test_a_sentence_opening_a_section_headed_by_the_quoted_words_holds_them() -> None:
    page = "The market shrugged.\n\nThe “layered shield” idea in AI\n\nShields in layers are old news. Other things."
    assert under_heading_holding("Shields in layers are old news.", page, "layered shield")
    assert not under_heading_holding("Other things.", page, "layered shield")  # not the section's first sentence
    assert not under_heading_holding("The market shrugged.", page, "layered shield")
    assert not under_heading_holding("Shields in layers are old news.", page, "bad boy")
    prose = "He wrote about the layered shield at length.\nShields in layers are old news."
    # a sentence before it, no heading
    assert not under_heading_holding("Shields in layers are old news.", prose, "layered shield")
