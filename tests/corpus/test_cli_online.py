"""`briefbot corpus sync` online and `briefbot corpus add URL`, served from 127.0.0.1.

Pages are built at test time from corpus articles read in place and served by a loopback server; the
fetcher's test-only loopback switch is on only where a test asks for ``loopback_fetcher``.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

import pytest

from bot.cli import main
from bot.corpus.fetch import Fetcher
from tests.corpus.ingest_fixtures import front_matter_and_body
from tests.corpus.loopback_http import LocalServer, Reply
from tests.fixture_corpus import distinct_files

NOTE = """---
title: A test note on how the sync works
outlet: briefbot notes
url: null
published: 2026-07-01
author: briefbot tests
---

This note exists only for the sync test. It says that the starter folder holds notes, which are always
added, and a list of reports, which are fetched only when the machine is online and the list names them.
"""
RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Loopback Wire</title>
<link>http://127.0.0.1/</link><description>d</description>
<item><title>One</title><link>http://127.0.0.1/one</link></item></channel></rss>"""


pytestmark = pytest.mark.usefixtures("clean_env")


def page(paragraphs: list[str], head: str = "") -> bytes:
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return f"<!doctype html><html><head>{head}</head><body><article>{body}</article></body></html>".encode()


def paragraphs_of(path: Path) -> list[str]:
    """An article's prose paragraphs (no headings, images or bare links), for serving as a web page."""
    _, body = front_matter_and_body(path)
    out = [" ".join(p.split()) for p in body.split("\n\n")]
    return [p for p in out if len(p) > 80 and not p.startswith(("#", "!", "[", "http"))]


@pytest.fixture
def reports(local_server: LocalServer) -> dict[str, Any]:
    """Four listed reports: one page with full metadata, two pages with none, one missing."""
    full, bare, derived, extra = (paragraphs_of(p) for p in distinct_files(4, offset=19))
    local_server.routes["/full"] = Reply(body=page(full, head=(
        "<title>The page's own headline</title>"
        '<meta property="og:site_name" content="Page Outlet">'
        '<meta property="article:published_time" content="2026-06-20T08:00:00Z">')))
    local_server.routes["/bare"] = Reply(body=page(bare))
    local_server.routes["/derived"] = Reply(body=page(derived))
    local_server.routes["/extra"] = Reply(body=page(extra))
    local_server.routes["/feed.xml"] = Reply(body=RSS, headers={"Content-Type": "application/rss+xml"})
    return {"url": local_server.url, "bare_first": bare[0], "derived_first": derived[0]}


@pytest.fixture
def knowledge(tmp_path: Path, reports: dict[str, Any]) -> Path:
    folder = tmp_path / "knowledge"
    (folder / "notes").mkdir(parents=True)
    (folder / "notes" / "01-test.md").write_text(NOTE, encoding="utf-8")
    url = reports["url"]
    rows = [
        ("url", "outlet", "title", "published"),
        (url("/full"), "listed-full.example", "Listed headline for the full page", "2026-06-01"),
        (url("/bare"), "Listed Bare Outlet", "Listed headline for the bare page", "2026-06-02"),
        (url("/derived"), "listed-derived.example", "(from URL) Derived from the address", "null"),
        (url("/missing"), "listed-missing.example", "Listed headline for a missing page", "2026-06-03"),
    ]
    (folder / "sources.tsv").write_text("".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")
    return folder


def run(capsys: pytest.CaptureFixture[str], data: Path, *argv: str, fetcher: Fetcher | None = None
        ) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data), *argv], fetcher=fetcher)
    out, err = capsys.readouterr()
    return code, out, err


def listed(capsys: pytest.CaptureFixture[str], data: Path) -> dict[str | None, dict[str, Any]]:
    code, out, _ = run(capsys, data, "corpus", "list", "--json")
    assert code == 0
    return {item["url"]: item for item in json.loads(out)}


