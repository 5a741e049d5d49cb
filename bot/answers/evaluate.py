"""`briefbot eval`: score the answer pipeline on a question set (and the labeller on a labelled set).

Question file: JSON lines with ``question``, ``sources`` (acceptable file names or URLs), ``key_facts``
(phrases; ``a|b`` means either), ``must_abstain`` and optionally ``conflict`` / ``conflict_values``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from bot.answers.model import Answer
from bot.answers.retrieve import Passage
from bot.corpus.models import Article
from bot.nlp.values import SPELLED_NUMBER, spelled_number


@dataclass
class QuestionResult:
    id: str
    question: str
    kind: str
    abstained: bool
    must_abstain: bool
    retrieved_ok: bool | None
    key_facts_found: int
    key_facts_total: int
    statements: int
    statements_supported: int
    conflict_expected: bool
    conflict_found: bool
    elapsed_ms: float
    split: str = "dev"
    followup: bool = False
    cited_gold: bool | None = None  # an answerable question's answer cites an article holding the answer
    lead: str | None = None
    lead_states_key_fact: bool | None = None  # an answered question's first line states one of its key facts


@dataclass
class EvalReport:
    results: list[QuestionResult] = field(default_factory=list)
    k: int = 8

    def _share(self, hits: Sequence[bool]) -> float:
        return sum(hits) / len(hits) if hits else float("nan")

    def figures(self) -> dict[str, float]:
        answerable = [r for r in self.results if not r.must_abstain]
        retrieval = [bool(r.retrieved_ok) for r in answerable if r.retrieved_ok is not None]
        statements = sum(r.statements for r in self.results)
        supported = sum(r.statements_supported for r in self.results)
        facts_total = sum(r.key_facts_total for r in answerable)
        facts_found = sum(r.key_facts_found for r in answerable)
        conflicts = [r.conflict_found for r in self.results if r.conflict_expected]
        cited = [bool(r.cited_gold) for r in answerable if r.cited_gold is not None]
        followups = [r for r in answerable if r.followup]
        f_total = sum(r.key_facts_total for r in followups)
        return {
            f"retrieval_recall@{self.k}": self._share(retrieval),
            "cites_gold_source": self._share(cited),
            "followup_key_facts": sum(r.key_facts_found for r in followups) / f_total if f_total else float("nan"),
            "citation_precision": supported / statements if statements else float("nan"),
            "key_fact_recall": facts_found / facts_total if facts_total else float("nan"),
            "lead_states_key_fact": self._share(
                [bool(r.lead_states_key_fact) for r in answerable if r.lead_states_key_fact is not None]),
            "abstention_accuracy": self._share([r.abstained == r.must_abstain for r in self.results]),
            "conflict_coverage": self._share(conflicts),
            "questions": float(len(self.results)),
        }


def load_questions(path: Path) -> list[dict[str, Any]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            rows.append(json.loads(line))
    return rows


def _norm(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


def key_facts_stated(text: str, key_facts: Sequence[str]) -> int:
    """How many of a question's key facts a text states (``a|b``: either phrase; case and spacing aside)."""
    said = _norm(text)
    return sum(any(_norm(alt) in said for alt in fact.split("|")) for fact in key_facts)


_PAGE_MARKUP = re.compile(r"\*\*|__|\[\d[\d,\s–-]*\]")


def statement_supported(statement_text: str, quotes: Sequence[str]) -> bool:
    """A statement is supported when a cited passage contains it (or nearly all of its words)."""
    from bot.nlp.display import display_text

    text = _norm(statement_text)
    words = set(text.split())
    for quote in quotes:
        q = _norm(_PAGE_MARKUP.sub("", display_text(quote)))  # statements show quotes without the page's markup
        if text in q or (words and len(words & set(q.split())) / len(words) >= 0.9):
            return True
    return False


_QUALIFIER = re.compile(r"^(?:about|around|roughly|approximately|nearly|almost|some|over|under|more than|"
                        r"fewer than|less than|at least|up to|~)\s+")
_NUMBER = re.compile(r"\$?\d[\d,.]*")


def _value_core(value: str) -> str:
    """What must appear for an expected conflicting value to count as shown: the value without its hedge
    ("about 40" -> "40"), or just its first number when it is a phrase ("150 across 15 countries")."""
    text = _QUALIFIER.sub("", _norm(value))
    text = SPELLED_NUMBER.sub(lambda m: str(spelled_number(m.group())), text)  # as the shown text is read
    words = text.split()
    if len(words) > 2 and (number := _NUMBER.search(text)):
        return number.group().rstrip(".,")
    return text


_SCALES = {"k": "thousand", "m": "million", "bn": "billion", "b": "billion"}
_ABBREVIATED_SCALE = re.compile(r"(\d)\s?(bn|k|m|b)\b(?!\w)")


