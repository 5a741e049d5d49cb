"""The real bot (real discord.py, real answer service over a small real corpus) against the fake Discord.

Each test asserts what Discord would have received: callbacks, follow-ups, embeds, components, flags
and allowed_mentions, plus the bot's own state (feedback DB, catalog, audit log).
"""

from __future__ import annotations

import asyncio
import re
import sqlite3
import time
from pathlib import Path
from typing import Any

import discord
import pytest

from bot.answers.model import Answer, Conflict, Source, Statement
from bot.app.client import EXTENSIONS, BriefBot, bot_intents, create_bot
from bot.app.render import MARKER, PING, limit_problems, render_answer, unescape, visible_text
from bot.briefs.service import BriefService
from tests.app.conftest import BotFactory, Services, StubAnswers, corpus_files, open_services, scene_of
from tests.fakediscord.fixtures import ErrorGuard, running_bot
from tests.fakediscord.server import FakeDiscord, InteractionHandle, RecordedRequest

pytestmark = pytest.mark.timeout(60)

NO_PINGS: dict[str, list[str]] = {"parse": []}
QUESTION = "What did Anthropic say about the order?"
QUOTES_ID = re.compile(r"^briefbot:quotes:[0-9a-f]{32}$")
EPHEMERAL = 64


def safe_mentions(body: dict[str, Any]) -> bool:
    """AllowedMentions.none() (a reply may add ``replied_user: false``): nobody can be pinged."""
    allowed = body.get("allowed_mentions")
    return allowed in (NO_PINGS, {"parse": [], "replied_user": False})


def message_requests(fake: FakeDiscord) -> list[RecordedRequest]:
    """Every request that carries message content (posts, follow-ups, callbacks, edits)."""
    pattern = r"^/(channels/\d+/messages|webhooks/\d+/[^/]+(/messages/.+)?|interactions/\d+/[^/]+/callback)$"
    return [r for r in fake.requests_to("*", pattern) if r.method in ("POST", "PATCH") and r.json]


def assert_no_pings_anywhere(fake: FakeDiscord) -> None:
    for request in message_requests(fake):
        body = request.json.get("data", request.json) if "type" in request.json else request.json
        if not body or not any(k in body for k in ("content", "embeds")):
            continue
        assert safe_mentions(body), request
        assert limit_problems(body) == [], request
        assert not PING.search(visible_text(body)), request


def custom_ids(payload: dict[str, Any]) -> list[str]:
    return [c["custom_id"] for row in payload.get("components") or [] for c in row["components"]]


async def quotes_settled(click: InteractionHandle, quiet: float = 1.0, timeout: float = 20.0) -> None:
    """Until the Quotes button's follow-ups stop arriving (none for ``quiet`` seconds): a fixed short wait let the bot
    still be sending one when the test shut the fake server down, on a loaded machine."""
    loop = asyncio.get_running_loop()
    end, seen = loop.time() + timeout, -1
    while len(click.followups) != seen and loop.time() < end:
        seen = len(click.followups)
        await asyncio.sleep(quiet)


async def ask(fake: FakeDiscord, question: str, user: Any = None) -> tuple[Any, list[RecordedRequest]]:
    handle = await fake.send_interaction("ask", {"question": question}, user=user)
    callback = await handle.wait_response()
    assert callback.json["type"] == 5
    for _ in range(200):  # follow-ups: until the one carrying the buttons arrived
        if any(custom_ids(f.json) and f.status == 200 for f in handle.followups):
            break
        await asyncio.sleep(0.05)
    return handle, [f for f in handle.followups if f.status == 200]


def all_text(followups: list[RecordedRequest]) -> str:
    return "\n".join(visible_text(f.json) for f in followups)


async def wait_until(predicate: Any, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.02)


# start-up ---------------------------------------------------------------------------------------

async def test_startup_syncs_global_commands_with_minimal_intents(bot: BriefBot, fake_discord: FakeDiscord) -> None:
    sync = fake_discord.requests_to("PUT", rf"^/applications/{fake_discord.application_id}/commands$")
    assert len(sync) == 1
    assert {c["name"] for c in sync[0].json} == {"ask", "sources", "corpus", "timeline"}
    corpus = next(c for c in sync[0].json if c["name"] == "corpus")
    assert {o["name"] for o in corpus["options"]} == {"add", "remove", "retry", "log", "feeds"}
    assert fake_discord.identifies[0]["intents"] == bot_intents().value
    assert bot.allowed_mentions is not None
    assert bot.allowed_mentions.to_dict() == NO_PINGS  # type: ignore[comparison-overlap]


