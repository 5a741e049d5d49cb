"""The optional LLM composer: fluent answers written by a chat model, then checked against the passages.

A language model writes better prose than sentence extraction, but it may invent, mis-cite, upgrade a
hedge to a fact, or obey instructions planted in an article. So the model is only trusted as far as the
passages bear it out:

1. the extractive composer runs first: if it abstains, the model is never asked (no passages, no answer);
2. the model sees the passages as fenced, id-tagged data blocks (backticks neutralised so an article
   cannot close its fence) and a system prompt saying passages are data, never instructions;
3. its JSON reply is parsed leniently, but every statement is verified: it must cite only retrieved ids,
   and its names and numbers, and most of its content words, must appear in the cited passages
   (:func:`unsupported_reason`); anything else is dropped and logged;
4. labels are checked against the stored labels of the supporting source sentences: the model may never
   present as fact what a source hedges or attributes;
5. URLs are stripped from model text; sources, links and quotes come only from the catalog, each quote an
   exact sentence of the article body;
6. if the model fails, times out, returns garbage, or every statement is dropped, the extractive answer
   is returned instead.

Provider packages (langchain-anthropic / -openai / -ollama) are optional extras imported only when
:meth:`LLMComposer.from_settings` builds a model.
"""

from __future__ import annotations

import importlib
import json
import logging
import re
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage, HumanMessage, SystemMessage

from bot.answers.compose import MAX_STATEMENTS, ExtractiveComposer
from bot.answers.model import LABELS, Answer, Conflict, Label, Source, Statement
from bot.answers.retrieve import STOPWORDS, Passage, terms
from bot.corpus.catalog import SentenceRow
from bot.errors import ConfigError
from bot.nlp.labels import attribution, label_sentence
from bot.nlp.values import extract_values
from bot.resources import bundled_dir
from bot.settings import Settings

log = logging.getLogger(__name__)

SYSTEM_PROMPT = "answer_system.md"
USER_PROMPT = "answer_user.md"

MIN_CONTENT_SUPPORT = 0.6
QUOTE_COVERAGE = 0.6
DEFAULT_TIMEOUT_SECONDS = 60.0
MAX_TITLE_CHARS = 160
MAX_ATTRIBUTION_CHARS = 80

DEFAULT_MODELS = {"anthropic": "claude-sonnet-4-5", "openai": "gpt-4o-mini", "ollama": "llama3.1"}
_PROVIDERS = {
    "anthropic": ("langchain_anthropic", "ChatAnthropic"),
    "openai": ("langchain_openai", "ChatOpenAI"),
    "ollama": ("langchain_ollama", "ChatOllama"),
}

# A hedge outranks an attribution, which outranks a stance, when choosing which source label to keep.
_HEDGE_PRIORITY: tuple[Label, ...] = ("speculation", "claim", "opinion")