def test_sync_online_fetches_the_listed_reports_and_fills_gaps_from_the_list(
    tmp_path: Path, knowledge: Path, reports: dict[str, Any], local_server: LocalServer,
    loopback_fetcher: Fetcher, capsys: pytest.CaptureFixture[str],
) -> None:
    data, url = tmp_path / "data", reports["url"]
    code, out, err = run(capsys, data, "corpus", "sync", "--knowledge-dir", str(knowledge), fetcher=loopback_fetcher)
    assert code == 0, err
    assert out.startswith("4 added, 1 skipped; ") and out.endswith(" chunks embedded.\n"), out
    assert err.startswith(f"  skipped {url('/missing')}: ") and "404" in err, err

    articles = listed(capsys, data)
    assert set(articles) == {None, url("/full"), url("/bare"), url("/derived")}
    assert articles[None]["title"] == "A test note on how the sync works"
    # what the page states wins over the list...
    full = articles[url("/full")]
    assert (full["title"], full["outlet"], full["published"]) == ("The page's own headline", "Page Outlet",
                                                                  "2026-06-20")
    # ...and the list fills in what it does not state
    bare = articles[url("/bare")]
    assert (bare["title"], bare["outlet"], bare["published"]) == ("Listed headline for the bare page",
                                                                  "Listed Bare Outlet", "2026-06-02")
    # a title the list only guessed from the address is no better than the page's first line
    derived = articles[url("/derived")]
    assert derived["title"] == reports["derived_first"][:300] and derived["outlet"] == "listed-derived.example"
    assert derived["published"] is None

    requests_before = len(local_server.requests)
    code, out, _ = run(capsys, data, "corpus", "sync", "--knowledge-dir", str(knowledge), fetcher=loopback_fetcher)
    assert code == 0 and out == "4 already indexed, 1 skipped; nothing new to embed.\n", out
    assert len(local_server.requests) == requests_before + 4  # fetched again, embedded nothing

    code, out, _ = run(capsys, data, "corpus", "sync", "--knowledge-dir", str(knowledge), "--offline",
                       fetcher=loopback_fetcher)
    assert code == 0 and out == "1 already indexed; nothing new to embed.\n"
    assert len(local_server.requests) == requests_before + 4


def test_sync_limit_fetches_only_the_first_reports(
    tmp_path: Path, knowledge: Path, reports: dict[str, Any], local_server: LocalServer, loopback_fetcher: Fetcher,
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, tmp_path / "data", "corpus", "sync", "--knowledge-dir", str(knowledge),
                       "--limit", "1", fetcher=loopback_fetcher)
    assert code == 0 and out.startswith("2 added; "), out
    assert [r.path for r in local_server.requests] == ["/full"]


def test_sync_without_the_loopback_switch_never_connects(
    tmp_path: Path, knowledge: Path, local_server: LocalServer, capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, tmp_path / "data", "corpus", "sync", "--knowledge-dir", str(knowledge))
    assert code == 0 and out.startswith("1 added, 4 skipped; "), out  # the note; every report refused
    assert err.count("local address") == 4 or err.count("loopback") == 4, err
    assert local_server.connections == 0


def test_sync_with_a_missing_knowledge_folder_is_a_clear_error(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, tmp_path / "data", "corpus", "sync", "--knowledge-dir", str(tmp_path / "nope"))
    assert code == 1 and out == ""
    assert err.startswith("briefbot: The starter knowledge folder") and err.count("\n") == 1, err
    assert not (tmp_path / "data").exists()


def test_corpus_add_url_from_the_cli(
    tmp_path: Path, reports: dict[str, Any], local_server: LocalServer, loopback_fetcher: Fetcher,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data, url = tmp_path / "data", reports["url"]
    code, out, err = run(capsys, data, "corpus", "add", url("/extra"), url("/feed.xml"), url("/missing"),
                         fetcher=loopback_fetcher)
    assert code == 0, err
    assert out.startswith("1 added, 2 skipped; ") and out.endswith(" chunks embedded.\n"), out
    assert f"skipped {url('/feed.xml')}: That URL is an RSS/Atom feed" in err
    assert f"skipped {url('/missing')}: " in err and "Traceback" not in err
    articles = listed(capsys, data)
    assert list(articles) == [url("/extra")]
    assert articles[url("/extra")]["outlet"] == "127.0.0.1"  # nothing better known: the host

    code, out, _ = run(capsys, data, "corpus", "add", url("/extra"), fetcher=loopback_fetcher)
    assert code == 0 and out == "1 already indexed; nothing new to embed.\n"


def test_corpus_add_of_a_loopback_url_is_refused_without_the_switch(
    tmp_path: Path, reports: dict[str, Any], local_server: LocalServer, capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, tmp_path / "data", "corpus", "add", reports["url"]("/extra"))
    assert code == 1 and out == "1 skipped; nothing new to embed.\n"
    assert "local address" in err or "loopback" in err, err
    assert local_server.connections == 0
