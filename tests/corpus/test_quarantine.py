"""Quarantine instead of poison: an article whose indexing keeps failing is set aside, and everything
else keeps working.

The failure is injected in the one place a real one cannot be made cheaply: an index whose writes
refuse the chunks of articles with a marker word (a real Chroma refusal, such as the batch-size limit,
needs thousands of chunks). Everything else is real: catalog, Chroma, the model, recovery, the CLI.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Sequence
from pathlib import Path

import pytest

from bot.cli import main
from bot.corpus.catalog import Catalog
from bot.corpus.index import ChunkRecord, VectorIndex
from bot.corpus.ingest import CorpusService
from bot.corpus.models import ArticleDraft
from bot.corpus.recovery import MAX_RECOVERY_ATTEMPTS
from bot.settings import Settings
from tests.corpus.ingest_fixtures import ACTOR, ORIGIN, make_settings
from tests.isolation import DefaultsOnlySettings

POISON = "zzpoisonzz"


class RefusingIndex(VectorIndex):
    """The real index, except that it refuses to store chunks containing :data:`POISON`."""

    def store_vectors(self, records: Sequence[ChunkRecord], vectors: Sequence[Sequence[float]]) -> None:
        if any(POISON in r.text for r in records):
            raise ValueError("the index refused these chunks (injected)")
        super().store_vectors(records, vectors)


def open_refusing(settings: Settings) -> CorpusService:
    service = CorpusService(settings, Catalog(settings.catalog_path), RefusingIndex(settings))
    service.recover()  # as CorpusService.open does
    return service


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], data: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_an_article_that_keeps_failing_is_set_aside_and_can_be_retried(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], clean_env: None,
) -> None:
    data = tmp_path / "data"
    settings = make_settings(data)
    good = write(tmp_path, "good.md", "# Hearing set\n\nThe judge set a hearing on the export order for Monday.\n")
    bad = write(tmp_path, "bad.md", f"# A poisoned note\n\nThe agency {POISON} said the order stands for now.\n")
    later = write(tmp_path, "later.md", "# Appeal filed\n\nLawyers for the company filed an appeal on Tuesday.\n")

    # the add that meets the failure: the good article is indexed, the bad one reported, nothing raised
    service = open_refusing(settings)
    report = service.add_paths([good, bad], ACTOR, ORIGIN)
    assert len(report.added) == 1 and [p.item for p in report.problems] == ["bad.md"]
    assert "could not be indexed" in report.problems[0].message and "injected" in report.problems[0].message
    bad_id = service.catalog.pending()[0]
    service.close()

    # every later open retries it, a bounded number of times in all, and still works
    for _ in range(MAX_RECOVERY_ATTEMPTS - 1):
        service = open_refusing(settings)
        service.close()
    service = open_refusing(settings)
    assert service.catalog.pending() == []  # set aside: recovery no longer tries it
    [failed] = service.failed()
    assert failed.article.id == bad_id and failed.attempts == MAX_RECOVERY_ATTEMPTS
    assert "injected" in failed.reason
    quarantined = [e for e in service.audit_log(20) if e.action == "article.quarantine"]
    assert [e.target for e in quarantined] == [f"article:{bad_id}"]
    report = service.add_paths([later], ACTOR, ORIGIN)  # other changes still go through
    assert len(report.added) == 1 and not report.problems
    service.close()

    # the CLI shows it in `check` and `list --state failed`; the rest of the corpus is consistent
    code, out, _ = run(capsys, data, "corpus", "check")
    assert code == 0 and re.match(r"catalog chunks: (\d+), index chunks: \1, missing: 0, orphaned: 0, failed: 1\n",
                                  out), out
    assert f"failed #{bad_id} ({MAX_RECOVERY_ATTEMPTS} attempts" in out and f"corpus retry {bad_id}" in out
    code, out, _ = run(capsys, data, "corpus", "list", "--state", "failed")
    assert code == 0 and out.startswith(f"#{bad_id} ") and "FAILED: " in out and "injected" in out
    code, out, _ = run(capsys, data, "corpus", "list", "--state", "indexed", "--json")
    assert sorted(a["title"] for a in json.loads(out)) == ["Appeal filed", "Hearing set"]
    code, out, err = run(capsys, data, "ask", "when is the hearing on the export order?")
    assert code == 0 and "Monday" in out, err

    # retried with an index that takes it (the cause fixed): indexed, audited, check clean
    code, out, err = run(capsys, data, "corpus", "retry", str(bad_id))
    assert code == 0 and out == f"Indexed #{bad_id}: A poisoned note\n", err
    code, out, _ = run(capsys, data, "corpus", "check")
    assert code == 0 and out.endswith("missing: 0, orphaned: 0\n") and "failed" not in out
    code, out, _ = run(capsys, data, "corpus", "log")
    assert "article.retry" in out and "article.quarantine" in out
    code, out, err = run(capsys, data, "corpus", "retry", str(bad_id))
    assert code == 1 and "has not failed" in err


def test_a_failed_article_can_be_dropped(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                         clean_env: None) -> None:
    data = tmp_path / "data"
    settings = make_settings(data)
    bad = write(tmp_path, "bad.md", f"# Another poisoned note\n\nThe court {POISON} heard the case.\n")
    service = open_refusing(settings)
    service.add_paths([bad], ACTOR, ORIGIN)
    service.close()
    for _ in range(MAX_RECOVERY_ATTEMPTS):
        open_refusing(settings).close()
    code, out, _ = run(capsys, data, "corpus", "list", "--state", "failed", "--json")
    [item] = json.loads(out)
    assert "injected" in item["failed"]
    code, out, err = run(capsys, data, "corpus", "remove", str(item["id"]))
    assert code == 0 and out.startswith(f"Removed #{item['id']}"), err
    code, out, _ = run(capsys, data, "corpus", "check")
    assert code == 0 and out == "catalog chunks: 0, index chunks: 0, missing: 0, orphaned: 0\n"


def test_a_pending_article_over_the_limit_is_set_aside_at_once(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                               clean_env: None) -> None:
    """What a version without the size cap left behind (a huge article, pending) no longer costs minutes of
    embedding at every open: the first open sets it aside, and every command works at once."""
    data = tmp_path / "data"
    service = CorpusService.open(make_settings(data))
    body = "The court heard the appeal against the export order again. " * 60  # ~3,600 characters
    draft = ArticleDraft(text=body, title="A long record", source="old-version.txt")
    with service.catalog.transaction() as db:  # as a killed run of an older version would leave it
        article_id = service.catalog.insert_pending(service.prepare(draft), ACTOR, None, db)
    service.close()

    small = DefaultsOnlySettings(data_dir=data, max_article_bytes=2_000)
    started = time.perf_counter()
    service = CorpusService.open(small)
    assert time.perf_counter() - started < 30
    [failed] = service.failed()
    assert failed.article.id == article_id and failed.attempts == 1
    assert failed.reason.startswith(f"too large for one article ({len(body):,} characters; the limit is 2,000 bytes)")
    assert service.check().consistent and service.catalog.pending() == []
    with pytest.raises(Exception, match="no article #"):
        service.retry(article_id + 1000, ACTOR, ORIGIN)
    service.retry(article_id, ACTOR, ORIGIN)  # still too large: set aside again, not indexed
    assert [f.article.id for f in service.failed()] == [article_id]
    service.close()
