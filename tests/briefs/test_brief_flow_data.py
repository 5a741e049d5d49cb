"""Integrity of the news-flow evaluation set ``tests/data/brief_flow.jsonl`` (see ``tests/data/README.md``).

The windows, their files and the editor's key facts are checked against the corpus, so an edit to either cannot
silently leave a development that no article reports, or a "new" development the base already had.
"""

from __future__ import annotations

import itertools
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from bot.nlp.label_eval import load_body
from tests.corpus_location import SHARED_CORPUS, needs_shared_corpus

FLOW = Path(__file__).resolve().parents[1] / "data" / "brief_flow.jsonl"
# Fixed before any tuning; never move a window between splits.
TEST_WINDOWS = {"w02", "w04", "w06"}
FLOW_WINDOWS = 10  # w01-w10 are consecutive; later rows are extra development cuts of the same days
# The issue's three windows: (since, until, number of articles).
ISSUE_WINDOWS = {("2026-06-20", "2026-06-23", 10), ("2026-06-23", "2026-06-27", 20), ("2026-06-27", "2026-07-05", 19)}


def _rows() -> list[dict[str, Any]]:
    return [json.loads(line) for line in FLOW.read_text(encoding="utf-8").splitlines() if line.strip()]


def _norm(text: str) -> str:
    return " ".join(text.lower().replace("\u2019", "'").replace("**", "").split())


@cache
def _published() -> dict[str, str]:
    dates: dict[str, str] = {}
    for path in sorted(SHARED_CORPUS.glob("*.md")):
        head = path.read_text(encoding="utf-8").split("\n---", 1)[0]
        match = re.search(r"^published:\s*\"?(\d{4}-\d{2}-\d{2})", head, re.MULTILINE)
        if match:
            dates[path.name] = match.group(1)
    return dates


@cache
def _sentences(name: str) -> tuple[str, ...]:
    body = load_body(SHARED_CORPUS / name)
    return tuple(_norm(s) for s in re.split(r"(?<=[.!?])\s+|\n+", body) if s.strip())


def _in_one_sentence(name: str, key_facts: list[str]) -> bool:
    return any(
        all(any(_norm(alt) in sentence for alt in fact.split("|")) for fact in key_facts)
        for sentence in _sentences(name)
    )


def test_windows_are_consecutive_and_well_formed() -> None:
    rows = _rows()
    assert [r["id"] for r in rows] == [f"w{i:02d}" for i in range(1, len(rows) + 1)]
    assert len(rows) >= 18
    # w01-w10 are the flow proper: consecutive windows over the whole dated range
    flow = rows[:FLOW_WINDOWS]
    assert flow[0]["since"] == "2026-06-13" and flow[-1]["until"] == "2026-07-05"
    for before, after in itertools.pairwise(flow):
        assert before["until"] == after["since"]
    # the rest are further development cuts of the same days (1 day to 2 weeks), each its own brief
    for r in rows[FLOW_WINDOWS:]:
        assert r["split"] == "dev" and r["since"] >= "2026-06-13" and r["until"] <= "2026-07-05", r["id"]
    for r in rows:
        assert r["since"] < r["until"]
        assert len(r["files"]) >= 4, r["id"]
        assert 2 <= len(r["developments"]) <= 6, r["id"]
        assert 2 <= len(r["background"]) <= 4, r["id"]
        for d in r["developments"]:
            assert d["what"] and d["key_facts"] and d["files"], (r["id"], d)
            assert d["kind"] in {"event", "commentary"}
            assert set(d["files"]) <= set(r["files"]), (r["id"], d["what"])
        kinds = [d["kind"] for d in r["developments"]]
        assert kinds == sorted(kinds, key=lambda k: k != "event"), f"{r['id']}: events rank before commentary"
        for b in r["background"]:
            assert b["what"] and b["key_facts"], (r["id"], b)


def test_split_is_frozen_and_holds_the_issue_windows() -> None:
    rows = _rows()
    assert {r["id"] for r in rows if r["split"] == "test"} == TEST_WINDOWS
    assert all(r["split"] in {"dev", "test"} for r in rows)
    # no development window shares a day with a test window: tuning never sees a test window's articles
    tests = [(r["since"], r["until"]) for r in rows if r["split"] == "test"]
    for r in rows:
        if r["split"] == "dev":
            assert all(r["until"] <= since or until <= r["since"] for since, until in tests), r["id"]
    issue = {(r["since"], r["until"], len(r["files"])) for r in rows if r["split"] == "dev"}
    assert issue >= ISSUE_WINDOWS


@needs_shared_corpus
def test_window_files_are_the_articles_published_in_the_window() -> None:
    published = _published()
    for r in _rows():
        expected = sorted((f for f, d in published.items() if r["since"] < d <= r["until"]),
                          key=lambda f: (published[f], f))
        assert r["files"] == expected, r["id"]
    assert sum(1 for d in published.values() if d <= "2026-06-20") == 47


@needs_shared_corpus
def test_developments_are_reported_in_the_window_and_not_before() -> None:
    published = _published()
    for r in _rows():
        base = [f for f, d in published.items() if d <= r["since"]]
        for d in r["developments"]:
            assert any(_in_one_sentence(f, d["key_facts"]) for f in d["files"]), (r["id"], d["what"])
            already = [f for f in base if _in_one_sentence(f, d["key_facts"])]
            assert not already, (r["id"], d["what"], already)


@needs_shared_corpus
def test_background_was_reported_before_and_is_recapped_in_the_window() -> None:
    published = _published()
    for r in _rows():
        base = [f for f, d in published.items() if d <= r["since"]]
        for b in r["background"]:
            assert any(_in_one_sentence(f, b["key_facts"]) for f in base), (r["id"], b["what"])
            assert any(_in_one_sentence(f, b["key_facts"]) for f in r["files"]), (r["id"], b["what"])


def test_editor_words_and_short_key_facts() -> None:
    """`what` is the editor's short wording; key facts are short phrases, never sentences."""
    for r in _rows():
        for item in r["developments"] + r["background"]:
            assert len(item["what"]) <= 160, item["what"]
            assert all(len(alt.split()) <= 5 for fact in item["key_facts"] for alt in fact.split("|")), item