async def test_cogs_are_extensions_loaded_once_in_setup_hook(bot: BriefBot, fake_discord: FakeDiscord) -> None:
    assert list(bot.extensions) == list(EXTENSIONS)  # errors first
    assert set(bot.cogs) == {"ErrorsCog", "AskCog", "SourcesCog", "CorpusCog", "TimelineCog"}  # no /brief
    assert bot.tree.on_error == bot.cogs["ErrorsCog"].on_app_command_error  # type: ignore[attr-defined]
    await bot.reload_extension("bot.app.cogs.sources")  # a real extension: hot-reloadable
    handle = await fake_discord.send_interaction("sources")
    [listing] = await handle.wait_followups(1)
    assert listing.json["embeds"][0]["title"].startswith("Corpus: ")
    await fake_discord.drop_connection()
    await fake_discord.wait_resumed()
    assert len(fake_discord.requests_to("PUT", r"/commands$")) == 1  # synced once, not per reload or reconnect


async def test_dev_guild_sync_and_sharded_factory(bot_factory: BotFactory, fake_discord: FakeDiscord,
                                                  services: Services) -> None:
    guild_id = scene_of(fake_discord).guild.id
    client = bot_factory(dev_guild_id=guild_id)
    async with running_bot(client, fake_discord):
        synced = fake_discord.requests_to("PUT", rf"^/applications/\d+/guilds/{guild_id}/commands$")
        assert {c["name"] for c in synced[0].json} == {"ask", "sources", "corpus", "timeline"}
        assert not fake_discord.requests_to("PUT", r"^/applications/\d+/commands$")
    assert not client.extensions and not client.cogs  # close() unloads them
    # The fake serves one gateway session, so the sharded bot is only built here (not connected);
    # AutoShardedClient.close() before connect() fails inside discord.py, so it is not closed either.
    sharded = create_bot(client.settings.model_copy(update={"shard_count": 2}), services.corpus,
                         services.answers, client.feedback)
    assert isinstance(sharded, discord.AutoShardedClient) and sharded.shard_count == 2
    assert isinstance(create_bot(client.settings, services.corpus, services.answers, client.feedback),
                      BriefBot)
    client.feedback.close()


# /ask -------------------------------------------------------------------------------------------

async def test_ask_defers_then_answers_with_sections_markers_and_buttons(
    bot: BriefBot, fake_discord: FakeDiscord
) -> None:
    handle, followups = await ask(fake_discord, QUESTION)
    callback = handle.response
    assert callback is not None and callback.at <= followups[0].at
    text = all_text(followups)
    ids = custom_ids(followups[-1].json)
    assert len(ids) == 3 and QUOTES_ID.match(ids[0])
    stored = bot.feedback.get_answer(ids[0].rsplit(":", 1)[1])
    assert stored is not None and stored.lead
    # the header opens with the sentence that best answers; each label the answer holds has its section
    assert followups[0].json["embeds"][0]["description"].startswith("**")
    labels = {s.label for s in stored.statements}
    for title, wanted in (("Reported facts", {"fact"}), ("Claims", {"claim"}),
                          ("Speculation & opinion", {"speculation", "opinion"})):
        assert (title in text) == bool(labels & wanted), title
    listed = {int(n) for n in re.findall(r"^\*\*\[(\d+)\]\*\*", text, re.M)}
    assert listed and {int(n) for n in MARKER.findall(text)} <= listed
    assert len(listed) == len({s.article_id for s in stored.sources})  # one number per article
    assert "fact" not in labels or re.search(r"fact · (corroborated by \d+ outlets|1 outlet)", text)
    assert ids[1].startswith("briefbot:vote:up:") and ids[2].startswith("briefbot:vote:down:")
    for f in followups:
        assert f.json["allowed_mentions"] == NO_PINGS and limit_problems(f.json) == []
        assert not (int(f.json.get("flags") or 0) & EPHEMERAL)


async def test_quotes_button_shows_exact_quotes_ephemerally(bot: BriefBot, fake_discord: FakeDiscord) -> None:
    _, followups = await ask(fake_discord, QUESTION)
    last = followups[-1]
    assert last.message is not None
    answer_id = custom_ids(last.json)[0].rsplit(":", 1)[1]
    stored = bot.feedback.get_answer(answer_id)
    assert stored is not None and stored.sources
    click = await fake_discord.send_component(last.message, custom_ids(last.json)[0])
    response = await click.wait_response()
    assert response.json["type"] == 4 and response.json["data"]["flags"] & EPHEMERAL
    shown = " ".join(unescape(visible_text(response.json["data"]).replace("\n> ", " ")).split())
    assert " ".join(stored.sources[0].quote.split())[:300] in shown


