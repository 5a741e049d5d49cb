"""One real index of the whole test corpus, shared by the answer tests (ingesting it takes ~1-2 min)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.answers.service import AnswerService
from bot.corpus.ingest import CorpusService
from tests.isolation import DefaultsOnlySettings

CORPUS_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"


@pytest.fixture(scope="session")
def corpus_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not CORPUS_DIR.is_dir():
        pytest.fail(f"the test corpus is missing: {CORPUS_DIR}")
    data_dir = tmp_path_factory.mktemp("full-corpus")
    corpus = CorpusService.open(DefaultsOnlySettings(data_dir=data_dir))
    try:
        report = corpus.add_paths([CORPUS_DIR], "tests", "pytest")
        assert not report.problems, report.problems
    finally:
        corpus.close()
    return data_dir


@pytest.fixture(scope="session")
def answers(corpus_data_dir: Path) -> Iterator[AnswerService]:
    settings = DefaultsOnlySettings(data_dir=corpus_data_dir)
    service = AnswerService(settings, CorpusService.open(settings))
    service.warm_up()
    yield service
    service.corpus.close()
