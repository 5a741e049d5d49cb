"""Assembling an answer: one number per article, the lead, real titles and dates, specific values."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from bot.answers.answer_type import expected_answer
from bot.answers.candidate import Draft
from bot.answers.compose import (
    FIGURE_RELATIVE_SCORE,
    ExtractiveComposer,
    _answer_asked,
    _with_figure,
    thread_names,
)
from bot.answers.speakers import speaker_asked
from bot.answers.statements import assemble, lead_names, lead_values, speaks_of, specifics
from bot.answers.value_text import states_value, value_words
from bot.corpus.page import display_title, page_dateline
from tests.answers.test_compose import _candidate
from tests.written_story import answers_over, filler_notes


def test_each_article_has_one_number_and_its_quotes_sit_under_it() -> None:
    first = _candidate("The order reached the company on a Friday evening.", article_id=1)
    second = _candidate("The company complied within ninety minutes of the order.", article_id=1)
    second = type(second)(**{**second.__dict__, "idx": 3})
    other = _candidate("The order reached the company on Friday evening, officials said.", article_id=2,
                       outlet="two.example")
    answer = assemble("When did the order arrive?", [Draft(first, [other]), Draft(second)], [])
    assert [s.n for s in answer.sources] == [1, 2]
    assert answer.statements[0].citations == [1, 2] and answer.statements[1].citations == [1]
    [one] = [s for s in answer.sources if s.article_id == 1]
    assert one.quotes == [first.text, second.text]


def test_the_lead_is_the_best_sentence_that_reads_on_its_own() -> None:
    dangling = _candidate("They said the order came without warning on Friday.", article_id=1)
    whole = _candidate("Commerce ordered the models offline on Friday evening.", article_id=2, outlet="b.example")
    answer = assemble("What happened on Friday?", [Draft(dangling), Draft(whole)], [])
    assert answer.lead == whole.text
    alone = assemble("What happened on Friday?", [Draft(whole)], [])
    assert alone.lead == whole.text


def test_the_best_statement_leads_without_a_connective_tying_it_to_the_sentence_before() -> None:
    tied = _candidate("However, Zephyr—which has committed $4 billion to the lab—stays its largest backer.",
                      article_id=1)
    other = _candidate("Zephyr's shares fell on the news of the ban.", article_id=2, outlet="b.example")
    answer = assemble("how much has zephyr put into the lab", [Draft(tied), Draft(other)], [])
    bare = "Zephyr—which has committed $4 billion to the lab—stays its largest backer."
    assert answer.lead == bare and answer.statements[0].text == bare  # the statement reads as it leads, cited
    assert answer.sources[0].quote == tied.text  # the quote is the page's own words
    # a connective before a pronoun still leans on what came before: the next statement leads
    leaning = _candidate("But they said the order came without warning.", article_id=1)
    assert assemble("what happened", [Draft(leaning), Draft(other)], []).lead == other.text


def test_asked_what_a_site_wrote_its_statement_leads_even_pointing_back() -> None:
    question = "that quillwire piece, what does it say the agency wants"
    other = _candidate("Critics argued the agency wanted wide powers over the models.", article_id=1,
                       outlet="elsewhere.example")
    own = _candidate("Under this approach, the agency seeks free rein over models for its own use.", article_id=2,
                     outlet="quillwire.example")
    answer = assemble(question, [Draft(other), Draft(own)], [],
                      lead_from=lambda c: c.passage.article.outlet == "quillwire.example")
    assert answer.lead == own.text
    unnamed = assemble(question, [Draft(other), Draft(own)], [])
    assert unnamed.lead == other.text  # no site named: "Under this approach" does not read on its own


def test_the_lead_names_what_the_question_names() -> None:
    other = _candidate("Fable 5 is available again to everyone since July 1.", article_id=1)
    asked = _candidate("Mythos 5 returned to about a hundred approved organisations.", article_id=2,
                       outlet="b.example")
    answer = assemble("is Mythos back yet?", [Draft(other), Draft(asked)], [], lead_names=["Mythos"])
    assert answer.lead == asked.text
    assert answer.statements[0].text == other.text  # the order of statements is the ranker's
    unnamed = assemble("is Mythos back yet?", [Draft(other)], [], lead_names=["Mythos"])
    assert unnamed.lead == other.text  # no statement names it: the best that reads on its own


def test_asked_what_a_party_said_a_statement_giving_its_words_leads() -> None:
    question = "what did dario write in his essay right before"
    about = _candidate("Anthropic CEO Dario Amodei has led the company since it was founded.", article_id=1)
    other = _candidate("The essay drew wide attention across the industry that week.", article_id=2,
                       outlet="b.example")
    words = _candidate("In an essay last week, Amodei wrote that unsafe models should be blocked.", article_id=3,
                       outlet="c.example")
    drafts = [Draft(about), Draft(other), Draft(words)]
    party = speaker_asked(question, (d.main.text for d in drafts))
    assert party == {"dario", "amodei"}  # the surname the reporting writes after the first name asked about
    answer = assemble(question, drafts, [], lead_speaker=party)
    assert answer.lead == words.text  # its words lead though the ranker put them last
    assert assemble(question, drafts, []).lead == about.text


def test_a_teaser_cut_short_mid_word_or_early_does_not_lead_but_one_saying_enough_does() -> None:
    teaser = _candidate("The sweeping directive, which barred every foreign national from the advanc...", article_id=1)
    whole = _candidate("The directive barred every foreign national, including the lab's own staff.", article_id=2,
                       outlet="b.example")
    assert assemble("what did the order cover", [Draft(teaser), Draft(whole)], []).lead == whole.text
    short = _candidate("The directive barred every foreign national…", article_id=1)
    assert assemble("what did the order cover", [Draft(short), Draft(whole)], []).lead == whole.text
    said = _candidate("The Commerce Secretary, at the direction of the President, called the company's chief "
                      "executive Dario…", article_id=1)
    assert assemble("did the president tell him to do it", [Draft(said), Draft(whole)], []).lead == said.text


def test_a_whole_statement_without_its_full_stop_can_lead_but_a_heading_cannot() -> None:
    context = _candidate("Officials met the company several times during the week of the review.", article_id=1)
    item = _candidate("• The agency's verdict: the first round of fixes fell short and more were demanded",
                      article_id=2, outlet="b.example")
    answer = assemble("what did the agency think of the fixes", [Draft(item), Draft(context)], [])
    assert answer.lead == "The agency's verdict: the first round of fixes fell short and more were demanded"
    heading = _candidate("Agency Verdict On The First Round Of Fixes Fell Short Again This Week", article_id=2,
                         outlet="b.example")
    trail = _candidate("Opinion>Opinions - Policy the views of contributors are their own and not ours here",
                       article_id=3, outlet="c.example")
    short = _candidate("• The agency's verdict: not enough", article_id=4, outlet="d.example")
    for unfit in (heading, trail, short):
        answer = assemble("what did the agency think of the fixes", [Draft(unfit), Draft(context)], [])
        assert answer.lead == context.text


def test_the_lead_reads_a_name_of_several_words_as_one_and_a_month_as_no_subject() -> None:
    question = "What did the lawmakers ask the Commerce Department to explain?"
    names = lead_names(question, lambda word: True)
    assert names == ["Commerce Department"]
    assert lead_names("is the ban lifted before July or on Monday?", lambda word: True) == []
    # a name opening the question is one, when the corpus writes it as one; a question word is none
    assert lead_names("Okafor called which cabinet member?", lambda word: word == "Okafor") == ["Okafor"]
    assert lead_names("When did Okafor call?", lambda word: word == "Okafor") == ["Okafor"]
    assert lead_names("When did it end?", lambda word: True) == []
    # a name set aside is who the answer is not
    assert lead_names("who are the defendants in the Legion suit besides Trump?", lambda word: True) == ["Legion"]
    assert lead_names("who else spoke other than the White House", lambda word: True) == []
    background = _candidate("The Commerce Department skipped the usual rulemaking steps for its order.", article_id=1)
    asked = _candidate("The lawmakers asked Commerce to explain which legal powers it relied on.", article_id=2,
                       outlet="b.example")
    answer = assemble(question, [Draft(asked), Draft(background)], [], lead_names=names)
    assert answer.lead == asked.text  # "Commerce" speaks of the Commerce Department


def test_names_the_thread_carried_into_a_follow_up_are_its_topic_one_of_them_enough() -> None:
    question = "and how big a request can it take (Quill 3, Portal)?"
    names = lead_names(question, lambda word: True)
    assert thread_names(question, names) == ["Quill", "Portal"]
    assert thread_names("any deal with Nimbus (Korea)?", ["Nimbus", "Korea"]) == ["Korea"]  # one: still required
    assert thread_names("did Quill come back (Quill)?", ["Quill"]) == []  # named in the question itself too
    assert thread_names("did it come back?", ["Quill"]) == []
    answer_ = _candidate("Quill 3 reads requests of up to two million tokens at once.", article_id=1)
    portal = _candidate("The Portal lists Quill 3 among its ten most requested services.", article_id=2,
                        outlet="b.example")
    elsewhere = _candidate("The company's spokesperson declined to comment on the numbers.", article_id=3,
                           outlet="c.example")
    carried = thread_names(question, names)
    required = [n for n in names if n not in carried]
    answer = assemble(question, [Draft(answer_), Draft(portal)], [], lead_names=required, lead_topics=carried)
    assert answer.lead == answer_.text  # names Quill, one of the thread's names: it need not also say Portal
    answer = assemble(question, [Draft(elsewhere), Draft(answer_)], [], lead_names=required, lead_topics=carried)
    assert answer.lead == answer_.text  # a statement naming none of them does not lead
    every = assemble(question, [Draft(answer_), Draft(portal)], [], lead_names=names)
    assert every.lead == portal.text  # (had every carried name been required)


def test_the_lead_states_the_date_or_figure_the_question_gives() -> None:
    question = "what happened on March 3?"
    assert lead_values(question) == ["March 3"]
    assert lead_values("did Quill 3 cost $40 in 2025 or was it GPT-6?", lambda word: word == "Quill") == [
        "$40", "2025"]  # a numbered name is no value to state
    other_day = _candidate("Betting markets gave the deal a 40% chance by March 9.", article_id=1)
    that_day = _candidate("On March 3 the ministry withdrew its rules for the two services.", article_id=2,
                          outlet="b.example")
    answer = assemble(question, [Draft(other_day), Draft(that_day)], [], lead_values=lead_values(question))
    assert answer.lead == that_day.text
    assert assemble(question, [Draft(other_day), Draft(that_day)], []).lead == other_day.text


def test_a_date_that_names_a_thing_is_not_a_value_the_lead_must_state() -> None:
    question = "how much notice does the March 3 rule give the labs?"
    assert lead_values(question) == []  # "the March 3 rule" names the rule
    assert lead_values("what did the rule say on March 3?") == ["March 3"]
    answer_ = _candidate("The rule gives labs up to 30 days of notice before a review.", article_id=1)
    dated = _candidate("On March 3 the ministry published its rule.", article_id=2, outlet="b.example")
    assert assemble(question, [Draft(answer_), Draft(dated)], [], lead_values=lead_values(question)).lead == \
        answer_.text


def test_where_any_sentence_holds_a_name_the_lead_holds_one_near_the_question_words() -> None:
    question = "which office issued the rule?"
    wanted = expected_answer(question)
    vague = _candidate("Officials in Brussels said the rule was issued quickly.", article_id=1)
    named = _candidate("The rule was issued by the Office of Model Safety last week.", article_id=2,
                       outlet="b.example")

    def near(text: str) -> bool:
        return "Office of Model Safety" in text
    assert assemble(question, [Draft(vague), Draft(named)], [], lead_type=wanted, lead_near=near).lead == named.text
    assert assemble(question, [Draft(vague), Draft(named)], [], lead_type=wanted).lead == vague.text


def test_a_teaser_cut_short_leads_when_it_holds_the_value_asked_beside_the_questions_words() -> None:
    """Asked who a company's CEO is, the page's teaser "Maria Ortiz, Quill Legal's CEO, raised broader concerns
    about…" names her though its page cut it short; a teaser that short holding nothing asked does not lead."""
    question = "who is quill legal's ceo"
    wanted = expected_answer(question)
    vague = _candidate("The startup sued the ministry over the order last week.", article_id=1)
    teaser = _candidate("Maria Ortiz, Quill Legal's CEO, raised broader concerns about…", article_id=2,
                        outlet="b.example")

    def slot(text: str) -> bool:
        return "Maria Ortiz" in text
    assert assemble(question, [Draft(vague), Draft(teaser)], [], lead_type=wanted, lead_slot=slot).lead == teaser.text
    assert assemble(question, [Draft(teaser), Draft(vague)], [], lead_type=wanted).lead == vague.text


