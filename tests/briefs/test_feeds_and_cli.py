"""Feed polling against a loopback RSS server (conditional GET, new items ingested once), the
``briefbot brief`` command (--json shape, --markdown sections) and brief rendering within Discord limits.
"""

from __future__ import annotations

import argparse
import html
import json
import logging
import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.answers.model import Answer
from bot.app.render import limit_problems, message_payload, render_brief
from bot.briefs import feeds as feeds_module
from bot.briefs.cli import cmd_brief, register
from bot.briefs.compose import Brief, compose_brief
from bot.briefs.developments import NoveltyJudge
from bot.briefs.scheduler import poll_feeds_job, register_service, unregister_service
from bot.briefs.service import BriefService
from bot.corpus import sources as sources_module
from bot.corpus.catalog import utcnow
from bot.corpus.ingest import CorpusService
from bot.corpus.models import Article
from bot.settings import Settings
from tests.briefs.helpers import corpus_batches, ingest, make_settings
from tests.corpus.loopback_http import LocalServer, Reply, Seen
from tests.loopback import loopback_fetcher

pytestmark = pytest.mark.timeout(60)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path / "data")


def page_from_corpus(path: Path) -> tuple[str, bytes]:
    """An HTML page made from a corpus file (front matter dropped): (title, body)."""
    text = path.read_text(encoding="utf-8")
    if text.startswith("---"):
        text = text.split("---", 2)[2]
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip() and not p.startswith("#")]
    title = next((ln.lstrip("# ").strip() for ln in path.read_text(encoding="utf-8").splitlines()
                  if ln.startswith("title:") or ln.startswith("# ")), path.stem).replace("title:", "").strip()
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    page = f"<html><head><title>{html.escape(title)}</title></head><body><article>{body}</article></body></html>"
    return title, page.encode()


def rss(base: str, items: list[tuple[str, str]]) -> bytes:
    entries = "".join(
        f"<item><title>{html.escape(t)}</title><link>{base}{p}</link><guid>{base}{p}</guid>"
        f"<pubDate>Fri, 12 Jun 2026 10:00:00 GMT</pubDate><description>{html.escape(t)}</description></item>"
        for t, p in items)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Loopback wire</title>'
            f"<link>{base}/</link>{entries}</channel></rss>").encode()


async def test_feed_poll_conditional_get_and_new_item_ingested_once(settings: Settings,
                                                                    corpus: CorpusService) -> None:
    files = corpus_batches(1, 3, offset=30)[0]
    server = LocalServer()
    server.start()
    try:
        base = server.url("").rstrip("/")
        pages = {f"/story/{i}": page_from_corpus(p) for i, p in enumerate(files)}
        for path, (_title, page) in pages.items():
            server.routes[path] = Reply(body=page)
        state = {"items": list(pages)[:2], "etag": '"v1"'}

        def feed(seen: Seen) -> Reply:
            if seen.headers.get("if-none-match") == state["etag"]:
                return Reply(304, headers={"ETag": str(state["etag"])}, content_length=False)
            items = [(pages[p][0], p) for p in state["items"]]
            return Reply(body=rss(base, items), headers={"Content-Type": "application/rss+xml",
                                                          "ETag": str(state["etag"])})

        server.routes["/feed.xml"] = feed
        corpus.add_feed(server.url("/feed.xml"), "test:mod", "pytest", verify=False)
        service = BriefService(settings, corpus, fetcher=loopback_fetcher(settings))
        try:
            first = await service.poll_feeds()
            assert (first.polled, first.not_modified, len(first.added)) == (1, 0, 2), first.problems
            register_service(service)
            try:
                await poll_feeds_job()  # the scheduler's job function, through the registry
            finally:
                unregister_service(service)
            feed_requests = [r for r in server.requests if r.path == "/feed.xml"]
            assert feed_requests[1].headers.get("if-none-match") == '"v1"'
            assert corpus.catalog.feeds()[0].etag == '"v1"'
            story_fetches = len([r for r in server.requests if r.path.startswith("/story/")])

            state["items"], state["etag"] = list(pages), '"v2"'  # one new item
            third = await service.poll_feeds()
            assert len(third.added) == 1 and third.new_entries == 1
            fourth = await service.poll_feeds()
            assert fourth.not_modified == 1 and fourth.added == []
            assert len([r for r in server.requests if r.path.startswith("/story/")]) == story_fetches + 1
            urls = [a.url for a in corpus.catalog.list_articles() if a.url and a.url.startswith(base)]
            assert sorted(urls) == sorted(f"{base}{p}" for p in pages)
        finally:
            service.close()
    finally:
        server.close()


