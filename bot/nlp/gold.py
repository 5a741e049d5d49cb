"""The hand-labelled sentences: loading them from the corpus by offsets, and the frozen test part.

The gold files store only offsets into corpus files (see ``tests/data/README.md``), so corpus text never
enters the repository. A fixed fifth of the *articles*, chosen by a hash of the file name, is the frozen
test part: it was set aside before any tuning, nothing is fitted or tuned on it, and its figures are
reported apart from the cross-validated ones.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from bot.nlp.labelset import LABELS

__all__ = ["GoldRow", "is_frozen", "load_body", "load_gold", "load_rows"]

FROZEN_BUCKETS = 5  # one article in five, by hash: the frozen test part


@dataclass(frozen=True, slots=True)
class GoldRow:
    file: str
    start: int
    end: int
    label: str
    kind: str
    text: str


def is_frozen(file: str) -> bool:
    """Whether an article belongs to the frozen test part (fixed before tuning; never tuned on)."""
    return int(hashlib.sha256(file.encode()).hexdigest()[:8], 16) % FROZEN_BUCKETS == 0


def load_body(path: Path) -> str:
    """Return a corpus file's body: everything after the second line that is exactly ``---``.

    Leading newlines are stripped. Offsets in the gold file are ``str`` indices into this string.
    """
    lines = path.read_text(encoding="utf-8").split("\n")
    fences = 0
    for i, line in enumerate(lines):
        if line == "---":
            fences += 1
            if fences == 2:
                return "\n".join(lines[i + 1 :]).lstrip("\n")
    raise ValueError(f"{path}: no closing front-matter fence")


def load_rows(path: Path) -> list[dict[str, object]]:
    """Read a gold JSONL file as raw rows, without touching the corpus."""
    rows: list[dict[str, object]] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rows.append(json.loads(line))
    return rows


def load_gold(paths: list[Path], corpus_dir: Path) -> list[GoldRow]:
    """Every row of the given gold files with its sentence rebuilt from the corpus; a span seen twice counts once."""
    bodies: dict[str, str] = {}
    seen: set[tuple[str, int, int]] = set()
    out: list[GoldRow] = []
    for path in paths:
        for row in load_rows(path):
            name = str(row["file"])
            start, end = int(str(row["start"])), int(str(row["end"]))
            if (name, start, end) in seen:
                continue
            seen.add((name, start, end))
            label = str(row["label"])
            if label not in LABELS:
                raise ValueError(f"{path.name}: {name}:{start}: unknown label {label!r}")
            if name not in bodies:
                bodies[name] = load_body(corpus_dir / name)
            text = bodies[name][start:end]
            if not text.strip():
                raise ValueError(f"{path.name}: {name}:{start}-{end}: empty span")
            out.append(GoldRow(name, start, end, label, str(row.get("kind") or ""), text))
    return out
