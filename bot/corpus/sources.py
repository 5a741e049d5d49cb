"""Turn files, web pages and feeds into :class:`ArticleDraft` objects.

Everything a moderator adds passes through here, so each failure becomes a short
:class:`SourceError` naming the file (by name only, never its full path) or the URL, and saying what
is wrong with it. Web access goes only through :class:`~bot.corpus.fetch.Fetcher`, so the SSRF and
size rules hold for pages and feeds alike; feedparser is handed bytes and never fetches by itself.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from bot.corpus.fetch import Fetcher, FetchResult
from bot.corpus.models import ArticleDraft, KnownFacts
from bot.corpus.page import PLACEHOLDER_TITLE, page_headline
from bot.errors import FetchError, SourceError, UnsafeURLError
from bot.safety import quote

SUPPORTED_EXTENSIONS = frozenset({".md", ".markdown", ".txt", ".html", ".htm"})
MAX_FILE_BYTES = 1_000_000  # the default of ``Settings.max_article_bytes``
MAX_TITLE_CHARS = 300
FEED_CONTENT_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml"})

_FEED_ROOT = re.compile(
    r"^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*<(rss|feed|rdf:RDF)\b", re.S
)
_FRONT_MATTER_KEYS_STR = ("url", "outlet", "title", "author", "date_basis")


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed, as the feed itself describes it."""

    link: str | None
    title: str | None
    published: date | None = None
    author: str | None = None
    summary: str | None = None
    id: str | None = None


@dataclass(frozen=True)
class FeedResult:
    """A polled feed: its entries plus the validators to send next time (conditional GET)."""

    url: str
    title: str | None = None
    entries: list[FeedEntry] = field(default_factory=list)
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False


# --------------------------------------------------------------------------------------------
# Helpers


