"""Questions: ``/ask``, mentions of the bot, and follow-ups in the threads the bot opened.

Both paths validate the question first (cheap, so a bad question is answered ephemerally and does not
cost the user their cooldown), acknowledge at once (defer / typing) because answering may take longer
than Discord's 3-second interaction deadline, answer in a worker thread, persist the answer (for the
persistent Quotes and vote buttons) and send the rendered messages.
"""

from __future__ import annotations

import asyncio
import logging
import re
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.answers.model import Answer
from bot.answers.service import CHAT_MENTION, clean_question
from bot.app.checks import slow_down_message
from bot.app.cogs.errors import describe
from bot.app.render import RenderedMessage, render_answer, thread_name
from bot.app.views import answer_view

if TYPE_CHECKING:
    from bot.app.client import BriefBot

log = logging.getLogger(__name__)

EMPTY_MENTION = "Ask me a question about the export-control story, e.g. “Why were the models taken offline?”"


def strip_mention(content: str, bot_id: int) -> str:
    """The question in a message that mentions the bot.

    The bot's own mention is removed, and so are other Discord mentions (users, roles, channels,
    @everyone/@here): they address people on the server, never the news story, and an unknown id in the
    question would only make the answer service abstain.
    """
    return " ".join(CHAT_MENTION.sub(" ", re.sub(rf"<@!?{bot_id}>", " ", content)).split())


def _send_kwargs(message: RenderedMessage, view: discord.ui.View | None) -> dict[str, Any]:
    kwargs: dict[str, Any] = {"embeds": message.embeds}
    if message.content:
        kwargs["content"] = message.content
    if view is not None:
        kwargs["view"] = view
    return kwargs


class AskCog(commands.Cog):
    """``/ask`` and mention/thread questions."""

    def __init__(self, bot: BriefBot) -> None:
        self.bot = bot

    def _validate(self, question: str, user_id: int) -> str:
        """Clean the question (raises InvalidInputError), then apply the per-user cooldown."""
        text = clean_question(question, self.bot.settings.max_question_chars)
        wait = self.bot.ask_cooldown.retry_after(user_id)
        if wait > 0:
            cooldown = app_commands.Cooldown(1, self.bot.ask_cooldown.seconds)
            raise app_commands.CommandOnCooldown(cooldown, wait)
        return text

    async def _answer(self, text: str, user_id: int, guild_id: int | None, channel_id: int | None,
                      earlier: list[tuple[str, str | None]] | None = None) -> tuple[Answer, str, list[RenderedMessage]]:
        answer = await asyncio.to_thread(self.bot.answers.ask, text, earlier or [])
        answer_id = await asyncio.to_thread(self.bot.feedback.save_answer, answer, user_id=user_id,
                                            guild_id=guild_id, channel_id=channel_id)
        return answer, answer_id, render_answer(answer)

    @app_commands.command(name="ask", description="Ask about the Fable 5 / Mythos 5 export-control story")
    @app_commands.describe(question="Your question, in words")
    async def ask(self, interaction: discord.Interaction[Any], question: str) -> None:
        text = self._validate(question, interaction.user.id)
        await interaction.response.defer(thinking=True)
        answer, answer_id, messages = await self._answer(text, interaction.user.id, interaction.guild_id,
                                                         interaction.channel_id)
        for i, message in enumerate(messages):
            view = answer_view(answer_id) if i == len(messages) - 1 and not answer.abstained else None
            await interaction.followup.send(**_send_kwargs(message, view))

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        me = self.bot.user
        if me is None or message.author.bot or message.author.id == me.id or message.guild is None:
            return
        mentioned = any(user.id == me.id for user in message.mentions)
        # Threads (possibly uncached after a restart) are anything but a plain text channel.
        in_our_thread = not isinstance(message.channel, discord.TextChannel) and await asyncio.to_thread(
            self.bot.feedback.is_bot_thread, message.channel.id
        )
        if not mentioned and not in_our_thread:
            return
        try:
            await self._answer_message(message, me.id, in_our_thread)
        except Exception as exc:
            text, unexpected = describe(exc)
            if unexpected:
                log.error("unexpected error answering message %s", message.id, exc_info=exc)
            try:
                await message.reply(text, mention_author=False)
            except Exception as send_error:  # closed session, deleted channel: only the log is left
                log.warning("could not reply with an error: %s", send_error)

    async def _answer_message(self, message: discord.Message, bot_id: int, in_our_thread: bool) -> None:
        question = strip_mention(message.content, bot_id)
        if not question:
            await message.reply(EMPTY_MENTION, mention_author=False)
            return
        try:
            text = self._validate(question, message.author.id)
        except app_commands.CommandOnCooldown as exc:
            await message.reply(slow_down_message(exc.retry_after), mention_author=False)
            return
        earlier = (await asyncio.to_thread(self.bot.feedback.thread_questions, message.channel.id)
                   if in_our_thread else [])
        async with message.channel.typing():
            answer, answer_id, messages = await self._answer(text, message.author.id,
                                                             message.guild.id if message.guild else None,
                                                             message.channel.id, earlier)
        sent: list[discord.Message] = []
        for i, rendered in enumerate(messages):
            view = answer_view(answer_id) if i == len(messages) - 1 and not answer.abstained else None
            if i == 0:
                sent.append(await message.reply(mention_author=False, **_send_kwargs(rendered, view)))
            else:
                sent.append(await message.channel.send(**_send_kwargs(rendered, view)))
        if not in_our_thread and isinstance(message.channel, discord.TextChannel):
            try:
                thread = await sent[0].create_thread(name=thread_name(text), auto_archive_duration=1440)
            except discord.HTTPException as exc:  # no permission to create threads: the reply stands
                log.warning("could not open a thread on %s: %s", sent[0].id, exc)
                return
            await asyncio.to_thread(self.bot.feedback.remember_thread, thread.id, answer_id)


async def setup(bot: BriefBot) -> None:
    """Extension entry point (``bot.load_extension``): the cog reads its dependencies from the bot."""
    await bot.add_cog(AskCog(bot))
