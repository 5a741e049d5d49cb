"""Small talk told apart from questions (bot.answers.small_talk), with the real embedding model and the
shipped parameters; and what the answer service does with it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.answers import small_talk
from bot.answers.service import AnswerService

DATA = Path(__file__).resolve().parents[1] / "data"


def test_chat_and_questions_are_told_apart_by_the_shipped_model() -> None:
    # phrasings in none of the files the model was fitted on
    chat = ["heya bot!!", "thank you sooo much", "lmfao", "r u even real", "goodnight all"]
    questions = ["when did they lift the export ban", "who filed the lawsuit against commerce?",
                 "whats mythos 5", "how many people signed that letter", "why was fable pulled lol"]
    said = small_talk.load_model().is_small_talk(chat + questions)
    assert said[: len(chat)] == [True] * len(chat)
    assert said[len(chat):] == [False] * len(questions)


def test_no_story_question_of_the_question_set_is_taken_for_chat() -> None:
    rows = [json.loads(line) for line in (DATA / "questions.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    # a follow-up is read in its thread, where nothing is taken for chat ("what timezone is that in?")
    story = [r["question"] for r in rows if not r["topic"].startswith("offtopic") and not r.get("context")]
    flagged = [q for q, said in zip(story, small_talk.load_model().is_small_talk(story), strict=True) if said]
    assert not flagged


def test_chat_gets_the_reply_saying_what_the_bot_is_for(answers: AnswerService) -> None:
    answer = answers.ask("hey there :)")
    assert answer.abstained and answer.abstain_reason == small_talk.REPLY
    assert not answer.statements and not answer.sources


def test_thanks_gets_thanks_in_kind(answers: AnswerService) -> None:
    for message in ("thanks!", "thx", "ok thank you so much"):
        answer = answers.ask(message)
        assert answer.abstained and answer.abstain_reason == small_talk.THANKS_REPLY, message
    assert small_talk.reply("thanks, but when was it lifted?") == small_talk.REPLY  # thanks and more is no thanks only


def test_thanks_in_a_thread_is_still_thanks(answers: AnswerService) -> None:
    earlier = ["why were fable 5 and mythos 5 taken offline?"]
    for message in ("thx", "thanks!", "ok thank you so much"):
        answer = answers.ask(message, earlier)
        assert answer.abstained and answer.abstain_reason == small_talk.THANKS_REPLY, message
    assert not answers.read("thanks, but when did it come back?", earlier).small_talk


def test_a_greeting_before_a_question_is_left_out_of_it(answers: AnswerService) -> None:
    reading = answers.read("good morning! why were fable 5 and mythos 5 taken offline?")
    assert not reading.small_talk
    assert len(reading.parts) == 1 and "morning" not in reading.parts[0].lower()
    assert not answers.ask("good morning! why were fable 5 and mythos 5 taken offline?").abstained


def test_in_a_thread_go_on_is_a_follow_up_not_chat(answers: AnswerService) -> None:
    reading = answers.read("tell me more", ["why were fable 5 and mythos 5 taken offline?"])
    assert not reading.small_talk
    assert answers.read("tell me more").small_talk  # alone, there is nothing to say more about
    # the model alone takes it for chat; after a question it asks about what that question was about
    assert small_talk.load_model().is_small_talk(["what timezone is that in?"]) == [True]
    assert not answers.read("what timezone is that in?", ["what time did the commerce letter land?"]).small_talk


def test_a_message_naming_the_storys_own_names_is_never_chat(answers: AnswerService) -> None:
    """The model alone takes "can i use claude rn" for chat (as if asking the bot); the story's name says not."""
    assert small_talk.load_model().is_small_talk(["can I use Claude right now"]) == [True]
    assert not answers.read("can i use claude rn").small_talk
    assert answers.read("are you an ai?").small_talk  # "AI" is everywhere in the story, but an acronym, no name


@pytest.mark.parametrize(("message", "go_on"), [
    ("tell me more", True), ("keep going pls", True), ("and?", True), ("ok so what else", True),
    ("tell me more about the lawsuit", False), ("what else did the ministry say", False),
])
def test_a_message_that_only_asks_to_go_on(message: str, go_on: bool) -> None:
    assert small_talk.asks_to_go_on(message) is go_on
