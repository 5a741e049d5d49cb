"""The extractive composer's building blocks, without the full corpus: scoring, selection, candidates."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime

import pytest

from bot.answers.answer_type import asked_value_near, expected_answer, unstated_money_asked, unstated_share_asked
from bot.answers.asked import asks_for_kind, asks_for_value
from bot.answers.candidate import Candidate, Draft
from bot.answers.compose import _answer_asked, _best_stated, _english_terms, _key_words, news_date
from bot.answers.events_asked import (
    asked_events,
    events_meant,
    events_named,
    main_clause,
    names_value,
    without_topic_of_saying,
)
from bot.answers.quotable import ArticleText, reads_alone, with_antecedent
from bot.answers.retrieve import Passage, terms
from bot.answers.speakers import speaker_asked
from bot.answers.statements import _lead_preference, assemble, select_statements
from bot.corpus.catalog import ChunkRow, SentenceRow
from bot.corpus.models import Article
from bot.nlp.labels import Label


def _article(article_id: int, outlet: str, title: str = "A report") -> Article:
    return Article(id=article_id, title=title, source=f"{article_id}.md", content_hash=str(article_id),
                   added_by="tests", added_at=datetime(2026, 6, 1, tzinfo=UTC), outlet=outlet,
                   published=date(2026, 6, 20))


def _candidate(text: str, article_id: int = 1, outlet: str = "one.example", score: float = 1.0,
               label: Label = "fact", context: str = "") -> Candidate:
    passage = Passage(article=_article(article_id, outlet), chunk=ChunkRow(article_id, 0, 0, len(text), 0, 0),
                      text=text, score=1.0, dense=0.5, rank=0)
    return Candidate(passage, 0, 0, len(text), text, label, (), frozenset(terms(text)), score=score,
                     context=frozenset(terms(context)))


@pytest.mark.parametrize(("question", "fits", "misses"), [
    ("At what time did the order arrive?", "It came at 5:21 p.m. on Friday.", "It came late in the week."),
    ("When did the company file suit?", "The suit was filed on June 23.", "The suit was filed in Washington."),
    ("How many experts signed the letter?", "Seventy-six experts signed it.", "Many experts signed it."),
    ("how old was that bug it found", "It found a 27-year-old crash bug.", "It found an old crash bug in 2026."),
    ("how old was the model when it was pulled", "The three-day-old model was pulled.", "The old model was pulled."),
    ("what law/section did they cite? 744 something?", "It relied on § 744.22(b) of the rules.",
     "It relied on the rules of the agency."),
    ("what statute was the letter signed under", "It was signed under the Export Control Reform Act.",
     "The Act was cited."),
    ("what law did they use", "They relied on Part 744 of the rules.", "They relied on the agency's rules."),
    ("whats the model id string in the api", "Requests to claude-fable-5 now fail.", "Requests to the model now fail."),
    ("what error did devs get", "Calls returned model_not_found for a week.", "Calls returned errors for a week."),
    ("what was the fallback model", "The fallback is Claude Opus 4.8.", "A fallback is cheaper but weaker."),
    ("whats the new benchmark now?", "It topped the Vals AI Index.", "It topped the new benchmark."),
    ("How did Beijing react?", "Beijing responded by blacklisting 56 firms.", "Beijing firms grew quickly."),
    ("When did the lab publish its policy?", "On 2026-02-24, the lab published its policy.", "The lab published it."),
    # "what" with a few words of description asks which one, as "which" does
    ("what big indian it firm was zephyr partnering with", "It had a deal with Tata Consultancy Services.",
     "Indian firms worried about the order."),
    # how well it does its job: a measure of it
    ("how good is the new filter at blocking the trick", "The filter blocks the trick in over 99% of tries.",
     "The filter was trained on the trick."),
    # what share: a percentage or a fraction, not any figure
    ("what % of the quill configs hardcode one model", "Over 70% of configs hardcode a single model.",
     "The configs cost $10 per million tokens."),
    ("what share of the findings were false alarms", "One in four findings was a false alarm.",
     "The audit found 12 issues."),
    ("how effective was the fix", "One in four attempts still got through.", "The fix shipped on Monday."),
    # how much something moved: a share or an amount, not any number
    ("how much did zephyr stock jump", "Zephyr's shares surged 48% intraday.", "Within 24 hours, Zephyr moved."),
    ("by how much did usage fall", "Usage fell by half, to $2 a seat.", "Usage fell in 3 regions."),
    # asked in a few words, as chat does
    ("quill ban date?", "The ban came on June 12.", "The ban came after the test."),
    ("quill 3 api price?", "It costs $10 per million tokens.", "It costs more than Quill 2."),
    # a score, a payment, people of an office asked without "how much" or "who"
    ("what score did quill 3 get on the coding benchmark", "Quill 3 scored 87 on it.", "Quill 3 topped the benchmark."),
    ("whats quill's exact score on frontier code", "It posted 64.2 there.", "It doubled its rivals there."),
    ("what did the bank pay to join the program", "The bank paid $5 million to join.", "The bank joined in May."),
    ("which senators signed the letter", "It was signed by Maria Ortiz and Tom Reyes.", "Several senators signed it."),
    # a name opening the sentence as its subject, not a scene set before it
    ("who is quill legal's ceo", "Maria Ortiz, Quill Legal's CEO, raised concerns.", "In June, the firm objected."),
    ("who sued the ministry", "Quill LegalTech sues the ministry over the order.", "Last Friday, a startup sued."),
])
def test_questions_asking_for_a_time_date_or_number_prefer_sentences_that_hold_one(
    question: str, fits: str, misses: str
) -> None:
    wanted = expected_answer(question)
    assert wanted is not None
    assert wanted.fits(fits, "fact")
    assert not wanted.fits(misses, "fact")


@pytest.mark.parametrize(("question", "asks_date"), [
    ("fable back?? since when", True),
    ("ok so when did it return", True),
    ("is it back, and when?", True),
    ("anthropic said it would be sorted when?", True),
    ("what message did people get in the app when it was gone", False),  # "when" joining two clauses
    ("does it tell you when it falls back to opus now", False),
    ("When the app refuses a request, which model answers it instead?", False),  # sets the scene for "which"
    ("when quill's classifier trips what model actually answers", False),  # so without the comma too
    ("When did the window open, and when did it close?", True),
    ("by what deadline must the agency answer", True),
    ("when did it come back on july 9, was it the morning?", True),
])
def test_when_asks_for_a_date_only_where_it_asks(question: str, asks_date: bool) -> None:
    wanted = expected_answer(question)
    assert (wanted is not None and wanted.fits("It came back on July 1.", "fact")
            and not wanted.fits("It came back.", "fact")) is asks_date


def test_the_lead_holds_what_was_asked_for_then_is_the_better_ranked() -> None:
    question = "is the model back? since when"
    chatter = _candidate("Posts saying the model was back spread quickly.")
    dated = _candidate("The model returned to every customer on July 1.")
    wanted = expected_answer(question)
    assert _lead_preference(dated, 1, [], wanted) > _lead_preference(chatter, 0, [], wanted)
    # without a kind of answer asked for, the ranker's order stands (not a re-count of the question's words)
    assert _lead_preference(dated, 0, []) > _lead_preference(chatter, 1, [])
    assert _lead_preference(chatter, 0, []) > _lead_preference(dated, 1, [])


def test_a_share_asked_is_looked_for_near_the_questions_own_words() -> None:
    """Asked what percent backed a company, a percentage of something else is no answer and the refusal says a
    percentage was looked for; one beside the words asked about answers it; other kinds of question are not
    this rule's to decline."""
    wanted = expected_answer("what % backed zephyr")
    focus = {"back": 1.0}
    elsewhere = ["Markets gave a 55% chance of restoration by July 1.", "Most users backed Zephyr in the fight."]
    assert unstated_share_asked(wanted, elsewhere, focus) == "a percentage"
    assert unstated_share_asked(wanted, ["A poll found 61% backed Zephyr over the agency."], focus) is None
    assert unstated_share_asked(expected_answer("how many backed zephyr"), elsewhere, focus) is None


def test_a_sum_asked_is_declined_when_no_best_sentence_states_any_amount() -> None:
    wanted = expected_answer("what was the dollar amount of the criminal penalties in the letter")
    assert wanted is not None and wanted.figure
    penalties = ["The letter threatened criminal and civil penalties.", "Penalties could follow any breach."]
    assert unstated_money_asked(wanted, penalties) == "an amount of money"
    assert unstated_money_asked(wanted, [*penalties, "Fines reach $300,000 per breach."]) is None
    assert unstated_money_asked(expected_answer("what penalties did the letter threaten"), penalties) is None


def test_a_follow_up_asks_the_kind_of_answer_its_own_words_ask_else_its_threads() -> None:
    own = _answer_asked("who was the letter addressed to (what did the experts say about the ban)?")
    assert own is not None and own.label is None and own.fits("It went to Secretary Jane Quill.", "fact")
    carried = _answer_asked("and mythos? (how much does fable cost)")
    assert carried is not None and carried.fits("It costs $15 per million tokens.", "fact")
    assert not carried.fits("It returned on July 1.", "fact")