def test_when_none_of_the_best_few_holds_the_value_asked_beside_the_questions_words_a_later_one_may_lead() -> None:
    """A follow-up's carried topic ranks sentences about the topic first; asked to whom the letter went, the
    statement naming the addressees leads from fourth place, and without one the ranker's order stands."""
    question = "who was the letter addressed to (what did the experts say)?"
    wanted = _answer_asked(question)
    topical = [_candidate(f"Experts said the ban was {word}.", article_id=n, outlet=f"{n}.example")
               for n, word in enumerate(["unprecedented", "reckless", "rushed"], start=1)]
    named = _candidate("The experts' letter was addressed to Secretary Jane Quill and the cyber office.", article_id=9,
                       outlet="nine.example")

    def slot(text: str) -> bool:
        return "Jane Quill" in text
    drafts = [Draft(c) for c in [*topical, named]]
    assert assemble(question, drafts, [], lead_type=wanted, lead_slot=slot).lead == named.text
    assert assemble(question, drafts[:3], [], lead_type=wanted, lead_slot=slot).lead == topical[0].text
    assert assemble(question, drafts, [], lead_type=wanted).lead == topical[0].text


def test_asked_for_an_amount_a_later_statement_holding_one_may_lead_when_none_of_the_best_few_does() -> None:
    question = "how much is quill per million tokens"
    wanted = _answer_asked(question)
    wordy = [_candidate(f"Quill handles millions of tokens in {what}.", article_id=n, outlet=f"{n}.example")
             for n, what in enumerate(["one prompt", "long sessions"], start=1)]
    priced = _candidate("Quill costs $12 per million input tokens.", article_id=7, outlet="seven.example")
    drafts = [Draft(c) for c in [*wordy, priced]]
    assert assemble(question, drafts, [], lead_type=wanted).lead == priced.text
    assert assemble(question, drafts[:2], [], lead_type=wanted).lead == wordy[0].text  # none holds one: rank stands


