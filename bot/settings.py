"""One settings object, built once at start-up and passed to whatever needs it.

Every field is also an environment variable prefixed ``BRIEFBOT_`` (the Discord token is plain
``DISCORD_TOKEN``). Nothing here reads files or the network until :func:`load_settings` is called.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

DISCORD_API_BASE = "https://discord.com/api/v10"
DISCORD_GATEWAY_URL = "wss://gateway.discord.gg/"


class Settings(BaseSettings):
    """Everything briefbot can be configured with; see `.env.example` for each one explained."""

    # env_ignore_empty: an empty line copied from `.env.example` (``BRIEFBOT_SHARD_COUNT=``) means
    # "use the default", as the file says, rather than failing to parse "" as a number.
    model_config = SettingsConfigDict(
        env_prefix="BRIEFBOT_", env_file=".env", env_file_encoding="utf-8", extra="ignore",
        env_ignore_empty=True,
    )

    # Storage
    data_dir: Path = Path("data")
    chroma_host: str | None = None
    chroma_port: int = 8000
    chroma_ssl: bool = False
    chroma_collection: str = "briefbot"
    # how many neighbours the vector index explores per query: Chroma's default (100) returned a different tail
    # of the 40 nearest chunks from one process to the next on the same index; 400 returns the same ones
    chroma_search_ef: int = Field(default=400, ge=40)
    embedding_model: str = "all-MiniLM-L6-v2-onnx-int8"
    embedding_batch_size: int = 32

    # Discord
    discord_token: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("DISCORD_TOKEN", "BRIEFBOT_DISCORD_TOKEN")
    )
    discord_api_base: str = DISCORD_API_BASE
    discord_gateway_url: str = DISCORD_GATEWAY_URL
    dev_guild_id: int | None = None
    shard_count: int | None = None
    moderator_role: str = "Briefbot Moderator"
    mod_log_channel_id: int | None = None
    max_question_chars: int = 500
    ask_cooldown_seconds: float = 10.0

    # Answers
    llm_provider: Literal["none", "anthropic", "openai", "ollama"] = "none"
    llm_model: str | None = None
    llm_api_key: SecretStr | None = None
    ollama_base_url: str = "http://127.0.0.1:11434"
    retrieval_k: int = 8

    # Corpus: the largest article accepted (a file's bytes, an attachment's, or a page's extracted
    # text); far above any news article, far below what would make one article take minutes to index.
    max_article_bytes: int = Field(default=1_000_000, ge=1_000)

    # Fetching
    fetch_timeout_seconds: float = 30.0
    fetch_max_bytes: int = 10 * 1024 * 1024
    fetch_max_redirects: int = 5
    fetch_user_agent: str = "briefbot/0.1 (+https://github.com/briefbot)"

    # Briefs
    brief_default_time: str = "09:00"
    brief_default_timezone: str = "UTC"
    brief_empty_policy: Literal["say", "skip"] = "say"
    feed_poll_minutes: int = 30
    scheduler_jobstore_url: str | None = None
    # Subscriptions and the ledger of posted briefs: a Postgres URL, or empty for the catalog's SQLite file.
    briefs_database_url: str | None = None
    # A daily brief missed overnight (a host down for hours) still gets its one catch-up.
    misfire_grace_seconds: int = 23 * 3600
    # How often a process without the scheduler lock tries to take it over (0 = never).
    scheduler_lock_retry_seconds: float = 30.0

    @property
    def catalog_path(self) -> Path:
        return self.data_dir / "catalog.sqlite3"

    @property
    def chroma_path(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def jobstore_url(self) -> str:
        """The scheduler's job store (and lock): a configured URL (e.g. Postgres) or SQLite beside the catalog."""
        if self.scheduler_jobstore_url:
            return normalise_database_url(self.scheduler_jobstore_url)
        return f"sqlite:///{(self.data_dir / 'scheduler.sqlite3').resolve()}"

    @property
    def briefs_url(self) -> str | None:
        """Where subscriptions and the brief ledger live: a configured (Postgres) URL, or None for the
        catalog's SQLite file (the embedded default)."""
        return normalise_database_url(self.briefs_database_url) if self.briefs_database_url else None


def normalise_database_url(url: str) -> str:
    """``postgres://`` / ``postgresql://`` URLs (what hosting providers hand out) as ``postgresql+psycopg://``:
    the ``postgres`` extra installs psycopg 3, while SQLAlchemy would look for psycopg2 (and refuses the
    ``postgres`` scheme outright). Any other URL, a driver already named included, is left as it is."""
    for scheme in ("postgres://", "postgresql://"):
        if url.startswith(scheme):
            return "postgresql+psycopg://" + url[len(scheme):]
    return url


def load_settings(**overrides: object) -> Settings:
    """Build the settings from the environment (and `.env`), with explicit overrides winning."""
    return Settings(**overrides)  # type: ignore[arg-type]