async def test_thumbs_up_is_stored(bot: BriefBot, fake_discord: FakeDiscord) -> None:
    _, followups = await ask(fake_discord, QUESTION)
    last = followups[-1]
    assert last.message is not None
    up = custom_ids(last.json)[1]
    click = await fake_discord.send_component(last.message, up, user=scene_of(fake_discord).user)
    response = await click.wait_response()
    assert response.json["data"]["flags"] & EPHEMERAL and "Thanks" in response.json["data"]["content"]
    db = sqlite3.connect(bot.settings.data_dir / "feedback.sqlite3")
    rows = db.execute("SELECT question, answer_json, user_id, guild_id, channel_id, vote FROM feedback").fetchall()
    db.close()
    [(question, answer_json, user_id, guild_id, channel_id, vote)] = rows
    assert question == QUESTION and vote == "up" and '"statements"' in answer_json
    assert (user_id, guild_id, channel_id) == (
        scene_of(fake_discord).user.id, scene_of(fake_discord).guild.id, scene_of(fake_discord).general.id)


async def test_abstention_is_one_sentence_without_buttons(bot: BriefBot, fake_discord: FakeDiscord) -> None:
    _, followups = await ask(fake_discord, "Who won the 1998 football world cup final?")
    content = followups[0].json["content"]
    assert "\n" not in content and content.rstrip(".").count(".") == 0, content
    assert followups[0].json["embeds"] == [] and not followups[0].json.get("components")


async def test_small_talk_gets_what_the_bot_is_for_without_buttons(bot: BriefBot, fake_discord: FakeDiscord) -> None:
    _, followups = await ask(fake_discord, "hey bot, good morning!")
    content = followups[0].json["content"]
    assert "I only answer questions about" in content and "\n" not in content, content
    assert followups[0].json["embeds"] == [] and not followups[0].json.get("components")


async def test_too_long_question_gets_a_friendly_ephemeral_message(bot: BriefBot, fake_discord: FakeDiscord) -> None:
    handle = await fake_discord.send_interaction("ask", {"question": "why " * 400})
    response = await handle.wait_response()
    assert response.json["type"] == 4 and response.json["data"]["flags"] & EPHEMERAL
    assert "please keep it under 500" in response.json["data"]["content"]


async def test_cooldown_says_slow_down(bot_factory: BotFactory, fake_discord: FakeDiscord) -> None:
    client = bot_factory(ask_cooldown_seconds=30)
    async with running_bot(client, fake_discord):
        await ask(fake_discord, QUESTION)
        handle = await fake_discord.send_interaction("ask", {"question": QUESTION})
        response = await handle.wait_response()
        assert response.json["data"]["flags"] & EPHEMERAL
        assert re.fullmatch(r"Slow down — try again in (29|30) s\.", response.json["data"]["content"])
        other = await fake_discord.send_interaction("ask", {"question": QUESTION},
                                                    user=scene_of(fake_discord).moderator)
        assert (await other.wait_response()).json["type"] == 5  # per user
        await other.wait_followups(1, timeout=30)  # its answer is stored before the feedback store closes
    client.feedback.close()


# mentions and threads ---------------------------------------------------------------------------

async def test_mention_replies_opens_a_thread_and_answers_follow_ups(
    bot: BriefBot, fake_discord: FakeDiscord
) -> None:
    fake = fake_discord
    scene = scene_of(fake)
    sent = await fake.send_message(f"{fake.bot_user.mention} {QUESTION} **<@{scene.moderator.id}>**",
                                   author=scene.user,
                                   mentions=[fake.bot_user])
    reply = await fake.wait_for_request("POST", rf"^/channels/{scene.general.id}/messages$")
    assert str(reply.json["message_reference"]["message_id"]) == sent["id"]
    assert safe_mentions(reply.json)
    assert str(scene.moderator.id) not in visible_text(reply.json)  # other mentions are not the question
    assert reply.json["embeds"][0]["title"] == QUESTION + " \\*\\* \\*\\*"  # markdown shown, escaped
    thread_req = await fake.wait_for_request("POST", rf"^/channels/{scene.general.id}/messages/\d+/threads$")
    thread_id = int(thread_req.response["id"])
    assert thread_req.json["name"].startswith("What did Anthropic say")
    await wait_until(lambda: bot.get_channel(thread_id) is not None and bot.feedback.is_bot_thread(thread_id))
    await fake.send_message("And what did the government say?", author=scene.user, channel=thread_id)
    answer = await fake.wait_for_request("POST", rf"^/channels/{thread_id}/messages$")
    assert answer.json["embeds"] or answer.json["content"]
    await asyncio.sleep(0.1)
    assert len(fake.requests_to("POST", r"/threads$")) == 1  # no thread inside the thread
    await fake.send_message("a message nobody asked the bot about", author=scene.user)
    await asyncio.sleep(0.2)
    assert len(fake.requests_to("POST", rf"^/channels/{scene.general.id}/messages$")) == 1
    assert_no_pings_anywhere(fake)


