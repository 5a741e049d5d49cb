"""Files, pages and feeds into drafts: fixture and real corpus files, synthetic bad files, a loopback server."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.corpus.fetch import Fetcher
from bot.corpus.sources import (
    FeedEntry,
    FeedResult,
    entry_to_draft,
    iter_paths,
    read_feed,
    read_file,
    read_url,
)
from bot.errors import SourceError
from bot.settings import Settings
from tests.corpus.loopback_http import LocalServer, Reply, Seen
from tests.corpus_location import SHARED_CORPUS, needs_shared_corpus
from tests.fixture_corpus import ARTICLES, HOSTILE, READABLE, REFUSED, UNDATED, fixture_article
from tests.loopback import loopback_fetcher

SEED = SHARED_CORPUS / "000-seed-model-shutdown-fight.md"

# Synthetic text only: nothing here is copied from the shared corpus.
PARAGRAPH = (
    "The harbour council in the invented town of Lowmere voted on Tuesday to rebuild the old "
    "lighthouse, after a long debate about costs, tourism and the safety of the fishing fleet. "
)
ARTICLE_HTML = f"""<!doctype html>
<html><head>
<title>Lowmere votes to rebuild its lighthouse | Lowmere Gazette</title>
<meta name="author" content="Ada Quill">
<meta property="og:site_name" content="Lowmere Gazette">
<meta property="article:published_time" content="2024-03-05T09:30:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Lowmere votes to rebuild its lighthouse</h1>
<p>{PARAGRAPH * 3}</p>
<p>Councillors said the work would begin in the spring and last about eighteen months, with the
lamp room restored first so that ships can rely on it during the winter storms.</p>
<p>{PARAGRAPH * 2}</p>
</article>
<footer>Copyright Lowmere Gazette</footer>
</body></html>"""

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel>
<title>Lowmere Gazette</title><link>https://gazette.example/</link><description>Local news</description>
<item><title>Lighthouse vote</title><link>{base}/article</link><guid>lh-1</guid>
<pubDate>Tue, 05 Mar 2024 09:30:00 GMT</pubDate><author>ada@gazette.example (Ada Quill)</author>
<description>&lt;p&gt;The council voted to rebuild the lighthouse.&lt;/p&gt;</description></item>
<item><title>Ferry timetable</title><link>{base}/missing</link><guid>ft-2</guid>
<pubDate>Wed, 06 Mar 2024 07:00:00 GMT</pubDate>
<description>&lt;p&gt;The winter ferry timetable starts next week, with two fewer crossings.&lt;/p&gt;
</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Lowmere Atom</title><id>urn:lowmere</id><updated>2024-03-07T10:00:00Z</updated>
<entry><title>Harbour dredging</title><link href="{base}/dredging"/><id>urn:lowmere:1</id>
<updated>2024-03-07T10:00:00Z</updated><author><name>Ben Wick</name></author>
<content type="html">&lt;p&gt;Dredging of the harbour mouth will start in April.&lt;/p&gt;</content></entry>
</feed>"""


@pytest.fixture(autouse=True)
def _no_real_dns(fake_dns: dict[str, list[str]]) -> None:
    """Every test here runs with the fake resolver, so nothing reaches real DNS."""


@pytest.fixture
def fetcher() -> Fetcher:
    """Test-only loopback switch so the local server is reachable."""
    settings = Settings(_env_file=None, fetch_timeout_seconds=3.0)  # type: ignore[call-arg]
    return loopback_fetcher(settings)


@pytest.fixture
def site(local_server: LocalServer) -> LocalServer:
    base = local_server.url("").rstrip("/")
    local_server.routes["/article"] = Reply(body=ARTICLE_HTML.encode())
    local_server.routes["/rss"] = Reply(
        body=RSS.format(base=base).encode(), headers={"Content-Type": "application/rss+xml"}
    )
    local_server.routes["/rss-as-xml"] = Reply(
        body=RSS.format(base=base).encode(), headers={"Content-Type": "text/xml"}
    )
    local_server.routes["/atom"] = Reply(
        body=ATOM.format(base=base).encode(), headers={"Content-Type": "application/atom+xml"}
    )
    local_server.routes["/plain"] = Reply(
        body=b"Plain headline\n\nA plain body.", headers={"Content-Type": "text/plain"}
    )
    return local_server