def domain_of(url: str | None) -> str | None:
    """The outlet name we fall back to: the URL's host without ``www.``."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    host = host.lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def _first_line(text: str) -> str | None:
    for line in text.splitlines():
        stripped = line.strip().lstrip("#").strip()
        if stripped:
            return stripped[:MAX_TITLE_CHARS]
    return None


_CONTROL_CHARS = dict.fromkeys(c for c in range(32) if chr(c) not in "\t\n\r\f\v")


def _looks_binary(text: str) -> bool:
    """Mostly control characters means this was never meant to be read as text."""
    if not text:
        return False
    sample = text[:8192]
    controls = len(sample) - len(sample.translate(_CONTROL_CHARS))  # C speed: counts what translate drops
    return controls / len(sample) > 0.05


def _decode_file(raw: bytes, name: str) -> str:
    """UTF-8 (with or without BOM) or BOM-marked UTF-16; anything else is refused, not guessed."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise SourceError(f"{name} is not valid UTF-16 text.") from exc
    if b"\x00" in raw:
        raise SourceError(f"{name} looks like a binary file, not text.")
    for encoding in ("utf-8", "utf-8-sig"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        return text[1:] if text.startswith("\ufeff") else text
    sample = raw[:8192]
    controls = sum(1 for b in sample if b < 32 and b not in b"\t\n\r\f\v")
    if controls / max(len(sample), 1) > 0.05:
        raise SourceError(f"{name} looks like a binary file, not text.")
    raise SourceError(f"{name} is not UTF-8 text; please save it as UTF-8.")


def _opt_str(meta: dict[str, Any], key: str, name: str) -> str | None:
    value = meta.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise SourceError(f"{name}: front matter '{key}' must be text.")
    text = str(value).strip()
    return text or None


def _opt_date(value: Any, what: str) -> date | None:
    """A date from YAML (already a date), an ISO string, or nothing; an impossible one is refused
    with the value (in part), never a traceback."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            raise SourceError(f"{what} is not a real date (“{quote(value, 40)}”); use one like 2024-05-31.") from None
    raise SourceError(f"{what} must be a date like 2024-05-31.")


def _string_timestamps(base: type) -> type:
    """A safe loader that leaves timestamps as text: PyYAML turns ``2026-13-45`` into a ValueError
    deep inside loading, which would name neither the key nor the problem; :func:`_opt_date` does."""
    loader = type("TextDateLoader", (base,), {})
    loader.yaml_implicit_resolvers = {  # type: ignore[attr-defined]
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in base.yaml_implicit_resolvers.items()  # type: ignore[attr-defined]
    }
    return loader


_YAML_LOADER = _string_timestamps(getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _split_front_matter(text: str, name: str) -> tuple[dict[str, Any], str]:
    """Separate a leading ``---`` YAML block from the body; no block means no metadata."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return {}, text
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            block = "".join(lines[1:i])
            body = "".join(lines[i + 1 :])
            break
    else:
        raise SourceError(f"{name}: the front matter block is not closed with '---'.")
    try:
        meta = yaml.load(block, Loader=_YAML_LOADER)  # safe loading either way; libyaml's is ~10x faster
    except (yaml.YAMLError, ValueError, RecursionError) as exc:  # ValueError: e.g. an out-of-range number
        raise SourceError(f"{name}: the front matter is not valid YAML.") from exc
    if meta is None:
        return {}, body
    if not isinstance(meta, dict):
        raise SourceError(f"{name}: the front matter must be a set of 'key: value' lines.")
    return {str(k): v for k, v in meta.items()}, body


def _without_page_metadata(body: str, name: str) -> str:
    """The body without a second ``---`` YAML block opening it: a page saved as its raw Markdown keeps its own
    front matter ("tags: […]", "canonical: …"), which is the site's metadata, not the article's text (its lines
    were quoted as statements, "description: …" and all). The writer's own summary in it stays, as the
    standfirst it is. A block that is no set of ``key: value`` lines is text and stays."""
    try:
        meta, rest = _split_front_matter(body, name)
    except SourceError:
        return body
    if not meta:
        return body
    standfirst = next((v.strip() for k in _STANDFIRST_KEYS if isinstance(v := meta.get(k), str) and v.strip()), "")
    return f"{standfirst}\n\n{rest.strip()}" if standfirst else rest.strip()


_STANDFIRST_KEYS = ("description", "summary", "excerpt", "subtitle")
# where a page saved as its site's JSON keeps the article ("body_md", a CMS's "content": {"rendered": "<p>…"})
_JSON_BODY_KEYS = ("body_md", "body_markdown", "markdown", "body", "content", "article_body", "articleBody", "text")


def _json_page_text(body: str) -> str:
    """A page saved as its site's JSON record (``{"title": …, "summary": …, "body_md": "…\\n\\n…"}``, often cut off
    mid-record) as the text it holds: the summary as a standfirst, then the article, its HTML made text. Its escaped
    line breaks had made every sentence unquotable. Any other body is returned as it is."""
    if not body.startswith("{") or '":' not in body[:200]:
        return body
    article = next((t for k in _JSON_BODY_KEYS if (t := _json_text_field(body, k))), "")
    if not article:
        return body
    standfirst = next((t for k in _STANDFIRST_KEYS if (t := _json_text_field(body, k))), "")
    return f"{standfirst}\n\n{article}" if standfirst and standfirst not in article else article


def _json_text_field(record: str, key: str) -> str:
    """One text field of a JSON record read by hand, so a record cut off inside it still gives what it holds: a
    string, or a CMS's ``{"rendered": "<p>…"}`` made text."""
    found = re.search(rf'"{re.escape(key)}"\s*:\s*(\{{\s*"rendered"\s*:\s*)?"', record)
    if found is None:
        return ""
    raw = _JSON_STRING.match(record, found.end())
    text = raw.group() if raw else ""
    text = re.sub(r"\\(?:u[0-9a-fA-F]{0,3})?$", "", text)  # an escape the cut left unfinished
    try:
        value = json.loads(f'"{text}"')
    except ValueError:
        value = text.replace("\\n", "\n").replace('\\"', '"').replace("\\/", "/")
    value = value.strip()
    return html_to_text(value) if found.group(1) or re.search(r"<(?:p|div|br|h\d)\b", value) else value


_JSON_STRING = re.compile(r'(?:[^"\\]|\\.)*(?:\\$)?', re.DOTALL)  # a JSON string's inside, up to its closing quote


class _TextExtractor(HTMLParser):
    """Plain text from small HTML snippets (feed summaries), keeping paragraph breaks."""

    _BLOCKS = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """Strip tags from a snippet; paragraphs become blank-line separated."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    raw = "".join(parser.parts)
    paragraphs = [" ".join(chunk.split()) for chunk in re.split(r"\n\s*\n|\n", raw)]
    return "\n\n".join(p for p in paragraphs if p)


def _extract_html(html: str, url: str | None, guess_dates: bool = True) -> tuple[str, dict[str, str | None]]:
    """Main text and metadata via trafilatura, offline, from a string.

    Only what the page states counts as its metadata: a site name trafilatura made up from the URL is
    dropped, and with ``guess_dates=False`` so is a date guessed from the article's text (used when a
    curated list already knows the date).
    """
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, favor_recall=True,
        date_extraction_params={"original_date": True, "extensive_search": guess_dates,
                                "max_date": date.today().isoformat()},
    )
    if doc is None:
        return "", {}
    get = doc.get if isinstance(doc, dict) else lambda key: getattr(doc, key, None)
    text = get("text") or ""
    meta = {
        key: (str(get(key)).strip() or None) if get(key) else None
        for key in ("title", "author", "date", "sitename", "url")
    }
    if meta["sitename"] and _is_host_of(meta["sitename"], url):
        meta["sitename"] = None
    return str(text).strip(), meta


def _is_host_of(name: str, url: str | None) -> bool:
    """Whether a "site name" is only the URL's host (what trafilatura falls back to)."""
    if not url:
        return False
    try:
        netloc = urlsplit(url).netloc.lower().rsplit("@", 1)[-1]
    except ValueError:
        return False
    spellings = {netloc, netloc.split(":")[0]}
    spellings |= {s[4:] for s in spellings if s.startswith("www.")}
    return name.lower().rstrip("/") in spellings


