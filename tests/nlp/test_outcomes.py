"""Outcomes a question takes for granted (a ruling, a fine, a settlement) are answered only when reported."""

from __future__ import annotations

import pytest

from bot.nlp.outcomes import asked_outcomes, banning_place, unreported_outcomes

ASKS_ONLY = "Zephyr Labs asked a judge to rule that the ministry's order was unlawful and to set it aside."
WOULD = "A ruling against the ministry would limit how far such orders can reach."
OTHER_STORY = "A high court ruling on campaign finance could help incumbents next year."


@pytest.mark.parametrize(("question", "asked"), [
    ("what did the judge rule in the zephyr lawsuit", ["a court ruling"]),
    ("did a court block the quill ban", ["a court order blocking it"]),
    ("which court fined zephyr labs", ["a fine"]),
    ("how much was the fine", ["a fine"]),
    ("when did a federal court strike down the order", ["its being struck down or overturned"]),
    ("did they settle", ["a settlement"]),
    ("did zephyr end up settling with the ministry? terms?", ["a settlement"]),
    ("why did the minister resign over it", ["a resignation or firing"]),
    ("was the adviser fired", ["a resignation or firing"]),
    ("did anyone get arrested for using quill", ["an arrest or criminal charge"]),
    ("did the president end up firing the minister", ["a resignation or firing"]),
    ("did zephyr fire anyone over this", ["a resignation or firing"]),
    ("why did the president fire okafor", ["a resignation or firing"]),
    ("did the ministry fire back at zephyr", []),  # a reply, not a firing
    ("which field tells you which classifier fired?", []),  # a classifier fires; nobody was fired
    ("who got fired over it", ["a resignation or firing"]),
    ("who replaced okafor as minister", ["a resignation or firing"]),  # taken to have left the post
    ("who is okafor's successor", ["a resignation or firing"]),
    ("who took over from okafor in the talks with the ministry", []),  # a task handed on, nobody leaving a post
    ("was the ban replaced with a licence regime", []),  # a policy replaced, nobody leaving
    ("did the senate pass that bill on model exports", ["a bill or resolution passed"]),
    ("did anyone lose their job over this", ["anyone losing their job"]),
    ("were zephyr staff laid off", ["anyone losing their job"]),
    ("did the ban cost developers their jobs", []),  # not asked as an outcome taken for granted
    ("did the wto rule the ban illegal", ["a court ruling"]),
    ("did zephyr win the lawsuit", ["a court ruling"]),
    ("who won the case", ["a court ruling"]),
    ("did they win (who sued over the ban)?", ["a court ruling"]),  # a follow-up read with the thread's question
    ("did zephyr win the fight with the ministry", []),  # no court named: a fight may end many ways
    ("did zephyr drop the lawsuit after quill came back", ["the lawsuit being dropped or dismissed"]),
    ("was the zephyr case dismissed", ["the lawsuit being dropped or dismissed"]),
    ("did the ministry drop the ban", []),  # a ban dropped is a lifting, no suit
    ("did they fire the kill switch", []),
    ("what bill did the senators introduce", []),  # introduced, not passed
    ("was it a real jailbreak", []),  # not "jail"
    ("how much are users charged now", []),  # a price, not a crime
    ("did the classifier quit working", []),
    ("how many zephyr employees quit because of the ban", ["anyone quitting"]),
    ("did researchers quit in protest", ["anyone quitting"]),
    ("did any users quit quill for another model", []),  # users leaving a product, nobody leaving a post
    ("when did the eu impose sanctions on the ministry over quill", ["sanctions imposed"]),
    ("did the ministry reimpose the controls after the return", ["the controls put back"]),
    ("was quill banned again in august", ["the controls put back"]),
    ("when was quill reinstated", []),  # the model back, not the controls
    ("which countries signed the ai access treaty in lyon", ["an agreement signed"]),
    ("what does the treaty say about models", []),
    ("what ipo price did zephyr end up listing at", ["a stock market listing"]),
    ("what did zephyr shares open at on ipo day", ["a stock market listing"]),
    ("when did zephyr go public", ["a stock market listing"]),
    ("does the ban mess up zephyr's ipo", []),  # the plans, not a listing
    ("when did zephyr file for its ipo", []),
    ("that page tracking zephyr's ipo - what happens to its claim if openai ends up listing first", []),  # if
    ("did subscribers get compensation for the outage", []),  # a refund, not damages a court awarded
    ("when is the appeals court hearing for the zephyr case", ["an appeal"]),
    ("did the ministry appeal the ruling", ["a court ruling", "an appeal"]),
    ("did the govt appeal", ["an appeal"]),
    ("what was the appeal of quill to coders", []),  # its draw, not a court's
    ("did experts appeal for the ban to be lifted", []),  # a plea
    ("where is the form to appeal when quill bounces me to another model", []),  # a user's complaint
    # no outcome taken for granted: an idiom, an adjective, a word with another sense, a request
    ("did the minister rule out new controls", []),
    ("is quill fine now", []),
    ("whats in the fine print of the new terms", []),
    ("what are the new rules for quill", []),
    ("was quill fine-tuned on code", []),
    ("what did zephyr ask the court for", []),
    # acts of officials a question can take for granted as readily as a ruling
    ("why did the adviser end up apologizing to okafor", ["an apology"]),
    ("did zephyr at least say sorry to customers", ["an apology"]),
    ("did parliament subpoena the minister over the order", ["a subpoena"]),
    ("what did okafor tell the senate hearing about quill", ["testimony at a hearing"]),
    ("which professor testified that the law covers model access", ["testimony at a hearing"]),
    ("which court is hearing zephyr's case", []),  # a court hears a case: no hearing taken for granted
    ("who called a meeting after hearing about the jailbreak", []),
    ("did the union summon the ambassador over it", ["a summons"]),
    ("did the finder get paid a bounty for it", ["a bounty"]),
    ("when did zephyr finally sign the review agreement", ["an agreement signed"]),
    ("did they ink a deal with the ministry", ["an agreement signed"]),
    ("did zephyr end up signing the government's model review agreement", ["an agreement signed"]),
    ("who signed the letter to the ministry", []),  # a letter signed is no agreement
    ("did any of them put forward a bill to stop this", ["a bill introduced"]),
    ("has anyone introduced legislation over it", ["a bill introduced"]),
    ("did they file a lawsuit", ["a lawsuit"]),  # a suit, not a bill (asked of a party it names: see below)
    # whether one was needed, which "without a single new law being passed" answers
    ("did the parliament have to pass a new law for the ministry to do this?", []),
    ("could they do it without passing a law", []),
    ("did the parliament pass a new law for the ministry to do this?", ["a bill or resolution passed"]),
    ("when did the senate vote on the ban", ["a vote"]),
    ("what was the vote in parliament", ["a vote"]),
])
def test_the_outcomes_a_question_takes_for_granted(question: str, asked: list[str]) -> None:
    assert [o.what for o in asked_outcomes(question)] == asked


