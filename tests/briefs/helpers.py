"""Shared helpers for the brief tests: batches of fixture articles, settings, services, waiting.

The articles are the suite's own fixtures (``tests/fixture_corpus.py``); copies are left out so each batch's
articles are originals, and expectations come from the ingest report.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import tempfile
from collections.abc import AsyncIterator, Callable
from datetime import date
from pathlib import Path
from typing import Any

import aiohttp

from bot.answers.service import AnswerService
from bot.app.client import BriefBot
from bot.app.feedback import FeedbackStore
from bot.briefs.compose import Brief
from bot.briefs.service import BriefService, Delivery
from bot.corpus.catalog import utcnow
from bot.corpus.ingest import CorpusService
from bot.settings import Settings
from tests.fakediscord.fixtures import running_bot
from tests.fakediscord.server import FakeDiscord
from tests.fixture_corpus import distinct_files

ACTOR = "test:curator"
ORIGIN = "pytest@briefs"


def corpus_batches(n_batches: int, size: int, offset: int = 0) -> list[list[Path]]:
    """``n_batches`` disjoint lists of ``size`` distinct fixture articles, from ``offset`` on."""
    picked = distinct_files(n_batches * size, offset)
    return [picked[i * size : (i + 1) * size] for i in range(n_batches)]


def make_settings(data_dir: Path, **overrides: Any) -> Settings:
    """Settings that ignore the environment and `.env`."""
    return Settings(_env_file=None, data_dir=data_dir, **overrides)  # type: ignore[call-arg]


def as_news(files: list[Path], day: date, folder: Path) -> list[Path]:
    """Copies of fixture articles dated ``day``, written into ``folder``: the fixtures report June 2026, and
    a brief lists articles published before its window apart, as added late (``test_news_time.py`` covers
    that), so a test about delivering news adds articles as news of the day they arrive."""
    copies = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        dated, n = re.subn(r"(?m)^published:.*$", f"published: {day.isoformat()}", text, count=1)
        if not n:
            dated = text.replace("---\n", f"---\npublished: {day.isoformat()}\n", 1)
        copy = folder / path.name
        copy.write_text(dated, encoding="utf-8")
        copies.append(copy)
    return copies


def ingest(corpus: CorpusService, files: list[Path], *, news: bool = True) -> list[int]:
    """Add files (by default as news of today, see :func:`as_news`); return the ids of the non-duplicate
    articles (what a brief must cover)."""
    if news:
        with tempfile.TemporaryDirectory(prefix="briefbot-news-") as folder:
            report = corpus.add_paths(as_news(files, utcnow().date(), Path(folder)), ACTOR, ORIGIN)
    else:
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


@contextlib.asynccontextmanager
async def brief_bot(settings: Settings, corpus: CorpusService, fake: FakeDiscord,
                    connector: aiohttp.TCPConnector) -> AsyncIterator[BriefBot]:
    """The real BriefBot with its brief service (and so the scheduler) running on ``fake``."""
    briefs = BriefService(settings, corpus)
    feedback = FeedbackStore.open(settings.data_dir)
    client = BriefBot(settings, corpus, AnswerService(settings, corpus), feedback, briefs=briefs,
                      connector=connector, guild_ready_timeout=0.05)
    try:
        async with running_bot(client, fake):
            yield client
    finally:
        briefs.close()
        feedback.close()


async def command(fake: FakeDiscord, name: str, options: dict[str, Any] | None = None,
                  user: Any = None) -> str:
    """Run a slash command and return the text of its (ephemeral) reply."""
    handle = await fake.send_interaction(name, options, user=user)
    response = await handle.wait_response()
    data = (response.json or {}).get("data") or {}
    return str(data.get("content") or "")
