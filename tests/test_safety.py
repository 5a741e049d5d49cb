"""bot.safety: what every surface does to untrusted text and URLs."""

from __future__ import annotations

import io
import re

import pytest

from bot.errors import InvalidInputError
from bot.safety import (
    clean_data,
    for_terminal,
    is_http_url,
    link_or_none,
    markdown_text,
    quote,
    require_http_url,
    strip_controls,
    unescape_markdown,
)


@pytest.mark.parametrize(("raw", "shown"), [
    ("\x1b[2J\x1b[31mred\x1b[0m", "red"),  # CSI sequences
    ("a\x1b]0;title\x07b", "ab"),  # an OSC sequence (sets the terminal's title)
    ("bell\x07 and nul\x00", "bell and nul"),
    ("\u202eevil.md", "evil.md"),  # a bidi override that makes a name read backwards
    ("tab\there", "tab here"),
    ("keep\nlines", "keep\nlines"),
])
def test_strip_controls(raw: str, shown: str) -> None:
    assert strip_controls(raw) == shown


def test_quote_is_one_line_and_long_inputs_only_in_part() -> None:
    assert quote("a\nb\r\nc") == "a b c"
    long = quote("x" * 10_000_000, 60)
    assert len(long) < 100 and long.endswith("(10,000,000 characters)")


@pytest.mark.parametrize("url", ["https://example.org/a", "http://x.invalid/a>@everyone<@123>",
                                 "HTTPS://EXAMPLE.ORG"])
def test_http_urls(url: str) -> None:
    assert is_http_url(url)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "file:///etc/passwd", "not a url", "http://",
                                 "ftp://example.org", "https://exa mple.org", "https://example.org/\x00",
                                 "data:text/html,x", "//example.org/a", "https://" + "a" * 3000, None, ""])
def test_not_http_urls(url: str | None) -> None:
    assert not is_http_url(url)


def test_require_http_url_is_one_line() -> None:
    with pytest.raises(InvalidInputError) as caught:
        require_http_url("javascript:" + "a" * 5000)
    assert "\n" not in caught.value.user_message and len(caught.value.user_message) < 200


def test_clean_data_makes_json_inert() -> None:
    data = {"title": "hi @everyone <@123>", "url": "javascript:alert(1)",
            "sources": [{"url": "https://example.org", "quote": "\x1b[31mred"}], "n": 3}
    cleaned = clean_data(data)
    assert cleaned == {"title": "hi @\u200beveryone <@\u200b123>", "url": None,
                       "sources": [{"url": "https://example.org", "quote": "red"}], "n": 3}


def test_markdown_text_escapes_links_and_round_trips_for_the_terminal() -> None:
    text = "see [this](javascript:alert(1)) or <javascript:alert(1)> `code`"
    escaped = markdown_text(text)
    assert not re.search(r"(?<!\\)\[this", escaped) and not re.search(r"(?<!\\)<javascript:", escaped)
    assert unescape_markdown(escaped) == text


def test_for_terminal_never_fails_to_encode() -> None:
    stream = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    shown = for_terminal("café — “quoted” \x1b[31m", stream)
    shown.encode("ascii")
    assert shown.startswith("caf\\xe9 \\u2014")


def test_links_are_inert_and_ordinary_ones_unchanged() -> None:
    assert link_or_none("https://medium.com/@user/post?a=1&b=2#x") == "https://medium.com/@user/post?a=1&b=2#x"
    assert link_or_none("http://x.invalid/a>@everyone<@123>") == "http://x.invalid/a%3E%40everyone%3C%40123%3E"
    assert link_or_none("https://e.org/p?q=<b>") == "https://e.org/p?q=%3Cb%3E"
    assert link_or_none("http://trusted.example@elsewhere.example/") is None  # credentials mislead
    assert link_or_none("javascript:alert(1)") is None
