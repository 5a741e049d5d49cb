"""The one fetcher tests use to reach their own servers on 127.0.0.1.

It is the real :class:`~bot.corpus.fetch.Fetcher` with its test-only loopback switch on, handed to
whatever fetches (``CorpusService.open(settings, fetcher=…)``, ``BriefService(…, fetcher=…)``,
``bot.cli.main(argv, fetcher=…)``); nothing is replaced at module level, and code given no fetcher
keeps refusing loopback.
"""

from __future__ import annotations

from bot.corpus.fetch import Fetcher
from bot.settings import Settings


def loopback_fetcher(settings: Settings | None = None) -> Fetcher:
    return Fetcher(settings or Settings(_env_file=None), allow_loopback=True)  # type: ignore[call-arg]
