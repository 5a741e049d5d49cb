"""The one place the tests locate the shared evaluation corpus.

The real corpus (``../shared/corpus`` beside the repository, or ``$BRIEFBOT_TEST_CORPUS``) is evaluation input:
tests that need it are skipped, with the reason in the summary, on a clone that does not have it. Everything
else runs on the suite's own fixtures.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_CORPUS = Path(os.environ.get("BRIEFBOT_TEST_CORPUS") or REPO.parent / "shared" / "corpus")


def shared_corpus_present() -> bool:
    return SHARED_CORPUS.is_dir() and any(SHARED_CORPUS.glob("*.md"))


SKIP_REASON = f"needs the shared corpus at {SHARED_CORPUS} (set BRIEFBOT_TEST_CORPUS)"

# Mark a test or module that reads the real corpus: ``pytestmark = needs_shared_corpus``.
needs_shared_corpus = pytest.mark.skipif(not shared_corpus_present(), reason=SKIP_REASON)


def shared_corpus_files() -> list[Path]:
    """The corpus's articles in name order; skips the calling test when the corpus is absent."""
    files = sorted(SHARED_CORPUS.glob("*.md"))
    if not files:
        pytest.skip(SKIP_REASON)
    return files
