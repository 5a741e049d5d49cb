"""`briefbot ask`, `classify` and `eval` as a user runs them: the commands over the fixture corpus, the
evaluation figures over the shared corpus."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from bot.cli import main
from tests.corpus_location import SHARED_CORPUS

DATA = Path(__file__).resolve().parents[1] / "data"


def test_ask_json_has_the_documented_shape(fixture_data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(fixture_data_dir), "ask", "--json", "Who sued the U.S. government?"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert {"question", "abstained", "statements", "sources", "conflicts", "elapsed_ms"} <= answer.keys()
    assert answer["abstained"] is False and answer["statements"]
    numbers = {s["n"] for s in answer["sources"]}
    for statement in answer["statements"]:
        assert {"text", "label", "cues", "citations"} <= statement.keys()
        assert set(statement["citations"]) <= numbers
    for source in answer["sources"]:
        assert {"n", "article_id", "title", "outlet", "url", "published", "quote"} <= source.keys()


def test_ask_json_reads_one_question_per_line(
    fixture_data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    questions = "Why were the models taken offline?\n\nWhat is a good sourdough recipe?\n" + "x" * 5000 + "\n"
    monkeypatch.setattr("sys.stdin", io.StringIO(questions))
    status = main(["--data-dir", str(fixture_data_dir), "ask", "--json"])
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert status == 1  # the oversized line is reported, and the batch went on
    assert [line.get("abstained") for line in lines[:2]] == [False, True]
    assert "under 500" in lines[2]["error"]


def test_ask_prints_a_readable_answer(fixture_data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(fixture_data_dir), "ask", "When did Legion LegalTech file its lawsuit?"]) == 0
    out = capsys.readouterr().out
    assert "Reported facts:" in out and "Sources:" in out and "[1]" in out


def test_classify_prints_json_lines(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("The agency may reverse course.\nThe order was issued on a Friday.\n"))
    assert main(["classify"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["label"] for r in rows] == ["speculation", "fact"]
    assert rows[0]["cues"]


def test_eval_labels_need_the_corpus_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["--data-dir", str(tmp_path), "eval", str(DATA / "dev_questions.jsonl"),
                   "--labels", str(DATA / "labelled_sentences.jsonl")])
    assert status != 0
    err = capsys.readouterr().err
    assert "--labels needs --corpus-dir" in err and "Traceback" not in err


def test_eval_prints_the_figures_on_the_development_sets(
    corpus_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main([
        "--data-dir", str(corpus_data_dir), "eval", str(DATA / "dev_questions.jsonl"),
        "--labels", str(DATA / "labelled_sentences.jsonl"), "--corpus-dir", str(SHARED_CORPUS),
    ])
    assert status == 0
    figures = {}
    for line in capsys.readouterr().out.splitlines():
        name, value = line.split(":")
        figures[name.strip()] = float(value)
    # Floors a little under what the pipeline achieves (0.980, 0.933, 0.983), so a regression fails here.
    assert figures["retrieval_recall@8"] >= 0.95
    assert figures["citation_precision"] == 1.0
    assert figures["key_fact_recall"] >= 0.9
    assert figures["abstention_accuracy"] >= 0.95
    assert figures["label_agreement_4way"] >= 0.85
    assert figures["questions"] >= 40


def test_eval_on_the_held_out_questions(corpus_data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The set written without seeing the system's output: floors under its figures (0.900, 0.781, 0.958)."""
    assert main(["--data-dir", str(corpus_data_dir), "eval", str(DATA / "heldout_questions.jsonl")]) == 0
    figures = {name.strip(): float(value) for name, value in
               (line.split(":") for line in capsys.readouterr().out.splitlines())}
    assert figures["questions"] == 24
    assert figures["retrieval_recall@8"] >= 0.85
    assert figures["citation_precision"] == 1.0
    assert figures["key_fact_recall"] >= 0.7
    assert figures["abstention_accuracy"] >= 0.9