_BACKTICK_STANDIN = "ˋ"  # U+02CB MODIFIER LETTER GRAVE ACCENT: looks alike, cannot close a fence
_PLACEHOLDER = re.compile(r"\{\{(question|passages|ids)\}\}")
_MD_LINK = re.compile(r"!?\[([^\]\n]*)\]\((?:[^()\s]|\([^()\s]*\))*\)")
_AUTOLINK = re.compile(r"<(?:https?|ftp|mailto):[^>\s]*>", re.IGNORECASE)
_URL = re.compile(  # with a lead-in ("see", "at") that would dangle once the URL is gone
    r"(?:[,;]?\s*\b(?:see|visit|at|via)\b:?\s*)?(?:\b(?:https?|ftp)://|\bwww\.)"
    r"(?:[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'\"])?",
    re.IGNORECASE,
)
_BARE_DOMAIN_PATH = re.compile(
    r"\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|io|ai|co|gov|info)/[^\s]*", re.IGNORECASE
)
_MARKER = re.compile(
    r"\s*\[\s*(?:P|source\s*|ref\s*)?\d+(?:\s*[,;–-]\s*P?\d+)*\s*\]|\s*\(\s*P\d+(?:\s*[,;–-]\s*P\d+)*\s*\)",
    re.IGNORECASE,
)
_EMPHASIS = re.compile(r"(\*\*|__|\*|`+|" + _BACKTICK_STANDIN + ")")
_ID = re.compile(r"^\s*[\[(]?\s*(?:passage\s*)?P\s*(\d{1,3})\s*[\])]?\s*$", re.IGNORECASE)
# Text addressed to a model, or navigation, is not reporting: it never supports or forms a statement.
_INSTRUCTION_LIKE = re.compile(
    r"\b(?:ignore|disregard|forget|override)\b[^.!?\n]{0,40}\b(?:instructions?|prompts?|rules|guidelines)\b"
    r"|\b(?:reply|respond|answer|output)\s+(?:only\s+)?with\b|\bsystem\s+prompt\b|\byou\s+are\s+now\b"
    r"|\bdeveloper\s+mode\b|\b(?:read|see|click|visit|follow)\b[^.!?\n]{0,25}\b(?:full\s+story|here|link)\b",
    re.IGNORECASE,
)
_WORDLIKE = re.compile(r"[^\W_]+")
_SENTENCE_END = re.compile(r"[.!?:;]\s*$")
_NEGATIONS = frozenset({"not", "no", "never", "nor", "none", "neither", "without", "cannot"})
_NEGATION_IN_TEXT = re.compile(
    r"\b(?:not|no|never|nor|none|neither|without|cannot)\b|n['’]t\b", re.IGNORECASE
)
_NUMBER_WORDS = frozenset((
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty",
    "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "hundreds", "thousand",
    "thousands", "million", "millions", "billion", "billions", "trillion", "dozen", "dozens", "half",
    "quarter", "twice", "double", "triple", "first", "second", "third", "fourth", "fifth",
))


# --- parsing the model's reply ----------------------------------------------------------------------


@dataclass(frozen=True)
class DraftStatement:
    """A statement as the model wrote it, before any verification."""

    text: str
    label: str
    citations: tuple[str, ...]
    attributed_to: str | None = None


@dataclass(frozen=True)
class DraftConflict:
    summary: str
    citations: tuple[str, ...]


@dataclass(frozen=True)
class ModelReply:
    statements: list[DraftStatement]
    conflicts: list[DraftConflict]
    malformed: int = 0


class ReplyFormatError(ValueError):
    """The model's reply holds no usable JSON object."""


def parse_reply(text: str) -> ModelReply:
    """Find the JSON object in a reply (fenced, surrounded by prose, or bare) and read it leniently.

    Lenient about shape (a bare list of statements, citations as a string, ids as numbers) because models
    vary; strict about meaning, which verification enforces later.
    """
    data = _find_json(text)
    if isinstance(data, list):
        data = {"statements": data}
    raw_statements = data.get("statements", [])
    if not isinstance(raw_statements, list):
        raise ReplyFormatError("'statements' is not a list")
    statements: list[DraftStatement] = []
    malformed = 0
    for item in raw_statements:
        if isinstance(item, dict) and isinstance(item.get("text"), str):
            who = item.get("attributed_to")
            statements.append(DraftStatement(
                text=item["text"], label=str(item.get("label") or ""),
                citations=_citation_list(item.get("citations", item.get("sources"))),
                attributed_to=who if isinstance(who, str) and who.strip() else None,
            ))
        else:
            malformed += 1
    conflicts: list[DraftConflict] = []
    raw_conflicts = data.get("conflicts") or []
    for item in raw_conflicts if isinstance(raw_conflicts, list) else []:
        if isinstance(item, dict) and isinstance(item.get("summary"), str):
            conflicts.append(DraftConflict(item["summary"], _citation_list(item.get("citations"))))
    return ModelReply(statements, conflicts, malformed)


