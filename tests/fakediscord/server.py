"""An in-process fake of Discord's REST API and gateway, served on 127.0.0.1.

Why: the bot must be tested end-to-end with the *real* discord.py client (its parsers, view store,
rate-limit handling, reconnect logic) without touching the internet.  ``FakeDiscord`` speaks just
enough of API v10 and gateway v10 for ``commands.Bot`` to log in, sync app commands, receive
interactions / messages and reply.  Everything the client sends is recorded for assertions.

Quick use (see ``fixtures.py`` for the pytest wrappers)::

    fake = FakeDiscord()
    scene = fake.add_default_scene()          # guild, #general, moderator/manager roles, members
    await fake.start()
    with patch_discord_endpoints(fake):       # Route.BASE + DiscordWebSocket.DEFAULT_GATEWAY
        bot = MyBot(connector=make_no_external_connector(), guild_ready_timeout=0.05)
        async with running_bot(bot, fake):    # from fixtures.py: start, wait ready, close
            handle = await fake.send_interaction("ping", user=scene.user)
            cb = await handle.wait_response()        # POST /interactions/{id}/{token}/callback
            [fu] = await handle.wait_followups(1)    # POST /webhooks/{app}/{token}
            await fake.send_component(fu.message, "my-button", user=scene.user)
            await fake.send_message("hi <@bot>", author=scene.user, mentions=[fake.bot_user])
    await fake.stop()

Main API
--------
* ``start()`` / ``stop()``; ``port``, ``api_base`` (``http://127.0.0.1:PORT/api/v10``), ``gateway_url``,
  ``resume_gateway_url``, ``base_url``; ``token``, ``bot_user`` (:class:`FakeUser`), ``application_id``.
* World building: ``add_guild``, ``add_role``, ``add_channel``, ``add_user``, ``add_member``,
  ``add_default_scene`` (returns :class:`Scene`), ``attachment`` (bytes served by the fake itself).
  Adding things after the client connected dispatches GUILD_CREATE / CHANNEL_CREATE / GUILD_MEMBER_ADD.
* Gateway: ``wait_ready()``, ``dispatch(event, data)``, ``send_interaction(...)`` (slash commands,
  ``"group sub"`` names, attachments / users / channels / roles as option values, raw option lists),
  ``send_component(message, custom_id, ...)``, ``send_modal_submit(custom_id, values, ...)``,
  ``send_message(content, author=..., channel=..., mentions=[...])``, ``send_dm(content, author=...)``,
  ``drop_connection()``, ``hold_delivery()`` (events sent but lost on the wire before a drop), ``sequence``,
  ``wait_resumed()``; records ``identifies``, ``resumes``, ``heartbeats``.
* REST recording: ``requests`` (list of :class:`RecordedRequest`), ``requests_to(method, path_regex)``,
  ``wait_for_request(...)``, ``wait_until(predicate)``, ``messages_in(channel_id)``, ``commands`` (last
  synced command lists); ``observers`` (callables given each request as it is answered) and ``forget()``
  (drop the records, for long runs).
* Errors: ``rate_limit_next(method, path_regex, retry_after=0.2)`` answers the next matching call with
  a 429 Discord-style; ``fail_next(method, path_regex, status, body)`` scripts an error;
  ``expect_error(method, path_regex)`` marks natural errors (e.g. 404 unknown channel) as expected.
  ``unexpected_errors`` lists every ≥400 answer nobody asked for (the fixtures fail the test on it).

Messages the bot creates (channel posts, non-ephemeral interaction replies and follow-ups) are echoed
back as MESSAGE_CREATE, as Discord does (``FakeDiscord(echo_bot_messages=False)`` turns that off);
threads the bot creates are announced with THREAD_CREATE.

Notes on fidelity: content is never filtered by intents; permissions are not enforced server-side;
ids are real snowflakes (so ``snowflake_time`` works); JSON bodies are answered with the exact
content type ``application/json`` because discord.py only parses that exact string as JSON.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import itertools
import json
import re
import secrets
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from aiohttp import BodyPartReader, WSMsgType, web

try:
    import orjson
except ImportError:  # pragma: no cover - the standard library does the same, slower
    orjson = None  # type: ignore[assignment]  # optional speed-up; _dumps checks for None

__all__ = [
    "DEFAULT_EVERYONE_PERMISSIONS",
    "MODERATOR_ROLE_NAME",
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

JSON = dict[str, Any]
DISCORD_EPOCH_MS = 1420070400000
MODERATOR_ROLE_NAME = "Briefbot Moderator"
ALL_PERMISSIONS = (1 << 53) - 1
ADMINISTRATOR = 1 << 3
# view channel, send messages, embed links, attach files, read history, add reactions, use app
# commands, create public threads, send in threads: what an ordinary member has on a normal server.
DEFAULT_EVERYONE_PERMISSIONS = (
    (1 << 6) | (1 << 10) | (1 << 11) | (1 << 14) | (1 << 15) | (1 << 16) | (1 << 31) | (1 << 35) | (1 << 38)
)
# Moderators can additionally manage messages, threads and the guild.
MODERATOR_PERMISSIONS = DEFAULT_EVERYONE_PERMISSIONS | (1 << 5) | (1 << 13) | (1 << 34)


def _now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat()


def _str_ids(value: Any) -> Any:
    """Snowflakes travel as strings on the wire even when the client sent ints."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _dumps(data: Any) -> bytes:
    """JSON bytes; orjson when installed (discord.py uses it too), several times faster on long runs."""
    if orjson is not None:
        try:
            return orjson.dumps(data, option=orjson.OPT_NON_STR_KEYS)
        except TypeError:  # e.g. a lone surrogate, which the standard library escapes
            pass
    return json.dumps(data).encode()


