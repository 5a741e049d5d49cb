"""The suite's own corpus: small articles about the story, written for the tests in the project's own words.

Tests of mechanics (ingest, catalog, crash safety, the Discord app, briefs, the scheduler) run on these
files, so they need nothing beside the repository. Tests that measure quality on real reporting use the
shared corpus instead, through ``tests/corpus_location.py``.

``fixtures/articles/`` has the same front matter as the real corpus (url, outlet, title, published) and
holds, besides the distinct originals:

- a syndication group (``SYNDICATED``): a wire story, the same text amid another site's navigation, and two
  reworded copies under the same long headline;
- the same text at three addresses (``VERBATIM_COPIES``);
- sources that disagree (``CONTRADICTING``: the order dated June 12 in one, June 13 in the other; 54 vs 76
  letter signatories; 12 firms vs more than 100 organisations);
- a page wrapped in navigation and cookie junk (``NAVIGATION_JUNK``) and an undated page (``UNDATED``).

``fixtures/hostile/`` holds malformed and unusual inputs (front matter never closed, invalid YAML, an
unreadable date, Latin-1, empty, binary; and two that must be read: an HTML page with scripts and a
prompt-injection footer, a UTF-8 file with a byte-order mark and CRLF line ends).
"""

from __future__ import annotations

from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ARTICLES = FIXTURES / "articles"
HOSTILE = FIXTURES / "hostile"

SYNDICATED = ("101", "102", "103", "104")  # the original first, then its copies
VERBATIM_COPIES = ("111", "112", "113")  # the original first
CONTRADICTING = ("002", "003")
NAVIGATION_JUNK = "028"
UNDATED = "029"

# Hostile files that must be refused, with a word the reason must contain.
REFUSED = {
    "unclosed-front-matter.md": "not closed",
    "bad-yaml.md": "not valid YAML",
    "bad-date.md": "date",
    "latin1.md": "not UTF-8",
    "empty.md": "empty",
    "binary.md": "binary",
}
READABLE = ("page.html", "bom-crlf.md")


def article_files() -> list[Path]:
    """Every fixture article (originals and copies) in name order."""
    return sorted(ARTICLES.glob("*.md"))


def fixture_article(prefix: str) -> Path:
    """The fixture article whose name starts with the three-digit ``prefix``."""
    matches = [p for p in article_files() if p.name.startswith(f"{prefix}-")]
    assert len(matches) == 1, f"expected one fixture article {prefix}-*, found {matches}"
    return matches[0]


def originals() -> list[Path]:
    """The articles that are copies of no other, in name order."""
    copies = set(SYNDICATED[1:]) | set(VERBATIM_COPIES[1:])
    return [p for p in article_files() if p.name[:3] not in copies]


def distinct_files(n: int | None = None, offset: int = 0) -> list[Path]:
    """``n`` (default: all) distinct articles from ``offset`` on, wrapping round, none a copy of another.

    The copy groups' originals are left out too, so a batch never holds two tellings of one story.
    """
    pool = [p for p in originals() if p.name[:3] not in (SYNDICATED[0], VERBATIM_COPIES[0])]
    n = len(pool) if n is None else n
    assert n <= len(pool), f"only {len(pool)} distinct fixture articles, {n} asked for"
    start = offset % len(pool)
    return (pool[start:] + pool[:start])[:n]
