"""The starter corpus in `knowledge/`: bundled notes (always, offline) and the real reports (when online).

A fresh offline clone gets the notes, written in the project's own words and naming their sources, so
`briefbot ask` has something to answer from. With a network, `corpus sync` also fetches every report
listed in `knowledge/sources.tsv`, through the same SSRF-safe fetcher as any moderator-added URL.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from bot.corpus.ingest import CorpusService, ItemSource
from bot.corpus.models import IngestReport

KNOWLEDGE_DIR = Path(__file__).resolve().parents[2] / "knowledge"


def starter_urls(knowledge_dir: Path = KNOWLEDGE_DIR) -> list[str]:
    path = knowledge_dir / "sources.tsv"
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return [row["url"] for row in csv.DictReader(handle, delimiter="\t") if row.get("url")]


def sync_starter(
    corpus: CorpusService,
    actor: str,
    origin: str,
    online: bool = True,
    limit: int | None = None,
    knowledge_dir: Path = KNOWLEDGE_DIR,
    progress_factory: Callable[[int, str], Any] | None = None,
) -> IngestReport:
    """Add the bundled notes, then (online) the listed reports; idempotent like every other add."""
    from bot.corpus import sources
    from bot.corpus.fetch import Fetcher

    notes = sorted((knowledge_dir / "notes").glob("*.md"))
    items = [ItemSource(p.name, partial(sources.read_file, p)) for p in notes]
    if online:
        fetcher = Fetcher(corpus.settings)
        urls = starter_urls(knowledge_dir)[:limit]
        items += [ItemSource(u, partial(sources.read_url, u, fetcher)) for u in urls]
    if progress_factory is None:
        return corpus.add_items(items, actor, origin)
    with progress_factory(len(items), "syncing") as bar:
        return corpus.add_items(items, actor, origin, progress=bar.update)
