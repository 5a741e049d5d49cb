"""Plain-text rendering of an answer for the terminal (Discord has its own renderer in `bot/app`)."""

from __future__ import annotations

import textwrap

from bot.answers.model import Answer, Statement
from bot.safety import link_or_none

# How every surface groups statements: reported facts, then claims, then speculation and opinion.
SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Reported facts", ("fact",)),
    ("Claims", ("claim",)),
    ("Speculation & opinion", ("speculation", "opinion")),
)


def marks(citations: list[int]) -> str:
    return "".join(f"[{n}]" for n in citations)


def statement_line(statement: Statement, outlets_count: int = 1) -> str:
    """One statement with its markers, the cue that decided its label and how many outlets report it."""
    who = f"{statement.speaker}: " if statement.speaker else ""
    cue = ", ".join(statement.cues[:2])
    outlets = f"; {outlets_count} outlets" if outlets_count > 1 else ""
    return f"{who}{statement.text} {marks(statement.citations)}  ({statement.label}: {cue}{outlets})"


def answer_to_text(answer: Answer, width: int = 100) -> str:
    if answer.abstained:
        return answer.abstain_reason or "I found nothing in the reporting that answers this."
    lines = []
    if leads := answer.leads():
        lines += [*(textwrap.fill(lead, width) for lead in leads), ""]
    lines += [f"Q: {answer.question}", ""]
    if answer.unanswered_note:
        lines += [textwrap.fill(answer.unanswered_note, width), ""]
    for title, labels in SECTIONS:
        chosen = [s for s in answer.statements if s.label in labels]
        if not chosen:
            continue
        lines.append(f"{title}:")
        for statement in chosen:
            line = statement_line(statement, answer.outlets(statement))
            lines.append(textwrap.fill(line, width, initial_indent="  - ", subsequent_indent="    "))
        lines.append("")
    if answer.conflicts:
        lines.append("Sources disagree:")
        for conflict in answer.conflicts:
            lines.append(f"  - {conflict.summary} {marks(conflict.citations)}")
        lines.append("")
    lines.append("Sources:")
    for source in answer.sources:
        date = source.published or "undated"
        lines.append(f"  [{source.n}] {source.outlet or 'unknown outlet'}, {date}: {source.title}")
        if link_or_none(source.url):  # only http(s) addresses are shown (a terminal may make them links)
            lines.append(f"      {source.url}")
        for quote in source.quotes:
            lines.append(textwrap.fill(f"“{quote}”", width, initial_indent="      ", subsequent_indent="      "))
    lines.append(f"\n({answer.elapsed_ms:.0f} ms, {answer.composer} composer)")
    return "\n".join(lines)
