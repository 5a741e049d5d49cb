"""The fit commands of the answer models (fusion, ranker, answer-sentence model, answerability) on the suite's
fixture index with the real embedding model: each reads only the chosen split, writes parameters its loader
accepts and leaves the shipped file alone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.answers import answer_sentence, answerability, fusion, ranker
from bot.answers.answer_sentence import AnswerSentenceModel
from bot.answers.answerability import load_model
from bot.answers.fusion import Fusion
from bot.answers.ranker import Ranker

# Rows written for these tests about the fixture articles: answerable ones with a key fact in the fixture text, two
# that must be declined, and a test-split row whose strange wording must not reach any fit.
QUESTIONS = [
    {"id": "a1", "question": "Who filed a lawsuit over the export order?", "key_facts": ["Legion"],
     "sources": ["014-legal-tech-firm-sues.md"], "split": "dev"},
    {"id": "a2", "question": "When did Commerce tell Anthropic it needed a licence?", "key_facts": ["June 12"],
     "sources": ["002-commerce-letter-demands-licence.md"], "split": "dev"},
    {"id": "a3", "question": "When did Fable 5 become available again?", "key_facts": ["July 1"],
     "sources": ["003-anthropic-switches-models-off-worldwide.md"], "split": "dev"},
    {"id": "a4", "question": "How many security experts signed the letter?", "key_facts": ["54|76"],
     "sources": ["008-security-leaders-letter-54.md"], "split": "dev"},
    {"id": "a5", "question": "Whose warning came before the export order?", "key_facts": ["Amazon"],
     "sources": ["006-amazon-warning-behind-the-order.md"], "split": "dev"},
    {"id": "a6", "question": "Who is Amazon's chief executive?", "key_facts": ["Jassy"],
     "sources": ["006-amazon-warning-behind-the-order.md"], "split": "dev"},
    {"id": "n1", "question": "What fine did the court impose on Anthropic?", "must_abstain": True, "split": "dev"},
    {"id": "n2", "question": "What is the capital of Australia?", "must_abstain": True, "split": "dev"},
    {"id": "n3", "question": "How many parameters does Mythos 5 have?", "must_abstain": True, "split": "dev"},
    {"id": "n4", "question": "Who won the football world cup?", "must_abstain": True, "split": "dev"},
    {"id": "n5", "question": "Why did the chief security officer resign?", "must_abstain": True, "split": "dev"},
    {"id": "n6", "question": "How much did the new office in Vienna cost?", "must_abstain": True, "split": "dev"},
    {"id": "n7", "question": "What did the judge rule in the lawsuit?", "must_abstain": True, "split": "dev"},
    {"id": "n8", "question": "how many employees did anthropic fire over it", "must_abstain": True, "split": "dev"},
    # unanswerable without any rule's help (every name is known, no outcome taken for granted): the fit needs some
    {"id": "n9", "question": "What did Anthropic's staff eat the night the letter came?", "must_abstain": True,
     "split": "dev"},
    {"id": "n10", "question": "What colour was the paper the Commerce letter was printed on?", "must_abstain": True,
     "split": "dev"},
    {"id": "n11", "question": "How did the security experts celebrate after the letter?", "must_abstain": True,
     "split": "dev"},
    {"id": "t1", "question": "zzqx frobnicate the wibble", "key_facts": ["x"], "sources": ["x.md"], "split": "test"},
]


@pytest.fixture
def questions(tmp_path: Path, fixture_data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("BRIEFBOT_DATA_DIR", str(fixture_data_dir))
    path = tmp_path / "questions.jsonl"
    path.write_text("".join(json.dumps(q) + "\n" for q in QUESTIONS), encoding="utf-8")
    return path


def test_each_fit_command_writes_parameters_its_loader_accepts(
        questions: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shipped = {m.PARAMETERS: m.PARAMETERS.read_bytes() for m in (fusion, ranker, answer_sentence, answerability)}
    out = {name: tmp_path / f"{name}.json" for name in ("fusion", "ranker", "answer_sentence", "answerability")}

    assert fusion.main([str(questions), "--out", str(out["fusion"])]) == 0
    assert Fusion.load(out["fusion"]) is not None
    assert ranker.main([str(questions), "--out", str(out["ranker"])]) == 0
    assert Ranker.load(out["ranker"]) is not None
    assert answer_sentence.main([str(questions), "--out", str(out["answer_sentence"])]) == 0
    assert AnswerSentenceModel.load(out["answer_sentence"]) is not None
    assert answerability.main([str(questions), "--out", str(out["answerability"])]) == 0
    fitted = load_model.__wrapped__(out["answerability"])
    assert 0 < fitted.threshold < 1

    printed = capsys.readouterr().out
    # answerability learns from the seventeen development questions, never from the test row
    assert "fitted on 17 questions (6 positive)" in printed
    assert all(m.read_bytes() == data for m, data in shipped.items())  # the shipped parameters are untouched
