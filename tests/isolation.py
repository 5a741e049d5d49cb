"""Keeping the developer's machine out of the tests: settings from defaults only, a clean environment."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource

from bot.settings import Settings


class DefaultsOnlySettings(Settings):
    """Settings built from defaults and explicit values only: neither BRIEFBOT_* variables of the
    developer's shell nor a `.env` file reach a test (no real Chroma server, LLM or token)."""

    @classmethod
    def settings_customise_sources(
        cls, settings_cls: type[BaseSettings], init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource, dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings,)


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No BRIEFBOT_* variable or `.env` from the developer's shell reaches a command run in-process."""
    for key in list(os.environ):
        if key.startswith("BRIEFBOT_"):
            monkeypatch.delenv(key)
    monkeypatch.chdir(tmp_path)