def _find_json(text: str) -> dict[str, Any] | list[Any]:
    """The first JSON object with a "statements" key (or a list of objects) anywhere in the text."""
    decoder = json.JSONDecoder()
    fallback: list[Any] | None = None
    for match in re.finditer(r"[\[{]", text):
        try:
            value, _ = decoder.raw_decode(text, match.start())
        except json.JSONDecodeError:
            continue
        if isinstance(value, dict) and "statements" in value:
            return value
        if fallback is None and isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            fallback = value
    if fallback is not None:
        return fallback
    raise ReplyFormatError("no JSON object with 'statements' in the reply")


def _citation_list(value: Any) -> tuple[str, ...]:
    """Citations as a tuple of strings, whatever shape the model used ("P1", ["P1","P2"], 1, "P1, P2")."""
    if value is None:
        return ()
    items = value if isinstance(value, list) else [value]
    out: list[str] = []
    for item in items:
        if isinstance(item, bool):
            continue
        if isinstance(item, int):
            out.append(f"P{item}")
        elif isinstance(item, str):
            out.extend(part for part in re.split(r"[,;\s]+", item) if part)
    return tuple(out)


# --- cleaning and verifying model text --------------------------------------------------------------


def strip_links(text: str) -> str:
    """Model text with links, URLs, citation markers and markdown emphasis removed, spaces collapsed.

    Links are never taken from the model: sources and URLs come from the catalog.
    """
    text = _MD_LINK.sub(lambda m: m.group(1), text)
    text = _AUTOLINK.sub(" ", text)
    text = _URL.sub(" ", text)
    text = _BARE_DOMAIN_PATH.sub(" ", text)
    text = _MARKER.sub("", text)
    text = _EMPHASIS.sub("", text)
    text = re.sub(r"^\s*(?:[-*•]|\d+[.)])\s+", "", text)
    text = " ".join(text.split())
    return re.sub(r"\s+([.,;:!?])", r"\1", text).strip()


def _not_reporting(text: str) -> str | None:
    """Why a cleaned statement cannot be part of an answer whatever it cites, or None."""
    if len(text.split()) < 3:
        return "is not a sentence"
    if _INSTRUCTION_LIKE.search(text):
        return "reads like an instruction or navigation, not reporting"
    return None


def _strict_tokens(text: str) -> list[str]:
    """Tokens that must appear verbatim in a cited passage: numbers, number words and name-like words.

    A capitalised word at the start of a sentence is only checked when it is not a stopword ("The").
    """
    out: list[str] = []
    for match in _WORDLIKE.finditer(text):
        token = match.group(0)
        lower = token.lower()
        sentence_start = match.start() == 0 or bool(_SENTENCE_END.search(text[: match.start()]))
        if any(ch.isdigit() for ch in token) or lower in _NUMBER_WORDS:
            out.append(lower)
        elif token[0].isupper() and not (sentence_start and lower in STOPWORDS):
            if len(token) == 1 and sentence_start:
                continue  # "I" or a stray initial opening a sentence
            out.append(lower)
    return out


def _values(text: str) -> set[tuple[str, float | str]]:
    """The dates, durations, counts and amounts a text states, as comparable values."""
    return {(v.kind, v.value) for v in extract_values(text, with_windows=False) if not v.kind.startswith("name:")}


def missing_names_or_numbers(text: str, cited_texts: Sequence[str]) -> list[str]:
    """The names, numbers and dates of ``text`` found in none of ``cited_texts`` (case-insensitive)."""
    available = {t.lower() for source in cited_texts for t in _WORDLIKE.findall(source)}
    missing: list[str] = []
    for token in _strict_tokens(text):
        if token not in available and token not in missing:
            missing.append(token)
    return missing


