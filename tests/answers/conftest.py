"""One real index of the whole test corpus, shared by the answer tests (ingesting it takes ~1-2 min)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource

from bot.answers.service import AnswerService
from bot.corpus.ingest import CorpusService
from bot.settings import Settings

CORPUS_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"


class _DefaultsOnlySettings(Settings):
    """Defaults plus explicit values only: no BRIEFBOT_* variable or `.env` of the developer's machine
    (an LLM provider, a Chroma server) reaches these tests."""

    @classmethod
    def settings_customise_sources(
        cls, settings_cls: type[BaseSettings], init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource, dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings,)


@pytest.fixture(scope="session")
def corpus_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not CORPUS_DIR.is_dir():
        pytest.fail(f"the test corpus is missing: {CORPUS_DIR}")
    data_dir = tmp_path_factory.mktemp("full-corpus")
    corpus = CorpusService.open(_DefaultsOnlySettings(data_dir=data_dir))
    try:
        report = corpus.add_paths([CORPUS_DIR], "tests", "pytest")
        assert not report.problems, report.problems
    finally:
        corpus.close()
    return data_dir


@pytest.fixture(scope="session")
def answers(corpus_data_dir: Path) -> Iterator[AnswerService]:
    settings = _DefaultsOnlySettings(data_dir=corpus_data_dir)
    service = AnswerService(settings, CorpusService.open(settings))
    service.warm_up()
    yield service
    service.corpus.close()
