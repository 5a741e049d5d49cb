"""The `briefbot corpus ...` commands, in-process (fast) and once as a real subprocess."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from tests.fixture_corpus import distinct_files

REPO = Path(__file__).resolve().parents[2]
ARTICLE_KEYS = {"id", "title", "outlet", "url", "published", "added_at", "duplicate_of"}


pytestmark = pytest.mark.usefixtures("clean_env")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    out = tmp_path / "articles"
    out.mkdir()
    for path in distinct_files(3, offset=5):
        shutil.copy(path, out / path.name)
    return out


def run(capsys: pytest.CaptureFixture[str], data: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_add_list_show_remove_check(tmp_path: Path, folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    code, out, err = run(capsys, data, "corpus", "add", str(folder))
    assert code == 0, err
    match = re.fullmatch(r"3 added; (\d+) chunks embedded\.\n", out)
    assert match, out
    embedded = int(match.group(1))
    assert embedded > 0

    code, out, _ = run(capsys, data, "corpus", "add", str(folder))
    assert code == 0
    assert out == "3 already indexed; nothing new to embed.\n"

    code, out, _ = run(capsys, data, "corpus", "list", "--json")
    assert code == 0
    listed = json.loads(out)
    assert isinstance(listed, list) and len(listed) == 3
    for item in listed:
        assert set(item) >= ARTICLE_KEYS, set(item)
        assert isinstance(item["id"], int) and item["title"] and item["duplicate_of"] is None
    titles = {item["title"] for item in listed}

    code, out, _ = run(capsys, data, "corpus", "list")
    assert code == 0
    assert out.splitlines()[-1] == f"3 articles (0 copies), {embedded} chunks indexed."

    first = listed[0]
    code, out, _ = run(capsys, data, "corpus", "show", str(first["id"]))
    assert code == 0
    assert re.search(rf"^\s+id: {first['id']}$", out, re.M)
    assert f"title: {first['title']}" in out
    code, out, _ = run(capsys, data, "corpus", "show", f"#{first['id']}", "--json")
    shown = json.loads(out)
    assert shown["id"] == first["id"] and shown["chunks"] > 0 and shown["copies"] == []
    assert len(shown["text"]) > 200

    code, out, _ = run(capsys, data, "corpus", "remove", str(first["id"]))
    assert code == 0
    assert out == f"Removed #{first['id']}: {first['title']}\n"
    code, out, _ = run(capsys, data, "corpus", "list", "--json")
    assert {item["title"] for item in json.loads(out)} == titles - {first["title"]}

    code, out, _ = run(capsys, data, "corpus", "check")
    assert code == 0
    numbers = re.fullmatch(r"catalog chunks: (\d+), index chunks: (\d+), missing: 0, orphaned: 0\n", out)
    assert numbers and numbers.group(1) == numbers.group(2) and 0 < int(numbers.group(1)) < embedded

    code, out, _ = run(capsys, data, "corpus", "log")
    actions = [line.split()[2] for line in out.splitlines()]
    assert actions == ["article.remove", "article.add", "article.add", "article.add"]


def test_feeds_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    assert run(capsys, data, "corpus", "feeds", "list")[1] == "No feeds followed.\n"
    code, out, _ = run(capsys, data, "corpus", "feeds", "add", "https://feeds.example.org/rss", "--no-verify")
    assert (code, out) == (0, "Following feed #1: https://feeds.example.org/rss\n")
    code, out, _ = run(capsys, data, "corpus", "feeds", "list")
    assert code == 0 and re.fullmatch(r"#1\s+https://feeds\.example\.org/rss  \(last polled never\)\n", out)
    code, out, err = run(capsys, data, "corpus", "feeds", "add", "https://feeds.example.org/rss",
                         "--no-verify")
    assert code == 1 and out == "" and err == "briefbot: That feed is already followed (feed #1).\n"
    code, out, _ = run(capsys, data, "corpus", "feeds", "remove", "1")
    assert (code, out) == (0, "Stopped following feed #1: https://feeds.example.org/rss\n")
    assert run(capsys, data, "corpus", "feeds", "list")[1] == "No feeds followed.\n"
    log = run(capsys, data, "corpus", "log")[1]
    assert [line.split()[2] for line in log.splitlines()] == ["feed.remove", "feed.add"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("corpus", "show", "abc"), "An article id is a number"),
        (("corpus", "show", "999"), "There is no article #999"),
        (("corpus", "remove", "999"), "There is no article #999"),
        (("corpus", "feeds", "remove", "7"), "No followed feed matches"),
    ],
)
def test_bad_ids_exit_1_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], message: str
) -> None:
    code, out, err = run(capsys, tmp_path / "data", *argv)
    assert code == 1
    assert out == ""
    assert err.startswith(f"briefbot: {message}") and err.count("\n") == 1
    assert "Traceback" not in err


def test_nonexistent_path_exits_1(tmp_path: Path, folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "no-such-folder"
    code, out, err = run(capsys, tmp_path / "data", "corpus", "add", str(missing))
    assert "Traceback" not in err
    assert err == f"  skipped {missing}: no such file or folder\n"
    assert out == "1 skipped; nothing new to embed.\n"
    assert code == 1
    # beside a real folder, a missing path is reported but the run succeeds
    code, out, err = run(capsys, tmp_path / "data", "corpus", "add", str(missing), str(folder))
    assert code == 0 and re.fullmatch(r"3 added, 1 skipped; \d+ chunks embedded\.\n", out), out
    assert err == f"  skipped {missing}: no such file or folder\n"


def test_all_items_bad_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "empty.md"
    bad.write_text("")
    code, out, err = run(capsys, tmp_path / "data", "corpus", "add", str(bad))
    assert code == 1
    assert out == "1 skipped; nothing new to embed.\n"
    assert err == "  skipped empty.md: empty.md is empty.\n"


def test_real_subprocess(tmp_path: Path, folder: Path) -> None:
    """The installed entry point as a user runs it: one bad file skipped, the rest indexed."""
    (folder / "broken.md").write_text("---\ntitle: unclosed\n\nno end to the front matter\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFBOT_")}
    data = tmp_path / "data"
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli", "--data-dir", str(data), "corpus", "add", str(folder)],
        cwd=tmp_path, env={**env, "PYTHONPATH": str(REPO)}, capture_output=True, text=True, timeout=180,
    )
    assert done.returncode == 0, done.stderr
    assert re.fullmatch(r"3 added, 1 skipped; \d+ chunks embedded\.\n", done.stdout), done.stdout
    assert "skipped broken.md: broken.md: the front matter block is not closed" in done.stderr
    assert "Traceback" not in done.stderr
    # the catalog it wrote is readable by the in-process command
    assert len(json.loads(_list_json(data))) == 3


def _list_json(data: Path) -> str:
    import contextlib
    import io

    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        assert main(["--data-dir", str(data), "corpus", "list", "--json"]) == 0
    return buffer.getvalue()


def test_remove_several_ids_reports_each_and_goes_on_past_a_bad_one(
    tmp_path: Path, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    assert run(capsys, data, "corpus", "add", str(folder))[0] == 0
    listed = json.loads(run(capsys, data, "corpus", "list", "--json")[1])
    first, second, third = (item["id"] for item in listed)
    code, out, err = run(capsys, data, "corpus", "remove", str(first), "999", f"#{third}")
    assert code == 1
    assert out.splitlines() == [f"Removed #{first}: {listed[0]['title']}", f"Removed #{third}: {listed[2]['title']}"]
    assert err == "briefbot: There is no article #999 in the corpus.\n"
    assert [item["id"] for item in json.loads(run(capsys, data, "corpus", "list", "--json")[1])] == [second]
    code, out, _ = run(capsys, data, "corpus", "check")
    assert code == 0 and out.endswith("missing: 0, orphaned: 0\n")


def test_a_reader_that_stops_reading_is_no_failure(tmp_path: Path) -> None:
    """``briefbot classify < many.txt | head -1``: the pipe closes before the output is written; the command ends
    quietly (exit 0, no traceback, no "something went wrong")."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFBOT_")}
    child = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "--data-dir", str(tmp_path / "data"), "classify"],
        cwd=tmp_path, env={**env, "PYTHONPATH": str(REPO)}, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert child.stdout is not None and child.stdin is not None and child.stderr is not None
    child.stdout.close()  # the reader is gone before a line is written
    child.stdin.write(b"The order came on June 12.\n" * 200)
    child.stdin.close()
    err = child.stderr.read().decode()
    assert child.wait(timeout=180) == 0, err
    assert "Traceback" not in err and "went wrong" not in err, err