def test_a_models_response_is_its_output_not_a_partys_reaction() -> None:
    reaction = expected_answer("what was china's response to the ban?")
    assert reaction is not None and reaction.label == "claim"
    size = expected_answer("what is the maximum length of a single Fable 5 response?")
    assert size is None or size.label != "claim"


def test_a_partys_words_reported_as_news_are_what_it_said() -> None:
    """Asked what one party told another, an outlet reporting that it informed or warned them gives its words,
    though labelled fact; a sentence saying the party was told or described gives none of its own."""
    said = expected_answer("what did jassy tell bessent")
    assert said is not None and said.label == "claim"
    assert said.fits("The Journal reports that Jassy informed Bessent that the researchers broke the model.", "fact")
    assert said.fits("Jassy raised security concerns about the model with Bessent.", "fact")
    assert not said.fits("Jassy was told about the finding on Thursday.", "fact")
    assert not said.fits("Jassy runs the company that hosts the model.", "fact")


def test_asked_why_a_turn_of_the_story_came_about_the_lead_gives_a_reason() -> None:
    from bot.answers.events_asked import events_named, reason_asked

    question = "why was the ban lifted"
    timing = _candidate("Commerce lifted the ban on June 30.")
    reason = _candidate("Commerce lifted the ban on June 30 after the lab trained a new classifier.")
    wanted = reason_asked(question, events_named(question))
    assert wanted is not None and _lead_preference(reason, 1, [], wanted) > _lead_preference(timing, 0, [], wanted)
    other = "why did the experts think it was dangerous"
    assert reason_asked(other, events_named(other)) is None  # no turn of the story named


def test_asked_which_site_the_name_comes_before_the_event_the_question_sets_the_scene_with() -> None:
    question = "which benchmark site ranked the model first at launch"
    wanted = expected_answer(question)
    assert wanted is not None and wanted.names
    launch = _candidate("The lab launched the model on June 9.")
    site = _candidate("The model topped the Vals AI benchmark on its first day.")

    def near(text: str) -> bool:
        return "Vals AI" in text
    events = {"launch"}
    with_event = _lead_preference(launch, 0, [], wanted, events, near=near)
    with_name = _lead_preference(site, 1, [], wanted, events, near=near)
    assert with_event[5] and not with_name[5]  # only the launch sentence states the event named
    assert with_name > with_event


def test_a_number_in_a_models_name_is_no_count_for_the_lead() -> None:
    question = "how long was the model offline in total"
    wanted = expected_answer(question)
    named = _candidate("Critics said Fable 5 and Opus 4.8 were offline in total confusion.")
    counted = _candidate("The model was offline for 19 days before it returned.")
    assert _lead_preference(counted, 1, [], wanted) > _lead_preference(named, 0, [], wanted)
    # a figure that is not a version still counts, at the start of a sentence or after a month
    for text in ("About 40 days passed with the model offline.", "It was offline from June 12 for 18 days."):
        assert _lead_preference(_candidate(text), 1, [], wanted)[5]  # holds the kind of value asked for


@pytest.mark.parametrize(("question", "money"), [
    ("how much is quill now", True),
    ("how much does Quill 3 cost per million tokens", True),
    ("how much did the fund put into Zephyr", True),
    ("what does Orbit cost", True),
    ("how much of the traffic went to Orbit", False),  # a share
    ("how much data did they keep", False),
])
def test_a_price_asked_for_is_an_amount_of_money(question: str, money: bool) -> None:
    wanted = expected_answer(question)
    assert wanted is not None
    assert (wanted.fits("Quill 3 costs $10 per million tokens.", "fact")
            and not wanted.fits("Quill 3 returned on July 1 for 40 banks.", "fact")) is money


def test_a_year_on_its_own_is_no_count() -> None:
    wanted = expected_answer("how many firms did the ministry blacklist")
    assert wanted is not None
    assert not wanted.fits("The ministry has blacklisted firms since 2022.", "fact")
    assert wanted.fits("The ministry blacklisted 56 firms in 2026.", "fact")
    assert wanted.fits("It blacklisted 2,000 firms.", "fact")
    assert not wanted.fits("It would rather block a benign request than miss a harmful one.", "fact")  # a pronoun
    assert wanted.fits("One in five requests fell back.", "fact") and wanted.fits("It was a one-day delay.", "fact")


def test_a_share_asked_with_a_percent_sign_wants_a_number() -> None:
    wanted = expected_answer("how good is the new filter, like what % of attempts does it stop")
    assert wanted is not None
    assert wanted.fits("It blocked more than 99 percent of attempts.", "fact")
    assert not wanted.fits("It blocked most attempts.", "fact")


def test_a_place_describing_the_doer_is_not_who_did_it() -> None:
    question = "who sued the govt over the ban"
    wanted = expected_answer(question)
    assert wanted is not None
    given = {w.lower() for w in question.split()}
    assert not asked_value_near(wanted, "A Santa Rosa design startup with six staff sued the ministry.",
                                given, {"sue"})
    assert asked_value_near(wanted, "Startup Quill Legal has sued the ministry over the order.", given, {"sue"})


def test_a_name_the_question_gives_is_no_other_one_asked_for() -> None:
    question = "besides reyes and ortiz who else did quill name as a defendant"
    wanted = expected_answer(question)
    assert wanted is not None
    given = {w.lower() for w in question.split()}
    assert not asked_value_near(wanted, "The suit names Secretary Maria Ortiz and other officials as defendants.",
                                given, {"defend"})
    assert asked_value_near(wanted, "The suit also names Undersecretary Jeffrey Kessler as a defendant.", given,
                            {"defend"})


def test_which_office_or_program_asks_for_a_name_the_story_does_not_name_everywhere() -> None:
    question = "Which office within the Ministry issued the directive?"
    wanted = expected_answer(question)
    assert wanted is not None and wanted.names
    given = {w.lower().strip("?") for w in question.split()}
    focus = {"offic", "issu", "direct"}
    everyday = {"quillcorp"}.__contains__  # the story's own name, in most of the corpus
    office = "The directive was issued by the Bureau of Export Safety, an office of the Ministry."
    mere = "On June 12 the Ministry issued a directive to QuillCorp."
    assert asked_value_near(wanted, office, given, focus, everyday)
    assert not asked_value_near(wanted, mere, given, focus, everyday)  # only names the question or story gives
    assert asked_value_near(wanted, mere, given, focus)  # without knowing the story, QuillCorp would be one
    origin = "The Ministry issued the directive to American and Chinese offices."
    assert not asked_value_near(wanted, origin, given, focus, everyday)  # words of origin name nothing
    for asked in ("under what program was the model offered", "whats the june 2 order actually called",
                  "which benchmark site ranked it first"):
        found = expected_answer(asked)
        assert found is not None and found.names, asked
    for other in ("what happened to the models", "what did the company say", "what is quill"):
        found = expected_answer(other)
        assert found is None or not found.names, other


def test_an_identifier_is_asked_for_only_where_the_question_asks_for_one() -> None:
    for question in ("whats the model id string in the api", "what error did devs get", "what was the error code"):
        wanted = expected_answer(question)
        assert wanted is not None and wanted.fits("Calls returned model_not_found.", "fact"), question
    law_firm = expected_answer("which law firm advised them")  # a firm asked for, not a law
    assert law_firm is not None and not law_firm.fits("They relied on Part 744 of the rules.", "fact")
    for question in ("id love to know who sued", "was it an error by the government?"):
        wanted = expected_answer(question)
        assert wanted is None or not wanted.fits("Calls returned model_not_found.", "fact"), question


def test_what_did_someone_say_prefers_attributed_claims() -> None:
    for question in ("What did Amazon say publicly about its role?", "On what grounds did the firm argue it?",
                     "How did the Commission respond to the order?"):
        wanted = expected_answer(question)
        assert wanted is not None, question
        assert wanted.fits("The company said it would comply.", "claim")
        assert not wanted.fits("The company complied.", "fact")
    assert expected_answer("Why did Anthropic switch the models off?") is None


def test_a_term_found_only_in_context_counts_for_part() -> None:
    weights = {t: 1.0 for t in terms("Legion lawsuit grounds")}
    alone = _candidate("The complaint cites the statute and emergency powers.")
    with_context = _candidate("The complaint cites the statute and emergency powers.",
                              context="Legion LegalTech filed a lawsuit.")
    explicit = _candidate("Legion's lawsuit cites the statute as its grounds.")
    assert alone.coverage(weights) == 0.0
    assert 0.0 < with_context.coverage(weights) < explicit.coverage(weights)
    assert explicit.coverage(weights) == pytest.approx(1.0)


def test_the_questions_own_terms_count_as_stated_only_within_one_sentence() -> None:
    focus = {t: 1.0 for t in terms("court fined")}
    split = _candidate("The company was fined last week.", context="A court heard the case.")
    together = _candidate("A federal court fined the company last week.")
    assert _best_stated([split], focus) == pytest.approx(0.5)  # context does not count here
    assert _best_stated([split, together], focus) == pytest.approx(1.0)
    assert _best_stated([], focus) == 0.0 and _best_stated([split], {}) == 1.0


def test_real_english_words_are_told_from_handles_and_misspellings() -> None:
    found = _english_terms("did the guy resign or did zuck say smth abt it")
    assert {terms("guy")[0], terms("resign")[0]} <= found
    assert not found & {terms("zuck")[0], terms("smth")[0], terms("abt")[0]}