async def test_feed_poll_last_modified_and_a_broken_feed_does_not_stop_the_others(
        settings: Settings, corpus: CorpusService, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    [[path]] = corpus_batches(1, 1, offset=33)
    server = LocalServer()
    server.start()
    try:
        base = server.url("").rstrip("/")
        title, page = page_from_corpus(path)
        server.routes["/story/lm"] = Reply(body=page)
        stamp = "Fri, 12 Jun 2026 10:00:00 GMT"

        def feed(seen: Seen) -> Reply:  # validators by date only: no ETag
            if seen.headers.get("if-modified-since") == stamp:
                return Reply(304, headers={"Last-Modified": stamp}, content_length=False)
            return Reply(body=rss(base, [(title, "/story/lm")]),
                         headers={"Content-Type": "application/rss+xml", "Last-Modified": stamp})

        server.routes["/feed.xml"] = feed
        broken_url, good_url = server.url("/broken.xml"), server.url("/feed.xml")
        corpus.add_feed(broken_url, "test:mod", "pytest", verify=False)  # polled first
        corpus.add_feed(good_url, "test:mod", "pytest", verify=False)
        real_read_feed = sources_module.read_feed  # what bot.briefs.feeds imported

        def read_feed(url: str, *args: Any, **kwargs: Any) -> Any:
            if url == broken_url:
                raise RuntimeError("a bug in one feed's parsing")
            return real_read_feed(url, *args, **kwargs)

        monkeypatch.setattr(feeds_module, "read_feed", read_feed)
        service = BriefService(settings, corpus, fetcher=loopback_fetcher(settings))
        try:
            with caplog.at_level(logging.WARNING, logger="bot.briefs.feeds"):
                first = await service.poll_feeds()
            assert first.polled == 2 and len(first.added) == 1
            [problem] = first.problems
            assert problem.startswith("feed #1:") and "RuntimeError" in problem
            [record] = [r for r in caplog.records if broken_url in r.getMessage()]
            assert record.levelno == logging.ERROR and record.exc_info is not None
            stored = {f.url: f for f in corpus.catalog.feeds()}
            assert stored[good_url].last_modified == stamp and stored[good_url].etag is None

            second = await service.poll_feeds()
            assert second.not_modified == 1 and second.added == []
            polls = [r for r in server.requests if r.path == "/feed.xml"]
            assert polls[0].headers.get("if-modified-since") is None
            assert polls[1].headers.get("if-modified-since") == stamp
            assert len([r for r in server.requests if r.path == "/story/lm"]) == 1
        finally:
            service.close()
    finally:
        server.close()


def test_cli_json_and_markdown_and_limits(settings: Settings, corpus: CorpusService,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    since = utcnow() - timedelta(seconds=1)
    batches = corpus_batches(2, 8, offset=3)
    expected = ingest(corpus, batches[0]) + ingest(corpus, batches[1])

    parser = argparse.ArgumentParser(prog="briefbot")
    register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["brief", "--since", since.isoformat(), "--json"])
    assert args.handler(args, settings) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) >= {"question", "abstained", "statements", "sources", "conflicts", "elapsed_ms",
                         "article_ids"}
    assert sorted(data["article_ids"]) == sorted(expected)
    assert data["statements"] and not data["abstained"]
    numbers = {s["n"] for s in data["sources"]}
    for statement in data["statements"]:
        assert set(statement) >= {"text", "label", "cues", "citations"} and statement["citations"]
        assert set(statement["citations"]) <= numbers
    for source in data["sources"]:
        assert set(source) >= {"n", "article_id", "title", "outlet", "url", "published", "quote"}
        assert source["article_id"] in expected
    # what changed (reported facts and claims) first, then claims, then speculation and opinion
    assert 1 <= data["developments"] <= 5
    leads = [s["label"] for s in data["statements"][: data["developments"]]]
    assert set(leads) <= {"fact", "claim"}
    rest = [s["label"] for s in data["statements"][data["developments"] :]]
    assert rest == sorted(rest, key=["fact", "claim", "speculation", "opinion"].index)

    assert cmd_brief(argparse.Namespace(since=since.isoformat(), until=None, markdown=True, json=False),
                     settings) == 0
    markdown = capsys.readouterr().out
    assert markdown.startswith(f"# {data['question']}")
    assert "## What changed" in markdown and "## Sources" in markdown
    assert re.search(r"^1\. .+ — \[.+\]\(https?://", markdown, re.M)
    assert cmd_brief(argparse.Namespace(since="1h", until=None, markdown=False, json=False), settings) == 0
    text = capsys.readouterr().out
    assert "new articles" in text
    assert re.search(r"^What changed$", text, re.M) and not re.search(r"^#", text, re.M)  # headings without marks

    # The biggest brief we can make here still fits every Discord limit once rendered.
    judge = NoveltyJudge(corpus.catalog, corpus.index)
    brief = compose_brief(corpus.catalog, judge, since, utcnow())
    messages = render_brief(brief, "Europe/Paris", "Brief #123456 · 30 Dec 23:59 CET")
    for message in messages:
        assert limit_problems(message_payload(message)) == []
    print(f"brief of {len(brief.article_ids)} articles: {len(brief.answer.statements)} statements, "
          f"{len(brief.answer.sources)} sources, {len(messages)} messages, {brief.answer.elapsed_ms} ms")

    empty = compose_brief(corpus.catalog, judge, utcnow(), utcnow())
    assert empty.empty
    [line] = render_brief(empty)
    assert line.content and line.content.startswith("Nothing new since")


def test_the_new_articles_list_is_capped() -> None:
    now = utcnow()
    articles = [Article(id=i, title=f"Story {i}", source=f"s{i}", content_hash=f"{i:012d}", added_by="test",
                        added_at=now, url=f"https://example.org/{i}", outlet=f"Outlet {i % 3}")
                for i in range(1, 31)]
    brief = Brief(Answer(question="Since 1 Dec 09:00 UTC: 30 new articles from 3 outlets", abstained=False), now, now,
                  [a.id for a in articles], [f"{a.id}:x" for a in articles], 3, articles)
    messages = render_brief(brief, "UTC", "Brief #7 · 2 Dec 09:00 UTC")
    text = "\n".join(e.description or "" for m in messages for e in m.embeds)
    assert "`#25`" in text and "`#26`" not in text and text.rstrip().endswith("… and 5 more.")
    for message in messages:
        assert limit_problems(message_payload(message)) == []
