"""Proves the fake Discord harness with the real discord.py client.

Why: later bot tests rely on this harness; these tests pin down that start-up, slash commands,
follow-ups, components, mentions, RESUME, rate limits and the no-internet guarantee all work.
"""

from __future__ import annotations

import asyncio
import io
from collections.abc import AsyncIterator

import aiohttp
import discord
import pytest
from discord import app_commands
from discord.ext import commands

from tests.fakediscord.fixtures import (
    ErrorGuard,
    RaisingResolver,
    make_no_external_connector,
    running_bot,
)
from tests.fakediscord.server import FakeDiscord

pytestmark = pytest.mark.timeout(20)

ALLOWED = discord.AllowedMentions(everyone=False, users=True, roles=False, replied_user=False)


class PingView(discord.ui.View):
    """A one-button view; the click is answered ephemerally."""

    def __init__(self) -> None:
        super().__init__(timeout=None)

    @discord.ui.button(label="Again", custom_id="ping:again", style=discord.ButtonStyle.primary)
    async def again(self, interaction: discord.Interaction, button: discord.ui.Button[PingView]) -> None:
        await interaction.response.send_message("pong again", ephemeral=True)


class FeedbackModal(discord.ui.Modal, title="Feedback"):
    """A one-field modal, to prove modal submits round-trip."""

    text: discord.ui.TextInput[FeedbackModal] = discord.ui.TextInput(label="Text", custom_id="text")

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_message(f"thanks: {self.text.value}", ephemeral=True)


class HarnessBot(commands.Bot):
    """Minimal bot: /ping, /corpus feeds add, and replies to mentions."""

    def __init__(self, connector: aiohttp.BaseConnector) -> None:
        intents = discord.Intents.default()
        intents.message_content = True
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents,
            allowed_mentions=ALLOWED,
            connector=connector,
            guild_ready_timeout=0.05,
        )
        self.attachment_bodies: list[bytes] = []

    async def setup_hook(self) -> None:
        @self.tree.command(name="ping", description="Check the bot is alive")
        async def ping(interaction: discord.Interaction) -> None:
            await interaction.response.defer(thinking=True)
            embed = discord.Embed(title="Pong", description="still here")
            await interaction.followup.send(embed=embed, view=PingView())

        corpus = app_commands.Group(name="corpus", description="Corpus admin")
        feeds = app_commands.Group(name="feeds", description="Feeds", parent=corpus)

        @feeds.command(name="add", description="Add a feed")
        async def add(
            interaction: discord.Interaction, url: str, opml: discord.Attachment | None = None
        ) -> None:
            if opml is not None:
                self.attachment_bodies.append(await opml.read())
            await interaction.response.send_message(f"added {url}", ephemeral=True)

        @self.tree.command(name="report", description="Deferred edit plus a file follow-up")
        async def report(interaction: discord.Interaction) -> None:
            await interaction.response.defer(ephemeral=True, thinking=True)
            await interaction.edit_original_response(content="report ready")
            file = discord.File(io.BytesIO(b"a,b\n1,2\n"), filename="report.csv")
            await interaction.followup.send("here it is", file=file, ephemeral=True)

        @self.tree.command(name="feedback", description="Opens a modal")
        async def feedback(interaction: discord.Interaction) -> None:
            await interaction.response.send_modal(FeedbackModal())

        @self.tree.command(name="boom", description="Always fails")
        async def boom(interaction: discord.Interaction) -> None:
            raise RuntimeError("kaboom")

        self.tree.add_command(corpus)
        await self.tree.sync()

    async def on_message(self, message: discord.Message) -> None:
        if message.author.bot or self.user is None:
            return
        if message.guild is None:
            await message.channel.send("dm ok")
            return
        if self.user not in message.mentions:
            return
        reply = await message.reply(f"hello {message.author.mention}")
        if "thread" in message.content:
            await reply.create_thread(name="discussion")


