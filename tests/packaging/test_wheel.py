"""The wheel carries the prompts and the starter notes: built, installed in a fresh venv, it answers from them.

The fresh venv gets only the wheel (``--no-deps``); a ``.pth`` file lends it this environment's
site-packages for the dependencies, so the test runs offline and in seconds. ``.pth`` files inside the
lent folder are not processed, so this checkout's editable install cannot leak in: ``bot`` comes from the
wheel, which the test checks.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
QUESTION = "When did Legion LegalTech file its lawsuit?"


def test_the_package_list_names_every_bot_folder() -> None:
    """setuptools is given an explicit list (two entries map top-level folders): a new folder must join it."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    folders = {".".join(p.parent.relative_to(REPO).parts) for p in (REPO / "bot").rglob("__init__.py")}
    assert folders | {"bot.prompts", "bot.knowledge"} == set(config["packages"])
    assert config["package-dir"] == {"bot.prompts": "prompts", "bot.knowledge": "knowledge"}


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"{args}\n{done.stdout}\n{done.stderr}"
    return done


@pytest.mark.slow
def test_wheel_in_a_fresh_venv_syncs_the_bundled_notes_and_answers(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BRIEFBOT_", "DISCORD_", "PYTHON"))}
    source = tmp_path / "source"  # build from a copy: no build/ or egg-info left in the checkout
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    for folder in ("bot", "prompts", "knowledge"):
        shutil.copytree(REPO / folder, source / folder, ignore=shutil.ignore_patterns("__pycache__"))
    dist = tmp_path / "dist"
    _run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "--no-index",
          "-w", str(dist), str(source)], tmp_path, env)
    (wheel,) = dist.glob("briefbot-*.whl")

    target = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(target)
    python = target / "bin" / "python"
    _run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps", "--no-index",
          str(wheel)], tmp_path, env)
    site = Path(_run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                     tmp_path, env).stdout.strip())
    (site / "_briefbot_test_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")

    work = tmp_path / "elsewhere"
    work.mkdir()
    located = _run([str(python), "-c", "import bot, bot.resources as r; print(bot.__file__); "
                    "print(r.bundled_dir('prompts')); print(r.bundled_dir('knowledge'))"], work, env)
    for line in located.stdout.split():
        assert line.startswith(str(site)), line  # the code, prompts and notes all come from the wheel
    assert (site / "bot" / "prompts" / "answer_system.md").is_file()
    # every fitted model and data file beside the code ships in the wheel (a missing one silently falls back)
    shipped = [f.relative_to(REPO) for pattern in ("*.json", "*.npz", "*.toml") for f in (REPO / "bot").rglob(pattern)]
    assert shipped and [f for f in shipped if not (site / f).is_file()] == []
    notes = sorted((site / "bot" / "knowledge" / "notes").glob("*.md"))
    assert notes and (site / "bot" / "knowledge" / "sources.tsv").is_file()

    briefbot = str(target / "bin" / "briefbot")
    data = work / "data"
    synced = _run([briefbot, "--data-dir", str(data), "corpus", "sync", "--offline"], work, env)
    assert f"{len(notes)} added" in synced.stdout
    answered = _run([briefbot, "--data-dir", str(data), "ask", "--json", QUESTION], work, env)
    answer = json.loads(answered.stdout)
    assert answer["abstained"] is False and answer["statements"]
    cited = {n for s in answer["statements"] for n in s["citations"]}
    sources = {s["n"]: s for s in answer["sources"]}
    assert cited and cited <= set(sources)
    assert any("June 23" in sources[n]["quote"] for n in cited)
    assert {sources[n]["outlet"] for n in cited} == {"briefbot notes"}
