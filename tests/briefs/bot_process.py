"""The real ``briefbot run`` in a child process, on a moved wall clock and without DNS.

Child side — ``python -m tests.briefs.bot_process --at ISO-TIME``: travel the wall clock to ``--at``
(``time_machine.travel(..., tick=True)``; monotonic clocks are not patched, so asyncio, aiohttp and the
gateway heartbeat run normally), refuse every DNS lookup of a host other than the loopback, then run the
``briefbot`` entry point with ``["run"]``. Everything else comes from the environment, as in production
(``BRIEFBOT_DATA_DIR``, ``DISCORD_TOKEN``, ``BRIEFBOT_DISCORD_API_BASE``, ``BRIEFBOT_DISCORD_GATEWAY_URL``…).

Parent side — :class:`BotProcess`: start such a child against a :class:`FakeDiscord` served by the test's
own event loop, wait for lines in its log, kill it (SIGKILL: no clean-up runs, as in a crash) and list
the tracebacks / ERROR lines it logged. Why real processes: a kill, a restart and a second process are
only honest when the scheduler lock, the job store and the ledger are shared through the data directory
by separate interpreters.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
PROBLEM_LINE = re.compile(r"Traceback \(most recent call last\)|\bERROR\b|\bCRITICAL\b")


# child side -------------------------------------------------------------------------------------

def refuse_dns() -> None:
    """Make ``socket.getaddrinfo`` raise for any host but the loopback: nothing here may go online."""
    original = socket.getaddrinfo

    def guarded(host: Any, *args: Any, **kwargs: Any) -> Any:
        name = host.decode() if isinstance(host, bytes) else host
        if name is not None and name not in LOOPBACK_HOSTS:
            raise socket.gaierror(socket.EAI_NONAME, f"bot_process: DNS refused for {name!r} (loopback only)")
        return original(host, *args, **kwargs)

    socket.getaddrinfo = guarded


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.briefs.bot_process")
    parser.add_argument("--at", required=True, help="ISO date-time with a zone: the wall clock at start")
    args = parser.parse_args(argv)
    at = datetime.fromisoformat(args.at)
    if at.tzinfo is None:
        parser.error("--at needs a zone offset, e.g. 2026-12-01T08:59:57+01:00")
    import time_machine

    refuse_dns()
    with time_machine.travel(at.astimezone(UTC), tick=True):  # UTC: leave the process's local zone alone
        from bot.cli import main as briefbot

        return briefbot(["run"])


# parent side ------------------------------------------------------------------------------------

def bot_environment(data_dir: Path, api_base: str, gateway_url: str, token: str,
                    **settings: str) -> dict[str, str]:
    """The child's environment: this one without any BRIEFBOT_/DISCORD_ variable, plus the given ones."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BRIEFBOT_", "DISCORD_"))}
    env.update({
        "PYTHONPATH": str(REPO),
        "PYTHONUNBUFFERED": "1",
        "BRIEFBOT_DATA_DIR": str(data_dir),
        "DISCORD_TOKEN": token,
        "BRIEFBOT_DISCORD_API_BASE": api_base,
        "BRIEFBOT_DISCORD_GATEWAY_URL": gateway_url,
        "BRIEFBOT_LLM_PROVIDER": "none",
    })
    env.update({f"BRIEFBOT_{k.upper()}": v for k, v in settings.items()})
    return env


class BotProcess:
    """One ``briefbot run`` child; its stdout and stderr go to files in ``workdir``."""

    def __init__(self, name: str, at: datetime, env: dict[str, str], workdir: Path) -> None:
        self.name = name
        self.at = at
        self.workdir = workdir
        self.log_path = workdir / f"{name}.stderr"
        self.out_path = workdir / f"{name}.stdout"
        workdir.mkdir(parents=True, exist_ok=True)
        with open(self.log_path, "wb") as err, open(self.out_path, "wb") as out:
            # cwd = workdir: no stray .env is read; the settings are the environment's only.
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "tests.briefs.bot_process", "--at", at.isoformat()],
                cwd=workdir, env=env, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
            )
        self.started = time.monotonic()

    @property
    def pid(self) -> int:
        return self.proc.pid

    def elapsed(self) -> float:
        """Seconds since the child was started."""
        return time.monotonic() - self.started

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def output(self) -> str:
        return self.out_path.read_text(encoding="utf-8", errors="replace")

    async def wait_for_log(self, pattern: str, timeout: float = 30.0) -> str:
        """The first log line matching ``pattern``; fails early (with the log) if the child exits."""
        rx = re.compile(pattern)
        deadline = time.monotonic() + timeout
        while True:
            for line in self.log().splitlines():
                if rx.search(line):
                    return line
            if self.proc.poll() is not None:
                raise AssertionError(f"{self.name} exited ({self.proc.returncode}) before logging "
                                     f"{pattern!r}:\n{self.log()[-4000:]}\n{self.output()[-1000:]}")
            if time.monotonic() > deadline:
                raise AssertionError(f"{self.name} did not log {pattern!r} within {timeout}s:\n{self.log()[-4000:]}")
            await asyncio.sleep(0.1)

    def kill(self) -> None:
        """SIGKILL, as a crash or an OOM kill would: no shutdown code runs, the OS drops the file lock."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=10)

    def problems(self) -> list[str]:
        """Traceback and ERROR/CRITICAL lines in the child's log."""
        return [line for line in self.log().splitlines() if PROBLEM_LINE.search(line)]


if __name__ == "__main__":
    sys.exit(main())