# /sources ---------------------------------------------------------------------------------------

async def test_sources_pages_and_query(bot: BriefBot, fake_discord: FakeDiscord, services: Services) -> None:
    total = len(services.corpus.catalog.list_articles())
    handle = await fake_discord.send_interaction("sources")
    assert (await handle.wait_response()).json == {"type": 5, "data": {"flags": EPHEMERAL}}
    [first] = await handle.wait_followups(1)
    embed = first.json["embeds"][0]
    pages = (total + 9) // 10
    assert embed["footer"]["text"] == f"Page 1 of {pages}" and embed["description"].count("\n") == 9
    assert first.json["flags"] & EPHEMERAL
    ids = custom_ids(first.json)
    assert ids == ["briefbot:sources:prev:0", "briefbot:sources:next:1"]
    assert first.message is not None
    click = await fake_discord.send_component(first.message, ids[1])
    update = await click.wait_response()
    assert update.json["type"] == 7
    assert update.json["data"]["embeds"][0]["footer"]["text"] == f"Page 2 of {pages}"
    assert custom_ids(update.json["data"]) == ["briefbot:sources:prev:0", "briefbot:sources:next:2"]
    query = await fake_discord.send_interaction("sources", {"query": "Commerce Department"})
    [result] = await query.wait_followups(1)
    assert result.json["embeds"][0]["title"].startswith("Sources matching")
    assert "`#" in result.json["embeds"][0]["description"]


# restart, reconnect, rate limits, slowness, size, errors ----------------------------------------

async def test_quotes_button_still_works_after_a_restart(bot_factory: BotFactory, fake_discord: FakeDiscord,
                                                         tmp_path: Path) -> None:
    first = bot_factory(data_dir=tmp_path / "state")
    async with running_bot(first, fake_discord):
        _, followups = await ask(fake_discord, QUESTION)
    first.feedback.close()
    last = followups[-1]
    second = bot_factory(data_dir=tmp_path / "state")
    async with running_bot(second, fake_discord):
        assert last.message is not None
        click = await fake_discord.send_component(last.message, custom_ids(last.json)[0])
        response = await click.wait_response()
        assert response.json["data"]["flags"] & EPHEMERAL
        assert "**[1]**" in response.json["data"]["embeds"][0]["description"]
    second.feedback.close()


async def test_reconnect_with_resume_then_ask_again(bot: BriefBot, fake_discord: FakeDiscord) -> None:
    await ask(fake_discord, QUESTION)
    await fake_discord.drop_connection()
    resume = await fake_discord.wait_resumed()
    assert resume["session_id"] == fake_discord.session_id and len(fake_discord.identifies) == 1
    _, followups = await ask(fake_discord, "What did the government say?")
    assert followups


def command_syncs(fake: FakeDiscord) -> int:
    return len(fake.requests_to("PUT", r"/commands$"))


async def test_connection_dropped_between_defer_and_follow_up(
    bot_factory: BotFactory, fake_discord: FakeDiscord, services: Services
) -> None:
    fake = fake_discord
    expected = len(render_answer(services.answers.ask(QUESTION)))
    slow = StubAnswers(services.answers, delay=1.0)
    client = bot_factory(answers=slow)
    async with running_bot(client, fake):
        handle = await fake.send_interaction("ask", {"question": QUESTION})
        assert (await handle.wait_response()).json["type"] == 5  # deferred: the answer is being made
        assert not handle.followups
        dropped_at = time.monotonic()
        await fake.drop_connection()
        resume = await fake.wait_resumed()
        followups = await handle.wait_followups(expected, timeout=10)
        await asyncio.sleep(0.3)  # room for a duplicate to show up
        assert len(handle.followups) == expected and len(handle.callbacks) == 1
        assert [f.status for f in followups] == [200] * expected and custom_ids(followups[-1].json)
        assert followups[0].at > dropped_at  # the drop really fell between defer and follow-up
        assert slow.calls == [QUESTION]
        assert resume["session_id"] == fake.session_id and len(fake.identifies) == 1 and len(fake.resumes) == 1
        assert command_syncs(fake) == 1
    client.feedback.close()


async def start_thread(fake: FakeDiscord, bot: BriefBot) -> int:
    """Ask by mention and return the id of the thread the bot opened on its answer."""
    scene = scene_of(fake)
    await fake.send_message(f"{fake.bot_user.mention} {QUESTION}", author=scene.user, mentions=[fake.bot_user])
    created = await fake.wait_for_request("POST", rf"^/channels/{scene.general.id}/messages/\d+/threads$")
    thread_id = int(created.response["id"])
    await wait_until(lambda: bot.get_channel(thread_id) is not None and bot.feedback.is_bot_thread(thread_id))
    return thread_id


