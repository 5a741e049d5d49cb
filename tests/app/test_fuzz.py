"""Hostile questions: nothing crashes (only BriefbotError), nothing pings, every limit holds.

Seeded random questions (mentions, role pings, @everyone/@here, markdown, code fences, zero-width and
bidi characters, control characters, lone surrogates, emoji, fullwidth look-alikes, empty, 50,000
characters) go two ways:

* 10,000 through the real discord.py client and the fake Discord, as ``/ask`` interactions (7 in 8) and
  messages mentioning the bot (1 in 8), 100 at a time. A fast stand-in for the answer service rewrites a
  real answer around each question (header, statements, a claim's speaker, a source, a conflict), so the
  hostile text reaches every part of the rendered output. Every payload the bot sends is checked as the
  fake receives it: allowed mentions none, every Discord limit, no raw mention left; every question is
  answered or refused exactly as the validation rules say; the ERROR-log guard catches any crash.
* 10,000 through the pure path the ask cog uses: ``clean_question`` → answer → ``render_answer`` /
  ``render_quotes`` / ``thread_name``. The real AnswerService answers a seeded sample (it takes ~0.1 s a
  question; set ``BRIEFBOT_FUZZ_FULL=1`` to send every one); the others are rendered with a real answer
  from that sample whose question is the hostile text.
"""

from __future__ import annotations

import asyncio
import os
import random
import re
import time
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest

from bot.answers.model import Answer, Conflict, Statement
from bot.answers.service import clean_question
from bot.app.cogs.ask import strip_mention
from bot.app.render import (
    MARKER,
    MAX_THREAD_NAME,
    PING,
    limit_problems,
    message_payload,
    render_answer,
    render_quotes,
    thread_name,
    unescape,
    visible_text,
)
from bot.errors import BriefbotError
from tests.app.conftest import BotFactory, Services, StubAnswers, scene_of
from tests.fakediscord.fixtures import running_bot
from tests.fakediscord.server import FakeDiscord, RecordedRequest

N_QUESTIONS = 10_000
REAL_SAMPLE = 1 if os.environ.get("BRIEFBOT_FUZZ_FULL") else 80  # every 80th question asks the real service
N_WIRE = 10_000  # through the real discord.py client and the fake Discord
WIRE_BATCH = 100  # sent concurrently, then the fake forgets what it recorded
MENTION_EVERY = 8  # every 8th question is a message mentioning the bot, the others /ask
QUOTES_EVERY = 25  # and every 25th answered /ask gets its Quotes button clicked
MAX_CHARS = 500
EPHEMERAL = 64

HOSTILE = [
    "<@123>", "<@!123>", "<@&5>", "<#9>", "@everyone", "@here", "@Everyone", "＠everyone", "<＠123>",
    "**bold**", "__under__", "~~strike~~", "||spoiler||", "`tick`", "```py\nprint('x')\n```", "> quote",
    "# Heading", "-# sub", "[link](https://evil.example)", "<https://evil.example>", "\\", "\\[1\\]", "[3]",
    "\u200b", "\u200c", "\u200d", "\ufeff", "\u202e", "\u202d", "\u2066", "\u2069", "\u061c",
    "🦆", "👍🏽", "❤️‍🔥", "🏳️‍🌈", "\x00", "\x07", "\x1b[31m", "\x7f", "\r\n", "\t", "e\u0301",
    "\ud800", "ﷺ", "𝕬𝖓𝖙𝖍𝖗𝖔𝖕𝖎𝖈", "</ask:1>", "<t:0:R>", "<:emoji:1>", "@", "<@", ">",
]
WORDS = ["What", "did", "Anthropic", "say", "about", "the", "export", "control", "order", "Fable", "5",
         "Mythos", "Commerce", "Department", "why", "were", "models", "taken", "offline", "foreign",
         "nationals", "when", "appeal", "?", "lawsuit", "court", "customers", "API"]


def hostile_question(rng: random.Random, i: int) -> str:
    """A seeded hostile question; some fixed shapes first, then random mixtures."""
    special = {0: "", 1: " \t\n ", 2: "x" * 50_000, 3: "@everyone " * 5_000, 4: "a" * MAX_CHARS,
               5: "a" * (MAX_CHARS + 1), 6: "\u200b" * 100, 7: "<@123>" * 80, 8: "```" * 200, 9: "🦆" * 499}
    if i in special:
        return special[i]
    parts: list[str] = []
    for _ in range(rng.choice([1, 3, 8, 20, 60])):
        r = rng.random()
        if r < 0.45:
            parts.append(rng.choice(WORDS))
        elif r < 0.9:
            parts.append(rng.choice(HOSTILE))
        else:
            parts.append("".join(chr(rng.randint(0, 0x2FFFF)) for _ in range(rng.randint(1, 6))))
    if rng.random() < 0.02:
        parts.append("z" * rng.randint(400, 60_000))
    return rng.choice(["", " ", "\n"]).join(parts)