@pytest.fixture
async def bot(
    patched_discord_endpoints: FakeDiscord, no_external_connector: aiohttp.TCPConnector
) -> AsyncIterator[HarnessBot]:
    client = HarnessBot(no_external_connector)
    async with running_bot(client, patched_discord_endpoints):
        yield client


async def test_startup_logs_in_and_syncs_commands(bot: HarnessBot, fake_discord: FakeDiscord) -> None:
    fake = fake_discord
    await fake.wait_ready()
    assert fake.requests_to("GET", r"^/users/@me$")
    assert fake.requests_to("GET", r"^/oauth2/applications/@me$")
    sync = fake.requests_to("PUT", rf"^/applications/{fake.application_id}/commands$")
    assert len(sync) == 1
    assert {c["name"] for c in sync[0].json} == {"ping", "corpus", "report", "feedback", "boom"}
    assert all(r.headers["Authorization"] == f"Bot {fake.token}" for r in fake.requests)
    assert fake.identifies[0]["intents"] == bot.intents.value
    scene = fake.scene
    assert scene is not None
    guild = bot.get_guild(scene.guild.id)
    assert guild is not None
    assert guild.get_channel(scene.general.id) is not None
    assert discord.utils.get(guild.roles, name="Briefbot Moderator") is not None
    assert bot.user is not None and bot.user.id == fake.bot_user.id


async def test_ping_defers_then_follows_up_with_embed_and_button(
    bot: HarnessBot, fake_discord: FakeDiscord
) -> None:
    fake = fake_discord
    handle = await fake.send_interaction("ping")
    callback = await handle.wait_response()
    assert callback.json == {"type": 5}
    assert callback.query.get("with_response") == "1"
    [followup] = await handle.wait_followups(1)
    assert followup.path == f"/webhooks/{fake.application_id}/{handle.token}"
    assert followup.query.get("wait") == "1"
    assert not followup.authorized
    assert followup.json["embeds"][0]["title"] == "Pong"
    button = followup.json["components"][0]["components"][0]
    assert button["custom_id"] == "ping:again"
    assert followup.json["allowed_mentions"] == bot.allowed_mentions.to_dict()  # type: ignore[union-attr]
    assert followup.message is not None
    assert fake.messages_in(fake.scene.general)[-1]["id"] == followup.message["id"]  # type: ignore[union-attr]


async def test_button_click_is_answered_ephemerally(bot: HarnessBot, fake_discord: FakeDiscord) -> None:
    fake = fake_discord
    ping = await fake.send_interaction("ping")
    [followup] = await ping.wait_followups(1)
    assert followup.message is not None
    click = await fake.send_component(followup.message, "ping:again", user=fake.scene.moderator)  # type: ignore[union-attr]
    response = await click.wait_response()
    assert response.json["type"] == 4
    assert response.json["data"]["content"] == "pong again"
    assert response.json["data"]["flags"] & 64
    assert response.message is not None and response.message["flags"] & 64


async def test_mention_gets_a_reply_with_client_allowed_mentions(
    bot: HarnessBot, fake_discord: FakeDiscord
) -> None:
    fake = fake_discord
    scene = fake.scene
    assert scene is not None
    sent = await fake.send_message(
        f"{fake.bot_user.mention} hi, open a thread", author=scene.user, mentions=[fake.bot_user]
    )
    post = await fake.wait_for_request("POST", rf"^/channels/{scene.general.id}/messages$")
    assert post.authorized
    assert post.json["content"] == f"hello {scene.user.mention}"
    assert str(post.json["message_reference"]["message_id"]) == sent["id"]
    assert post.json["allowed_mentions"] == bot.allowed_mentions.to_dict()  # type: ignore[union-attr]
    thread = await fake.wait_for_request("POST", rf"^/channels/{scene.general.id}/messages/\d+/threads$")
    assert thread.json["name"] == "discussion"
    thread_id = int(thread.response["id"])
    for _ in range(50):  # THREAD_CREATE reaches the client's cache shortly after the REST answer
        if bot.get_channel(thread_id) is not None:
            break
        await asyncio.sleep(0.01)
    assert isinstance(bot.get_channel(thread_id), discord.Thread)
    assert [m["id"] for m in fake.messages_in(scene.general)] == [sent["id"], post.message["id"]]  # type: ignore[index]


