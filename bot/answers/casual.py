"""Questions rewritten the way people type in chat, to measure how much an answer depends on careful writing.

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
            text = re.sub(rf"\b{re.escape(word)}\b", short, text, flags=re.IGNORECASE)
    words = [_slip(w, rng) if rng.random() < SLIP_RATE else w for w in text.split()]
    text = " ".join(words).lower().replace("'", "").replace("’", "")
    if rng.random() < TAG_RATE:
        text += rng.choice((" lol", " pls"))
    if rng.random() < 0.5:
        text += "?"
    return text