# -- fixture and real corpus files ---------------------------------------------------------------


@needs_shared_corpus
def test_seed_file_with_null_metadata() -> None:
    draft = read_file(SEED)
    assert draft.title.startswith("Anthropic")
    assert draft.url is None and draft.outlet is None and draft.published is None
    assert draft.source == str(SEED)
    assert not draft.text.startswith("---")
    assert len(draft.text) > 1000


def test_undated_fixture_has_no_date_but_keeps_the_rest() -> None:
    path = fixture_article(UNDATED)
    draft = read_file(path)
    assert draft.published is None
    assert draft.url and draft.outlet and draft.title
    assert draft.source == str(path)
    assert not draft.text.startswith("---") and "published" not in draft.text


@pytest.mark.parametrize("folder", [ARTICLES, pytest.param(SHARED_CORPUS, marks=needs_shared_corpus)],
                         ids=["fixtures", "shared corpus"])
def test_corpus_file_with_published_date(folder: Path) -> None:
    dated = next(p for p in sorted(folder.glob("*.md")) if "\npublished: 20" in p.read_text("utf-8"))
    draft = read_file(dated)
    assert isinstance(draft.published, date)
    assert draft.url and draft.url.startswith("http")
    assert draft.outlet
    assert "date_basis" not in draft.text[:200]


@pytest.mark.parametrize("folder", [ARTICLES, pytest.param(SHARED_CORPUS, marks=needs_shared_corpus)],
                         ids=["fixtures", "shared corpus"])
def test_iter_paths_over_corpus_is_sorted(folder: Path) -> None:
    paths = list(iter_paths([folder]))
    assert paths and paths == sorted(paths)
    assert all(p.suffix == ".md" for p in paths)


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_hostile_fixture_is_refused_with_a_short_reason(name: str) -> None:
    with pytest.raises(SourceError) as caught:
        read_file(HOSTILE / name)
    message = str(caught.value)
    assert REFUSED[name] in message and name in message
    assert str(HOSTILE) not in message and len(message) < 120


def test_hostile_fixtures_that_are_readable() -> None:
    assert set(READABLE) <= {p.name for p in HOSTILE.iterdir()}
    page = read_file(HOSTILE / "page.html")
    assert page.title == "Partners wait for word on Mythos 5"
    assert (page.outlet, page.published) == ("Example Gazette", date(2026, 6, 24))
    assert "June 24" in page.text
    for junk in ("tracker", "document.write", "font-family", "Subscribe"):
        assert junk not in page.text, junk
    windows = read_file(HOSTILE / "bom-crlf.md")
    assert (windows.outlet, windows.published) == ("CRLF Times", date(2026, 6, 25))
    assert windows.title == "A report saved on Windows with a byte-order mark"
    assert "\r" not in windows.text and not windows.text.startswith("\ufeff")
    assert windows.text.startswith("Officials said talks")


# -- synthetic files ---------------------------------------------------------------------------------


def test_markdown_front_matter_and_outlet_default(tmp_path: Path) -> None:
    path = tmp_path / "story.md"
    path.write_text(
        "---\nurl: https://www.gazette.example/lighthouse\ntitle: Lighthouse vote\n"
        "published: 2024-03-05\ndate_basis: text\nauthor: Ada Quill\n---\n\n" + PARAGRAPH,
        encoding="utf-8",
    )
    draft = read_file(path)
    assert draft.title == "Lighthouse vote"
    assert draft.outlet == "gazette.example"
    assert draft.published == date(2024, 3, 5)
    assert draft.author == "Ada Quill"
    assert draft.text == PARAGRAPH.strip()


