"""The story's dated events in order, from the fact groups: what happened when, each cited.

One entry per group of dated facts (an event of the story, not a report's date or a deadline) that at
least ``MIN_OUTLETS`` outlets state. Its date is the value most outlets give; the others, if any, are
its disagreement. Its text is the event's name in our words, followed by the clearest sentence that
states it (a reported fact, the shortest); its sources are the articles behind the date. Surfaces
render the same :class:`Timeline` as Markdown, JSON or a PNG chart.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

from bot.corpus.page import display_title
from bot.facts.disagree import Disagreement, disagreements, groups, sides_of
from bot.facts.lookup import clarity
from bot.facts.read import BY_KEY, ESTIMATE_MARK, LETTERS, NOT_STORY_EVENTS, author_of, model_most_named
from bot.facts.store import FactRow, fact_vectors
from bot.nlp.display import display_text
from bot.safety import link_or_none, markdown_text

MIN_OUTLETS = 2
MAX_SOURCES = 5
TITLES = {
    "executive_order": "The White House signs an AI executive order",
    "launch": "Anthropic launches the models",
    "order": "A government export-control order takes the models offline",
    "lawsuit": "A lawsuit is filed against the order",
    "letter": "A letter is sent about the order",
    "partial_lifting": "The controls are partly eased",
    "full_lifting": "The export controls are lifted",
    "return": "The models come back online",
}
OTHER_TITLES = {
    "executive_order": "Another executive order",
    "launch": "Another model is launched",
    "order": "Another government order",
    "lawsuit": "Another lawsuit is filed",
    "letter": "Another letter is sent",
    "partial_lifting": "Controls are partly eased again",
    "full_lifting": "Other controls are lifted",
    "return": "Another return",
}


@dataclass(frozen=True)
class TimelineSource:
    n: int
    article_id: int
    title: str
    outlet: str | None
    url: str | None
    quote: str
    sentence: int = 0  # the quoted sentence's index in its article


@dataclass
class TimelineEvent:
    date: date
    event: str
    text: str
    quote: str
    outlets: int
    sources: list[TimelineSource] = field(default_factory=list)
    disagreement: Disagreement | None = None
    primary: bool = True  # the event's largest group: the story's own happening, not another of its kind

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "event": self.event,
            "text": self.text,
            "quote": self.quote,
            "citations": [s.n for s in self.sources],
            "sources": [{"n": s.n, "article_id": s.article_id, "title": s.title, "outlet": s.outlet, "url": s.url,
                         "quote": s.quote} for s in self.sources],
            "outlets": self.outlets,
            "disagreement": None if self.disagreement is None else self.disagreement.to_json(),
        }


@dataclass
class Timeline:
    events: list[TimelineEvent]
    since: date | None = None

    def to_json(self) -> dict[str, Any]:
        return {"events": [e.to_json() for e in self.events]}


def _representative(facts: Sequence[FactRow], bodies: dict[int, str],
                    vectors: Mapping[tuple[int, int], Any] | None = None) -> FactRow:
    """The clearest sentence of a side: of the reported facts that read as prose, the one closest in meaning to
    what all of the side's sentences say (their mean vector), the statement most of its sources would
    recognise; the shortest ("an order issued on June 12 moved the question") is often the vaguest. The
    shortest only when some sentence has no vector."""
    rated = [(clarity(f, bodies), f) for f in facts]
    clearest = min(rating[:2] for rating, _ in rated)
    eligible = [(rating, f) for rating, f in rated if rating[:2] == clearest]
    if vectors is None or any((f.article_id, f.idx) not in vectors for f in facts):
        return min(eligible, key=lambda pair: pair[0])[1]
    centre = np.mean([vectors[(f.article_id, f.idx)] for f in facts], axis=0)
    return max(eligible, key=lambda pair: (float(vectors[(pair[1].article_id, pair[1].idx)] @ centre),
                                           -pair[0][2]))[1]


def build_timeline(catalog: Any, since: date | None = None, min_outlets: int = MIN_OUTLETS) -> Timeline:
    """The timeline from the catalog's fact groups (``catalog`` is a :class:`bot.corpus.catalog.Catalog`)."""
    with catalog.transaction() as db:
        by_group = groups(db)
        disputes = disagreements(db)
        vectors = fact_vectors(db, by_group)
    entries: list[tuple[date, int, str, list[FactRow], Disagreement | None]] = []
    order = {key: i for i, key in enumerate(BY_KEY)}
    years = Counter(f.published[:4] for facts in by_group.values() for f in facts if f.published)
    default_year = int(years.most_common(1)[0][0]) if years else date.today().year
    for key, facts in by_group.items():
        event = facts[0].event
        if event in NOT_STORY_EVENTS or not BY_KEY[event].dated or facts[0].kind != "date":
            continue
        sides = sides_of(facts)
        main = sides[0]
        if len({f.outlet.lower() for f in facts}) < min_outlets:
            continue
        own_years = Counter(f.published[:4] for f in main.facts if f.published)
        year = int(own_years.most_common(1)[0][0]) if own_years else default_year
        month, day = (int(x) for x in main.value.removeprefix(ESTIMATE_MARK).split("-"))  # "~06-13": around
        when = date(year, month, day)
        if since is not None and when < since:
            continue
        disagreement = next((d for d in disputes if d.group == key), None)
        entries.append((when, order[event], key, main.facts, disagreement))
    entries.sort(key=lambda e: (e[0], e[1], e[2]))
    sizes = Counter({key: len(facts) for key, facts in by_group.items()})
    primary: dict[str, str] = {}  # each event's largest group is the story's; the others are another of its kind
    for key, _size in sizes.most_common():
        primary.setdefault(by_group[key][0].event, key)
    bodies = catalog.bodies({f.article_id for e in entries for f in e[3]})
    articles = catalog.get_many({f.article_id for e in entries for f in e[3]})
    events: list[TimelineEvent] = []
    for when, _, key, facts, disagreement in entries:
        best = _representative(facts, bodies, vectors)
        titles = TITLES if primary.get(best.event) == key else OTHER_TITLES
        if best.event == "letter" and (author := author_of(facts)) in LETTERS:
            titles = {"letter": LETTERS[author][1]}  # which letter: the experts' or the lawmakers'
        if best.event == "launch" and titles is OTHER_TITLES and (
                model := model_most_named(bodies[f.article_id][f.start : f.end] for f in facts)):
            titles = {"launch": f"{model} is launched"}  # another model's launch, named

        outlets: dict[str, FactRow] = {}
        for f in [best, *facts]:
            outlets.setdefault(f.outlet.lower(), f)
        sources = []
        for n, f in enumerate(list(outlets.values())[:MAX_SOURCES], 1):
            article = articles[f.article_id]
            sources.append(TimelineSource(n, article.id, display_title(article.title, bodies[f.article_id]),
                                          article.outlet, article.url,
                                          display_text(bodies[f.article_id][f.start : f.end]), f.sentence))
        events.append(TimelineEvent(when, best.event, titles.get(best.event, BY_KEY[best.event].reader),
                                    display_text(bodies[best.article_id][best.start : best.end]), len(outlets), sources,
                                    disagreement, primary.get(best.event) == key))
    return Timeline(events, since)


