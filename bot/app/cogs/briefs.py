"""``/brief …``: scheduled briefs per channel — subscribe, unsubscribe, list, and a preview (``now``).

Changes are for moderators, checked at run time with the same :func:`is_moderator` rule as ``/corpus``
(the configured role or Manage Server). Briefs are rendered by :func:`bot.app.render.render_brief`; this
module only parses, calls :class:`BriefService` (off the event loop) and sends, plus the poster the
scheduler calls.

Wiring: ``BriefBot.setup_hook`` loads this module as an extension; its ``setup`` is
:func:`attach_briefs` (adds the cog, then starts the scheduler, whose lock and job store are opened on
a worker thread, when this process wins the lock). ``BriefBot.close`` calls :func:`detach_briefs`.
"""

from __future__ import annotations

import asyncio
import logging
import re
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.app.audit import actor_of, origin_of, post_mod_log
from bot.app.checks import moderator_only
from bot.app.render import MAX_CONTENT, MAX_THREAD_NAME, escape_text, render_brief, render_brief_summary, truncate
from bot.briefs.compose import Brief, format_moment
from bot.briefs.service import BriefService, Delivery
from bot.errors import InvalidInputError

if TYPE_CHECKING:
    from bot.app.client import BriefBot

log = logging.getLogger(__name__)

NO_BRIEFS = "Briefs are not enabled on this bot."
WHEN_EMPTY_LABELS = {"say": "one line saying so", "skip": "no post"}
HISTORY_LIMIT = 50  # recent messages a retry looks through for a brief already posted


def _marker_pattern(marker: str) -> re.Pattern[str]:
    return re.compile(re.escape(marker) + r"(?: · (\d+)/(\d+))?(?!\d)")


async def find_posted(channel: discord.abc.Messageable, author_id: int, marker: str,
                      limit: int = HISTORY_LIMIT) -> dict[int, int]:
    """Parts of the brief marked ``marker`` already in the channel's recent messages: {part index: id}."""
    pattern = _marker_pattern(marker)
    found: dict[int, int] = {}
    async for message in channel.history(limit=limit):
        if message.author.id != author_id:
            continue
        for text in [message.content or "", *(e.footer.text or "" for e in message.embeds)]:
            match = pattern.search(text)
            if match:
                found.setdefault(int(match.group(1)) - 1 if match.group(1) else 0, message.id)
                break
    return found


def make_poster(bot: commands.Bot) -> Any:
    """The service's poster: the brief's summary as one message, the full brief in a thread under it.
    Discord drops a repeat of a nonce sent within minutes; a retry after a crash (``delivery.recovering``)
    first looks for the brief's marker in the channel, so a summary already there is recorded, not sent
    again."""

    async def post(channel_id: int, brief: Brief, delivery: Delivery) -> list[int]:
        channel = bot.get_channel(channel_id) or await bot.fetch_channel(channel_id)
        if not isinstance(channel, discord.abc.Messageable):
            raise InvalidInputError("The brief's channel cannot receive messages.")
        summary = render_brief_summary(brief, delivery.timezone, delivery.marker)
        if delivery.recovering and bot.user is not None:
            try:
                found = await find_posted(channel, bot.user.id, delivery.marker)
            except discord.HTTPException as exc:
                log.warning("could not read channel %s to look for %s (%s); posting it", channel_id,
                            delivery.marker, exc)
                found = {}
            if found:
                log.info("%s is already in channel %s; recording, not re-posting", delivery.marker, channel_id)
                return sorted(found.values())
        sent = await channel.send(content=summary.content, embeds=summary.embeds, nonce=f"{delivery.nonce}-0"[:25],
                                  allowed_mentions=discord.AllowedMentions.none())
        if not brief.empty and isinstance(channel, discord.TextChannel):
            await _post_full_brief(sent, brief, delivery)
        return [sent.id]

    return post


async def _post_full_brief(summary: discord.Message, brief: Brief, delivery: Delivery) -> None:
    """The full brief in a thread on its summary; without the permission to open one, the summary stands."""
    try:
        thread = await summary.create_thread(name=truncate(f"Full brief — {delivery.marker}", MAX_THREAD_NAME),
                                             auto_archive_duration=1440)
        for message in render_brief(brief, delivery.timezone):
            await thread.send(content=message.content, embeds=message.embeds,
                              allowed_mentions=discord.AllowedMentions.none())
    except discord.HTTPException as exc:
        log.warning("could not post the full brief under %s: %s", delivery.marker, exc)


async def attach_briefs(bot: BriefBot) -> bool:
    """Add the ``/brief`` cog and start the scheduler (if this process gets the lock)."""
    service: BriefService | None = bot.briefs
    if service is None:
        return False
    await bot.add_cog(BriefsCog(bot))
    return await service.start_async(make_poster(bot))


def detach_briefs(bot: BriefBot) -> None:
    """Stop the scheduler (nothing pending is run; the next start catches up) and release the lock."""
    service: BriefService | None = bot.briefs
    if service is not None:
        service.stop()