def test_a_pages_own_front_matter_saved_with_it_is_not_article_text(tmp_path: Path) -> None:
    path = tmp_path / "raw.md"  # a page saved as its raw Markdown: the site's metadata block opens the body
    path.write_text("---\nurl: https://www.gazette.example/raw.md\ntitle: Lighthouse vote\n---\n\n"
                    "---\ntitle: \"Lighthouse vote\"\ndescription: \"The council voted. Keepers cheered.\"\n"
                    "tags: [\"harbour\"]\n---\n\n" + PARAGRAPH, encoding="utf-8")
    assert read_file(path).text == "The council voted. Keepers cheered.\n\n" + PARAGRAPH.strip()  # the summary kept
    ruled = tmp_path / "ruled.md"  # a rule drawn above prose is no metadata: the text stays whole
    ruled.write_text("---\ntitle: Lighthouse vote\n---\n\n---\nThe council voted, and then it rained.\n---\n\n"
                     + PARAGRAPH, encoding="utf-8")
    assert read_file(ruled).text.startswith("---\nThe council voted")


def test_a_page_saved_as_its_sites_json_record_is_read_as_its_text(tmp_path: Path) -> None:
    """The record is often cut off mid-field; its escaped line breaks had made every sentence unquotable."""
    record = ('{"slug": "lighthouse-vote", "title": "Lighthouse vote", "summary": "The council voted to keep it.", '
              '"body_md": "# Lighthouse vote\\n\\nThe harbour council voted on Tuesday to keep the old lighthouse. '
              'Keepers said \\"finally\\" and cheered.\\n\\nThe vote was close, seven to six, and the mayor ab')
    path = tmp_path / "record.md"
    path.write_text("---\ntitle: Lighthouse vote\n---\n\n" + record, encoding="utf-8")
    text = read_file(path).text
    assert text.startswith("The council voted to keep it.\n\n# Lighthouse vote\n\nThe harbour council voted")
    assert 'Keepers said "finally" and cheered.' in text and text.endswith("the mayor ab")
    cms = tmp_path / "cms.md"  # a CMS's record: the article's HTML under "content": {"rendered": …}
    cms.write_text('---\ntitle: Lighthouse vote\n---\n\n{"id": 7, "content": {"rendered": "<p>The council voted '
                   'on Tuesday.</p>\\n<p>Keepers cheered.</p>"}, "excerpt": {"rendered": "<p>It stays.</p>"}}',
                   encoding="utf-8")
    assert read_file(cms).text == "It stays.\n\nThe council voted on Tuesday.\n\nKeepers cheered."
    prose = tmp_path / "prose.md"  # a body that only opens with a brace is text
    prose.write_text("---\ntitle: Braces\n---\n\n{An aside} opened the piece. " + PARAGRAPH, encoding="utf-8")
    assert read_file(prose).text.startswith("{An aside} opened the piece.")


def test_a_title_guessed_from_the_address_gives_way_to_the_pages_headline(tmp_path: Path) -> None:
    path = tmp_path / "guessed.md"
    path.write_text("---\nurl: https://www.gazette.example/p/123\ntitle: \"(from URL) gazette.example/p/123\"\n---\n\n"
                    "# The harbour council votes to keep the old lighthouse\n\n" + PARAGRAPH, encoding="utf-8")
    assert read_file(path).title == "The harbour council votes to keep the old lighthouse"
    bare = tmp_path / "bare.md"  # no headline on the page: the guess stays, marked as one
    bare.write_text("---\ntitle: \"(from URL) gazette.example/p/9\"\n---\n\n" + PARAGRAPH, encoding="utf-8")
    assert read_file(bare).title == "(from URL) gazette.example/p/9"


def test_markdown_without_front_matter_uses_heading(tmp_path: Path) -> None:
    path = tmp_path / "plain.markdown"
    path.write_text("# Ferry news\n\n" + PARAGRAPH, encoding="utf-8")
    assert read_file(path).title == "Ferry news"


