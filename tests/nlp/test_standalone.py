"""The one test of whether a sentence can be quoted on its own, shared by answers and briefs."""

from __future__ import annotations

import pytest

from bot.nlp.standalone import no_comment, points_back, stands_alone


@pytest.mark.parametrize(("sentence", "reason"), [
    ("Their June 26 deadline passed without an answer.", "leans on"),
    ("They sued the administration when it called them a risk.", "leans on"),
    ("However, the order stayed in place.", "leans on"),
    ("Not just people outside the country.", "leans on"),  # what is not just them, the sentence before says
    ("After that date, the model is billed by usage only.", "leans on"),
    ("By then the company had filed its appeal.", "leans on"),
    ("The move, reportedly set off by an audit, rattled developers.", "leans on"),  # which move?
    ("I'll be upfront about one limit here: I could not confirm it.", "writer"),
    ("Here's what happened and what it means for Europe.", "writer"),
    ("Welcome to Wednesday's edition of Capital Notes, where we finish early today.", "writer"),  # a newsletter's hello
    ("Thanks for reading, and see you next week.", "writer"),
    ("Fable 5 returns for everyone", "headline"),
    ("Is the model coming back?", "question"),
    ("So what now: \"is it back?\"", "question"),  # too little before the quoted question to report it
    ("Originally published at example.org, read the full version there.", "furniture"),
    ("Featured image for the week in review, March 2–9: the regulator blocks Quill 3.", "furniture"),  # a caption
    ("Example Wire has no prior coverage directly connected to this story.", "furniture"),  # the site about itself
    ("Read the letter the security researchers sent to the ministry.", "writer"),  # a link's text: the page
    ("Watch the full interview with the minister.", "writer"),
    ("📊 Full analysis report: Quill 3 and the Ministry, Every Side on Example.com — scores and plans.", "writer"),
    # the writer outside the quotation it holds is still the writer
    ("What stuck out to me is the quote “the state has a monopoly on force” in the filing.", "writer"),
    ("This page collects the main points of the story for readers who missed it.", "writer"),  # the page itself
    ("This deep dive explains why the regulator's review became the real launch gate.", "writer"),  # what it will do
    ("This piece reads the episode through a threat framework of its own.", "writer"),
    ("To understand why she called the minister, it helps to understand who Ada Brook is.", "writer"),
    ("Will keep you updated on the ministry's review until things settle.", "writer"),  # a promise to update
    ("Stay tuned for more on the ruling.", "writer"),
    ("TITLE: Quill 3 goes dark DATE: 2026-03-10 TOPIC: Policy SUMMARY: The regulator ordered it offline.",
     "metadata"),
    # a page's header run into its first line: breadcrumb, disclaimer, share widget, photo credit
    ("Opinion>Opinions - Tech The views expressed by contributors are their own Comments: Link copied Getty Images "
     "The Quill logo on a phone, in Lyon, on March 9.", "furniture"),
    ("Quill 3 is back today.<br>But there is some fine print, and I will comment on it.", "furniture"),  # markup
    ("Photo: the minister leaves the ministry after the vote on the order.", "furniture"),  # a label with its colon
    # a pointer to the site's other pieces, whatever it opens with
    ("Meanwhile, you can read other stories here: Why the Ministry Just Pulled Quill 3.", "furniture"),
    ("In the meantime, readers can also watch our interview with the minister.", "furniture"),
    ("(For the whole account of how a model was switched off, see our main analysis: When the Ministry Acted.)",
     "furniture"),
])
def test_sentences_that_cannot_stand_alone_say_why(sentence: str, reason: str) -> None:
    found = stands_alone(sentence)
    assert found is not None and reason in found


