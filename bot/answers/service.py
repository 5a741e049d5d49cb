"""The answer service every surface calls: validate the question, retrieve, compose, time it.

Blocking (model, Chroma, SQLite): surfaces on an event loop call it through ``asyncio.to_thread``.
"""

from __future__ import annotations

import re
import time
import unicodedata
from collections.abc import Sequence
from dataclasses import replace

from bot.answers import bot_help, small_talk
from bot.answers.answerability import Signals
from bot.answers.compose import CONFLICT_PASSAGES, STATEMENT_PASSAGES, Composer, ExtractiveComposer, quoted_list
from bot.answers.followups import CARRIED_TOPIC
from bot.answers.model import Answer, Part, Source
from bot.answers.question import ReadQuestion, Turn, read_question
from bot.answers.retrieve import Passage, Retriever
from bot.answers.sentence_vectors import SentenceVectors
from bot.corpus.ingest import CorpusService
from bot.corpus.models import Article
from bot.errors import InvalidInputError
from bot.nlp.terms import terms
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
    if not any(ch.isalnum() for ch in text):  # "", "????", "🤔": nothing to look for
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
        self.vectors = SentenceVectors(settings.data_dir / "sentence_vectors.sqlite3", corpus.index.model_id)
        self.composer = make_composer(settings, corpus, self.retriever, self.vectors)

    def warm_up(self) -> None:
        self.retriever.warm_up()

    def close(self) -> None:
        self.vectors.close()

    def read(self, question: str, earlier: Sequence[str | Turn] = ()) -> ReadQuestion:
        """The question as meant: normalised, split into parts, each read in the thread's context
        (``earlier``: the thread's earlier questions, or (question, lead of its answer) pairs)."""
        text = clean_question(question, self.settings.max_question_chars)
        vocabulary = self.retriever.lexical.vocabulary
        previous: list[str] = []
        answered: str | None = None
        for turn in earlier:  # earlier questions are read the same way, each in the context before it
            asked, lead = (turn, None) if isinstance(turn, str) else turn
            read = read_question(asked, previous, vocabulary, answered, self._chat, self._site_named)
            previous.extend([] if read.small_talk else read.parts)
            answered = lead
        # in a thread, "go on", "why?" and "tell me more" are follow-ups, read with what came before; "thx" is
        # still thanks
        return read_question(text, previous, vocabulary, answered, _thanks if previous else self._chat,
                             self._site_named)

    def _site_named(self, text: str) -> str | None:
        """The words a text names one of the sources' sites by ("eyeon ai", "r street"), or None."""
        named = self.retriever.lexical.named_site(text)
        return " ".join(named[0].words) if named else None

    def _chat(self, parts: Sequence[str]) -> list[bool]:
        """Which parts of a message are small talk (see :mod:`bot.answers.small_talk`): never one naming one of
        the story's own names ("can I use Claude right now" asks about the story, however chatty it reads)."""
        return [(chat and not self._names_the_story(part)) or small_talk.asks_to_go_on(part)  # no thread to go on
                for part, chat in zip(parts, small_talk.load_model().is_small_talk(parts), strict=True)]

    def _names_the_story(self, text: str) -> bool:
        """Whether a text names one of the story's own names (not one in capitals: "BIS" is also a word of help)."""
        lexical = self.retriever.lexical
        return any(not word.isupper() and lexical.vocabulary.is_name(word) and all(lexical.story_term(t) for t in found)
                   for word in re.findall(r"[A-Za-z][\w-]+", text) if (found := terms(word)))

    def ask(self, question: str, earlier: Sequence[str | Turn] = ()) -> Answer:
        """Answer a question; ``earlier`` are the questions asked before it in the same thread (each
        optionally with the lead of the answer it got, so "what's his job?" knows who was named)."""
        started = time.perf_counter()
        reading = self.read(question, earlier)
        # (a follow-up in a thread about the story is about it: "after july 7 do subscribers pay that too" asks of
        # Fable's price, not of the bot's subscriptions)
        if not any(map(self._names_the_story, [reading.normalised, *reading.parts])) \
                and self._site_named(reading.normalised) is None and bot_help.load_model().about_the_bot(reading.asked):
            # "whens the next brief", "how do i subscribe": the command that does it, not the story's "subscriptions"
            return Answer(question=reading.asked, abstained=True, abstain_reason=bot_help.reply(reading.asked),
                          normalised=reading.normalised, elapsed_ms=round((time.perf_counter() - started) * 1000, 1))
        if reading.small_talk:
            return Answer(question=reading.asked, abstained=True, abstain_reason=small_talk.reply(question),
                          normalised=reading.normalised,
                          elapsed_ms=round((time.perf_counter() - started) * 1000, 1))
        k = max(self.settings.retrieval_k, CONFLICT_PASSAGES)
        answers: list[Answer] = []
        for i, part in enumerate(reading.parts):
            if i and answers[-1].abstained and answers[-1].not_found and (
                    _BUILDS_ON.search(part) or _carries(part, answers[-1].not_found)):
                # "fable got 91% on gpqa right? did mythos beat it": no such 91% reported, so nothing to beat
                premise = quoted_list(answers[-1].not_found[:2])
                answers.append(Answer(question=part, abstained=True, not_found=answers[-1].not_found,
                                      abstain_reason=f"The rest of the question builds on {premise}, which is not "
                                                     "reported."))
                continue
            if i and answers[-1].lead and not answers[-1].abstained:  # "…and which official did he call?"
                part = reading.parts[i] = reading.reread(i, answers[-1].lead, self.retriever.lexical.vocabulary,
                                                         self._site_named)
            answers.append(self.composer.compose(part, self.retriever.retrieve(part, k=k)))
        answer = merge_parts(reading, answers)
        answer.elapsed_ms = round((time.perf_counter() - started) * 1000, 1)
        return answer

    def signals(self, question: str, earlier: Sequence[str | Turn] = ()) -> list[Signals]:
        """The answerability signals of each part (for fitting the model; see answerability.py)."""
        reading = self.read(question, earlier)
        if len(reading.parts) != 1 or not isinstance(self.composer, ExtractiveComposer):
            return []
        part = reading.parts[0]
        found = self.composer.signals(part, self.retriever.retrieve(part, k=self.composer.statement_passages))
        return [found] if found else []

    def search(self, query: str, k: int = 10) -> list[Passage]:
        """Passages matching a query, for `/sources query` (no composing)."""
        reading = self.read(query)
        return self.retriever.retrieve(" ".join(reading.parts), k=k)

    def search_articles(self, query: str, k: int = 10) -> list[Article]:
        seen: dict[int, Article] = {}
        for passage in self.search(query, k=k * 2):
            seen.setdefault(passage.article.id, passage.article)
        return list(seen.values())[:k]


