"""Questions about the bot itself ("whens the next brief", "how do i subscribe", "what sources do you use"): told
apart from questions about the story by meaning, so they get a short note on the command that does it instead of a
sentence retrieved for their words ("brief", "subscription", "sources" are words the reporting uses too).

Without this, "how do i subscribe to briefs" was answered with a sentence about Fable 5 leaving subscription plans.
A message is about the bot when a logistic regression over its sentence embedding (the corpus's own model) says
so. It is fitted by ``python -m bot.answers.bot_help`` on ``tests/data/bot_help.jsonl`` (messages about the bot
and story questions sharing their words, written for it) with the question set's and the small-talk set's
development parts as further negatives; the threshold is chosen on out-of-fold probabilities, counting a story
question taken for one about the bot as :data:`MISTAKE_COST` times worse than the reverse (which is only answered
from the story, as before). Which note it gets is told by its words (:func:`reply`), so the reason shows.
"""

from __future__ import annotations

import argparse
import re
from functools import cache
from pathlib import Path

from bot.answers.message_kind import MessageClassifier, fit_classifier, report, story_messages

PARAMETERS = Path(__file__).with_name("bot_help.json")
VERSION = 1
MISTAKE_COST = 5.0  # a story question taken for one about the bot loses its answer

# the notes (plain text, no Markdown: a refusal's text is escaped before Discord shows it)
BRIEFS = ("Briefs of new reporting are posted to subscribed channels on a schedule. A moderator sets one up with "
          "/brief subscribe (daily HH:MM, weekly, or a cron, in a time zone), stops it with /brief unsubscribe; "
          "/brief list shows this server's subscriptions and /brief now previews the next brief.")
SOURCES = ("I answer only from a curated set of published articles about this story, and every answer cites them "
           "by number (outlet, date, link, the quoted passage). /sources lists the articles; moderators add or "
           "remove them and their feeds with /corpus.")
READING = ("Each line of an answer is labelled as a reported fact, a claim someone makes, speculation or opinion, "
           "with the words that decided it, and numbered markers point to the sources quoted below it; "
           "\"Sources disagree\" lists points where outlets report different values. The Quotes button shows the "
           "quoted passages in full; 👍 and 👎 tell the moderators whether an answer helped.")
COMMANDS = ("Ask me about the Fable 5 / Mythos 5 export-control story with /ask, by mentioning me, or in the "
            "thread I open; /timeline shows what happened when, /sources the articles I answer from, and "
            "/brief sets up scheduled briefs of new reporting.")

# which note a message about the bot gets, by its words (the first that matches)
_NOTES = (
    (re.compile(r"\b(?:brief|briefs|subscri\w*|unsubscri\w*|digest|schedule\w*|daily|weekly|every (?:day|morning|"
                r"week|friday|monday)|post(?:s|ing)?|updates?|ping|dm|notif\w*)\b", re.IGNORECASE), BRIEFS),
    (re.compile(r"\b(?:sources?|articles?|sites?|websites?|news|feeds?|rss|links?|paywall\w*|info|reliable|"
                r"corpus|twitter|read|add|remove)\b", re.IGNORECASE), SOURCES),
    (re.compile(r"\b(?:labels?|fact|claim|speculation|opinion|quotes?|numbers?|brackets?|buttons?|thumbs|"
                r"disagree|cited?|citations?)\b", re.IGNORECASE), READING),
)


def reply(message: str) -> str:
    """The note a message about the bot gets: briefs, sources, how to read an answer, else the commands."""
    return next((note for words, note in _NOTES if words.search(message)), COMMANDS)


class BotHelpModel(MessageClassifier):
    """Questions about the bot told apart from story questions (see
    :class:`~bot.answers.message_kind.MessageClassifier`)."""

    def about_the_bot(self, text: str) -> bool:
        """Whether a message asks about the bot (its briefs, sources, commands) rather than the story."""
        return self.says([text])[0]


@cache
def load_model(path: Path = PARAMETERS) -> BotHelpModel:
    return BotHelpModel.load(path, VERSION, "python -m bot.answers.bot_help")


def _examples(data_dir: Path) -> tuple[list[str], list[int], list[str]]:
    """(texts, labels: 1 = about the bot, splits): the written set, then the story questions and small talk."""
    from bot.answers.evaluate import load_questions

    texts: list[str] = []
    labels: list[int] = []
    splits: list[str] = []
    for row in load_questions(data_dir / "bot_help.jsonl"):
        texts.append(row["text"])
        labels.append(int(row["kind"] == "bot"))
        splits.append(row["split"])
    about_the_bot = {t for t, y in zip(texts, labels, strict=True) if y}
    others = [*story_messages(data_dir), *((row["text"], row["split"])
                                            for row in load_questions(data_dir / "small_talk.jsonl"))]
    for text, split in others:
        if text not in about_the_bot:  # ("what commands do you have" is small talk too: here, about the bot)
            texts.append(text)
            labels.append(0)
            splits.append(split)
    return texts, labels, splits


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Fit the about-the-bot model (see bot/answers/bot_help.py).")
    parser.add_argument("--data-dir", type=Path, default=Path(__file__).resolve().parents[2] / "tests" / "data")
    parser.add_argument("--out", type=Path, default=PARAMETERS)
    args = parser.parse_args(argv)
    texts, labels, splits = _examples(args.data_dir)
    dev = [s == "dev" for s in splits]
    fitted = fit_classifier(texts, labels, dev, MISTAKE_COST)
    about = sum(y for y, d in zip(labels, dev, strict=True) if d)
    fitted.classifier.write(args.out, VERSION, {"C": fitted.c, "about_the_bot": about, "other": sum(dev) - about})
    print(f"C={fitted.c}, threshold {fitted.classifier.threshold:.3f}; wrote {args.out}")
    report(fitted, texts, labels, dev, "one about the bot")
    unseen = args.data_dir / "offtopic_questions.jsonl"
    if unseen.is_file():  # off-topic questions never fitted on: none is about the bot
        from bot.answers.evaluate import load_questions

        rows = load_questions(unseen)
        said = fitted.classifier.says([r["question"] for r in rows])
        taken = [r["question"] for r, s in zip(rows, said, strict=True) if s]
        print(f"{unseen.name} (never fitted on): taken for one about the bot {len(taken)}/{len(rows)}")
        for text in taken:
            print(f"    {text}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