def test_asked_for_a_partys_amount_one_further_down_naming_it_leads_over_anothers_amount() -> None:
    """Asked how much Quill invested, "Brill invested $100 million" holds an amount, but another party's: the best
    statement further down holding one and naming Quill leads; without the name to narrow, the ranker's order stands."""
    question = "how much has quill actually invested in nimbus"
    wanted = _answer_asked(question)
    vague = _candidate("Quill has made a large strategic bet on Nimbus over the years.", article_id=1)
    other = _candidate("Brill invested $100 million in Nimbus in 2023.", article_id=2, outlet="two.example")
    filler = _candidate("Nimbus shares traded sideways all week.", article_id=3, outlet="three.example")
    quills = _candidate("Quill, a backer with $4 billion pledged to Nimbus, also sells its own models.", article_id=4,
                        outlet="four.example")
    drafts = [Draft(c) for c in [vague, other, filler, quills]]
    names = ["Quill", "Nimbus"]
    assert assemble(question, drafts, [], lead_names=names, lead_type=wanted, lead_narrowing=["Quill"]).lead \
        == quills.text
    assert assemble(question, drafts, [], lead_names=names, lead_type=wanted).lead == vague.text


def test_asked_what_a_party_called_something_a_statement_quoting_it_leads() -> None:
    question = "what did quill call the us move"
    party = speaker_asked(question, [])
    assert party == {"quill"}
    made = _candidate("At the summit, President Quill made an urgent call for cooperation on AI rules.", article_id=1)
    quoted = _candidate('President Quill said the move was "selfish" and that "we will look elsewhere" for models.',
                        article_id=2, outlet="two.example")
    later = _candidate('Nimbus announced Zeta, describing it as the first "frontier-class" model for all.',
                       article_id=3, outlet="three.example")
    drafts = [Draft(made), Draft(quoted)]
    assert assemble(question, drafts, [], lead_speaker=party).lead == quoted.text
    # a quote further down is more often of something else
    assert assemble(question, [Draft(made), *(Draft(_candidate(f"Item {n} is unrelated.", article_id=5 + n,
                                                                  outlet=f"{n}.example")) for n in range(3)),
                               Draft(later)], [], lead_speaker=party).lead == made.text


