"""Labels at ingest come from the chunks' own model run; a new labeller version relabels without embedding."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

import bot.corpus.ingest as ingest
from bot.corpus.adding import LearnedLabeller
from bot.corpus.ingest import CorpusService
from tests.corpus.ingest_fixtures import ACTOR, ORIGIN, make_settings, open_service
from tests.fixture_corpus import distinct_files


def _labels(service: CorpusService) -> dict[tuple[int, int], str]:
    rows = service.catalog._query("SELECT article_id, idx, label FROM sentences")
    return {(r[0], r[1]): r[2] for r in rows}


def test_a_new_labeller_version_relabels_stored_sentences_without_embedding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
) -> None:
    settings = make_settings(tmp_path / "data")
    with open_service(settings) as service:
        service.add_paths(distinct_files(3, offset=7), ACTOR, ORIGIN)
        before = _labels(service)
        cues = [r[0] for r in service.catalog._query("SELECT cues FROM sentences")]
        assert before and not any("not labelled yet" in c for c in cues)  # placeholders all replaced
        vectors = service.catalog._query("SELECT COUNT(*) FROM sentence_vectors")[0][0]
        assert vectors == len(before)  # every sentence's vector was pooled from its chunk and kept

    # The next version leans towards opinion, so some labels must change; the model must not run at all.
    import bot.nlp.labeller as labeller

    model = labeller.load_model()
    shifted = replace(model, intercept=model.intercept + np.array([0, 0, 0, 2.5], np.float32))
    monkeypatch.setattr(labeller, "load_model", lambda: shifted)

    def no_model(*_args: object, **_kwargs: object) -> object:
        raise AssertionError("the embedding model ran during a relabel")

    monkeypatch.setattr("bot.corpus.embeddings.MiniLMEncoder.encode_with_spans", no_model)
    monkeypatch.setattr(ingest, "default_labeller", lambda: (LearnedLabeller(), "learned-test-2"))
    with caplog.at_level(logging.INFO, logger="bot.corpus.ingest"), open_service(settings) as service:
        after = _labels(service)
        summary = service.catalog.last_relabel()
        assert summary is not None
        assert summary["from"] != "learned-test-2" and summary["to"] == "learned-test-2"
        assert summary["sentences"] == len(before) and summary["embedded"] == 0
        changed = sum(before[k] != after[k] for k in before)
        assert summary["changed"] == changed > 0
        assert any(after[k] == "opinion" != before[k] for k in before)
    assert any("relabelled" in r.getMessage() and f"{changed} labels changed" in r.getMessage()
               for r in caplog.records)
    from bot.cli import main

    capsys.readouterr()
    assert main(["--data-dir", str(settings.data_dir), "corpus", "check"]) == 0
    out = capsys.readouterr().out
    assert "labeller learned-test-2, relabelled" in out and f"{changed} labels changed, 0 embedded" in out


def test_a_catalog_without_sentence_vectors_embeds_them_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = make_settings(tmp_path / "data")
    with open_service(settings) as service:
        service.add_paths(distinct_files(2, offset=3), ACTOR, ORIGIN)
        with service.catalog.transaction() as db:
            db.execute("DELETE FROM sentence_vectors")  # as a catalog written before vectors were kept
        total = len(_labels(service))
    monkeypatch.setattr(ingest, "default_labeller", lambda: (LearnedLabeller(), "learned-test-3"))
    with open_service(settings) as service:
        summary = service.catalog.last_relabel()
        assert summary is not None and summary["embedded"] == total
        assert service.catalog._query("SELECT COUNT(*) FROM sentence_vectors")[0][0] == total
    monkeypatch.setattr(ingest, "default_labeller", lambda: (LearnedLabeller(), "learned-test-4"))
    with open_service(settings) as service:
        summary = service.catalog.last_relabel()
        assert summary is not None and summary["embedded"] == 0 and summary["changed"] == 0
