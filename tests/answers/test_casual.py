"""The casual rewrite `briefbot eval --casual SEED` asks questions in: seeded, and as people type."""

from __future__ import annotations

import random
from typing import Any

from bot.answers.casual import casualise, join_questions

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


def test_joined_messages_pair_questions_of_one_split_and_ask_for_both_answers() -> None:
    rows: list[dict[str, Any]] = [
        {"id": "a", "question": "Who sued?", "split": "dev", "key_facts": ["Legion"], "sources": ["1.md"]},
        {"id": "b", "question": "When did it end?", "split": "dev", "key_facts": ["July 1"], "sources": ["2.md"]},
        {"id": "c", "question": "Who signed?", "split": "test", "key_facts": ["Lutnick"], "sources": ["3.md"]},
        {"id": "d", "question": "How long?", "split": "test", "key_facts": ["19 days"], "sources": ["4.md"]},
        {"id": "e", "question": "What fine?", "split": "dev", "must_abstain": True},
        {"id": "f", "question": "and then?", "split": "dev", "key_facts": ["x"], "context": ["Who sued?"]},
    ]
    messages = join_questions(rows, random.Random(1), count=10)
    assert len(messages) == 20  # ten per split
    for m in messages:
        firsts = {"dev": {"a", "b"}, "test": {"c", "d"}}[m["split"]]
        pair = set(m["id"].split("#")[0].split("+"))
        assert pair == firsts  # two different questions of its own split, never one to decline or a follow-up
        assert len(m["key_facts"]) == 2 and len(m["sources"]) == 2
    assert join_questions(rows, random.Random(1), count=10) == messages


def test_a_site_name_is_typed_as_it_is_written() -> None:
    rewrites = [casualise("what did the twarx/dev.to post say to readers", random.Random(seed)) for seed in range(30)]
    assert all("twarx/dev.to" in r for r in rewrites)  # never "dev.2"
    assert any(" 2 readers" in r for r in rewrites)  # the word "to" is still typed as "2" in chat
