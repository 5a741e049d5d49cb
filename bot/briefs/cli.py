"""``briefbot brief``: a brief in the terminal, as text, Markdown (for e-mail) or JSON (like ``ask --json``)."""

from __future__ import annotations

import argparse
import json
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.answers.model import Answer
from bot.answers.text import SECTIONS, marks
from bot.briefs.compose import Brief, compose_brief, format_moment
from bot.errors import InvalidInputError
from bot.safety import clean_data, for_terminal, link_or_none, markdown_text, unescape_markdown
from bot.settings import Settings


def parse_since(text: str | None, now: datetime) -> datetime:
    """An ISO date or date-time (UTC when no zone is given), or a relative ``24h`` / ``3d``."""
    if not text:
        return now - timedelta(hours=24)
    cleaned = text.strip()
    if cleaned[:-1].isdigit() and cleaned[-1:] in ("h", "d"):
        amount = int(cleaned[:-1])
        return now - (timedelta(hours=amount) if cleaned.endswith("h") else timedelta(days=amount))
    try:
        moment = datetime.fromisoformat(cleaned.replace("Z", "+00:00"))
    except ValueError:
        raise InvalidInputError(f"'{cleaned}' is not a date-time; use e.g. 2026-06-12T14:00 or 24h.") from None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _statement_lines(answer: Answer, labels: tuple[str, ...]) -> list[str]:
    lines = []
    for s in answer.statements:
        if s.label not in labels:
            continue
        who = f"{markdown_text(s.attributed_to)}: " if s.label == "claim" and s.attributed_to else ""
        tag = f" _({s.label})_" if len(labels) > 1 else ""
        lines.append(f"- {who}{markdown_text(s.text)} {marks(s.citations)}{tag}")
    return lines


def to_markdown(brief: Brief) -> str:
    """Headline, Reported facts, Claims, Speculation & opinion, Sources disagree, Sources with links."""
    answer = brief.answer
    out = [f"# {markdown_text(brief.headline)}", ""]
    if brief.empty:
        out.append(f"Nothing new since {format_moment(brief.since)}.")
        return "\n".join(out) + "\n"
    for title, labels in SECTIONS:
        lines = _statement_lines(answer, labels)
        if lines:
            out += [f"## {title}", "", *lines, ""]
    if answer.conflicts:
        out += ["## Sources disagree", ""]
        out += [f"- {markdown_text(c.summary)} {''.join(f'[{n}]' for n in c.citations)}" for c in answer.conflicts]
        out.append("")
    out += ["## Sources", ""]
    for src in answer.sources:
        title = markdown_text(src.title)
        url = link_or_none(src.url)
        linked = f"[{title}]({url})" if url else title
        out.append(f"{src.n}. {markdown_text(src.outlet or 'unknown outlet')}, {(src.published or 'undated')[:10]}"
                   f" — {linked}")
    cited = {s.article_id for s in answer.sources}
    others = [a for a in brief.articles if a.id not in cited]
    if others:
        out += ["", "Also new:", ""]
        for a in others:
            url = link_or_none(a.url)
            title = markdown_text(a.title)
            out.append(f"- {markdown_text(a.outlet or 'unknown outlet')} — " + (f"[{title}]({url})" if url else title))
    return "\n".join(out) + "\n"


def to_text(brief: Brief) -> str:
    """Plain terminal output: the Markdown without the markup characters that matter most."""
    return unescape_markdown(to_markdown(brief).replace("# ", "").replace("## ", ""))


def to_json(brief: Brief) -> dict[str, Any]:
    return brief.to_json()


def cmd_brief(args: argparse.Namespace, settings: Settings) -> int:
    from bot.corpus.catalog import Catalog, utcnow

    now = utcnow()
    since = parse_since(getattr(args, "since", None), now)
    catalog = Catalog(settings.catalog_path)
    try:
        brief = compose_brief(catalog, since, now)
    finally:
        catalog.close()
    if getattr(args, "json", False):
        print(json.dumps(clean_data(to_json(brief)), ensure_ascii=False))
    elif getattr(args, "markdown", False):
        print(for_terminal(to_markdown(brief)), end="")
    else:
        print(for_terminal(to_text(brief)), end="")
    return 0


def register(subparsers: Any) -> None:
    """Add ``brief`` to the ``briefbot`` sub-commands."""
    parser = subparsers.add_parser("brief", help="what is new in the corpus (default: the last 24 hours)")
    parser.add_argument("--since", metavar="DATETIME", help="ISO date-time (UTC unless a zone is given) or 24h/3d")
    fmt = parser.add_mutually_exclusive_group()
    fmt.add_argument("--markdown", action="store_true", help="Markdown, for forwarding by e-mail")
    fmt.add_argument("--json", action="store_true", help="the same shape as `ask --json`, plus article_ids")
    parser.set_defaults(handler=cmd_brief)