def test_an_outcome_is_reported_only_as_having_happened_in_the_story() -> None:
    question = "what did the judge rule in the zephyr lawsuit"
    # a request, an outcome anticipated, another story's ruling: none reported
    assert unreported_outcomes(question, [ASKS_ONLY, WOULD, OTHER_STORY]) == ["a court ruling"]
    assert unreported_outcomes(question, ["On July 20 a judge ruled that the Zephyr lawsuit may proceed."]) == []
    assert unreported_outcomes(question, ["The court dismissed the Zephyr lawsuit on August 3."]) == []
    assert unreported_outcomes("did zephyr win the lawsuit", ["Zephyr won the lawsuit against the ministry."]) == []
    assert unreported_outcomes("which court fined zephyr labs", ["Zephyr Labs was fined $5 million."]) == []
    assert unreported_outcomes("which court fined zephyr labs", [ASKS_ONLY]) == ["a fine"]
    assert unreported_outcomes("who sued over the quill ban", [ASKS_ONLY]) == []
    assert unreported_outcomes("why did minister okafor resign", ["Minister Okafor resigned on Friday."]) == []
    assert unreported_outcomes("why did minister okafor resign", ["The classifier fired too often."]) == [
        "a resignation or firing"]
    assert unreported_outcomes("did zephyr fire anyone over this", ["It says which classifier fired."]) == [
        "a resignation or firing"]
    assert unreported_outcomes("did zephyr fire anyone over this", ["Zephyr fired its policy chief."]) == []
    assert unreported_outcomes("did zephyr fire anyone over this", ["Zephyr's policy chief was fired on Monday."]) == []
    assert unreported_outcomes("did anyone lose their job over the quill ban",
                               ["Zephyr laid off 40 staff after the quill ban."]) == []
    assert unreported_outcomes("did anyone lose their job over the quill ban", [ASKS_ONLY]) == [
        "anyone losing their job"]
    assert unreported_outcomes("who replaced minister okafor", ["Okafor was replaced by Lind on May 2."]) == []
    assert unreported_outcomes("who replaced minister okafor", [
        "Minister Okafor said the order should be replaced with an open review."]) == ["a resignation or firing"]
    signed = "when did zephyr sign the review agreement"
    assert unreported_outcomes(signed, ["Zephyr is the only lab that has not reached an agreement yet."]) == [
        "an agreement signed"]  # negated: none reached
    assert unreported_outcomes(signed, ["Zephyr hasn't signed the agreement."]) == ["an agreement signed"]
    assert unreported_outcomes(signed, ["Zephyr signed the review agreement on May 4."]) == []
    appealed = "when is the appeals court hearing for the zephyr case"
    assert unreported_outcomes(appealed, ["Experts appealed for the Zephyr restriction to be lifted."]) == [
        "an appeal"]  # a plea is no appeal
    assert unreported_outcomes(appealed, ["The ministry filed an appeal in the Zephyr case on May 9."]) == []
    assert unreported_outcomes("when did the judge hear the zephyr appeal",
                               ["The judge heard the Zephyr appeal on May 12."]) == []
    dropped = "did zephyr drop the lawsuit"
    assert unreported_outcomes(dropped, [ASKS_ONLY, "Zephyr filed the lawsuit on March 9."]) == [
        "the lawsuit being dropped or dismissed"]
    assert unreported_outcomes(dropped, ["Zephyr withdrew its lawsuit once Quill was back."]) == []
    assert unreported_outcomes(dropped, ["Zephyr said it may drop the lawsuit if the ban ends."]) == [
        "the lawsuit being dropped or dismissed"]  # anticipated, not reported


