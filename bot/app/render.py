"""Answers and briefs → Discord messages, as pure functions (no network, no client), so limits can be tested hard.

Discord rejects a whole message when any one limit is exceeded, so everything here is built from small
atomic *blocks* (one statement with its citation markers and label cue, one source line, one quote) that
are packed into embeds and embeds into messages. A block is never split, so a citation marker or a
statement is never broken; only a single over-long statement is shortened (at a word boundary, with "…")
and it keeps its markers. All user- or corpus-supplied text passes through :func:`escape_text`, which
escapes markdown and neutralises mentions (a zero-width space after the ``@``) because embeds display
mentions even when ``allowed_mentions`` stops the ping. A brief (:func:`render_brief`) is an answer's
blocks plus a list of its new articles, split over as many messages as it needs.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import discord

from bot.answers.model import Answer, Source, Statement, count_outlets
from bot.briefs.compose import Brief, format_moment
from bot.corpus.models import Article, AuditEntry, Feed, IngestReport
from bot.safety import strip_controls

# Discord limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits).
MAX_CONTENT = 2000
MAX_EMBED_TITLE = 256
MAX_EMBED_DESCRIPTION = 4096
MAX_FIELD_NAME = 256
MAX_FIELD_VALUE = 1024
MAX_FIELDS = 25
MAX_FOOTER = 2048
MAX_AUTHOR = 256
MAX_EMBED_TOTAL = 6000
MAX_EMBEDS = 10
MAX_THREAD_NAME = 100
MAX_BUTTON_LABEL = 80

# Our own budgets, chosen below the limits so two full section embeds fit in one message.
DESCRIPTION_BUDGET = 2900
MAX_STATEMENT_CHARS = 1500
# a message of several questions opens with each part's answer: at most this many, each shortened to fit
MAX_LEADS = 4
MIN_LEAD_CHARS = 300
MAX_QUOTE_CHUNK = 2600
MIN_QUOTE_PIECE = 500  # a source line is at most ~1,200 characters, so a piece always has this much room
MAX_SOURCE_TITLE = 200
MAX_URL = 512
SOURCES_PER_PAGE = 10

ZWSP = "\u200b"
ELLIPSIS = "…"

COLOUR_HEADER = discord.Colour(0x5865F2)
COLOUR_FACTS = discord.Colour(0x2ECC71)
COLOUR_CLAIMS = discord.Colour(0x3498DB)
COLOUR_SPECULATION = discord.Colour(0xE67E22)
COLOUR_CONFLICTS = discord.Colour(0xE74C3C)
COLOUR_SOURCES = discord.Colour(0x95A5A6)

FOOTER = "Labels come from cue words and corroboration, not judgement: check the sources."

_MARKDOWN = re.compile(r"([\\*_~|`\[\]>])")
_MENTION = re.compile(r"<(@[!&]?|#)(?=\d)|@(?=everyone|here)", re.IGNORECASE)
MARKER = re.compile(r"(?<!\\)\[(\d+)\]")
_QUOTED_MARKER = re.compile(r"\\?\[\d+\\?\]")  # a marker in escaped text: \[12\]
PING = re.compile(r"@everyone|@here|<@[!&]?\d+>|<#\d+>", re.IGNORECASE)
_SURROGATE = re.compile("[\ud800-\udfff]")  # a lone surrogate cannot be encoded: the whole message would fail


@dataclass
class RenderedMessage:
    """One Discord message: optional plain content and up to ten embeds."""

    content: str | None = None
    embeds: list[discord.Embed] = field(default_factory=list)


@dataclass
class Section:
    """A titled run of blocks that becomes one or more embeds of one colour."""

    title: str
    colour: discord.Colour
    blocks: list[str]


# text helpers -----------------------------------------------------------------------------------

def neutralise_mentions(text: str) -> str:
    """Make ``@everyone``, ``@here``, ``<@id>``, ``<@&id>`` and ``<#id>`` display but never resolve."""
    return _MENTION.sub(lambda m: m.group(0) + ZWSP, text)


def escape_text(text: str) -> str:
    """Markdown-escape and mention-neutralise one piece of untrusted text, collapsing whitespace.

    Lone surrogates become U+FFFD: they cannot be sent as UTF-8, so one would fail the whole message.
    """
    text = strip_controls(_SURROGATE.sub("\ufffd", text))  # escape sequences, bidi overrides
    return neutralise_mentions(_MARKDOWN.sub(r"\\\1", " ".join(text.split())))


