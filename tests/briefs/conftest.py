"""Fixtures for the brief tests: fake Discord, and a real corpus service on each test's ``settings``."""

from collections.abc import Iterator

import pytest

from bot.corpus.ingest import CorpusService
from bot.settings import Settings
from tests.fakediscord.fixtures import *  # noqa: F403


@pytest.fixture
def corpus(settings: Settings) -> Iterator[CorpusService]:
    """The corpus service over the test's own ``settings`` fixture (each test module defines it)."""
    service = CorpusService.open(settings)
    try:
        yield service
    finally:
        service.close()
