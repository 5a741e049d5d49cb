"""SIGKILL `briefbot corpus add`, an update and `corpus remove` at random moments; each restart must
find catalog and index consistent, and re-running the command must finish the job.

The seed is random and printed (pytest shows it when the test fails); set ``CRASH_TEST_SEED`` to replay
a failure. After every kill the corpus is first inspected without recovery (to see what the kill left),
then opened as any command opens it, which must leave everything consistent.
"""

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
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from bot.cli import main
from bot.corpus import sources
from bot.corpus.catalog import Catalog
from bot.corpus.index import VectorIndex
from bot.corpus.ingest import CorpusService
from bot.settings import Settings
from tests.corpus.ingest_fixtures import assert_consistent, make_settings, open_service
from tests.fixture_corpus import SYNDICATED, distinct_files, fixture_article

REPO = Path(__file__).resolve().parents[2]
FILES = 30
KILLS = 2  # per phase; each add or update kill has fresh work (a folder that grows batch by batch)
EDITS = 10  # bodies changed (re-embedded)
CORRECTIONS = 6  # only front matter changed
REMOVALS = 12
APPENDED = "An editors' note was appended to this version of the report."


@dataclass
class Kill:
    phase: str
    delay: float
    finished_before_kill: bool
    unfinished_rows: int
    inconsistent: bool


def _audit_high_water(catalog: Path) -> int:
    if not catalog.exists():
        return 0
    db = sqlite3.connect(f"file:{catalog}?mode=ro", uri=True, timeout=30)
    try:
        return int(db.execute("SELECT COALESCE(MAX(id), 0) FROM audit").fetchone()[0])
    except sqlite3.OperationalError:  # the schema is being created right now
        return 0
    finally:
        db.close()


