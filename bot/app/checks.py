"""Run-time checks for commands: who may curate the corpus, and how often one user may ask.

Curation is checked here, at run time, and not only with ``default_permissions``: server admins can
override integration permissions, so the bot must decide itself. A moderator is a member with the
configured role name or the Manage Server permission.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import discord
from discord import app_commands

if TYPE_CHECKING:
    from bot.app.client import BriefBot

T = TypeVar("T")

MODERATORS_ONLY = "This command is for moderators."


class NotModeratorError(app_commands.CheckFailure):
    """Raised by :func:`moderator_only`; the error handler answers with :data:`MODERATORS_ONLY`."""


def is_moderator(
    user: discord.abc.User, role_name: str, permissions: discord.Permissions | None = None
) -> bool:
    """True for a guild member with the moderator role (by name) or Manage Server."""
    if not isinstance(user, discord.Member):
        return False
    if permissions is not None and (permissions.manage_guild or permissions.administrator):
        return True
    if user.guild_permissions.manage_guild or user.guild_permissions.administrator:
        return True
    wanted = role_name.casefold()
    return any(role.name.casefold() == wanted for role in user.roles)


def _bot(interaction: discord.Interaction[Any]) -> BriefBot:
    return interaction.client  # type: ignore[no-any-return]


def moderator_only() -> Callable[[T], T]:
    """``app_commands.check`` requiring :func:`is_moderator` for the invoking member."""

    async def predicate(interaction: discord.Interaction[Any]) -> bool:
        settings = _bot(interaction).settings
        if is_moderator(interaction.user, settings.moderator_role, interaction.permissions):
            return True
        raise NotModeratorError(MODERATORS_ONLY)

    return app_commands.check(predicate)


class UserCooldown:
    """One question per ``seconds`` per user, shared by /ask and mentions (0 disables it)."""

    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds = seconds
        self.clock = clock
        self._last: dict[int, float] = {}

    def retry_after(self, user_id: int) -> float:
        """Seconds until ``user_id`` may ask again; 0.0 means now (and records this use)."""
        if self.seconds <= 0:
            return 0.0
        now = self.clock()
        last = self._last.get(user_id)
        if last is not None and now - last < self.seconds:
            return self.seconds - (now - last)
        self._last[user_id] = now
        if len(self._last) > 10_000:  # forget old entries so memory stays bounded
            cutoff = now - self.seconds
            self._last = {k: v for k, v in self._last.items() if v >= cutoff}
        return 0.0


def slow_down_message(retry_after: float) -> str:
    return f"Slow down — try again in {max(1, math.ceil(retry_after))} s."
