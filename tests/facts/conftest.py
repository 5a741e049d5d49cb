"""Fixtures of the facts tests."""

from tests.isolation import clean_env  # noqa: F401  (a fixture the CLI tests use)
