"""``/timeline [since]``: the story's dated events in order, each cited, with a PNG chart attached.

Thin: parses the day, asks the facts service (off the event loop: it reads SQLite and draws with
matplotlib) and renders the same :class:`~bot.facts.timeline.Timeline` the CLI prints.
"""

from __future__ import annotations

import asyncio
import io
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.app.render import render_timeline
from bot.facts.cli import parse_day
from bot.facts.service import FactsService

if TYPE_CHECKING:
    from bot.app.client import BriefBot

CHART_NAME = "timeline.png"


class TimelineCog(commands.Cog):
    """``/timeline``."""

    def __init__(self, bot: BriefBot) -> None:
        self.bot = bot

    @app_commands.command(name="timeline", description="What happened when in the story, each event cited")
    @app_commands.describe(since="Only events on or after this day (YYYY-MM-DD)")
    async def timeline(self, interaction: discord.Interaction[Any], since: str | None = None) -> None:
        day = parse_day(since)  # a bad day is a domain error: the global handler answers it
        await interaction.response.defer(thinking=True)
        service = FactsService(self.bot.corpus.catalog)

        def build() -> tuple[Any, bytes]:
            timeline = service.timeline(day)
            return timeline, service.timeline_png(timeline)

        timeline, chart = await asyncio.to_thread(build)
        embed = render_timeline(timeline)
        embed.set_image(url=f"attachment://{CHART_NAME}")
        await interaction.followup.send(embed=embed, file=discord.File(io.BytesIO(chart), filename=CHART_NAME))


async def setup(bot: BriefBot) -> None:
    """Extension entry point (``bot.load_extension``): the cog reads its dependencies from the bot."""
    await bot.add_cog(TimelineCog(bot))
