"""Shared helpers for the ingest tests: corpus file selection, services over real Chroma, core checks.

The corpus is read in place from ``/work/shared/corpus`` (never copied into test code). Services are
built on a data directory under ``tmp_path`` with the real embedding model and real SQLite; the
Chroma side is embedded by default or a ``chroma run`` server when host/port are given.

Imported by module name (``from ingest_fixtures import ...``): pytest puts ``tests/corpus`` on
``sys.path`` because that folder has no ``__init__.py``.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from bot.corpus.ingest import CorpusService
from bot.corpus.models import IngestReport
from bot.settings import Settings

CORPUS_DIR = Path(os.environ.get("BRIEFBOT_TEST_CORPUS", "/work/shared/corpus"))
SYNDICATED = ("083", "090", "091", "092", "093", "094", "095", "096", "405")
VERBATIM_COPIES = ("165", "166", "385")
ACTOR = "test:curator"
ORIGIN = "pytest@local"


def corpus_files() -> list[Path]:
    files = sorted(CORPUS_DIR.glob("*.md"))
    if not files:
        pytest.skip(f"no corpus at {CORPUS_DIR}")
    return files


def corpus_file(prefix: str) -> Path:
    """The corpus file whose name starts with the three-digit ``prefix``."""
    matches = [p for p in corpus_files() if p.name.startswith(f"{prefix}-")]
    assert len(matches) == 1, f"expected one corpus file {prefix}-*, found {matches}"
    return matches[0]


def distinct_files(n: int, offset: int = 0) -> list[Path]:
    """``n`` corpus files spread over the corpus, none of them a known copy of another."""
    excluded = set(SYNDICATED) | set(VERBATIM_COPIES)
    candidates = [p for p in corpus_files() if p.name[:3] not in excluded]
    step = max(1, len(candidates) // max(n, 1))
    picked = candidates[offset::step][:n]
    assert len(picked) == n
    return picked


def make_settings(data_dir: Path, host: str | None = None, port: int = 8000,
                  collection: str = "briefbot") -> Settings:
    """Settings that ignore the environment and any `.env`, so tests never reach a real deployment."""
    return Settings(  # type: ignore[call-arg]
        _env_file=None, data_dir=data_dir, chroma_host=host, chroma_port=port, chroma_collection=collection,
    )


@contextmanager
def open_service(settings: Settings) -> Iterator[CorpusService]:
    service = CorpusService.open(settings)
    try:
        yield service
    finally:
        service.close()


def pending_rows(service: CorpusService) -> int:
    return int(service.catalog._query("SELECT COUNT(*) FROM articles WHERE state != 'indexed'")[0][0])


def audit_rows(service: CorpusService, action: str) -> list[dict[str, Any]]:
    rows = service.catalog._query("SELECT * FROM audit WHERE action = ? ORDER BY id", (action,))
    return [dict(r) for r in rows]


def assert_consistent(service: CorpusService) -> None:
    """Catalog and Chroma agree chunk for chunk, and nothing is left half-done."""
    check = service.check()
    assert check.consistent, (sorted(check.missing)[:5], sorted(check.orphaned)[:5])
    counts = service.catalog.count()
    assert counts["chunks"] == service.index.count() == check.catalog_chunks == check.index_chunks
    assert counts["pending"] == 0
    assert pending_rows(service) == 0


@dataclass
class CoreResult:
    first: IngestReport
    second: IngestReport
    removed_id: int


def core_ingest_checks(settings: Settings, files: Sequence[Path]) -> CoreResult:
    """Add, re-add (embeds nothing), remove one, check consistent: the same on every backend."""
    with open_service(settings) as service:
        first = service.add_paths(list(files), ACTOR, ORIGIN)
        assert not first.problems, first.problems
        assert len(first.added) == len(files)
        assert first.chunks_embedded == service.index.count() > 0
        assert_consistent(service)

        second = service.add_paths(list(files), ACTOR, ORIGIN)
        assert second.chunks_embedded == 0
        assert sorted(second.unchanged) == sorted(first.added)
        assert not (second.added or second.updated or second.duplicates or second.problems)

        victim = first.added[0]
        victim_ids = service.index.ids_for(victim)
        assert victim_ids
        before = service.index.count()
        service.remove(victim, ACTOR, ORIGIN)
        assert service.index.ids_for(victim) == set()
        assert service.index.count() == before - len(victim_ids)
        assert victim not in {a.id for a in service.catalog.list_articles()}
        assert_consistent(service)
    return CoreResult(first, second, victim)


# --------------------------------------------------------------------------------------------
# A real `chroma run` server on loopback


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class ChromaServer:
    host: str
    port: int
    process: subprocess.Popen[bytes]
    log_path: Path

    def settings(self, data_dir: Path, collection: str) -> Settings:
        return make_settings(data_dir, host=self.host, port=self.port, collection=collection)


def start_chroma_server(path: Path, log_path: Path, timeout: float = 60.0) -> ChromaServer:
    """Start `chroma run` on 127.0.0.1 and wait until its heartbeat answers."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    exe = Path(sys.executable).parent / "chroma"
    if not exe.exists():
        pytest.fail("the chroma executable is not installed in this environment")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BRIEFBOT_", "CHROMA_"))}
    env["ANONYMIZED_TELEMETRY"] = "False"
    log = log_path.open("wb")
    process = subprocess.Popen(
        [str(exe), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log, stderr=subprocess.STDOUT, env=env,
    )
    log.close()
    server = ChromaServer("127.0.0.1", port, process, log_path)
    deadline = time.monotonic() + timeout
    last: Exception | None = None
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            client = chromadb.HttpClient(host="127.0.0.1", port=port,
                                         settings=ChromaSettings(anonymized_telemetry=False))
            client.heartbeat()
            return server
        except Exception as exc:  # not listening yet
            last = exc
            time.sleep(0.2)
    stop_chroma_server(server)
    raise RuntimeError(f"chroma server did not start ({last}); log:\n{log_path.read_text(errors='replace')}")


def stop_chroma_server(server: ChromaServer) -> None:
    if server.process.poll() is None:
        server.process.terminate()
        try:
            server.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait(timeout=15)