def test_redundant_rewordings_give_way_to_a_new_point() -> None:
    question_terms = frozenset(terms("Where was the lawsuit filed?"))
    first = _candidate("The lawsuit was filed in federal court in Washington on Tuesday.", 1, "a.example", 1.0)
    reworded = _candidate("A federal court in Washington received the firm's lawsuit on Tuesday, according to "
                          "court records.", 2, "b.example", 0.9)
    new_point = _candidate("The lawsuit says the order exceeded statutory authority under two laws.",
                           3, "c.example", 0.8)
    pool = [first, reworded, new_point]

    plain = select_statements(pool, 0.1, 2)
    assert [d.main for d in plain] == [first, reworded]

    diverse = select_statements(pool, 0.1, 2, redundancy=0.5, known=question_terms)
    assert [d.main for d in diverse] == [first, new_point]


def test_near_identical_copies_still_merge_as_corroboration() -> None:
    text = "The lawsuit was filed in federal court in Washington on Tuesday."
    pool = [_candidate(text, 1, "a.example", 1.0), _candidate(text, 2, "b.example", 0.9)]
    drafts = select_statements(pool, 0.1, 6, redundancy=0.5)
    assert len(drafts) == 1 and [m.outlet for m in drafts[0].members] == ["a.example", "b.example"]


def test_a_statement_is_as_new_as_the_day_it_tells() -> None:
    def dated(c: Candidate, day: date) -> Candidate:
        c.passage = dataclasses.replace(c.passage, dated=day)
        return c

    old = dated(_candidate("On June 12 the order took the model offline for every user.", 1), date(2026, 6, 13))
    new = dated(_candidate("The model returned to every user on July 1 after the order was lifted.", 2),
                date(2026, 6, 20))
    undated = dated(_candidate("The model is back for every user, with new safeguards.", 3), date(2026, 7, 3))
    assert news_date(old) == date(2026, 6, 12)  # what the sentence tells, not when its article ran
    assert news_date(new) == date(2026, 7, 1)
    assert news_date(undated) == date(2026, 7, 3)  # no day in the sentence: its article's


def test_the_same_outlet_repeating_itself_is_not_corroboration() -> None:
    headline = _candidate("Commerce clears the restricted model for twelve trusted firms on Friday", 1, "one.example")
    lead = _candidate("Commerce clears the restricted model for twelve trusted firms on Friday.", 1, "one.example",
                      score=0.9)
    sister = _candidate("Commerce clears the restricted model for twelve trusted firms on Friday!", 2, "one.example",
                        score=0.8)
    other = _candidate("Commerce clears the restricted model for twelve trusted firms, on Friday.", 3, "two.example",
                       score=0.7)
    lead = dataclasses.replace(lead, start=80, end=80 + len(lead.text))  # the page's lead, after its headline
    [draft] = select_statements([headline, lead, sister, other], 0.0, 6)
    assert draft.main is headline and draft.support == [other]


@pytest.mark.parametrize(("question", "kind", "asks"), [
    ("when did Fable come back?", "date", True),
    ("was it June 12 or 13?", "date", True),
    ("who sued over the Fable 5 ban?", "date", False),  # a numbered name's number is no date
    ("who sued over the Fable 5 ban?", "people", False),
    ("was it 54 or 76 signers?", "people", True),
    ("how long was Mythos 5 offline?", "duration", True),
    ("what does GPT-5.6 cost?", "money", True),
    ("what did Lutnick say?", "money", False),
    ("how many pages was the letter?", "people", False),  # a count of something else
    ("how many orgs got access?", "people", False),
    ("how many orgs got access?", "organizations", True),
    ("how many researchers signed?", "people", True),
    ("how big is its context window?", "tokens", True),
    ("how long can the prompts be, context size wise?", "tokens", True),
    ("what does it cost per million tokens?", "tokens", False),  # the unit of a price
    ("how many tokens per second does it write?", "tokens", False),  # a speed
    ("whos the transport secretary, brook or cole?", "person", True),
    ("what's the name of zephyr's ceo", "person", True),
    ("what did the letter ask for?", "person", False),
    ("is the review mandatory or voluntary?", "obligation", True),
    ("is it optional?", "obligation", True),
    ("is it mandatory (the June 2 order)?", "obligation", True),  # a follow-up, its topic carried in brackets
    ("has the lab joined the voluntary review yet?", "obligation", False),  # describes the review, asks no more
    ("was the ban on everyone or just non-americans??", "scope", True),
    ("who did the order cover?", "scope", True),
    ("what license did foreigners need?", "scope", False),  # mentions foreigners, asks something else
    ("was it only for non us people or worldwide", "scope", True),
    ("was it for ppl outside the us only or for everyone", "scope", True),
    ("did americans lose access too or only foreigners", "scope", True),
    ("did non-americans or foreigners need a license?", "scope", False),  # both sides are foreigners
    ("was the order only about foreign users", "scope", True),
    ("did the ban apply to us citizens too", "scope", True),
    ("did the ban apply to them too", "scope", False),  # whom "them" means is not asked
    ("did the order cover us citizens", "scope", True),
    ("did the ban affect american companies", "scope", False),  # what it did to them, not whom it covered
    ("what was the notice period the lab got", "duration", True),
    ("how much heads up did they get", "duration", True),
    ("what started the whole thing, was it amazon or the nsa", "cause", True),
    ("who tipped off the government about it", "cause", True),
    ("when did the talks start", "cause", False),
    ("how many names were on the letter", "people", True),
    ("whats the signer count", "people", True),
    ("does a partner count as a customer?", "people", False),  # the verb
    ("what actually triggered the ban?", "cause", True),
    ("why did the govt pull it", "cause", True),
    ("when did the ban start?", "cause", False),
    ("the 14th or 15th?", "date", True),
    ("how long do they keep data, 30 days?", "date", False),  # a number of days, not a day
    ("what date was the letter, 14 or 15?", "people", False),  # days asked for, not a count of signers
    ("how many signed the letter, 54 or 76?", "date", False),  # a count asked for, not days
    ("how many signed the letter, 54 or 76?", "people", True),
    ("how much better than opus is it?", "money", False),  # a comparison, not an amount
    ("how much cheaper is opus?", "money", True),
    ("how many of the 10k bugs were in microsoft products?", "organizations", False),  # bugs are counted
    ("how many of the orgs got access?", "organizations", True),
    ("so how many places got mythos back, 12 or 100+?", "organizations", True),  # chat's word for organisations
    # what is counted is the phrase's noun, past its modifiers
    ("how many high- or critical-severity flaws did the model find in the audit?", "organizations", False),
    ("how many small and mid-size firms lost access?", "organizations", True),
    # a day or a year the question gives asks for no count
    ("what was the decree the minister signed on March 4 called?", "people", False),
    ("what did the 2031 letter say?", "people", False),
    ("the letter had 54 signers?", "people", True),
    ("were american users cut off too", "scope", True),  # whom the order reached, asked of one side
    ("a site says only american citizens could still use it. is that how it went?", "scope", True),  # a claim checked
    ("were american users cut off at all", "scope", False),
    ("was quill cut off for americans too", "scope", True),
    ("was quill cut off for a day", "scope", False),
    ("did they get any warning before it hit", "duration", True),  # how much, if any
    ("is the review required for every lab", "obligation", True),
    ("is the review required reading", "obligation", False),
])
def test_a_question_asks_for_a_kind_of_value(question: str, kind: str, asks: bool) -> None:
    assert asks_for_kind(question, kind) is asks


@pytest.mark.parametrize(("question", "asks"), [
    ("when did it come back?", True),
    ("fable back?? since when", True),
    ("whats the actual launch date", True),
    ("was it june 12 or june 13 when the govt pulled it", True),  # two days offered
    ("filed on the 23rd or the 25th?", True),
    ("did they change the classifiers when it came back?", False),  # "when" joins two clauses
    ("what changed when it came back?", False),  # after another question word, too
    ("so when did it come back", True),
    ("how long did the June 15 meeting last?", False),  # the day names the meeting
    ("how many days was it dark? 18 or 19?", False),  # a count of days
])
def test_a_question_asks_for_a_day_itself_not_only_mentions_one(question: str, asks: bool) -> None:
    assert asks_for_value(question, "date") is asks


@pytest.mark.parametrize(("question", "events"), [
    ("what date did the ban end?", ["full_lifting"]),  # the ban named in passing: its end is asked
    ("yo when did the order come down", ["order"]),  # "down" names the outage, whose length is not asked
    ("did americans lose access too or only foreigners", ["order_scope"]),
    ("wait so could americans still use fable during the ban?", ["order_scope"]),  # whether the order reached them
    ("could people in the us use it while it was banned", ["order_scope"]),
    ("can us users still access it", []),  # about now, not whom the order covered
    ("how many days between launch and the ban", ["launch_to_shutdown"]),
    ("what did the ban cover", ["order_scope"]),  # not how long the models were out
    ("when did they file (Fable, San Jose)?", ["lawsuit"]),  # a follow-up to "who sued?"
    ("who tipped off the government about fable", ["trigger"]),
    ("why did they ban it", ["trigger"]),  # what set the order off
    ("why do lawyers think the order is on shaky ground", []),  # their reasons, not what set it off
    ("why was the ban lifted", ["full_lifting"]),  # the lifting's reason, which its sentences give, not the ban's
    ("how did they get the controls lifted", ["full_lifting"]),
    # a clause saying when the thing asked about happened names no event asked about
    ("how big was the search spike when quill went dark?", []),
    ("how many signed once the model was banned", ["signatories"]),
    ("since when (is Quill back)?", ["return"]),  # a "when" that asks
    ("so when did it launch", ["launch"]),
    ("what day did the govt shut quill down", ["order"]),  # the shutdown's day is the order's
    ("how long was quill shut down", ["outage_length"]),
    ("when did they ship quill 2", ["launch"]),
])
def test_the_event_a_question_asks_about(question: str, events: list[str]) -> None:
    from bot.answers.events_asked import asked_events

    assert asked_events(question) == events