@pytest.mark.parametrize("lost_on_the_wire", [True, False], ids=["replayed-by-resume", "being-answered"])
async def test_connection_dropped_while_a_thread_follow_up_is_in_flight(
    bot_factory: BotFactory, fake_discord: FakeDiscord, services: Services, lost_on_the_wire: bool
) -> None:
    fake = fake_discord
    follow_up = "And what did the government say?"
    answers = StubAnswers(services.answers)
    client = bot_factory(answers=answers)
    async with running_bot(client, fake):
        thread_id = await start_thread(fake, client)
        answers.delay = 1.0
        replies = rf"^/channels/{thread_id}/messages$"
        if lost_on_the_wire:  # the MESSAGE_CREATE left "Discord" but the connection died before it arrived
            fake.hold_delivery()
            await fake.send_message(follow_up, author=scene_of(fake).user, channel=thread_id)
            seq = fake.sequence
            await asyncio.sleep(0.2)
            assert answers.calls == [QUESTION]  # not seen yet
        else:  # the bot got it and is still answering when the connection drops
            await fake.send_message(follow_up, author=scene_of(fake).user, channel=thread_id)
            await wait_until(lambda: len(answers.calls) == 2)
        await fake.drop_connection()
        resume = await fake.wait_resumed()
        if lost_on_the_wire:
            assert resume["seq"] < seq  # so the follow-up was replayed by the RESUME
        first = await fake.wait_for_request("POST", replies, timeout=10)
        await asyncio.sleep(0.5)  # room for a duplicate answer to show up
        sent = fake.requests_to("POST", replies)
        earlier = answers.earlier[-1]  # the follow-up was read with the thread's opening question and answer
        assert [turn[0] if isinstance(turn, tuple) else turn for turn in earlier] == [QUESTION]
        assert len(sent) == len(render_answer(services.answers.ask(follow_up, earlier))) and first.status == 200
        assert answers.calls == [QUESTION, follow_up]  # answered exactly once
        assert custom_ids(sent[-1].json)
        assert len(fake.identifies) == 1 and len(fake.resumes) == 1
        assert resume["session_id"] == fake.session_id
        assert command_syncs(fake) == 1
        assert len(fake.requests_to("POST", r"/threads$")) == 1
    client.feedback.close()


async def test_rate_limited_follow_up_is_retried(bot: BriefBot, fake_discord: FakeDiscord) -> None:
    fake_discord.rate_limit_next("POST", r"^/webhooks/\d+/[^/]+$", retry_after=0.3)
    _, followups = await ask(fake_discord, QUESTION)
    attempts = fake_discord.requests_to("POST", r"^/webhooks/\d+/[^/]+$")
    assert attempts[0].status == 429 and attempts[1].status == 200
    assert attempts[1].json == attempts[0].json
    assert followups[-1].status == 200


async def test_slow_answer_is_deferred_within_the_deadline(
    bot_factory: BotFactory, fake_discord: FakeDiscord, services: Services
) -> None:
    slow = StubAnswers(services.answers, delay=3.0)
    client = bot_factory(answers=slow)
    async with running_bot(client, fake_discord):
        sent_at = time.monotonic()
        handle = await fake_discord.send_interaction("ask", {"question": QUESTION})
        callback = await handle.wait_response()
        assert callback.at - sent_at < 1.0  # far inside Discord's 3-second deadline
        [followup] = await handle.wait_followups(1, timeout=10)
        assert followup.at - callback.at >= 2.9
    client.feedback.close()


def huge_answer(question: str) -> Answer:
    words = "export control order " * 120
    sources = [Source(n, n, f"Title {n} " + "t" * 250, f"outlet{n}.com", f"https://e.org/{n}/" + "p" * 300,
                      "2026-06-17", ("quote " * 300).strip(), 0, 0) for n in range(1, 41)]
    statements = [Statement(f"{i} {words}", ("fact", "claim", "speculation", "opinion")[i % 4], ["may"],
                            [1 + i % 40, 1 + (i * 7) % 40], "Anthropic" if i % 4 == 1 else None)
                  for i in range(60)]
    return Answer(question=question, abstained=False, statements=statements, sources=sources)


async def test_answers_longer_than_every_limit_are_split(
    bot_factory: BotFactory, fake_discord: FakeDiscord, services: Services
) -> None:
    client = bot_factory(answers=StubAnswers(services.answers, make=huge_answer))
    async with running_bot(client, fake_discord):
        _, followups = await ask(fake_discord, QUESTION)
        assert len(followups) > 3
        text = all_text(followups)
        assert text.count("• ") == 60 and len(re.findall(r"^\*\*\[(\d+)\]\*\*", text, re.M)) == 40
        last = followups[-1]
        assert last.message is not None
        click = await fake_discord.send_component(last.message, custom_ids(last.json)[0])
        await click.wait_response()
        await quotes_settled(click)
        assert_no_pings_anywhere(fake_discord)
    client.feedback.close()