def test_a_lawsuit_is_asked_of_the_party_the_question_names() -> None:
    """Asked whether a named party sued, the story's one lawsuit by another party is no answer; asked whether anyone
    is suing, it is."""
    suit = "Zephyr Labs sued the ministry on June 23 over the quill ban."
    assert unreported_outcomes("did nova telecom sue the ministry", [suit], names=["Nova Telecom"]) == ["a lawsuit"]
    assert unreported_outcomes("did zephyr sue the ministry", [suit], names=["Zephyr"]) == []
    assert unreported_outcomes("is anyone suing over the quill ban", [ASKS_ONLY]) == []
    assert unreported_outcomes("did the judge grant zephyr's injunction", [ASKS_ONLY], names=["Zephyr"]) == [
        "a court order blocking it"]  # asked for, not granted


def test_a_passed_bill_is_reported_only_about_what_was_asked_beyond_the_storys_everyday_words() -> None:
    question = "did the senate pass that bill on quill exports"
    elsewhere = "Abroad, the union has passed its own quill act, and other blocs require registries."
    everyday = {"quill"}.__contains__  # the story's own name, in nearly every article
    assert unreported_outcomes(question, [elsewhere]) == []  # shares "quill": taken for the same story
    assert unreported_outcomes(question, [elsewhere], everyday) == ["a bill or resolution passed"]
    passed = "The Senate passed the quill export bill on Tuesday by 60 votes."
    assert unreported_outcomes(question, [passed], everyday) == []
    # asked in the story's everyday words only, the outcome must still be about one of them
    story_words = {"quill", "export", "control"}.__contains__
    ruled = "what did the supreme court decide about the quill export controls"
    elsewhere_ruled = "Last week the supreme court ruled on campaign finance limits."
    assert unreported_outcomes(ruled, [elsewhere_ruled], story_words) == ["a court ruling"]
    assert unreported_outcomes(ruled, ["The supreme court ruled the quill export controls lawful."], story_words) == []
    # "in response to" ties the outcome to the story without saying what it is about
    responded = "what quill export bill did the senate pass in july in response to the ban?"
    reaction = "That shift has triggered a global regulatory response: the union has passed its own act."
    assert unreported_outcomes(responded, [reaction], everyday) == ["a bill or resolution passed"]
    # a question naming who acted asks of them: another party's outcome sharing a plain word is none
    senate = "did the Senate pass a bill on quill access?"
    house = "The House passed a bill on quill access last week."
    assert unreported_outcomes(senate, [house], everyday, ["Senate"]) == ["a bill or resolution passed"]
    assert unreported_outcomes(senate, ["The Senate passed the bill on Tuesday."], everyday, ["Senate"]) == []