def check_rendered(answer: Answer, quotes: bool = True) -> int:
    """All render paths for one answer; returns the number of messages checked.

    Quotes do not depend on the question, so pooled answers skip them (they were checked once).
    """
    valid = {s.n for s in answer.sources}
    messages = render_answer(answer) + (render_quotes(answer) if quotes else [])
    for message in messages:
        payload = message_payload(message)
        assert limit_problems(payload) == [], payload
        text = visible_text(payload)
        assert not PING.search(text), text
        for embed in payload["embeds"]:
            if embed.get("title", "").startswith(("Reported facts", "Claims", "Speculation", "Sources disagree")):
                assert {int(n) for n in MARKER.findall(embed["description"])} <= valid
    name = thread_name(answer.question)
    assert len(name) <= MAX_THREAD_NAME and not PING.search(name)
    return len(messages)


def test_ten_thousand_hostile_questions_through_the_pure_path(services: Services) -> None:
    rng = random.Random(20260617)
    stats: Counter[str] = Counter()
    pool: list[Answer] = []
    for i in range(N_QUESTIONS):
        question = hostile_question(rng, i)
        stats["questions"] += 1
        try:
            text = clean_question(strip_mention(question, 42) if i % 2 else question, MAX_CHARS)
        except BriefbotError:
            stats["refused by clean_question"] += 1
            continue
        if i % REAL_SAMPLE == 0 or not pool:
            try:
                answer = services.answers.ask(text)
            except BriefbotError:
                stats["BriefbotError from ask"] += 1
                continue
            stats["answered by AnswerService"] += 1
            real = True
            stats["abstained"] += answer.abstained
            if not answer.abstained:
                pool.append(answer)
        else:
            answer = replace(rng.choice(pool), question=text)
            stats["rendered with a pooled real answer"] += 1
            real = False
        stats["messages checked"] += check_rendered(answer, quotes=real)
    print("\nfuzz (pure path):", dict(stats))
    assert stats["questions"] == N_QUESTIONS
    assert stats["answered by AnswerService"] >= 100 and pool


def wire_answer(pool: list[Answer]) -> Callable[[str], Answer]:
    """A fast stand-in for the answer service: a real answer, rewritten around the (hostile) question.

    The question becomes the header, part of a statement, a claim's speaker, a source's title, outlet
    and quote, and a conflict's summary; a few raw hostile tokens (mentions, markdown) are added as if an
    article contained them. Deterministic per question (it runs in worker threads: no shared RNG).
    """

    def make(question: str) -> Answer:
        h = zlib.crc32(question.encode("utf-8", "surrogatepass"))
        base = pool[h % len(pool)]
        corpus_side = " ".join(HOSTILE[(h >> k) % len(HOSTILE)] for k in (0, 5, 10, 15))
        first, *rest = base.statements
        cited = [s.n for s in base.sources]
        statements = [replace(first, text=f"{first.text} {question}"), *rest,
                      Statement(f"{corpus_side} {question}", "claim", [], cited[:1], attributed_to=question[:80])]
        source = base.sources[0]
        sources = [replace(source, title=question, outlet=question[:60], quote=f"{source.quote} {corpus_side}"),
                   *base.sources[1:]]
        conflicts = [Conflict(f"{question[:200]} — {corpus_side}", cited[:2])]
        return Answer(question, False, statements, sources, conflicts)

    return make


def refuses(question: str) -> bool:
    """Whether the bot should refuse this question (empty or too long) rather than answer it."""
    try:
        clean_question(question, MAX_CHARS)
    except BriefbotError:
        return True
    return False


