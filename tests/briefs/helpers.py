"""Shared helpers for the brief tests: corpus batches read in place, settings, services, waiting.

The corpus is read from ``/work/shared/corpus`` (never copied into test code); known syndicated copies
are left out so each batch's articles are originals, and expectations come from the ingest report.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bot.briefs.compose import Brief
from bot.briefs.service import Delivery
from bot.corpus.ingest import CorpusService
from bot.settings import Settings

CORPUS_DIR = Path(os.environ.get("BRIEFBOT_TEST_CORPUS", "/work/shared/corpus"))
COPIES = {"083", "090", "091", "092", "093", "094", "095", "096", "405", "165", "166", "385"}
ACTOR = "test:curator"
ORIGIN = "pytest@briefs"


def corpus_batches(n_batches: int, size: int, offset: int = 0) -> list[list[Path]]:
    """``n_batches`` disjoint lists of ``size`` corpus files spread over the corpus."""
    files = [p for p in sorted(CORPUS_DIR.glob("*.md")) if p.name[:3] not in COPIES]
    if len(files) < n_batches * size:
        pytest.skip(f"no corpus at {CORPUS_DIR}")
    step = max(1, len(files) // (n_batches * size))
    picked = files[offset::step][: n_batches * size]
    return [picked[i * size : (i + 1) * size] for i in range(n_batches)]


def make_settings(data_dir: Path, **overrides: Any) -> Settings:
    """Settings that ignore the environment and `.env`."""
    return Settings(_env_file=None, data_dir=data_dir, **overrides)  # type: ignore[call-arg]


def ingest(corpus: CorpusService, files: list[Path]) -> list[int]:
    """Add files; return the ids of the non-duplicate articles (what a brief must cover)."""
    report = corpus.add_paths(files, ACTOR, ORIGIN)
    assert not report.problems, report.problems
    return sorted(report.added + report.updated)


class RecordingPoster:
    """A poster that records briefs instead of sending them (for tests without Discord)."""

    def __init__(self) -> None:
        self.posts: list[tuple[int, Brief, Delivery]] = []
        self.event = asyncio.Event()

    async def __call__(self, channel_id: int, brief: Brief, delivery: Delivery) -> list[int]:
        self.posts.append((channel_id, brief, delivery))
        self.event.set()
        return [len(self.posts)]


async def wait_until(predicate: Callable[[], bool], timeout: float = 10.0, what: str = "condition") -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not predicate():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.05)