def test_an_apology_or_a_hearing_is_answered_only_when_a_sentence_reports_it() -> None:
    voted = ["The parliament voted 54 to 12 on Tuesday to condemn the Quill 3 ban."]
    assert unreported_outcomes("how did the parliament vote on the quill ban", voted) == []
    assert unreported_outcomes("how did the parliament vote on the quill ban", [ASKS_ONLY]) == ["a vote"]
    reported = ["Zephyr apologized to customers for the disruption while keeping Quill 3 offline."]
    assert unreported_outcomes("did zephyr at least say sorry to customers", reported) == []
    assert unreported_outcomes("why did the minister apologise to zephyr", [ASKS_ONLY]) == ["an apology"]
    heard = ["Okafor told a Senate hearing that Quill 3 found flaws in classified systems within hours."]
    assert unreported_outcomes("what did okafor say at the senate hearing about quill", heard) == []
    assert unreported_outcomes("what did okafor say at the senate hearing about quill", [WOULD]) == \
        ["testimony at a hearing"]


@pytest.mark.parametrize(("question", "place"), [
    ("did india ban claude too after this or nah", "india"),
    ("when did korea ban claude after the skt thing", "korea"),
    ("did the eu block anthropic in retaliation", "eu"),
    ("did japan's government also restrict it", "japan"),
    ("did the us ban fable", None),  # the story's own ban
    ("was fable banned in india too", None),  # the US ban's reach, not India's own
    ("did anthropic ban foreigners", None),  # no place
])
def test_another_countrys_own_ban_is_an_outcome_taken_for_granted(question: str, place: str | None) -> None:
    assert banning_place(question) == place


def test_another_countrys_ban_is_reported_only_by_a_sentence_naming_it_as_the_one_banning() -> None:
    question = "did india ban claude too"
    assert unreported_outcomes(question, ["Anthropic suspended access for users in India."]) == ["a ban by India"]
    assert unreported_outcomes(question, ["The US ban hit developers in India hardest."]) == ["a ban by India"]
    assert unreported_outcomes(question, ["India's IT ministry has now banned Claude in government offices."]) == []
    assert unreported_outcomes("did china block anthropic", ["Beijing blacklisted 56 American companies."]) == []
