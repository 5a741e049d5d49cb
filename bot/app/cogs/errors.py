"""One error policy for every surface of the bot: slash commands, buttons, mentions, events.

Users see a short, safe sentence (a :class:`BriefbotError`'s own message, the moderator or cooldown
notice, or a generic apology); tracebacks go to the log only, and only for unexpected errors.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.app.checks import MODERATORS_ONLY, slow_down_message
from bot.errors import BriefbotError

if TYPE_CHECKING:
    from bot.app.client import BriefBot

log = logging.getLogger(__name__)

GENERIC = "Something went wrong; it has been logged."
GUILD_ONLY = "This command only works in a server."
NOT_THIS_SERVER_CHANNEL = "That channel is not a text channel of this server; name one of this server's channels."
BAD_OPTION = "One of the options could not be understood; please check it and try again."


def unwrap(error: BaseException) -> BaseException:
    """The error a command actually raised, out of discord.py's invoke wrappers."""
    while isinstance(error, app_commands.CommandInvokeError | commands.CommandInvokeError) and error.original:
        error = error.original
    return error


def describe(error: BaseException) -> tuple[str, bool]:
    """(message for the user, whether it is unexpected and must be logged with its traceback).

    A channel option discord.py cannot resolve in this server (another server's channel, which the
    picker never offers but a crafted request can name, or a channel of the wrong kind) is refused
    in one line, like any option that cannot be converted.
    """
    error = unwrap(error)
    if isinstance(error, BriefbotError):
        return error.user_message, False
    if isinstance(error, app_commands.TransformerError):
        if error.type is discord.AppCommandOptionType.channel:
            return NOT_THIS_SERVER_CHANNEL, False
        return BAD_OPTION, False
    if isinstance(error, app_commands.CommandOnCooldown | commands.CommandOnCooldown):
        return slow_down_message(error.retry_after), False
    if isinstance(error, app_commands.NoPrivateMessage | commands.NoPrivateMessage):
        return GUILD_ONLY, False
    if isinstance(error, app_commands.CheckFailure | commands.CheckFailure):
        return MODERATORS_ONLY, False
    return GENERIC, True


async def send_error(interaction: discord.Interaction[Any], text: str) -> None:
    """Reply ephemerally, whether or not the interaction was already acknowledged (deferred)."""
    try:
        if interaction.response.is_done():
            await interaction.followup.send(text, ephemeral=True)
        else:
            await interaction.response.send_message(text, ephemeral=True)
    except discord.HTTPException as exc:  # expired token, deleted channel: nothing more we can do
        log.warning("could not tell the user about an error: %s", exc)


async def handle_interaction_error(interaction: discord.Interaction[Any], error: BaseException,
                                   where: str = "interaction") -> None:
    """Log when unexpected, then tell the user."""
    text, unexpected = describe(error)
    if unexpected:
        original = unwrap(error)
        log.error("unexpected error in %s", where,
                  exc_info=(type(original), original, original.__traceback__))
    await send_error(interaction, text)


class ErrorsCog(commands.Cog):
    """Installs the tree-wide handler and handles prefix-command and event errors."""

    def __init__(self, bot: BriefBot) -> None:
        self.bot = bot
        self._previous: Any = None

    async def cog_load(self) -> None:
        self._previous = self.bot.tree.on_error
        self.bot.tree.on_error = self.on_app_command_error  # type: ignore[assignment,method-assign]

    async def cog_unload(self) -> None:
        if self._previous is not None:
            self.bot.tree.on_error = self._previous  # type: ignore[method-assign]

    async def on_app_command_error(self, interaction: discord.Interaction[Any],
                                   error: app_commands.AppCommandError) -> None:
        name = interaction.command.qualified_name if interaction.command else "interaction"
        await handle_interaction_error(interaction, error, f"/{name}")

    @commands.Cog.listener()
    async def on_command_error(self, ctx: commands.Context[Any], error: commands.CommandError) -> None:
        if isinstance(error, commands.CommandNotFound):
            return
        text, unexpected = describe(error)
        if unexpected:
            original = unwrap(error)
            log.error("unexpected error in command %s", ctx.command,
                      exc_info=(type(original), original, original.__traceback__))
        try:
            await ctx.reply(text, mention_author=False)
        except discord.HTTPException as exc:
            log.warning("could not report a command error: %s", exc)


async def setup(bot: BriefBot) -> None:
    """Extension entry point (``bot.load_extension``): the cog reads its dependencies from the bot."""
    await bot.add_cog(ErrorsCog(bot))
