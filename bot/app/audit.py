"""Who made a curation change and from where (for the audit log), and the note in the mod-log channel.

Shared by every cog that changes something (``/corpus``, ``/brief``), so each change is recorded and
announced the same way.
"""

from __future__ import annotations

import logging
from typing import Any

import discord
from discord.ext import commands

from bot.app.render import MAX_CONTENT, escape_text, truncate

log = logging.getLogger(__name__)


def actor_of(interaction: discord.Interaction[Any]) -> str:
    return f"discord:{interaction.user.id}"


def origin_of(interaction: discord.Interaction[Any]) -> str:
    return f"discord:{interaction.guild_id}/{interaction.channel_id}"


async def post_mod_log(bot: commands.Bot, channel_id: int | None, interaction: discord.Interaction[Any],
                       text: str) -> None:
    """A short note in the mod-log channel (when configured); failures are logged, not raised: the
    change itself is already done and audited."""
    if not channel_id:
        return
    who = escape_text(f"{interaction.user.name} ({actor_of(interaction)})")
    note = truncate(f"📚 {who}: {text}", MAX_CONTENT)
    try:
        channel = bot.get_channel(channel_id) or await bot.fetch_channel(channel_id)
        if isinstance(channel, discord.abc.Messageable):
            await channel.send(note)
    except discord.HTTPException as exc:
        log.warning("could not post to the mod-log channel %s: %s", channel_id, exc)
