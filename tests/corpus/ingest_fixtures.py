"""Shared helpers for the ingest tests: fixture file selection, services over real Chroma, core checks.

The articles are the suite's own fixtures (``tests/fixture_corpus.py``), so these tests need no shared
corpus. Services are built on a data directory under ``tmp_path`` with the real embedding model and real SQLite; the
Chroma side is embedded by default or a ``chroma run`` server when host/port are given.

Imported by its full name (``from tests.corpus.ingest_fixtures import ...``, the repository root is on
``sys.path`` through pytest's ``pythonpath``) so pytest and mypy see one module under one name.
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
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.corpus import sources
from bot.corpus.index import chunk_id
from bot.corpus.ingest import CorpusService
from bot.corpus.models import IngestReport
from bot.facts import store as facts_store
from bot.settings import Settings
from tests.fixture_corpus import distinct_files
from tests.isolation import DefaultsOnlySettings

ACTOR = "test:curator"
ORIGIN = "pytest@local"


def make_settings(data_dir: Path, host: str | None = None, port: int = 8000,
                  collection: str = "briefbot") -> Settings:
    """Settings that ignore the environment and any `.env`, so tests never reach a real deployment."""
    return DefaultsOnlySettings(
        data_dir=data_dir, chroma_host=host, chroma_port=port, chroma_collection=collection,
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
    with service.catalog.transaction() as db:  # facts and their groups describe exactly what is indexed
        assert facts_store.consistency_problems(db) == []


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


def edited_copy(original: Path, dest: Path) -> Path:
    """The same article (same front-matter url) with one paragraph appended."""
    text = original.read_text(encoding="utf-8")
    dest.write_text(text.rstrip("\n") + "\n\nA correction was appended to this report by the editors.\n",
                    encoding="utf-8")
    return dest


def edit_replaces_only_its_own_chunks(settings: Settings, tmp_path: Path) -> None:
    """An edited article (same front-matter url, new body) swaps its own chunks and touches no other."""
    files = distinct_files(8, offset=3)
    with open_service(settings) as service:
        report = service.add_paths(files, ACTOR, ORIGIN)
        assert len(report.added) == 8
        ids_before = {a: service.index.ids_for(a) for a in report.added}
        target = report.added[2]
        old_hash = service.catalog.get(target).content_hash

        # whitespace-only re-save elsewhere is the same content: nothing to do
        resaved = tmp_path / "resaved.md"
        resaved.write_text(files[2].read_text(encoding="utf-8") + "\n\n\n", encoding="utf-8")
        again = service.add_paths([resaved], ACTOR, ORIGIN)
        assert again.unchanged == [target] and again.chunks_embedded == 0

        edited = edited_copy(files[2], tmp_path / "edited.md")
        assert sources.read_file(edited).url == sources.read_file(files[2]).url
        update = service.add_paths([edited], "test:editor", "pytest@edit")
        assert update.updated == [target] and not update.added and not update.duplicates
        new_ids = service.index.ids_for(target)
        assert update.chunks_embedded == len(new_ids) > 0
        assert not (new_ids & ids_before[target]), "old version's chunk ids must be gone"
        new_hash = service.catalog.get(target).content_hash
        assert new_hash != old_hash
        assert new_ids == {chunk_id(target, new_hash, r.idx) for r in service.catalog.chunks(target)}
        assert "correction was appended" in service.catalog.body(target)
        for other, ids in ids_before.items():
            if other != target:
                assert service.index.ids_for(other) == ids
        assert_consistent(service)
        updates = audit_rows(service, "article.update")
        assert [(u["target"], u["actor"], u["origin"]) for u in updates] == [
            (f"article:{target}", "test:editor", "pytest@edit")
        ]


def bad_inputs_are_reported_and_the_rest_indexed(settings: Settings, tmp_path: Path) -> None:
    """Empty, binary, broken and wrongly encoded files in one batch: each reported, the rest indexed."""
    good = distinct_files(4, offset=7)
    bad_dir = tmp_path / "bad"
    bad_dir.mkdir()
    (bad_dir / "empty.md").write_bytes(b"")
    (bad_dir / "binary.md").write_bytes(bytes(range(256)) * 8)
    (bad_dir / "unclosed.md").write_text("---\ntitle: Never closed\nurl: https://x.example/a\n\nBody text.\n")
    (bad_dir / "badyaml.md").write_text("---\ntitle: [unbalanced\n---\n\nBody text here.\n")
    latin1 = "Caf\xe9 cr\xe8me: na\xefve r\xe9sum\xe9 of the dispute.\n"
    (bad_dir / "latin1.md").write_bytes(latin1.encode("latin-1"))
    bad = sorted(bad_dir.iterdir())
    batch = [good[0], good[1], *bad, good[2], good[3]]
    with open_service(settings) as service:
        report = service.add_paths(batch, ACTOR, ORIGIN)
        assert len(report.added) == 4
        messages = {p.item: p.message for p in report.problems}
        assert set(messages) == {p.name for p in bad}
        assert "empty" in messages["empty.md"]
        assert "binary" in messages["binary.md"]
        assert "not closed" in messages["unclosed.md"]
        assert "not valid YAML" in messages["badyaml.md"]
        assert "not UTF-8" in messages["latin1.md"]
        for message in messages.values():  # names only, never the full path
            assert str(bad_dir) not in message
        assert {a.source for a in service.catalog.list_articles()} == {str(p) for p in good}
        assert pending_rows(service) == 0
        assert_consistent(service)
        assert len(audit_rows(service, "article.add")) == 4


def front_matter_and_body(path: Path) -> tuple[dict[str, Any], str]:
    meta, body = sources._split_front_matter(path.read_text(encoding="utf-8"), path.name)
    return meta, body


def rewrite(src: Path, dest: Path, **changes: Any) -> Path:
    """``src`` with some front-matter fields changed (``None`` drops a field), body untouched."""
    meta, body = front_matter_and_body(src)
    meta.update(changes)
    meta = {k: v for k, v in meta.items() if v is not None}
    dest.write_text("---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n" + body,
                    encoding="utf-8")
    return dest


def dated_article(offset: int) -> Path:
    """A fixture article whose front matter gives a URL and a date (so corrections have something to fix)."""
    for path in distinct_files(30, offset=offset):
        meta, _ = front_matter_and_body(path)
        if meta.get("url") and meta.get("published") and meta.get("outlet"):
            return path
    pytest.fail("no dated article with a URL among the fixtures")


def chroma_view(service: CorpusService, article_id: int) -> dict[str, tuple[dict[str, Any], list[float]]]:
    got = service.index.collection.get(where={"article_id": article_id}, include=["metadatas", "embeddings"])
    metadatas = got["metadatas"] or []
    embeddings = got["embeddings"] if got["embeddings"] is not None else []
    return {i: (dict(m), [float(x) for x in e]) for i, m, e in zip(got["ids"], metadatas, embeddings, strict=True)}


def correction_updates_metadata_without_reembedding(settings: Settings, tmp_path: Path) -> None:
    """Same body, corrected title/date/outlet: catalog and chunk metadata follow, vectors stay."""
    path = dated_article(offset=6)
    meta, _ = front_matter_and_body(path)
    with open_service(settings) as service:
        (article_id,) = service.add_paths([path], ACTOR, ORIGIN).added
        before = chroma_view(service, article_id)
        assert before and {m["published"] for m, _ in before.values()} == {str(meta["published"])}
        generation = service.catalog.generation()

        corrected = rewrite(path, tmp_path / "corrected.md", title="A corrected headline for this report",
                            published="2019-01-02", outlet="Corrected Outlet")
        report = service.add_paths([corrected], "test:editor", "pytest@fix")
        assert report.updated == [article_id] and report.chunks_embedded == 0
        assert not (report.added or report.unchanged or report.duplicates)
        article = service.catalog.get(article_id)
        assert article.title == "A corrected headline for this report"
        assert (article.published, article.outlet) == (date(2019, 1, 2), "Corrected Outlet")
        assert article.url == meta["url"]  # unchanged field kept
        after = chroma_view(service, article_id)
        assert set(after) == set(before), "same chunk ids: nothing re-embedded"
        for chunk, (metadata, vector) in after.items():
            assert metadata["published"] == "2019-01-02" and metadata["outlet"] == "Corrected Outlet"
            assert vector == pytest.approx(before[chunk][1])
            assert {k: v for k, v in metadata.items() if k not in ("published", "outlet")} == {
                k: v for k, v in before[chunk][0].items() if k not in ("published", "outlet")}
        assert service.catalog.generation() > generation
        updates = audit_rows(service, "article.update")
        assert [(u["target"], u["actor"], u["origin"]) for u in updates] == [
            (f"article:{article_id}", "test:editor", "pytest@fix")
        ]
        assert "title" in updates[0]["detail"] and "published" in updates[0]["detail"]
        assert "outlet" in updates[0]["detail"]

        again = service.add_paths([corrected], ACTOR, ORIGIN)
        assert again.unchanged == [article_id] and not again.updated
        assert len(audit_rows(service, "article.update")) == 1
        assert_consistent(service)


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
