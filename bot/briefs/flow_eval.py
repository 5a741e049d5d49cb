"""How well briefs lead with what changed, on a news flow: windows of newly published articles, each with
the developments an editor picked and the background a brief must not lead with
(``tests/data/brief_flow.jsonl``; see ``tests/data/README.md``).

For each window the brief of news published in it is composed over a corpus holding the flow's articles,
and scored:

* **development recall@5** — share of the editor's developments that one of the brief's first five
  statements reports: all its key facts in the statement's own words (``strict``), or in the statement and
  the passages of the articles it cites (an article's passages sit under its one number, so this is looser);
* **background leads** — statements among the first five whose own words recap background and report no
  development;
* **numbers per article** — the most citation numbers one article gets (should be 1);
* **disagreements** — "Sources disagree" lines;
* **repeats** — statements among the first five that report a development one before them already reported
  (one development shown twice: it should have been one item with both citations).

:func:`why_missed` says where each missed development was lost: no quotable sentence states it, every one
that does was judged background, only commentary states it, or the development stating it ranked below the
first five (or the sentence stating it sits under another development's lead).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from bot.answers.candidate import Candidate
from bot.briefs.compose import Brief, compose_brief, window_sentences
from bot.briefs.developments import EVENT_LABELS, Development, NoveltyJudge, group_developments
from bot.briefs.window import build_window
from bot.corpus.catalog import Catalog

LEAD = 5


@dataclass(frozen=True)
class WindowScore:
    id: str
    split: str
    n_articles: int
    recall: float
    strict_recall: float
    background_leads: int
    max_numbers_per_article: int
    disagreements: int
    repeats: int  # leading statements that report a development an earlier leading statement already reported
    found: tuple[str, ...]
    missed: tuple[str, ...]


def load_flow(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


_PUBLISHED = re.compile(r"^published:\s*[\"']?(\d{4}-\d{2}-\d{2})", re.MULTILINE)


def flow_files(rows: Sequence[dict[str, Any]], corpus_dir: Path) -> list[Path]:
    """Every article a flow's briefs read: each window's files and each window's base, i.e. every corpus
    article whose front matter's ``published`` day is on or before the last window's end. (The base of
    the first window, the articles of its ``since`` day, is in no window's ``files``: left out, the
    first window had nothing before it and every later one lacked the first reports.)"""
    last = max((row["until"] for row in rows), default="")
    wanted = {corpus_dir / f for row in rows for f in row["files"]}
    for path in corpus_dir.glob("*.md"):
        head = path.read_text(encoding="utf-8").split("\n---", 1)[0]
        match = _PUBLISHED.search(head)
        if match and match.group(1) <= last:
            wanted.add(path)
    return sorted(wanted)


def window_bounds(row: dict[str, Any]) -> tuple[datetime, datetime]:
    """A row's (since, until] in days → the moments a brief is asked for: published after ``since``'s day
    and up to the end of ``until``'s day."""
    since = datetime.combine(date.fromisoformat(row["since"]) + timedelta(days=1), time(), UTC)
    until = datetime.combine(date.fromisoformat(row["until"]) + timedelta(days=1), time(), UTC)
    return since, until - timedelta(microseconds=1)


def matches_key_facts(key_facts: Iterable[str], text: str) -> bool:
    low = text.lower()
    return all(any(alt.strip().lower() in low for alt in fact.split("|")) for fact in key_facts)


def lead_texts(brief: Brief, n: int = LEAD) -> list[str]:
    """The first ``n`` statements, each with the passages it cites."""
    quotes: dict[int, list[str]] = {}
    for source in brief.answer.sources:
        quotes.setdefault(source.n, []).extend(source.quotes)
    out = []
    for statement in brief.answer.statements[:n]:
        cited = " ".join(q for c in statement.citations for q in quotes.get(c, []))
        out.append(f"{statement.text} {cited}")
    return out