async def test_subcommand_group_with_attachment(bot: HarnessBot, fake_discord: FakeDiscord) -> None:
    fake = fake_discord
    scene = fake.scene
    assert scene is not None
    opml = fake.attachment("feeds.opml", b"<opml/>", "text/x-opml")
    handle = await fake.send_interaction(
        "corpus feeds add", {"url": "https://example.org/rss", "opml": opml}, user=scene.moderator
    )
    response = await handle.wait_response()
    assert response.json["data"]["content"] == "added https://example.org/rss"
    assert bot.attachment_bodies == [b"<opml/>"]


async def test_forced_reconnect_resumes_and_replays(bot: HarnessBot, fake_discord: FakeDiscord) -> None:
    fake = fake_discord
    scene = fake.scene
    assert scene is not None
    await fake.drop_connection()
    # Sent while disconnected: must be replayed after RESUME.
    await fake.send_message(
        f"{fake.bot_user.mention} are you back?", author=scene.user, mentions=[fake.bot_user]
    )
    resume = await fake.wait_resumed()
    assert resume["session_id"] == fake.session_id
    assert resume["path"] == "/resume"
    assert resume["seq"] is not None
    assert len(fake.identifies) == 1
    await fake.wait_for_request("POST", rf"^/channels/{scene.general.id}/messages$")
    handle = await fake.send_interaction("ping")
    await handle.wait_followups(1)


async def test_rate_limited_call_is_retried(bot: HarnessBot, fake_discord: FakeDiscord) -> None:
    fake = fake_discord
    scene = fake.scene
    assert scene is not None
    route = rf"^/channels/{scene.general.id}/messages$"
    fake.rate_limit_next("POST", route, retry_after=0.2)
    await fake.send_message(f"{fake.bot_user.mention} hi", author=scene.user, mentions=[fake.bot_user])
    second = await fake.wait_for_request("POST", route, count=2)
    first = fake.requests_to("POST", route)[0]
    assert (first.status, second.status) == (429, 200)
    assert first.expected_error and not fake.unexpected_errors
    assert second.at - first.at >= 0.15
    assert second.json == first.json


async def test_unknown_route_is_recorded_as_unexpected_error() -> None:
    async with FakeDiscord() as fake, aiohttp.ClientSession() as session:
        async with session.get(fake.api_base + "/no/such/route") as resp:
            assert resp.status == 404
            assert resp.headers["Content-Type"] == "application/json"
        assert [r.path for r in fake.unexpected_errors] == ["/no/such/route"]
        fake.expect_error("GET", r"^/channels/\d+$")
        async with session.get(fake.api_base + "/channels/1", headers={"Authorization": "Bot x"}) as resp:
            assert resp.status == 401
        assert len(fake.unexpected_errors) == 1  # the 401 above was marked expected


async def test_expected_not_found_is_tolerated(bot: HarnessBot, fake_discord: FakeDiscord) -> None:
    fake_discord.expect_error("GET", r"^/channels/42$")
    with pytest.raises(discord.NotFound):
        await bot.fetch_channel(42)


async def test_error_guard_reports_swallowed_errors() -> None:
    guard = ErrorGuard()
    guard.install()
    try:
        import logging

        logging.getLogger("discord.app_commands.tree").error("Ignoring exception in command 'x'")
        logging.getLogger("bot.answers").error("allowed failure")
        logging.getLogger("other").error("not watched")
    finally:
        guard.uninstall()
    guard.allow("bot.", "allowed")
    assert guard.problems() == ["ERROR discord.app_commands.tree: Ignoring exception in command 'x'"]


