"""What a term means and what a party said: which questions ask it, which sentences give it, and that such a
sentence leads."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answers.candidate import Draft
from bot.answers.definition import defines, term_asked
from bot.answers.statements import assemble
from tests.answers.test_compose import _candidate
from tests.written_story import answers_over


@pytest.mark.parametrize(("question", "term"), [
    ("what is Kestrel Shield", ["kestrel", "shield"]),
    ("what's the annex b thing?", ["annex", "b"]),
    ("what does QRL stand for", ["qrl"]),
    ("what does the name quill even mean lol", ["quill"]),
    ("what do they mean by deemed access", ["deemed", "access"]),
    ("define deemed access", ["deemed", "access"]),
    ("why is the ban called a deemed access thing", ["deemed", "access"]),  # what the word means, not the cause
    ("why do they call it an is-told letter?", ["is-told", "letter"]),
    # not a term: a value, a name, a situation, a clause, or what something implies
    ("what is the price of Quill 3", []),
    ("what is the new model called", []),
    ("what is happening", []),
    ("what are they asking the judge for", []),
    ("what does the quill thing mean for other labs", []),
    ("what is his job", []),
    ("when did it come back", []),
    ("why was the ban lifted", []),
    ("why is it banned in europe", []),
    ("what was the bypass", []),  # the story's own bypass: what it did, not what the word means
    ("what is a bypass", ["bypass"]),
    ("what was Kestrel Shield", ["kestrel", "shield"]),  # a name is still asked what it is
    # "thing" ends the term, whatever the asker says of where it came up
    ("whats this 7Q402 thing the lawsuit keeps mentioning", ["7q402"]),
    ("what's that kestrel stuff ppl bring up", ["kestrel"]),
    ("what was the big thing that happened", []),
    ("whats the main thing ppl say", []),
])
def test_a_question_asking_what_a_term_means(question: str, term: list[str]) -> None:
    assert term_asked(question) == term


@pytest.mark.parametrize(("sentence", "says"), [
    ("Kestrel Shield is the ministry's programme for vetted cyber defenders.", True),
    ("The model went only to partners through a programme called Kestrel Shield.", True),
    ('Quill 3 Max was gated behind "Kestrel Shield," a vetted programme for defenders.', True),
    ("A quantum readiness lead (QRL) signed the letter.", True),
    ("QRL stands for quantum readiness lead.", True),
    # the term named, not said what it is
    ("Through Kestrel Shield, the company framed it as a defensive tool.", False),
    ("Kestrel Shield partners tested the model for weeks.", False),
    ("The ministry expanded Kestrel Shield to 150 more organisations.", False),
])
def test_a_sentence_saying_what_a_term_is(sentence: str, says: bool) -> None:
    words = term_asked("what is QRL") if "QRL" in sentence else ["kestrel", "shield"]
    assert defines(sentence, words) is says


def test_asked_what_a_term_means_a_statement_saying_it_leads() -> None:
    question = "whats kestrel shield"
    mention = _candidate("Through Kestrel Shield, the ministry framed the model as a defensive tool.", article_id=1)
    other = _candidate("Kestrel Shield partners found hundreds of flaws in the first week.", article_id=2,
                       outlet="b.example")
    defining = _candidate("Quill 3 Max went only to a vetted programme called Kestrel Shield for cyber defenders.",
                          article_id=3, outlet="c.example")
    drafts = [Draft(mention), Draft(other), Draft(defining)]
    term = term_asked(question)
    assert assemble(question, drafts, [], lead_term=term).lead == defining.text  # though ranked last
    assert assemble(question, drafts, []).lead == mention.text
    # no statement says what it is: the best that reads on its own
    assert assemble(question, drafts[:2], [], lead_term=term).lead == mention.text


def test_asked_what_a_code_is_and_none_says_a_statement_naming_it_leads() -> None:
    """"whats this 7Q402 thing the lawsuit keeps mentioning": no sentence says "7Q402 is…"; one naming it tells more
    than the best-ranked one on the lawsuit, which does not."""
    question = "whats this 7Q402 thing the lawsuit keeps mentioning"
    lawsuit = _candidate("Zephyr's lawsuit asks the court to set the ministry's order aside.", article_id=1)
    naming = _candidate("The ministry created 7Q402 in 2025 to cover model weights, then dropped it.", article_id=2,
                        outlet="b.example")
    term = term_asked(question)
    assert term == ["7q402"] and not defines(naming.text, term)
    assert assemble(question, [Draft(lawsuit), Draft(naming)], [], lead_term=term).lead == naming.text
    assert assemble(question, [Draft(lawsuit), Draft(naming)], []).lead == lawsuit.text


def test_a_definition_cut_short_where_its_page_stops_does_not_lead_over_a_whole_one() -> None:
    question = "whats kestrel shield"
    cut = _candidate("The ministry leaned on Kestrel Shield, which is a programme that vets the defenders who may use…",
                     article_id=1)
    whole = _candidate("Quill 3 Max went only to a vetted programme called Kestrel Shield for cyber defenders.",
                       article_id=2, outlet="b.example")
    term = term_asked(question)
    assert defines(cut.text, term)
    assert assemble(question, [Draft(cut), Draft(whole)], [], lead_term=term).lead == whole.text


def lead_beyond_statements(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, limit: int, about: list[str],
                           answer: str, question: str) -> str:
    """The lead of ``question`` over one article per sentence of ``about`` and one holding ``answer``, with at most
    ``limit`` statements chosen for the question's words (so the answer is beyond them)."""
    import bot.answers.compose as compose

    monkeypatch.setattr(compose, "MAX_STATEMENTS", limit)
    articles = {f"a{i}.md": (f"a{i}.example", f"Quill 3 story {i}", text) for i, text in enumerate(about)}
    articles["answer.md"] = ("answer.example", "Explainer", answer)
    with answers_over(tmp_path, articles) as answers:
        return answers.ask(question).lead or ""


