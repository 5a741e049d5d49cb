"""Hostile questions: nothing crashes (only BriefbotError), nothing pings, every limit holds.

10,000 seeded random questions (mentions, role pings, @everyone/@here, markdown, code fences,
zero-width and bidi characters, control characters, emoji, fullwidth look-alikes, empty, 50,000
characters) go through the pure path the ask cog uses: ``clean_question`` → answer → ``render_answer``
/ ``render_quotes`` / ``thread_name``. The real AnswerService answers a seeded sample of them (it takes
~0.1 s a question, too slow for all 10,000 within the suite's time budget; set ``BRIEFBOT_FUZZ_FULL=1``
to send every one); the others are rendered with a real answer from that sample whose question is the
hostile text, which is the part of the output the question controls. A few hundred more go through the
real bot and the fake Discord, via ``/ask`` and via mentions.
"""

from __future__ import annotations

import asyncio
import os
import random
from collections import Counter
from dataclasses import replace
from typing import Any

import pytest

from bot.answers.model import Answer
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
    visible_text,
)
from bot.errors import BriefbotError
from tests.app.conftest import BotFactory, Services, StubAnswers, scene_of
from tests.fakediscord.fixtures import running_bot
from tests.fakediscord.server import FakeDiscord

N_QUESTIONS = 10_000
REAL_SAMPLE = 1 if os.environ.get("BRIEFBOT_FUZZ_FULL") else 80  # every 80th question asks the real service
N_BOT = 300
MAX_CHARS = 500

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


@pytest.mark.timeout(120)
async def test_hostile_questions_through_the_real_bot(
    bot_factory: BotFactory, fake_discord: FakeDiscord, services: Services
) -> None:
    rng = random.Random(7)
    pool = [a for a in (services.answers.ask(q) for q in
                        ("What did Anthropic say about the order?", "Why were the models taken offline?"))
            if not a.abstained]

    def fast(question: str) -> Answer:
        return replace(rng.choice(pool), question=question)

    client = bot_factory(answers=StubAnswers(services.answers, make=fast))
    fake = fake_discord
    scene = scene_of(fake)
    outcomes: Counter[str] = Counter()
    async with running_bot(client, fake):
        for i in range(N_BOT):
            # Discord caps string options at 6,000 characters and sends UTF-8 (no lone surrogates).
            question = hostile_question(rng, 10 + i)[:6000].encode("utf-8", "replace").decode("utf-8")
            if i % 3 == 2:
                before = len(fake.requests_to("POST", r"^/channels/\d+/messages$"))
                await fake.send_message(f"{fake.bot_user.mention} {question}", author=scene.user,
                                        mentions=[fake.bot_user])
                await fake.wait_for_request("POST", r"^/channels/\d+/messages$", count=before + 1)
                outcomes["mentions"] += 1
                continue
            handle = await fake.send_interaction("ask", {"question": question}, user=scene.user)
            response = await handle.wait_response()
            if response.json["type"] == 4:
                outcomes["refused ephemerally"] += 1
                assert response.json["data"]["flags"] & 64
            else:
                await handle.wait_followups(1)
                outcomes["answered"] += 1
        await asyncio.sleep(0.3)
    client.feedback.close()
    checked = 0
    for request in fake.requests:
        body: Any = request.json
        if request.method not in ("POST", "PATCH") or not isinstance(body, dict):
            continue
        if "type" in body and "data" in body:
            body = body["data"]
        if not isinstance(body, dict) or not ("content" in body or "embeds" in body):
            continue
        checked += 1
        assert body.get("allowed_mentions") in ({"parse": []}, {"parse": [], "replied_user": False}), request
        assert limit_problems(body) == [] and not PING.search(visible_text(body)), request
    print("\nfuzz (real bot):", dict(outcomes), "requests checked:", checked)
    assert sum(outcomes.values()) == N_BOT and checked >= N_BOT
