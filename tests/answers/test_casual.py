"""The casual rewrite `briefbot eval --casual SEED` asks questions in: seeded, and as people type."""

from __future__ import annotations

import random

from bot.answers.casual import casualise

QUESTIONS = [
    "What did the government say about the order's legal basis, and when did the company respond?",
    "Which organizations were told to stop before the deadline?",
    "Is it really true that people could not use the model from abroad?",
]


def test_the_same_seed_gives_the_same_rewrite_and_another_seed_another() -> None:
    first = [casualise(q, random.Random(7)) for q in QUESTIONS]
    assert first == [casualise(q, random.Random(7)) for q in QUESTIONS]
    others = [[casualise(q, random.Random(seed)) for q in QUESTIONS] for seed in range(8, 12)]
    assert any(other != first for other in others)


def test_a_rewrite_is_typed_as_in_chat() -> None:
    rng = random.Random(3)
    rewrites = [casualise(q, rng) for q in QUESTIONS * 20]
    assert all(r == r.lower() and "'" not in r for r in rewrites)
    joined = " ".join(rewrites)
    assert any(short in joined.split() for short in ("govt", "abt", "orgs", "ppl", "rly", "b4", "&", "2"))
    written = set(" ".join(QUESTIONS).lower().replace("'", "").replace("?", "").replace(",", "").split())
    typed = {w.strip("?,") for w in joined.split()}
    assert typed - written - {"govt", "abt", "orgs", "ppl", "rly", "b4", "&", "2", "4", "u", "r", "lol", "pls",
                              "whats", "w/", "dept", "thats", "its"}  # some words typed with a slip
