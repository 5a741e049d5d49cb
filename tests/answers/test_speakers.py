"""A question asking someone's words is declined when none of the best sentences gives that speaker's words."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answers.speakers import (
    asked_party,
    occasion_asked,
    said_by,
    speaker_asked,
    telling_terms,
    unquoted_speaker,
)
from bot.nlp.terms import terms
from tests.answers.test_compose import _candidate
from tests.written_story import answers_over, filler_notes


def test_the_party_whose_words_are_asked_for() -> None:
    assert speaker_asked("when did it come back?") == frozenset()
    assert speaker_asked("what did the ai daily brief guy say") == {"ai", "daili", "brief"}
    # whether a party spoke at all asks for its words too
    assert speaker_asked("did the ministry say anything about it") == {"ministri"}
    assert speaker_asked("has the eu commented on it") == {"eu"}
    assert speaker_asked("did zephyr respond?") == {"zephyr"}
    assert speaker_asked("did they say when it comes back") == frozenset()  # a fact asked, through what was said
    assert speaker_asked("what did zephyr call the us move") == {"zephyr"}  # the words it used of it
    # an adverb after the party is not part of its name
    assert asked_party("what did okafor literally say on the show") == "okafor"
    assert asked_party("what did the ministry actually write") == "ministry"


def test_a_crowd_on_a_platform_is_the_party_not_a_name_after_its_preposition() -> None:
    """"people on social media" names no one written after "on" in the sources ("on Anthropic")."""
    texts = ["The pressure on Anthropic grew.", "Dario Amodei wrote to staff."]
    assert speaker_asked("what did people on social media say about the nerf", texts) == {"social", "media"}
    assert speaker_asked("what did dario say", texts) == {"dario", "amodei"}


def test_a_full_name_asked_is_not_someone_sharing_its_first_name() -> None:
    texts = ["According to expert Mara Quint, the flaw was called minor.", "Mara Vance said it was wrong."]
    party = speaker_asked("what did mara vance say", texts)
    assert party == {"mara", "vanc"}  # her surname given: no other Mara's surname added
    assert not said_by(texts[0], party)  # another Mara's words
    assert said_by(texts[1], party)
    assert said_by("Vance said it again.", party)
    assert said_by("Amazon Web Services said it advises governments.", frozenset({"amazon"}))  # one word: its unit


def test_according_to_needs_all_of_a_party_of_several_words() -> None:
    crowd = frozenset({"social", "media"})
    assert not said_by("According to multiple media reports, Jassy raised concerns first.", crowd)
    assert said_by("According to social media posts, users found it weaker.", crowd)
    assert said_by("According to Zephyr, the flaw was minor.", frozenset({"zephyr"}))


def test_more_verbs_give_a_partys_words() -> None:
    minister = frozenset(terms("minister"))
    assert said_by("Former Prime Minister Ada Brook remarked that the outage showed the risk.", minister)
    assert said_by("The minister mentioned a second review in passing.", minister)
    assert not said_by("The minister's office kept the model running.", minister)


def test_a_call_made_is_no_words_said() -> None:
    zephyr = frozenset({"zephyr"})
    assert not said_by("Zephyr's chief called Minister Brook about the flaw.", zephyr)
    assert not said_by("Of everyone Zephyr's chief could have called, it was Brook who heard first.", zephyr)
    assert said_by("Zephyr called the report misleading.", zephyr)
    assert said_by("A Zephyr spokesperson said such contacts were routine.", zephyr)


@pytest.mark.parametrize(("question", "party", "telling"), [
    ("what did singapores government say about the ban", "singapores government", {"singapor"}),
    ("What did Japan's digital minister say about Quill getting pulled?", "Japan's digital minister",
     {"japan", "digit"}),
    ("how did the eu commission react to the whole thing", "eu commission", {"eu", "commiss"}),
    ("what did ted lieu actually post", "ted lieu", {"ted", "lieu"}),  # (the adverb is no part of the name)
    ("what did he say anthropic refused to do", "he", set()),  # a pronoun: the thread says who
    ("what did the lawmakers' letter say commerce must explain", "lawmakers' letter", set()),  # a document speaks
    ("what did the experts say", "experts", set()),  # a description any speaker fits
    # a show's hosts or a paper's writers are whoever speaks in it: the show or paper, where named, says which
    ("on the equity podcast what did the hosts say", "hosts", set()),
    ("what did the columnists say", "columnists", set()),
    ("how did the gate.com explainer describe it", "gate.com explainer", set()),  # a site
    ("when did the ban end", "", set()),  # no one's words asked for
    ("and how did their stock react", "", set()),  # a movement, not anyone's words
    ("how did the markets respond", "", set()),
])
def test_the_words_that_tell_who_is_asked_about(question: str, party: str, telling: set[str]) -> None:
    assert asked_party(question) == party
    assert telling_terms(party) == frozenset(telling)


def test_a_speaker_counts_only_with_speech_and_named_nearby() -> None:
    question = "what did singapores government say about the ban"
    about_the_ban = [_candidate("The directive told Zephyr to deny access to every foreign national.")]
    named_silent = [_candidate("Singapore hosts many of Zephyr's customers.")]
    quoted = [_candidate("Singapore's government said the ban would hurt its developers.")]
    after_quote = [_candidate("“The ban hurts our developers,” the ministry said.", context="Singapore responds")]
    assert unquoted_speaker(question, about_the_ban) == "a statement from singapores government"
    assert unquoted_speaker("what did the mediator recommend", about_the_ban) == "a statement from mediator"
    assert unquoted_speaker("did the mediator say anything?", about_the_ban) is None  # saying nothing is an answer
    assert unquoted_speaker(question, named_silent) == "a statement from singapores government"
    assert unquoted_speaker(question, quoted) is None
    assert unquoted_speaker(question, after_quote) is None  # named in the title, speaking in the sentence
    as_outlet = [_candidate("The ban is a mistake, it argues.", outlet="singapore-times.example")]
    assert unquoted_speaker(question.replace("singapores government", "the singapore times"), as_outlet) is None
    # an outlet's report, quoted by another outlet, gives the first outlet's words
    retold = [_candidate("The Singapore Times reported the ministry urging Zephyr to reopen.")]
    assert unquoted_speaker("what did the singapore times say about the ministry", retold) is None
    # a party the suit is against is sued, not speaking
    sued = [_candidate("The suit, filed against the ministry and Undersecretary Mara Vance, argues the order is void.")]
    assert unquoted_speaker("what did mara vance say about the order", sued) == "a statement from mara vance"
    assert unquoted_speaker("what did mara vance say about the order", [
        _candidate("Undersecretary Mara Vance argues the order is lawful.")]) is None


def test_another_speakers_words_or_unnamed_words_about_a_country_are_not_its_statement() -> None:
    question = "what did chinas foreign ministry say about the ban"
    other_speaker = [_candidate("A Zephyr spokesperson said the White House never raised Chinese access.")]
    unnamed_view = [_candidate("Critics argue that China gains from the ban.")]
    assert unquoted_speaker(question, other_speaker) == "a statement from chinas foreign ministry"
    assert unquoted_speaker(question, unnamed_view) == "a statement from chinas foreign ministry"
    assert unquoted_speaker("what did china say about the ban",
                            [_candidate("Beijing responded that the ban was discriminatory.")]) is None
    assert unquoted_speaker(question, [
        _candidate("Chinese foreign ministry spokesperson Mao Ning said the ban was discriminatory.")]) is None
    # a government named by its people's word speaks by it, however often the story names the country
    def everyday(term: str) -> bool:
        return term in {"chines", "foreign"}

    asked = "what did the chinese foreign ministry spokesperson say about the ban"
    assert telling_terms("chinese foreign ministry spokesperson", everyday) == {"china"}
    assert telling_terms("chinese experts", everyday) == frozenset()  # a description any speaker fits
    assert unquoted_speaker(asked, other_speaker, everyday) == "a statement from chinese foreign ministry spokesperson"
    # a report's words, after a title naming China, are not China's
    reported = [_candidate("According to the report, officials feared Chinese access.", context="China and the ban")]
    assert unquoted_speaker(asked, reported, everyday) == "a statement from chinese foreign ministry spokesperson"
    assert unquoted_speaker(asked, [_candidate("“It is discriminatory,” the spokesperson said.",
                                               context="China hits back")], everyday) is None
    assert unquoted_speaker(asked, [_candidate("Beijing said the ban was discriminatory.")], everyday) is None
    # an outlet named for a country is not its government
    assert unquoted_speaker("what did india say about the ban", [
        _candidate("The ban is a warning to every developer, it argues.", outlet="indiatimes.example")]) == \
        "a statement from india"


@pytest.mark.parametrize(("question", "occasion"), [
    ("what did the minister tell the senate hearing about quill 3?", "to the senate hearing"),
    ("what did brook post on truth social after the order", "on truth social"),
    ("what did brook say at the g7 summit", "at the g7 summit"),
    ("what did the director say when he testified to congress about it", "when he testified to congress"),
    ("what did brook say to the trade committee", "to the trade committee"),
    ("how did the ministry react to the whole thing", ""),  # what about, not where
    ("what did brook write in his essay before the order", ""),  # the speaker's own writing need not be named
    ("what did brook say about the order", ""),
])
def test_the_occasion_words_were_asked_at(question: str, occasion: str) -> None:
    assert occasion_asked(question)[0] == occasion


def test_a_speaker_quoted_elsewhere_is_no_answer_to_words_asked_at_an_occasion() -> None:
    elsewhere = [_candidate("Brook said the order was needed to protect national security.")]
    there = [_candidate("Testifying before the Senate hearing, Brook said the order was needed.")]
    question = "what did brook tell the senate hearing about the order"
    assert unquoted_speaker(question, elsewhere) == "a statement from brook to the senate hearing"
    assert unquoted_speaker(question, there) is None
    assert unquoted_speaker("what did brook say about the order", elsewhere) is None
    # whether the party said anything there, even one of the story's everyday names
    whether = "did brook post anything about the order on truth social?"
    assert unquoted_speaker(whether, elsewhere, lambda term: term == "brook") == \
        "a statement from brook on truth social"
    assert unquoted_speaker("did brook say anything about the order?", elsewhere) is None  # no occasion named


def test_words_never_reported_are_declined_saying_whose(tmp_path: Path) -> None:
    """Asked what an official said whom the reporting names but never quotes, the bot says it found no statement
    from them instead of quoting the order; asked of one it quotes, it answers with the quote."""
    articles = {
        "order.md": ("one.example", "Ministry orders Quill 3 offline",
                     "The ministry ordered Zephyr to take Quill 3 offline on March 10. Officials from Norway and "
                     "Chile attended the briefing on the order. Zephyr said it would comply while it appealed."),
        "reaction.md": ("two.example", "Chile objects to the Quill 3 order",
                        "Chile's trade minister said the order punished developers who had done nothing wrong. "
                        "Quill 3 had been offered in Chile since March 2."),
    }
    # notes enough that the names of one article are rare words of the corpus, as in a real one
    articles |= filler_notes()
    with answers_over(tmp_path, articles) as answers:
        declined = answers.ask("what did norway's trade minister say about quill 3 being pulled")
        answered = answers.ask("what did chile's trade minister say about quill 3 being pulled")
    assert declined.abstained
    assert "a statement from norway's trade minister" in (declined.abstain_reason or "")
    assert not answered.abstained, answered.abstain_reason
    assert "punished developers" in (answered.lead or "")


def test_a_speaker_named_with_an_apposition_speaks_for_what_it_names() -> None:
    """"Mara Vance, head of Zephyr, called it…" gives Zephyr's head's words; another company's head's are not."""
    said = _candidate('Mara Vance, head of Zephyr, called the whole affair "a loud alarm" for the industry.')
    assert unquoted_speaker("what did zephyr's head call the whole thing", [said]) is None
    other = _candidate('Mara Vance, head of Orbitline, called the whole affair "a loud alarm" for the industry.')
    assert unquoted_speaker("what did zephyr's head call the whole thing", [other]) is not None
