"""Makes the fake-Discord fixtures available to this package's tests (same import other packages use)."""

from tests.fakediscord.fixtures import *  # noqa: F403