def test_txt_title_is_first_non_empty_line(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("\n\n  Harbour notes  \n" + PARAGRAPH, encoding="utf-8")
    draft = read_file(path)
    assert draft.title == "Harbour notes"
    assert PARAGRAPH.strip() in draft.text


def test_utf8_bom_and_utf16_are_accepted(tmp_path: Path) -> None:
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbfBOM title\n" + PARAGRAPH.encode())
    assert read_file(bom).title == "BOM title"
    wide = tmp_path / "wide.txt"
    wide.write_bytes(("Wide title\n" + PARAGRAPH).encode("utf-16"))
    assert read_file(wide).title == "Wide title"


def test_html_file(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(ARTICLE_HTML, encoding="utf-8")
    draft = read_file(path)
    assert "lighthouse" in draft.title.lower()
    assert "eighteen months" in draft.text
    assert "Copyright" not in draft.text
    assert draft.author == "Ada Quill"
    assert draft.published == date(2024, 3, 5)
    assert draft.outlet == "Lowmere Gazette"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.md", b"", "empty"),
        ("blank.txt", b"   \n\t\n  ", "empty"),
        ("nul.txt", b"abc\x00\x01\x02def" * 50, "binary"),
        ("controls.txt", bytes(range(1, 9)) * 200, "binary"),
        ("latin.txt", "Caf\u00e9 au lait, cr\u00e8me br\u00fbl\u00e9e.\n".encode("latin-1"), "not UTF-8"),
        ("open.md", b"---\ntitle: Never closed\n\nBody text here.\n", "not closed"),
        ("yaml.md", b"---\ntitle: [unclosed\n---\nBody text.\n", "not valid YAML"),
        ("list.md", b"---\n- a\n- b\n---\nBody text.\n", "key: value"),
        ("date.md", b"---\ntitle: T\npublished: next tuesday\n---\nBody text.\n", "date"),
        ("num.md", b"---\ntitle: T\npublished: 12\n---\nBody text.\n", "date"),
        ("title.md", b"---\ntitle: [1, 2]\n---\nBody text.\n", "'title' must be text"),
        ("nobody.md", b"---\ntitle: Only a title\n---\n\n", "no text"),
        ("image.png", b"\x89PNG\r\n\x1a\n", "unsupported file type"),
        ("archive.zip", b"PK\x03\x04", "unsupported file type"),
        ("noext", b"some text", "unsupported file type"),
        ("empty.html", b"<html><body></body></html>", "no article text"),
    ],
)
def test_bad_files(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(SourceError, match=message) as info:
        read_file(path)
    assert name in info.value.user_message
    assert str(tmp_path) not in info.value.user_message


def test_huge_file(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(5 * 1024 * 1024 + 1)
    with pytest.raises(SourceError, match="too large") as info:
        read_file(path)
    assert "huge.txt" in info.value.user_message


def test_iter_paths_filters_folders_but_keeps_named_files(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    for rel in ["a.md", "b/c.txt", "b/d.HTML", "b/e.png", ".hidden/f.md", ".g.md", "h.htm", "i.markdown"]:
        (tmp_path / rel).write_text("x", encoding="utf-8")
    named = tmp_path / "b" / "e.png"
    found = list(iter_paths([tmp_path, named]))
    found_rel = [p.relative_to(tmp_path).as_posix() for p in found]
    assert found_rel == ["a.md", "b/c.txt", "b/d.HTML", "h.htm", "i.markdown", "b/e.png"]


# -- web pages and feeds ------------------------------------------------------------------------


def test_read_url_extracts_article(site: LocalServer, fetcher: Fetcher) -> None:
    draft = read_url(site.url("/article"), fetcher)
    assert "lighthouse" in draft.title.lower()
    assert "eighteen months" in draft.text
    assert draft.author == "Ada Quill"
    assert draft.published == date(2024, 3, 5)
    assert draft.outlet == "Lowmere Gazette"
    assert draft.source == site.url("/article")


def test_read_url_plain_text(site: LocalServer, fetcher: Fetcher) -> None:
    draft = read_url(site.url("/plain"), fetcher)
    assert draft.title == "Plain headline"


@pytest.mark.parametrize("path", ["/rss", "/rss-as-xml", "/atom"])
def test_read_url_refuses_feeds(path: str, site: LocalServer, fetcher: Fetcher) -> None:
    with pytest.raises(SourceError, match="add it as a feed"):
        read_url(site.url(path), fetcher)


def test_read_rss_feed(site: LocalServer, fetcher: Fetcher) -> None:
    result = read_feed(site.url("/rss"), fetcher)
    assert isinstance(result, FeedResult)
    assert result.title == "Lowmere Gazette"
    assert [e.title for e in result.entries] == ["Lighthouse vote", "Ferry timetable"]
    first = result.entries[0]
    assert first.link == site.url("/article")
    assert first.published == date(2024, 3, 5)
    assert first.summary == "The council voted to rebuild the lighthouse."
    assert first.id and first.id.endswith("lh-1")
    assert first.author and "Ada Quill" in first.author


def test_read_atom_feed(site: LocalServer, fetcher: Fetcher) -> None:
    result = read_feed(site.url("/atom"), fetcher)
    assert result.title == "Lowmere Atom"
    (entry,) = result.entries
    assert entry.link == site.url("/dredging")
    assert entry.author == "Ben Wick"
    assert entry.published == date(2024, 3, 7)
    assert entry.summary == "Dredging of the harbour mouth will start in April."


def test_feed_etag_and_304(local_server: LocalServer, fetcher: Fetcher) -> None:
    base = local_server.url("").rstrip("/")

    def route(seen: Seen) -> Reply:
        if seen.headers.get("if-none-match") == '"feed-v1"':
            return Reply(304, headers={"ETag": '"feed-v1"'}, content_length=False)
        return Reply(
            body=RSS.format(base=base).encode(),
            headers={
                "Content-Type": "application/rss+xml",
                "ETag": '"feed-v1"',
                "Last-Modified": "Tue, 05 Mar 2024 10:00:00 GMT",
            },
        )

    local_server.routes["/rss"] = route
    first = read_feed(local_server.url("/rss"), fetcher)
    assert first.etag == '"feed-v1"' and first.last_modified == "Tue, 05 Mar 2024 10:00:00 GMT"
    assert not first.not_modified and len(first.entries) == 2
    second = read_feed(local_server.url("/rss"), fetcher, etag=first.etag, modified=first.last_modified)
    assert second.not_modified is True
    assert second.entries == []
    assert second.etag == '"feed-v1"'
    assert second.last_modified == "Tue, 05 Mar 2024 10:00:00 GMT"
    assert local_server.requests[1].headers["if-modified-since"] == "Tue, 05 Mar 2024 10:00:00 GMT"


def test_read_feed_refuses_web_page(site: LocalServer, fetcher: Fetcher) -> None:
    with pytest.raises(SourceError, match="not an RSS or Atom feed"):
        read_feed(site.url("/article"), fetcher)


def test_entry_to_draft_fetches_page(site: LocalServer, fetcher: Fetcher) -> None:
    entry = read_feed(site.url("/rss"), fetcher).entries[0]
    draft = entry_to_draft(entry, fetcher)
    assert "eighteen months" in draft.text
    assert draft.url == site.url("/article")


def test_entry_to_draft_falls_back_to_summary(site: LocalServer, fetcher: Fetcher) -> None:
    entry = read_feed(site.url("/rss"), fetcher).entries[1]  # its link answers 404
    draft = entry_to_draft(entry, fetcher)
    assert draft.text == "The winter ferry timetable starts next week, with two fewer crossings."
    assert draft.title == "Ferry timetable"
    assert draft.published == date(2024, 3, 6)


def test_entry_with_unsafe_link_uses_summary_without_connecting(
    fetcher: Fetcher, connect_log: list[tuple[str, int]]
) -> None:
    entry = FeedEntry(link="http://169.254.169.254/latest/", title="Metadata", summary="Safe summary text.")
    draft = entry_to_draft(entry, fetcher)
    assert draft.text == "Safe summary text."
    assert connect_log == []


def test_entry_without_anything_readable(fetcher: Fetcher) -> None:
    with pytest.raises(SourceError, match="no readable text"):
        entry_to_draft(FeedEntry(link=None, title="Empty"), fetcher)
