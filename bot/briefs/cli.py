"""``briefbot brief``: a brief in the terminal, as text, Markdown (for e-mail) or JSON (like ``ask --json``)."""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from bot.answers.model import LABELS, Answer, Statement
from bot.answers.text import SECTIONS, marks
from bot.briefs.compose import Brief, format_moment
from bot.briefs.window import parse_moment
from bot.corpus.models import Article
from bot.errors import InvalidInputError
from bot.nlp.display import undo_mojibake
from bot.safety import clean_data, for_terminal, link_or_none, markdown_text, unescape_markdown
from bot.settings import Settings

MAX_LISTED = 25  # links listed under "Also new" and "Added late", then "… and N more"


def _statement_lines(answer: Answer, statements: Sequence[Statement], labels: tuple[str, ...]) -> list[str]:
    lines = []
    for s in statements:
        if s.label not in labels:
            continue
        who = f"{markdown_text(s.speaker)}: " if s.speaker else ""
        tag = f" _({s.label})_" if len(labels) > 1 else ""
        count = answer.outlets(s)
        outlets = f" · {count} outlets" if count > 1 else ""
        lines.append(f"- {who}{markdown_text(s.text)} {marks(s.citations)}{tag}{outlets}")
    return lines


def to_markdown(brief: Brief) -> str:
    """Headline, Reported facts, Claims, Speculation & opinion, Sources disagree, Sources with links."""
    answer = brief.answer
    out = [f"# {markdown_text(brief.headline)}", ""]
    if brief.empty:
        out += [f"Nothing new since {format_moment(brief.since)}.", ""]
        out += _added_late_lines(brief)
        return "\n".join(out).rstrip("\n") + "\n"
    lead, rest = answer.statements[: brief.developments], answer.statements[brief.developments :]
    if lead:
        out += ["## What changed", "", *_statement_lines(answer, lead, LABELS), ""]
    for title, labels in SECTIONS:
        lines = _statement_lines(answer, rest, labels)
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
        for a in others[:MAX_LISTED]:
            out.append(_article_line(a, brief.news_dates.get(a.id, "undated")))
        if len(others) > MAX_LISTED:
            out.append(f"- … and {len(others) - MAX_LISTED} more")
    out += ["", *_added_late_lines(brief)]
    return "\n".join(out).rstrip("\n") + "\n"


def _article_line(article: Article, when: str) -> str:
    url = link_or_none(article.url)
    title = markdown_text(undo_mojibake(article.title))
    linked = f"[{title}]({url})" if url else title
    return f"- {markdown_text(article.outlet or 'unknown outlet')}, {when} — {linked}"


def _added_late_lines(brief: Brief) -> list[str]:
    """Older articles that reached the corpus during the window: listed with their date, not as news."""
    if not brief.added_late:
        return []
    lines = ["Added late (published before this window):", ""]
    for d in brief.added_late[:MAX_LISTED]:
        lines.append(_article_line(d.article, d.shown_date))
    if len(brief.added_late) > MAX_LISTED:
        lines.append(f"- … and {len(brief.added_late) - MAX_LISTED} more")
    return lines


def to_text(brief: Brief) -> str:
    """Plain terminal output: the Markdown without the markup characters that matter most."""
    return unescape_markdown(_HEADING_MARK.sub("", to_markdown(brief)))


_HEADING_MARK = re.compile(r"^#{1,6} ", re.MULTILINE)  # a heading's marks, not a "#" inside a line ("C# code")


def to_json(brief: Brief) -> dict[str, Any]:
    return brief.to_json()


def cmd_brief(args: argparse.Namespace, settings: Settings) -> int:
    """Composed by the brief service over the corpus service, like the bot's briefs (a surface never
    opens the catalog itself)."""
    from bot.briefs.service import BriefService
    from bot.corpus.catalog import utcnow
    from bot.corpus.ingest import CorpusService

    now = utcnow()
    since = parse_moment(getattr(args, "since", None), now, default=timedelta(hours=24))
    until = parse_moment(getattr(args, "until", None), now, end_of_day=True)
    if until <= since:
        raise InvalidInputError("--until must be later than --since.")
    corpus = CorpusService.open(settings, fetcher=getattr(args, "fetcher", None))
    try:
        briefs = BriefService(settings, corpus)
        try:
            brief = briefs.compose(since, until)
        finally:
            briefs.store.close()  # never started: nothing else to stop
    finally:
        corpus.close()
    if getattr(args, "json", False):
        print(json.dumps(clean_data(to_json(brief)), ensure_ascii=False))
    elif getattr(args, "markdown", False):
        print(for_terminal(to_markdown(brief)), end="")
    else:
        print(for_terminal(to_text(brief)), end="")
    return 0


def register(subparsers: Any) -> None:
    """Add ``brief`` to the ``briefbot`` sub-commands."""
    parser = subparsers.add_parser("brief", help="what changed in the news (default: the last 24 hours)")
    parser.add_argument("--since", metavar="WHEN",
                        help="start of the window: a date (2026-06-28), date-time (UTC unless a zone is given) "
                             "or a duration back from now (24h, 7d)")
    parser.add_argument("--until", metavar="WHEN", help="end of the window, same forms (default: now; a date "
                                                        "means the end of that day)")
    fmt = parser.add_mutually_exclusive_group()
    fmt.add_argument("--markdown", action="store_true", help="Markdown, for forwarding by e-mail")
    fmt.add_argument("--json", action="store_true", help="the same shape as `ask --json`, plus article_ids")
    parser.set_defaults(handler=cmd_brief)