def test_asked_for_a_time_a_sentence_holding_one_below_the_cut_becomes_a_statement_that_may_lead() -> None:
    """The sentences sharing the question's words give no time; the one that does ranked far below them."""
    question = "at what time of day did the directive reach quill labs"
    wanted = _answer_asked(question)
    wordy = [_candidate(f"The directive reached Quill Labs {how}.", article_id=n, outlet=f"{n}.example", score=score)
             for n, (how, score) in enumerate([("by courier", 0.9), ("as a surprise", 0.6)], start=1)]
    timed = _candidate("The letter arrived at 5:40 PM on a Friday.", article_id=7, outlet="seven.example", score=0.25)
    faint = _candidate("Staff left at 6 PM.", article_id=8, outlet="eight.example", score=0.1)
    drafts = [Draft(c) for c in wordy]
    with_time = _with_figure(drafts, [*wordy, timed, faint], wanted, 0.9 * FIGURE_RELATIVE_SCORE)
    assert [d.main.text for d in with_time] == [*(c.text for c in wordy), timed.text]
    assert assemble(question, with_time, [], lead_type=wanted).lead == timed.text
    # below the floor, or a statement already holding one among the best few: nothing added
    assert _with_figure(drafts, [*wordy, faint], wanted, 0.9 * FIGURE_RELATIVE_SCORE) == drafts
    assert _with_figure([Draft(timed), *drafts], [timed, *wordy, faint], wanted, 0.2) == [Draft(timed), *drafts]
    # a question asking for no figure takes none
    assert _with_figure(drafts, [*wordy, timed], _answer_asked("why did the directive reach quill labs"), 0.0) == drafts



def test_asked_for_a_partys_amount_one_naming_it_becomes_a_statement_when_the_best_few_hold_anothers() -> None:
    question = "how much did zephyr invest in quill labs"
    wanted = _answer_asked(question)
    vague = _candidate("Zephyr made a large bet on Quill Labs.", article_id=1, score=0.9)
    other = _candidate("Brill invested $100 million in Quill Labs.", article_id=2, outlet="two.example", score=0.8)
    own = _candidate("Zephyr has pledged $4 billion to Quill Labs.", article_id=3, outlet="three.example", score=0.3)
    drafts = [Draft(vague), Draft(other)]
    with_own = _with_figure(drafts, [vague, other, own], wanted, 0.2, ["Zephyr"])
    assert [d.main.text for d in with_own] == [vague.text, other.text, own.text]
    assert _with_figure(drafts, [vague, other, own], wanted, 0.2) == drafts  # no name to narrow: Brill's will do


def test_asked_why_a_turn_came_about_a_reason_a_few_places_down_leads() -> None:
    """The statements sharing the question's words ("lifted", "ban") rank first and rarely say why; the one
    giving the reason is often third or fourth."""
    from bot.answers.events_asked import events_named, reason_asked

    question = "why was the ban lifted"
    wanted = reason_asked(question, events_named(question))
    drafts = [Draft(_candidate(text, article_id=i, outlet=f"o{i}.example")) for i, text in enumerate([
        "By Sunday, experts had signed a letter demanding the ban be lifted.",
        "Lifting the ban changes nothing for the people who relied on it.",
        "The ban may be lifted again later, both sides said.",
        "The controls were lifted on June 30 after the lab trained a new classifier.",
    ])]
    assert assemble(question, drafts, [], lead_type=wanted).lead == drafts[3].main.text
    assert assemble("when was the ban lifted", drafts, []).lead == drafts[0].main.text


