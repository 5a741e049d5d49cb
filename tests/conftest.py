"""Suite-wide guard: the test corpus must be present, so no corpus-dependent test can silently skip."""

from __future__ import annotations

from pathlib import Path

import pytest

CORPUS_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def pytest_sessionstart(session: pytest.Session) -> None:
    if not any(CORPUS_DIR.glob("*.md")):
        raise pytest.UsageError(f"the test corpus is missing: expected Markdown articles in {CORPUS_DIR}")