def render_markdown(timeline: Timeline) -> str:
    if not timeline.events:
        return "No dated events in the corpus yet" + (f" since {timeline.since:%B %-d}." if timeline.since else ".")
    lines = ["# What happened when", ""]
    for e in timeline.events:
        cites = "".join(f"[{s.n}]" for s in e.sources)
        lines.append(f"- **{e.date:%Y-%m-%d}** {e.text} {cites} · {e.outlets} outlet{'' if e.outlets == 1 else 's'}")
        lines.append(f"  > {markdown_text(e.quote)}")  # article text is untrusted: inert in Markdown
        if e.disagreement is not None:
            lines.append(f"  - Sources disagree on {e.disagreement.summary}")
        for s in e.sources:
            where = f" — {markdown_text(s.outlet)}" if s.outlet else ""
            url = link_or_none(s.url)
            link = f" <{url}>" if url else ""
            lines.append(f"  {s.n}. {markdown_text(s.title)}{where}{link}")
    return "\n".join(lines) + "\n"


def render_png(timeline: Timeline) -> bytes:
    """A chart of the events on a date axis: dot size is the number of outlets, red where sources
    disagree about the date. Uses matplotlib's Agg backend (no display needed)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.dates import DateFormatter, date2num
    from matplotlib.figure import Figure

    events = timeline.events
    figure = Figure(figsize=(10, max(3.0, 0.55 * len(events) + 1.5)), dpi=110)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot(1, 1, 1)
    if not events:
        axes.text(0.5, 0.5, "No dated events yet", ha="center", va="center")
        axes.set_axis_off()
    else:
        ys = list(range(len(events)))[::-1]
        dates = [float(date2num(e.date)) for e in events]  # type: ignore[no-untyped-call]
        axes.hlines(ys, min(dates), dates, color="#cccccc", linewidth=1)
        axes.scatter(dates, ys, s=[40 + min(25 * e.outlets, 600) for e in events],
                     c=["#c0392b" if e.disagreement else "#2c7fb8" for e in events], zorder=3)
        for y, x, e in zip(ys, dates, events, strict=True):
            axes.annotate(f"{e.date:%b %-d} · {e.text} ({e.outlets})", (x, y), xytext=(10, 0),
                          textcoords="offset points", va="center", fontsize=8)
        axes.set_yticks([])
        axes.xaxis.set_major_formatter(DateFormatter("%b %d"))  # type: ignore[no-untyped-call]
        axes.set_title("What happened when (dot size: outlets; red: sources disagree on the date)", fontsize=9)
        axes.margins(x=0.6)
        for side in ("left", "right", "top"):
            axes.spines[side].set_visible(False)
    figure.tight_layout()
    out = io.BytesIO()
    figure.savefig(out, format="png")
    return out.getvalue()