def unsupported_reason(statement_text: str, cited_texts: Sequence[str]) -> str | None:
    """Why the cited passages do not support a statement, or None when they do.

    Supported means: every number, date and name-like word of the statement appears in at least one
    cited passage; a negation in the statement appears in one too (so "did not comply" cannot cite
    "complied"); and at least 60% of the statement's content words (stemmed) appear in them.
    """
    if not cited_texts:
        return "cites no passage"
    if not statement_text.strip():
        return "is empty"
    missing = missing_names_or_numbers(statement_text, cited_texts)
    if missing:
        return f"{', '.join(repr(m) for m in missing[:3])} not in the cited passages"
    held = {value for text in cited_texts for value in _values(text)}
    unstated = [v.written for v in extract_values(statement_text, with_windows=False)
                if not v.kind.startswith("name:") and (v.kind, v.value) not in held]
    if unstated:  # "offline on March 5" citing "offline on March 3" (the 5 of "Fable 5" is no date)
        return f"{', '.join(repr(w) for w in unstated[:3])} not stated in the cited passages"
    if _NEGATION_IN_TEXT.search(statement_text) and not any(_NEGATION_IN_TEXT.search(t) for t in cited_texts):
        return "negates what the cited passages say"
    statement_terms = set(terms(statement_text)) - _NEGATIONS
    if not statement_terms:
        return "has no content words"
    source_terms = {t for source in cited_texts for t in terms(source)}
    share = len(statement_terms & source_terms) / len(statement_terms)
    if share < MIN_CONTENT_SUPPORT:
        return f"only {share:.0%} of its content words are in the cited passages"
    return None


# --- building the prompt ----------------------------------------------------------------------------


def neutralise(text: str) -> str:
    """Text safe inside a fenced block: backticks replaced, so nothing in it can close the fence."""
    return text.replace("`", _BACKTICK_STANDIN)


def _header_value(value: str, limit: int = MAX_TITLE_CHARS) -> str:
    """Metadata for a fence header: one line, no quotes or backticks, bounded length."""
    flat = " ".join(neutralise(value).replace('"', "'").split())
    return flat[:limit]


def passage_id(position: int) -> str:
    return f"P{position + 1}"


def passage_block(pid: str, passage: Passage) -> str:
    """One passage as a fenced data block tagged with its id and metadata."""
    article = passage.article
    header = [f"passage id={pid}"]
    if article.outlet:
        header.append(f'outlet="{_header_value(article.outlet)}"')
    if article.published:
        header.append(f"date={article.published.isoformat()}")
    if article.title:
        header.append(f'title="{_header_value(article.title)}"')
    body = neutralise(passage.text).strip()
    return "```" + " ".join(header) + "\n" + body + "\n```"


def fill(template: str, values: dict[str, str]) -> str:
    """Substitute ``{{name}}`` placeholders in one pass (substituted text is never scanned again)."""
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], template)


# --- sources ----------------------------------------------------------------------------------------


@dataclass
class _Sentence:
    row: SentenceRow
    text: str
    terms: frozenset[str]


@dataclass
class _Context:
    """What verification needs about one retrieved passage.

    ``sentences`` are the passage's quotable sentences: those that read like an instruction to a model
    or like navigation are left out, so they can neither support a statement nor be quoted.
    ``evidence`` is their text with links and markers removed: what statements are checked against.
    """

    pid: str
    passage: Passage
    body: str
    sentences: list[_Sentence]
    evidence: str


@dataclass
class _SourceBook:
    """Numbers sources in order of first citation, one per quoted (article, span)."""

    sources: list[Source] = field(default_factory=list)
    _numbers: dict[tuple[int, int, int], int] = field(default_factory=dict)

    def cite(self, ctx: _Context, start: int, end: int) -> int:
        article = ctx.passage.article
        key = (article.id, start, end)
        if key not in self._numbers:
            self._numbers[key] = len(self._numbers) + 1
            self.sources.append(Source(
                n=self._numbers[key], article_id=article.id, title=article.title, outlet=article.outlet,
                url=article.url, published=article.published.isoformat() if article.published else None,
                quote=ctx.body[start:end], start=start, end=end,
            ))
        return self._numbers[key]

    def cite_existing(self, source: Source) -> int:
        """Re-number a source of the extractive answer (its quote is already an exact catalog span)."""
        key = (source.article_id, source.start, source.end)
        if key not in self._numbers:
            self._numbers[key] = len(self._numbers) + 1
            self.sources.append(Source(
                n=self._numbers[key], article_id=source.article_id, title=source.title, outlet=source.outlet,
                url=source.url, published=source.published, quote=source.quote, start=source.start,
                end=source.end,
            ))
        return self._numbers[key]


