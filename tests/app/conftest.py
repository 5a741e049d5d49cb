"""Fixtures for the Discord app tests: the fixture corpus, real services, and bots on the fake Discord.

The suite's own articles (``tests/fixture_corpus.py``) are ingested once per session; tests that change the
corpus build their own small one. Bots use the real discord.py client against
``tests.fakediscord``; every test runs under the fake's error guard.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from bot.answers.model import Answer
from bot.answers.service import AnswerService
from bot.app.client import BriefBot
from bot.app.feedback import FeedbackStore
from bot.corpus.ingest import CorpusService
from bot.corpus.models import Article
from bot.settings import Settings
from tests.fakediscord.fixtures import *  # noqa: F403
from tests.fakediscord.fixtures import make_no_external_connector, running_bot
from tests.fakediscord.server import FakeDiscord, Scene
from tests.fixture_corpus import article_files, distinct_files
from tests.loopback import loopback_fetcher


def corpus_files(n: int | None = None, offset: int = 0) -> list[Path]:
    """``n`` distinct fixture articles (default: all of them, copies included)."""
    return article_files() if n is None else distinct_files(n, offset)


def scene_of(fake: FakeDiscord) -> Scene:
    """The fake's default scene (always set by the ``fake_discord`` fixture)."""
    assert fake.scene is not None
    return fake.scene


def make_settings(data_dir: Path, **overrides: Any) -> Settings:
    """Settings that ignore the environment and `.env`; no cooldown unless a test asks for one."""
    values: dict[str, Any] = {"data_dir": data_dir, "ask_cooldown_seconds": 0.0}
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@dataclass
class Services:
    settings: Settings
    corpus: CorpusService
    answers: AnswerService


def open_services(data_dir: Path, files: list[Path]) -> Services:
    """Real services on ``data_dir``; the corpus's fetcher may reach loopback (for ``static_server``)."""
    settings = make_settings(data_dir)
    corpus = CorpusService.open(settings, fetcher=loopback_fetcher(settings))
    if files:
        corpus.add_paths(files, "test:setup", "pytest")
    return Services(settings, corpus, AnswerService(settings, corpus))


@pytest.fixture(scope="session")
def services(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    """The fixture corpus (39 articles, five of them copies) shared by every read-only test."""
    result = open_services(tmp_path_factory.mktemp("corpus"), corpus_files())
    try:
        yield result
    finally:
        result.corpus.close()


class StubAnswers:
    """Stands in for AnswerService: a fixed or computed answer, optional delay or failure."""

    def __init__(self, real: AnswerService, make: Callable[[str], Answer] | None = None,
                 delay: float = 0.0) -> None:
        self.real = real
        self.make = make
        self.delay = delay
        self.calls: list[str] = []
        # the thread's earlier exchanges (question, answer lead) passed with each call
        self.earlier: list[list[str | tuple[str, str | None]]] = []

    def ask(self, question: str, earlier: Sequence[str | tuple[str, str | None]] = ()) -> Answer:
        import time

        self.calls.append(question)
        self.earlier.append(list(earlier))
        if self.delay:
            time.sleep(self.delay)
        return self.make(question) if self.make else self.real.ask(question, earlier)

    def search_articles(self, query: str, k: int = 10) -> list[Article]:
        return self.real.search_articles(query, k)


BotFactory = Callable[..., BriefBot]


@pytest.fixture
def bot_factory(patched_discord_endpoints: FakeDiscord, services: Services, tmp_path: Path) -> BotFactory:
    """Builds a BriefBot on the fake (own feedback store under ``tmp_path``; shared corpus by default)."""

    def build(*, corpus: CorpusService | None = None, answers: Any = None, data_dir: Path | None = None,
              briefs: Any = None, **settings: Any) -> BriefBot:
        data = data_dir or tmp_path / "bot"
        config = make_settings(data, **settings)
        feedback = FeedbackStore.open(data)
        return BriefBot(config, corpus or services.corpus, answers or services.answers, feedback,
                        briefs=briefs, connector=make_no_external_connector(), guild_ready_timeout=0.05)

    return build


@pytest.fixture
async def bot(bot_factory: BotFactory, fake_discord: FakeDiscord) -> AsyncIterator[BriefBot]:
    client = bot_factory()
    async with running_bot(client, fake_discord):
        yield client
    client.feedback.close()


class StaticServer:
    """A loopback HTTP server serving fixed bodies (for `/corpus add url` and feeds)."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[str, bytes]] = {}
        routes = self.routes

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                return None

            def do_GET(self) -> None:
                content_type, body = routes.get(self.path, ("text/plain", b"not found"))
                self.send_response(200 if self.path in routes else 404)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"


@pytest.fixture
def static_server() -> Iterator[StaticServer]:
    """A loopback server (the services' corpus is opened with the loopback fetcher)."""
    server = StaticServer()
    server.thread.start()
    try:
        yield server
    finally:
        server.server.shutdown()
        server.server.server_close()
