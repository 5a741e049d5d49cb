"""The lock files install what pyproject.toml asks for: a dependency added without re-locking fails here."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parents[2]
PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;]+)")


def pins(lock: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for line in (REPO / "requirements" / lock).read_text(encoding="utf-8").splitlines():
        match = PIN.match(line)
        if match:
            found[canonicalize_name(match[1])] = match[2]
    return found


@pytest.mark.parametrize(("lock", "extras"), [("main.lock", ()), ("dev.lock", ("dev",))])
def test_every_declared_dependency_is_pinned_within_its_bounds(lock: str, extras: tuple[str, ...]) -> None:
    pinned = pins(lock)
    wanted = [Requirement(r) for r in PROJECT["dependencies"]]
    for extra in extras:
        wanted += [Requirement(r) for r in PROJECT["optional-dependencies"][extra]]
    for requirement in wanted:
        name = canonicalize_name(requirement.name)
        assert name in pinned, f"{requirement} is not in requirements/{lock}: run scripts/lock"
        assert requirement.specifier.contains(pinned[name], prereleases=True), (
            f"requirements/{lock} pins {name}=={pinned[name]}, outside {requirement}: run scripts/lock")


def test_the_runtime_lock_holds_no_development_tools() -> None:
    assert not {"pytest", "ruff", "mypy", "pgserver"} & set(pins("main.lock"))
    assert "aiohttp" not in {canonicalize_name(Requirement(r).name) for r in PROJECT["dependencies"]}