@pytest.mark.parametrize(("question", "shown", "named"), [
    ("how long was it down, 18 or 19 days?", "19 days", True),
    ("how long was it down, 18 or 19 days?", "June 18", False),  # a date is named with its month
    ("was it june 12 or 13?", "June 13", True),
    ("did 76 people sign it?", "1,076", False),
    ("did 1,076 people sign it?", "1,076", True),
])
def test_the_values_a_question_names_are_recognised(question: str, shown: str, named: bool) -> None:
    assert names_value(question, shown) is named


@pytest.mark.parametrize(("question", "named"), [
    ("who was the transport secretary in those meetings?", True),
    ("whos the Transport Secretary, brook or cole?", True),
    ("who was at the meeting?", False),  # who, but not about that office
    ("who signed the transport letter?", False),
    ("who wrote to the transport secretary?", False),  # who did something to the holder
    ("what's the name of the transport secretary", True),
    ("whats the transport secretary's name again", True),
    ("hows his name spelled? one article says cole", True),  # asked how a holder's name is written
    ("did the letter name cole as the reason", False),  # "name" here is no question of spelling
])
def test_a_dispute_over_who_holds_an_office_needs_the_office_named(question: str, named: bool) -> None:
    from bot.answers.asked import names_office
    from bot.facts.disagree import Disagreement, sides_of
    from bot.facts.store import FactRow

    facts = [FactRow(n, 0, 0, 0, 1, "role_holder", "person", value, value.title(), "fact", "g", f"o{n}.example",
                     None, "role:transport-secretary") for n, value in enumerate(["brook", "brook", "cole"])]
    dispute = Disagreement("role_holder", "g", "who the Transport Secretary was", sides_of(facts))
    assert names_office(question, dispute) is named


@pytest.mark.parametrize(("question", "fits"), [
    ("is orbit 4 pricier than quill per token?", True),
    ("how much does quill 3 cost per million tokens?", False),  # another model's price is not the point
    ("what do these models cost per token?", True),  # no model named
])
def test_a_dispute_over_a_models_figure_needs_that_model_or_none_named(question: str, fits: bool) -> None:
    from bot.answers.asked import names_model
    from bot.facts.disagree import Disagreement, sides_of
    from bot.facts.store import FactRow

    facts = [FactRow(n, 0, 0, 0, 1, "price", "money", value, f"${value}", "fact", "g", f"o{n}.example", None,
                     "model:Orbit-4 per:input") for n, value in enumerate(["5", "15"])]
    dispute = Disagreement("price", "g", "the input price per million tokens of Orbit 4", sides_of(facts))
    assert names_model(question, dispute, {"model:Orbit-4", "model:Quill-3"}) is fits


@pytest.mark.parametrize(("question", "fits"), [
    ("when did the security experts letter go out", True),
    ("when did the house letter go out", False),  # the lawmakers' letter: another letter's day
    ("when did the lawmakers send their letter?", False),
    ("when did the letter go out", True),  # no author named: either letter's
])
def test_a_dispute_over_a_letters_day_needs_that_letters_author_or_none_named(question: str, fits: bool) -> None:
    from bot.answers.asked import names_author
    from bot.answers.question import normalise
    from bot.facts.disagree import Disagreement, sides_of
    from bot.facts.store import FactRow

    facts = [FactRow(n, 0, 0, 0, 1, "letter", "date", value, value, "fact", "g", f"o{n}.example", None,
                     "author:experts") for n, value in enumerate(["06-14", "06-15"])]
    dispute = Disagreement("letter", "g", "when the experts' open letter went out", sides_of(facts))
    assert names_author(normalise(question), dispute) is fits


def test_asked_about_one_authors_letter_a_sentence_about_the_others_states_no_event_asked() -> None:
    from bot.answers.compose import _of_author_asked
    from bot.answers.events_asked import events_named
    from bot.answers.statements import _states_event

    question = "when did the security experts' open letter go out"
    events = _of_author_asked(question, events_named(question))
    assert not _states_event("On June 18, four House members sent a bipartisan letter to the secretary.", events)
    assert _states_event("On June 14, security experts signed an open letter to the secretary.", events)
    assert _states_event("On June 18, four House members sent a bipartisan letter to the secretary.",
                         _of_author_asked("when did the letter go out", {"letter"}))  # no author named


def test_a_brief_shows_a_dispute_over_a_quality_only_when_it_quotes_the_other_side() -> None:
    from bot.answers.disputes import shown_in_brief
    from bot.facts.disagree import Disagreement, sides_of
    from bot.facts.store import FactRow

    def dispute(kind: str, values: list[str]) -> Disagreement:
        facts = [FactRow(n, 0, 0, 0, 1, "e", kind, value, value, "fact", "g", f"o{n}.example", None)
                 for n, value in enumerate(values)]
        return Disagreement("e", "g", "what", sides_of(facts))

    scope = dispute("scope", ["foreign-nationals", "foreign-nationals", "everyone"])  # articles 0, 1 and 2
    assert not shown_in_brief(scope, {(0, 0)})  # the brief only quotes the common side: everywhere, not news
    assert shown_in_brief(scope, {(0, 0), (2, 0)})
    assert shown_in_brief(dispute("date", ["06-12", "06-12", "06-13"]), {(0, 0)})  # a figure's, as before


@pytest.mark.parametrize(("question", "events"), [
    ("when was the ban lifted", ["full_lifting"]),  # the ban is what is lifted: the lifting is asked
    ("alright so when did the ban end", ["full_lifting"]),
    ("when did they partially lift it", ["partial_lifting"]),
    ("yo when did the order come down", ["order"]),
    ("how many ppl signed the open letter", ["signatories"]),
    ("how many signatures did the letter get", ["signatories"]),
    ("how many companies can use it again", ["allowed_entities"]),
    ("how many orgs can use mythos now", ["allowed_entities"]),
    ("how much notice did they get", ["notice"]),
    ("how long did anthropic have to shut it off", ["notice"]),
    ("when did the security researchers send their letter", ["letter"]),
    ("what day did commerce send the letter to anthropic", ["order"]),
    ("when did they partly lift it", ["partial_lifting"]),
    ("how long was it up before they pulled it", ["launch_to_shutdown"]),
    ("how many days was it down", ["outage_length"]),
    ("how long was it banned for??", ["outage_length"]),  # how long the ban kept it away
    ("how many days was it actually public before they killed it", ["launch_to_shutdown"]),
    ("why was it banned", ["trigger"]),
    ("who sued over the ban?", []),  # asks a party, not a date
    # who issued the order: asked by who did it, not by who signed another letter or what someone said of it
    ("who ordered the ban", ["issuer"]),
    ("so who actually pulled the plug on quill, was it the president himself?", ["issuer"]),
    ("which office within the ministry issued the directive?", ["issuer"]),
    ("who signed the open letter", []),
    ("did the president sign the order himself", ["issuer"]),  # whether someone did it: who did
    ("what statute did the minister sign the letter under?", []),  # a statute asked
    ("what did the president say about who prompted officials to act", ["trigger"]),  # what set it off
    ("what did the ministry say about the ban?", []),
])
def test_the_events_whose_value_a_question_asks_for(question: str, events: list[str]) -> None:
    assert asked_events(question) == events


def test_the_event_a_question_names_picks_its_dispute() -> None:
    assert events_named("when did fable 5 launch?") == {"launch"}
    assert "return" in events_named("when did it come back")
    assert "return" in events_named("is fable back? since when")
    assert "signatories" in events_named("how many ppl signed the letter")
    # a cue inside another event's longer cue, of the same kind of value, names only the longer one's event
    assert events_named("what does the june 2 executive order require") == {"executive_order"}
    assert {"executive_order", "order"} <= events_named("when did trump sign the executive order and when was the "
                                                          "order issued")
    assert {"letter", "signatories"} <= events_named("how many signed the open letter")
    # someone a letter went to, asked without its signing or a count, is no question about how many signed one
    assert "signatories" not in events_named("who did lutnick address the mythos approval letter to")
    assert "signatories" not in events_named("who did lutnick send the june 26 letter to")
    assert "signatories" in events_named("54 or 76 on that letter?")
    assert "launch" in events_named("wen did quill come out")
    # asked how long it was up before the ban, the ban is where that ends: not the outage's length
    named = events_named("how long was it up before the ban")
    assert "launch_to_shutdown" in named and "outage_length" not in named
    assert "outage_length" in events_named("how long did the ban last")
    # the ban closing a clause says when: asked when the minister spoke after it, not when the ban came
    assert "order" not in events_meant("when was that (what did the minister say about the lab after the ban)?")
    assert main_clause("how long after the ban did the lab sue") == "how long after the ban did the lab sue"
    # the day someone told staff about a release is the telling's: the release is what was said about
    assert "launch" not in events_named(without_topic_of_saying("what day did okafor tell staff about the release"))
    assert "launch" in events_named(without_topic_of_saying("what day did they release it"))
    assert not events_named("what happened to the company's valuation?")
    # asked why the order came, or who was behind it, the question is what set it off
    assert "trigger" in events_named("why did the govt ban fable")
    assert "trigger" in events_named("who was behind the ban, was it the retailer?")
    assert "trigger" not in events_named("why did the lab sue?")