def score_window(row: dict[str, Any], brief: Brief) -> WindowScore:
    leads = lead_texts(brief)
    own = [s.text for s in brief.answer.statements[:LEAD]]
    found: list[str] = []
    missed: list[str] = []
    strict = 0
    for dev in row["developments"]:
        (found if any(matches_key_facts(dev["key_facts"], t) for t in leads) else missed).append(dev["what"])
        strict += any(matches_key_facts(dev["key_facts"], t) for t in own)
    # a leading statement that recaps a background fact and reports no development (as tests/data/README.md
    # defines it: "Amazon" is background, but a statement telling whom Amazon's CEO told is news)
    background = sum(1 for t in own
                     if any(matches_key_facts(bg["key_facts"], t) for bg in row.get("background", []))
                     and not any(matches_key_facts(d["key_facts"], t) for d in row["developments"]))
    told: set[int] = set()
    repeats = 0
    for t in own:
        reported = {k for k, d in enumerate(row["developments"]) if matches_key_facts(d["key_facts"], t)}
        repeats += bool(reported) and reported <= told
        told |= reported
    per_article: dict[int, set[int]] = {}
    for source in brief.answer.sources:
        per_article.setdefault(source.article_id, set()).add(source.n)
    return WindowScore(
        id=row["id"], split=row.get("split", "dev"), n_articles=len(brief.article_ids),
        recall=len(found) / max(len(row["developments"]), 1),
        strict_recall=strict / max(len(row["developments"]), 1), background_leads=background,
        max_numbers_per_article=max((len(v) for v in per_article.values()), default=0),
        disagreements=len(brief.answer.conflicts), repeats=repeats, found=tuple(found), missed=tuple(missed),
    )


def evaluate_flow(catalog: Catalog, judge: NoveltyJudge, rows: Sequence[dict[str, Any]]) -> list[WindowScore]:
    scores = []
    for row in rows:
        since, until = window_bounds(row)
        scores.append(score_window(row, compose_brief(catalog, judge, since, until)))
    return scores


def summary(scores: Sequence[WindowScore]) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    for split in sorted({s.split for s in scores}):
        part = [s for s in scores if s.split == split]
        out[split] = {
            "windows": len(part),
            "recall@5": round(sum(s.recall for s in part) / len(part), 3),
            "strict_recall@5": round(sum(s.strict_recall for s in part) / len(part), 3),
            "background_leads": sum(s.background_leads for s in part),
            "max_numbers_per_article": max(s.max_numbers_per_article for s in part),
            "disagreements": sum(s.disagreements for s in part),
            "repeats": sum(s.repeats for s in part),
        }
    return out


def loss_reason(key_facts: Sequence[str], candidates: Sequence[Candidate], background: npt.NDArray[np.bool_],
                developments: Sequence[Development]) -> str:
    """Where a development (its key facts) was lost on the way to the brief's first :data:`LEAD` items:
    the window's quotable ``candidates``, which of them are ``background``, and the event
    ``developments`` in the brief's order."""
    stating = [i for i, c in enumerate(candidates) if matches_key_facts(key_facts, c.text)]
    if not stating:
        return "no quotable sentence states it"
    news = [i for i in stating if not background[i]]
    if not news:
        return "every sentence stating it was judged background"
    if not any(candidates[i].label in EVENT_LABELS for i in news):
        return "only commentary states it"
    for rank, development in enumerate(developments):
        if matches_key_facts(key_facts, development.main.text):
            return f"its development ranked {rank + 1}" if rank >= LEAD else "led"
    return "grouped under another development's lead"


def why_missed(catalog: Catalog, judge: NoveltyJudge, row: dict[str, Any]) -> dict[str, str]:
    """For each development of the window, :func:`loss_reason` (as :func:`compose_brief` reads the window)."""
    window = build_window(catalog, *window_bounds(row))
    sentences = window_sentences(catalog, judge, window)
    events = [i for i, c in enumerate(sentences.candidates)
              if not sentences.background[i] and c.label in EVENT_LABELS]
    developments = group_developments([sentences.candidates[i] for i in events],
                                      sentences.same[np.ix_(events, events)])
    return {d["what"]: loss_reason(d["key_facts"], sentences.candidates, sentences.background, developments)
            for d in row["developments"]}
