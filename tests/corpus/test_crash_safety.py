"""Kill `briefbot corpus add` with SIGKILL at random moments; the next run must finish the job cleanly."""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from ingest_fixtures import distinct_files

from bot.cli import main

REPO = Path(__file__).resolve().parents[2]
FILES = 60
KILLS = 4
SEED = 20240531
MAX_DELAY = 6.0  # seconds after the catalog appears; a full run of 60 files takes ~10 s here


def _indexed_count(catalog: Path) -> tuple[int, int]:
    """(indexed articles, unfinished articles) as another process sees the catalog right now."""
    db = sqlite3.connect(f"file:{catalog}?mode=ro", uri=True, timeout=30)
    try:
        rows = dict(db.execute("SELECT state, COUNT(*) FROM articles GROUP BY state").fetchall())
    finally:
        db.close()
    return int(rows.get("indexed", 0)), int(rows.get("pending", 0)) + int(rows.get("deleting", 0))


@pytest.mark.slow
def test_sigkill_at_random_moments_then_finish(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    for key in list(os.environ):
        if key.startswith("BRIEFBOT_"):
            monkeypatch.delenv(key)
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "in"
    folder.mkdir()
    sources = distinct_files(FILES, offset=2)
    for path in sources:
        shutil.copy(path, folder / path.name)
    data = tmp_path / "data"
    catalog = data / "catalog.sqlite3"
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFBOT_")}
    env["PYTHONPATH"] = str(REPO)
    command = [sys.executable, "-m", "bot.cli", "--data-dir", str(data), "corpus", "add", str(folder)]
    rng = random.Random(SEED)

    seen: list[tuple[float, int, int]] = []
    for _ in range(KILLS):
        delay = rng.uniform(0.5, MAX_DELAY)
        process = subprocess.Popen(command, cwd=tmp_path, env=env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 60
            while not catalog.exists() and process.poll() is None and time.monotonic() < deadline:
                time.sleep(0.05)
            time.sleep(delay)
        finally:
            if process.poll() is None:
                process.send_signal(signal.SIGKILL)
            process.wait(timeout=30)
        indexed, unfinished = _indexed_count(catalog)
        seen.append((round(delay, 2), indexed, unfinished))
    # at least one kill really interrupted the batch (otherwise this test proves nothing)
    assert any(indexed < FILES for _, indexed, _ in seen), seen

    done = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, (done.stdout, done.stderr, seen)
    assert "Traceback" not in done.stderr
    assert re.match(r"(\d+ added, )?\d+ already indexed|\d+ added", done.stdout), done.stdout

    code = main(["--data-dir", str(data), "corpus", "check"])
    out = capsys.readouterr().out
    assert code == 0, (out, seen)
    numbers = re.fullmatch(r"catalog chunks: (\d+), index chunks: (\d+), missing: 0, orphaned: 0\n", out)
    assert numbers and numbers.group(1) == numbers.group(2) and int(numbers.group(1)) > FILES, out

    db = sqlite3.connect(catalog)
    try:
        rows = db.execute("SELECT source, state, duplicate_of FROM articles").fetchall()
        chunk_rows = db.execute("SELECT COUNT(*) FROM chunks").fetchone()[0]
        audit_adds = db.execute("SELECT COUNT(*) FROM audit WHERE action='article.add'").fetchone()[0]
    finally:
        db.close()
    names = sorted(Path(r[0]).name for r in rows)
    assert names == sorted(p.name for p in sources), "each article exactly once"
    assert {r[1] for r in rows} == {"indexed"}
    assert all(r[2] is None for r in rows)
    assert chunk_rows == int(numbers.group(1))
    assert audit_adds == FILES  # an add rolled back by a kill left no audit entry behind