def _supporting_sentences(text: str, ctx: _Context) -> list[_Sentence]:
    """The passage sentence(s) that best support ``text``: the best word overlap, plus the next best
    when the first covers less than 60% of the statement and the second adds to it."""
    wanted = frozenset(terms(text))
    if not ctx.sentences or not wanted:
        return []
    ranked = sorted(ctx.sentences, key=lambda s: (-len(wanted & s.terms), s.row.idx))
    best = ranked[0]
    chosen = [best]
    covered = wanted & best.terms
    if len(covered) / len(wanted) < QUOTE_COVERAGE and len(ranked) > 1:
        second = max(ranked[1:], key=lambda s: (len((wanted & s.terms) - covered), -s.row.idx))
        if (wanted & second.terms) - covered:
            chosen.append(second)
    return sorted(chosen, key=lambda s: s.row.idx)


# --- the composer -----------------------------------------------------------------------------------


class LLMComposer:
    """Composer protocol implementation backed by a chat model, verified against the passages."""

    def __init__(
        self,
        chat_model: BaseChatModel,
        fallback: ExtractiveComposer,
        prompts_dir: Path | None = None,
        timeout_seconds: float | None = DEFAULT_TIMEOUT_SECONDS,
    ) -> None:
        self.chat_model = chat_model
        self.fallback = fallback
        prompts_dir = prompts_dir or bundled_dir("prompts")
        self.system_prompt = _read_prompt(prompts_dir / SYSTEM_PROMPT)
        self.user_template = _read_prompt(prompts_dir / USER_PROMPT)
        self.timeout_seconds = timeout_seconds
        self.dropped_total = 0
        self.relabelled_total = 0
        self.fallbacks_total = 0
        self.last_dropped: list[tuple[str, str]] = []
        self._lock = threading.Lock()
        self._executor: ThreadPoolExecutor | None = None

    @classmethod
    def from_settings(cls, settings: Settings, fallback: ExtractiveComposer) -> LLMComposer:
        """Build the configured provider's chat model (temperature 0) around the extractive fallback."""
        return cls(build_chat_model(settings), fallback)

    # composing ------------------------------------------------------------------------------------
    def compose(self, question: str, passages: Sequence[Passage]) -> Answer:
        extractive = self.fallback.compose(question, passages)
        if extractive.abstained:
            return extractive  # retrieval found nothing usable: the model never answers from nothing
        contexts = self._contexts(passages)
        try:
            reply_text = self._call_model(self._messages(question, contexts))
            reply = parse_reply(reply_text)
        except Exception as exc:  # provider error, timeout, garbage: the extractive answer stands
            log.warning("LLM composer failed (%s: %s); returning the extractive answer",
                        type(exc).__name__, str(exc)[:200])
            return self._fall_back(extractive)
        try:
            answer, dropped = self._verified_answer(question, reply, contexts, extractive)
        except Exception:  # a verification bug must cost the fluent answer, never the answer
            log.exception("LLM composer: verification failed; returning the extractive answer")
            return self._fall_back(extractive)
        with self._lock:
            self.dropped_total += len(dropped)
            self.last_dropped = dropped
        if dropped:
            log.info("LLM composer dropped %d of %d statements", len(dropped), len(reply.statements))
        if answer is None:
            log.warning("LLM composer: no statement survived verification (%d dropped); "
                        "returning the extractive answer", len(dropped))
            return self._fall_back(extractive)
        return answer

    def _messages(self, question: str, contexts: Sequence[_Context]) -> list[BaseMessage]:
        """The system prompt and the user message holding the question and the fenced passages."""
        ids = ", ".join(ctx.pid for ctx in contexts)
        user = fill(self.user_template, {
            "question": neutralise(" ".join(question.split())),
            "passages": "\n\n".join(passage_block(ctx.pid, ctx.passage) for ctx in contexts),
            "ids": ids,
        })
        return [SystemMessage(content=self.system_prompt), HumanMessage(content=user)]

    def _fall_back(self, extractive: Answer) -> Answer:
        with self._lock:
            self.fallbacks_total += 1
        return extractive

    def _call_model(self, messages: list[BaseMessage]) -> str:
        """Invoke the model, bounded by ``timeout_seconds`` even if the provider's own timeout fails."""
        if self.timeout_seconds is None:
            return self.chat_model.invoke(messages).text
        with self._lock:
            if self._executor is None:
                self._executor = ThreadPoolExecutor(max_workers=4, thread_name_prefix="briefbot-llm")
            executor = self._executor
        future = executor.submit(self.chat_model.invoke, messages)
        try:
            return future.result(timeout=self.timeout_seconds).text
        except FutureTimeout:
            future.cancel()
            raise TimeoutError(f"no reply within {self.timeout_seconds:g} s") from None

    def _contexts(self, passages: Sequence[Passage]) -> list[_Context]:
        catalog = self.fallback.catalog
        ids = list(dict.fromkeys(p.article.id for p in passages))
        bodies = catalog.bodies(ids)
        rows = {aid: catalog.sentences(aid) for aid in ids}
        contexts: list[_Context] = []
        for position, passage in enumerate(passages):
            aid = passage.article.id
            body = bodies.get(aid)
            if body is None:
                body = catalog.body(aid)
            sentences = [
                _Sentence(row, body[row.start : row.end], frozenset(terms(body[row.start : row.end])))
                for row in rows[aid]
                if passage.chunk.first_sentence <= row.idx <= passage.chunk.last_sentence
                and not _INSTRUCTION_LIKE.search(body[row.start : row.end])
            ]
            if sentences:
                evidence = " ".join(strip_links(s.text) for s in sentences)
            elif rows[aid]:
                evidence = ""  # every sentence of the passage reads like an instruction: it supports nothing
            else:
                evidence = strip_links(_INSTRUCTION_LIKE.sub(" ", passage.text))
            if evidence and passage.article.outlet:  # "Reuters reported ..." names the cited outlet
                evidence = f"{passage.article.outlet}: {evidence}"
            contexts.append(_Context(passage_id(position), passage, body, sentences, evidence))
        return contexts

    # verifying ------------------------------------------------------------------------------------
    def _verified_answer(
        self, question: str, reply: ModelReply, contexts: Sequence[_Context], extractive: Answer
    ) -> tuple[Answer | None, list[tuple[str, str]]]:
        by_id = {ctx.pid: ctx for ctx in contexts}
        book = _SourceBook()
        statements: list[Statement] = []
        dropped: list[tuple[str, str]] = []
        seen: set[str] = set()
        for index in range(reply.malformed):
            dropped.append((f"<malformed statement {index + 1}>", "not an object with a text"))
        for draft in reply.statements:
            text = strip_links(draft.text)
            cited, reason = _resolve(draft.citations, by_id)
            if reason is None:
                reason = _not_reporting(text) or unsupported_reason(text, [ctx.evidence for ctx in cited])
            if reason is None and text.lower() in seen:
                reason = "repeats an earlier statement"
            if reason is None and len(statements) == MAX_STATEMENTS:
                reason = f"more than {MAX_STATEMENTS} statements"
            if reason is not None:
                log.info("LLM statement dropped (%s): %.200r", reason, draft.text)
                dropped.append((draft.text, reason))
                continue
            seen.add(text.lower())
            statements.append(self._statement(text, draft, cited, book))
        if not statements:
            return None, dropped
        answer = Answer(question=question, abstained=False, statements=statements, composer="llm")
        for conflict in reply.conflicts:
            verified = _verified_conflict(conflict, by_id, book)
            if verified is not None:
                answer.conflicts.append(verified)
        if not answer.conflicts:  # the extractive detector's conflicts are cited by construction
            answer.conflicts = [
                Conflict(c.summary, [book.cite_existing(extractive.sources[n - 1]) for n in c.citations])
                for c in extractive.conflicts
            ]
        answer.sources = book.sources
        return answer, dropped

    def _statement(
        self, text: str, draft: DraftStatement, cited: Sequence[_Context], book: _SourceBook
    ) -> Statement:
        support: list[_Sentence] = []
        citations: list[int] = []
        for ctx in cited:
            chosen = _supporting_sentences(text, ctx)
            if chosen:
                start, end = chosen[0].row.start, chosen[-1].row.end
                support.extend(chosen)
            else:  # no sentence rows for this chunk: quote the passage itself (still an exact span)
                start, end = ctx.passage.chunk.start, ctx.passage.chunk.end
            number = book.cite(ctx, start, end)
            if number not in citations:
                citations.append(number)
        label, cues = self._label(text, draft.label, support)
        who: str | None = None
        if label == "claim":
            who = _checked_attribution(draft.attributed_to, [c.evidence for c in cited])
            if who is None:
                who = attribution(text) or next((a for s in support if (a := attribution(s.text))), None)
        return Statement(text=text, label=label, cues=cues, citations=citations, attributed_to=who)

    def _label(self, text: str, model_label: str, support: Sequence[_Sentence]) -> tuple[Label, list[str]]:
        """The model's label, unless it would present as fact what the sources or the text itself hedge."""
        rule = label_sentence(text)
        wanted = model_label.strip().lower()
        label: Label = wanted if wanted in LABELS else rule.label
        if label == "fact":
            hedged = [s for s in support if s.row.label in _HEDGE_PRIORITY]
            if hedged:
                source = min(hedged, key=lambda s: _HEDGE_PRIORITY.index(s.row.label))
                self._note_relabel(text, model_label, source.row.label, "a cited source sentence")
                return source.row.label, [*source.row.cues, "kept the source's label"]
            if rule.label != "fact":
                self._note_relabel(text, model_label, rule.label, "the statement's own wording")
                return rule.label, list(rule.cues)
        if rule.label == label:
            return label, list(rule.cues)
        same = next((s for s in support if s.row.label == label), None)
        if same is not None:
            return label, list(same.row.cues)
        return label, [f"labelled {label} by the language model"]

    def _note_relabel(self, text: str, model_label: str, label: str, why: str) -> None:
        with self._lock:
            self.relabelled_total += 1
        log.info("LLM statement relabelled %s -> %s (%s): %.200r", model_label or "?", label, why, text)