def unescape(text: str) -> str:
    """Inverse of the markdown part of :func:`escape_text` (for tests and plain-text surfaces)."""
    return re.sub(r"\\([\\*_~|`\[\]>])", r"\1", text).replace(ZWSP, "")


def truncate(text: str, limit: int) -> str:
    """Shorten to at most ``limit`` characters at a word boundary, ending with "…" when cut."""
    if len(text) <= limit:
        return text
    if limit <= 1:
        return ELLIPSIS[:limit]
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit // 2:
        cut = cut[:space]
    cut = cut.rstrip()
    if (len(cut) - len(cut.rstrip("\\"))) % 2:  # never leave a dangling escape before "…"
        cut = cut[:-1]
    return cut + ELLIPSIS


def markers(citations: Iterable[int], valid: set[int]) -> str:
    """``[1][3]`` for the citations that resolve to a listed source, in order, without repeats."""
    seen: list[int] = []
    for n in citations:
        if n in valid and n not in seen:
            seen.append(n)
    return "".join(f"[{n}]" for n in seen)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def cue_text(statement: Statement, sources: dict[int, Source]) -> str:
    """The label and why, compactly: ``fact · corroborated by 3 outlets``, ``speculation · cue: "may"``."""
    if statement.label == "fact":
        count = count_outlets(statement.citations, sources)
        if count >= 2:
            return f"fact · corroborated by {count} outlets"
        return "fact · 1 outlet"
    cues = [c for c in statement.cues if c.strip()][:2]
    if not cues:
        return statement.label
    shown = ", ".join(f'"{escape_text(truncate(c, 40))}"' for c in cues)
    return f"{statement.label} · cue: {shown}"


def statement_block(statement: Statement, sources: dict[int, Source]) -> str:
    """One statement as an atomic block: bullet, (attribution,) text, markers, cue line."""
    marks = markers(statement.citations, set(sources))
    prefix = ""
    if statement.label == "claim" and (statement.speaker or not statement.attributed_to):
        speaker = statement.speaker
        if not speaker:
            cited = [sources[n] for n in statement.citations if n in sources]
            speaker = f"According to {cited[0].outlet}" if cited and cited[0].outlet else "Someone"
            prefix = f"**{escape_text(truncate(speaker, 100))}:** "
        else:
            prefix = f"**{escape_text(truncate(speaker, 100))} says:** "
    text = escape_text(statement.text)
    text = truncate(text, MAX_STATEMENT_CHARS)
    return f"• {prefix}{text} {marks}\n  ↳ {cue_text(statement, sources)}".replace(" \n", "\n")


def _date(value: str | None) -> str:
    return value[:10] if value else "undated"


def safe_url(url: str | None) -> str | None:
    """An http(s) URL usable inside a masked link, or None (too long, other scheme, whitespace)."""
    if (not url or len(url) > MAX_URL or not re.match(r"https?://[^\s]+$", url, re.IGNORECASE)
            or _SURROGATE.search(url)):
        return None
    return url.replace("(", "%28").replace(")", "%29").replace("<", "%3C").replace(">", "%3E")


def source_block(source: Source) -> str:
    """``**[n]** outlet, date — [title](url)``."""
    title = escape_text(truncate(" ".join(source.title.split()) or "untitled", MAX_SOURCE_TITLE))
    outlet = escape_text(truncate(source.outlet or "unknown outlet", 80))
    url = safe_url(source.url)
    linked = f"[{title}]({url})" if url else title
    return f"**[{source.n}]** {outlet}, {_date(source.published)} — {linked}"


# packing ----------------------------------------------------------------------------------------

def _fit_block(block: str, budget: int) -> str:
    return block if len(block) <= budget else truncate(block, budget)


def section_embeds(section: Section, budget: int = DESCRIPTION_BUDGET) -> list[discord.Embed]:
    """Pack a section's blocks into embeds, breaking only between blocks."""
    embeds: list[discord.Embed] = []
    current: list[str] = []
    size = 0

    def flush() -> None:
        title = section.title if not embeds else f"{section.title} (cont.)"
        embeds.append(
            discord.Embed(title=truncate(title, MAX_EMBED_TITLE), description="\n".join(current),
                          colour=section.colour)
        )

    for raw in section.blocks:
        block = _fit_block(raw, budget)
        extra = len(block) + (1 if current else 0)
        if current and size + extra > budget:
            flush()
            current, size = [], 0
            extra = len(block)
        current.append(block)
        size += extra
    if current:
        flush()
    return embeds


