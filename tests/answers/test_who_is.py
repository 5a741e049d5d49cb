"""Which office a "who is X?" question is answered with (pure: facts written for these tests)."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from pathlib import Path

import pytest

from bot.answers.who_is import HEAD_OF, who_is, whom_asked
from bot.facts.store import FactRow
from tests.written_story import answers_over, filler_notes

BODY = "Zephyr Labs CEO Mara Quist spoke. Transport Minister Ivo Brand signed it. Then CEO Mara Quist left the room."


def role(article_id: int, start: int, end: int, surname: str, names: str) -> FactRow:
    return FactRow(article_id, 0, start // 10, start, end, "role_holder", "person", surname, surname, "fact", "g",
                   f"o{article_id}", None, names)


FACTS = [
    role(1, 0, 33, "quist", "role:zephyr-labs-ceo given:mara"),
    role(2, 0, 33, "quist", "role:zephyr-labs-ceo given:mara"),
    role(3, 34, 71, "brand", "role:transport-minister given:ivo"),
    role(4, 34, 71, "brnad", "role:transport-minister given:ivo"),  # a slip, said once
    role(5, 34, 71, "brand", "role:transport-minister given:ivo"),
    role(6, 72, 111, "quist", "office:ceo given:mara"),  # an office named without what it is of
]


def bodies(ids: Collection[int]) -> Mapping[int, str]:
    return {i: BODY for i in ids}


def test_who_is_she_in_a_thread_asks_of_the_first_name_the_thread_carried() -> None:
    assert whom_asked("who is she (Mara Vance, CEO, Quillsec)?") == ["mara", "vance"]
    assert whom_asked("whos he again (Tom Reed)?") == ["tom", "reed"]
    assert whom_asked("when did he say that (Tom Reed)?") == []  # another question about him
    assert whom_asked("who is she") == ["she"]  # no thread: the words as asked


def test_who_is_asked_only_by_a_whole_who_is_question() -> None:
    assert whom_asked("who is Mara") == ["mara"]
    assert whom_asked("whos the Transport Minister??") == ["transport", "minister"]
    assert whom_asked("who is Zephyr's CEO") == ["zephyr", "ceo"]
    assert whom_asked("who even is mara vance") == ["mara", "vance"]  # a word of chat between who and is
    assert whom_asked("whos actually the transport minister") == ["transport", "minister"]
    assert whom_asked("idk who mara vance is, who is she") == ["mara", "vance"]  # asked indirectly
    assert whom_asked("who mara is meeting") == []
    # asked the person's role, job or title: the office the reporting gives them
    assert whom_asked("whats mara vance's role in the ministry") == ["mara", "vance"]
    assert whom_asked("what is Ivo Brand's official title?") == ["ivo", "brand"]
    assert whom_asked("what role does the ministry play") == []
    assert whom_asked("who is leading the talks about the order with the ministry") == []  # too long for a name
    assert whom_asked("what did Mara say") == []
    assert whom_asked("what has Mara Quist got to do with it") == ["mara", "quist"]  # her part in the story
    assert whom_asked("what has the order got to do with it") == []  # no one named


def test_an_office_asked_by_its_holders_name_is_who_holds_it() -> None:
    assert whom_asked("whats the name of the transport minister") == ["transport", "minister"]
    assert whom_asked("what was the Transport Minister's name again?") == ["transport", "minister"]
    assert whom_asked("whats zephyr's ceos full name") == ["zephyr", "ceo"]
    assert whom_asked("whats the name of the app mara used to scan her code") == []  # too long for an office


def test_a_person_is_answered_with_the_office_the_reporting_gives_them() -> None:
    assert who_is(FACTS, ["mara"], bodies) == [(1, 0), (2, 0)]
    assert who_is(FACTS, ["quist"], bodies) == [(1, 0), (2, 0)]  # by surname too; a bare "CEO" is no office


def test_an_office_is_answered_with_the_holder_most_sentences_name() -> None:
    assert who_is(FACTS, ["transport", "minister"], bodies) == [(3, 3), (5, 3)]  # not the slip "Brnad"


def test_who_heads_something_is_answered_with_the_holder_of_the_office_heading_it() -> None:
    assert whom_asked("who runs zephyr labs") == ["zephyr", "labs", HEAD_OF]
    assert whom_asked("whos in charge of the transport ministry?") == ["transport", "ministry", HEAD_OF]
    assert whom_asked("who led the talks about the order with the ministry") == []  # too long for a name
    assert who_is(FACTS, whom_asked("who runs Zephyr Labs"), bodies) == [(1, 0), (2, 0)]
    assert who_is(FACTS, whom_asked("who is the head of transport"), bodies) == [(3, 3), (5, 3)]
    assert who_is(FACTS, whom_asked("who leads zephyr"), bodies) == []  # not the office's whole name


def test_nobody_the_facts_know_gets_nothing() -> None:
    assert who_is(FACTS, ["sarah", "heck"], bodies) == []


def test_who_is_leads_with_the_office_through_the_real_answer_path(tmp_path: Path) -> None:
    """Real model, Chroma and catalog over articles written for this test: the sentences giving the office lead,
    as one statement citing every outlet that gives it (without the office lookup they are two statements)."""
    articles = {
        "a.md": ("a.example", "Ministry pulls Quill 3",
                 "Minister Ivo Brand said who Mara is matters less than what Mara did. "
                 "Zephyr Labs CEO Mara Quist said the ministry order was unlawful. The ministry disagreed."),
        "b.md": ("b.example", "Quill 3 offline", "Ivo Brand asked who Mara thinks she is, and Mara did not answer. "
                 "Zephyr Labs CEO Mara Quist called the order a mistake. Customers waited."),
        "c.md": ("c.example", "What Mara did next", "Who is Mara to defy us, Ivo Brand asked, as Mara left. "
                 "Zephyr Labs CEO Mara Quist met the minister on March 12. Nothing changed."),
    }
    with answers_over(tmp_path, articles) as service:
        answer = service.ask("who is mara?")
    assert not answer.abstained
    assert answer.lead is not None and "CEO Mara Quist" in answer.lead
    first = answer.statements[0]
    assert first.text == answer.lead and len(first.citations) == 3  # every outlet giving the office, as one


def test_asked_who_did_a_deed_the_doer_named_beside_it_leads_from_further_down(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """"who organized the open letter?": a statement about the letter ranks first and names only whom it was sent to;
    the one naming who led it (the deed in reporting's words) leads from beyond the few lead choices (one here)."""
    import bot.answers.statements as statements

    monkeypatch.setattr(statements, "LEAD_CHOICES", 1)
    articles = {
        **filler_notes(),
        "big.md": ("big.example", "Engineers write to the ministry",
                   "On June 14, more than 120 engineers signed an open letter asking Minister Karl Ostrow to lift the "
                   "Quill 3 order. The open letter asked Minister Karl Ostrow to act within a week."),
        "small.md": ("small.example", "An open letter on Quill 3",
                     "Seventy engineers sent an open letter to Minister Karl Ostrow over the Quill 3 order."),
        "mid.md": ("mid.example", "Engineers' open letter",
                   "Engineers published an open letter to Minister Karl Ostrow on the Quill 3 order."),
        "led.md": ("led.example", "Who is behind the letter",
                   "The letter, led by former Orbit security chief Dana Reyes, was signed by engineers."),
    }
    with answers_over(tmp_path, articles) as answers:
        answer = answers.ask("who organized the engineers open letter?")
    assert answer.lead is not None and "Dana Reyes" in answer.lead, answer.lead


def test_asked_who_wrote_a_sites_piece_its_byline_leads(tmp_path: Path) -> None:
    """No sentence of the page says who wrote it; its byline does, and leads, quoted from the page."""
    articles = {
        **filler_notes(),
        "review.md": ("quillreview.example", "A Kill Switch for Quill 3",
                      "Tech Policy\n\nA Kill Switch for Quill 3 and the Ministry\n\nDana Q. Reyes\nMonday, June 15, "
                      "2026\n\nOn Friday the ministry sent Zephyr a letter ordering Quill 3 offline. The legal basis "
                      "looks plausible, but the facts remain murky."),
        "news.md": ("news.example", "Ministry orders Quill 3 offline",
                    "The ministry ordered Zephyr's Quill 3 offline on a Friday. Zephyr complied at once."),
    }
    with answers_over(tmp_path, articles) as answers:
        answer = answers.ask("who wrote the kill switch piece about quill 3")
        news = answers.ask("who wrote the ministry letter about quill 3")
    assert answer.lead == "Dana Q. Reyes", answer.lead
    assert answer.statements[0].cues == ["byline"] and answer.sources[0].outlet == "quillreview.example"
    assert news.lead != "Dana Q. Reyes"  # a letter's writer is no page's byline


def test_a_byline_run_into_page_furniture_is_quoted_as_far_as_it_goes(tmp_path: Path) -> None:
    """"Opinion>Opinions … Comments: by Dana Q. Reyes, opinion contributor - 06/24/26…": the byline leads, quoted
    without the furniture around it."""
    articles = {
        **filler_notes(),
        "review.md": ("quillreview.example", "Lessons from the Quill 3 release",
                      "Home / Politics\n\nOpinion>Opinions - Technology The views expressed by contributors are their "
                      "own and not the view of the site Lessons from the Quill 3 release Comments: by Dana Q. Reyes, "
                      "opinion contributor - 06/24/26 10:00 AM ET Link copied Getty Images The Quill logo is shown.\n\n"
                      "The ministry sent Zephyr a letter ordering Quill 3 offline. The lessons are plain enough."),
    }
    with answers_over(tmp_path, articles) as answers:
        answer = answers.ask("who wrote the op-ed about lessons from the quill 3 release")
    assert answer.lead == "by Dana Q. Reyes, opinion contributor", answer.lead
