"""One large article no longer makes the corpus unusable: it is refused in one line, and right after it
``ask`` answers and the real ``briefbot run`` starts and connects.

The issue's case was a text file of about 2.7 MB: it became more than 5,461 chunks, Chroma refused the
batch, the article stayed pending, and every later command (``briefbot run`` included) failed the same
way. Words of the articles are the test's own.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.cli import main
from tests.briefs.bot_process import BotProcess, bot_environment
from tests.fakediscord.server import FakeDiscord
from tests.isolation import clean_env  # noqa: F401  (fixture)

pytestmark = [pytest.mark.timeout(180), pytest.mark.slow]

NOTE = "# Hearing set\n\nThe judge set a hearing on the export order for Monday. The company asked for time.\n"


def big_text(n_bytes: int) -> str:
    line = "Developers said the shutdown took their products offline and the appeal would take months.\n"
    return "# A very long log\n\n" + line * (n_bytes // len(line) + 1)


@pytest.mark.usefixtures("clean_env")
async def test_a_too_large_article_stops_neither_ask_nor_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fake_discord: FakeDiscord,
) -> None:
    data = tmp_path / "data"
    (tmp_path / "note.md").write_text(NOTE, encoding="utf-8")
    (tmp_path / "huge.txt").write_text(big_text(2_700_000), encoding="utf-8")
    code = main(["--data-dir", str(data), "corpus", "add", str(tmp_path / "note.md"), str(tmp_path / "huge.txt")])
    out, err = capsys.readouterr()
    assert code == 0 and out.startswith("1 added, 1 skipped; "), (out, err)
    assert err == ("  skipped huge.txt: huge.txt is too large for one article (2.7 MB; the limit is 1.0 MB, "
                   "set by BRIEFBOT_MAX_ARTICLE_BYTES).\n")

    code = main(["--data-dir", str(data), "corpus", "check"])
    out, _ = capsys.readouterr()
    assert code == 0 and "missing: 0, orphaned: 0" in out
    code = main(["--data-dir", str(data), "ask", "when is the hearing on the export order?"])
    out, err = capsys.readouterr()
    assert code == 0 and "Monday" in out, err

    env = bot_environment(data, fake_discord.api_base, fake_discord.gateway_url, fake_discord.token)
    bot = BotProcess("bot", datetime.now(UTC), env, tmp_path / "run")
    try:
        await bot.wait_for_log(r"connected as", timeout=120)
    finally:
        bot.kill()
    assert bot.problems() == []