def pack_messages(embeds: Sequence[discord.Embed]) -> list[RenderedMessage]:
    """Greedily put embeds into messages of at most 10 embeds and 6,000 characters."""
    messages: list[RenderedMessage] = []
    current: list[discord.Embed] = []
    total = 0
    for embed in embeds:
        size = len(embed)
        if current and (len(current) >= MAX_EMBEDS or total + size > MAX_EMBED_TOTAL):
            messages.append(RenderedMessage(embeds=current))
            current, total = [], 0
        current.append(embed)
        total += size
    if current:
        messages.append(RenderedMessage(embeds=current))
    return messages


# answers ----------------------------------------------------------------------------------------

def answer_sections(answer: Answer) -> list[Section]:
    """The answer's sections in reading order; empty sections are left out."""
    sources = {s.n: s for s in answer.sources}
    facts = [statement_block(s, sources) for s in answer.statements if s.label == "fact"]
    claims = [statement_block(s, sources) for s in answer.statements if s.label == "claim"]
    views = [statement_block(s, sources) for s in answer.statements if s.label in ("speculation", "opinion")]
    conflicts = [
        f"⚠️ {truncate(escape_text(c.summary), MAX_STATEMENT_CHARS)} "
        f"{markers(c.citations, set(sources))}".rstrip()
        for c in answer.conflicts
    ]
    sections = [
        Section("Reported facts", COLOUR_FACTS, facts),
        Section("Claims", COLOUR_CLAIMS, claims),
        Section("Speculation & opinion", COLOUR_SPECULATION, views),
        Section("Sources disagree", COLOUR_CONFLICTS, conflicts),
        Section("Sources", COLOUR_SOURCES, [source_block(s) for s in answer.sources]),
    ]
    return [s for s in sections if s.blocks]


