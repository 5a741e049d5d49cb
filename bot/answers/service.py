"""The answer service every surface calls: validate the question, retrieve, compose, time it.

Blocking (model, Chroma, SQLite): surfaces on an event loop call it through ``asyncio.to_thread``.
"""

from __future__ import annotations

import re
import time
import unicodedata

from bot.answers.compose import CONFLICT_PASSAGES, Composer, ExtractiveComposer
from bot.answers.model import Answer
from bot.answers.retrieve import Passage, Retriever
from bot.corpus.ingest import CorpusService
from bot.corpus.models import Article
from bot.errors import InvalidInputError
from bot.settings import Settings

# Chat mention markup (<@123>, <@&5>, <#9>, @everyone, @here) is addressing, not part of a question.
CHAT_MENTION = re.compile(r"<(?:@[!&]?|#)\d+>|@(?:everyone|here)\b")


def clean_question(question: str, max_chars: int) -> str:
    """Normalise a question (drop control and zero-width characters) and enforce the length limit."""
    text = "".join(
        ch for ch in unicodedata.normalize("NFKC", question)
        if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Cn")
    )
    text = " ".join(CHAT_MENTION.sub(" ", text).split())
    if not text:
        raise InvalidInputError("Please ask a question in words.")
    if len(text) > max_chars:
        raise InvalidInputError(
            f"That question is {len(text):,} characters long; please keep it under {max_chars:,}."
        )
    return text


class AnswerService:
    def __init__(self, settings: Settings, corpus: CorpusService) -> None:
        self.settings = settings
        self.corpus = corpus
        self.retriever = Retriever(corpus.catalog, corpus.index)
        self.composer = make_composer(settings, corpus, self.retriever)

    def warm_up(self) -> None:
        self.retriever.warm_up()

    def ask(self, question: str) -> Answer:
        started = time.perf_counter()
        text = clean_question(question, self.settings.max_question_chars)
        passages = self.retriever.retrieve(text, k=max(self.settings.retrieval_k, CONFLICT_PASSAGES))
        answer = self.composer.compose(text, passages)
        answer.elapsed_ms = round((time.perf_counter() - started) * 1000, 1)
        return answer

    def search(self, query: str, k: int = 10) -> list[Passage]:
        """Passages matching a query, for `/sources query` (no composing)."""
        return self.retriever.retrieve(clean_question(query, self.settings.max_question_chars), k=k)

    def search_articles(self, query: str, k: int = 10) -> list[Article]:
        seen: dict[int, Article] = {}
        for passage in self.search(query, k=k * 2):
            seen.setdefault(passage.article.id, passage.article)
        return list(seen.values())[:k]


def make_composer(settings: Settings, corpus: CorpusService, retriever: Retriever) -> Composer:
    """The extractive composer by default; an LLM composer (verified against passages) when configured."""
    extractive = ExtractiveComposer(corpus.catalog, retriever.lexical, statement_passages=settings.retrieval_k)
    if settings.llm_provider == "none":
        return extractive
    from bot.answers.llm import LLMComposer

    return LLMComposer.from_settings(settings, extractive)
