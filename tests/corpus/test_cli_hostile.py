"""The reproductions of "Nothing one bad article, file or link can do stops the bot", through the CLI.

Each gives one clear line, and afterwards ``corpus check`` and ``ask`` work at once. Article texts are
the test's own words.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.cli import main
from bot.corpus import sources
from bot.corpus.catalog import Catalog
from bot.corpus.models import ArticleDraft

REPO = Path(__file__).resolve().parents[2]
ESCAPES = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
HEARING = "# Hearing set\n\nThe judge set a hearing on the export order for Monday. The company asked for more time.\n"


def run(capsys: pytest.CaptureFixture[str], data: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_symlink_loop_ends_and_each_real_file_is_read_once(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                             clean_env: None) -> None:
    tree = tmp_path / "L"
    (tree / "sub").mkdir(parents=True)
    (tree / "sub" / "a.md").write_text(HEARING, encoding="utf-8")
    (tree / "sub" / "up").symlink_to("..")  # the loop from the issue
    (tree / "self").symlink_to(".")  # a folder linking to itself
    (tree / "out").symlink_to(tmp_path)  # out of the tree (and back into it)
    (tree / "twin.md").symlink_to(tree / "sub" / "a.md")  # the same real file under another name
    started = time.perf_counter()
    assert [p.relative_to(tree) for p in sources.iter_paths([tree])] == [Path("sub/a.md")]
    assert list(sources.iter_paths([tree, tree / "sub", tree / "twin.md"])) == [tree / "sub" / "a.md"]
    code, out, err = run(capsys, tmp_path / "data", "corpus", "add", str(tree))
    assert time.perf_counter() - started < 60  # it ends (it used to walk ~200k paths in 20 s, forever)
    assert code == 0 and out.startswith("1 added; "), (out, err)
    code, out, _ = run(capsys, tmp_path / "data", "corpus", "check")
    assert code == 0 and "missing: 0, orphaned: 0" in out


@pytest.mark.parametrize("published", ["2026-13-45", "2026-02-30"])
def test_an_impossible_front_matter_date_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                     clean_env: None, published: str) -> None:
    path = tmp_path / "dated.md"
    path.write_text(f"---\ntitle: Dated\npublished: {published}\n---\n{HEARING}", encoding="utf-8")
    code, out, err = run(capsys, tmp_path / "data", "corpus", "add", str(path))
    assert code == 1 and out == "1 skipped; nothing new to embed.\n"
    assert err == (f"  skipped dated.md: dated.md: front matter 'published' is not a real date (“{published}”); "
                   "use one like 2024-05-31.\n")
    assert "Traceback" not in err and "unexpected" not in err


@pytest.mark.parametrize("url", ["not a url at all", "file:///etc/passwd", "javascript:alert(1)",
                                 "ftp://example.org/feed", "http://", "x" * 5000])
def test_feed_urls_are_http_only_with_or_without_verification(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                              clean_env: None, url: str) -> None:
    data = tmp_path / "data"
    for flags in ((), ("--no-verify",)):
        code, out, err = run(capsys, data, "corpus", "feeds", "add", url, *flags)
        assert code == 1 and out == ""
        assert err.startswith("briefbot: A feed URL must be an http:// or https:// address (got “")
        assert err.count("\n") == 1 and len(err) < 200, err  # a long one is quoted only in part
    code, out, _ = run(capsys, data, "corpus", "feeds", "list")
    assert out == "No feeds followed.\n"
    code, out, _ = run(capsys, data, "corpus", "feeds", "add", "https://feeds.example.org/rss", "--no-verify")
    assert code == 0 and out == "Following feed #1: https://feeds.example.org/rss\n"


def test_untrusted_text_is_inert_on_every_terminal_surface(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                           clean_env: None, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    planted = tmp_path / "planted.md"
    planted.write_text(
        "---\ntitle: \"Hearing @everyone <@123>\"\nurl: \"javascript:alert(1)\"\noutlet: Example Wire\n---\n"
        "# Hearing\n\nThe judge set a hearing on the export order for Monday, @everyone. "
        "The company asked <@123> for more time.\n", encoding="utf-8")
    hostile_name = tmp_path / "\x1b[2J\x1b[31mred\x07.pdf"
    hostile_name.write_text("not an article", encoding="utf-8")
    code, out, err = run(capsys, data, "corpus", "add", str(planted), str(hostile_name))
    assert code == 0 and out.startswith("1 added, 1 skipped; ")
    assert "warning: planted.md: its URL “javascript:alert(1)” is not http(s) and was dropped" in err
    assert "unsupported file type" in err and not ESCAPES.search(err.replace("\n", "")), repr(err)

    code, out, _ = run(capsys, data, "corpus", "list", "--json")
    [item] = json.loads(out)
    assert item["url"] is None and item["outlet"] == "Example Wire"
    assert "@everyone" not in item["title"] and "<@123>" not in item["title"]  # neutralised in JSON too

    # an older catalog may hold such a URL: no surface emits it as a link
    catalog = Catalog(data / "catalog.sqlite3")
    with catalog.transaction() as db:
        catalog.update_metadata(item["id"], ArticleDraft(text="", title=item["title"], source="x",
                                                         url="javascript:alert(1)"), db)
    catalog.close()
    question = "when is the hearing on the export order?"
    code, out, err = run(capsys, data, "ask", "--json", question)
    answer = json.loads(out)
    assert code == 0 and answer["sources"], err
    assert all(s["url"] is None for s in answer["sources"])
    assert not re.search(r"@everyone|<@\d", out)
    code, out, _ = run(capsys, data, "ask", question)
    assert code == 0 and "javascript:" not in out and not re.search(r"@everyone|<@\d", out)
    code, out, _ = run(capsys, data, "brief", "--since", "1h", "--markdown")
    assert code == 0 and "](javascript:" not in out and "<javascript:" not in out
    assert not re.search(r"@everyone|<@\d", out)

    # a 10 MB stdin line: one short error line, the question quoted only in part
    monkeypatch.setattr(sys, "stdin", io.StringIO("q" * 10_000_000 + "\n"))
    code, out, err = run(capsys, data, "ask", "--json")
    [line] = out.splitlines()
    assert code == 1 and len(line) < 500 and "10,000,000 characters" in line


def test_ask_in_an_ascii_locale_does_not_crash(tmp_path: Path) -> None:
    """``PYTHONIOENCODING=ascii briefbot ask …`` used to die with a UnicodeEncodeError."""
    data = tmp_path / "data"
    (tmp_path / "note.md").write_text("# Hearing — set\n\nThe judge’s hearing on the export order is on "
                                      "Monday — “soon”, said the café owner.\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFBOT_")}
    env.update(PYTHONIOENCODING="ascii", PYTHONPATH=str(REPO), BRIEFBOT_DATA_DIR=str(data))
    script = ("import sys; from bot.cli import main; "
              "sys.exit(main(['corpus', 'add', 'note.md']) or main(['ask', \"when is the judge's hearing?\"]))")
    done = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=env, capture_output=True, timeout=180)
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
    out = done.stdout.decode("ascii")  # everything it wrote is ASCII
    assert "Monday" in out and "\\u2014" in out  # what ASCII cannot show is escaped, not fatal
