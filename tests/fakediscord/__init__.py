"""A loopback fake of Discord (REST + gateway) so the real discord.py client can be tested offline."""

from tests.fakediscord.server import (
    FakeAttachment,
    FakeChannel,
    FakeDiscord,
    FakeGuild,
    FakeMember,
    FakeRole,
    FakeUser,
    InteractionHandle,
    RecordedRequest,
    Scene,
)

__all__ = [
    "FakeAttachment",
    "FakeChannel",
    "FakeDiscord",
    "FakeGuild",
    "FakeMember",
    "FakeRole",
    "FakeUser",
    "InteractionHandle",
    "RecordedRequest",
    "Scene",
]
