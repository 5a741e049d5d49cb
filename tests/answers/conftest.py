"""Real indexes shared by the answer tests: the whole shared corpus (quality on real reporting; skipped with
the reason when it is absent) and the suite's own fixture corpus (mechanics; always)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.answers.service import AnswerService
from bot.corpus.ingest import CorpusService
from tests.corpus_location import SHARED_CORPUS, shared_corpus_files
from tests.fixture_corpus import ARTICLES
from tests.isolation import DefaultsOnlySettings


def _index(folder: Path, data_dir: Path) -> Path:
    corpus = CorpusService.open(DefaultsOnlySettings(data_dir=data_dir))
    try:
        report = corpus.add_paths([folder], "tests", "pytest")
        assert not report.problems, report.problems
    finally:
        corpus.close()
    return data_dir


@pytest.fixture(scope="session")
def corpus_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shared corpus indexed once per session (~1-2 min)."""
    shared_corpus_files()  # skips, with the reason, when the corpus is absent
    return _index(SHARED_CORPUS, tmp_path_factory.mktemp("full-corpus"))


@pytest.fixture(scope="session")
def fixture_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture corpus indexed once per session (a few seconds)."""
    return _index(ARTICLES, tmp_path_factory.mktemp("fixture-corpus"))


@pytest.fixture(scope="session")
def answers(corpus_data_dir: Path) -> Iterator[AnswerService]:
    settings = DefaultsOnlySettings(data_dir=corpus_data_dir)
    service = AnswerService(settings, CorpusService.open(settings))
    service.warm_up()
    yield service
    service.corpus.close()


@pytest.fixture(scope="module")
def fixture_answers(fixture_data_dir: Path) -> Iterator[AnswerService]:
    """An answer service over the fixture corpus (no shared corpus needed)."""
    settings = DefaultsOnlySettings(data_dir=fixture_data_dir)
    service = AnswerService(settings, CorpusService.open(settings))
    yield service
    service.close()
    service.corpus.close()