async def test_quotes_of_a_long_passage_arrive_whole(
    bot_factory: BotFactory, fake_discord: FakeDiscord, services: Services
) -> None:
    passage = " ".join(f"word{i} [{i % 7 + 1}] *x{i}*" for i in range(400))[:2600].rstrip()
    title = ("Export *controls* [order] _and_ the `Mythos` appeal: " * 4)[:200]
    url = "https://example.org/story/" + "segment-" * 60

    def long_quote(question: str) -> Answer:
        source = Source(1, 1, title, "outlet.example", url, "2026-06-17", passage, 0, 0)
        return Answer(question, False, [Statement("The order was published.", "fact", [], [1])], [source])

    client = bot_factory(answers=StubAnswers(services.answers, make=long_quote))
    async with running_bot(client, fake_discord):
        _, followups = await ask(fake_discord, QUESTION)
        last = followups[-1]
        assert last.message is not None
        click = await fake_discord.send_component(last.message, custom_ids(last.json)[0])
        first = (await click.wait_response()).json["data"]
        await quotes_settled(click)  # any further quote messages come as follow-ups
        payloads = [first] + [f.json for f in click.followups]
    client.feedback.close()
    assert all(p["flags"] & EPHEMERAL and limit_problems(p) == [] and safe_mentions(p) for p in payloads)
    pieces = [line[2:] for p in payloads for e in p["embeds"] for line in e["description"].split("\n")
              if line.startswith("> ")]
    assert len(pieces) >= 2 and unescape(" ".join(pieces)) == passage  # split, nothing lost
    assert url in payloads[0]["embeds"][0]["description"]


def disagreeing_answer(question: str) -> Answer:
    sources = [Source(n, 10 + n, f"Story {n}", outlet, f"https://{outlet}/{n}", f"2026-06-1{n}", f"Quote {n}.", 0, 0)
               for n, outlet in ((1, "first.example"), (2, "second.example"), (3, "third.example"))]
    statements = [Statement("The lawsuit was filed in federal court.", "fact", [], [1, 2]),
                  Statement("The filing came on June 14.", "fact", [], [3])]
    conflicts = [Conflict("Sources disagree on the date (filed): June 12 vs June 14.", [1, 3, 9])]  # 9: no source
    return Answer(question, False, statements, sources, conflicts)


async def test_sources_disagree_section_cites_both_sides(
    bot_factory: BotFactory, fake_discord: FakeDiscord, services: Services
) -> None:
    client = bot_factory(answers=StubAnswers(services.answers, make=disagreeing_answer))
    async with running_bot(client, fake_discord):
        _, followups = await ask(fake_discord, "When was the lawsuit filed?")
    client.feedback.close()
    embeds = [e for f in followups for e in f.json["embeds"]]
    titles = [e["title"] for e in embeds]
    assert "1 disagreement" in embeds[0]["description"]
    assert titles.index("Reported facts") < titles.index("Sources disagree") < titles.index("Sources")
    [conflict] = [e for e in embeds if e["title"] == "Sources disagree"]
    assert conflict["color"] == 0xE74C3C
    assert conflict["description"] == "⚠️ Sources disagree on the date (filed): June 12 vs June 14. [1][3]"
    source_lines = [line for e in embeds if e["title"] == "Sources" for line in e["description"].split("\n")]
    listed = {int(m[1]): m[2] for m in (re.match(r"^\*\*\[(\d+)\]\*\* (.*)$", line) for line in source_lines) if m}
    assert len(listed) == len(source_lines) == 3
    cited = {int(n) for n in MARKER.findall(conflict["description"])}
    assert cited == {1, 3} and cited <= set(listed)  # both sides resolve; the unknown [9] is dropped
    assert listed[1].startswith("first.example, 2026-06-11") and listed[3].startswith("third.example, 2026-06-13")


def explode(question: str) -> Answer:
    raise RuntimeError("retriever exploded")


