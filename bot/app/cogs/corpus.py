"""``/corpus …``: curation for moderators (add, remove, retry a failed article, feeds, audit log).

Every command is checked at run time with :func:`moderator_only` (not only hidden by permissions).
Changes go through :class:`CorpusService`, which writes the audit log with actor ``discord:<user id>``
and origin ``discord:<guild id>/<channel id>``; a short note also goes to the mod-log channel when one is
configured. Blocking work runs in ``asyncio.to_thread``.
"""

from __future__ import annotations

import asyncio
import re
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.app.audit import actor_of, origin_of, post_mod_log
from bot.app.checks import moderator_only
from bot.app.render import (
    MAX_CONTENT,
    escape_text,
    render_audit_log,
    render_feeds,
    render_ingest_report,
    truncate,
    url_text,
)
from bot.corpus.models import IngestReport
from bot.corpus.sources import too_large
from bot.errors import InvalidInputError

if TYPE_CHECKING:
    from bot.app.client import BriefBot


ATTACHMENT_EXTENSIONS = frozenset({".md", ".markdown", ".txt", ".html", ".htm"})


def safe_filename(name: str) -> str:
    """The attachment's base name reduced to safe characters, keeping its extension."""
    path = Path(name.replace("\\", "/")).name
    suffix = Path(path).suffix.lower()
    stem = re.sub(r"[^A-Za-z0-9._-]", "_", Path(path).stem)[:80].strip("._") or "upload"
    return stem + suffix


def changed(report: IngestReport) -> bool:
    return bool(report.added or report.updated or report.duplicates)


