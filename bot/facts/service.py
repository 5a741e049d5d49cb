"""The one entry point surfaces call for facts: the timeline and the disagreements."""

from __future__ import annotations

from datetime import date

from bot.corpus.catalog import Catalog
from bot.facts.disagree import Disagreement, disagreements_for
from bot.facts.timeline import Timeline, build_timeline, render_markdown, render_png


class FactsService:
    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog

    def timeline(self, since: date | None = None) -> Timeline:
        return build_timeline(self.catalog, since)

    def timeline_markdown(self, since: date | None = None) -> str:
        return render_markdown(self.timeline(since))

    def timeline_png(self, timeline: Timeline) -> bytes:
        return render_png(timeline)

    def disagreements(self, article_ids: list[int] | None = None) -> list[Disagreement]:
        with self.catalog.transaction() as db:
            return disagreements_for(db, article_ids)