def test_the_lead_states_the_event_the_question_names() -> None:
    question = "when did the government order come"
    wanted, events = expected_answer(question), events_named(question)
    other_event = _candidate("President Trump signed an executive order on June 2 on model reviews.")
    asked_event = _candidate("The Commerce Department's order reached the company on June 12.")
    assert _lead_preference(asked_event, 1, [], wanted, events) > _lead_preference(other_event, 0, [], wanted, events)
    # with no event named, the better ranked leads as before
    assert _lead_preference(other_event, 0, [], wanted) > _lead_preference(asked_event, 1, [], wanted)


class _Texts:
    def __init__(self, text: ArticleText) -> None:
        self.text = text

    def get_many(self, ids: object) -> dict[int, ArticleText]:
        return {1: self.text}


@pytest.mark.parametrize(("before", "quoted"), [
    ("The agency's scanner was pointed at the old mail server last spring.", True),
    ("They ran it twice to be sure of the result.", False),  # the sentence before points back too
    ("Results", False),  # a heading, not a sentence naming what "It" is
])
def test_a_sentence_opening_with_a_pronoun_is_quoted_with_the_sentence_it_points_to(before: str,
                                                                                    quoted: bool) -> None:
    said = "It found a bug that had sat unnoticed in the code for twenty years."
    body = f"{before} {said}"
    rows = [SentenceRow(1, 0, 0, len(before), "fact", ()), SentenceRow(1, 1, len(before) + 1, len(body), "fact", ())]
    text = ArticleText(body, rows)
    c = dataclasses.replace(_candidate(said), idx=1, start=len(before) + 1, end=len(body))
    statement = with_antecedent(c, text)
    if not quoted:
        assert statement is None
        return
    assert statement is not None and statement.text == body and statement.start == 0 and statement.end == len(body)
    assert set(terms(before)) <= statement.terms and statement.joined == 1 and statement.idx == 1
    standing = _candidate(before)
    assert with_antecedent(standing, text) is standing  # a sentence that reads alone is quoted as is
    assert with_antecedent(c, None) is None  # its article unread: no telling what "It" is


def test_the_lead_speaks_of_a_name_said_in_the_sentences_just_before_it() -> None:
    sentences = ["Ada Brand, the security researcher, spoke at the summit on Friday.",
                 "The audience asked about the new export rules.",
                 "Printing the rules on a shirt would make the shirt a controlled export, came the reply."]
    body = " ".join(sentences)
    starts = [body.index(s) for s in sentences]
    rows = [SentenceRow(1, i, a, a + len(s), "fact", ())
            for i, (a, s) in enumerate(zip(starts, sentences, strict=True))]
    joke = dataclasses.replace(_candidate(sentences[2]), idx=2, start=starts[2], end=len(body))
    other = _candidate("Brand has advised two agencies on security matters.", article_id=2, outlet="b.example")
    question = "what was Brand's shirt joke"
    texts = _Texts(ArticleText(body, rows))
    answer = assemble(question, [Draft(joke), Draft(other)], [], texts, lead_names=["Brand"])  # type: ignore[arg-type]
    assert answer.lead == joke.text  # two sentences back names her
    unread = assemble(question, [Draft(joke), Draft(other)], [], lead_names=["Brand"])
    assert unread.lead == other.text


def test_a_place_and_its_people_are_one_name_for_the_lead() -> None:
    from bot.answers.statements import speaks_of

    carrier = _candidate("The agency named South Korea's largest carrier, an investor in the lab.")
    assert speaks_of(carrier, ["Korean"])  # "the korean telecom"
    assert speaks_of(_candidate("Korean carriers protested."), ["Korea"])
    assert speaks_of(_candidate("Japanese banks signed on."), ["Japan"])
    assert not speaks_of(carrier, ["Japanese"])
    assert not speaks_of(_candidate("The open letter was signed."), ["OpenAI"])
    assert speaks_of(_candidate("A start-up sued the U.S. government on Tuesday."), ["US"])  # "U.S." is "US"
    assert speaks_of(_candidate("British ministers asked for an exemption."), ["UK"])
    assert not speaks_of(_candidate("A start-up sued the ministry on Tuesday."), ["US"])


@pytest.mark.parametrize(("between", "quoted"), [
    ("The results were alarming:", True),  # a lead-in: part of the quote
    ("It ran on every server for a whole week.", True),  # points back too: the quote goes on to the sentence that names
    ("Results", False),  # a heading between: no quote runs through it
])
def test_a_chain_of_pronoun_sentences_is_quoted_back_to_the_one_that_names(between: str, quoted: bool) -> None:
    named = "Through a pilot programme, the agency tested its scanner on old mail servers."
    said = "It found a bug that had sat unnoticed in the code for twenty years."
    body = f"{named} {between} {said}"
    b_start, s_start = len(named) + 1, len(named) + len(between) + 2
    rows = [SentenceRow(1, 0, 0, len(named), "fact", ()), SentenceRow(1, 1, b_start, s_start - 1, "fact", ()),
            SentenceRow(1, 2, s_start, len(body), "fact", ())]
    c = dataclasses.replace(_candidate(said), idx=2, start=s_start, end=len(body))
    statement = with_antecedent(c, ArticleText(body, rows))
    if not quoted:
        assert statement is None
        return
    assert statement is not None and statement.text == body and statement.start == 0
    assert set(terms(named)) <= statement.terms and statement.joined == 2


def test_a_value_of_the_kind_asked_counts_as_near_only_beside_the_questions_own_words() -> None:
    question = "Who did the officials prefer to talk to instead of Dario Amodei?"
    wanted = expected_answer(question)
    assert wanted is not None
    given = {w.lower() for w in question.replace("?", "").split()}
    focus = set(terms(question))
    assert asked_value_near(wanted, "The officials said they preferred talking to Tom Brown.", given, focus)
    # the question's own name is no answer to it
    assert not asked_value_near(wanted, "The officials spoke with Dario Amodei on Monday.", given, focus)
    # a new name far from anything the question asks about is not read as said of it
    far = "Tom Brown, who joined the company in its first year and ran its compute team for a long while, was here."
    assert not asked_value_near(wanted, far, given, focus)


def test_a_heading_ending_in_a_full_stop_cannot_open_an_answer_but_a_sentence_full_of_names_can() -> None:
    assert not reads_alone(_candidate("Jan Novak Gives His Interpretation."))
    assert reads_alone(_candidate("March 10, 5:21pm: Transport Minister Ada Reyes, directed by Premier Bo Lind, "
                                   "called Zephyr Labs CEO Cy Ode."))


def test_a_question_naming_another_models_launch_gets_that_launchs_dispute() -> None:
    from bot.answers.disputes import _of_named_model
    from bot.facts.disagree import Disagreement

    ours = Disagreement("launch", "launch/1", "when the models were launched", [], primary=True)
    theirs = Disagreement("launch", "launch/2", "when Quill-4.1 was launched", [], primary=False)
    order = Disagreement("order", "order/1", "when the government order came", [], primary=True)
    assert _of_named_model("when did zephyr release quill 4.1", [ours, theirs, order]) == [theirs, order]
    assert _of_named_model("when did the models launch", [ours, theirs, order]) == [ours, theirs, order]


@pytest.mark.parametrize(("question", "named"), [
    ("who was the national road safety director", True),
    ("whats the name of the road safety director guy", True),  # "national" only qualifies the office
    ("who was the road director", False),
])
def test_an_office_may_be_named_without_its_qualifier(question: str, named: bool) -> None:
    from bot.answers.asked import names_office
    from bot.facts.disagree import Disagreement, sides_of
    from bot.facts.store import FactRow

    facts = [FactRow(n, 0, 0, 0, 1, "role_holder", "person", value, value.title(), "fact", "g", f"o{n}.example",
                     None, "role:national-road-safety-director")
             for n, value in enumerate(["okafor", "okafor", "lind"])]
    dispute = Disagreement("role_holder", "g", "who the National Road Safety Director was", sides_of(facts))
    assert names_office(question, dispute) is named


