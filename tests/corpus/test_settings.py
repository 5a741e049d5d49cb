"""Settings from the environment and `.env`: the documented example must load as it is shipped."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from bot.cli import main, setting_variable
from bot.settings import DISCORD_API_BASE, DISCORD_GATEWAY_URL, Settings, load_settings

REPO = Path(__file__).resolve().parents[2]
ENV_EXAMPLE = REPO / ".env.example"
_ASSIGNMENT = re.compile(r"^([A-Z][A-Z0-9_]*)=(.*)$")


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Nothing from the developer's shell or working directory reaches these settings."""
    for key in list(os.environ):
        if key.startswith("BRIEFBOT_") or key == "DISCORD_TOKEN":
            monkeypatch.delenv(key)
    monkeypatch.chdir(tmp_path)


def example_variables() -> dict[str, str]:
    """The variables `.env.example` assigns, with their values as written."""
    found: dict[str, str] = {}
    for line in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines():
        match = _ASSIGNMENT.match(line)
        if match:
            assert match.group(1) not in found, f"{match.group(1)} is listed twice"
            found[match.group(1)] = match.group(2)
    return found


def test_env_example_copied_to_env_loads_with_every_default() -> None:
    """Empty values (``BRIEFBOT_SHARD_COUNT=``) mean the default; the rest equal the defaults too."""
    assert any(value == "" for value in example_variables().values())  # the case that used to crash
    loaded = Settings(_env_file=ENV_EXAMPLE)  # type: ignore[call-arg]
    assert loaded.dev_guild_id is None and loaded.shard_count is None and loaded.mod_log_channel_id is None
    assert loaded.discord_token is None and loaded.chroma_host is None and loaded.llm_api_key is None
    # the example documents the defaults rather than changing them
    assert loaded.model_dump() == Settings(_env_file=None).model_dump()  # type: ignore[call-arg]


def test_env_example_as_dot_env_in_the_working_directory(tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / ".env").write_text(ENV_EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    code = main(["--data-dir", str(tmp_path / "data"), "corpus", "list"])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    assert out == "0 articles (0 copies), 0 chunks indexed.\n"


def test_every_setting_is_documented_in_env_example() -> None:
    documented = set(example_variables())
    expected = {setting_variable(name) for name in Settings.model_fields}
    assert expected - documented == set(), "settings missing from .env.example"
    assert documented - expected == set(), ".env.example lists variables no setting reads"


@pytest.mark.parametrize(
    ("variable", "field", "value", "expected"),
    [
        ("BRIEFBOT_DATA_DIR", "data_dir", "/srv/briefbot", Path("/srv/briefbot")),
        ("BRIEFBOT_DISCORD_API_BASE", "discord_api_base", "http://proxy.internal/api/v10",
         "http://proxy.internal/api/v10"),
        ("BRIEFBOT_DISCORD_GATEWAY_URL", "discord_gateway_url", "ws://proxy.internal/gw", "ws://proxy.internal/gw"),
    ],
)
def test_documented_names_map_to_their_fields(monkeypatch: pytest.MonkeyPatch, variable: str, field: str,
                                               value: str, expected: object) -> None:
    assert getattr(Settings(_env_file=None), field) != expected  # type: ignore[call-arg]
    monkeypatch.setenv(variable, value)
    assert getattr(Settings(_env_file=None), field) == expected  # type: ignore[call-arg]


def test_discord_token_is_read_from_plain_discord_token(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings(_env_file=None).discord_token is None  # type: ignore[call-arg]
    monkeypatch.setenv("DISCORD_TOKEN", "abc.def.ghi")
    token = Settings(_env_file=None).discord_token  # type: ignore[call-arg]
    assert token is not None and token.get_secret_value() == "abc.def.ghi"
    assert "abc.def.ghi" not in repr(token)


def test_proxy_defaults_are_discords_own() -> None:
    plain = Settings(_env_file=None)  # type: ignore[call-arg]
    assert plain.discord_api_base == DISCORD_API_BASE == "https://discord.com/api/v10"
    assert plain.discord_gateway_url == DISCORD_GATEWAY_URL == "wss://gateway.discord.gg/"


@pytest.mark.parametrize(
    ("variable", "value"),
    [("BRIEFBOT_SHARD_COUNT", "many"), ("BRIEFBOT_LLM_PROVIDER", "gpt"), ("BRIEFBOT_CHROMA_PORT", "80a")],
)
def test_an_invalid_setting_is_one_line_naming_the_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], variable: str, value: str
) -> None:
    monkeypatch.setenv(variable, value)
    code = main(["--data-dir", str(tmp_path / "data"), "corpus", "list"])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err.startswith(f"briefbot: invalid setting {variable}: ") and err.count("\n") == 1, err
    assert repr(value) in err and "Traceback" not in err
    assert not (tmp_path / "data").exists()  # nothing was opened with half-valid settings


def test_an_invalid_setting_in_dot_env_is_named_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / ".env").write_text("BRIEFBOT_DEV_GUILD_ID=not-a-number\n", encoding="utf-8")
    code = main(["--data-dir", str(tmp_path / "data"), "corpus", "list"])
    err = capsys.readouterr().err
    assert code == 2 and err.startswith("briefbot: invalid setting BRIEFBOT_DEV_GUILD_ID: "), err



def test_test_settings_ignore_the_developers_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The helper every corpus test builds settings with reads neither variables nor `.env`."""
    from tests.corpus.ingest_fixtures import make_settings

    monkeypatch.setenv("BRIEFBOT_LLM_PROVIDER", "anthropic")
    monkeypatch.setenv("BRIEFBOT_EMBEDDING_BATCH_SIZE", "3")
    monkeypatch.setenv("DISCORD_TOKEN", "from-the-shell")
    (tmp_path / ".env").write_text("BRIEFBOT_RETRIEVAL_K=99\nBRIEFBOT_CHROMA_HOST=chroma.internal\n", encoding="utf-8")
    assert load_settings().llm_provider == "anthropic" and load_settings().retrieval_k == 99  # they are there
    isolated = make_settings(tmp_path / "data")
    assert (isolated.llm_provider, isolated.embedding_batch_size, isolated.retrieval_k) == ("none", 32, 8)
    assert isolated.discord_token is None and isolated.chroma_host is None
    assert isolated.data_dir == tmp_path / "data"
