"""`briefbot timeline`: the story's dated events in order, as text, Markdown, JSON or a PNG chart."""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path
from typing import Any

from bot.errors import InvalidInputError
from bot.safety import clean_data, for_terminal
from bot.settings import Settings


def parse_day(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInputError(f"--since takes a day as YYYY-MM-DD (got {text!r}).") from None


def cmd_timeline(args: argparse.Namespace, settings: Settings) -> int:
    from bot.corpus.catalog import Catalog
    from bot.facts.service import FactsService

    since = parse_day(args.since)
    catalog = Catalog(settings.catalog_path)
    try:
        service = FactsService(catalog)
        timeline = service.timeline(since)
        if args.png:
            args.png.write_bytes(service.timeline_png(timeline))
            print(f"{len(timeline.events)} events drawn to {args.png}")
        elif args.json:  # article text is untrusted: control characters out, as every command prints it
            print(json.dumps(clean_data(timeline.to_json()), ensure_ascii=False))
        else:
            from bot.facts.timeline import render_markdown

            print(for_terminal(render_markdown(timeline)), end="")
    finally:
        catalog.close()
    return 0


def register(subparsers: Any) -> None:
    """Add ``timeline`` to the ``briefbot`` sub-commands."""
    parser = subparsers.add_parser("timeline", help="the story's dated events in order, each cited")
    parser.add_argument("--since", metavar="DATE", help="only events on or after this day (YYYY-MM-DD)")
    fmt = parser.add_mutually_exclusive_group()
    fmt.add_argument("--markdown", action="store_true", help="Markdown (the default)")
    fmt.add_argument("--json", action="store_true", help='{"events": [{"date", "text", "citations", ...}]}')
    fmt.add_argument("--png", type=Path, metavar="FILE", help="draw the timeline as a PNG chart into FILE")
    parser.set_defaults(handler=cmd_timeline)
