"""The starter corpus a fresh, offline clone answers from: the bundled notes, real model, real Chroma."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answers.service import AnswerService
from bot.corpus.ingest import CorpusService
from bot.corpus.starter import sync_starter
from bot.resources import bundled_dir
from tests.corpus.ingest_fixtures import make_settings

QUICKSTART = Path(__file__).resolve().parents[2] / "scripts" / "quickstart"


@pytest.fixture(scope="module")
def notes_only(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("notes-only")
    corpus = CorpusService.open(make_settings(data_dir))
    try:
        report = sync_starter(corpus, "tests", "pytest", online=False)
        assert not report.problems, report.problems
        assert len(report.added) == len(list((bundled_dir("knowledge") / "notes").glob("*.md")))
        again = sync_starter(corpus, "tests", "pytest", online=False)
        assert not again.added and again.chunks_embedded == 0
    finally:
        corpus.close()
    return data_dir


def test_notes_index_prose_not_their_bibliography(notes_only: Path) -> None:
    corpus = CorpusService.open(make_settings(notes_only))
    try:
        chunks = corpus.index.collection.get(include=["documents"])["documents"] or []
        assert chunks
        assert not [c for c in chunks if "http://" in c or "https://" in c]
    finally:
        corpus.close()


def test_the_quickstart_question_is_answered_from_the_notes_alone(notes_only: Path) -> None:
    question = QUICKSTART.read_text(encoding="utf-8").split('ask "${1:-', 1)[1].split("}", 1)[0]
    settings = make_settings(notes_only)
    service = AnswerService(settings, CorpusService.open(settings))
    try:
        answer = service.ask(question)
        assert not answer.abstained, answer.abstain_reason
        assert answer.statements
        assert {s.outlet for s in answer.sources} == {"briefbot notes"}
        quotes = " ".join(s.quote for s in answer.sources).lower()
        assert "offline" in quotes or "switching them off" in quotes
        assert not any(s.text.startswith("#") or "http" in s.text for s in answer.statements)
    finally:
        service.corpus.close()