def test_asked_what_a_party_said_its_words_lead_even_from_beyond_the_statements_chosen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Statements are chosen for the question's words; when none gives the party's own words, a sentence that
    does, from the passages read, leads (and a call the party's chief made is no words said)."""
    about = [
        "Zephyr's role in the Quill 3 shutdown order drew scrutiny from the ministry.",
        "The Quill 3 shutdown order put Zephyr's role with regulators under a spotlight.",
        "Critics questioned Zephyr's role after the Quill 3 shutdown order was issued.",
        "Zephyr's chief could have called anyone about the Quill 3 order, but it was Minister Brook.",
        "Analysts said the Quill 3 shutdown order made Zephyr's role in policy clearer.",
        "Investors debated Zephyr's role as the Quill 3 shutdown order took effect.",
        "Zephyr's role as a partner of the ministry complicated the Quill 3 shutdown order.",
        "Lawyers examined Zephyr's role in the Quill 3 shutdown order for weeks.",
        "The Quill 3 shutdown order reshaped Zephyr's role in the market.",
        "Zephyr's role in the Quill 3 shutdown order remains disputed among observers.",
        "Regulators reviewed Zephyr's role once the Quill 3 shutdown order was public.",
    ]
    words = "A Zephyr spokesperson told reporters that contacts with officials over Quill 3 were routine."
    lead = lead_beyond_statements(tmp_path, monkeypatch, 2, about, words,
                                  "what did zephyr say about its role in the quill 3 shutdown order?")
    assert "spokesperson" in lead


def test_asked_what_a_term_means_a_sentence_saying_it_leads_from_beyond_the_statements_chosen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    about = [
        "Kestrel Shield partners tested Quill 3 Max for flaws in the first week.",
        "Through Kestrel Shield, the ministry framed Quill 3 Max as a defensive tool.",
        "Kestrel Shield partners found hundreds of flaws with Quill 3 Max.",
        "The Kestrel Shield partners kept Quill 3 Max access during the order.",
    ]
    defining = "Quill 3 Max went only to a vetted programme called Kestrel Shield for cyber defenders."
    lead = lead_beyond_statements(tmp_path, monkeypatch, 1, about, defining, "whats kestrel shield")
    assert "programme called Kestrel Shield" in lead