async def test_unexpected_error_gets_generic_message_and_is_logged(
    bot_factory: BotFactory, fake_discord: FakeDiscord, services: Services, fail_on_error_logs: ErrorGuard,
    caplog: pytest.LogCaptureFixture,
) -> None:
    fail_on_error_logs.allow("bot.app", "unexpected error in /ask")
    client = bot_factory(answers=StubAnswers(services.answers, make=explode))
    async with running_bot(client, fake_discord):
        handle = await fake_discord.send_interaction("ask", {"question": QUESTION})
        [followup] = await handle.wait_followups(1)
        assert followup.json["content"] == "Something went wrong; it has been logged."
        assert "retriever" not in followup.json["content"]
        await fake_discord.send_message(f"{fake_discord.bot_user.mention} {QUESTION}",
                                        author=scene_of(fake_discord).user, mentions=[fake_discord.bot_user])
        fail_on_error_logs.allow("bot.app", "unexpected error answering message")
        reply = await fake_discord.wait_for_request("POST", r"^/channels/\d+/messages$")
        assert reply.json["content"] == "Something went wrong; it has been logged."
    client.feedback.close()
    logged = [r for r in caplog.records if r.name.startswith("bot.app") and r.exc_info]
    assert logged and isinstance(logged[0].exc_info[1], RuntimeError)  # type: ignore[index]


# /corpus ----------------------------------------------------------------------------------------

CURATION: list[tuple[str, dict[str, Any]]] = [
    ("corpus add", {"url": "https://example.org/a"}),
    ("corpus remove", {"id": "1"}),
    ("corpus log", {}),
    ("corpus feeds add", {"url": "https://example.org/rss"}),
    ("corpus feeds remove", {"url_or_id": "1"}),
    ("corpus feeds list", {}),
]


@pytest.fixture
def curation_services(tmp_path: Path) -> Any:
    result = open_services(tmp_path / "curation", corpus_files(3, offset=5))
    yield result
    result.corpus.close()


def article_html(path: Path) -> bytes:
    """An HTML page built at run time from a corpus file (no corpus text in test code)."""
    text = path.read_text(encoding="utf-8").split("---", 2)[-1].strip()
    title, _, body = text.partition("\n")
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n") if p.strip())
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            f"{paragraphs}</article></body></html>").encode()


async def test_corpus_commands_for_moderators(
    bot_factory: BotFactory, fake_discord: FakeDiscord, curation_services: Any, static_server: Any
) -> None:
    fake = fake_discord
    scene = scene_of(fake)
    mod_log = fake.add_channel("mod-log")
    corpus = curation_services.corpus
    client = bot_factory(corpus=corpus, answers=curation_services.answers, mod_log_channel_id=mod_log.id)
    before = len(corpus.catalog.list_articles())
    [upload_file, url_file] = corpus_files(2, offset=11)
    static_server.routes["/story.html"] = ("text/html; charset=utf-8", article_html(url_file))
    rss = ("<?xml version='1.0'?><rss version='2.0'><channel><title>Story feed</title>"
           f"<link>{static_server.url('/')}</link><description>d</description>"
           f"<item><title>one</title><link>{static_server.url('/story.html')}</link></item>"
           "</channel></rss>").encode()
    static_server.routes["/feed.xml"] = ("application/rss+xml", rss)

    async def run(name: str, options: dict[str, Any]) -> str:
        handle = await fake.send_interaction(name, options, user=scene.moderator)
        callback = await handle.wait_response()
        assert callback.json == {"type": 5, "data": {"flags": EPHEMERAL}}
        [followup] = await handle.wait_followups(1, timeout=20)
        assert followup.json["flags"] & EPHEMERAL
        return str(followup.json["content"])

    async with running_bot(client, fake):
        attachment = fake.attachment(upload_file.name, upload_file.read_bytes(), "text/markdown")
        text = await run("corpus add", {"attachment": attachment})
        added = re.search(r"added #(\d+)", text)
        assert added, text
        text = await run("corpus add", {"url": static_server.url("/story.html")})
        assert re.search(r"added #\d+", text), text
        assert len(corpus.catalog.list_articles()) == before + 2
        text = await run("corpus remove", {"id": added.group(1)})
        assert text.startswith(f"Removed #{added.group(1)}")
        text = await run("corpus feeds add", {"url": static_server.url("/feed.xml")})
        assert text.startswith("Added feed #") and "Story feed" in text
        assert "Story feed" in await run("corpus feeds list", {})
        feed_id = corpus.catalog.feeds()[0].id
        assert (await run("corpus feeds remove", {"url_or_id": str(feed_id)})).startswith("Removed feed")
        log_text = await run("corpus log", {})
        assert "article.add" in log_text and "feed.remove" in log_text
        await wait_until(lambda: len(fake.bot_messages_in(mod_log)) == 5)
    client.feedback.close()
    actor, origin = f"discord:{scene.moderator.id}", f"discord:{scene.guild.id}/{scene.general.id}"
    mine = [e for e in corpus.catalog.audit_log(50) if e.actor == actor]
    assert sorted(e.action for e in mine) == sorted(
        ["article.add", "article.add", "article.remove", "feed.add", "feed.remove"])
    assert all(e.origin == origin for e in mine)
    notes = [m["content"] for m in fake.bot_messages_in(mod_log)]
    assert any("added #" in n for n in notes) and any(n.startswith("📚") and "Removed feed" in n for n in notes)
    assert_no_pings_anywhere(fake)