class WireCheck:
    """Checks every payload the bot sends as the fake answers it, so nothing needs to be kept in memory."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.payloads = 0
        self.replied: dict[str, bool] = {}  # user message id -> whether the reply carried an answer
        self.reply_to: dict[str, str] = {}  # the bot's reply id -> the user message it answers
        self.threads: set[str] = set()  # user messages whose answer got a thread

    def __call__(self, rec: RecordedRequest) -> None:
        if rec.is_error or rec.method not in ("POST", "PATCH"):
            return
        thread = re.fullmatch(r"/channels/\d+/messages/(\d+)/threads", rec.path)
        if thread:
            name = str((rec.json or {}).get("name", ""))
            if len(name) > MAX_THREAD_NAME or PING.search(name):
                self.problems.append(f"thread name {name!r}")
            self.threads.add(self.reply_to.get(thread.group(1), "?"))
            return
        body: Any = rec.json
        if isinstance(body, dict) and "type" in body and "data" in body:
            body = body["data"]
        if not isinstance(body, dict) or not ("content" in body or "embeds" in body):
            return
        self.payloads += 1
        allowed = body.get("allowed_mentions") or {}
        if allowed.get("parse") != [] or allowed.get("users") or allowed.get("roles") or allowed.get("replied_user"):
            self.problems.append(f"{rec.path}: allowed_mentions {allowed}")
        problems = limit_problems(body)
        pings = PING.findall(visible_text(body))
        if problems or pings:
            self.problems.append(f"{rec.path}: {problems} {pings[:3]}")
        reference = body.get("message_reference")
        if reference and isinstance(rec.response, dict):
            asked = str(reference["message_id"])
            self.reply_to[str(rec.response["id"])] = asked
            self.replied[asked] = bool(body.get("embeds") or body.get("components"))


@pytest.mark.timeout(300)
async def test_ten_thousand_hostile_questions_through_the_real_bot(
    bot_factory: BotFactory, fake_discord: FakeDiscord, services: Services
) -> None:
    rng = random.Random(7)
    pool = [a for a in (services.answers.ask(q) for q in
                        ("What did Anthropic say about the order?", "Why were the models taken offline?",
                         "When did the lawsuit start?")) if not a.abstained and len(a.sources) >= 2]
    assert pool
    client = bot_factory(answers=StubAnswers(services.answers, make=wire_answer(pool)))
    fake = fake_discord
    scene = scene_of(fake)
    check = WireCheck()
    # Discord echoes the bot's own messages back; the bot ignoring them is tested end to end elsewhere, and
    # here the echoes would cost a third of the run's time.
    fake.echo_bot_messages = False
    fake.observers.append(check)
    outcomes: Counter[str] = Counter()
    echoed: list[bool] = []

    async def ask_by_slash(question: str, click_quotes: bool) -> None:
        handle = await fake.send_interaction("ask", {"question": question}, user=scene.user)
        response = await handle.wait_response(timeout=60)
        if response.json["type"] == 4:
            assert refuses(question) and response.json["data"]["flags"] & EPHEMERAL, question[:200]
            outcomes["/ask refused ephemerally"] += 1
            return
        assert response.json["type"] == 5 and not refuses(question), question[:200]
        await fake.wait_until(lambda: any(f.json.get("components") for f in handle.followups), 60, "an answer")
        shown = unescape("\n".join(visible_text(f.json) for f in handle.followups))
        echoed.append(clean_question(question, MAX_CHARS)[:40] in shown)
        outcomes["/ask answered"] += 1
        if click_quotes:
            last = handle.followups[-1]
            assert last.message is not None
            quotes = await fake.send_component(last.message, last.json["components"][0]["components"][0]["custom_id"])
            assert (await quotes.wait_response(timeout=60)).json["data"]["flags"] & EPHEMERAL
            outcomes["Quotes clicked"] += 1

    async def ask_by_mention(question: str) -> None:
        content = f"{fake.bot_user.mention} {question}"[:2000]  # Discord's message limit for users
        sent = await fake.send_message(content, author=scene.user, mentions=[fake.bot_user])
        asked = str(sent["id"])
        await fake.wait_until(lambda: asked in check.replied, 60, "a reply")
        refused = refuses(strip_mention(content, fake.bot_user.id))
        assert check.replied[asked] != refused, content[:200]
        if not refused:  # answered: done once the thread is open on the reply
            await fake.wait_until(lambda: asked in check.threads, 60, "a thread")
        outcomes["mention refused" if refused else "mention answered"] += 1

    questions = [hostile_question(rng, 10 + i)[:6000].encode("utf-8", "replace").decode("utf-8")
                 for i in range(N_WIRE)]  # Discord caps options at 6,000 characters, sends valid UTF-8
    started = time.perf_counter()
    async with running_bot(client, fake):
        for first in range(0, N_WIRE, WIRE_BATCH):
            await asyncio.gather(*(
                ask_by_mention(q) if i % MENTION_EVERY == 0 else ask_by_slash(q, i % QUOTES_EVERY == 1)
                for i, q in enumerate(questions[first:first + WIRE_BATCH], start=first)))
            fake.forget()  # everything sent so far has been checked by WireCheck
        await asyncio.sleep(0.2)
    seconds = time.perf_counter() - started
    client.feedback.close()
    print(f"\nfuzz (real bot, fake Discord): {N_WIRE} questions in {seconds:.1f} s = {N_WIRE / seconds:.0f}/s;",
          dict(outcomes), f"payloads checked: {check.payloads}")
    assert check.problems == []
    assert sum(v for k, v in outcomes.items() if k != "Quotes clicked") == N_WIRE
    assert outcomes["/ask answered"] > N_WIRE // 3 and outcomes["mention answered"] > N_WIRE // 40
    assert check.payloads >= N_WIRE and all(echoed)  # the hostile question is shown, escaped, intact