def test_a_count_is_looked_for_next_to_what_the_question_counts() -> None:
    from bot.answers.asked import uncounted

    scores = [_candidate("Quill 3 scored 95% on the coding test and 80% on the other."),
              _candidate("The lab trained Quill 3 for 40 days.")]
    assert uncounted("how many GPUs was Quill 3 trained on?", scores) == "the number of GPUs for Quill 3"
    # another model's count is no count of the model asked about
    sized = [_candidate("Orbit 2 is a 700-billion parameter open model.")]
    assert uncounted("how many parameters does Quill 3 have", sized) == "the number of parameters for Quill 3"
    assert uncounted("how many parameters does Orbit 2 have", sized) is None
    assert uncounted("how many parameters does it have", sized) is None  # no model named: any count
    own = [_candidate("It is a 900-billion parameter model.", context="Quill 3 launched in March.")]
    assert uncounted("how many parameters does Quill 3 have", own) is None  # its context names the model
    assert uncounted("how many employees does the lab have", scores) == "the number of employees"
    assert uncounted("how many people work at the lab", scores) == "the number of people"  # up to its noun
    assert uncounted("how many security experts signed", scores) == "the number of security experts"
    assert uncounted("how many days did training take", scores) is None  # "40 days"
    assert uncounted("how many weeks did training take", scores) is None  # any span of time counts one
    # "zero days" are flaws: 40 days of training count none of those found in one browser
    assert uncounted("how many chromium zero days did it find", scores) == "the number of chromium zero days"
    assert uncounted("how many zero days did it find", scores) is None  # nothing else to look for beside a figure
    signed = [_candidate("The letter was signed by 76 security experts.")]
    assert uncounted("how many people signed the letter", signed) is None  # people under any of their words
    told = [_candidate("The request was made by email, four people familiar with the matter said.")]
    assert uncounted("how many sources said so", told) is None  # sources are people
    found = [_candidate("Partners used it to find more than 10,000 high- or critical-severity flaws in old code.")]
    assert uncounted("how many flaws did it find", found) is None  # the count heads a long noun phrase
    later = [_candidate("A team of 12 engineers with long experience in audits reviewed the flaws.")]
    assert uncounted("how many flaws did it find", later) == "the number of flaws"  # 12 counts engineers
    site = [_candidate("A single site in Ohio runs more than half a million GPUs.")]
    assert uncounted("how many gpus does the ohio site run", site) is None  # a count in words
    makers = [_candidate("The other five major AI developers have joined.")]
    assert uncounted("how many of the big labs joined", makers) is None
    # whose they are is no part of what is counted, and a page's citation marker counts nothing
    staff = [_candidate("The order covers every foreign national, including the lab's own employees [1].")]
    assert uncounted("how many of the lab's own employees lost access", staff) == "the number of employees"
    counted = [_candidate("The order covers about 600 employees of the lab.")]
    assert uncounted("how many of the lab's own employees lost access", counted) is None
    def is_name(word: str) -> bool:
        return word.lower() == "quill"
    assert uncounted("how many quill copies were sold", scores, is_name) == "the number of quill copies"
    sold = [_candidate("Quill 3 sold 3,000 copies.")]
    assert uncounted("how many quill copies were sold", sold, is_name) is None
    assert uncounted("how many quill copies were sold", [_candidate("Quill sold out in 3 hours.")], is_name) == \
        "the number of quill copies"  # a name counts nothing: "3" next to "Quill" is no count of copies
    assert uncounted("how did it go", scores) is None
    # a name narrowing what is counted must be in the counting sentence, unless it is one of the story's own
    firms = [_candidate("About 100 U.S. firms can use Quill 3 again.")]
    def place(word: str) -> bool:
        return word.lower() in {"uk", "us"}
    assert uncounted("how many UK firms use quill", firms, place) == "the number of UK firms"
    assert uncounted("how many us firms use quill", firms, place, lambda term: term == "us") is None


def test_the_asker_is_no_name_the_reporting_must_state() -> None:
    from bot.answers.statements import named_phrases

    assert named_phrases("so can I use Fable in India now? I'm in Delhi") == ["Fable", "India", "Delhi"]


def test_a_models_number_or_a_dates_day_is_no_count() -> None:
    often = expected_answer("how often does the fallback to opus kick in")
    assert often is not None
    assert not often.fits("It falls back silently to Opus 4.8 for flagged requests.", "fact")
    assert not often.fits("Post-July 1, users are told when a fallback occurs.", "fact")
    assert often.fits("Anthropic says the fallback triggers in under 5% of sessions.", "fact")
    assert not often.fits("Quill 3 costs $15 per million input tokens and $75 per million output.", "fact")  # no rate
    assert often.fits("The filter fires about once a day for most teams.", "fact")
    # a length of time may be answered by the day it ended
    length = expected_answer("how long after the order did mythos get partly unlocked")
    assert length is not None
    assert length.fits("Mythos was partly restored on June 26.", "fact")
    assert not length.fits("Mythos 5 was partly restored.", "fact")


def test_a_length_of_time_is_asked_for_not_any_number() -> None:
    length = expected_answer("how long was quill live before they pulled it")
    assert length is not None
    assert length.fits("The ministry switched off a model that had been live for three days.", "fact")
    assert length.fits("Quill 3 returned after an 18-day absence.", "fact")
    assert length.fits("The lab had to comply within hours.", "fact")
    # a clock time and a day say when, not how long
    assert not length.fits("At 5:21 p.m. on March 10 the ministry ordered Quill 3 offline.", "fact")
    assert not length.fits("Every day it stays offline is a day defenders lose.", "fact")


def test_a_partys_side_or_version_asks_for_its_own_words() -> None:
    assert speaker_asked("what is the ministry's side of the story") == frozenset({"ministri"})
    assert speaker_asked("what is Mara Vance' version of what happened") == frozenset({"mara", "vanc"})
    assert speaker_asked("what happened to the story") == frozenset()


def test_approximate_magnitudes_count() -> None:
    many = expected_answer("how many users lost access")
    assert many is not None
    assert many.fits("Hundreds of millions of users lost access overnight.", "fact")


def test_the_disputes_an_answer_states_are_those_of_its_best_statement() -> None:
    """Asked when a policy was published, a later statement that mentions the launch day is no reason to show the
    launch-day dispute: only what the answer states first (and the sentences corroborating it) counts."""
    from bot.answers.candidate import Draft
    from bot.answers.compose import stated_sentences

    best, corroborating = _candidate("The policy was published on May 2.", 1), _candidate("Published May 2.", 2)
    later = _candidate("The model launched on June 9.", 3)
    assert stated_sentences([Draft(best, [corroborating]), Draft(later)]) == {(1, 0), (2, 0)}
    assert stated_sentences([]) == set()


@pytest.mark.parametrize(("question", "trigger"), [
    ("why was the ban lifted", False),  # why it ended, not what set it off
    ("why did they lift the ban in the end?", False),
    ("why was fable banned", True),
    ("what triggered the ban?", True),
    ("what actually caused the shutdown, was it amazon or china", True),  # the shutdown's cause: the trigger
])
def test_why_a_later_turn_came_is_not_what_set_the_order_off(question: str, trigger: bool) -> None:
    from bot.answers.events_asked import events_meant
    from bot.facts.read import TRIGGER

    assert (TRIGGER.key in events_meant(question)) is trigger


@pytest.mark.parametrize(("question", "events"), [
    # "letter" alone names the count of its signatories; asked for a day, it is the open letter's day
    ("what date was the letter, 14th or 15th?", {"letter"}),
    ("did they really only get 90 minutes??", {"notice"}),  # a notice checked by its length
    ("why did the government go after quill in the first place", {"trigger"}),  # what the order did: why it came
    ("when did openai drop its new model", {"launch"}),  # chat's word for a release
    ("when did commerce drop the controls", {"full_lifting"}),
    ("how many people signed?", {"signatories"}),
    ("when did tom brown become anthropics ceo", {"role_holder"}),  # no dated event of an office: left as named
    ("is quill back yet", {"return"}),
    ("when quill falls back to the older model what do i pay", set()),  # a fallback is no return
    ("did congress push back on the order", {"order"}),
])
def test_a_question_asking_another_kind_of_value_than_its_event_has_means_the_event_of_that_kind(
        question: str, events: set[str]) -> None:
    from bot.answers.events_asked import events_meant

    assert events_meant(question) == events


def test_a_question_naming_two_sides_of_a_dispute_asks_about_it() -> None:
    from bot.answers.events_asked import sides_named
    from bot.facts.disagree import Disagreement, Side
    from bot.facts.store import FactRow

    def side(text: str, kind: str) -> Side:
        fact = FactRow(1, 0, 0, 0, 10, "role_holder", kind, text.lower(), text, "fact", "g", "o1", None, "")
        return Side(text.lower(), text, [fact])

    holder = Disagreement("role_holder", "g", "who the minister was",
                          [side("Ivo Brand", "person"), side("Ivo Brnad", "person"), side("Mara Quist", "person")])
    assert sides_named("is it brand or brnad", holder) == 2  # by the names only that side gives
    assert sides_named("who is ivo", holder) == 0  # a name every side gives names none
    days = Disagreement("outage_length", "g", "how long", [side("18 days", "duration"), side("19 days", "duration")])
    assert sides_named("was it 18 or 19 days", days) == 2
    scheme = Disagreement("obligation", "g", "whether it binds",
                          [side("voluntary", "obligation"), side("mandatory", "obligation")])
    assert sides_named("how do the voluntary review and the mandatory controls fit together", scheme) == 0