BRIEF_CHANGES: list[tuple[str, dict[str, Any]]] = [("brief subscribe", {}), ("brief unsubscribe", {})]
MANAGE_GUILD = 1 << 5


async def test_non_moderators_are_denied_every_curation_command(
    bot_factory: BotFactory, fake_discord: FakeDiscord, curation_services: Any
) -> None:
    corpus = curation_services.corpus
    scene = scene_of(fake_discord)
    briefs = BriefService(curation_services.settings, corpus)
    client = bot_factory(corpus=corpus, answers=curation_services.answers, briefs=briefs)
    articles, audit = len(corpus.catalog.list_articles()), len(corpus.catalog.audit_log(500))
    attachment = fake_discord.attachment("x.md", b"# t\n\nbody", "text/markdown")
    denied: list[str] = []
    async with running_bot(client, fake_discord):
        extra: list[tuple[str, dict[str, Any]]] = [("corpus add", {"attachment": attachment})]
        brief_changes = [(name, {**options, "channel": scene.briefs}) for name, options in BRIEF_CHANGES]
        for name, options in [*CURATION, *extra, *brief_changes]:
            handle = await fake_discord.send_interaction(name, options, user=scene.user)
            response = await handle.wait_response()
            assert response.json["type"] == 4, name
            assert response.json["data"]["content"] == "This command is for moderators.", name
            assert response.json["data"]["flags"] & EPHEMERAL and safe_mentions(response.json["data"]), name
            denied.append(name)
        # Reading stays open: /brief list answers, /brief now previews (deferred, then a follow-up).
        listing = await fake_discord.send_interaction("brief list", user=scene.user)
        listed = (await listing.wait_response()).json["data"]["content"]
        assert "No brief subscriptions" in listed
        preview = await fake_discord.send_interaction("brief now", {"channel": scene.briefs}, user=scene.user)
        assert (await preview.wait_response()).json["type"] == 5
        [shown] = await preview.wait_followups(1, timeout=10)
        assert "moderators" not in visible_text(shown.json)
    client.feedback.close()
    assert briefs.store.for_channel(scene.briefs.id) is None
    briefs.close()
    assert len(denied) == len(CURATION) + 1 + 2
    assert len(corpus.catalog.list_articles()) == articles
    assert len(corpus.catalog.audit_log(500)) == audit
    assert corpus.catalog.feeds() == []


async def test_the_role_alone_or_manage_server_alone_makes_a_moderator(
    bot_factory: BotFactory, fake_discord: FakeDiscord, curation_services: Any
) -> None:
    fake = fake_discord
    scene = scene_of(fake)
    by_role, by_permission = scene.role_only_moderator, scene.manage_server_member
    # The scene really separates the two ways: one has the role without Manage Server, the other the reverse.
    assert scene.moderator_role.id in by_role.roles and not scene.guild.permissions_for(by_role) & MANAGE_GUILD
    assert scene.moderator_role.id not in by_permission.roles
    assert scene.guild.permissions_for(by_permission) & MANAGE_GUILD
    corpus = curation_services.corpus
    first, second = (a.id for a in corpus.catalog.list_articles()[:2])

    async def run(member: Any, name: str, options: dict[str, Any]) -> str:
        handle = await fake.send_interaction(name, options, user=member)
        response = await handle.wait_response()
        if response.json["type"] == 4:
            return str(response.json["data"]["content"])
        [followup] = await handle.wait_followups(1, timeout=20)
        return str(followup.json["content"])

    client = bot_factory(corpus=corpus, answers=curation_services.answers)
    async with running_bot(client, fake):
        assert (await run(by_role, "corpus remove", {"id": str(first)})).startswith(f"Removed #{first}")
        assert (await run(by_permission, "corpus remove", {"id": str(second)})).startswith(f"Removed #{second}")
        assert "article.remove" in await run(by_role, "corpus log", {})
    client.feedback.close()
    removals = {e.actor for e in corpus.catalog.audit_log(10) if e.action == "article.remove"}
    assert removals == {f"discord:{by_role.id}", f"discord:{by_permission.id}"}
    # With another role name configured, the role no longer counts; Manage Server still does.
    other = bot_factory(corpus=corpus, answers=curation_services.answers, data_dir=client.settings.data_dir / "b",
                        moderator_role="Somebody Else")
    async with running_bot(other, fake):
        assert await run(by_role, "corpus log", {}) == "This command is for moderators."
        assert "article.remove" in await run(by_permission, "corpus log", {})
    other.feedback.close()