def _spelled_scale(text: str) -> str:
    return _ABBREVIATED_SCALE.sub(lambda m: f"{m.group(1)} {_SCALES[m.group(2)]}", text)


def conflict_shows_values(answer: Answer, values: Sequence[str]) -> bool:
    """A reported conflict counts when at least two of the expected values appear in the conflicts'
    summaries or the passages those conflicts cite (not anywhere in the answer). A source cited for a side shows
    every passage the answer quotes from it, the side's among them, not only the first."""
    quotes = {s.n: " ".join(s.quotes) for s in answer.sources}
    text = " ".join(
        [_norm(c.summary) for c in answer.conflicts]
        + [_norm(quotes[n]) for c in answer.conflicts for n in c.citations if n in quotes]
    )
    text = SPELLED_NUMBER.sub(lambda m: str(spelled_number(m.group())), text)  # "seventy-six" shows 76
    text = _spelled_scale(text)  # "1M" shows "1 million"
    shown = sum(bool(re.search(rf"(?<![\w$]){re.escape(_spelled_scale(_value_core(v)))}(?!\w)", text))
                for v in values)
    return shown >= min(2, len(values))


class ArticleLookup(Protocol):
    """What scoring needs to know about articles (the catalog, or the corpus service over it)."""

    def get(self, article_id: int) -> Article: ...

    def duplicates_of(self, article_id: int) -> list[Article]: ...


def article_files(catalog: ArticleLookup, article_id: int) -> set[str]:
    """Names (file name or URL) by which an article or any syndicated copy of it is known."""
    names: set[str] = set()
    articles = [catalog.get(article_id), *catalog.duplicates_of(article_id)]
    for article in articles:
        names.add(Path(article.source).name)
        names.add(article.source)
        if article.url:
            names.add(article.url)
    return names


def evaluate_questions(
    questions: Sequence[dict[str, Any]],
    ask: Callable[[str, Sequence[str | tuple[str, str | None]]], Answer],
    retrieve: Callable[[str], list[Passage]],
    catalog: ArticleLookup,
    k: int = 8,
) -> EvalReport:
    report = EvalReport(k=k)
    for i, q in enumerate(questions):
        context = list(q.get("context") or [])
        turns: list[str | tuple[str, str | None]] = []
        for earlier in context:  # the thread as a user lived it: each earlier question answered in turn
            turns.append((earlier, ask(earlier, list(turns)).lead))
        answer = ask(q["question"], turns)
        acceptable = set(q.get("sources") or [])
        retrieved_ok: bool | None = None
        cited_gold: bool | None = None
        if acceptable and not q.get("must_abstain"):
            passages = retrieve(" ".join([*context, q["question"]]) if context else q["question"])[:k]
            retrieved_ok = any(article_files(catalog, p.article.id) & acceptable for p in passages)
            cited_gold = not answer.abstained and any(
                article_files(catalog, s.article_id) & acceptable for s in answer.sources)
        by_n = {s.n: " ".join(s.quotes) for s in answer.sources}
        key_facts = q.get("key_facts") or []
        found = key_facts_stated(" ".join(quote for s in answer.sources for quote in s.quotes), key_facts)
        lead_fact: bool | None = None
        if key_facts and not q.get("must_abstain") and not answer.abstained:
            lead_fact = key_facts_stated(" ".join(answer.leads()), key_facts) > 0  # every part's lead shows first
        supported = sum(
            statement_supported(s.text, [by_n[n] for n in s.citations if n in by_n]) for s in answer.statements
        )
        conflict_found = bool(answer.conflicts)
        values = q.get("conflict_values") or []
        if conflict_found and values:
            conflict_found = conflict_shows_values(answer, values)
        report.results.append(QuestionResult(
            id=str(q.get("id", i + 1)), question=q["question"], kind=str(q.get("kind", "")),
            abstained=answer.abstained, must_abstain=bool(q.get("must_abstain")), retrieved_ok=retrieved_ok,
            key_facts_found=found if not answer.abstained else 0, key_facts_total=len(q.get("key_facts") or []),
            statements=len(answer.statements), statements_supported=supported,
            conflict_expected=bool(q.get("conflict")), conflict_found=conflict_found,
            elapsed_ms=answer.elapsed_ms, split=str(q.get("split") or "dev"), followup=bool(context),
            cited_gold=cited_gold, lead=answer.lead, lead_states_key_fact=lead_fact,
        ))
    return report


def split_reports(report: EvalReport) -> dict[str, EvalReport]:
    """The report of each split (dev, test) of a question set, for side-by-side figures."""
    parts: dict[str, EvalReport] = {}
    for result in report.results:
        parts.setdefault(result.split, EvalReport(k=report.k)).results.append(result)
    return dict(sorted(parts.items()))