def test_a_placeholder_title_gives_way_to_the_pages_own_headline() -> None:
    body = "# Legal firm takes the export order to court\n\nThe firm filed its complaint on Monday."
    assert display_title("(from URL) example.org/a/b", body) == "Legal firm takes the export order to court"
    assert display_title("(from URL) Legal firm sues", "No heading here. Only sentences.") == "Legal firm sues"
    assert display_title("A real title", body) == "A real title"
    # a dash whose UTF-8 bytes the page decoded as Thai (cp874) is put back
    assert display_title("Closing the Gap \u0e42\u20ac\u201d What It Cost", body) == "Closing the Gap — What It Cost"
    opening = "An Anthropic customer sued the government today over the directive that shut the models off for all."
    assert display_title("(from URL) example.org/x/y", opening) == opening[:90].rsplit(" ", 1)[0] + "…"
    assert display_title("(from URL) example.org/x/y", '{"text":[[{"start":6.2,"text":"The writer"}]]}') == \
        "untitled page"
    # a short section heading names no page; prose with figures and parentheses is still words
    briefing = "What happened\nOn May 4, 2026, Representatives Ana Ruiz (D-CA) and Tom Hale (R-TX) wrote to the agency."
    assert display_title("(from URL) example.org/f/9", briefing) == \
        "On May 4, 2026, Representatives Ana Ruiz (D-CA) and Tom Hale (R-TX) wrote to the agency."
    # a line leading into a quoted story names its writers, not the page: the address's words are the better title
    quoting = "Ana Ruiz, Tom Hale and Lee Park, reporting for a magazine:\n\nOfficials ended talks on Monday."
    assert display_title("(from URL) Commerce ends talks with the lab", quoting) == "Commerce ends talks with the lab"


def test_an_undated_page_is_dated_by_its_dateline() -> None:
    assert page_dateline("By A. Writer | June 23, 2026\n\nText.") == date(2026, 6, 23)
    assert page_dateline("Posted 2026-07-01 by staff") == date(2026, 7, 1)
    assert page_dateline("No date near the top." + " word" * 200 + " June 23, 2026") is None


def test_specific_values_a_question_gives_are_found() -> None:
    def is_name(word: str) -> bool:
        return word.lower() == "fable"

    assert specifics("what did gpt-6 score?", is_name) == ["gpt-6"]
    assert specifics("did they release fable 6 yet", is_name) == ["fable 6"]
    assert specifics("is there a cheaper fable 5 mini?", is_name) == ["fable 5 mini"]  # a sibling model of its own
    assert specifics("do fable 5 pro users get it", is_name) == ["fable 5"]  # a plan, not a model
    assert specifics("what did the june 9 order say", is_name) == ["june 9"]
    assert specifics("was it $5 billion?", is_name) == ["$5 billion"]
    assert specifics("is fable 20 bucks per million tokens", is_name) == ["20"]  # a price, not a "fable 20"
    assert specifics("is fable $15 per million input tokens", is_name) == ["$15"]
    # asked how much before it, a bare number before the rate is the model's version: the price is what is asked
    assert specifics("how much is claude fable 6 per million tokens", is_name) == ["fable 6"]
    assert specifics("is fable 20 per million tokens right", is_name) == ["20"]
    assert specifics("why were the 2 models pulled", is_name) == []
    assert specifics("fable 5 is like 2 trillion parameters right?", is_name) == ["fable 5", "2 trillion"]
    assert specifics("when did they publish the policy v4", is_name) == ["v4"]
    assert specifics("were h100s used", is_name) == ["h100"]
    assert specifics("what about the 1990s crypto wars", is_name) == ["1990s"]  # a decade, as reporting writes it
    assert specifics("Which 1990s order set the precedent?", is_name) == ["1990s"]  # a question word names nothing
    assert specifics("did it arrive at 5:21 pm or 1:15 pm?", is_name) == ["5:21", "1:15"]  # times, not "21", "15"
    assert specifics("how many users left, like 30%?", is_name) == ["30%"]  # a share, however small the number
    assert specifics("did it fall 5 percent", is_name) == ["5 percent"]
    # one of the asker's guesses ("like 50 ppl or over a hundred") is no figure the reporting must give; a single
    # guess is what the asker takes for granted
    assert specifics("was the letter like 50 ppl or over a hundred?", is_name) == []
    assert specifics("how many were cut off, like 40 million?", is_name) == ["40 million"]


def test_a_value_given_as_one_of_several_accounts_read_is_no_fact_taken_for_granted() -> None:
    from bot.answers.compose import _hearsay

    several = "how long was it banned?? itpro says three weeks, another site says a month, another says 15 days"
    assert _hearsay(several, "15")
    assert not _hearsay("someone said anthropic got 48 hrs notice?? thought it was shorter", "48")  # one account
    assert not _hearsay("one says 18 days, another says 19. did it cost $5 billion?", "$5 billion")  # not an account
    # two values after one "seeing": two accounts read, up to the end of the clause
    seen = "im seeing 90 min in some places and 48 hrs in another, so how much notice did anthropic actually get?"
    assert _hearsay(seen, "48", ["90", "48"]) and _hearsay(seen, "90", ["90", "48"])
    assert not _hearsay("i keep seeing 5:21 pm but one timeline has it way earlier", "5:21", ["5:21"])
    assert not _hearsay("i read the ban lasted 19 days, did it cost $5 billion?", "$5 billion", ["19", "$5 billion"])
    # one account said, another read: two accounts, each in its own clause
    two = "Most reports say they got a 90-minute window, but I also read they had 48 hours of notice. Which is right?"
    accounts = ["90-minute", "48 hours"]
    assert _hearsay(two, "48 hours", accounts) and _hearsay(two, "90-minute", accounts)


