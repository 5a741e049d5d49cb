"""``/brief …``: scheduled briefs per channel — subscribe, unsubscribe, list, and a preview (``now``).

Changes are for moderators, checked at run time with the same :func:`is_moderator` rule as ``/corpus``
(the configured role or Manage Server). Briefs are rendered with the answer renderer's blocks (same
sections, same limits) plus a list of the new articles, and split over as many messages as needed.

Wiring (in ``BriefBot``): ``await attach_briefs(self)`` in ``setup_hook`` (adds the cog and starts the
scheduler when this process wins the lock) and ``detach_briefs(self)`` in ``close``.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.app.checks import moderator_only
from bot.app.render import (
    COLOUR_SOURCES,
    FOOTER,
    MAX_CONTENT,
    MAX_FOOTER,
    RenderedMessage,
    Section,
    answer_sections,
    article_line,
    escape_text,
    header_embed,
    pack_messages,
    section_embeds,
    truncate,
)
from bot.briefs.compose import Brief, format_moment
from bot.briefs.service import BriefService
from bot.errors import InvalidInputError

if TYPE_CHECKING:
    from bot.app.client import BriefBot

log = logging.getLogger(__name__)

NO_BRIEFS = "Briefs are not enabled on this bot."


def render_brief(brief: Brief, timezone: str = "UTC") -> list[RenderedMessage]:
    """A brief as Discord messages within every limit; an empty brief is one plain line."""
    if brief.empty:
        return [RenderedMessage(content=f"Nothing new since {format_moment(brief.since, timezone)}.")]
    answer = brief.answer
    embeds = [header_embed(answer)]
    for section in answer_sections(answer):
        embeds.extend(section_embeds(section))
    articles = Section("New articles", COLOUR_SOURCES, [article_line(a) for a in brief.articles])
    embeds.extend(section_embeds(articles))
    embeds[-1].set_footer(text=truncate(FOOTER, MAX_FOOTER))
    return pack_messages(embeds)


def make_poster(bot: commands.Bot) -> Any:
    """The service's poster: render and send; discord.py sends the nonce with enforce_nonce, so Discord
    drops a repeat of the same message sent within minutes (e.g. a retry after a crash)."""

    async def post(channel_id: int, brief: Brief, nonce: str) -> list[int]:
        channel = bot.get_channel(channel_id) or await bot.fetch_channel(channel_id)
        if not isinstance(channel, discord.abc.Messageable):
            raise InvalidInputError("The brief's channel cannot receive messages.")
        sub = getattr(channel, "id", channel_id)
        timezone = "UTC"
        service: BriefService | None = getattr(bot, "briefs", None)
        if service is not None:
            found = service.store.for_channel(sub)
            timezone = found.timezone if found else "UTC"
        ids: list[int] = []
        for i, message in enumerate(render_brief(brief, timezone)):
            sent = await channel.send(content=message.content, embeds=message.embeds,
                                      nonce=f"{nonce}-{i}"[:25],
                                      allowed_mentions=discord.AllowedMentions.none())
            ids.append(sent.id)
        return ids

    return post


async def attach_briefs(bot: BriefBot) -> bool:
    """Add the ``/brief`` cog and start the scheduler (if this process gets the lock)."""
    service: BriefService | None = bot.briefs
    if service is None:
        return False
    await bot.add_cog(BriefsCog(bot))
    return service.start(make_poster(bot))


def detach_briefs(bot: BriefBot) -> None:
    """Stop the scheduler (nothing pending is run; the next start catches up) and release the lock."""
    service: BriefService | None = bot.briefs
    if service is not None:
        service.stop()


def _actor(interaction: discord.Interaction[Any]) -> str:
    return f"discord:{interaction.user.id}"


def _origin(interaction: discord.Interaction[Any]) -> str:
    return f"discord:{interaction.guild_id}/{interaction.channel_id}"


class BriefsCog(commands.GroupCog, group_name="brief", group_description="Scheduled briefs of new reporting"):
    """``/brief subscribe|unsubscribe|list|now``."""

    def __init__(self, bot: BriefBot) -> None:
        self.bot = bot
        super().__init__()

    @property
    def service(self) -> BriefService:
        service: BriefService | None = self.bot.briefs
        if service is None:
            raise InvalidInputError(NO_BRIEFS)
        return service

    @app_commands.command(name="subscribe", description="Post a brief of new articles to a channel on a schedule")
    @app_commands.describe(channel="Where to post", schedule="daily HH:MM, weekly mon HH:MM, or a cron",
                           timezone="IANA time zone, e.g. Europe/Paris")
    @app_commands.guild_only()
    @moderator_only()
    async def subscribe(self, interaction: discord.Interaction[Any], channel: discord.TextChannel,
                        schedule: str | None = None, timezone: str | None = None) -> None:
        settings = self.bot.settings
        spec = schedule or f"daily {settings.brief_default_time}"
        zone = timezone or settings.brief_default_timezone
        sub, created = await asyncio.to_thread(
            self.service.subscribe, interaction.guild_id or 0, channel.id, spec, zone, _actor(interaction),
            _origin(interaction))
        verb = "will get" if created else "now gets"
        text = (f"{channel.mention} {verb} a brief `{sub.schedule}` ({escape_text(sub.timezone)}) "
                f"— subscription #{sub.id}.")
        await interaction.response.send_message(truncate(text, MAX_CONTENT), ephemeral=True)

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
            self.service.unsubscribe, interaction.guild_id, _actor(interaction), _origin(interaction),
            channel_id=channel_id, subscription_id=id)
        await interaction.response.send_message(
            f"Briefs stopped for <#{sub.channel_id}> (subscription #{sub.id}).", ephemeral=True)

    @app_commands.command(name="list", description="This server's brief subscriptions")
    @app_commands.guild_only()
    async def list_(self, interaction: discord.Interaction[Any]) -> None:
        infos, problems = await asyncio.to_thread(self.service.listing, interaction.guild_id)
        lines = []
        for info in infos:
            sub = info.subscription
            nxt = f", next {format_moment(info.next_run, sub.timezone)}" if info.next_run else ""
            lines.append(f"`#{sub.id}` <#{sub.channel_id}> `{sub.schedule}` ({escape_text(sub.timezone)}){nxt}, "
                         f"last brief up to {format_moment(sub.last_brief_at, sub.timezone)}")
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
        brief = await asyncio.to_thread(self.service.preview, channel_id)
        sub = self.service.store.for_channel(channel_id)
        for message in render_brief(brief, sub.timezone if sub else "UTC")[:5]:
            await interaction.followup.send(content=message.content or discord.utils.MISSING,
                                            embeds=message.embeds, ephemeral=True)


async def setup(bot: BriefBot) -> None:
    """Extension entry point: the ``/brief`` cog and the scheduler, when the bot was given a brief service."""
    await attach_briefs(bot)
