"""The evaluation set `tests/data/questions.jsonl` keeps its shape, its frozen split and its promises.

Checks the row format, the composition issue 15 asks for (size, casual share, abstentions, follow-ups, a test part
of at least a third with every kind of question on both sides), that each row's split is its topic's split in
`questions_split.md`, and, against the shared corpus, that every named source exists and every key fact is stated
in at least one of its sources.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests.corpus_location import SHARED_CORPUS, needs_shared_corpus

DATA = Path(__file__).resolve().parent / "data"
KINDS = {"fact", "latest", "conflict", "speculation", "claim", "out_of_scope"}


def _rows() -> list[dict[str, Any]]:
    lines = (DATA / "questions.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _split_map() -> dict[str, str]:
    table = re.findall(r"^\| `([a-z0-9-]+)` \| (dev|test) \|", (DATA / "questions_split.md").read_text(), re.M)
    return dict(table)


def _norm(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


def _body(path: Path) -> str:
    """The article's body: everything after the front matter's closing `---` (README's offset convention)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    fences = [i for i, line in enumerate(lines) if line == "---"]
    return "\n".join(lines[fences[1] + 1:]).lstrip("\n") if len(fences) >= 2 else "\n".join(lines)


ROWS = _rows()


def test_rows_have_the_documented_fields() -> None:
    ids = Counter(r["id"] for r in ROWS)
    assert [i for i, n in ids.items() if n > 1] == []
    for r in ROWS:
        assert r["question"].strip(), r["id"]
        assert r["kind"] in KINDS, r["id"]
        assert r["style"] in {"casual", "plain"}, r["id"]
        assert isinstance(r["sources"], list) and isinstance(r["key_facts"], list), r["id"]
        if "context" in r:
            assert r["context"] and all(isinstance(q, str) and q.strip() for q in r["context"]), r["id"]
        if r.get("conflict"):
            assert len(r["conflict_values"]) >= 2, r["id"]
        if r["must_abstain"]:
            assert r["sources"] == [] and r["key_facts"] == [] and r["kind"] == "out_of_scope", r["id"]
        else:
            assert r["sources"] and r["key_facts"] and r["kind"] != "out_of_scope", r["id"]


def test_each_row_takes_its_topics_frozen_split() -> None:
    split = _split_map()
    assert split, "questions_split.md has no topic table"
    assert {r["id"]: r["split"] for r in ROWS} == {r["id"]: split.get(r["topic"]) for r in ROWS}


def test_composition_meets_issue_15() -> None:
    n = len(ROWS)
    offtopic = [r for r in ROWS if r["topic"].startswith("offtopic-")]
    assert n >= 320
    assert sum(r["style"] == "casual" for r in ROWS) * 2 >= n
    assert sum(r["must_abstain"] for r in ROWS) - len(offtopic) >= 60
    assert len(offtopic) >= 20 and all(r["must_abstain"] for r in offtopic)
    assert sum("context" in r for r in ROWS) >= 30
    assert sum(r["split"] == "test" for r in ROWS) * 3 >= n
    old = {f"q{i:02d}" for i in range(1, 61)} | {f"h{i:02d}" for i in range(1, 25)}
    assert old <= {r["id"] for r in ROWS}


@pytest.mark.parametrize("split", ["dev", "test"])
def test_every_kind_of_question_is_on_both_sides(split: str) -> None:
    part = [r for r in ROWS if r["split"] == split]
    assert any(not r["must_abstain"] for r in part)
    assert any(r["must_abstain"] and not r["topic"].startswith("offtopic-") for r in part)
    assert any(r["topic"].startswith("offtopic-") for r in part)
    assert any("context" in r for r in part)
    assert any(r.get("conflict") for r in part)
    assert any(r["style"] == "casual" for r in part)
    assert {r["kind"] for r in part} == KINDS


@needs_shared_corpus
def test_sources_exist_and_state_the_key_facts() -> None:
    bodies: dict[str, str] = {}
    missing: list[str] = []
    unstated: list[str] = []
    for r in ROWS:
        for name in r["sources"]:
            path = SHARED_CORPUS / name
            if name not in bodies:
                bodies[name] = _norm(_body(path)) if path.is_file() else ""
            if not bodies[name]:
                missing.append(f"{r['id']}: {name}")
        for fact in r["key_facts"]:
            alternatives = [_norm(a) for a in fact.split("|")]
            if not any(a in bodies.get(s, "") for s in r["sources"] for a in alternatives):
                unstated.append(f"{r['id']}: {fact}")
    assert missing == []
    assert unstated == []
