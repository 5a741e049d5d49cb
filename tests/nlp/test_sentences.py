"""The offset-keeping sentence splitter, on synthetic cases and on every fixture and corpus file."""

from __future__ import annotations

import pytest

from bot.corpus import sources
from bot.nlp.sentences import SentenceSpan, split_sentences
from tests.corpus_location import shared_corpus_files
from tests.fixture_corpus import article_files


def _texts(spans: list[SentenceSpan]) -> list[str]:
    return [s.text for s in spans]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The U.S. government acted. Mr. Smith disagreed.",
         ["The U.S. government acted.", "Mr. Smith disagreed."]),
        ("Talks with the U.K. and the E.U. resumed on Jan. 5 in Washington, D.C. after a pause.",
         ["Talks with the U.K. and the E.U. resumed on Jan. 5 in Washington, D.C. after a pause."]),
        ("Dr. Jones met Sen. Warren. They spoke.", ["Dr. Jones met Sen. Warren.", "They spoke."]),
        ("J. Smith wrote it. It sold.", ["J. Smith wrote it.", "It sold."]),
        ('He said "stop." Then left!', ['He said "stop."', "Then left!"]),
        ("Really? Yes. 2024 was big.", ["Really?", "Yes.", "2024 was big."]),
        ("lower case. continues here", ["lower case. continues here"]),
        ("Headline without stop\nBody sentence one. Body two.",
         ["Headline without stop", "Body sentence one.", "Body two."]),
        # a page that lost the space between two sentences; not a name with a dot in it, nor initials
        ("The ministry denied it.It said no more.", ["The ministry denied it.", "It said no more."]),
        ("It was the dream…Zephyr Labs then shipped it.", ["It was the dream…", "Zephyr Labs then shipped it."]),
        ('The experts signed it.”The ministry waited.', ['The experts signed it.”', "The ministry waited."]),
        ("TechPolicy.Press covered the U.S.Army story.", ["TechPolicy.Press covered the U.S.Army story."]),
        # a bold run-in heading ends where its emphasis closes: the heading is no part of the sentence after it
        ("- **Launch date.** Most reports say June 9. One says June 10.",
         ["- **Launch date.**", "Most reports say June 9.", "One says June 10."]),
        ("He called it *final.* Then he left.", ["He called it *final.*", "Then he left."]),
    ],
)
def test_split_cases(text: str, expected: list[str]) -> None:
    assert _texts(split_sentences(text)) == expected


def test_abbreviations_do_not_split_but_real_ends_do() -> None:
    text = "Officials in the U.S. said Mr. Altman and Mrs. Doe met. The meeting ended."
    spans = split_sentences(text)
    assert len(spans) == 2
    assert spans[0].text.endswith("met.") and spans[1].text == "The meeting ended."


def test_whitespace_and_symbols_only_lines_are_dropped() -> None:
    text = "   \n---\n  First line.  \n\n  * \nSecond."
    spans = split_sentences(text)
    assert _texts(spans) == ["First line.", "Second."]
    for s in spans:
        assert text[s.start : s.end] == s.text


def _line_at(text: str, i: int) -> str:
    start = text.rfind("\n", 0, i) + 1
    end = text.find("\n", i)
    return text[start : end if end >= 0 else len(text)].strip()


def test_empty_text() -> None:
    assert split_sentences("") == []
    assert split_sentences("\n\n  \n") == []


# sentences per file at least: the fixtures are short articles (8-12 sentences), the real pages longer
@pytest.mark.parametrize(("where", "per_file"), [("fixtures", 7), ("shared corpus", 10)])
def test_offsets_exact_on_every_corpus_file(where: str, per_file: int) -> None:
    files = article_files() if where == "fixtures" else shared_corpus_files()
    total = 0
    for path in files:
        text = sources.read_file(path).text
        spans = split_sentences(text)
        assert spans, path.name
        previous_end = 0
        for span in spans:
            assert text[span.start : span.end] == span.text, path.name
            assert span.text == span.text.strip() and span.text, path.name
            assert span.start >= previous_end, f"{path.name}: overlapping or unordered spans"
            assert "\n" not in span.text, f"{path.name}: a sentence crosses a line break"
            previous_end = span.end
        # nothing with letters or digits is lost between sentences (a lone 1-character line aside)
        covered: set[int] = set()
        for span in spans:
            covered.update(range(span.start, span.end))
        lost = [i for i, ch in enumerate(text)
                if ch.isalnum() and i not in covered and len(_line_at(text, i)) > 1]
        assert not lost, f"{path.name}: text outside every sentence near {text[lost[0]:lost[0] + 40]!r}"
        total += len(spans)
    assert total > per_file * len(files)
