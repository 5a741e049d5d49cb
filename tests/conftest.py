"""Suite-wide: say in the header whether the shared corpus is there (tests that need it skip without it)."""

from __future__ import annotations

import pytest

from tests.corpus_location import SHARED_CORPUS, SKIP_REASON, shared_corpus_present


def pytest_report_header(config: pytest.Config) -> str:
    if shared_corpus_present():
        return f"shared corpus: {SHARED_CORPUS} (corpus-dependent tests run)"
    return f"shared corpus: absent; corpus-dependent tests are skipped ({SKIP_REASON})"
