"""``/sources [query]``: the corpus, paged, or the articles matching a query.

Ephemeral, because a listing is for the person who asked, not the channel.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.app.render import page_count, render_search_results, render_sources_page
from bot.app.views import sources_view

if TYPE_CHECKING:
    from bot.app.client import BriefBot


class SourcesCog(commands.Cog):
    """``/sources``."""

    def __init__(self, bot: BriefBot) -> None:
        self.bot = bot

    @app_commands.command(name="sources", description="List the articles the bot answers from")
    @app_commands.describe(query="Only articles matching these words")
    async def sources(self, interaction: discord.Interaction[Any], query: str | None = None) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        if query and query.strip():
            articles = await asyncio.to_thread(self.bot.answers.search_articles, query)
            await interaction.followup.send(embed=render_search_results(query, articles), ephemeral=True)
            return
        listing = await asyncio.to_thread(self.bot.corpus.articles)
        pages = page_count(len(listing))
        await interaction.followup.send(embed=render_sources_page(listing, 0), view=sources_view(0, pages),
                                        ephemeral=True)


async def setup(bot: BriefBot) -> None:
    """Extension entry point (``bot.load_extension``): the cog reads its dependencies from the bot."""
    await bot.add_cog(SourcesCog(bot))