@pytest.mark.parametrize(("text", "value", "stated"), [
    ("a roughly 30% drop", "30%", True),
    ("a 30 per cent drop", "30%", True),
    ("thirty days: a 30-day window", "30%", False),  # the same number is no share
    ("gave the government 30 days", "30%", False),
    ("priced at $10 per million tokens, on June 20", "$20", False),  # an amount is stated only in dollars
    ("priced at $20 per million tokens", "$20", True),
    ("a $5 billion deal", "$5 billion", True),
    ("$10 per million input tokens", "1 million", True),  # "1M tokens in": a million is one million
    ("a million users signed up", "1 million", True),
    ("11 million users signed up", "1 million", False),
    ("a reported 1.2 trillion total parameters", "2 trillion", False),  # a decimal is one number
    ("its score fell from 86.2 to 25.9", "86", True),  # a whole number as people round a decimal one
    ("its score fell from 86.2 to 25.9", "86.3", False),
    ("a 30.5% drop", "30%", True),
])
def test_a_share_or_an_amount_is_stated_only_as_one(text: str, value: str, stated: bool) -> None:
    assert states_value(f" {value_words(text)} ", value) is stated


def test_a_peoples_name_describing_a_source_is_no_subject_to_find() -> None:
    from bot.answers.compose import _describes_source

    assert _describes_source("what did one Dutch law blog say?", "Dutch")
    assert _describes_source("the Korean daily's take on the ban", "Korean")
    assert _describes_source("per the Polish law firm's write-up, when?", "Polish")
    assert not _describes_source("which Polish firm sued?", "Polish")  # a firm asked about, not a law firm's page
    assert not _describes_source("which Korean company lost access?", "Korean")  # what is asked about
    assert not _describes_source("what did the Bloomberg newsletter say?", "Bloomberg")  # a source by name: found


def test_the_verb_may_is_no_month_a_question_gives_nor_one_a_page_states() -> None:
    assert specifics("may i ask when fable came back") == []
    assert specifics("wait one site says it was in may??") == ["may"]
    assert specifics("did it happen on may 7") == ["may 7"]

    def states(text: str) -> bool:
        return states_value(f" {value_words(text)} ", "may")

    assert states("On 7 May 2026 the order was issued.") and states("In May the firm said so.")
    assert not states("The model you picked may not be the one that answered you.")


def test_a_decade_is_stated_by_any_of_its_years() -> None:
    from bot.answers.value_text import states_value, value_words

    assert states_value(f" {value_words('In 1996, an executive order moved encryption.')} ", "1990s")
    assert not states_value(f" {value_words('In 2006, an executive order moved encryption.')} ", "1990s")


def test_a_number_under_a_hundred_is_stated_as_the_page_spells_it() -> None:
    assert states_value(f" {value_words('It was live for forty-eight hours before the order.')} ", "48")
    assert states_value(f" {value_words('Seventy-six experts signed.')} ", "76")
    assert not states_value(f" {value_words('It was live for seventy-two hours.')} ", "48")


def test_values_offered_as_alternatives_are_asked_which() -> None:
    from bot.answers.compose import alternatives

    def offered(question: str) -> dict[str, tuple[str, ...]]:
        return alternatives(question, specifics(question))

    assert offered("was it 90 mins notice or 48 hrs?") == {"90": ("48",), "48": ("90",)}
    assert offered("wait was it june 12 or june 13 when they pulled it") == {
        "june 12": ("june 13",), "june 13": ("june 12",)}
    assert offered("how many days was it dark? 18? 19?") == {"18": ("19",), "19": ("18",)}
    # two values that are not a choice: each must be stated
    assert offered("did 76 people sign the letter on june 20?") == {}
    # two models compared ("vs"), not offered as a choice: the reporting must name each; days and amounts set
    # against each other are still a choice
    assert offered("fable 5 mini vs full fable 5, how much cheaper is it per token") == {}
    assert offered("was it june 12 vs june 13?") == {"june 12": ("june 13",), "june 13": ("june 12",)}
    assert offered("is it $4 billion vs $8 billion?") == {"$4 billion": ("$8 billion",), "$8 billion": ("$4 billion",)}
    # a choice is one value, stated when either of its values is
    from bot.answers.statements import unstated_share

    question = "was it 54 or 76 names on the letter?"
    assert unstated_share(specifics(question), " it had 76 names ", offered(question)) == 0.0
    assert unstated_share(specifics(question), " it had 76 names ") == 0.5