@pytest.mark.parametrize("sentence", [
    "This week Commerce lifted the controls on Fable 5.",
    "💡 Key takeaway: the ministry's approval is a limited licence, not a full return.",
    '"I think it was the right call," Lutnick told reporters.',
    "Legion LegalTech sued the government on June 23 in Washington.",
    "That same day, Anthropic restored access for customers abroad.",
    "After this week's ruling, the company filed an appeal.",
    "On June 30, Commerce lifted the controls.",
    "Since July 1, the model has been available again.",
    "Four days later, an Austrian MEP urged the company to move to the EU.",
    "Readers of the order saw no mention of a deadline.",
    "“We are not going anywhere,” the minister said, “and I mean it.”",
    "The page count of the order was never reported.",
    "UPDATE: Commerce lifted the controls on June 30, a spokesperson said.",  # one label is a sentence's own
    "Compute grew 3x as demand for Quill 3 rose > 40% in March.",  # a sign, no breadcrumb
    "Developers can read the new usage terms before the model returns.",  # "can read" of someone else
    "The welcome the minister got in Paris was cool.",
    "The move to restrict the model came on a Friday evening.",  # it says which move
    "The analysis by the ministry's lawyers explains why the filing took three weeks.",  # theirs, not the page's
    "Not only did the ministry order the shutdown, it also barred the firm's own staff abroad.",  # says it itself
])
def test_sentences_that_stand_alone(sentence: str) -> None:
    assert stands_alone(sentence) is None


def test_points_back_is_only_about_openers() -> None:
    assert points_back("It was the first such order.") and points_back("These firms asked for an exemption.")
    assert not points_back("However, the order stayed in place.")  # a connective, not a reference
    assert not points_back("Italy asked for an exemption.")


@pytest.mark.parametrize("sentence", [
    "It's been reported that the ministry's auditors found the flaw.",
    "It remains unclear exactly why the ministry acted.",
    "It is not yet clear whether Quill 3 will return.",
    "It turns out the letter was two pages long.",
])
def test_an_it_that_stands_for_nothing_before_it_does_not_point_back(sentence: str) -> None:
    assert not points_back(sentence)
    assert points_back("It was pulled on June 12.")  # a model said before it


@pytest.mark.parametrize("sentence", [
    "Monitor the ministry's response to the June 26 deadline closely.",
    "Procurement teams: review your contracts against the new export classes before renewing.",
    "Imagine this: you run a clinic whose scheduling assistant goes dark overnight.",
    "Don't assume your vendor can keep serving you through a ban.",
])
def test_advice_to_the_reader_is_no_statement(sentence: str) -> None:
    assert stands_alone(sentence) == "advice to the reader"


@pytest.mark.parametrize("sentence", [
    "Review of the order by the courts is still pending.",
    "Update: the ministry lifted the controls on June 30.",
    "Monitoring firms saw traffic to the model fall by half.",
    "Map makers were not covered by the order.",
    "“Don't ship it to anyone abroad,” the minister told the company.",
])
def test_a_verb_opening_that_is_no_advice_still_stands(sentence: str) -> None:
    assert stands_alone(sentence) is None


@pytest.mark.parametrize("sentence", [
    "Short scenario: a clinic using the model for triage sees its calls fail overnight.",
    "Hypothetical: a bank in Lyon loses access the day before an audit.",
])
def test_a_made_up_scenario_is_no_statement(sentence: str) -> None:
    assert stands_alone(sentence) == "a made-up illustration"
    assert stands_alone("The scenario planners at the ministry were not consulted.") is None


@pytest.mark.parametrize(("sentence", "only_no_comment"), [
    ("Spokespeople for the ministry did not respond to requests for comment, according to a trade newsletter.", True),
    ("The regulator declined to comment.", True),
    ("A spokesperson for the lab could not be reached on Sunday.", True),
    ("The lab hasn't replied to our emails.", True),
    ("The ministry did not respond to the lab's appeal, leaving the ban in place until further notice.", False),
    ("The regulator declined to comment on the filing, but documents show the licence was revoked on March 4, "
     "two days after the audit found the model could be jailbroken in minutes by anyone with a laptop.", False),
])
def test_a_line_saying_only_that_someone_did_not_comment(sentence: str, only_no_comment: bool) -> None:
    assert no_comment(sentence) is only_no_comment


def test_a_statement_quoting_a_question_at_its_end_stands_alone() -> None:
    assert stands_alone("The Gazette headline landed like a punchline: “Did the lab talk its way into a ban?”") is None
    assert stands_alone("Reporters at the briefing asked “will the model return this month?”") is None
