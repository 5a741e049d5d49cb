"""Chat that is not a question about the story ("hi", "thanks!", "are you a bot", "lol"): told apart by
meaning, so it gets a short reply saying what the bot is for instead of a sentence retrieved for it.

Without this, "good morning!" was answered with whatever sentence lay nearest, and "good morning! when was
the ban lifted" carried the greeting into the question. A message, or one part of a message of several, is
small talk when a logistic regression over its sentence embedding (the corpus's own model, all-MiniLM-L6-v2)
says so. It is fitted by ``python -m bot.answers.small_talk`` on ``tests/data/small_talk.jsonl`` (chat and
short story messages, written for it) and the question set's development part; the threshold is chosen on
out-of-fold probabilities, counting a story question taken for chat as :data:`MISTAKE_COST` times worse
than chat answered as a question. Parameters live in ``small_talk.json``, versioned; the frozen parts are
reported by the fit, never fitted on.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from bot.answers.message_kind import (
    Examples,
    MessageClassifier,
    fit_classifier,
    report,
    with_story_negatives,
    written_examples,
)

PARAMETERS = Path(__file__).with_name("small_talk.json")
VERSION = 1
MISTAKE_COST = 5.0  # a question taken for chat loses its answer; chat taken for one gets an odd answer
REPLY = ("I only answer questions about the U.S. export-control order that took Anthropic's Fable 5 and Mythos 5 "
         "offline and what followed: try “when was the ban lifted?”.")
THANKS_REPLY = "You're welcome! Ask me anything else about the Fable 5 / Mythos 5 export-control story."
# a message that only thanks ("thanks!", "thx", "ty so much", "cheers") gets a reply in kind
_THANKS = re.compile(r"^\W*(?:(?:ok(?:ay)?|great|cool|nice|perfect|awesome)\W+)?(?:thanks?|thank\s*(?:you|u)|thx|tx|"
                     r"ty|tysm|cheers|much appreciated|appreciate (?:it|that))(?:\W+(?:so much|a lot|a ton|again|"
                     r"bot|mate|man|dude))*\W*$", re.IGNORECASE)


# a message that only asks to go on ("tell me more", "keep going", "and?"): in a thread a follow-up; as a first
# message there is nothing to go on from, so it is told what the bot is for
_GO_ON = re.compile(r"^\W*(?:(?:ok(?:ay)?|so|and|pls|please)\W+)*(?:tell me more|more|go on|keep going|continue|"
                    r"and then|and|what else|anything else|more pls|more please|elaborate|explain more|"
                    r"say more)(?:\W+(?:pls|please|then))?\W*$", re.IGNORECASE)


def asks_to_go_on(message: str) -> bool:
    """Whether a message only asks to continue (see ``_GO_ON``)."""
    return bool(_GO_ON.match(message))


def thanks(message: str) -> bool:
    """Whether a message only thanks (see ``_THANKS``)."""
    return bool(_THANKS.match(message))


def reply(message: str) -> str:
    """What small talk gets: thanks in kind, anything else what the bot is for."""
    return THANKS_REPLY if thanks(message) else REPLY


class SmallTalkModel(MessageClassifier):
    """Chat told apart from story questions (see :class:`~bot.answers.message_kind.MessageClassifier`)."""

    def is_small_talk(self, texts: Sequence[str]) -> list[bool]:
        """Which of these messages (or parts) are chat, not questions about the story."""
        return self.says(texts)


@cache
def load_model(path: Path = PARAMETERS) -> SmallTalkModel:
    return SmallTalkModel.load(path, VERSION, "python -m bot.answers.small_talk")


def _examples(data_dir: Path) -> Examples:
    """The small-talk file (1 = chat), then the question set's story questions (its off-topic questions are not
    chat either)."""
    return with_story_negatives(written_examples(data_dir / "small_talk.jsonl", "small_talk"), data_dir)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Fit the small-talk model (see bot/answers/small_talk.py).")
    parser.add_argument("--data-dir", type=Path, default=Path(__file__).resolve().parents[2] / "tests" / "data")
    parser.add_argument("--out", type=Path, default=PARAMETERS)
    args = parser.parse_args(argv)
    texts, labels, splits, sources = _examples(args.data_dir)
    dev = [s == "dev" for s in splits]
    fitted = fit_classifier(texts, labels, dev, MISTAKE_COST)
    chat = sum(y for y, d in zip(labels, dev, strict=True) if d)
    fitted.classifier.write(args.out, VERSION, {"C": fitted.c, "chat": chat, "story": sum(dev) - chat})
    print(f"C={fitted.c}, threshold {fitted.classifier.threshold:.3f}; wrote {args.out}")
    report(fitted, texts, labels, dev, "chat", sources)
    unseen = args.data_dir / "offtopic_questions.jsonl"
    if unseen.is_file():  # written in an earlier session, never fitted on: chat caught, other off-topic flagged
        from bot.answers.evaluate import load_questions

        rows = load_questions(unseen)
        said = fitted.classifier.says([r["question"] for r in rows])
        chat_rows = [s for r, s in zip(rows, said, strict=True) if r["domain"] == "chitchat"]
        other = [s for r, s in zip(rows, said, strict=True) if r["domain"] != "chitchat"]
        print(f"{unseen.name} (never fitted on): chat caught {sum(chat_rows)}/{len(chat_rows)}; "
              f"other off-topic questions taken for chat {sum(other)}/{len(other)}")
        for r, s in zip(rows, said, strict=True):
            if s != (r["domain"] == "chitchat"):
                print(f"    {'chat missed' if not s else 'taken for chat'} ({r['domain']}): {r['question']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
