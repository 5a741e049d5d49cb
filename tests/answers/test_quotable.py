"""Which of a page's sentences are quoted, and as what text (bot.answers.quotable)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answers.quotable import ArticleText, is_quotable, sentence_candidates, whole_numbers
from bot.answers.retrieve import Passage, terms
from bot.corpus.catalog import SentenceRow
from bot.corpus.ingest import CorpusService
from bot.corpus.models import ArticleDraft
from bot.settings import Settings


def test_candidates_include_the_sentence_after_a_passage(tmp_path: Path) -> None:
    """A chunk boundary can fall just before the answer; the sentence after a passage is read too."""
    settings = Settings(data_dir=tmp_path / "data")
    sentences = [f"Sentence number {n} of this report says something about the export order." for n in range(40)]
    draft = ArticleDraft(text=" ".join(sentences), title="A long report", source="long.md", outlet="long.example")
    service = CorpusService.open(settings)
    try:
        report = service.add_drafts([draft], "tests", "pytest")
        article_id = report.added[0]
        catalog = service.catalog
        chunks = catalog.chunks(article_id)
        assert len(chunks) > 2
        first = chunks[0]
        passage = Passage(article=catalog.get(article_id), chunk=first,
                          text=catalog.body(article_id)[first.start : first.end], score=1.0, dense=0.5, rank=0)
        got = [c.idx for c in sentence_candidates(catalog, [passage])]
        assert got == list(range(first.first_sentence, first.last_sentence + 2))
        # each candidate's context is the sentence before it
        following = sentence_candidates(catalog, [passage])[-1]
        assert frozenset(terms(sentences[first.last_sentence])) <= following.context
    finally:
        service.close()


def test_the_best_passages_are_read_with_the_sentences_around_them(tmp_path: Path) -> None:
    """A chunk can start just after, or stop well before, the sentence that answers: the best few passages
    (``widened``) are read with ``around`` sentences on each side; the others as they are."""
    settings = Settings(data_dir=tmp_path / "data")
    sentences = [f"Sentence number {n} of this report says something about the export order." for n in range(60)]
    draft = ArticleDraft(text=" ".join(sentences), title="A long report", source="long.md", outlet="long.example")
    service = CorpusService.open(settings)
    try:
        article_id = service.add_drafts([draft], "tests", "pytest").added[0]
        catalog = service.catalog
        chunks = catalog.chunks(article_id)
        assert len(chunks) > 4
        second, fourth = chunks[1], chunks[3]
        passages = [Passage(article=catalog.get(article_id), chunk=c,
                            text=catalog.body(article_id)[c.start : c.end], score=1.0, dense=0.5, rank=rank)
                    for rank, c in enumerate((second, fourth))]
        got = {c.idx for c in sentence_candidates(catalog, passages, widened=1, around=2)}
        # the best passage with two sentences before it and two more after the one always read after it; the
        # second only with that one
        assert got == set(range(second.first_sentence - 2, second.last_sentence + 4)) | set(
            range(fourth.first_sentence, fourth.last_sentence + 2))
        plain = {c.idx for c in sentence_candidates(catalog, passages)}
        assert plain == {c.idx for c in sentence_candidates(catalog, passages, widened=2, around=0)} < got
    finally:
        service.close()


def test_page_source_and_headings_are_never_quoted(tmp_path: Path) -> None:
    leaked = 'The order was reviewed.", "body_md": "# Commission reviews the export order\\n\\nThe Commission said it.'
    clean = "The Commission said on Monday that it is assessing what the export order means for customers."
    heading = "# What the Commission is reviewing about the export order and its customers"
    section = "What The Commission Actually Said About The Order."  # a heading with a full stop, title case throughout
    draft = ArticleDraft(text=f"{heading}\n\n{clean} {leaked}\n\n{section}", title="Commission reviews order",
                         source="leak.md", outlet="leak.example")
    service = CorpusService.open(Settings(data_dir=tmp_path / "data"))
    try:
        article_id = service.add_drafts([draft], "tests", "pytest").added[0]
        catalog = service.catalog
        chunk = catalog.chunks(article_id)[0]
        passage = Passage(article=catalog.get(article_id), chunk=chunk,
                          text=catalog.body(article_id)[chunk.start : chunk.end], score=1.0, dense=0.5, rank=0)
        quoted = [c.text for c in sentence_candidates(catalog, [passage])]
        assert clean in quoted
        assert not any("body_md" in text or "\\n" in text or text.startswith("#") for text in quoted)
        assert section not in quoted
    finally:
        service.close()


@pytest.mark.parametrize(("text", "last", "usable"), [
    ("The ministry confirmed the export licence was granted on Tuesday morning.", False, True),
    ("Commerce Department clears the restricted model for twelve trusted firms", False, True),  # a headline
    ("Access real US stocks and ETFs today", False, False),  # a menu entry
    ("To see where the industryâs heading, read what the companies say in public.", False, False),  # mojibake
    ("Here is the company's blog post:<br>The model is available starting tomorrow.", False, False),
    ("The directive was issued without prior notice and left customers scrambling l", True, False),  # clipped
    ("These are the three conditions the department set for lifting the order:", False, False),
    (", and the chief executive of the lab are listed among the attendees of the lunch.", False, False),
    ("| Model | Parameters (Total) | Active Parameters | Context Window | License |", False, False),  # a table
    ("Here's what happened and what it means for buyers in Europe.", False, False),  # the page about itself
    ("Quick Guide: Claude Fable 5 Weekly Limits in One Table", False, False),  # a heading in title case
    ("No. 7Date: Jun 2, 2026Title: The real cost of Quill 4Case Study: a model switched off in a week", False,
     False),  # a page's metadata fields run together
    ("Date: the ministry has not yet set one, officials said on Tuesday.", False, True),  # one label is no form
    ("TITLE: The Quill Shutdown Is a Warning DATE: 2031-05-02 COMPANY: Quill Labs SUMMARY: On May 1 the ministry "
     "ordered the lab to switch its model off.", False, False),  # a record dumped as text, in capitals
    ("Breaking It Down: Fixing Code or Jailbreaking?", False, False),  # a heading put as a question
    ("Commerce Secretary Mara Vance Signed the Order?", False, False),
    ("Did the ministry sign the order before the deadline passed?", False, True),  # a sentence's question
    # an image's description left in the text: a picture, not the news
    ("Calendar marking March 23 beside plan tags drifting away and a meter rising, illustrating the billing change",
     False, False),
    ("The fine was doubled within a week, illustrating how seriously the ministry took the breach.", False, True),
    ("Featured image for the week in tech, May 2–9: the ministry blocks Quill 4 and a rival ships.", False, False),
    ("Featured speakers at the hearing said the ministry had overstepped its powers.", False, True),
    # a page's tags run together without their separators
    ("quillmodel 4lab ministrytrade departmentexport licensingnational securitycompliancepolicy regulationworldwide "
     "infrastructureoversight", False, False),
    ("The counterintelligence review found that telecommunications providers disproportionately relied on it",
     False, True),  # long words in prose
    ("Quill 4Broad public availability with safety routingSuspended for all customers", False, False),  # table cells
    ("Demand for Chinese models surged on OpenRouter as DeepSeek and MiniMax gained ground in the week", False, True),
    ("Home / Politics / Lessons from the ministry's failed Quill 4 release", False, False),  # a breadcrumb
    ("← back to index / blog / ai / the-quill-ban", False, False),
    ("The ministry's 54-page order ran to three annexes and one appendix.", False, True),
    ("META DESCRIPTION: Weekly insight on open models: the ministry's review of Quill 4 nears its end.", False, False),
    ("Create a landscape editorial hero image for this article: what led the ministry to block Quill 4.", False,
     False),
    ("Laptop displaying code on a desk used to represent tool setup and technical review work", False, False),
    ("We scan new podcasts and send you the top 5 insights daily.", False, False),
    ("Originally published at example.com - read the full interactive version there.", False, False),
    ("The ministry used the rule to represent foreign buyers as exporters, critics said.", False, True),
    # a note on how the page was made
    ("This article is original editorial commentary written with AI assistance, based on reporting by the Wire.",
     False, False),
    ("This summary is AI-generated and may contain mistakes.", False, False),
    ("The article was first reported by the Wire on Friday, citing two officials.", False, True),
])
def test_only_whole_clean_sentences_are_quotable(text: str, last: bool, usable: bool) -> None:
    assert is_quotable(text, (), last=last) is usable


def test_a_list_number_run_into_the_first_word_is_not_quoted() -> None:
    body = "Timeline of the week.\n• 04Four days later the agency lifted the order for every customer."
    rows = [SentenceRow(1, 0, 0, 21, "fact", ()), SentenceRow(1, 1, 22, len(body), "fact", ())]
    info = ArticleText(body, rows).sentence(1)
    assert info.text == "Four days later the agency lifted the order for every customer."
    assert body[info.start : rows[1].end] == info.text


@pytest.mark.parametrize(("sentence", "quoted"), [
    ("Opening: three reasons, none of them the bugMara Vance opened the hearing by reading the order.",
     "Mara Vance opened the hearing by reading the order."),  # a heading run into the sentence after it
    ("Users moved to DeepSeek and the iPhone app within a day.", "Users moved to DeepSeek and the iPhone app within a "
     "day."),  # names written so are no glue
])
def test_a_heading_run_into_a_sentence_is_not_quoted(sentence: str, quoted: str) -> None:
    body = f"Timeline of the week.\n{sentence}"
    rows = [SentenceRow(1, 0, 0, 21, "fact", ()), SentenceRow(1, 1, 22, len(body), "fact", ())]
    info = ArticleText(body, rows).sentence(1)
    assert info.text == quoted and body[info.start : rows[1].end] == quoted


@pytest.mark.parametrize("note", [" (source: https://news.example/quill-3-outage)", " [via www.news.example/a/b]",
                                  " (Source: https://news.example/x)"])
def test_a_trailing_link_to_the_source_is_not_quoted_and_leaves_the_sentence_quotable(note: str) -> None:
    said = "Within 30 minutes the team served roughly 70% of requests again."
    body = f"Timeline of the week.\n{said}{note}"
    rows = [SentenceRow(1, 0, 0, 21, "fact", ()), SentenceRow(1, 1, 22, len(body), "fact", ())]
    info = ArticleText(body, rows).sentence(1)
    # (with its link the sentence had been dropped as page markup, and with it the answer it gave)
    assert info.text == said and info.usable and body[info.start : info.end] == said


def test_a_link_inside_a_sentence_is_no_note_to_cut() -> None:
    body = "Timeline of the week.\nSee https://news.example/x (source: https://news.example/y) for the full order text"
    rows = [SentenceRow(1, 0, 0, 21, "fact", ()), SentenceRow(1, 1, 22, len(body), "fact", ())]
    assert ArticleText(body, rows).sentence(1).text.endswith("for the full order text")


def test_a_short_sentence_is_quotable_when_it_ends_as_one() -> None:
    assert is_quotable("Zephyr tried a layered-shield design.", ())
    assert not is_quotable("zephyr tried a layered-shield design.", ())  # no capital: a fragment's tail
    assert not is_quotable("Zephyr tried a layered shield design", ())  # no full stop: a heading
    assert not is_quotable("Zephyr tried a layered-shield.", ())  # four words


def _lines(*lines: str) -> ArticleText:
    body, rows, start = "", [], 0
    for idx, line in enumerate(lines):
        body += line + "\n"
        rows.append(SentenceRow(1, idx, start, start + len(line), "fact", ()))
        start += len(line) + 1
    return ArticleText(body, rows)


def test_a_long_entry_amid_a_menu_is_not_quoted() -> None:
    menu = _lines("Launchpool", "Stake and earn tokens", "Collect credits with every trade you make today",
                  "Alpha Points", "Earn rewards daily")
    assert not menu.sentence(2).usable


@pytest.mark.parametrize("lines", [
    # a summary's items between their headings
    ("A jailbreak technique reportedly bypassed the model's safeguards", "What happened",
     "Commerce clears the model for twelve firms in the first round", "Why it matters",
     "Customers lost access with no advance notice"),
    # a sentence beside it ends the menu
    ("Launchpool", "Alpha Points", "Commerce clears the model for twelve firms in the first round",
     "The agency confirmed the order on Friday.", "Earn rewards daily"),
])
def test_an_unended_line_among_items_or_sentences_stays_quotable(lines: tuple[str, ...]) -> None:
    assert _lines(*lines).sentence(2).usable


def test_a_decimal_figure_is_said_as_its_whole_number_too() -> None:
    said = frozenset(terms("the score fell from 86.2 to 25.9 on the suite, gpt 5.6 said"))
    assert {"86", "25", "26"} <= whole_numbers(said)  # "went from 86 to 25", cut or rounded
    assert "5" not in whole_numbers(said)  # a version's number is no figure


@pytest.mark.parametrize("text", [
    "Three Days Later, the Government Pulled the Model.",  # a headline keeps "the" in lower case
    "Amazon Pulled the Off-Switch on Quill 3.",
    "“It is just a model,” the industry figure added.His view of the programme reflects a wider mood.",  # glued
])
def test_headlines_and_glued_sentences_are_not_quoted(text: str) -> None:
    assert not is_quotable(text, ())
    assert is_quotable("The ministry pulled the model three days later, the company said.", ())