def test_parts_merge_into_one_answer_one_number_per_article_and_unanswered_parts_named() -> None:
    from bot.answers.model import Answer, Source, Statement
    from bot.answers.question import ReadQuestion
    from bot.answers.service import merge_parts

    def source(n: int, article_id: int, quote: str) -> Source:
        return Source(n=n, article_id=article_id, title="t", outlet="o", url=None, published=None, quote=quote,
                      start=0, end=len(quote))

    shared = Statement(text="Access returned on July 1.", label="fact", cues=["reported"], citations=[1])
    first = Answer("a", False, statements=[shared], sources=[source(1, 7, shared.text)], lead=shared.text)
    other = Statement(text="Mythos stayed restricted.", label="fact", cues=["reported"], citations=[1])
    second = Answer("b", False, statements=[other, replace(shared, citations=[2])],
                    sources=[source(1, 9, other.text), source(2, 7, shared.text)])
    third = Answer("c", True, abstain_reason="I looked for “Fable 6” in the reporting on this story and found nothing.")
    read = ReadQuestion(asked="a? b? c?", normalised="a? b? c?", parts=["a?", "b?", "c?"])
    merged = merge_parts(read, [first, second, third])
    assert not merged.abstained and merged.lead == shared.text
    assert [s.text for s in merged.statements] == [shared.text, other.text]  # the shared sentence once
    assert [(s.n, s.article_id) for s in merged.sources] == [(1, 7), (2, 9)]
    assert merged.statements[1].citations == [2]
    assert [p.answered for p in merged.parts] == [True, True, False]
    assert merged.unanswered_note is not None and "Fable 6" in merged.unanswered_note


def test_a_dispute_two_parts_touch_is_shown_once_with_both_parts_citations() -> None:
    from bot.answers.model import Answer, Conflict, Source, Statement
    from bot.answers.question import ReadQuestion
    from bot.answers.service import merge_parts

    def answer(question: str, article_id: int) -> Answer:
        said = Statement(text=f"Statement {article_id}.", label="fact", cues=["reported"], citations=[1])
        source = Source(n=1, article_id=article_id, title="t", outlet="o", url=None, published=None,
                        quote=said.text, start=0, end=len(said.text))
        dispute = Conflict(summary="Sources disagree on when the order came: March 10 vs March 11.", citations=[1])
        return Answer(question, False, statements=[said], sources=[source], conflicts=[dispute], lead=said.text)

    merged = merge_parts(ReadQuestion(asked="a? b?", normalised="a? b?", parts=["a?", "b?"]),
                         [answer("a?", 7), answer("b?", 9)])
    assert [(c.summary, c.citations) for c in merged.conflicts] == [
        ("Sources disagree on when the order came: March 10 vs March 11.", [1, 2])]
    # the answer opens with each part's lead, in order, the first also as the one lead a thread carries on from
    assert merged.lead == "Statement 7." and merged.part_leads == ["Statement 7.", "Statement 9."]
    from bot.answers.text import answer_to_text

    assert answer_to_text(merged).startswith("Statement 7.\nStatement 9.\n\nQ: a? b?")



def test_paraphrases_from_other_outlets_become_one_corroborated_statement() -> None:
    from bot.answers.statements import select_statements

    one = _candidate("Commerce told Anthropic to switch the models off for foreign users.", article_id=1, score=1.0)
    two = _candidate("The department ordered the company to cut non-Americans off from both models.", article_id=2,
                     outlet="two.example", score=0.9)
    other = _candidate("A legal startup sued the government over the directive in June.", article_id=3,
                       outlet="three.example", score=0.8)
    apart = select_statements([one, two, other], 0.0, 6)
    assert len(apart) == 3  # few words in common: without meaning they stay apart
    together = select_statements([one, two, other], 0.0, 6, same_meaning=lambda a, b: {a.text, b.text} == {
        one.text, two.text})
    assert [len(d.members) for d in together] == [2, 1]


def test_a_sentence_pointing_outside_itself_is_no_statement() -> None:
    from bot.nlp.standalone import points_back

    assert points_back(_candidate("They sued the administration when it called them a risk.").text)
    assert points_back(_candidate("This means the order applies to every customer abroad.").text)
    assert points_back(_candidate("Others disappear before most people even hear about them.").text)
    assert not points_back(_candidate("Legion sued the administration on June 23 in Washington.").text)
    # a pronoun as the subject after a phrase setting the scene names no one; after a name opening the scene, it is
    # that name
    assert points_back("In 2024, speaking at a summit in Bengaluru, he had argued for building apps instead.")
    assert points_back("At the hearing, she warned that the order would backfire.")
    assert not points_back("When Brook dialed the minister, he was wearing four hats at once.")
    assert not points_back("In 2024, Nora Brook argued for building apps instead.")