class BriefsCog(commands.GroupCog, group_name="brief", group_description="Scheduled briefs of new reporting"):
    """``/brief subscribe|unsubscribe|list|now``."""

    def __init__(self, bot: BriefBot) -> None:
        self.bot = bot
        super().__init__()

    async def _mod_log(self, interaction: discord.Interaction[Any], text: str) -> None:
        await post_mod_log(self.bot, self.bot.settings.mod_log_channel_id, interaction, text)

    @property
    def service(self) -> BriefService:
        service: BriefService | None = self.bot.briefs
        if service is None:
            raise InvalidInputError(NO_BRIEFS)
        return service

    @app_commands.command(name="subscribe", description="Post a brief of new articles to a channel on a schedule")
    @app_commands.describe(channel="Where to post", schedule="daily HH:MM, weekly mon HH:MM, or a cron",
                           timezone="IANA time zone, e.g. Europe/Paris",
                           when_empty="When nothing is new: post one line saying so, or post nothing")
    @app_commands.choices(when_empty=[app_commands.Choice(name=label, value=value)
                                      for value, label in WHEN_EMPTY_LABELS.items()])
    @app_commands.guild_only()
    @moderator_only()
    async def subscribe(self, interaction: discord.Interaction[Any], channel: discord.TextChannel,
                        schedule: str | None = None, timezone: str | None = None,
                        when_empty: app_commands.Choice[str] | None = None) -> None:
        settings = self.bot.settings
        spec = schedule or f"daily {settings.brief_default_time}"
        zone = timezone or settings.brief_default_timezone
        sub, created = await asyncio.to_thread(
            self.service.subscribe, interaction.guild_id or 0, channel.id, spec, zone, actor_of(interaction),
            origin_of(interaction), when_empty.value if when_empty is not None else None)
        verb = "will get" if created else "now gets"
        text = (f"{channel.mention} {verb} a brief `{sub.schedule}` ({escape_text(sub.timezone)}); "
                f"when nothing is new: {WHEN_EMPTY_LABELS[sub.when_empty]} — subscription #{sub.id}.")
        await interaction.response.send_message(truncate(text, MAX_CONTENT), ephemeral=True)
        await self._mod_log(interaction, f"briefs: {text}")

    @app_commands.command(name="unsubscribe", description="Stop a channel's briefs")
    @app_commands.describe(channel="The channel", id="Or the subscription id")
    @app_commands.guild_only()
    @moderator_only()
    async def unsubscribe(self, interaction: discord.Interaction[Any], channel: discord.TextChannel | None = None,
                          id: int | None = None) -> None:
        if channel is None and id is None:
            channel_id: int | None = interaction.channel_id
        else:
            channel_id = channel.id if channel is not None else None
        sub = await asyncio.to_thread(
            self.service.unsubscribe, interaction.guild_id, actor_of(interaction), origin_of(interaction),
            channel_id=channel_id, subscription_id=id)
        text = f"Briefs stopped for <#{sub.channel_id}> (subscription #{sub.id})."
        await interaction.response.send_message(text, ephemeral=True)
        await self._mod_log(interaction, f"briefs: {text}")

    @app_commands.command(name="list", description="This server's brief subscriptions")
    @app_commands.guild_only()
    async def list_(self, interaction: discord.Interaction[Any]) -> None:
        infos, problems = await asyncio.to_thread(self.service.listing, interaction.guild_id)
        lines = []
        for info in infos:
            sub = info.subscription
            nxt = f", next {format_moment(info.next_run, sub.timezone)}" if info.next_run else ""
            lines.append(f"`#{sub.id}` <#{sub.channel_id}> `{sub.schedule}` ({escape_text(sub.timezone)}){nxt}, "
                         f"last brief up to {format_moment(sub.last_brief_at, sub.timezone)}; "
                         f"when nothing is new: {WHEN_EMPTY_LABELS[sub.when_empty]}")
        if not lines:
            lines.append("No brief subscriptions. A moderator can add one with `/brief subscribe`.")
        lines += [f"⚠️ {escape_text(p)}" for p in problems]
        await interaction.response.send_message(truncate("\n".join(lines), MAX_CONTENT), ephemeral=True)

    @app_commands.command(name="now", description="Preview what this channel's next brief would contain")
    @app_commands.describe(channel="The subscribed channel (default: this one)")
    @app_commands.guild_only()
    async def now(self, interaction: discord.Interaction[Any], channel: discord.TextChannel | None = None) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        channel_id = channel.id if channel is not None else (interaction.channel_id or 0)
        brief, timezone = await asyncio.to_thread(self.service.preview_with_zone, channel_id)
        summary = render_brief_summary(brief, timezone, full="the full brief goes in a thread under it.")
        await interaction.followup.send(content=summary.content or discord.utils.MISSING, embeds=summary.embeds,
                                        ephemeral=True)


async def setup(bot: BriefBot) -> None:
    """Extension entry point: the ``/brief`` cog and the scheduler, when the bot was given a brief service."""
    await attach_briefs(bot)


__all__ = ["BriefsCog", "attach_briefs", "detach_briefs", "find_posted", "make_poster", "render_brief", "setup"]
