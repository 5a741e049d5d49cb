"""`briefbot ask`, `classify` and `eval` as a user runs them: the commands over the fixture corpus, the
evaluation figures over the shared corpus."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from bot.cli import main

DATA = Path(__file__).resolve().parents[1] / "data"
# under the development part's figures, so a regression fails here: 0.827, 0.777, 0.897 at the last fit on 252
# development rows; 0.800, 0.749, 0.831 once the 163 `d` rows joined (415 rows, models not refitted yet);
# 0.811, 0.781, 0.853 refitted on them, with the unstated-specifics signal; 0.864, 0.787, 0.881 (casual 0.857,
# 0.784, 0.887) once the 160 harder `za`/`zb` rows on side details joined (781 development rows); 0.883, 0.788, 0.885
# once the eighth round's 80 `zf` rows joined (877 rows; on arrival they scored 0.758, 0.519, 0.800 by themselves);
# 0.868, 0.769, 0.878 once the ninth round's 80 `zh` rows joined (957 rows; on arrival 0.643, 0.515, 0.762)
# (key facts 0.751 once the `zn` rows joined the part, 0.755 at the end of that session)
# (key facts 0.744-0.745 once the eighteenth round's 70 `ze` rows on side details joined: 0.641 on them on arrival)
DEV_FLOORS = {"cites_gold_source": 0.85, "key_fact_recall": 0.735, "abstention_accuracy": 0.865,
              # 0.850 with 39 follow-ups; 0.933 on 44 once a pronoun opening a follow-up pointed back (session 33);
              # 0.852 on 51 with the `zf` rows' six (three of them right); 0.806 on 58 with the `zh` rows' seven;
              # 0.750 on 86 with the `zn` rows' twelve, 0.772 at the end of that session (45); 0.754 on 130 with
              # the `zr` rows' ten (session 50), 0.762 once "his" after a person's name carried the person, 0.754
              # again on another build of the same corpus (one row's sixth statement changes with the index build);
              # 0.705-0.712 on 141 with the `zx` rows' twelve (session 53; three of their eleven answerable facts
              # found); 0.680 on 157 with the `ze` rows' sixteen (session 54; four of their thirteen facts found)
              "followup_key_facts": 0.66}
# The suite scores a fixed sample of 800 of the development questions against these floors (the whole part took
# 3.5 of its minutes; session 60: the sample 0.890, 0.750, 0.935, follow-ups 0.679 on 1,655 rows' 800, where the whole
# part scores 0.887, 0.746, 0.924, 0.692); `briefbot eval` without --sample reports the whole part
DEV_SAMPLE = "800"
# The casual run scores a fixed sample of 400 development questions (the whole part twice took about 3.5 of the
# suite's minutes): 0.845, 0.767, 0.887 on it when it was introduced (the whole part typed casually: 0.864, 0.790,
# 0.892); 0.862, 0.779, 0.863 once the `zf` rows joined the part the sample is drawn from (another sample, with them);
# 0.856, 0.748, 0.845 once the `zh` rows joined it; 0.876, 0.714, 0.905 once the eighteenth round's `ze` rows did
CASUAL_SAMPLE = "400"
CASUAL_FLOORS = {"cites_gold_source": 0.83, "key_fact_recall": 0.70, "abstention_accuracy": 0.83}


def test_ask_json_has_the_documented_shape(fixture_data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(fixture_data_dir), "ask", "--json", "Who sued the U.S. government?"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert {"question", "abstained", "statements", "sources", "conflicts", "elapsed_ms", "lead", "normalised",
            "parts"} <= answer.keys()
    assert answer["abstained"] is False and answer["statements"]
    assert answer["lead"] in [s["text"] for s in answer["statements"]]
    assert len({s["article_id"] for s in answer["sources"]}) == len(answer["sources"])  # one number per article
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


def test_ask_json_reads_threads_by_conversation_id(
    fixture_data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = [{"question": "which company sued the govt over the fable ban?", "conversation": "a"},
             {"question": "and in which court?", "conversation": "a"},
             {"question": "and in which court?", "conversation": "b"}]
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(json.dumps(x) for x in lines) + "\n{oops\n"))
    status = main(["--data-dir", str(fixture_data_dir), "ask", "--json"])
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert status == 1 and len(out) == 4 and "error" in out[3]
    first, follow, alone = out[:3]
    assert first["normalised"].startswith("which company sued the government")
    assert [a["conversation"] for a in out[:3]] == ["a", "a", "b"]
    assert follow["parts"][0]["question"] != "and in which court?"  # read with the thread's first question
    assert alone["parts"][0]["question"].startswith("and in which court")  # another thread knows nothing


def test_ask_prints_a_readable_answer(fixture_data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(fixture_data_dir), "ask", "When did Legion LegalTech file its lawsuit?"]) == 0
    out = capsys.readouterr().out
    assert "Reported facts:" in out and "Sources:" in out and "[1]" in out


def test_a_ruling_the_reporting_does_not_report_is_declined_saying_so(
    fixture_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the fixture's lawsuit asks a judge to rule; no sentence says one did
    assert main(["--data-dir", str(fixture_data_dir), "ask", "--json",
                 "what did the judge rule in legion's lawsuit?"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["abstained"] and answer["statements"] == []
    assert answer["abstain_reason"] == ("I looked for a court ruling in the reporting on this story and found none "
                                        "reported.")
    # asked bare, far from every passage, a legal outcome is still the story's: none reported, not "off-topic"
    assert main(["--data-dir", str(fixture_data_dir), "ask", "--json", "did anyone get fined?"]) == 0
    bare = json.loads(capsys.readouterr().out)
    assert bare["abstained"] and bare["abstain_reason"] == ("I looked for a fine in the reporting on this story and "
                                                            "found none reported.")


def test_classify_prints_json_lines(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("The agency may reverse course.\nThe order was issued on a Friday.\n"))
    assert main(["classify"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["label"] for r in rows] == ["speculation", "fact"]
    assert rows[0]["cues"]


def test_eval_labels_need_the_corpus_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["--data-dir", str(tmp_path), "eval", str(DATA / "questions.jsonl"),
                   "--labels", str(DATA / "labelled_sentences.jsonl")])
    assert status != 0
    err = capsys.readouterr().err
    assert "--labels needs --corpus-dir" in err and "Traceback" not in err


def test_eval_sample_scores_the_same_few_questions_each_run(
        fixture_data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["--data-dir", str(fixture_data_dir), "eval", str(DATA / "questions.jsonl"), "--split", "test",
            "--sample", "5", "--verbose-results"]
    runs = []
    for _ in range(2):
        assert main(args) == 0
        out = capsys.readouterr().out
        runs.append([json.loads(line)["id"] for line in out.splitlines() if line.startswith("{")])
        assert _figures(out)["questions"] == [5.0]
    assert len(runs[0]) == 5 and runs[0] == runs[1]


def _figures(out: str) -> dict[str, list[float]]:
    figures = {}
    for line in out.splitlines():
        if ":" in line and not line.startswith("{"):  # not a --verbose-results row
            name, values = line.split(":")
            figures[name.strip()] = [float(v) for v in values.split()]
    return figures


# The first test to use ``corpus_data_dir`` also indexes the shared corpus (about two minutes on 2 cores)
# before its evaluation; the suite's 300 s per test is too tight for both on a busy machine.
@pytest.mark.timeout(600)
def test_answers_hold_up_on_the_dev_questions_typed_casually(
        corpus_data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = main([
        "--data-dir", str(corpus_data_dir), "eval", str(DATA / "questions.jsonl"), "--split", "dev", "--casual", "3",
        "--sample", CASUAL_SAMPLE,
    ])
    assert status == 0
    figures = {name: values[0] for name, values in _figures(capsys.readouterr().out).items()}
    # lowercase, shorthands and slips cost little: 0.880, 0.825, 0.853 with learned fusion (0.800, 0.765, 0.846
    # when first written; 0.771, 0.736, 0.831 before slips were corrected to everyday words and "2"/"&" read as words)
    assert figures["cites_gold_source"] >= CASUAL_FLOORS["cites_gold_source"]
    assert figures["key_fact_recall"] >= CASUAL_FLOORS["key_fact_recall"]
    assert figures["abstention_accuracy"] >= CASUAL_FLOORS["abstention_accuracy"]


@pytest.mark.timeout(600)
def test_eval_prints_the_dev_figures(corpus_data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = main([
        "--data-dir", str(corpus_data_dir), "eval", str(DATA / "questions.jsonl"), "--split", "dev",
        "--sample", DEV_SAMPLE,
    ])
    assert status == 0
    figures = {name: values[0] for name, values in _figures(capsys.readouterr().out).items()}
    # Floors a little under what the pipeline achieves on the development part's sample, so a regression fails here.
    assert figures["citation_precision"] == 1.0
    assert figures["cites_gold_source"] >= DEV_FLOORS["cites_gold_source"]
    assert figures["key_fact_recall"] >= DEV_FLOORS["key_fact_recall"]
    assert figures["abstention_accuracy"] >= DEV_FLOORS["abstention_accuracy"]
    assert figures["followup_key_facts"] >= DEV_FLOORS["followup_key_facts"]
    assert figures["questions"] >= 200
