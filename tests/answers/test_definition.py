"""What a term means: which questions ask it and which sentences say it (pure), and that such a sentence leads."""

from __future__ import annotations

import pytest

from bot.answers.compose import Draft, assemble
from bot.answers.definition import defines, term_asked
from tests.answers.test_compose import _candidate


@pytest.mark.parametrize(("question", "term"), [
    ("what is Kestrel Shield", ["kestrel", "shield"]),
    ("what's the annex b thing?", ["annex", "b"]),
    ("what does QRL stand for", ["qrl"]),
    ("what does the name quill even mean lol", ["quill"]),
    ("what do they mean by deemed access", ["deemed", "access"]),
    ("define deemed access", ["deemed", "access"]),
    # not a term: a value, a name, a situation, a clause, or what something implies
    ("what is the price of Quill 3", []),
    ("what is the new model called", []),
    ("what is happening", []),
    ("what are they asking the judge for", []),
    ("what does the quill thing mean for other labs", []),
    ("what is his job", []),
    ("when did it come back", []),
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