def _resolve(citations: Sequence[str], by_id: dict[str, _Context]) -> tuple[list[_Context], str | None]:
    """The cited passages, or why the citations are unacceptable (none, or an id not retrieved)."""
    if not citations:
        return [], "cites no passage"
    cited: list[_Context] = []
    for raw in citations:
        match = _ID.match(raw)
        pid = f"P{int(match.group(1))}" if match else None
        if pid is None or pid not in by_id:
            return [], f"cites {raw[:20]!r}, which is not a retrieved passage"
        if by_id[pid] not in cited:
            cited.append(by_id[pid])
    return cited, None


def _verified_conflict(
    conflict: DraftConflict, by_id: dict[str, _Context], book: _SourceBook
) -> Conflict | None:
    """A model conflict, kept only if it cites two or more retrieved passages holding its names, numbers."""
    summary = strip_links(conflict.summary)
    cited, reason = _resolve(conflict.citations, by_id)
    if reason is None and len(cited) < 2:
        reason = "a conflict needs two cited passages"
    if reason is None and (not summary or _INSTRUCTION_LIKE.search(summary)):
        reason = "is empty or reads like an instruction"
    if reason is None:
        missing = missing_names_or_numbers(summary, [c.evidence for c in cited])
        if missing:
            reason = f"{', '.join(repr(m) for m in missing[:3])} not in the cited passages"
    if reason is None and not _sides_differ(summary, [c.evidence for c in cited]):
        reason = "its passages do not give different values"
    if reason is not None:
        log.info("LLM conflict dropped (%s): %.200r", reason, conflict.summary)
        return None
    citations: list[int] = []
    for ctx in cited:
        chosen = _supporting_sentences(summary, ctx)
        start, end = (chosen[0].row.start, chosen[-1].row.end) if chosen else (
            ctx.passage.chunk.start, ctx.passage.chunk.end)
        number = book.cite(ctx, start, end)
        if number not in citations:
            citations.append(number)
    return Conflict(summary=summary, citations=citations)