def header_embed(answer: Answer) -> discord.Embed:
    """The question, the sentence that best answers it, and a one-line summary of what follows."""
    counts: dict[str, int] = {}
    for statement in answer.statements:
        counts[statement.label] = counts.get(statement.label, 0) + 1
    parts = [_plural(counts[label], label) for label in ("fact", "claim", "speculation", "opinion")
             if counts.get(label)]
    parts.append(_plural(len(answer.sources), "source"))
    if answer.conflicts:
        parts.append(_plural(len(answer.conflicts), "disagreement"))
    leads = answer.leads()[:MAX_LEADS]
    lead = ""
    listed = {s.n for s in answer.sources}
    room = max(MIN_LEAD_CHARS, MAX_STATEMENT_CHARS // max(len(leads), 1))  # about one statement's room in all
    for text in leads:  # each part's answer first
        cited = next((s.citations for s in answer.statements if s.text == text), [])
        lead += f"**{truncate(escape_text(text), room)}** {markers(cited, listed)}".rstrip() + "\n"
    lead += "\n" if lead else ""
    note = f"\n{truncate(escape_text(answer.unanswered_note), 800)}" if answer.unanswered_note else ""
    return discord.Embed(
        title=truncate(escape_text(answer.question) or "Your question", MAX_EMBED_TITLE),
        description=lead + " · ".join(parts) + _example(answer) + note,
        colour=COLOUR_HEADER,
    )


def _example(answer: Answer) -> str:
    if not answer.sources:
        return ""
    return f"\nEvery statement cites its sources by number, e.g. [{answer.sources[0].n}]."


def render_answer(answer: Answer) -> list[RenderedMessage]:
    """All messages for one answer (an abstention is a single plain message)."""
    if answer.abstained or not answer.statements:
        return [render_abstain(answer)]
    embeds = [header_embed(answer)]
    for section in answer_sections(answer):
        embeds.extend(section_embeds(section))
    footer = FOOTER + (f" · {answer.elapsed_ms:.0f} ms" if answer.elapsed_ms else "")
    embeds[-1].set_footer(text=truncate(footer, MAX_FOOTER))
    messages = pack_messages(embeds)
    return messages


def render_abstain(answer: Answer) -> RenderedMessage:
    """A refusal is one plain sentence saying what was looked for (no embeds, no buttons)."""
    reason = escape_text(answer.abstain_reason or "I found nothing in the reporting that answers this.")
    return RenderedMessage(content=truncate(reason, MAX_CONTENT))


def _quote_cut(text: str, room: int) -> int:
    """Where to end a piece of at most ``room`` characters of escaped text.

    At the last space in the second half when there is one; otherwise at ``room``, moved back so that no
    escape is separated from its character and no citation marker (``\\[12\\]``) is broken.
    """
    if len(text) <= room:
        return len(text)
    cut = text.rfind(" ", room // 2, room + 1)
    if cut > 0:
        return cut
    cut = room
    for marker in _QUOTED_MARKER.finditer(text, max(0, room - 32), room + 32):
        if marker.start() < cut < marker.end():
            cut = marker.start()
    backslashes = len(text[:cut]) - len(text[:cut].rstrip("\\"))
    if backslashes % 2:
        cut -= 1
    return cut if cut > 0 else room


def render_quotes(answer: Answer) -> list[RenderedMessage]:
    """The exact passage behind every citation, as embed messages; nothing is ever cut off.

    A long passage is split (between words where possible) into as many blocks as needed, each with
    its source line (or "continued") and within the per-embed budget, so no block is ever truncated.
    """
    blocks: list[str] = []
    for source in answer.sources:
        label = source_block(source)
        quote = "\n> ".join(escape_text(q) for q in source.quotes if q.strip()) or "(no passage stored)"
        while quote:
            room = min(MAX_QUOTE_CHUNK, DESCRIPTION_BUDGET - len(label) - len("\n> "))
            cut = _quote_cut(quote, max(room, MIN_QUOTE_PIECE))
            piece, quote = quote[:cut].rstrip(), quote[cut:].lstrip()
            blocks.append(f"{label}\n> {piece}")
            label = f"**[{source.n}]** (continued)"
    if not blocks:
        return [RenderedMessage(content="This answer has no quoted passages.")]
    embeds = section_embeds(Section("Quoted passages", COLOUR_SOURCES, blocks))
    return pack_messages(embeds)


def thread_name(question: str) -> str:
    """A thread title from the question (thread names never ping; still kept tidy)."""
    text = " ".join(_SURROGATE.sub("\ufffd", question).split()) or "Question"
    return truncate(neutralise_mentions(text), MAX_THREAD_NAME)


# sources and curation ---------------------------------------------------------------------------

def article_line(article: Article) -> str:
    title = escape_text(truncate(" ".join(article.title.split()) or "untitled", MAX_SOURCE_TITLE))
    url = safe_url(article.url)
    linked = f"[{title}]({url})" if url else title
    outlet = escape_text(truncate(article.outlet or "unknown outlet", 80))
    published = article.published.isoformat() if article.published else "undated"
    return f"`#{article.id}` {outlet}, {published} — {linked}"


def page_count(total: int, per_page: int = SOURCES_PER_PAGE) -> int:
    return max(1, math.ceil(total / per_page))


def render_sources_page(
    articles: Sequence[Article], page: int, per_page: int = SOURCES_PER_PAGE
) -> discord.Embed:
    """One page (0-based, clamped) of the corpus listing."""
    pages = page_count(len(articles), per_page)
    page = min(max(page, 0), pages - 1)
    chunk = articles[page * per_page : (page + 1) * per_page]
    lines = [article_line(a) for a in chunk] or ["The corpus is empty."]
    embed = discord.Embed(title=f"Corpus: {_plural(len(articles), 'article')}", colour=COLOUR_SOURCES,
                          description=_join_within(lines, MAX_EMBED_DESCRIPTION))
    embed.set_footer(text=f"Page {page + 1} of {pages}")
    return embed


def render_search_results(query: str, articles: Sequence[Article]) -> discord.Embed:
    lines = [article_line(a) for a in articles] or ["No article matches that."]
    return discord.Embed(title=truncate(f"Sources matching “{escape_text(query)}”", MAX_EMBED_TITLE),
                         description=_join_within(lines, MAX_EMBED_DESCRIPTION), colour=COLOUR_SOURCES)


def _join_within(lines: Sequence[str], limit: int) -> str:
    """Join whole lines while they fit, then say how many were left out."""
    out: list[str] = []
    size = 0
    for i, line in enumerate(lines):
        line = truncate(line, limit // 2)
        if size + len(line) + 1 > limit - 40:
            out.append(f"… and {len(lines) - i} more")
            break
        out.append(line)
        size += len(line) + 1
    return "\n".join(out)


def render_ingest_report(report: IngestReport, what: str) -> str:
    """What an add did, in one short message."""
    parts: list[str] = []
    if report.added:
        parts.append("added " + ", ".join(f"#{i}" for i in report.added))
    if report.updated:
        parts.append("updated " + ", ".join(f"#{i}" for i in report.updated))
    if report.unchanged:
        parts.append("already in the corpus: " + ", ".join(f"#{i}" for i in report.unchanged))
    if report.duplicates:
        parts.append("linked as copies: " + ", ".join(f"#{a} (of #{b})" for a, b in report.duplicates))
    for problem in report.problems:
        parts.append(f"not added: {problem.message}")
    summary = "; ".join(parts) or "nothing to add"
    return truncate(f"{escape_text(what)}: {escape_text(summary)}", MAX_CONTENT)


def url_text(url: str) -> str:
    """A stored URL shown in a message: a suppressed-preview link when it is plain http(s), else inert
    text (mentions neutralised, markdown escaped), so a planted ``>@everyone<@123>`` never renders."""
    link = safe_url(url)
    if link is not None and "@" not in link:
        return f"<{link}>"
    return escape_text(truncate(url, 200))


def render_feeds(feeds: Sequence[Feed]) -> str:
    if not feeds:
        return "No feeds yet. Add one with `/corpus feeds add`."
    lines = [f"`#{f.id}` {escape_text(truncate(f.title or 'untitled', 80))} — {url_text(f.url)}" for f in feeds]
    return _join_within(lines, MAX_CONTENT)


def render_audit_log(entries: Sequence[AuditEntry]) -> str:
    if not entries:
        return "The audit log is empty."
    lines = [
        f"`{e.at:%Y-%m-%d %H:%M}` {escape_text(e.actor)} {escape_text(e.action)} {escape_text(e.target)}"
        f" ({escape_text(e.origin)}) {escape_text(truncate(e.detail, 120))}".rstrip()
        for e in entries
    ]
    return _join_within(lines, MAX_CONTENT)


# limit checking ---------------------------------------------------------------------------------

def limit_problems(payload: dict[str, Any]) -> list[str]:
    """Every Discord limit a message payload (as sent on the wire) breaks; empty when it fits."""
    problems: list[str] = []
    content = payload.get("content") or ""
    if len(content) > MAX_CONTENT:
        problems.append(f"content {len(content)} > {MAX_CONTENT}")
    embeds = payload.get("embeds") or []
    if len(embeds) > MAX_EMBEDS:
        problems.append(f"{len(embeds)} embeds > {MAX_EMBEDS}")
    total = 0
    for i, embed in enumerate(embeds):
        title = embed.get("title") or ""
        description = embed.get("description") or ""
        footer = (embed.get("footer") or {}).get("text") or ""
        author = (embed.get("author") or {}).get("name") or ""
        fields = embed.get("fields") or []
        checks = [(title, MAX_EMBED_TITLE, "title"), (description, MAX_EMBED_DESCRIPTION, "description"),
                  (footer, MAX_FOOTER, "footer"), (author, MAX_AUTHOR, "author")]
        for value, limit, name in checks:
            if len(value) > limit:
                problems.append(f"embed {i} {name} {len(value)} > {limit}")
        if len(fields) > MAX_FIELDS:
            problems.append(f"embed {i} has {len(fields)} fields")
        total += len(title) + len(description) + len(footer) + len(author)
        for f in fields:
            if len(f.get("name", "")) > MAX_FIELD_NAME or len(f.get("value", "")) > MAX_FIELD_VALUE:
                problems.append(f"embed {i} field too long")
            total += len(f.get("name", "")) + len(f.get("value", ""))
    if total > MAX_EMBED_TOTAL:
        problems.append(f"embeds total {total} > {MAX_EMBED_TOTAL}")
    return problems


def message_payload(message: RenderedMessage) -> dict[str, Any]:
    """The wire form of a rendered message (for :func:`limit_problems` in tests)."""
    return {"content": message.content, "embeds": [e.to_dict() for e in message.embeds]}


def visible_text(payload: dict[str, Any]) -> str:
    """All text a user would see in a payload, for ping and marker checks."""
    parts = [payload.get("content") or ""]
    for embed in payload.get("embeds") or []:
        parts += [embed.get("title") or "", embed.get("description") or "",
                  (embed.get("footer") or {}).get("text") or "",
                  (embed.get("author") or {}).get("name") or ""]
        for f in embed.get("fields") or []:
            parts += [f.get("name", ""), f.get("value", "")]
    return "\n".join(parts)


# briefs -----------------------------------------------------------------------------------------

MAX_LISTED_ARTICLES = 25  # a busy day's brief lists this many new articles, then "… and N more"


def _pack(embeds: list[discord.Embed], reserve: int) -> list[list[discord.Embed]]:
    """Embeds into messages of at most 10 embeds and 6,000 characters, ``reserve`` left for a footer."""
    messages: list[list[discord.Embed]] = []
    current: list[discord.Embed] = []
    total = 0
    for embed in embeds:
        size = len(embed)
        if current and (len(current) >= MAX_EMBEDS or total + size > MAX_EMBED_TOTAL - reserve):
            messages.append(current)
            current, total = [], 0
        current.append(embed)
        total += size
    if current:
        messages.append(current)
    return messages


def brief_sections(brief: Brief, timezone: str = "UTC") -> list[Section]:
    """The full brief's sections: what changed first, then claims, commentary, disagreements, sources, the
    other new articles and those added late."""
    answer = brief.answer
    sources = {s.n: s for s in answer.sources}
    lead, rest = answer.statements[: brief.developments], answer.statements[brief.developments :]
    sections = [Section("What changed", COLOUR_FACTS, [statement_block(s, sources) for s in lead])]
    rest_answer = Answer(question=answer.question, abstained=False, statements=rest, sources=answer.sources,
                         conflicts=answer.conflicts)
    sections += answer_sections(rest_answer)
    cited = {s.article_id for s in answer.sources}
    others = [a for a in brief.articles if a.id not in cited]
    listed = [article_line(a) for a in others[:MAX_LISTED_ARTICLES]]
    if len(others) > MAX_LISTED_ARTICLES:
        listed.append(f"… and {len(others) - MAX_LISTED_ARTICLES} more.")
    sections.append(Section("Also new", COLOUR_SOURCES, listed))
    late = [f"{article_line(d.article)} (published {d.shown_date})" for d in brief.added_late[:MAX_LISTED_ARTICLES]]
    if len(brief.added_late) > MAX_LISTED_ARTICLES:
        late.append(f"… and {len(brief.added_late) - MAX_LISTED_ARTICLES} more.")
    sections.append(Section("Added late (published before this window)", COLOUR_SOURCES, late))
    return [s for s in sections if s.blocks]


def render_brief(brief: Brief, timezone: str = "UTC", marker: str | None = None) -> list[RenderedMessage]:
    """The full brief as Discord messages within every limit (the summary's thread, ``/brief now``); an
    empty brief is one plain line.

    ``marker`` (``Brief #12 · 1 Dec 09:00 CET``) goes in the footer of every message's last embed, with
    ``2/3`` when there are several, so a retry after a crash can tell which parts were already sent.
    """
    if brief.empty:
        return [_empty_brief(brief, timezone, marker)]
    embeds = [header_embed(brief.answer)]
    for section in brief_sections(brief, timezone):
        embeds.extend(section_embeds(section))
    parts = _pack(embeds, reserve=len(FOOTER) + len(marker or "") + len(" ·  · 99/99"))
    for i, part in enumerate(parts, start=1):
        bits = [FOOTER] if i == len(parts) else []
        bits += [marker] if marker else []
        bits += [f"{i}/{len(parts)}"] if len(parts) > 1 else []
        if bits:
            part[-1].set_footer(text=truncate(" · ".join(bits), MAX_FOOTER))
    return [RenderedMessage(embeds=part) for part in parts]


SUMMARY_STATEMENT_CHARS = 280
SUMMARY_SOURCE_TITLE = 90


def render_brief_summary(brief: Brief, timezone: str = "UTC", marker: str | None = None,
                         full: str = "the full brief is in the thread below.") -> RenderedMessage:
    """The brief readable in a minute: one message (two embeds, within 6,000 characters) with what changed,
    at most three claims and three items of commentary, disagreements and the numbered sources; the full
    version goes in a thread under it."""
    if brief.empty:
        return _empty_brief(brief, timezone, marker)
    answer = brief.answer
    sources = {s.n: s for s in answer.sources}
    lead, rest = answer.statements[: brief.developments], answer.statements[brief.developments :]

    def lines(statements: Sequence[Statement]) -> list[str]:
        return [truncate(statement_block(_shortened(s), sources), SUMMARY_STATEMENT_CHARS + 200) for s in statements]

    parts: list[tuple[str, list[str]]] = [
        ("What changed", lines(lead)),
        ("Claims", lines([s for s in rest if s.label == "claim"])),
        ("Speculation & opinion", lines([s for s in rest if s.label in ("speculation", "opinion")])),
        ("Sources disagree", [f"⚠️ {truncate(escape_text(c.summary), SUMMARY_STATEMENT_CHARS)} "
                              f"{markers(c.citations, set(sources))}".rstrip() for c in answer.conflicts]),
    ]
    body = "\n\n".join(f"**{title}**\n" + "\n".join(items) for title, items in parts if items)
    cited = {s.article_id for s in answer.sources}
    extra = [f"{_plural(len([a for a in brief.articles if a.id not in cited]), 'more new article')}"]
    if brief.added_late:
        extra.append(f"{_plural(len(brief.added_late), 'older article')} added late")
    body += "\n\n" + " · ".join(extra) + f" — {full}"
    header = discord.Embed(title=truncate(escape_text(answer.question), MAX_EMBED_TITLE),
                           description=truncate(body, MAX_EMBED_DESCRIPTION), colour=COLOUR_HEADER)
    footer = " · ".join([FOOTER, *([marker] if marker else [])])
    room = min(MAX_EMBED_TOTAL - len(header) - len(footer) - len("Sources"), MAX_EMBED_DESCRIPTION)
    listed: list[str] = []
    used = 0
    for i, source in enumerate(answer.sources):
        short = replace(source, title=truncate(" ".join(source.title.split()), SUMMARY_SOURCE_TITLE))
        line = source_block(short)
        after = len(answer.sources) - i - 1
        # listed only if the line counting the sources left out would still fit after it
        if used + len(line) + (len(_more_sources(after)) + 1 if after else 0) > room:
            listed.append(_more_sources(len(answer.sources) - i))
            break
        listed.append(line)
        used += len(line) + 1
    sources_embed = discord.Embed(title="Sources", description="\n".join(listed), colour=COLOUR_SOURCES)
    sources_embed.set_footer(text=truncate(footer, MAX_FOOTER))
    return RenderedMessage(embeds=[header, sources_embed])


def _more_sources(count: int) -> str:
    return f"… {count} more in the thread."


def _shortened(statement: Statement) -> Statement:
    return replace(statement, text=truncate(statement.text, SUMMARY_STATEMENT_CHARS))


def _empty_brief(brief: Brief, timezone: str, marker: str | None) -> RenderedMessage:
    line = f"Nothing new since {format_moment(brief.since, timezone)}."
    if brief.added_late:
        line += f" ({_plural(len(brief.added_late), 'older article')} added late.)"
    return RenderedMessage(content=f"{line}\n-# {marker}" if marker else line)

def render_timeline(timeline: Any) -> discord.Embed:
    """The timeline as one embed: a field per event (date, what, outlets, disagreement, linked sources).
    Long timelines keep their first events and say how many more there are (the chart shows them all)."""
    embed = discord.Embed(title="What happened when", colour=discord.Colour.blurple())
    if not timeline.events:
        embed.description = "No dated events in the corpus yet."
        return embed
    shown = 0
    total = len(embed.title or "")
    for event in timeline.events:
        links = " ".join(
            f"[[{s.n}]]({url})" if (url := safe_url(s.url)) else f"[{s.n}]"
            for s in event.sources)
        lines = [f"{escape_text(event.text)} · {event.outlets} outlet{'' if event.outlets == 1 else 's'} {links}"]
        if event.disagreement is not None:
            lines.append(f"⚠️ Sources disagree on {escape_text(event.disagreement.summary)}")
        name = truncate(f"{event.date:%Y-%m-%d}", MAX_FIELD_NAME)
        value = truncate("\n".join(lines), MAX_FIELD_VALUE)
        if shown >= MAX_FIELDS - 1 or total + len(name) + len(value) > MAX_EMBED_TOTAL - 200:
            break
        embed.add_field(name=name, value=value, inline=False)
        shown += 1
        total += len(name) + len(value)
    if shown < len(timeline.events):
        embed.set_footer(text=f"{len(timeline.events) - shown} more events on the chart")
    return embed
