"""The command the answer models' fits share: ``python -m bot.answers.<model> QUESTIONS [--split] [--out]``.

Each fitted model of the answer path (fusion, ranker, answer-sentence model, answerability) is fitted the same
way: open the built corpus named by the settings, read the question set's development rows, turn each into
(features, label) rows, fit, write the parameters beside the module and print the weights. Only the rows and
the fit differ, so each model's ``main`` gives those two and this runs the rest.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

if TYPE_CHECKING:
    from bot.answers.compose import ExtractiveComposer
    from bot.answers.retrieve import Passage
    from bot.answers.service import AnswerService

Row = TypeVar("Row")


class FittedModel(Protocol):
    @property
    def names(self) -> list[str]: ...

    @property
    def coef(self) -> list[float]: ...

    def to_json(self) -> dict[str, Any]: ...


Model = TypeVar("Model", bound=FittedModel)


def run_fit(
    argv: Sequence[str] | None,
    description: str | None,
    parameters: Path,
    rows_of: Callable[[AnswerService, dict[str, Any]], Iterable[tuple[Row, bool]]],
    fit: Callable[[list[tuple[Row, bool]]], Model],
    counted: str,
) -> tuple[Model, list[tuple[Row, bool]], str]:
    """Parse the command line, collect every development question's rows (``rows_of`` a question dict gives
    none for a question the model does not learn from), fit, write the parameters and print the weights.
    Returns the model, its rows and the split, for a caller that reports more."""
    from bot.answers.evaluate import load_questions
    from bot.answers.service import AnswerService
    from bot.corpus.ingest import CorpusService
    from bot.settings import Settings

    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("questions", type=Path)
    parser.add_argument("--split", default="dev", help="fit only on rows of this split (default dev)")
    parser.add_argument("--out", type=Path, default=parameters)
    args = parser.parse_args(argv)
    settings = Settings()
    service = AnswerService(settings, CorpusService.open(settings))
    rows: list[tuple[Row, bool]] = []
    try:
        for q in load_questions(args.questions):
            if q.get("split", "dev") == args.split:
                rows.extend(rows_of(service, q))
    finally:
        service.close()
        service.corpus.close()
    model = fit(rows)
    args.out.write_text(json.dumps(model.to_json(), indent=2) + "\n", encoding="utf-8")
    print(f"fitted on {len(rows)} {counted} ({sum(ok for _, ok in rows)} positive)")
    for name, coef in zip(model.names, model.coef, strict=True):
        print(f"  {name:>20}: {coef:+.3f}")
    return model, rows, str(args.split)


def single_part(service: AnswerService, q: dict[str, Any]) -> tuple[ExtractiveComposer, str, list[Passage]] | None:
    """A question the sentence models learn from: read as ``ask`` reads it, one part only (a several-part
    message's sentences answer different things), with the passages its statements are drawn from."""
    from bot.answers.compose import ExtractiveComposer

    composer = service.composer
    assert isinstance(composer, ExtractiveComposer)
    reading = service.read(q["question"], q.get("context") or [])
    if len(reading.parts) != 1:
        return None
    part = reading.parts[0]
    return composer, part, service.retriever.retrieve(part, k=composer.statement_passages)
