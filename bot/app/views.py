"""Persistent buttons: Quotes, 👍/👎 on answers, and Previous/Next on the corpus listing.

Each button is a :class:`discord.ui.DynamicItem` whose custom id carries everything it needs
(``briefbot:quotes:<answer id>``, ``briefbot:vote:up:<answer id>``, ``briefbot:sources:next:<page>``),
so a click is understood from the id alone, even after a restart: answers are looked up in the
feedback store, corpus pages recomputed from the catalog. Registered with ``add_dynamic_items``.
"""

from __future__ import annotations

import asyncio
import logging
import re
from typing import TYPE_CHECKING, Any, cast

import discord

from bot.app.cogs.errors import handle_interaction_error
from bot.app.render import page_count, render_quotes, render_sources_page

if TYPE_CHECKING:
    from bot.app.client import BriefBot

log = logging.getLogger(__name__)

ANSWER_ID = r"[0-9a-f]{32}"


def _bot(interaction: discord.Interaction[Any]) -> BriefBot:
    return cast("BriefBot", interaction.client)


class QuotesButton(discord.ui.DynamicItem[discord.ui.Button[Any]],
                   template=rf"briefbot:quotes:(?P<answer_id>{ANSWER_ID})"):
    """Shows, ephemerally, the exact passage behind each citation of a stored answer."""

    def __init__(self, answer_id: str) -> None:
        super().__init__(discord.ui.Button(label="Quotes", emoji="📜", style=discord.ButtonStyle.secondary,
                                           custom_id=f"briefbot:quotes:{answer_id}"))
        self.answer_id = answer_id

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any],
                             match: re.Match[str], /) -> QuotesButton:
        return cls(match["answer_id"])

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        try:
            await self._show(interaction)
        except Exception as exc:
            await handle_interaction_error(interaction, exc, "Quotes button")

    async def _show(self, interaction: discord.Interaction[Any]) -> None:
        answer = await asyncio.to_thread(_bot(interaction).feedback.get_answer, self.answer_id)
        if answer is None:
            await interaction.response.send_message("I no longer have that answer; please ask again.",
                                                    ephemeral=True)
            return
        messages = render_quotes(answer)
        first, rest = messages[0], messages[1:]
        await interaction.response.send_message(content=first.content, embeds=first.embeds, ephemeral=True)
        for message in rest:
            await interaction.followup.send(content=message.content or discord.utils.MISSING,
                                            embeds=message.embeds, ephemeral=True)


class VoteButton(discord.ui.DynamicItem[discord.ui.Button[Any]],
                 template=rf"briefbot:vote:(?P<vote>up|down):(?P<answer_id>{ANSWER_ID})"):
    """👍/👎 feedback on an answer, stored with the question and answer."""

    def __init__(self, vote: str, answer_id: str) -> None:
        super().__init__(discord.ui.Button(emoji="👍" if vote == "up" else "👎",
                                           style=discord.ButtonStyle.secondary,
                                           custom_id=f"briefbot:vote:{vote}:{answer_id}"))
        self.vote = vote
        self.answer_id = answer_id

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any],
                             match: re.Match[str], /) -> VoteButton:
        return cls(match["vote"], match["answer_id"])

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        try:
            await self._vote(interaction)
        except Exception as exc:
            await handle_interaction_error(interaction, exc, "vote button")

    async def _vote(self, interaction: discord.Interaction[Any]) -> None:
        stored = await asyncio.to_thread(
            _bot(interaction).feedback.record_vote, self.answer_id, "up" if self.vote == "up" else "down",
            user_id=interaction.user.id, guild_id=interaction.guild_id, channel_id=interaction.channel_id,
        )
        text = "Thanks — your feedback was recorded." if stored else "I no longer have that answer, sorry."
        await interaction.response.send_message(text, ephemeral=True)


class SourcesPageButton(discord.ui.DynamicItem[discord.ui.Button[Any]],
                        template=r"briefbot:sources:(?P<direction>prev|next):(?P<page>\d{1,6})"):
    """Previous/Next on the corpus listing; ``page`` is the 0-based page the click goes to."""

    def __init__(self, direction: str, page: int, disabled: bool = False) -> None:
        super().__init__(discord.ui.Button(label="Previous" if direction == "prev" else "Next",
                                           style=discord.ButtonStyle.primary, disabled=disabled,
                                           custom_id=f"briefbot:sources:{direction}:{page}"))
        self.direction = direction
        self.page = page

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any],
                             match: re.Match[str], /) -> SourcesPageButton:
        return cls(match["direction"], int(match["page"]))

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        try:
            await self._turn(interaction)
        except Exception as exc:
            await handle_interaction_error(interaction, exc, "sources page button")

    async def _turn(self, interaction: discord.Interaction[Any]) -> None:
        articles = await asyncio.to_thread(_bot(interaction).corpus.articles)
        pages = page_count(len(articles))
        page = min(self.page, pages - 1)
        await interaction.response.edit_message(embed=render_sources_page(articles, page),
                                                view=sources_view(page, pages))


def answer_view(answer_id: str) -> discord.ui.View:
    """Quotes + 👍 + 👎 for one stored answer (no timeout: the items are persistent)."""
    view = discord.ui.View(timeout=None)
    view.add_item(QuotesButton(answer_id))
    view.add_item(VoteButton("up", answer_id))
    view.add_item(VoteButton("down", answer_id))
    return view


def sources_view(page: int, pages: int) -> discord.ui.View:
    """Previous/Next for corpus page ``page`` (0-based) of ``pages``."""
    view = discord.ui.View(timeout=None)
    view.add_item(SourcesPageButton("prev", max(page - 1, 0), disabled=page <= 0))
    view.add_item(SourcesPageButton("next", min(page + 1, pages - 1), disabled=page >= pages - 1))
    return view


DYNAMIC_ITEMS: tuple[type[discord.ui.DynamicItem[Any]], ...] = (QuotesButton, VoteButton, SourcesPageButton)