def _date_from_meta(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


# --------------------------------------------------------------------------------------------
# Files


def iter_paths(paths: Iterable[Path]) -> Iterator[Path]:
    """Expand folders (recursively, sorted, no hidden entries) to supported files, each real file once.

    A folder named explicitly is walked even if it is a symlink, but symlinked folders inside it are
    never followed (they lead out of the tree or back into it: a loop); a file reached twice (a
    symlinked file, or a folder named twice) is yielded once. A file named explicitly is yielded
    whatever its extension, so ``read_file`` can say why it is not accepted instead of it silently
    disappearing.
    """
    seen: set[Path] = set()
    for path in paths:
        if path.is_dir():
            yield from _walk(path, seen)
        elif _first_visit(path, seen):
            yield path


def _first_visit(path: Path, seen: set[Path]) -> bool:
    try:
        real = path.resolve()
    except (OSError, RuntimeError):  # a symlink loop on the file itself: read_file will say so
        return True
    if real in seen:
        return False
    seen.add(real)
    return True


def _walk(folder: Path, seen: set[Path]) -> Iterator[Path]:
    try:
        children = sorted(folder.iterdir(), key=lambda p: p.name)
    except OSError:
        return
    for child in children:
        if child.name.startswith("."):
            continue
        if child.is_symlink() and child.is_dir():
            continue  # out of the tree or back into it
        if child.is_dir():
            if _first_visit(child, seen):  # a bind mount or a folder given twice
                yield from _walk(child, seen)
        elif child.is_file() and child.suffix.lower() in SUPPORTED_EXTENSIONS and _first_visit(child, seen):
            yield child


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 1_000_000 else f"{n:,} bytes"


def too_large(name: str, size: int, limit: int) -> str:
    """The one-line refusal for an article over the size limit (files, attachments, pages alike)."""
    shown, cap = _size(size), _size(limit)
    if shown == cap:  # just over: the rounded figures would read the same
        shown, cap = f"{size:,} bytes", f"{limit:,} bytes"
    return f"{name} is too large for one article ({shown}; the limit is {cap}, set by BRIEFBOT_MAX_ARTICLE_BYTES)."


def read_file(path: Path, max_bytes: int = MAX_FILE_BYTES) -> ArticleDraft:
    """Read one Markdown (with optional YAML front matter), text or HTML file into a draft; a file over
    ``max_bytes`` is refused from its size alone, before it is read."""
    name = quote(path.name, 60)
    ext = path.suffix.lower()
    if ext not in SUPPORTED_EXTENSIONS:
        shown = quote(ext, 20) or "no extension"
        raise SourceError(f"{name}: unsupported file type ({shown}); use .md, .txt or .html.")
    try:
        if not path.is_file():
            raise SourceError(f"{name} is not a file that can be read.")
        size = path.stat().st_size
        if size > max_bytes:
            raise SourceError(too_large(name, size, max_bytes))
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
    except OSError as exc:
        raise SourceError(f"{name} could not be read.") from exc
    if len(raw) > max_bytes:
        raise SourceError(too_large(name, len(raw), max_bytes))
    if not raw.strip():
        raise SourceError(f"{name} is empty.")
    text = _decode_file(raw, name)
    if not text.strip():
        raise SourceError(f"{name} is empty.")
    if _looks_binary(text):
        raise SourceError(f"{name} looks like a binary file, not text.")
    text = text.replace("\r\n", "\n").replace("\r", "\n")

    if ext in (".html", ".htm"):
        return _draft_from_html_file(text, path)
    if ext == ".txt":
        body = text.strip()
        return ArticleDraft(text=body, title=_first_line(body) or path.stem, source=str(path))
    return _draft_from_markdown(text, path)


def _draft_from_markdown(text: str, path: Path) -> ArticleDraft:
    name = quote(path.name, 60)
    meta, body = _split_front_matter(text, name)
    body = _without_page_metadata(_json_page_text(body.strip()), name)
    if not body:
        raise SourceError(f"{name} has no text after its front matter.")
    url = _opt_str(meta, "url", name)
    for key in _FRONT_MATTER_KEYS_STR:
        _opt_str(meta, key, name)  # type check every known text key, even unused ones
    published = _opt_date(meta.get("published"), f"{name}: front matter 'published'")
    title = _opt_str(meta, "title", name) or _first_line(body) or path.stem
    if title.startswith(PLACEHOLDER_TITLE):  # a title guessed from the address: the page's own headline is better
        title = page_headline(body) or title
    return ArticleDraft(
        text=body,
        title=title,
        source=str(path),
        url=url,
        outlet=_opt_str(meta, "outlet", name) or domain_of(url),
        published=published,
        author=_opt_str(meta, "author", name),
    )


def _draft_from_html_file(html: str, path: Path) -> ArticleDraft:
    body, meta = _extract_html(html, None)
    if not body:
        raise SourceError(f"{quote(path.name, 60)}: no article text could be found in this HTML file.")
    url = meta.get("url")
    return ArticleDraft(
        text=body,
        title=meta.get("title") or _first_line(body) or path.stem,
        source=str(path),
        url=url,
        outlet=meta.get("sitename") or domain_of(url),
        published=_date_from_meta(meta.get("date")),
        author=meta.get("author"),
    )


# --------------------------------------------------------------------------------------------
# Web pages and feeds


def _looks_like_feed(result: FetchResult) -> bool:
    if result.content_type in FEED_CONTENT_TYPES:
        return True
    if result.content_type in ("text/xml", "application/xml") or (result.content_type or "").endswith("+xml"):
        return bool(_FEED_ROOT.match(result.text[:4096]))
    return False


def read_url(url: str, fetcher: Fetcher, known: KnownFacts | None = None) -> ArticleDraft:
    """Fetch one web page and extract its article text and metadata; ``known`` facts (from a curated
    list) stand in for a title, outlet or date the page does not state, ahead of any guess."""
    result = fetcher.fetch(url)
    if _looks_like_feed(result):
        raise SourceError("That URL is an RSS/Atom feed; add it as a feed instead of as an article.")
    return _draft_from_page(result, known or KnownFacts(url))


def _draft_from_page(result: FetchResult, known: KnownFacts) -> ArticleDraft:
    host = domain_of(result.url) or "the page"
    if result.content_type == "text/plain":
        body = result.text.strip()
        if not body:
            raise SourceError(f"The page at {host} is empty.")
        return ArticleDraft(
            text=body,
            title=known.title or _first_line(body) or result.url,
            source=result.url,
            url=result.url,
            outlet=known.outlet or domain_of(result.url),
            published=known.published,
        )
    body, meta = _extract_html(result.text, result.url, guess_dates=known.published is None)
    if not body:
        raise SourceError(f"No article text could be found on the page at {host}.")
    canonical = meta.get("url") or result.url
    return ArticleDraft(
        text=body,
        title=meta.get("title") or known.title or _first_line(body) or result.url,
        source=result.url,
        url=canonical,
        outlet=meta.get("sitename") or known.outlet or domain_of(canonical),
        published=_date_from_meta(meta.get("date")) or known.published,
        author=meta.get("author"),
    )


def _struct_date(value: Any) -> date | None:
    """feedparser gives dates as time.struct_time (UTC)."""
    if not value:
        return None
    try:
        return date(int(value[0]), int(value[1]), int(value[2]))
    except (TypeError, ValueError, IndexError):
        return None


def _entry_summary(entry: Any) -> str | None:
    candidates: list[str] = []
    for content in entry.get("content") or []:
        value = content.get("value") if hasattr(content, "get") else None
        if value:
            candidates.append(str(value))
    if entry.get("summary"):
        candidates.append(str(entry.get("summary")))
    texts = [html_to_text(c) for c in candidates]
    texts = [t for t in texts if t]
    return max(texts, key=len) if texts else None


def _clean(value: Any) -> str | None:
    if not value:
        return None
    text = " ".join(str(value).split())
    return text or None


def read_feed(url: str, fetcher: Fetcher, etag: str | None = None, modified: str | None = None) -> FeedResult:
    """Poll a feed with a conditional GET and parse what came back (feedparser never fetches)."""
    import feedparser

    result = fetcher.fetch(url, etag=etag, last_modified=modified)
    if result.not_modified:
        return FeedResult(
            url=result.url,
            etag=result.etag or etag,
            last_modified=result.last_modified or modified,
            not_modified=True,
        )
    headers = {"content-location": result.url}
    if result.content_type:
        headers["content-type"] = result.content_type + (
            f"; charset={result.charset}" if result.charset else ""
        )
    parsed = feedparser.parse(io.BytesIO(result.body), response_headers=headers, sanitize_html=True)
    feed_meta = parsed.get("feed") or {}
    entries_raw = parsed.get("entries") or []
    version = parsed.get("version") or ""
    if not version and not entries_raw:
        host = domain_of(result.url) or "that address"
        if result.content_type in ("text/html", "application/xhtml+xml"):
            raise SourceError(f"The URL at {host} is a web page, not an RSS or Atom feed.")
        raise SourceError(f"The URL at {host} is not a readable RSS or Atom feed.")
    entries: list[FeedEntry] = []
    for item in entries_raw:
        link = _clean(item.get("link"))
        entries.append(
            FeedEntry(
                link=link,
                title=_clean(item.get("title")),
                published=_struct_date(item.get("published_parsed") or item.get("updated_parsed")),
                author=_clean(item.get("author")),
                summary=_entry_summary(item),
                id=_clean(item.get("id")) or link,
            )
        )
    return FeedResult(
        url=result.url,
        title=_clean(feed_meta.get("title")),
        entries=entries,
        etag=result.etag,
        last_modified=result.last_modified,
        not_modified=False,
    )


def entry_to_draft(entry: FeedEntry, fetcher: Fetcher) -> ArticleDraft:
    """The full article behind a feed entry, or the entry's own summary if the page won't do."""
    if entry.link:
        try:
            page = read_url(entry.link, fetcher)
        except (FetchError, SourceError, UnsafeURLError):
            page = None
        if page is not None:
            return ArticleDraft(
                text=page.text,
                title=page.title if page.title and page.title != page.source else (entry.title or page.title),
                source=page.source,
                url=entry.link,
                outlet=page.outlet or domain_of(entry.link),
                published=page.published or entry.published,
                author=page.author or entry.author,
            )
    if not entry.summary:
        raise SourceError(f"The feed entry '{entry.title or entry.link or 'untitled'}' has no readable text.")
    return ArticleDraft(
        text=entry.summary,
        title=entry.title or _first_line(entry.summary) or "Untitled",
        source=entry.link or entry.id or "feed entry",
        url=entry.link,
        outlet=domain_of(entry.link),
        published=entry.published,
        author=entry.author,
    )
