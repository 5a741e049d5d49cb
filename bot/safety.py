"""Untrusted text made harmless for each surface, and inputs checked where they enter.

Article text, titles, file names and URLs come from people and pages we do not control. Every surface
passes them through here: the terminal gets no control characters or escape sequences and nothing its
encoding cannot show; Markdown, JSON and Discord get mentions that never ping and links only when they
are http(s). A long input is quoted only in part, so an error about a 10 MB line stays one short line.
"""

from __future__ import annotations

import re
import sys
from typing import TextIO
from urllib.parse import quote as percent_encode
from urllib.parse import urlsplit, urlunsplit

from bot.errors import InvalidInputError

ZWSP = "\u200b"
QUOTE_CHARS = 80
MAX_URL_CHARS = 2000

# ANSI/VT escape sequences (CSI, OSC, and two-character escapes), then any C0/C1 control left over.
_ESCAPE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]?|\x9b[0-?]*[ -/]*[@-~]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_LINE_BREAKS = re.compile(r"[\r\n\v\f\x85\u2028\u2029]+")
_MENTION = re.compile(r"<(@[!&]?|#)(?=\d)|@(?=everyone|here)", re.IGNORECASE)
_SURROGATE = re.compile("[\ud800-\udfff]")


def strip_controls(text: str, keep_newlines: bool = True) -> str:
    """Escape sequences and control characters removed (tabs and, by default, newlines kept);
    bidirectional overrides too, which can make a file name read backwards."""
    text = _ESCAPE.sub("", text).replace("\t", " ")
    if not keep_newlines:
        text = _LINE_BREAKS.sub(" ", text)
    return _SURROGATE.sub("\ufffd", _CONTROL.sub("", text))


def quote(text: str, limit: int = QUOTE_CHARS) -> str:
    """A piece of user input fit to name in a one-line message: controls stripped, on one line,
    and cut to ``limit`` characters with the size of what was left out."""
    flat = " ".join(strip_controls(text, keep_newlines=False).split())
    if len(flat) <= limit:
        return flat
    return f"{flat[: max(1, limit - 1)]}… ({len(flat):,} characters)"


def neutralise_mentions(text: str) -> str:
    """``@everyone``, ``@here``, ``<@id>``, ``<@&id>`` and ``<#id>`` shown but never resolved."""
    return _MENTION.sub(lambda m: m.group(0) + ZWSP, text)


def for_terminal(text: str, stream: TextIO | None = None) -> str:
    """Text the terminal shows as text: no escapes or controls, and only characters its encoding
    can write (others as ``\\N{…}``-free backslash escapes), so ``PYTHONIOENCODING=ascii`` never crashes."""
    clean = strip_controls(text)
    encoding = getattr(stream or sys.stdout, "encoding", None) or "utf-8"
    try:
        clean.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        clean = clean.encode(encoding, "backslashreplace").decode(encoding, "replace")
    return clean


def is_http_url(url: str | None) -> bool:
    """An absolute http(s) URL with a host, no whitespace or controls, not absurdly long."""
    if not url or len(url) > MAX_URL_CHARS or any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in url):
        return False
    try:
        parts = urlsplit(url)
        return (parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
                and "@" not in parts.netloc)  # no credentials: ``http://trusted@elsewhere`` misleads
    except ValueError:
        return False


def require_http_url(url: str, what: str = "A feed URL") -> str:
    """``url`` stripped, or a one-line refusal naming it (in part) when it is not http(s)."""
    cleaned = url.strip()
    if not is_http_url(cleaned):
        raise InvalidInputError(f"{what} must be an http:// or https:// address (got “{quote(cleaned, 60)}”).")
    return cleaned


_UNSAFE_IN_URL = re.compile(r"[<>\"`{}|\\^]")
_URL_SAFE = "/?#&=+;:,%~!$'()*-._[]"


def link_or_none(url: str | None) -> str | None:
    """A URL a surface may emit as a link: http(s) only (anything else is never linked), with what could
    end a link early or ping (``<``, ``>``, quotes, and ``@`` when it forms a mention) percent-encoded.
    An ordinary URL comes back unchanged."""
    if url is None or not is_http_url(url):
        return None
    mention = bool(_MENTION.search(url))
    if not mention and not _UNSAFE_IN_URL.search(url):
        return url
    parts = urlsplit(url)
    safe = _URL_SAFE + ("" if mention else "@")
    return urlunsplit((parts.scheme, parts.netloc, percent_encode(parts.path, safe),
                       percent_encode(parts.query, safe), percent_encode(parts.fragment, safe)))


def clean_data(value: object) -> object:
    """JSON-ready data with every string made inert (controls stripped, mentions neutralised) and every
    ``url`` field kept only when it is http(s); what other programs, or Discord, would render."""
    if isinstance(value, str):
        return neutralise_mentions(strip_controls(value))
    if isinstance(value, dict):
        return {k: (link_or_none(v) if k == "url" and (v is None or isinstance(v, str)) else clean_data(v))
                for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [clean_data(v) for v in value]
    return value


def markdown_text(text: str) -> str:
    """Untrusted text inside Markdown: on one line, controls stripped, link and autolink syntax escaped
    (``<javascript:…>`` is a link in CommonMark), mentions inert. Emphasis is left alone: harmless."""
    flat = " ".join(strip_controls(text, keep_newlines=False).split())
    return neutralise_mentions(_MARKDOWN_LINK.sub(r"\\\1", flat))


def unescape_markdown(text: str) -> str:
    """What :func:`markdown_text` escaped, shown plainly again (for the terminal)."""
    return _MARKDOWN_ESCAPED.sub(r"\1", text)


_MARKDOWN_LINK = re.compile(r"([\\`\[\]<>])")
_MARKDOWN_ESCAPED = re.compile(r"\\([\\`\[\]<>])")