async def test_real_hostname_cannot_be_reached(fake_discord: FakeDiscord) -> None:
    connector = make_no_external_connector()
    resolver = connector._resolver
    assert isinstance(resolver, RaisingResolver)
    async with aiohttp.ClientSession(connector=connector) as session:
        with pytest.raises(aiohttp.ClientConnectorError):
            await session.get("https://discord.com/api/v10/gateway")
        async with session.get(fake_discord.api_base + "/gateway") as resp:  # loopback literal still works
            assert resp.status == 200
    assert resolver.attempted == ["discord.com"]


async def test_deferred_edit_and_file_followup(bot: HarnessBot, fake_discord: FakeDiscord) -> None:
    fake = fake_discord
    handle = await fake.send_interaction("report")
    assert (await handle.wait_response()).json == {"type": 5, "data": {"flags": 64}}
    [edit] = await handle.wait_edits(1)
    assert edit.path.endswith("/messages/@original") and edit.json["content"] == "report ready"
    [followup] = await handle.wait_followups(1)
    assert followup.json["content"] == "here it is" and followup.json["flags"] & 64
    assert [(f.filename, f.data) for f in followup.files] == [("report.csv", b"a,b\n1,2\n")]
    assert followup.message is not None
    assert followup.message["attachments"][0]["filename"] == "report.csv"
    assert handle.original_message is not None and handle.original_message["content"] == "report ready"


async def test_own_messages_are_echoed_and_dms_work(bot: HarnessBot, fake_discord: FakeDiscord) -> None:
    fake = fake_discord
    scene = fake.scene
    assert scene is not None
    await fake.send_message(f"{fake.bot_user.mention} hi", author=scene.user, mentions=[fake.bot_user])
    reply = await fake.wait_for_request("POST", rf"^/channels/{scene.general.id}/messages$")
    await fake.send_dm("hello bot", author=scene.user)
    dm_reply = await fake.wait_for_request("POST", r"^/channels/\d+/messages$", count=2)
    assert dm_reply.json["content"] == "dm ok"
    await asyncio.sleep(0.05)  # give the echoed MESSAGE_CREATEs time to (not) trigger anything
    assert len(fake.requests_to("POST", r"/messages$")) == 2
    assert reply.message is not None
    assert bot.get_channel(scene.general.id) is not None


@pytest.mark.parametrize("labelled", [True, False])
async def test_modal_round_trip(bot: HarnessBot, fake_discord: FakeDiscord, labelled: bool) -> None:
    fake = fake_discord
    scene = fake.scene
    assert scene is not None
    opened = await fake.send_interaction("feedback", user=scene.moderator)
    callback = await opened.wait_response()
    assert callback.json["type"] == 9
    modal_id = callback.json["data"]["custom_id"]
    submit = await fake.send_modal_submit(
        modal_id, {"text": "great"}, user=scene.moderator, labelled=labelled
    )
    answer = await submit.wait_response()
    assert answer.json["data"]["content"] == "thanks: great"


async def test_swallowed_handler_exception_is_caught_by_guard(
    bot: HarnessBot, fake_discord: FakeDiscord, fail_on_error_logs: ErrorGuard
) -> None:
    await fake_discord.send_interaction("boom")
    for _ in range(100):
        if fail_on_error_logs.problems():
            break
        await asyncio.sleep(0.01)
    [problem] = fail_on_error_logs.problems()
    assert "Ignoring exception in command 'boom'" in problem and "kaboom" in problem
    fail_on_error_logs.allow("discord.app_commands", "'boom'")  # expected here: don't fail this test
    assert fail_on_error_logs.problems() == []


async def test_world_changes_after_ready_reach_the_client(bot: HarnessBot, fake_discord: FakeDiscord) -> None:
    fake = fake_discord
    channel = fake.add_channel("late-news")
    member = fake.add_member(None, "latecomer")
    for _ in range(100):
        if bot.get_channel(channel.id) is not None:
            break
        await asyncio.sleep(0.01)
    assert isinstance(bot.get_channel(channel.id), discord.TextChannel)
    handle = await fake.send_interaction("ping", user=member, channel=channel)
    [followup] = await handle.wait_followups(1)
    assert followup.message is not None and followup.message["channel_id"] == str(channel.id)
