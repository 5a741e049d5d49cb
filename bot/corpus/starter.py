"""The starter corpus in `knowledge/`: bundled notes (always, offline) and the real reports (when online).

A fresh offline clone gets the notes, written in the project's own words and naming their sources, so
`briefbot ask` has something to answer from. With a network, `corpus sync` also fetches every report
listed in `knowledge/sources.tsv`, through the same SSRF-safe fetcher as any moderator-added URL; where
a page does not say its title, outlet or date, the catalogued ones from that list are used.

`knowledge/` ships inside the package as ``bot.knowledge`` (bot/resources.py), in a wheel as in a checkout;
a missing folder is an error that says so, never a silent sync of nothing.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from bot.corpus.ingest import CorpusService, ItemSource
from bot.corpus.models import IngestReport, KnownFacts
from bot.corpus.page import PLACEHOLDER_TITLE
from bot.errors import ConfigError
from bot.resources import bundled_dir


def require_knowledge_dir(knowledge_dir: Path | None = None) -> Path:
    """The knowledge folder with its notes and sources list, or a clear error naming what is missing."""
    folder = knowledge_dir or bundled_dir("knowledge")
    if not (folder / "notes").is_dir() or not (folder / "sources.tsv").is_file():
        raise ConfigError(
            f"The starter knowledge folder ({folder.name}/ with notes/ and sources.tsv) was not found: "
            "pass --knowledge-dir, or reinstall briefbot (it ships the starter notes)."
        )
    return folder


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat((value or "").strip()[:10])
    except ValueError:
        return None


def starter_sources(knowledge_dir: Path | None = None) -> list[KnownFacts]:
    """Every report listed in `sources.tsv`, with its catalogued facts (a title guessed from the URL and a
    ``null`` date count as unknown)."""
    path = require_knowledge_dir(knowledge_dir) / "sources.tsv"
    out: list[KnownFacts] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            url = (row.get("url") or "").strip()
            if not url:
                continue
            title = (row.get("title") or "").strip()
            out.append(KnownFacts(
                url=url,
                outlet=(row.get("outlet") or "").strip() or None,
                title=title if title and not title.startswith(PLACEHOLDER_TITLE) else None,  # a guess is no title
                published=_date(row.get("published")),
            ))
    return out


def known_facts(url: str, knowledge_dir: Path | None = None) -> KnownFacts | None:
    """The starter list's facts for ``url``, if it lists it (and the folder is there at all)."""
    try:
        listed = starter_sources(knowledge_dir)
    except ConfigError:
        return None
    return next((facts for facts in listed if facts.url == url), None)


def sync_starter(
    corpus: CorpusService,
    actor: str,
    origin: str,
    online: bool = True,
    limit: int | None = None,
    knowledge_dir: Path | None = None,
    progress_factory: Callable[[int, str], Any] | None = None,
) -> IngestReport:
    """Add the bundled notes, then (online) the listed reports; idempotent like every other add."""
    from bot.corpus import sources

    folder = require_knowledge_dir(knowledge_dir)
    notes = sorted((folder / "notes").glob("*.md"))
    items = [ItemSource(p.name, partial(sources.read_file, p, corpus.settings.max_article_bytes)) for p in notes]
    if online:
        fetcher = corpus.fetcher
        listed = starter_sources(folder)[:limit]
        items += [ItemSource(f.url, partial(sources.read_url, f.url, fetcher, known=f)) for f in listed]
    if progress_factory is None:
        return corpus.add_items(items, actor, origin)
    with progress_factory(len(items), "syncing") as bar:
        return corpus.add_items(items, actor, origin, progress=bar.update)