def _json_response(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    """JSON with the *exact* content type discord.py's ``json_or_text`` compares against."""
    resp = web.Response(body=_dumps(data), status=status, headers=headers or {})
    resp.headers["Content-Type"] = "application/json"
    return resp


# --------------------------------------------------------------------------------------------------
# World model
# --------------------------------------------------------------------------------------------------


@dataclass
class FakeUser:
    """A Discord user; ``payload()`` is the API user object."""

    id: int
    name: str
    bot: bool = False
    global_name: str | None = None

    @property
    def mention(self) -> str:
        return f"<@{self.id}>"

    def payload(self) -> JSON:
        return {
            "id": str(self.id),
            "username": self.name,
            "discriminator": "0",
            "global_name": self.global_name,
            "avatar": None,
            "bot": self.bot,
            "system": False,
            "public_flags": 0,
            "flags": 0,
        }


@dataclass
class FakeRole:
    """A guild role; the @everyone role's id equals the guild id, as on Discord."""

    id: int
    guild_id: int
    name: str
    permissions: int = 0
    position: int = 0
    managed: bool = False

    @property
    def mention(self) -> str:
        return f"<@&{self.id}>"

    def payload(self) -> JSON:
        return {
            "id": str(self.id),
            "name": self.name,
            "color": 0,
            "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
            "hoist": False,
            "icon": None,
            "unicode_emoji": None,
            "position": self.position,
            "permissions": str(self.permissions),
            "managed": self.managed,
            "mentionable": True,
            "flags": 0,
        }


@dataclass
class FakeChannel:
    """A guild channel (type 0 text, 11 public thread, 4 category...) or a DM (type 1)."""

    id: int
    name: str
    guild_id: int | None
    type: int = 0
    position: int = 0
    parent_id: int | None = None
    topic: str | None = None
    permission_overwrites: list[JSON] = field(default_factory=list)
    owner_id: int | None = None
    recipients: list[FakeUser] = field(default_factory=list)
    auto_archive_duration: int = 1440

    @property
    def mention(self) -> str:
        return f"<#{self.id}>"

    @property
    def is_thread(self) -> bool:
        return self.type in (10, 11, 12)

    def payload(self) -> JSON:
        data: JSON = {
            "id": str(self.id),
            "type": self.type,
            "name": self.name,
            "position": self.position,
            "permission_overwrites": list(self.permission_overwrites),
            "nsfw": False,
            "parent_id": str(self.parent_id) if self.parent_id else None,
            "topic": self.topic,
            "last_message_id": None,
            "rate_limit_per_user": 0,
            "flags": 0,
        }
        if self.guild_id is not None:
            data["guild_id"] = str(self.guild_id)
        if self.type == 1:
            data["recipients"] = [u.payload() for u in self.recipients]
        if self.is_thread:
            data.update(
                owner_id=str(self.owner_id) if self.owner_id else None,
                member_count=1,
                message_count=0,
                total_message_sent=0,
                thread_metadata={
                    "archived": False,
                    "auto_archive_duration": self.auto_archive_duration,
                    "archive_timestamp": _now_iso(),
                    "locked": False,
                    "invitable": True,
                },
            )
        return data


@dataclass
class FakeMember:
    """A user's membership of a guild.  ``permissions`` overrides the role-derived value."""

    user: FakeUser
    guild_id: int
    roles: list[int] = field(default_factory=list)
    nick: str | None = None
    permissions_override: int | None = None
    joined_at: str = field(default_factory=_now_iso)

    @property
    def id(self) -> int:
        return self.user.id

    @property
    def mention(self) -> str:
        return self.user.mention

    def payload(self, *, with_user: bool = True, permissions: int | None = None) -> JSON:
        data: JSON = {
            "roles": [str(r) for r in self.roles],
            "nick": self.nick,
            "avatar": None,
            "banner": None,
            "joined_at": self.joined_at,
            "premium_since": None,
            "deaf": False,
            "mute": False,
            "flags": 0,
            "pending": False,
            "communication_disabled_until": None,
        }
        if with_user:
            data["user"] = self.user.payload()
        if permissions is not None:
            data["permissions"] = str(permissions)
        return data


@dataclass
class FakeGuild:
    """A guild with its roles, channels and members (keyed by id)."""

    id: int
    name: str
    owner_id: int
    roles: dict[int, FakeRole] = field(default_factory=dict)
    channels: dict[int, FakeChannel] = field(default_factory=dict)
    members: dict[int, FakeMember] = field(default_factory=dict)

    @property
    def everyone(self) -> FakeRole:
        return self.roles[self.id]

    def role(self, name: str) -> FakeRole:
        """Look a role up by name (KeyError if absent)."""
        for role in self.roles.values():
            if role.name == name:
                return role
        raise KeyError(name)

    def channel(self, name: str) -> FakeChannel:
        """Look a channel up by name (KeyError if absent)."""
        for channel in self.channels.values():
            if channel.name == name:
                return channel
        raise KeyError(name)

    def permissions_for(self, member: FakeMember) -> int:
        """Guild-level permissions: @everyone | member roles; owner/admin get everything."""
        if member.permissions_override is not None:
            return member.permissions_override
        if member.user.id == self.owner_id:
            return ALL_PERMISSIONS
        perms = self.everyone.permissions
        for rid in member.roles:
            role = self.roles.get(rid)
            if role is not None:
                perms |= role.permissions
        return ALL_PERMISSIONS if perms & ADMINISTRATOR else perms

    def payload(self) -> JSON:
        return {
            "id": str(self.id),
            "name": self.name,
            "icon": None,
            "splash": None,
            "discovery_splash": None,
            "owner_id": str(self.owner_id),
            "afk_channel_id": None,
            "afk_timeout": 300,
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "roles": [r.payload() for r in self.roles.values()],
            "emojis": [],
            "stickers": [],
            "features": [],
            "mfa_level": 0,
            "application_id": None,
            "system_channel_id": None,
            "system_channel_flags": 0,
            "rules_channel_id": None,
            "vanity_url_code": None,
            "description": None,
            "banner": None,
            "premium_tier": 0,
            "premium_subscription_count": 0,
            "preferred_locale": "en-US",
            "public_updates_channel_id": None,
            "nsfw_level": 0,
            "premium_progress_bar_enabled": False,
            "unavailable": False,
            "large": False,
            "lazy": True,
            "joined_at": _now_iso(),
            "member_count": len(self.members),
            "members": [m.payload() for m in self.members.values()],
            "channels": [c.payload() for c in self.channels.values() if not c.is_thread],
            "threads": [c.payload() for c in self.channels.values() if c.is_thread],
            "voice_states": [],
            "presences": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
        }


@dataclass
class FakeAttachment:
    """An uploaded file the fake serves at ``url`` (loopback), usable as a slash-command option."""

    id: int
    filename: str
    data: bytes
    content_type: str
    url: str

    def payload(self) -> JSON:
        return {
            "id": str(self.id),
            "filename": self.filename,
            "size": len(self.data),
            "url": self.url,
            "proxy_url": self.url,
            "content_type": self.content_type,
            "ephemeral": False,
        }


@dataclass
class Scene:
    """The default world most bot tests need (see ``FakeDiscord.add_default_scene``)."""

    guild: FakeGuild
    general: FakeChannel
    briefs: FakeChannel
    moderator_role: FakeRole  # named like the bot's moderator role; grants no permission itself
    moderator: FakeMember  # the role *and* Manage Server (through ``manager_role``)
    user: FakeMember
    manager_role: FakeRole  # "Server Manager": Manage Server, Manage Messages, Manage Threads
    role_only_moderator: FakeMember  # the moderator role, no extra permission
    manage_server_member: FakeMember  # Manage Server, not the moderator role


# --------------------------------------------------------------------------------------------------
# Recording
# --------------------------------------------------------------------------------------------------


@dataclass
class RecordedFile:
    """One file part of a multipart request."""

    field_name: str
    filename: str | None
    content_type: str | None
    data: bytes


@dataclass
class RecordedRequest:
    """One REST call the client made, with what the fake answered."""

    method: str
    path: str  # relative to the API base, e.g. "/channels/1/messages"
    query: dict[str, str]
    headers: dict[str, str]
    json: Any  # parsed JSON body, or the parsed ``payload_json`` part of a multipart body
    files: list[RecordedFile] = field(default_factory=list)
    status: int = 0
    response: Any = None
    expected_error: bool = False
    at: float = field(default_factory=time.monotonic)

    @property
    def authorized(self) -> bool:
        return "Authorization" in self.headers

    @property
    def is_error(self) -> bool:
        return self.status >= 400

    @property
    def message(self) -> JSON | None:
        """The message object the fake answered with (callbacks: the created message), if any."""
        resp = self.response
        if isinstance(resp, dict):
            if "resource" in resp:
                message = resp["resource"].get("message")
                return message if isinstance(message, dict) else None
            if "content" in resp and "channel_id" in resp:
                return resp
        return None

    def __repr__(self) -> str:
        return f"<RecordedRequest {self.method} {self.path} -> {self.status}>"


@dataclass
class _Rule:
    method: str
    pattern: re.Pattern[str]
    status: int
    body: Any
    headers: dict[str, str]
    remaining: int  # how many more calls this rule applies to (-1 = forever, for expect_error)
    respond: bool  # False: only mark a natural error as expected

    def matches(self, method: str, path: str) -> bool:
        return self.remaining != 0 and self.method in (method, "*") and bool(self.pattern.search(path))


class InteractionHandle:
    """Tracks one interaction sent to the client and the REST calls answering it."""

    def __init__(self, fake: FakeDiscord, payload: JSON) -> None:
        self.fake = fake
        self.payload = payload
        self.id = int(payload["id"])
        self.token: str = payload["token"]
        self.callbacks: list[RecordedRequest] = []
        self.followups: list[RecordedRequest] = []
        self.edits: list[RecordedRequest] = []
        self.other: list[RecordedRequest] = []
        self.original_message: JSON | None = None

    @property
    def response(self) -> RecordedRequest | None:
        return self.callbacks[0] if self.callbacks else None

    @property
    def response_type(self) -> int | None:
        """Interaction callback type (4 message, 5 deferred, 6 deferred update, 7 update, 9 modal)."""
        if not self.callbacks:
            return None
        body = self.callbacks[0].json or {}
        return int(body["type"]) if "type" in body else None

    async def wait_response(self, timeout: float = 5.0) -> RecordedRequest:
        """Wait for the initial callback (``POST /interactions/{id}/{token}/callback``)."""
        await self.fake._wait_for(lambda: bool(self.callbacks), timeout, f"callback for {self.id}")
        return self.callbacks[0]

    async def wait_followups(self, n: int = 1, timeout: float = 5.0) -> list[RecordedRequest]:
        """Wait until at least ``n`` follow-ups (``POST /webhooks/{app}/{token}``) arrived."""
        await self.fake._wait_for(lambda: len(self.followups) >= n, timeout, f"{n} follow-ups for {self.id}")
        return list(self.followups)

    async def wait_edits(self, n: int = 1, timeout: float = 5.0) -> list[RecordedRequest]:
        """Wait until at least ``n`` edits (``PATCH .../messages/@original`` or ids) arrived."""
        await self.fake._wait_for(lambda: len(self.edits) >= n, timeout, f"{n} edits for {self.id}")
        return list(self.edits)

    def all_requests(self) -> list[RecordedRequest]:
        return sorted(self.callbacks + self.followups + self.edits + self.other, key=lambda r: r.at)


# --------------------------------------------------------------------------------------------------
# The fake
# --------------------------------------------------------------------------------------------------


class FakeDiscord:
    """Fake Discord REST + gateway; see the module docstring for the API tour."""

    API_PREFIX = "/api/v10"

    def __init__(
        self,
        *,
        token: str = "fake-bot-token",
        bot_name: str = "Briefbot",
        heartbeat_interval_ms: int = 41_250,
        echo_bot_messages: bool = True,
    ) -> None:
        self.token = token
        self.echo_bot_messages = echo_bot_messages
        self.heartbeat_interval_ms = heartbeat_interval_ms
        self._counter = itertools.count(1)
        self.application_id = self.snowflake()
        self.bot_user = FakeUser(self.application_id, bot_name, bot=True)
        self.owner = FakeUser(self.snowflake(), "owner")
        self.users: dict[int, FakeUser] = {self.bot_user.id: self.bot_user, self.owner.id: self.owner}
        self.guilds: dict[int, FakeGuild] = {}
        self.dm_channels: dict[int, FakeChannel] = {}
        self.attachments: dict[int, FakeAttachment] = {}
        self.messages: dict[int, JSON] = {}
        self.commands: dict[int | None, list[JSON]] = {}  # guild id (None = global) -> synced commands
        self.requests: list[RecordedRequest] = []
        self.observers: list[Callable[[RecordedRequest], None]] = []  # called with every answered request
        self.interactions: dict[str, InteractionHandle] = {}
        self.identifies: list[JSON] = []
        self.resumes: list[JSON] = []
        self.heartbeats = 0
        self.attachment_downloads: list[int] = []  # ids of attachments the bot downloaded
        self.gateway_connections = 0
        self.scene: Scene | None = None
        self._rules: list[_Rule] = []
        self._runner: web.AppRunner | None = None
        self._port: int | None = None
        self._cond: asyncio.Condition | None = None
        self._send_lock: asyncio.Lock | None = None
        self._live_ws: web.WebSocketResponse | None = None
        self._sockets: set[web.WebSocketResponse] = set()
        self._session_id: str | None = None
        self._seq = 0
        self._history: list[JSON] = []
        self._ready_sent = False
        self._holding = False  # hold_delivery(): events recorded for replay, not sent
        self._compiled_routes: list[tuple[str, str, re.Pattern[str], Callable[..., tuple[int, Any]]]] | None = None
        self._background: set[asyncio.Task[None]] = set()  # keeps fire-and-forget dispatches alive

    # ----------------------------------------------------------------------------------- lifecycle

    async def start(self) -> None:
        """Bind to a free loopback port and start serving."""
        self._cond = asyncio.Condition()
        self._send_lock = asyncio.Lock()
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_get("/gateway", self._gateway_handler)
        app.router.add_get("/resume", self._gateway_handler)
        app.router.add_get("/attachments/{aid}/{filename}", self._attachment_handler)
        app.router.add_route("*", self.API_PREFIX + "/{tail:.*}", self._api_handler)
        app.router.add_route("*", "/{tail:.*}", self._unknown_handler)
        self._runner = web.AppRunner(app, handle_signals=False, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self._port = self._runner.addresses[0][1]

    async def stop(self) -> None:
        """Close every websocket and the HTTP server."""
        self._live_ws = None
        for task in list(self._background):
            task.cancel()
        for ws in list(self._sockets):
            with contextlib.suppress(Exception):
                await ws.close(code=1001)
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeDiscord:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("FakeDiscord is not started")
        return self._port

    @property
    def session_id(self) -> str | None:
        """The gateway session id handed out in the last READY."""
        return self._session_id

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_base(self) -> str:
        return self.base_url + self.API_PREFIX

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    @property
    def resume_gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/resume"

    # ------------------------------------------------------------------------------- world building

    def snowflake(self) -> int:
        """A fresh, time-based, unique snowflake."""
        ms = int(time.time() * 1000) - DISCORD_EPOCH_MS
        return (ms << 22) | (next(self._counter) & 0x3FFFFF)

    def _guild(self, guild: FakeGuild | int | None) -> FakeGuild:
        if isinstance(guild, FakeGuild):
            return guild
        if guild is None:
            if not self.guilds:
                raise ValueError("no guild yet: call add_guild() first")
            return next(iter(self.guilds.values()))
        return self.guilds[guild]

    def add_user(self, name: str, *, user_id: int | None = None, bot: bool = False) -> FakeUser:
        user = FakeUser(user_id or self.snowflake(), name, bot=bot)
        self.users[user.id] = user
        return user

    def add_guild(
        self,
        name: str = "Test Guild",
        *,
        guild_id: int | None = None,
        everyone_permissions: int = DEFAULT_EVERYONE_PERMISSIONS,
        bot_permissions: int = MODERATOR_PERMISSIONS,
    ) -> FakeGuild:
        """Create a guild with its @everyone role and the bot as a member (with a managed role)."""
        gid = guild_id or self.snowflake()
        guild = FakeGuild(gid, name, owner_id=self.owner.id)
        guild.roles[gid] = FakeRole(gid, gid, "@everyone", everyone_permissions, position=0)
        self.guilds[gid] = guild
        bot_role = self.add_role(self.bot_user.name, bot_permissions, guild=guild, managed=True)
        self.add_member(self.bot_user.id, self.bot_user.name, roles=[bot_role], guild=guild)
        self.add_member(self.owner.id, self.owner.name, guild=guild)
        if self._ready_sent:
            self._fire("GUILD_CREATE", guild.payload())
        return guild

    def add_role(
        self,
        name: str,
        permissions: int = 0,
        *,
        guild: FakeGuild | int | None = None,
        role_id: int | None = None,
        managed: bool = False,
    ) -> FakeRole:
        g = self._guild(guild)
        role = FakeRole(role_id or self.snowflake(), g.id, name, permissions, len(g.roles), managed)
        g.roles[role.id] = role
        if self._ready_sent:
            self._fire("GUILD_ROLE_CREATE", {"guild_id": str(g.id), "role": role.payload()})
        return role

    def add_channel(
        self,
        name: str,
        *,
        guild: FakeGuild | int | None = None,
        type: int = 0,
        channel_id: int | None = None,
        parent_id: int | None = None,
        topic: str | None = None,
        permission_overwrites: Sequence[JSON] = (),
    ) -> FakeChannel:
        g = self._guild(guild)
        channel = FakeChannel(
            channel_id or self.snowflake(),
            name,
            g.id,
            type=type,
            position=len(g.channels),
            parent_id=parent_id,
            topic=topic,
            permission_overwrites=list(permission_overwrites),
        )
        g.channels[channel.id] = channel
        if self._ready_sent:
            self._fire("THREAD_CREATE" if channel.is_thread else "CHANNEL_CREATE", channel.payload())
        return channel

    def add_member(
        self,
        user_id: int | FakeUser | None = None,
        name: str = "member",
        *,
        roles: Iterable[FakeRole | int] = (),
        permissions: int | None = None,
        guild: FakeGuild | int | None = None,
        nick: str | None = None,
    ) -> FakeMember:
        """Add (or create) a user and make them a member; ``permissions`` overrides role maths."""
        g = self._guild(guild)
        if isinstance(user_id, FakeUser):
            user = user_id
        elif user_id is not None and user_id in self.users:
            user = self.users[user_id]
        else:
            user = self.add_user(name, user_id=user_id)
        role_ids = [r.id if isinstance(r, FakeRole) else int(r) for r in roles]
        member = FakeMember(user, g.id, role_ids, nick=nick, permissions_override=permissions)
        g.members[user.id] = member
        if self._ready_sent:
            self._fire("GUILD_MEMBER_ADD", {**member.payload(), "guild_id": str(g.id)})
        return member

    def add_default_scene(self) -> Scene:
        """Guild "Briefing Room" with #general, #briefs, a moderator role, a manager role and members.

        The moderator has both the moderator role and Manage Server; ``role_only_moderator`` and
        ``manage_server_member`` have one each, so each way of being a moderator can be tested alone;
        ``user`` has neither.
        """
        guild = self.add_guild("Briefing Room")
        general = self.add_channel("general", guild=guild)
        briefs = self.add_channel("briefs", guild=guild)
        mod_role = self.add_role(MODERATOR_ROLE_NAME, 0, guild=guild)
        manager_role = self.add_role("Server Manager", MODERATOR_PERMISSIONS, guild=guild)
        moderator = self.add_member(None, "mod", roles=[mod_role, manager_role], guild=guild)
        user = self.add_member(None, "reader", guild=guild)
        role_only = self.add_member(None, "role-mod", roles=[mod_role], guild=guild)
        manager = self.add_member(None, "manager", roles=[manager_role], guild=guild)
        self.scene = Scene(guild, general, briefs, mod_role, moderator, user, manager_role, role_only, manager)
        return self.scene

    def attachment(self, filename: str, data: bytes, content_type: str = "text/plain") -> FakeAttachment:
        """Register a file served at ``{base_url}/attachments/{id}/{filename}``."""
        aid = self.snowflake()
        url = f"{self.base_url}/attachments/{aid}/{filename}"
        att = FakeAttachment(aid, filename, data, content_type, url)
        self.attachments[aid] = att
        return att

    def channel(self, channel_id: int) -> FakeChannel | None:
        for g in self.guilds.values():
            if channel_id in g.channels:
                return g.channels[channel_id]
        return self.dm_channels.get(channel_id)

    def member(self, user: FakeUser | FakeMember | int, guild: FakeGuild | int | None = None) -> FakeMember:
        if isinstance(user, FakeMember):
            return user
        uid = user.id if isinstance(user, FakeUser) else user
        return self._guild(guild).members[uid]

    # ---------------------------------------------------------------------------------- recording

    def requests_to(self, method: str = "*", path_regex: str = ".*") -> list[RecordedRequest]:
        """Recorded requests whose method matches (``*`` = any) and path matches the regex."""
        pattern = re.compile(path_regex)
        return [r for r in self.requests if method in ("*", r.method) and pattern.search(r.path)]

    async def wait_for_request(
        self, method: str = "*", path_regex: str = ".*", *, count: int = 1, timeout: float = 5.0
    ) -> RecordedRequest:
        """Wait until ``count`` matching requests were answered; returns the ``count``-th one."""
        await self._wait_for(
            lambda: len(self.requests_to(method, path_regex)) >= count, timeout, f"{method} {path_regex}"
        )
        return self.requests_to(method, path_regex)[count - 1]

    def messages_in(self, channel_id: int | FakeChannel) -> list[JSON]:
        """Every message (users' and the bot's, ephemeral included) in a channel, oldest first."""
        cid = str(channel_id.id if isinstance(channel_id, FakeChannel) else channel_id)
        return [m for m in self.messages.values() if m["channel_id"] == cid]

    def bot_messages_in(self, channel_id: int | FakeChannel) -> list[JSON]:
        return [m for m in self.messages_in(channel_id) if m["author"]["id"] == str(self.bot_user.id)]

    def forget(self) -> None:
        """Drop what was recorded so far, so long runs (fuzzing) keep memory flat.

        Requests (error answers are kept for ``unexpected_errors``), messages, interaction handles and
        the replay history go; the world (guilds, channels, members) and synced commands stay. Call it
        only when the client is idle and connected: a RESUME afterwards replays nothing older.
        """
        self.requests = [r for r in self.requests if r.is_error]
        self.messages.clear()
        self.interactions.clear()
        self._history.clear()

    @property
    def unexpected_errors(self) -> list[RecordedRequest]:
        return [r for r in self.requests if r.is_error and not r.expected_error]

    # --------------------------------------------------------------------------- scripted failures

    def rate_limit_next(
        self,
        method: str,
        path_regex: str,
        retry_after: float = 0.2,
        *,
        is_global: bool = False,
        times: int = 1,
    ) -> None:
        """Answer the next ``times`` matching calls with a Discord-shaped 429."""
        body = {"message": "You are being rate limited.", "retry_after": retry_after, "global": is_global}
        headers = {
            "Retry-After": str(max(1, round(retry_after))),
            "X-RateLimit-Limit": "5",
            "X-RateLimit-Remaining": "0",
            "X-RateLimit-Reset": f"{time.time() + retry_after:.3f}",
            "X-RateLimit-Reset-After": f"{retry_after:.3f}",
            "X-RateLimit-Bucket": "",  # filled per request path
            "X-RateLimit-Scope": "global" if is_global else "user",
            # discord.py treats a 429 without a Via header as a Cloudflare ban and gives up.
            "Via": "1.1 google",
        }
        if is_global:
            headers["X-RateLimit-Global"] = "true"
        self._rules.append(_Rule(method, re.compile(path_regex), 429, body, headers, times, True))

    def fail_next(
        self,
        method: str,
        path_regex: str,
        status: int = 403,
        body: Any = None,
        *,
        times: int = 1,
    ) -> None:
        """Answer the next ``times`` matching calls with ``status`` (counted as an expected error).

        Beware: discord.py retries 500/502/504/524 after sleeping 1 s, 3 s, ... so prefer 4xx or 503.
        """
        payload = body if body is not None else {"message": f"Scripted error {status}", "code": 0}
        self._rules.append(_Rule(method, re.compile(path_regex), status, payload, {}, times, True))

    def expect_error(self, method: str, path_regex: str) -> None:
        """Mark naturally occurring error answers on matching calls as expected."""
        self._rules.append(_Rule(method, re.compile(path_regex), 0, None, {}, -1, False))

    # ------------------------------------------------------------------------------------ waiting

    async def _notify(self) -> None:
        assert self._cond is not None
        async with self._cond:
            self._cond.notify_all()

    async def _wait_for(self, predicate: Callable[[], bool], timeout: float, what: str) -> None:
        assert self._cond is not None, "FakeDiscord is not started"
        try:
            async with asyncio.timeout(timeout), self._cond:
                await self._cond.wait_for(predicate)
        except TimeoutError:
            seen = "\n  ".join(repr(r) for r in self.requests[-15:])
            raise AssertionError(
                f"timed out after {timeout}s waiting for {what}; last requests:\n  {seen}"
            ) from None

    async def wait_until(self, predicate: Callable[[], bool], timeout: float = 5.0, what: str = "condition") -> None:
        """Wait until ``predicate()`` holds; it is re-checked after every request and gateway message."""
        await self._wait_for(predicate, timeout, what)

    async def wait_ready(self, timeout: float = 5.0) -> None:
        """Wait until a client identified and was sent READY and every GUILD_CREATE."""
        await self._wait_for(lambda: self._ready_sent, timeout, "IDENTIFY/READY")

    async def wait_resumed(self, count: int = 1, timeout: float = 5.0) -> JSON:
        """Wait until ``count`` RESUMEs were answered; returns the last RESUME payload."""
        await self._wait_for(
            lambda: len(self.resumes) >= count and self._live_ws is not None, timeout, "RESUME"
        )
        return self.resumes[-1]

    # ------------------------------------------------------------------------------------ gateway

    def _frame(self, op: int, d: Any, t: str | None = None, s: int | None = None) -> JSON:
        return {"op": op, "d": d, "s": s, "t": t}

    async def _send_raw(self, ws: web.WebSocketResponse, frame: JSON) -> None:
        with contextlib.suppress(ConnectionResetError, RuntimeError):
            await ws.send_str(_dumps(frame).decode())

    async def dispatch(self, event: str, data: Any) -> None:
        """Send a DISPATCH (op 0) event; buffered for replay if the client is disconnected."""
        assert self._send_lock is not None
        async with self._send_lock:
            self._seq += 1
            frame = self._frame(0, data, event, self._seq)
            self._history.append(frame)
            if self._live_ws is not None and not self._holding:
                await self._send_raw(self._live_ws, frame)

    def _fire(self, event: str, data: Any) -> None:
        """Dispatch from sync code (world building after READY)."""
        task = asyncio.get_running_loop().create_task(self.dispatch(event, data))
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    @property
    def sequence(self) -> int:
        """The sequence number of the last DISPATCH (what a client that saw everything would resume at)."""
        return self._seq

    def hold_delivery(self) -> None:
        """Until the next ``drop_connection``, dispatched events go to the replay history but not down
        the socket: they were sent and lost on the wire when the connection died, so RESUME replays them."""
        self._holding = True

    async def drop_connection(self, code: int = 4000) -> None:
        """Close the live gateway socket; discord.py reconnects to resume_gateway_url and RESUMEs."""
        ws, self._live_ws = self._live_ws, None
        self._holding = False
        if ws is not None:
            await ws.close(code=code, message=b"fake: dropped")

    async def _gateway_handler(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(max_msg_size=0, autoping=True)
        await ws.prepare(request)
        self._sockets.add(ws)
        self.gateway_connections += 1
        try:
            await self._send_raw(ws, self._frame(10, {"heartbeat_interval": self.heartbeat_interval_ms}))
            async for msg in ws:
                if msg.type == WSMsgType.TEXT:
                    await self._on_gateway_payload(ws, json.loads(msg.data), request.path)
                elif msg.type == WSMsgType.ERROR:
                    break
        finally:
            self._sockets.discard(ws)
            if self._live_ws is ws:
                self._live_ws = None
        return ws

    async def _on_gateway_payload(self, ws: web.WebSocketResponse, payload: JSON, path: str) -> None:
        op = payload.get("op")
        d: Any = payload.get("d")  # whatever the client sent; each op's handler reads its own fields
        if op == 1:  # heartbeat
            self.heartbeats += 1
            await self._send_raw(ws, {"op": 11})
        elif op == 2:  # identify
            await self._identify(ws, d)
        elif op == 6:  # resume
            await self._resume(ws, d, path)
        elif op == 8:  # request guild members
            await self._request_members(d)
        # op 3 presence / op 4 voice state: accepted and ignored.
        await self._notify()

    async def _identify(self, ws: web.WebSocketResponse, d: JSON) -> None:
        self.identifies.append(d)
        if d.get("token") != self.token:
            await ws.close(code=4004, message=b"Authentication failed.")
            return
        assert self._send_lock is not None
        async with self._send_lock:
            self._session_id = secrets.token_hex(16)
            self._seq = 0
            self._history = []
            self._live_ws = ws
        ready = {
            "v": 10,
            "user": {**self.bot_user.payload(), "verified": True, "mfa_enabled": False, "email": None},
            "guilds": [{"id": str(g), "unavailable": True} for g in self.guilds],
            "session_id": self._session_id,
            "session_type": "normal",
            "resume_gateway_url": self.resume_gateway_url,
            "application": {"id": str(self.application_id), "flags": 0},
            "private_channels": [],
            "relationships": [],
            "presences": [],
            "geo_ordered_rtc_regions": [],
            "guild_join_requests": [],
            "user_settings": {},
            "shard": [0, 1],
        }
        await self.dispatch("READY", ready)
        for guild in self.guilds.values():
            await self.dispatch("GUILD_CREATE", guild.payload())
        self._ready_sent = True

    async def _resume(self, ws: web.WebSocketResponse, d: JSON, path: str) -> None:
        self.resumes.append({**d, "path": path})
        if d.get("token") != self.token:
            await ws.close(code=4004, message=b"Authentication failed.")
            return
        if d.get("session_id") != self._session_id:
            await self._send_raw(ws, self._frame(9, False))
            return
        assert self._send_lock is not None
        async with self._send_lock:
            last = d.get("seq") or 0
            for frame in self._history:
                if frame["s"] > last:
                    await self._send_raw(ws, frame)
            self._live_ws = ws
            self._seq += 1
            frame = self._frame(0, {"_trace": ["fake-discord"]}, "RESUMED", self._seq)
            self._history.append(frame)
            await self._send_raw(ws, frame)

    async def _request_members(self, d: JSON) -> None:
        guild = self.guilds.get(int(d["guild_id"]))
        if guild is None:
            return
        wanted = {int(u) for u in d.get("user_ids") or []}
        members = [m.payload() for m in guild.members.values() if not wanted or m.id in wanted]
        chunk: JSON = {"guild_id": str(guild.id), "members": members, "chunk_index": 0, "chunk_count": 1}
        if d.get("nonce"):
            chunk["nonce"] = d["nonce"]
        await self.dispatch("GUILD_MEMBERS_CHUNK", chunk)

    # --------------------------------------------------------------------------- gateway: events

    def _context(
        self,
        user: FakeMember | FakeUser | None,
        channel: FakeChannel | int | None,
        guild: FakeGuild | int | None,
    ) -> tuple[FakeGuild, FakeChannel, FakeMember]:
        g = self._guild(guild)
        if channel is None:
            ch = next(c for c in g.channels.values() if c.type == 0)
        elif isinstance(channel, FakeChannel):
            ch = channel
        else:
            found = self.channel(channel)
            if found is None:
                raise KeyError(f"unknown channel {channel}")
            ch = found
        if user is None:
            user = self.scene.user if self.scene else next(m for m in g.members.values() if not m.user.bot)
        member = self.member(user, g)
        return g, ch, member

    def _base_interaction(
        self, itype: int, data: JSON, g: FakeGuild, ch: FakeChannel, member: FakeMember, locale: str
    ) -> JSON:
        bot_member = g.members.get(self.bot_user.id)
        app_perms = g.permissions_for(bot_member) if bot_member else DEFAULT_EVERYONE_PERMISSIONS
        user_perms = g.permissions_for(member)
        return {
            "id": str(self.snowflake()),
            "application_id": str(self.application_id),
            "type": itype,
            "data": data,
            "guild_id": str(g.id),
            "guild": {"id": str(g.id), "locale": "en-US", "features": []},
            "channel_id": str(ch.id),
            "channel": ch.payload(),
            "member": member.payload(permissions=user_perms),
            "token": "itok-" + secrets.token_urlsafe(24),
            "version": 1,
            "app_permissions": str(app_perms),
            "locale": locale,
            "guild_locale": "en-US",
            "entitlements": [],
            "entitlement_sku_ids": [],
            "authorizing_integration_owners": {"0": str(g.id)},
            "context": 0,
            "attachment_size_limit": 10 * 1024 * 1024,
        }

    def _option(self, name: str, value: Any, resolved: JSON) -> JSON:
        if isinstance(value, dict) and "type" in value:
            return {"name": name, **value}
        if isinstance(value, FakeAttachment):
            resolved.setdefault("attachments", {})[str(value.id)] = value.payload()
            return {"name": name, "type": 11, "value": str(value.id)}
        if isinstance(value, FakeMember | FakeUser):
            member = value if isinstance(value, FakeMember) else None
            user = value.user if isinstance(value, FakeMember) else value
            resolved.setdefault("users", {})[str(user.id)] = user.payload()
            if member is not None:
                g = self.guilds[member.guild_id]
                resolved.setdefault("members", {})[str(user.id)] = member.payload(
                    with_user=False, permissions=g.permissions_for(member)
                )
            return {"name": name, "type": 6, "value": str(user.id)}
        if isinstance(value, FakeChannel):
            resolved.setdefault("channels", {})[str(value.id)] = {
                **value.payload(),
                "permissions": str(ALL_PERMISSIONS),
            }
            return {"name": name, "type": 7, "value": str(value.id)}
        if isinstance(value, FakeRole):
            resolved.setdefault("roles", {})[str(value.id)] = value.payload()
            return {"name": name, "type": 8, "value": str(value.id)}
        if isinstance(value, bool):
            return {"name": name, "type": 5, "value": value}
        if isinstance(value, int):
            return {"name": name, "type": 4, "value": value}
        if isinstance(value, float):
            return {"name": name, "type": 10, "value": value}
        return {"name": name, "type": 3, "value": str(value)}

    async def send_interaction(
        self,
        name: str,
        options: dict[str, Any] | list[JSON] | None = None,
        *,
        user: FakeMember | FakeUser | None = None,
        channel: FakeChannel | int | None = None,
        guild: FakeGuild | int | None = None,
        command_type: int = 1,
        interaction_type: int = 2,
        locale: str = "en-US",
    ) -> InteractionHandle:
        """Invoke a slash command; ``name`` may be ``"corpus feeds add"`` for subcommand (groups).

        ``options`` maps option names to values: str/int/float/bool, ``FakeAttachment`` (type 11 +
        ``resolved.attachments``), ``FakeMember``/``FakeUser`` (type 6), ``FakeChannel`` (7),
        ``FakeRole`` (8), or a raw option dict with ``type``; a list is passed through verbatim.
        ``interaction_type=4`` sends an autocomplete request instead (mark one option ``focused``).
        """
        g, ch, member = self._context(user, channel, guild)
        parts = name.split()
        resolved: JSON = {}
        if isinstance(options, list):
            leaf: list[JSON] = options
        else:
            leaf = [self._option(k, v, resolved) for k, v in (options or {}).items()]
        nested = leaf
        for depth, part in enumerate(reversed(parts[1:])):
            sub_type = 1 if depth == 0 else 2
            nested = [{"name": part, "type": sub_type, "options": nested}]
        root = parts[0]
        synced = self.commands.get(g.id, []) + self.commands.get(None, [])
        cmd_id = next((c["id"] for c in synced if c["name"] == root), str(self.snowflake()))
        data: JSON = {"id": cmd_id, "name": root, "type": command_type, "options": nested}
        if any(c["name"] == root for c in self.commands.get(g.id, [])):
            data["guild_id"] = str(g.id)
        if resolved:
            data["resolved"] = resolved
        payload = self._base_interaction(interaction_type, data, g, ch, member, locale)
        return await self._send_interaction_payload(payload)

    async def send_component(
        self,
        message: JSON,
        custom_id: str,
        *,
        user: FakeMember | FakeUser | None = None,
        component_type: int = 2,
        values: Sequence[str] | None = None,
        guild: FakeGuild | int | None = None,
    ) -> InteractionHandle:
        """Click a button (``component_type=2``) or pick select ``values`` on a message the bot sent."""
        channel_id = int(message["channel_id"])
        ch = self.channel(channel_id)
        g, ch2, member = self._context(user, ch or channel_id, guild)
        data: JSON = {"custom_id": custom_id, "component_type": component_type}
        if values is not None:
            data["values"] = list(values)
        payload = self._base_interaction(3, data, g, ch2, member, "en-US")
        payload["message"] = message
        return await self._send_interaction_payload(payload)

    async def send_modal_submit(
        self,
        custom_id: str,
        values: dict[str, str],
        *,
        user: FakeMember | FakeUser | None = None,
        channel: FakeChannel | int | None = None,
        guild: FakeGuild | int | None = None,
        labelled: bool = True,
    ) -> InteractionHandle:
        """Submit a modal: ``values`` maps text-input custom_ids to the typed text."""
        g, ch, member = self._context(user, channel, guild)
        if labelled:  # discord.py 2.6+ modals wrap inputs in Label (type 18) components
            rows = [
                {"type": 18, "id": i + 1, "component": {"type": 4, "custom_id": k, "value": v, "id": i + 100}}
                for i, (k, v) in enumerate(values.items())
            ]
        else:
            rows = [
                {"type": 1, "components": [{"type": 4, "custom_id": k, "value": v}]}
                for k, v in values.items()
            ]
        data: JSON = {"custom_id": custom_id, "components": rows}
        payload = self._base_interaction(5, data, g, ch, member, "en-US")
        return await self._send_interaction_payload(payload)

    async def _send_interaction_payload(self, payload: JSON) -> InteractionHandle:
        handle = InteractionHandle(self, payload)
        self.interactions[handle.token] = handle
        await self.dispatch("INTERACTION_CREATE", payload)
        return handle

    async def send_message(
        self,
        content: str,
        *,
        author: FakeMember | FakeUser | None = None,
        channel: FakeChannel | int | None = None,
        guild: FakeGuild | int | None = None,
        mentions: Sequence[FakeMember | FakeUser] = (),
        attachments: Sequence[FakeAttachment] = (),
        reference: JSON | None = None,
    ) -> JSON:
        """A user posts a message (MESSAGE_CREATE); it is also stored for ``messages_in``."""
        g, ch, member = self._context(author, channel, guild)
        mention_payloads = []
        for m in mentions:
            mm = m if isinstance(m, FakeMember) else g.members.get(m.id)
            user = m.user if isinstance(m, FakeMember) else m
            entry = user.payload()
            if mm is not None:
                entry["member"] = mm.payload(with_user=False)
            mention_payloads.append(entry)
        msg: JSON = {
            "id": str(self.snowflake()),
            "channel_id": str(ch.id),
            "guild_id": str(g.id),
            "author": member.user.payload(),
            "member": member.payload(with_user=False),
            "content": content,
            "timestamp": _now_iso(),
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": mention_payloads,
            "mention_roles": [],
            "mention_channels": [],
            "attachments": [a.payload() for a in attachments],
            "embeds": [],
            "reactions": [],
            "pinned": False,
            "type": 0,
            "flags": 0,
            "components": [],
        }
        if reference is not None:
            msg["type"] = 19
            msg["message_reference"] = {
                "type": 0,
                "message_id": reference["id"],
                "channel_id": reference["channel_id"],
                "guild_id": str(g.id),
            }
            msg["referenced_message"] = reference
        self.messages[int(msg["id"])] = msg
        await self.dispatch("MESSAGE_CREATE", msg)
        return msg

    async def send_dm(self, content: str, *, author: FakeUser | FakeMember) -> JSON:
        """A user DMs the bot (MESSAGE_CREATE without guild_id)."""
        user = author.user if isinstance(author, FakeMember) else author
        ch = self._dm_channel(user)
        msg: JSON = {
            "id": str(self.snowflake()),
            "channel_id": str(ch.id),
            "author": user.payload(),
            "content": content,
            "timestamp": _now_iso(),
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": [],
            "embeds": [],
            "pinned": False,
            "type": 0,
            "flags": 0,
            "components": [],
        }
        self.messages[int(msg["id"])] = msg
        await self.dispatch("MESSAGE_CREATE", msg)
        return msg

    def _dm_channel(self, user: FakeUser) -> FakeChannel:
        for ch in self.dm_channels.values():
            if ch.recipients and ch.recipients[0].id == user.id:
                return ch
        ch = FakeChannel(self.snowflake(), "", None, type=1, recipients=[user])
        self.dm_channels[ch.id] = ch
        return ch

    # --------------------------------------------------------------------------------------- REST

    async def _attachment_handler(self, request: web.Request) -> web.StreamResponse:
        self.attachment_downloads.append(int(request.match_info["aid"]))
        att = self.attachments.get(int(request.match_info["aid"]))
        if att is None:
            return web.Response(status=404)
        return web.Response(body=att.data, content_type=att.content_type)

    async def _unknown_handler(self, request: web.Request) -> web.StreamResponse:
        rec = RecordedRequest(request.method, request.path, dict(request.query), dict(request.headers), None)
        return await self._finish(rec, _json_response({"message": "404: Not Found", "code": 0}, 404))

    async def _api_handler(self, request: web.Request) -> web.StreamResponse:
        path = "/" + request.match_info["tail"]
        body, files = await self._read_body(request)
        rec = RecordedRequest(request.method, path, dict(request.query), dict(request.headers), body, files)
        for rule in self._rules:
            if rule.respond and rule.matches(request.method, path):
                if rule.remaining > 0:
                    rule.remaining -= 1
                rec.expected_error = True
                headers = dict(rule.headers)
                if "X-RateLimit-Bucket" in headers:
                    headers["X-RateLimit-Bucket"] = self._bucket(path)
                return await self._finish(rec, _json_response(rule.body, rule.status, headers))
        try:
            status, data = self._route(request.method, path, rec)
        except _ApiError as exc:
            status, data = exc.status, {"message": exc.message, "code": exc.code}
        if status >= 400:
            rec.expected_error = any((not r.respond) and r.matches(request.method, path) for r in self._rules)
        if status == 204:
            resp: web.Response = web.Response(status=204)
        else:
            resp = _json_response(data, status, self._ratelimit_headers(path))
        return await self._finish(rec, resp, data)

    async def _finish(self, rec: RecordedRequest, resp: web.Response, data: Any = None) -> web.Response:
        rec.status = resp.status
        if data is None and resp.body is not None and isinstance(resp.body, bytes) and resp.body:
            with contextlib.suppress(ValueError):
                data = json.loads(resp.body)
        rec.response = data
        self.requests.append(rec)
        self._route_to_interaction(rec)
        for observe in self.observers:
            observe(rec)
        await self._notify()
        return resp

    @staticmethod
    def _bucket(path: str) -> str:
        """A stable bucket hash per route shape (ids collapsed), like Discord's."""
        return "fake-" + str(abs(hash(re.sub(r"\d+", "0", path))) % 10**8)

    @classmethod
    def _ratelimit_headers(cls, path: str) -> dict[str, str]:
        """Generous bucket headers so discord.py never pre-emptively sleeps."""
        return {
            "X-RateLimit-Limit": "50",
            "X-RateLimit-Remaining": "49",
            "X-RateLimit-Reset": f"{time.time() + 1:.3f}",
            "X-RateLimit-Reset-After": "1.000",
            "X-RateLimit-Bucket": cls._bucket(path),
        }

    async def _read_body(self, request: web.Request) -> tuple[Any, list[RecordedFile]]:
        if not request.can_read_body:
            return None, []
        ctype = request.content_type
        if ctype == "multipart/form-data":
            body: Any = None
            files: list[RecordedFile] = []
            reader = await request.multipart()
            async for part in reader:
                if not isinstance(part, BodyPartReader):  # None, or a nested multipart we do not serve
                    continue
                raw = await part.read()
                part_name = part.name or ""
                if part_name == "payload_json":
                    body = json.loads(raw)
                else:
                    files.append(
                        RecordedFile(part_name, part.filename, part.headers.get("Content-Type"), bytes(raw))
                    )
            return body, files
        raw_text = await request.text()
        if not raw_text:
            return None, []
        try:
            return json.loads(raw_text), []
        except ValueError:
            return raw_text, []

    def _route_to_interaction(self, rec: RecordedRequest) -> None:
        m = re.match(r"^/interactions/(\d+)/([^/]+)/callback$", rec.path)
        if m and (handle := self.interactions.get(m.group(2))):
            handle.callbacks.append(rec)
            if rec.message is not None:
                handle.original_message = rec.message
            return
        m = re.match(rf"^/webhooks/{self.application_id}/([^/]+)(/messages/([^/]+))?$", rec.path)
        if m and (handle := self.interactions.get(m.group(1))):
            if rec.method == "POST" and not m.group(2):
                handle.followups.append(rec)
            elif rec.method == "PATCH":
                handle.edits.append(rec)
                if m.group(3) == "@original" and isinstance(rec.response, dict):
                    handle.original_message = rec.response
            else:
                handle.other.append(rec)

    # ---------------------------------------------------------------------------- REST: routing

    def _route(self, method: str, path: str, rec: RecordedRequest) -> tuple[int, Any]:
        """Dispatch a REST call; raise ``_ApiError`` for Discord-style errors."""
        if self._compiled_routes is None:
            self._compiled_routes = [(m, p, re.compile(p), h) for m, p, h in self._routes()]
        for route_method, pattern, compiled, handler in self._compiled_routes:
            if route_method != method:
                continue
            m = compiled.fullmatch(path)
            if m:
                if not self._authorized(rec, pattern):
                    raise _ApiError(401, "401: Unauthorized", 0)
                return handler(rec, *m.groups())
        raise _ApiError(404, "404: Not Found", 0)

    def _authorized(self, rec: RecordedRequest, pattern: str) -> bool:
        # Webhook/interaction-token routes are authenticated by their token, not the bot token.
        if pattern.startswith(("/webhooks/", "/interactions/")) or pattern == "/gateway":
            return True
        return rec.headers.get("Authorization") == f"Bot {self.token}"

    def _routes(self) -> list[tuple[str, str, Callable[..., tuple[int, Any]]]]:
        s = r"(\d+)"
        return [
            ("GET", r"/users/@me", lambda r: (200, self.bot_user.payload())),
            ("GET", rf"/users/{s}", self._get_user),
            ("POST", r"/users/@me/channels", self._open_dm),
            ("GET", r"/oauth2/applications/@me", lambda r: (200, self._application_payload())),
            ("GET", r"/applications/@me", lambda r: (200, self._application_payload())),
            ("GET", r"/gateway", lambda r: (200, {"url": self.gateway_url})),
            ("GET", r"/gateway/bot", self._gateway_bot),
            ("PUT", rf"/applications/{s}/commands", self._sync_global),
            ("GET", rf"/applications/{s}/commands", lambda r, a: (200, self.commands.get(None, []))),
            ("PUT", rf"/applications/{s}/guilds/{s}/commands", self._sync_guild),
            (
                "GET",
                rf"/applications/{s}/guilds/{s}/commands",
                lambda r, a, g: (200, self.commands.get(int(g), [])),
            ),
            ("GET", rf"/guilds/{s}", self._get_guild),
            ("GET", rf"/guilds/{s}/members/{s}", self._get_member),
            ("GET", rf"/guilds/{s}/channels", self._get_guild_channels),
            ("GET", rf"/channels/{s}", self._get_channel),
            ("POST", rf"/channels/{s}/typing", lambda r, c: (204, None)),
            ("GET", rf"/channels/{s}/messages", self._history_route),
            ("POST", rf"/channels/{s}/messages", self._post_message),
            ("GET", rf"/channels/{s}/messages/{s}", self._get_message),
            ("PATCH", rf"/channels/{s}/messages/{s}", self._edit_channel_message),
            ("DELETE", rf"/channels/{s}/messages/{s}", self._delete_message),
            ("PUT", rf"/channels/{s}/messages/{s}/reactions/([^/]+)/@me", lambda r, c, m, e: (204, None)),
            ("DELETE", rf"/channels/{s}/messages/{s}/reactions/([^/]+)/@me", lambda r, c, m, e: (204, None)),
            ("POST", rf"/channels/{s}/messages/{s}/threads", self._thread_from_message),
            ("POST", rf"/channels/{s}/threads", self._thread_without_message),
            ("PUT", rf"/channels/{s}/thread-members/@me", lambda r, c: (204, None)),
            ("POST", r"/interactions/(\d+)/([^/]+)/callback", self._interaction_callback),
            ("POST", rf"/webhooks/{s}/([^/]+)", self._execute_webhook),
            ("GET", rf"/webhooks/{s}/([^/]+)/messages/(@original|\d+)", self._get_webhook_message),
            ("PATCH", rf"/webhooks/{s}/([^/]+)/messages/(@original|\d+)", self._edit_webhook_message),
            ("DELETE", rf"/webhooks/{s}/([^/]+)/messages/(@original|\d+)", self._delete_webhook_message),
        ]

    def _application_payload(self) -> JSON:
        return {
            "id": str(self.application_id),
            "name": self.bot_user.name,
            "icon": None,
            "description": "fake application",
            "bot_public": True,
            "bot_require_code_grant": False,
            "owner": self.owner.payload(),
            "team": None,
            "verify_key": "0" * 64,
            "flags": 0,
            "summary": "",
            "bot": self.bot_user.payload(),
            "redirect_uris": [],
            "interactions_endpoint_url": None,
            "tags": [],
        }

    def _gateway_bot(self, rec: RecordedRequest) -> tuple[int, Any]:
        limit = {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}
        return 200, {"url": self.gateway_url, "shards": 1, "session_start_limit": limit}

    def _get_user(self, rec: RecordedRequest, uid: str) -> tuple[int, Any]:
        user = self.users.get(int(uid))
        if user is None:
            raise _ApiError(404, "Unknown User", 10013)
        return 200, user.payload()

    def _open_dm(self, rec: RecordedRequest) -> tuple[int, Any]:
        recipient = self.users.get(int((rec.json or {}).get("recipient_id", 0)))
        if recipient is None:
            raise _ApiError(400, "Invalid Recipient(s)", 50033)
        return 200, self._dm_channel(recipient).payload()

    def _get_guild(self, rec: RecordedRequest, gid: str) -> tuple[int, Any]:
        guild = self.guilds.get(int(gid))
        if guild is None:
            raise _ApiError(404, "Unknown Guild", 10004)
        data = guild.payload()
        for key in ("members", "channels", "threads", "voice_states", "presences"):
            data.pop(key, None)
        return 200, data

    def _get_member(self, rec: RecordedRequest, gid: str, uid: str) -> tuple[int, Any]:
        guild = self.guilds.get(int(gid))
        member = guild.members.get(int(uid)) if guild else None
        if member is None:
            raise _ApiError(404, "Unknown Member", 10007)
        return 200, member.payload()

    def _get_guild_channels(self, rec: RecordedRequest, gid: str) -> tuple[int, Any]:
        guild = self.guilds.get(int(gid))
        if guild is None:
            raise _ApiError(404, "Unknown Guild", 10004)
        return 200, [c.payload() for c in guild.channels.values() if not c.is_thread]

    def _require_channel(self, cid: str) -> FakeChannel:
        ch = self.channel(int(cid))
        if ch is None:
            raise _ApiError(404, "Unknown Channel", 10003)
        return ch

    def _get_channel(self, rec: RecordedRequest, cid: str) -> tuple[int, Any]:
        return 200, self._require_channel(cid).payload()

    def _sync(self, rec: RecordedRequest, guild_id: int | None) -> tuple[int, Any]:
        commands = []
        for cmd in rec.json or []:
            out = {
                "id": str(self.snowflake()),
                "application_id": str(self.application_id),
                "version": str(self.snowflake()),
                "type": 1,
                "description": "",
                "options": [],
                "default_member_permissions": None,
                "dm_permission": True,
                "nsfw": False,
                **cmd,
            }
            if guild_id is not None:
                out["guild_id"] = str(guild_id)
            commands.append(out)
        self.commands[guild_id] = commands
        return 200, commands

    def _sync_global(self, rec: RecordedRequest, app_id: str) -> tuple[int, Any]:
        return self._sync(rec, None)

    def _sync_guild(self, rec: RecordedRequest, app_id: str, gid: str) -> tuple[int, Any]:
        if int(gid) not in self.guilds:
            raise _ApiError(404, "Unknown Guild", 10004)
        return self._sync(rec, int(gid))

    def _make_message(
        self,
        body: JSON | None,
        channel_id: str,
        files: list[RecordedFile],
        *,
        interaction: InteractionHandle | None = None,
        message_type: int = 0,
        echo: bool = True,
    ) -> JSON:
        """Build and store a bot-authored message; echo it as MESSAGE_CREATE like Discord does."""
        body = body or {}
        ch = self.channel(int(channel_id))
        attachments = self._store_files(body, files)
        msg: JSON = {
            "id": str(self.snowflake()),
            "channel_id": channel_id,
            "author": self.bot_user.payload(),
            "content": body.get("content") or "",
            "timestamp": _now_iso(),
            "edited_timestamp": None,
            "tts": bool(body.get("tts", False)),
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "mention_channels": [],
            "attachments": attachments,
            "embeds": body.get("embeds") or [],
            "components": body.get("components") or [],
            "reactions": [],
            "pinned": False,
            "type": message_type,
            "flags": int(body.get("flags") or 0),
            "nonce": body.get("nonce"),
        }
        if ch is not None and ch.guild_id is not None:
            msg["guild_id"] = str(ch.guild_id)
        if body.get("message_reference"):
            ref = body["message_reference"]
            msg["type"] = 19
            msg["message_reference"] = {"type": 0, **{k: _str_ids(v) for k, v in ref.items()}}
            ref_id = int(ref.get("message_id", 0))
            if ref_id in self.messages:
                msg["referenced_message"] = self.messages[ref_id]
        if interaction is not None:
            p = interaction.payload
            user = p["member"]["user"]
            msg["webhook_id"] = str(self.application_id)
            msg["application_id"] = str(self.application_id)
            msg["interaction_metadata"] = {
                "id": p["id"],
                "type": p["type"],
                "user": user,
                "authorizing_integration_owners": p["authorizing_integration_owners"],
                "name": (p.get("data") or {}).get("name"),
            }
        self.messages[int(msg["id"])] = msg
        if echo and self.echo_bot_messages and not msg["flags"] & 64 and self._ready_sent:
            event = dict(msg)
            if ch is not None and ch.guild_id is not None:
                bot_member = self.guilds[ch.guild_id].members.get(self.bot_user.id)
                if bot_member is not None:
                    event["member"] = bot_member.payload(with_user=False)
            self._fire("MESSAGE_CREATE", event)
        return msg

    def _store_files(self, body: JSON, files: list[RecordedFile]) -> list[JSON]:
        """Keep uploaded files servable and describe them as attachment objects."""
        attachments = []
        for i, f in enumerate(files):
            meta: JSON = next((a for a in body.get("attachments") or [] if str(a.get("id")) == str(i)), {})
            filename = meta.get("filename") or f.filename or f"file{i}"
            att = self.attachment(filename, f.data, f.content_type or "application/octet-stream")
            attachments.append(att.payload())
        return attachments

    def _post_message(self, rec: RecordedRequest, cid: str) -> tuple[int, Any]:
        self._require_channel(cid)
        return 200, self._make_message(rec.json, cid, rec.files)

    def _history_route(self, rec: RecordedRequest, cid: str) -> tuple[int, Any]:
        self._require_channel(cid)
        limit = int(rec.query.get("limit", 50))
        return 200, list(reversed(self.messages_in(int(cid))))[:limit]

    def _require_message(self, cid: str, mid: str) -> JSON:
        msg = self.messages.get(int(mid))
        if msg is None or msg["channel_id"] != cid:
            raise _ApiError(404, "Unknown Message", 10008)
        return msg

    def _get_message(self, rec: RecordedRequest, cid: str, mid: str) -> tuple[int, Any]:
        return 200, self._require_message(cid, mid)

    def _apply_edit(self, msg: JSON, body: JSON | None, files: list[RecordedFile]) -> JSON:
        body = body or {}
        for key in ("content", "embeds", "components", "flags"):
            if key in body and body[key] is not None:
                msg[key] = body[key]
        if files:
            msg["attachments"] = self._store_files(body, files)
        msg["edited_timestamp"] = _now_iso()
        return msg

    def _edit_channel_message(self, rec: RecordedRequest, cid: str, mid: str) -> tuple[int, Any]:
        return 200, self._apply_edit(self._require_message(cid, mid), rec.json, rec.files)

    def _delete_message(self, rec: RecordedRequest, cid: str, mid: str) -> tuple[int, Any]:
        self._require_message(cid, mid)
        self.messages.pop(int(mid))
        return 204, None

    def _new_thread(self, cid: str, name: str, thread_id: int | None, body: JSON) -> FakeChannel:
        parent = self._require_channel(cid)
        if parent.guild_id is None:
            raise _ApiError(400, "Cannot create a thread here", 50024)
        thread = FakeChannel(
            thread_id or self.snowflake(),
            name,
            parent.guild_id,
            type=int(body.get("type", 11)),
            parent_id=parent.id,
            owner_id=self.bot_user.id,
            auto_archive_duration=int(body.get("auto_archive_duration") or 1440),
        )
        self.guilds[parent.guild_id].channels[thread.id] = thread
        self._fire("THREAD_CREATE", {**thread.payload(), "newly_created": True})
        return thread

    def _thread_from_message(self, rec: RecordedRequest, cid: str, mid: str) -> tuple[int, Any]:
        body = rec.json or {}
        msg = self._require_message(cid, mid)
        thread = self._new_thread(cid, body.get("name", "thread"), int(mid), body)
        msg["thread"] = thread.payload()
        return 201, thread.payload()

    def _thread_without_message(self, rec: RecordedRequest, cid: str) -> tuple[int, Any]:
        body = rec.json or {}
        thread = self._new_thread(cid, body.get("name", "thread"), None, body)
        data = thread.payload()
        if "message" in body:  # forum post
            data["message"] = self._make_message(body["message"], str(thread.id), rec.files)
        return 201, data

    def _handle_for(self, token: str) -> InteractionHandle:
        handle = self.interactions.get(token)
        if handle is None:
            raise _ApiError(404, "Unknown Webhook", 10015)
        return handle

    def _interaction_callback(self, rec: RecordedRequest, iid: str, token: str) -> tuple[int, Any]:
        handle = self._handle_for(token)
        if str(handle.id) != iid:
            raise _ApiError(404, "Unknown interaction", 10062)
        if handle.callbacks:
            raise _ApiError(400, "Interaction has already been acknowledged.", 40060)
        body = rec.json or {}
        cb_type = int(body.get("type", 0))
        data = body.get("data") or {}
        p = handle.payload
        channel_id = p["channel_id"]
        message: JSON | None = None
        if cb_type in (4, 5):
            message = self._make_message(
                data, channel_id, rec.files, interaction=handle, message_type=20, echo=cb_type == 4
            )
            if cb_type == 5:
                message["flags"] = int(message["flags"]) | 128  # LOADING
        elif cb_type == 7 and "message" in p:
            message_id = int(p["message"]["id"])
            target = self.messages[message_id] if message_id in self.messages else p["message"]
            message = self._apply_edit(target, data, rec.files)
        resource: JSON = {"type": cb_type}
        if message is not None:
            resource["message"] = message
        response = {
            "interaction": {
                "id": iid,
                "type": p["type"],
                "activity_instance_id": None,
                "response_message_id": message["id"] if message else None,
                "response_message_loading": cb_type == 5,
                "response_message_ephemeral": bool(int(data.get("flags") or 0) & 64),
            },
            "resource": resource,
        }
        if rec.query.get("with_response") in ("1", "true", "True"):
            return 200, response
        return 204, None

    def _execute_webhook(self, rec: RecordedRequest, app_id: str, token: str) -> tuple[int, Any]:
        handle = self._handle_for(token)
        if app_id != str(self.application_id):
            raise _ApiError(404, "Unknown Webhook", 10015)
        channel_id = rec.query.get("thread_id") or handle.payload["channel_id"]
        message = self._make_message(rec.json, channel_id, rec.files, interaction=handle)
        if rec.query.get("wait") in ("1", "true", "True"):
            return 200, message
        return 204, None

    def _webhook_message(self, token: str, mid: str) -> JSON:
        handle = self._handle_for(token)
        if mid == "@original":
            if handle.original_message is None:
                raise _ApiError(404, "Unknown Message", 10008)
            return self.messages.get(int(handle.original_message["id"]), handle.original_message)
        msg = self.messages.get(int(mid))
        if msg is None:
            raise _ApiError(404, "Unknown Message", 10008)
        return msg

    def _get_webhook_message(self, rec: RecordedRequest, app: str, token: str, mid: str) -> tuple[int, Any]:
        return 200, self._webhook_message(token, mid)

    def _edit_webhook_message(self, rec: RecordedRequest, app: str, token: str, mid: str) -> tuple[int, Any]:
        msg = self._webhook_message(token, mid)
        if mid == "@original":
            msg["flags"] = int(msg.get("flags") or 0) & ~128  # no longer "thinking"
        return 200, self._apply_edit(msg, rec.json, rec.files)

    def _delete_webhook_message(
        self, rec: RecordedRequest, app: str, token: str, mid: str
    ) -> tuple[int, Any]:
        msg = self._webhook_message(token, mid)
        self.messages.pop(int(msg["id"]), None)
        return 204, None


class _ApiError(Exception):
    """A Discord-style JSON error answer."""

    def __init__(self, status: int, message: str, code: int) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code
