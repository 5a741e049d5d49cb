"""Fixtures for the brief tests: fake Discord, settings on a temporary data dir, real corpus services."""

from tests.fakediscord.fixtures import *  # noqa: F403