def test_the_words_before_a_named_site_describe_it() -> None:
    from bot.answers.compose import _site_description

    assert _site_description("What did the Dutch ICT-law blog ICTRecht say?", "ictrecht") == \
        " dutch ict law blog "  # the four words before it
    assert _site_description("ictrecht, what did it say", "ictrecht") == "  "
    assert _site_description("what did lawfare say", "ictrecht") == ""  # not named as written


def test_an_identifier_no_sentence_gives_near_what_it_names_is_unreported() -> None:
    from bot.answers.asked import unnamed

    def everyday(term: str) -> bool:
        return term in {"quill", "zephyr"}

    dated = [_candidate("The ministry's letter to Zephyr was dated March 10.")]
    numbered = [_candidate("The ministry's letter, case No. 26-114, reached Zephyr on March 10.")]
    assert unnamed("whats the case number on the ministry letter", dated, everyday) == "the case number"
    assert unnamed("whats the case number on the ministry letter", numbered, everyday) is None
    assert unnamed("what is the official executive order number", dated, everyday) == "the executive order number"
    assert unnamed("whats the EO number for the june 2 order", dated, everyday) == "the EO number"  # its short form
    called = [_candidate("The group behind it, known as Grey Heron, reached Quill 3 in May.")]
    unnamed_group = [_candidate("A group reached Quill 3 in May, officials said.")]
    assert unnamed("whats the name of the group that got into quill 3", called, everyday) is None
    assert unnamed("whats the name of the group that got into quill 3", unnamed_group, everyday) == \
        "the name of the group"
    # a name beside the word asked about answers it, not one further along the sentence
    relayed = [_candidate("The controls came after a Zephyr researcher, relayed via chief executive Dana Reyes, "
                          "reported the flaw.")]
    assert unnamed("whats the name of the zephyr researcher who found it", relayed, everyday) == \
        "the name of the zephyr researcher"
    named = [_candidate("Zephyr researcher Jane Roe reported the flaw in May.")]
    assert unnamed("whats the name of the zephyr researcher who found it", named, everyday) is None
    # whoever a sentence names as what is asked, office and all, however far from the word
    suit = [_candidate("The complaint names Trade Minister Ada Vance and two other officials as defendants.")]
    assert unnamed("who are the defendants in the zephyr suit", suit, everyday) is None
    aside = [_candidate("The complaint, filed by Trade Minister Ada Vance's critics, lists four other defendants.")]
    assert unnamed("who are the defendants in the zephyr suit", aside, everyday) == "the name of the defendants"
    # an office holder beside the word ("relayed via CEO Dana Reyes") or the outlet that reported it is no researcher
    headed = [_candidate("The flaw came from a Zephyr researcher, relayed via CEO Dana Reyes, in May.")]
    assert unnamed("whats the name of the zephyr researcher who found it", headed, everyday) == \
        "the name of the zephyr researcher"
    assert unnamed("whats the name of the zephyr ceo", headed, everyday) is None  # the office asked for
    cited = [_candidate("According to the Daily Ledger, Zephyr researchers found the flaw in May.")]
    assert unnamed("whats the name of the zephyr researcher who found it", cited, everyday) == \
        "the name of the zephyr researcher"
    assert unnamed("what is the number of people who signed", dated, everyday) is None  # a count, not an identifier
    versioned = [_candidate("The executive order signed on June 2, 2026 named Quill 3 and a 30-day review.")]
    assert unnamed("whats the executive order number", versioned, everyday) == "the executive order number"  # a day,
    # a year, a version and a span of days identify nothing
    assert unnamed("whats the executive order number", [_candidate("Executive Order 14301 set up the review.")],
                   everyday) is None
    # a name is looked for beside the thing asked, not beside the words describing it ("the NSA exercise")
    drill = [_candidate("An NSA Director, Mara Vance, briefed the panel on a finding from a classified exercise.")]

    def agency(word: str) -> bool:
        return word.lower() == "nsa"
    assert unnamed("what was the name of the nsa exercise where quill got in", drill, everyday, agency) == \
        "the name of the nsa exercise"
    assert unnamed("what was the name of the nsa exercise where quill got in", drill, everyday) is None  # as a word
    assert unnamed("what was the name of the nsa exercise", [_candidate("The exercise, Iron Gate, ran in May.")],
                   everyday) is None
    # "who is the X": the holder of what the words describe, by name
    filed = [_candidate("Zephyr filed its complaint in federal court on Tuesday, asking a judge to annul the order.")]
    assert unnamed("whos the judge on the zephyr case", filed, everyday) == "the name of the judge"
    assert unnamed("whos the judge on the zephyr case",
                   [_candidate("The case was assigned to Judge Amara Stone on Friday.")], everyday) is None
    # a capitalised word the corpus otherwise writes in lower case names nobody
    junk = [_candidate("So, Zephyr employee Jailbreaks, that makes it to the top.")]
    assert unnamed("whats the name of the zephyr employee", junk, everyday,
                   lambda word: word.lower() != "jailbreaks") == "the name of the zephyr employee"
    assert unnamed("whats the name of the zephyr employee", junk, everyday) is None


def test_a_holder_asked_by_a_title_or_a_group_asked_by_name_needs_names_beside_them() -> None:
    """"which judge …" wants a name written with the title; "which official" any titled name; a kind of party
    ("who is the company suing") is no office; a list asked for wants names among the listed, not places."""
    from bot.answers.asked import unnamed

    def everyday(term: str) -> bool:
        return term in {"zephyr", "compani"}

    def is_name(word: str) -> bool:  # as the corpus writes it: capitalised, or a people's or an annex's name
        return word[:1].isupper() or word.lower() in {"japanese", "american", "annex"}

    filed = [_candidate("Zephyr filed its complaint in federal court in Washington on Tuesday.")]
    assert unnamed("which federal judge got the zephyr case", filed, everyday) == "the name of the federal judge"
    assert unnamed("which federal judge got the zephyr case",
                   [_candidate("Judge Amara Stone will hear the Zephyr case.")], everyday) is None
    signed = [_candidate("The order, signed by Trade Secretary Lena Ortiz, reached Zephyr on Friday.")]
    assert unnamed("which cabinet official signed the order", signed, everyday) is None  # any title answers
    assert unnamed("which cabinet official signed the order", filed, everyday) == "the name of the cabinet official"
    # a party of a kind, not an office: for the answer model to judge, not this rule
    assert unnamed("whos the company suing the government", filed, everyday) is None
    assert unnamed("who was the ex trade dept person at the think tank who said it", filed, everyday) is None
    # a list asked for: names among what is listed, however common its word
    firms = [_candidate("Eight financial companies, including NEC and Sumitomo Mitsui Financial Group, signed deals.")]
    assert unnamed("which japanese companies signed deals? names pls", firms, everyday, is_name) is None
    blacklisted = [_candidate("China responded by blacklisting 56 American companies on Friday.")]
    assert unnamed("which 56 american companies did beijing blacklist? any names", blacklisted, everyday,
                   is_name) == \
        "the names of the american companies"
    assert unnamed("can u list the annex A orgs that got access back", blacklisted, everyday, is_name) == \
        "the names of the annex A orgs"
    # a name asked for by "name one of…", as by "list"
    assert unnamed("name one of the 56 american companies beijing blacklisted pls", blacklisted, everyday,
                   is_name) is not None
    assert unnamed("name one of the japanese companies that signed deals", firms, everyday, is_name) is None
    # members of another list are no answer; the list named is no list asked for
    other = [_candidate("When Zephyr was put on a trade list, companies such as Brightline halted business.")]
    assert unnamed("which companies are on the annex A list? any names", other, everyday, is_name) == \
        "the names of the companies"
    assert unnamed("which companies are on the annex A list? any names",
                   [_candidate("The Annex A list includes companies such as Brightline and Corvid.")], everyday,
                   is_name) is None
    assert unnamed("which companies are on the annex A list for quill?", other, everyday, is_name) is None
    # members named beside what put them on the list, not beside the word the question describes them by
    letter = [_candidate("The open letter, signed by Alex Marlow and Dana Reyes, asked for a reversal.")]
    assert unnamed("which experts signed the open letter? any names", letter, everyday, is_name) is None
    # (people only: a company is written beside its kind, so a person beside the deed names none)
    assert unnamed("which companies triggered the crackdown? names pls",
                   [_candidate("Talks by Dana Reyes triggered the crackdown.")], everyday, is_name) == \
        "the names of the companies"
    # a codename or a title asked for
    coded = [_candidate("Quill 4 (previously codenamed Fennec) ships next month.")]
    assert unnamed("what was quill 4's internal codename", coded, everyday) is None
    assert unnamed("what was quill 4's internal codename", filed, everyday) == "a codename"
    assert unnamed("when did quill 4 (codename Fennec) ship?", filed, everyday) is None  # given, not asked
    assert unnamed("whats the title of zephyr's paper", filed, everyday) == "the title of zephyr's paper"


def test_a_question_with_its_own_question_word_is_not_read_as_a_terse_one() -> None:
    assert expected_answer("what happened that day?") is None  # asks what happened, not when
    assert expected_answer("did they change the price") is None


