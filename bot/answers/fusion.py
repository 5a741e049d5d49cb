"""How the dense and lexical rankings are fused: a small learned model over measured chunk features.

Reciprocal-rank fusion weighs both rankings alike and only by rank, so a chunk the embedding model ranks
second but BM25 ranks fiftieth loses to chunks both rankings find middling, and a larger candidate pool
makes that worse (more middling chunks in both lists). Instead each chunk of the pool (the dense and the
lexical top ``CANDIDATES``) is described by its cosine to the question and its rank in the dense ranking,
its BM25 score relative to the best and its rank in the lexical one, and the best and mean cosine of its
sentences to the question (their vectors, pooled from the chunk's own embedding at ingest, are stored in
the catalog, so nothing is encoded at question time). A logistic regression fitted on the development
questions (a chunk is positive when its article holds the answer) weighs them; its probability is the
chunk's score. The parameters live in ``fusion.json`` beside this module;
``python -m bot.answers.fusion QUESTIONS`` refits them against a built corpus. Without that file the
reciprocal-rank score is used.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.logistic import LinearScorer, SignalRow, load_or_warn

if TYPE_CHECKING:
    from bot.answers.service import AnswerService

PARAMETERS = Path(__file__).with_name("fusion.json")


@dataclass(frozen=True)
class ChunkFeatures(SignalRow):
    dense: float  # cosine to the question (the dense list's lowest when the chunk is not in it)
    dense_rank: float  # 1 / (1 + rank) in the dense list, 0 when not in it
    lexical: float  # BM25 score relative to the best of the question (0 when not in the list)
    lexical_rank: float  # 1 / (1 + rank) in the lexical list, 0 when not in it
    sentence_best: float  # the best cosine of one of its sentences to the question
    sentence_mean: float  # the mean cosine of its sentences to the question
    states_asked: float  # it holds one of the clearest statements of the story event whose value is asked


@dataclass(frozen=True)
class Fusion(LinearScorer):
    ROW = ChunkFeatures
    VERSION = 2  # of the file format and features; a file of another version must be refitted
    REFIT = "python -m bot.answers.fusion"


@cache
def load_fusion(path: Path = PARAMETERS) -> Fusion | None:
    return Fusion.load(path)


def stored_fusion() -> Fusion | None:
    """The shipped model; when it was fitted for other features, a logged warning and None (the caller's
    unfitted score; refit with ``python -m bot.answers.fusion``)."""
    return load_or_warn(load_fusion)


def fit_fusion(rows: Sequence[tuple[ChunkFeatures, bool]]) -> Fusion:
    return Fusion.fit(rows, c=1.0)


def main(argv: Sequence[str] | None = None) -> int:
    """Fit on the development part's answerable questions against a built corpus; write the parameters.

    A chunk of a question's pool is positive when its article (or a syndicated copy) is one of the
    question's gold sources. Each part of a multi-part question is retrieved on its own, as ``ask`` does.
    """
    from bot.answers.evaluate import article_files
    from bot.answers.fitting import run_fit

    names: dict[int, set[str]] = {}  # each pooled article's names and its copies' (as the evaluation reads them)

    def rows_of(service: AnswerService, q: dict[str, Any]) -> list[tuple[ChunkFeatures, bool]]:
        if q.get("must_abstain") or not q.get("sources"):
            return []
        sources = set(q["sources"])
        rows: list[tuple[ChunkFeatures, bool]] = []
        for part in service.read(q["question"], q.get("context") or []).parts:
            for (article_id, _chunk), features in service.retriever.pool(part).items():
                if article_id not in names:
                    names[article_id] = article_files(service.corpus.catalog, article_id)
                rows.append((features, bool(names[article_id] & sources)))
        return rows

    run_fit(argv, main.__doc__, PARAMETERS, rows_of, fit_fusion, "chunks")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
