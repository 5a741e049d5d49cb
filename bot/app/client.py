"""The Discord client: a ``commands.Bot`` that owns nothing but wiring.

Every dependency (settings, corpus, answers, feedback store, optionally briefs) is passed in, so tests
build the bot around real services on a temporary data dir and a fake Discord. ``setup_hook`` imports the
cog modules on a worker thread, then loads them as discord.py extensions (each has ``async def
setup(bot)``; the cogs stay thin and read their dependencies from the bot), registers the persistent
buttons and syncs the command tree (to the dev guild when configured, else globally) — once per start,
never in ``on_ready`` which fires again on every reconnect.

Scaling: :func:`create_bot` returns :class:`AutoShardedBriefBot` (``commands.AutoShardedBot``) when
``settings.shard_count`` is set; nothing in the cogs depends on which one runs.
"""

from __future__ import annotations

import asyncio
import importlib
import logging
import time
from typing import Any

import discord
import yarl
from discord.ext import commands

from bot.answers.service import AnswerService
from bot.app.checks import UserCooldown
from bot.app.feedback import FeedbackStore
from bot.app.views import DYNAMIC_ITEMS
from bot.corpus.ingest import CorpusService
from bot.settings import DISCORD_API_BASE, DISCORD_GATEWAY_URL, Settings

log = logging.getLogger(__name__)

# Loaded in this order by ``setup_hook``: errors first, so its tree-wide handler is in place before any
# command exists; briefs last (its setup also starts the scheduler when this process wins the lock).
EXTENSIONS = (
    "bot.app.cogs.errors",
    "bot.app.cogs.ask",
    "bot.app.cogs.sources",
    "bot.app.cogs.corpus",
    "bot.app.cogs.timeline",
    "bot.app.cogs.briefs",
)


def _import_extensions() -> None:
    for extension in EXTENSIONS:
        importlib.import_module(extension)


def bot_intents() -> discord.Intents:
    """Only what the bot uses: guilds (channels, threads), guild messages + content (mentions)."""
    intents = discord.Intents.none()
    intents.guilds = True
    intents.guild_messages = True
    intents.message_content = True
    return intents


def configure_endpoints(settings: Settings) -> None:
    """Point discord.py at a non-default REST base / gateway (a proxy or a test fake) when configured."""
    if settings.discord_api_base != DISCORD_API_BASE:
        discord.http.Route.BASE = settings.discord_api_base.rstrip("/")
    if settings.discord_gateway_url != DISCORD_GATEWAY_URL:
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(settings.discord_gateway_url)


class PromptKeepAliveHandler(discord.gateway.KeepAliveHandler):
    """discord.py's heartbeat thread notes when a heartbeat was sent only after the loop has sent it. A
    gateway that acknowledges faster than that thread wakes up (loopback, a proxy nearby, a busy host)
    gets its ack measured against the *previous* heartbeat, so every ``briefbot run`` logged "Can't keep
    up … 41.3s behind" once, 41 s (one heartbeat interval) after start, while the loop was idle (asyncio
    debug mode shows no slow callback). Noting the time as the heartbeat is built measures it right."""

    def get_payload(self) -> dict[str, Any]:
        self._last_send = time.perf_counter()
        return super().get_payload()


def configure_gateway() -> None:
    """Use :class:`PromptKeepAliveHandler` for the gateway's heartbeats (discord.py builds its handler
    from this module attribute; there is no other way to hand it one)."""
    discord.gateway.KeepAliveHandler = PromptKeepAliveHandler  # type: ignore[misc]


class BriefBot(commands.Bot):
    """briefbot on Discord: /ask, mentions, /sources, /corpus; see the cogs for each."""

    def __init__(
        self,
        settings: Settings,
        corpus: CorpusService,
        answers: AnswerService,
        feedback: FeedbackStore,
        *,
        briefs: Any | None = None,
        **options: Any,
    ) -> None:
        options.setdefault("intents", bot_intents())
        if settings.shard_count:
            options.setdefault("shard_count", settings.shard_count)
        super().__init__(
            command_prefix=commands.when_mentioned,
            help_command=None,
            allowed_mentions=discord.AllowedMentions.none(),
            **options,
        )
        self.settings = settings
        self.corpus = corpus
        self.answers = answers
        self.feedback = feedback
        self.briefs = briefs
        self.ask_cooldown = UserCooldown(settings.ask_cooldown_seconds)

    async def setup_hook(self) -> None:
        """Extensions, persistent buttons, one command sync: once per start, before the gateway.

        The extensions' modules are imported on a worker thread first: importing them (APScheduler,
        SQLAlchemy...) takes a second or more, which would otherwise hold the loop before it connects.
        """
        await asyncio.to_thread(_import_extensions)
        for extension in EXTENSIONS:
            await self.load_extension(extension)
        self.add_dynamic_items(*DYNAMIC_ITEMS)
        await self.sync_commands()

    async def close(self) -> None:
        from bot.app.cogs.briefs import detach_briefs

        detach_briefs(self)
        await super().close()

    async def sync_commands(self) -> None:
        """Dev guild: copy the global commands there (instant); otherwise a global sync."""
        if self.settings.dev_guild_id:
            guild = discord.Object(id=self.settings.dev_guild_id)
            self.tree.copy_global_to(guild=guild)
            synced = await self.tree.sync(guild=guild)
            log.info("synced %d commands to guild %s", len(synced), self.settings.dev_guild_id)
        else:
            synced = await self.tree.sync()
            log.info("synced %d global commands", len(synced))

    async def on_message(self, message: discord.Message, /) -> None:
        """No prefix commands: mentions are questions, handled by the ask cog's listener."""
        return None

    async def on_error(self, event_method: str, /, *args: Any, **kwargs: Any) -> None:
        """An event handler raised: log the traceback (users are answered by the cogs themselves)."""
        log.exception("unhandled error in event %s", event_method)

    async def on_ready(self) -> None:
        log.info("connected as %s (%s guilds)", self.user, len(self.guilds))


class AutoShardedBriefBot(BriefBot, commands.AutoShardedBot):
    """The same bot over several shards (large deployments)."""


def create_bot(
    settings: Settings,
    corpus: CorpusService,
    answers: AnswerService,
    feedback: FeedbackStore,
    *,
    briefs: Any | None = None,
    **options: Any,
) -> BriefBot:
    """The bot class that fits the settings: auto-sharded when ``shard_count`` is set."""
    cls = AutoShardedBriefBot if settings.shard_count else BriefBot
    return cls(settings, corpus, answers, feedback, briefs=briefs, **options)