def _thanks(parts: Sequence[str]) -> list[bool]:
    """Which parts of a message in a thread are chat: only thanks (anything else there goes on with the thread)."""
    return [small_talk.thanks(part) for part in parts]


# a part pointing back at the one before it ("did mythos beat it", "how long does that last")
_BUILDS_ON = re.compile(r"\b(?:it|its|that|this|those|these|they|them|their|he|him|his|she|her)\b", re.IGNORECASE)


def _carries(part: str, not_found: Sequence[str]) -> bool:
    """Whether a part carries, in its bracketed topic, a value the part before it looked for and did not find
    ("does fable cost more past 200k? whats the long-context rate (Fable, 200,000)?")."""
    carried = CARRIED_TOPIC.search(part)
    if carried is None:
        return False
    said = f" {' '.join(terms(carried.group(1)))} "
    return any(f" {' '.join(terms(value))} " in said for value in not_found if terms(value))


def merge_parts(reading: ReadQuestion, answers: Sequence[Answer]) -> Answer:
    """One answer for a message: each answered part's statements in order, sources renumbered so each
    article keeps one number; a part the corpus does not answer is named, with what was looked for."""
    parts = [Part(question=p, answered=not a.abstained, reason=a.abstain_reason)
             for p, a in zip(reading.parts, answers, strict=True)]
    answered = [a for a in answers if not a.abstained]
    if len(answers) == 1 or not answered:
        merged = answers[0] if len(answers) == 1 else Answer(
            question=reading.asked, abstained=True,
            abstain_reason=" ".join(dict.fromkeys(a.abstain_reason or "" for a in answers)).strip() or None,
            not_found=list(dict.fromkeys(x for a in answers for x in a.not_found)))
        merged.question, merged.normalised, merged.parts = reading.asked, reading.normalised, parts
        return merged
    merged = Answer(question=reading.asked, abstained=False, normalised=reading.normalised, parts=parts,
                    composer=answered[0].composer)
    by_article: dict[int, Source] = {}
    for answer in answered:
        renumber: dict[int, int] = {}
        for source in answer.sources:
            known = by_article.get(source.article_id)
            if known is None:
                known = replace(source, n=len(by_article) + 1)
                by_article[source.article_id] = known
                merged.sources.append(known)
            else:
                extra = [q for q in source.quotes if q not in known.quotes]
                known.more_quotes.extend(extra)
            renumber[source.n] = known.n
        for statement in answer.statements:
            if any(statement.text == said.text for said in merged.statements):
                continue  # two parts answered by the same sentence: said once
            merged.statements.append(replace(statement, citations=list(dict.fromkeys(
                renumber[n] for n in statement.citations if n in renumber))))
        for conflict in answer.conflicts:
            citations = [renumber[n] for n in conflict.citations if n in renumber]
            same = next((c for c in merged.conflicts if c.summary == conflict.summary), None)
            if same is not None:  # two parts touching one dispute: shown once, with both parts' citations
                same.citations.extend(n for n in citations if n not in same.citations)
                continue
            merged.conflicts.append(replace(conflict, citations=citations))
    leads = list(dict.fromkeys(a.lead for a in answered if a.lead))
    merged.lead = leads[0] if leads else None
    merged.part_leads = leads if len(leads) > 1 else []
    unanswered = [p for p in parts if not p.answered]
    if unanswered:
        merged.unanswered_note = " ".join(
            f"Not answered: “{p.question}” — {p.reason}" if p.reason else f"Not answered: “{p.question}”."
            for p in unanswered)
    return merged


def make_composer(settings: Settings, corpus: CorpusService, retriever: Retriever,
                  vectors: SentenceVectors | None = None) -> Composer:
    """The extractive composer by default; an LLM composer (verified against passages) when configured."""
    extractive = ExtractiveComposer(corpus.catalog, retriever.lexical,
                                    statement_passages=max(settings.retrieval_k, STATEMENT_PASSAGES), vectors=vectors)
    if settings.llm_provider == "none":
        return extractive
    from bot.answers.llm import LLMComposer

    return LLMComposer.from_settings(settings, extractive)
