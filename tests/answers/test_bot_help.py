"""Questions about the bot told apart from questions about the story (bot.answers.bot_help), with the real embedding
model and the shipped parameters; the note each gets; and what the answer service does with them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.answers import bot_help
from bot.answers.service import AnswerService

DATA = Path(__file__).resolve().parents[1] / "data"


def test_questions_about_the_bot_and_about_the_story_are_told_apart_by_the_shipped_model() -> None:
    # phrasings in none of the files the model was fitted on
    about_the_bot = ["yo when does ur next brief drop", "how do i get you to post news in #general",
                     "what news sites do you pull from", "what slash commands do u have"]
    story = ["when did they lift the export ban", "what sources reported the 90 minute notice",
             "whats the latest on the lawsuit", "did anthropic brief congress before launch",
             "who sued the govt over the subscription changes"]
    model = bot_help.load_model()
    assert [model.about_the_bot(text) for text in about_the_bot] == [True] * len(about_the_bot)
    assert [model.about_the_bot(text) for text in story] == [False] * len(story)


def test_no_story_question_of_the_question_set_is_taken_for_one_about_the_bot() -> None:
    rows = [json.loads(line) for line in (DATA / "questions.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    story = [r["question"] for r in rows if not r["topic"].startswith("offtopic")]
    model = bot_help.load_model()
    assert [q for q in story if model.about_the_bot(q)] == []


@pytest.mark.parametrize(("message", "note"), [
    ("whens the next brief", bot_help.BRIEFS),
    ("how do i unsubscribe this channel", bot_help.BRIEFS),
    ("what sources do you use", bot_help.SOURCES),
    ("can i add an article", bot_help.SOURCES),
    ("what do the fact and claim labels mean", bot_help.READING),
    ("what does the thumbs down do", bot_help.READING),
    ("what commands are there", bot_help.COMMANDS),
])
def test_each_question_about_the_bot_gets_the_note_its_words_ask_for(message: str, note: str) -> None:
    assert bot_help.reply(message) == note


def test_a_question_about_the_bot_gets_its_note_and_no_story(answers: AnswerService) -> None:
    answer = answers.ask("how do i subscribe this channel to your briefs?")
    assert answer.abstained and answer.abstain_reason == bot_help.BRIEFS
    assert not answer.statements and not answer.sources
    # the story's own names make it a story question, whatever else it says
    story = answers.ask("did the subscription plans change when Fable 5 came back?")
    assert story.abstain_reason != bot_help.BRIEFS
    # and so does the thread a follow-up is asked in ("subscribers" of Fable's plans, not of the bot's briefs)
    followup = answers.ask("after july 7 do subscribers pay that too",
                           ["how much does fable 5 cost per million tokens"])
    assert followup.abstain_reason != bot_help.BRIEFS and followup.statements