def _sides_differ(summary: str, evidence: Sequence[str]) -> bool:
    """A conflict naming values (dates, counts, amounts) must name two of one kind, each stated by a
    cited passage that does not also state the other. One naming no values (an outcome, a cause) is
    judged by its words alone."""
    named = _values(summary)
    if not named:
        return True
    held = [_values(text) for text in evidence]
    for kind in {k for k, _ in named}:
        values = [v for k, v in named if k == kind]
        for a in values:
            for b in values:
                if a != b and any((kind, a) in h and (kind, b) not in h for h in held) and any(
                        (kind, b) in h and (kind, a) not in h for h in held):
                    return True
    return False


def _checked_attribution(who: str | None, cited_texts: Sequence[str]) -> str | None:
    """The model's "attributed_to", kept only when its words are in the cited passages."""
    if not who:
        return None
    clean = strip_links(who)[:MAX_ATTRIBUTION_CHARS].strip(" .,;:")
    if not clean or missing_names_or_numbers(clean, cited_texts):
        return None
    words = set(terms(clean))
    available = {t for text in cited_texts for t in terms(text)}
    return clean if words and words <= available else None


def _read_prompt(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"The LLM prompt file {path.name} is missing from the prompts folder.") from exc


def build_chat_model(settings: Settings) -> BaseChatModel:
    """The chat model for ``settings.llm_provider``, temperature 0, provider package imported lazily."""
    provider = settings.llm_provider
    if provider not in _PROVIDERS:
        raise ConfigError(f"Unknown LLM provider {provider!r}; use anthropic, openai or ollama.")
    module_name, class_name = _PROVIDERS[provider]
    try:
        chat_class = getattr(importlib.import_module(module_name), class_name)
    except ImportError as exc:
        raise ConfigError(
            f"BRIEFBOT_LLM_PROVIDER={provider} needs the {module_name.replace('_', '-')} package: "
            f"pip install 'briefbot[{provider}]'"
        ) from exc
    model = settings.llm_model or DEFAULT_MODELS[provider]
    kwargs: dict[str, Any] = {"model": model, "temperature": 0}
    if provider == "ollama":
        kwargs.update(base_url=settings.ollama_base_url, format="json",
                      client_kwargs={"timeout": DEFAULT_TIMEOUT_SECONDS})
    else:
        kwargs.update(timeout=DEFAULT_TIMEOUT_SECONDS, max_retries=1)
        if settings.llm_api_key is not None:
            kwargs["api_key"] = settings.llm_api_key.get_secret_value()
    try:
        chat_model: BaseChatModel = chat_class(**kwargs)
        return chat_model
    except Exception as exc:  # e.g. no API key configured: say which setting, never echo values
        raise ConfigError(
            f"Could not set up the {provider} chat model {model!r} ({type(exc).__name__}); "
            "check BRIEFBOT_LLM_MODEL and BRIEFBOT_LLM_API_KEY."
        ) from exc