class CorpusCog(commands.GroupCog, group_name="corpus", group_description="Curate the corpus (moderators)"):
    """``/corpus add|remove|retry|log`` and ``/corpus feeds add|remove|list``."""

    feeds = app_commands.Group(name="feeds", description="RSS/Atom feeds polled for new articles")

    def __init__(self, bot: BriefBot) -> None:
        self.bot = bot
        super().__init__()

    async def _mod_log(self, interaction: discord.Interaction[Any], text: str) -> None:
        await post_mod_log(self.bot, self.bot.settings.mod_log_channel_id, interaction, text)

    async def _reply(self, interaction: discord.Interaction[Any], text: str) -> None:
        await interaction.followup.send(truncate(text, MAX_CONTENT), ephemeral=True)

    @app_commands.command(name="add", description="Add an article from a URL or an uploaded file")
    @app_commands.describe(url="Address of the article", attachment="A .md, .txt or .html file")
    @moderator_only()
    async def add(self, interaction: discord.Interaction[Any], url: str | None = None,
                  attachment: discord.Attachment | None = None) -> None:
        if (url is None) == (attachment is None):
            raise InvalidInputError("Give either a URL or a file (not both).")
        if attachment is not None:
            self._check_attachment(attachment)  # refused before anything is downloaded or deferred
        await interaction.response.defer(ephemeral=True, thinking=True)
        actor, origin = actor_of(interaction), origin_of(interaction)
        if url is not None:
            report = await asyncio.to_thread(self.bot.corpus.add_url, url.strip(), actor, origin)
            what = url.strip()
        else:
            assert attachment is not None
            report = await self._add_attachment(attachment, actor, origin)
            what = attachment.filename
        text = render_ingest_report(report, what)
        await self._reply(interaction, text)
        if changed(report):
            await self._mod_log(interaction, text)

    def _check_attachment(self, attachment: discord.Attachment) -> str:
        """The safe file name, once what Discord says of the file (type, size) is acceptable."""
        name = safe_filename(attachment.filename)
        if Path(name).suffix not in ATTACHMENT_EXTENSIONS:
            raise InvalidInputError("Only .md, .markdown, .txt, .html and .htm files can be added.")
        limit = self.bot.settings.max_article_bytes
        if attachment.size > limit:
            raise InvalidInputError(too_large(name, attachment.size, limit))
        return name

    async def _add_attachment(self, attachment: discord.Attachment, actor: str, origin: str) -> IngestReport:
        """Download (size checked again on what actually arrived) and add in a temporary folder."""
        name = self._check_attachment(attachment)
        limit = self.bot.settings.max_article_bytes
        data = await attachment.read()
        if len(data) > limit:
            raise InvalidInputError(too_large(name, len(data), limit))

        def ingest() -> IngestReport:
            with tempfile.TemporaryDirectory(prefix="briefbot-upload-") as tmp:
                path = Path(tmp) / name
                path.write_bytes(data)
                return self.bot.corpus.add_paths([path], actor, origin)

        return await asyncio.to_thread(ingest)

    @app_commands.command(name="remove", description="Remove an article by its id")
    @app_commands.describe(id="The article id, as shown by /sources")
    @moderator_only()
    async def remove(self, interaction: discord.Interaction[Any], id: str) -> None:
        article_id = self.bot.corpus.parse_article_id(id)
        await interaction.response.defer(ephemeral=True, thinking=True)
        article = await asyncio.to_thread(self.bot.corpus.remove, article_id, actor_of(interaction),
                                          origin_of(interaction))
        text = f"Removed #{article.id}: {escape_text(truncate(article.title, 200))}"
        await self._reply(interaction, text)
        await self._mod_log(interaction, text)

    @app_commands.command(name="retry", description="Index again an article set aside after it kept failing")
    @app_commands.describe(id="The article id, as shown by `briefbot corpus check` or the mod-log")
    @moderator_only()
    async def retry(self, interaction: discord.Interaction[Any], id: str) -> None:
        article_id = self.bot.corpus.parse_article_id(id)
        await interaction.response.defer(ephemeral=True, thinking=True)
        article = await asyncio.to_thread(self.bot.corpus.retry, article_id, actor_of(interaction),
                                          origin_of(interaction))
        problem = await asyncio.to_thread(self.bot.corpus.index_problem, article.id)
        title = escape_text(truncate(article.title, 200))
        text = (f"Indexed #{article.id}: {title}" if problem is None
                else f"#{article.id} ({title}) failed again: {escape_text(truncate(problem, 200))}")
        await self._reply(interaction, text)
        await self._mod_log(interaction, text)

    @app_commands.command(name="log", description="Recent changes to the corpus")
    @app_commands.describe(limit="How many entries (1–50)")
    @moderator_only()
    async def audit(self, interaction: discord.Interaction[Any],
                    limit: app_commands.Range[int, 1, 50] = 20) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        entries = await asyncio.to_thread(self.bot.corpus.audit_log, limit)
        await self._reply(interaction, render_audit_log(entries))

    @feeds.command(name="add", description="Add an RSS/Atom feed")
    @app_commands.describe(url="The feed's address")
    @moderator_only()
    async def feeds_add(self, interaction: discord.Interaction[Any], url: str) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        feed = await asyncio.to_thread(self.bot.corpus.add_feed, url.strip(), actor_of(interaction),
                                       origin_of(interaction))
        text = f"Added feed #{feed.id}: {escape_text(truncate(feed.title or 'untitled', 200))} {url_text(feed.url)}"
        await self._reply(interaction, text)
        await self._mod_log(interaction, text)

    @feeds.command(name="remove", description="Remove a feed by URL or id")
    @app_commands.describe(url_or_id="The feed's address or its id from /corpus feeds list")
    @moderator_only()
    async def feeds_remove(self, interaction: discord.Interaction[Any], url_or_id: str) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        feed = await asyncio.to_thread(self.bot.corpus.remove_feed, url_or_id, actor_of(interaction),
                                       origin_of(interaction))
        text = f"Removed feed #{feed.id}: {url_text(feed.url)}"
        await self._reply(interaction, text)
        await self._mod_log(interaction, text)

    @feeds.command(name="list", description="The feeds being polled")
    @moderator_only()
    async def feeds_list(self, interaction: discord.Interaction[Any]) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        feeds = await asyncio.to_thread(self.bot.corpus.feeds)
        await self._reply(interaction, render_feeds(feeds))


async def setup(bot: BriefBot) -> None:
    """Extension entry point (``bot.load_extension``): the cog reads its dependencies from the bot."""
    await bot.add_cog(CorpusCog(bot))