def test_who_did_something_names_the_deed_the_name_stands_beside() -> None:
    from bot.answers.asked import deed_asked

    assert deed_asked("who led the open letter asking ortiz to lift the order?") >= frozenset(terms("led"))
    assert deed_asked("ok who signed it") >= frozenset(terms("signed signatories"))
    # and the words reporting writes the same deed with
    assert deed_asked("who organized the open letter") >= frozenset(terms("organized led spearheaded"))
    assert not deed_asked("ok who signed it") & frozenset(terms("led wrote"))
    assert deed_asked("who sued the ministry over it") >= frozenset(terms("sued lawsuit suit"))
    assert deed_asked("who is she") == frozenset()
    assert deed_asked("who ended up leading the talks after dario") >= frozenset(terms("leading"))
    assert deed_asked("who is leading them now") >= frozenset(terms("leading"))
    assert deed_asked("who actually signed it") >= frozenset(terms("signed"))
    assert deed_asked("who is the ceo") == frozenset()
    assert deed_asked("who was behind it") == frozenset()
    assert deed_asked("who did that") == frozenset()
    assert deed_asked("what did the ministry say") == frozenset()


def test_an_exact_count_is_not_given_by_an_order_of_magnitude() -> None:
    from bot.answers.asked import uncounted

    vague = [_candidate("Zephyr serves hundreds of millions of users across its apps.")]
    assert uncounted("how many users does zephyr have", vague) is None
    assert uncounted("how many users does zephyr have exactly", vague) == "the number of users"
    assert uncounted("exactly how many users does zephyr have",
                     [_candidate("Zephyr serves 312 million users.")]) is None


def test_a_named_sites_best_sentence_leads_however_far_below_the_best_it_scored() -> None:
    """Asked what one site wrote, its best sentence is lifted to lead even when another site's scored far higher;
    a quoted phrase's sentences are lifted only when they are among the statements at all."""
    from bot.answers.compose import _lead_with

    def pool() -> list[Candidate]:
        return [_candidate("Another site's close match.", 1, "other.example", score=0.96),
                _candidate("The named site's own account.", 2, "named.example", score=0.12),
                _candidate("The named site's aside.", 2, "named.example", score=0.05)]

    def of_site(c: Candidate) -> bool:
        return c.outlet == "named.example"

    named = pool()
    _lead_with(named, of_site, anyhow=True)
    assert named[0].text == "The named site's own account." and named[0].score == pytest.approx(0.96)
    assert named[1].score == pytest.approx(0.96)  # the other site's sentence keeps its score, after the lead
    quoted = pool()
    _lead_with(quoted, of_site)
    assert quoted[0].outlet == "other.example"


def test_a_name_only_in_a_clause_saying_when_is_no_subject_the_lead_must_name() -> None:
    from bot.answers.compose import _of_main_clause

    question = "Which assumptions in AI vendor relationships failed when Quill 3 was switched off?"
    assert _of_main_clause(question, ["AI", "Quill"]) == ["AI"]
    assert _of_main_clause("what happened when Quill 3 was switched off?", ["Quill"]) == ["Quill"]  # none else
    assert _of_main_clause("when did Quill 3 come back?", ["Quill"]) == ["Quill"]  # "when" that asks
    # a clause setting the time by another happening, like a "when" clause; a bare "after the ban" is no clause
    question = "Who took over Orbit's side of the talks after the White House stopped dealing with Dana Reyes?"
    assert _of_main_clause(question, ["Orbit", "White House", "Dana Reyes"]) == ["Orbit"]
    assert _of_main_clause("what did Orbit do after the ban on Quill?", ["Orbit", "Quill"]) == ["Orbit", "Quill"]
    assert _of_main_clause("what Korean model dropped right after Quill got pulled?", ["Korean", "Quill"]) == \
        ["Korean"]


def test_a_refusal_names_what_was_looked_for_in_the_questions_own_words() -> None:
    # a name of two words is looked for whole, not as two words; words apart stay apart
    assert _key_words("did jd vance say anything about the ban", ["jd", "vanc"]) == ["jd vance"]
    assert _key_words("did the senate hold a hearing or a vote", ["senat", "vote"]) == ["senate", "vote"]


@pytest.mark.parametrize("question", ["what did people say about it", "so what happened to the company",
                                      "what is the firm's view"])
def test_what_before_a_verb_or_article_asks_no_party(question: str) -> None:
    assert expected_answer("what company sued") is expected_answer("who sued")
    assert expected_answer(question) is not expected_answer("who sued")


def test_asked_why_something_is_called_a_word_no_story_event_is_asked() -> None:
    """"why is the ban called a deemed export?" asks what the word means; "why was it banned?" what set it off."""
    from bot.answers.compose import _fact_asked
    from bot.answers.events_asked import events_meant

    called = "why is the ban called a deemed access thing"
    assert _fact_asked(called, events_named(called)) is None and events_meant(called) == set()
    banned = "why was quill banned"
    assert _fact_asked(banned, events_named(banned)) == "trigger"


def test_a_sentence_naming_a_party_neither_the_story_nor_the_question_names_is_about_another() -> None:
    from bot.answers.compose import names_another_party

    story = frozenset({"zephyr", "quill", "ministri"}).__contains__
    asked = frozenset(terms("when was quill pulled"))
    assert names_another_party("The report puts Orbit's next release inside the turmoil that forced Zephyr to pull "
                               "Quill on June 12.", asked, story)
    assert not names_another_party("On June 12 the Ministry ordered Zephyr to pull Quill.", asked, story)
    assert not names_another_party("On June 12 the ministry ordered Zephyr to pull Quill, Orbit said.",
                                   asked | {"orbit"}, story)  # the question names it


def test_a_length_guessed_in_words_asks_for_the_length() -> None:
    """"did the ban last like a month?" checks a guess, as "was it offline like 2 weeks?" does: the reported length
    answers it."""
    from bot.answers.compose import _fact_asked

    for question in ("did the ban last like a month?", "was quill down for a couple of weeks?",
                     "was it offline like 2 weeks?"):
        assert _fact_asked(question, events_named(question)) == "outage_length", question
    assert _fact_asked("did the ban last?", events_named("did the ban last?")) is None


def test_how_soon_after_something_asks_a_length_of_time_or_a_day() -> None:
    wanted = expected_answer("how soon after quill launched did they find the flaw? like same day or what")
    assert wanted is not None
    assert wanted.fits("Three days into the launch, researchers found a way around the filters.", "fact")
    assert not wanted.fits("Researchers found a way around the filters and told the minister.", "fact")


def test_a_question_naming_only_other_models_is_not_about_the_storys_events() -> None:
    """Asked when GLM-5.2 dropped, the dispute over when the story's models launched is no answer's business; a day
    ("the June 2 order") names no model, and a question naming the story's own model is about the story."""
    from bot.answers.compose import _asks_of_other_models

    story = ["Fable", "Mythos"]
    assert _asks_of_other_models(["GLM-5.2"], story)
    assert _asks_of_other_models(["Opus 4.8", "GPT-5.6"], story)
    assert not _asks_of_other_models(["Opus 4.8", "Fable 5"], story)
    assert not _asks_of_other_models(["June 2"], story)
    assert not _asks_of_other_models([], story)


@pytest.mark.parametrize(("question", "asks"), [
    ("why did the govt even pull fable in the first place", True),
    ("what actually triggered the government's decision to restrict it?", True),
    ("how was the trigger for the export control described?", True),
    ("who tipped off the government about the jailbreak?", True),
    ("why does routine debugging trigger the new classifier?", False),  # a safeguard's trigger
    ("how often does the fallback to opus trigger?", False),
    ("why do ppl think export controls on models like mythos just wont work", False),  # a reason, not the order's
])
def test_the_orders_cause_is_asked_only_of_the_governments_move(question: str, asks: bool) -> None:
    """"Sources disagree on what set off the order" answers why the order came, not every "why" or "trigger"."""
    assert asks_for_kind(question, "cause") is asks


def test_a_name_a_thread_carried_in_may_be_the_name_asked_for() -> None:
    """After an answer quoting a spokesperson, "who said that, which spokesperson" carries her name in; the sentence
    naming her beside "spokesperson" answers it. Typed by the asker, a name is no answer to its own question."""
    from bot.answers.asked import unnamed

    quoted = [_candidate("The bloc's spokesperson Lena Vik said the measures must not discriminate.")]

    def is_name(word: str) -> bool:
        return word in {"Lena", "Vik"}
    assert unnamed("whats the name of the spokesperson (Lena Vik)?", quoted, is_name=is_name) is None
    assert unnamed("whats the name of the spokesperson, lena vik?", quoted,
                   is_name=is_name) == "the name of the spokesperson"


def test_an_office_named_where_no_one_is_asked_for_is_no_event_the_lead_must_state() -> None:
    from bot.answers.compose import office_asked_only
    from bot.facts.read import ROLE

    said = "what did the spokesperson say"
    assert office_asked_only({ROLE.key, "order"}, _answer_asked(said)) == {"order"}
    assert office_asked_only({ROLE.key}, _answer_asked("when did secretary lutnick send the letter")) == set()
    # asked who holds it, or its holder's name, the office is what the lead states
    assert office_asked_only({ROLE.key}, _answer_asked("who is the ceo of legion")) == {ROLE.key}
    assert office_asked_only({ROLE.key}, _answer_asked("what is the name of the cyber director")) == {ROLE.key}
