"""Questions rewritten the way people type in chat, to measure how much an answer depends on careful writing.

Two rewrites: ``casualise`` (one question typed in a hurry) and ``join_questions`` (two questions sent as
one message, "…? oh and …", "… — and …", ". second q: …", measuring that each part gets its answer).

``briefbot eval QUESTIONS --casual SEED`` asks every question (and every earlier turn of a follow-up) in
a casual rewrite: lowercase, apostrophes dropped, common chat shorthands ("govt", "w/", "abt", "2" for
"to"), a slip in about one longer word in eight (two letters swapped, one left out, one typed twice), and
now and then a trailing "lol" or "pls". The same seed gives the same rewrite. The figures set beside those
of the questions as written tell how robust the reading of casual writing is; a seed not looked at while
changing the reader is the honest one to report.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from typing import Any

# What people type for a word, as seen in chat; each is used for a given occurrence with SHORTHAND_RATE.
SHORTHANDS = {
    "government": "govt", "people": "ppl", "with": "w/", "because": "bc", "about": "abt", "please": "pls",
    "really": "rly", "you": "u", "are": "r", "without": "w/o", "before": "b4", "something": "smth",
    "probably": "prob", "though": "tho", "what is": "whats", "what's": "whats", "doesn't": "doesnt",
    "didn't": "didnt", "isn't": "isnt", "wasn't": "wasnt", "don't": "dont", "it's": "its", "that's": "thats",
    "organisations": "orgs", "organizations": "orgs", "department": "dept", "and": "&", "to": "2", "for": "4",
}
SHORTHAND_RATE = 0.6
SLIP_RATE = 0.12  # share of words of five letters or more typed with one slip
TAG_RATE = 0.3


def _slip(word: str, rng: random.Random) -> str:
    if len(word) < 5 or not word.isalpha():
        return word
    i = rng.randrange(1, len(word) - 2)
    kind = rng.choice(("swap", "drop", "double"))
    if kind == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    return word[:i] + word[i] + word[i:]


def casualise(question: str, rng: random.Random) -> str:
    """The question as typed in a hurry (see the module docstring)."""
    text = question.rstrip("?").strip()
    for word, short in SHORTHANDS.items():
        if rng.random() < SHORTHAND_RATE:
            # a word, not part of a site's name or a path ("dev.to", "twarx/dev.to" stay as typed)
            text = re.sub(rf"(?<![\w./-]){re.escape(word)}(?![\w]|[./-]\w)", short, text, flags=re.IGNORECASE)
    words = [_slip(w, rng) if rng.random() < SLIP_RATE else w for w in text.split()]
    text = " ".join(words).lower().replace("'", "").replace("’", "")
    if rng.random() < TAG_RATE:
        text += rng.choice((" lol", " pls"))
    if rng.random() < 0.5:
        text += "?"
    return text


# How people join two questions in one message.
JOINERS = ("? also ", "? and ", " and also ", "? oh and ", ". second q: ", "? plus ", " — and ")
JOINED_MESSAGES = 120


def join_questions(questions: Sequence[dict[str, Any]], rng: random.Random,
                   count: int = JOINED_MESSAGES) -> list[dict[str, Any]]:
    """For each split, ``count`` messages of two of its answerable single-turn questions, joined as in
    chat (half of them lowercase); a message's key facts and sources are both questions' own."""
    messages: list[dict[str, Any]] = []
    splits = dict.fromkeys(str(q.get("split", "dev")) for q in questions)
    for split in splits:
        pool = [q for q in questions if str(q.get("split", "dev")) == split and not q.get("must_abstain")
                and not q.get("context") and q.get("key_facts")]
        for i in range(count if len(pool) >= 2 else 0):
            first, second = rng.sample(pool, 2)
            a, b = first["question"].rstrip("?").strip(), second["question"].rstrip("?").strip()
            if rng.random() < 0.5:
                a, b = a.lower(), b.lower()
            else:
                b = b[0].lower() + b[1:]
            messages.append({
                "id": f"{first['id']}+{second['id']}#{i}", "question": f"{a}{rng.choice(JOINERS)}{b}?",
                "split": split, "key_facts": [*first["key_facts"], *second["key_facts"]],
                "sources": sorted({*(first.get("sources") or []), *(second.get("sources") or [])}),
            })
    return messages
