"""Chunks reach Chroma in batches within the limit the client itself reports.

One article of more chunks than Chroma takes in one call (5,461 embedded, here) used to be refused whole,
leaving it pending and every later command failing. The limit is asked of the client, and writes are cut
to it; the test lowers it to see several batches without embedding thousands of chunks.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.corpus.ingest_fixtures import ACTOR, ORIGIN, make_settings, open_service


def test_the_limit_comes_from_the_client_and_writes_are_cut_to_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_service(make_settings(tmp_path / "data")) as service:
        index = service.index
        assert index.max_batch == index.client.get_max_batch_size() > 0
        index._max_batch = 7  # as a server with a small limit would report
        calls: list[int] = []
        upsert = index.collection.upsert

        def counting_upsert(**kwargs: Any) -> None:
            calls.append(len(kwargs["ids"]))
            upsert(**kwargs)

        monkeypatch.setattr(index.collection, "upsert", counting_upsert)
        body = " ".join(f"On day {i} the judge heard more of the appeal against the export order." for i in range(300))
        path = tmp_path / "long.md"
        path.write_text(f"# A long hearing\n\n{body}\n", encoding="utf-8")
        report = service.add_paths([path], ACTOR, ORIGIN)
        n_chunks = report.chunks_embedded
        assert len(report.added) == 1 and n_chunks > 14
        assert max(calls) <= 7 and sum(calls) == n_chunks and len(calls) >= n_chunks // 7
        check = service.check()
        assert check.consistent and check.index_chunks == n_chunks