def _kill_after_work_starts(command: Sequence[str], cwd: Path, env: dict[str, str], catalog: Path,
                            delay: float) -> bool:
    """Run ``command``; once it has committed its first change, wait ``delay`` s and SIGKILL it.
    Returns whether it had already finished by itself."""
    start = _audit_high_water(catalog)
    process = subprocess.Popen(list(command), cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while process.poll() is None and _audit_high_water(catalog) == start and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(delay)
        finished = process.poll() is not None
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    return finished


def _inspect_without_recovery(settings: Settings) -> tuple[int, bool]:
    """(rows a recovery must finish, whether catalog and index disagree) exactly as the kill left them."""
    service = CorpusService(settings, Catalog(settings.catalog_path), VectorIndex(settings))
    try:
        rows = service.catalog._query(
            "SELECT COUNT(*) FROM articles WHERE state != 'indexed' OR meta_stale = 1")[0][0]
        return int(rows), not service.check().consistent
    finally:
        service.close()


def _assert_sound(settings: Settings, context: str) -> None:
    """What every restart must see: recovery done, catalog and index agreeing, copies pointing at
    live originals, and an audit entry for every article that exists."""
    with open_service(settings) as service:
        try:
            assert_consistent(service)
        except AssertionError as exc:
            raise AssertionError(f"{context}: {exc}") from exc
        db = service.catalog
        assert db.meta_stale() == [], context
        dangling = db._query(
            "SELECT c.id FROM articles c LEFT JOIN articles o ON o.id = c.duplicate_of "
            "WHERE c.duplicate_of IS NOT NULL AND (o.id IS NULL OR o.duplicate_of IS NOT NULL)")
        assert not dangling, (context, [r[0] for r in dangling])
        unaudited = db._query(
            "SELECT a.id FROM articles a WHERE NOT EXISTS (SELECT 1 FROM audit WHERE target = 'article:' || a.id "
            "AND action IN ('article.add', 'article.add_duplicate'))")
        assert not unaudited, (context, [r[0] for r in unaudited])
        sources_seen = [r[0] for r in db._query("SELECT source FROM articles")]
        assert len(sources_seen) == len(set(sources_seen)), (context, "an item was added twice")


def _rows(catalog: Path, sql: str) -> list[tuple[object, ...]]:
    db = sqlite3.connect(catalog)
    try:
        return [tuple(r) for r in db.execute(sql).fetchall()]
    finally:
        db.close()


@pytest.mark.slow
def test_sigkill_add_update_and_remove_at_random_moments(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    seed = int(os.environ.get("CRASH_TEST_SEED") or random.SystemRandom().randrange(2**32))
    with capsys.disabled():  # straight to the terminal, even when the test passes
        print(f"\ncrash test seed: {seed} (replay with CRASH_TEST_SEED={seed})")
    rng = random.Random(seed)
    for key in list(os.environ):
        if key.startswith("BRIEFBOT_"):
            monkeypatch.delenv(key)
    monkeypatch.chdir(tmp_path)
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFBOT_")}
    env["PYTHONPATH"] = str(REPO)
    data = tmp_path / "data"
    catalog = data / "catalog.sqlite3"
    settings = make_settings(data)
    cli = [sys.executable, "-m", "bot.cli", "--data-dir", str(data), "corpus"]
    kills: list[Kill] = []

    def kill(phase: str, command: Sequence[str], max_delay: float) -> None:
        delay = round(rng.uniform(0.0, max_delay), 3)
        finished = _kill_after_work_starts(command, tmp_path, env, catalog, delay)
        unfinished, inconsistent = _inspect_without_recovery(settings)
        kills.append(Kill(phase, delay, finished, unfinished, inconsistent))
        _assert_sound(settings, f"seed {seed}, after kill {kills[-1]}")

    # 1. add a folder (30 articles and three syndicated copies of one story) -------------------------
    folder = tmp_path / "in"
    folder.mkdir()
    originals = distinct_files(FILES, offset=2)
    copies = [fixture_article(p) for p in SYNDICATED[:3]]
    batch = len(originals) // KILLS
    for k in range(KILLS):
        for path in originals[k * batch : (k + 1) * batch] + (copies if k == KILLS - 1 else []):
            shutil.copy(path, folder / path.name)
        kill("add", [*cli, "add", str(folder)], max_delay=3.5)
    assert main(["--data-dir", str(data), "corpus", "add", str(folder)]) == 0
    out = capsys.readouterr().out
    assert re.fullmatch(r"((\d+ added|\d+ linked as copies of indexed articles|\d+ already indexed)(, |; ))+"
                        r"(\d+ chunks embedded|nothing new to embed)\.\n", out), (seed, out)
    _assert_sound(settings, f"seed {seed}, add finished")
    rows = _rows(catalog, "SELECT id, source, duplicate_of FROM articles ORDER BY id")
    assert sorted(Path(str(r[1])).name for r in rows) == sorted(p.name for p in [*originals, *copies]), seed
    by_name = {Path(str(r[1])).name: int(str(r[0])) for r in rows}
    syn_original = by_name[copies[0].name]
    assert [r[2] for r in rows if Path(str(r[1])).name in {c.name for c in copies[1:]}] == [syn_original] * 2
    assert len(_rows(catalog, "SELECT id FROM audit WHERE action='article.add'")) == FILES + 1

    # 2. update: new bodies for some articles, corrected front matter for others ----------------------
    picked = rng.sample(originals, EDITS + CORRECTIONS)
    edits, corrections = picked[:EDITS], picked[EDITS:]
    changed = tmp_path / "changed"
    changed.mkdir()
    for k in range(KILLS):
        for path in edits[k::KILLS]:
            text = path.read_text(encoding="utf-8").rstrip("\n")
            (changed / path.name).write_text(f"{text}\n\n{APPENDED}\n", encoding="utf-8")
        for path in corrections[k::KILLS]:
            meta, body = sources._split_front_matter(path.read_text(encoding="utf-8"), path.name)
            meta["title"] = f"Corrected: {meta.get('title') or path.stem}"
            front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
            (changed / path.name).write_text(f"---\n{front}---\n{body}", encoding="utf-8")
        kill("update", [*cli, "add", str(changed)], max_delay=0.8)
    assert main(["--data-dir", str(data), "corpus", "add", str(changed)]) == 0
    capsys.readouterr()
    _assert_sound(settings, f"seed {seed}, update finished")
    with open_service(settings) as service:
        for path in edits:
            article = service.catalog.get(by_name[path.name])
            assert service.catalog.body(article.id).count(APPENDED) == 1, (seed, path.name)
        for path in corrections:
            assert service.catalog.get(by_name[path.name]).title.startswith("Corrected: "), (seed, path.name)
    updates = _rows(catalog, "SELECT target FROM audit WHERE action='article.update'")
    assert sorted(str(t[0]) for t in updates) == sorted(f"article:{by_name[p.name]}" for p in picked), seed

    # 3. remove some articles, among them the syndicated original (its first copy is promoted) -------
    doomed = [syn_original, *rng.sample([by_name[p.name] for p in originals], REMOVALS - 1)]
    for _ in range(KILLS):
        present = {int(str(r[0])) for r in _rows(catalog, "SELECT id FROM articles")}
        left = [i for i in doomed if i in present]
        if left:
            kill("remove", [*cli, "remove", *map(str, left)], max_delay=0.3)
    present = {int(str(r[0])) for r in _rows(catalog, "SELECT id FROM articles")}
    still_there = [str(i) for i in doomed if i in present]
    if still_there:
        assert main(["--data-dir", str(data), "corpus", "remove", *still_there]) == 0
    capsys.readouterr()
    _assert_sound(settings, f"seed {seed}, remove finished")
    remaining = {int(str(r[0])): r[1] for r in _rows(catalog, "SELECT id, duplicate_of FROM articles")}
    assert not set(doomed) & set(remaining), seed
    heir, other = by_name[copies[1].name], by_name[copies[2].name]
    assert remaining[heir] is None and remaining[other] == heir, (seed, remaining.get(heir), remaining.get(other))
    removes = _rows(catalog, "SELECT target FROM audit WHERE action='article.remove'")
    assert sorted(str(t[0]) for t in removes) == sorted(f"article:{i}" for i in doomed), seed

    with capsys.disabled():
        print("kills:", *kills, sep="\n  ")
    # the kills really interrupted work, so recovery had something to finish (else this proves nothing)
    assert sum(not k.finished_before_kill for k in kills) >= KILLS, (seed, kills)
    assert any(k.unfinished_rows or k.inconsistent for k in kills), (seed, kills)
