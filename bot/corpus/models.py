"""Plain data passed between the corpus steps: what a source yields and what the catalog stores."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal


@dataclass(frozen=True)
class ArticleDraft:
    """An article as read from a source, before the catalog has given it an id.

    ``source`` is where it came from (a file path or the URL fetched); ``url`` is the article's own
    canonical address when known (front matter, feed link), which may differ from ``source``.
    """

    text: str
    title: str
    source: str
    url: str | None = None
    outlet: str | None = None
    published: date | None = None
    author: str | None = None
    # What was dropped while reading it (a non-http URL...): reported, never stored.
    warnings: tuple[str, ...] = field(default=(), compare=False)

    @property
    def content_hash(self) -> str:
        return content_hash(self.text)


def content_hash(text: str) -> str:
    """Hash of the normalised body: whitespace-insensitive, so re-saving a file changes nothing."""
    normalised = " ".join(text.split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class KnownFacts:
    """What a curated list (``knowledge/sources.tsv``) says about a URL; fills in what its page omits."""

    url: str
    outlet: str | None = None
    title: str | None = None
    published: date | None = None


@dataclass(frozen=True)
class Article:
    """An article as the catalog knows it."""

    id: int
    title: str
    source: str
    content_hash: str
    added_by: str
    added_at: datetime
    url: str | None = None
    outlet: str | None = None
    published: date | None = None
    author: str | None = None
    duplicate_of: int | None = None
    n_chars: int = 0


@dataclass(frozen=True)
class Feed:
    """An RSS/Atom feed a moderator added; polled for new articles."""

    id: int
    url: str
    added_by: str
    added_at: datetime
    title: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    last_polled_at: datetime | None = None


# Every change the audit log records (corpus curation, feeds, brief subscriptions).
AuditAction = Literal[
    "article.add", "article.add_duplicate", "article.update", "article.remove", "article.quarantine",
    "article.retry",
    "feed.add", "feed.remove",
    "brief.subscribe", "brief.unsubscribe", "brief.reschedule",
]


@dataclass(frozen=True)
class AuditEntry:
    """One change to the corpus: who did what, when, and from where (CLI, Discord guild/channel)."""

    id: int
    at: datetime
    actor: str
    action: AuditAction
    target: str
    origin: str
    detail: str = ""


@dataclass
class SourceProblem:
    """One item of a batch that could not be added, with a message safe to show the user."""

    item: str
    message: str


@dataclass
class IngestReport:
    """What one `add` run did, item by item, so the CLI and Discord can say it plainly."""

    added: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)
    duplicates: list[tuple[int, int]] = field(default_factory=list)
    problems: list[SourceProblem] = field(default_factory=list)
    warnings: list[SourceProblem] = field(default_factory=list)
    chunks_embedded: int = 0