def test_a_claim_that_names_its_speaker_early_gets_no_speaker_prefix() -> None:
    from bot.answers.model import Statement

    named = Statement("David Sacks argued on a podcast that the ban was a mistake.", "claim", [], [1],
                      attributed_to="David Sacks")
    unnamed = Statement("The ban, the adviser argued on a podcast, was a mistake.", "claim", [], [1],
                        attributed_to="David Sacks")
    assert named.speaker is None and unnamed.speaker == "David Sacks"
    sourced = Statement("About 100 organizations will regain access, according to sources familiar with the matter.",
                        "claim", [], [1], attributed_to="sources familiar with the matter")
    assert sourced.speaker is None
    relayed = Statement("Late on June 30 a single sentence moved across the wire, long after the markets had closed: "
                        "the controls would be lifted that evening, according to a relay of the Spectator Index's "
                        "account.", "claim", [], [1], attributed_to="the Spectator Index")
    assert relayed.speaker is None  # named as the source, however far in
    assert Statement("The controls would go that evening.", "claim", [], [1],
                     attributed_to="the Spectator Index").speaker == "The Spectator Index"  # a line's first words
    assert Statement("The ban was lifted.", "fact", [], [1], attributed_to="David Sacks").speaker is None


def test_corroboration_counts_outlets_not_pages() -> None:
    from bot.answers.model import Answer, Source, Statement
    from bot.answers.text import answer_to_text

    def source(n: int, outlet: str) -> Source:
        return Source(n=n, article_id=n, title="t", outlet=outlet, url=None, published=None, quote="q", start=0,
                      end=1)

    two_pages = Statement(text="Access returned on July 1.", label="fact", cues=["reported"], citations=[1, 2])
    three = Statement(text="The ban was lifted.", label="fact", cues=["reported"], citations=[1, 2, 3])
    answer = Answer("q", False, statements=[two_pages, three],
                    sources=[source(1, "wire.example"), source(2, "Wire.example"), source(3, "daily.example")])
    assert [answer.outlets(s) for s in answer.statements] == [1, 2]
    text = answer_to_text(answer)
    assert "Access returned on July 1. [1][2]  (fact: reported)" in text
    assert "The ban was lifted. [1][2][3]  (fact: reported; 2 outlets)" in text


def test_a_sentence_and_it_quoted_with_the_one_before_are_one_statement_the_longer_quote() -> None:
    import dataclasses

    from bot.answers.statements import select_statements

    before = "The ministry sent the lab a letter on Friday."
    alone = _candidate("It gave the lab ninety minutes to comply with the order.", article_id=1)
    alone = dataclasses.replace(alone, start=len(before) + 1, end=len(before) + 1 + len(alone.text))
    joined = dataclasses.replace(alone, start=0, text=f"{before} {alone.text}", score=0.5)
    other = _candidate("A legal startup sued the government over the directive in June.", article_id=2,
                       outlet="two.example", score=0.8)
    drafts = select_statements([alone, other, joined], 0.0, 6)
    assert [d.main.text for d in drafts] == [joined.text, other.text]


def test_the_names_narrowing_a_value_asked_are_neither_the_storys_own_nor_a_setting(tmp_path: Path) -> None:
    """Asked how much Zephyr invested in Quill, the amount must be Zephyr's (Quill is the story's everyday name);
    asked whom Zephyr flew to DC, "DC" is where, and the reporting may say Washington."""
    articles = {"deal.md": ("one.example", "Zephyr and Quill 3", "Zephyr invested $4 billion in the maker of Quill 3. "
                            "Staff flew to Washington to argue for Quill 3.")} | filler_notes() | {
        f"more-{name}": note for name, note in filler_notes("Quill 4").items()}  # Zephyr in one of 33: a rare name
    with answers_over(tmp_path, articles) as answers:
        composer = answers.composer
        assert isinstance(composer, ExtractiveComposer)
        assert composer._narrowing_names("how much has zephyr invested in quill", ["Zephyr", "Quill"]) == ["Zephyr"]
        assert composer._narrowing_names("who did zephyr fly out to dc to fight this", ["Zephyr", "DC"]) == ["Zephyr"]


def test_dc_is_spoken_of_as_washington() -> None:
    assert speaks_of(_candidate("Zephyr flew three researchers to Washington on Saturday."), ["Zephyr", "DC"])
    assert not speaks_of(_candidate("Zephyr flew three researchers to Brussels on Saturday."), ["Zephyr", "DC"])


def test_a_country_is_spoken_of_by_its_full_name_and_its_peoples_word() -> None:
    """Asked what Macron said France would do if the US switched models off, "French president Emmanuel Macron
    warned the United States…" speaks of France and the US."""
    warned = _candidate("French president Emmanuel Macron warned the United States that Europe would stop buying.")
    assert speaks_of(warned, ["Macron", "France", "US"])
    assert not speaks_of(_candidate("Macron warned Brussels that Europe would stop buying."), ["France", "US"])


def test_the_office_holder_stated_is_the_one_of_the_office_asked() -> None:
    from bot.answers.retrieve import terms
    from bot.answers.statements import OFFICE_PREFIX, _states_event
    from bot.facts.read import ROLE

    asked = {ROLE.key, OFFICE_PREFIX + " ".join(sorted(set(terms("whos the national cyber director"))))}
    assert _states_event("The letter went to National Cyber Director Sean Cairncross on Monday.", asked)
    assert not _states_event("Treasury Secretary Scott Bessent heard of it first.", asked)
    assert _states_event("Treasury Secretary Scott Bessent heard of it first.", {ROLE.key})  # any office asked
