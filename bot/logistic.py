"""The small fitted models answers decide with (which sentence answers, whether to answer at all): a
logistic regression over standardised signals, kept as plain numbers in a versioned JSON file beside the
module that uses it, so a refit shows in review and nothing is unpickled."""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, ClassVar, TypeVar

log = logging.getLogger(__name__)


class SignalRow:
    """Base of the frozen dataclasses of float signals a fitted model reads: their values in field order
    (``dataclasses.asdict`` deep-copies every row, which cost ~0.1 ms per candidate sentence on every question)."""

    __dataclass_fields__: ClassVar[dict[str, Any]]

    def vector(self) -> list[float]:
        return [float(getattr(self, name)) for name in self.__dataclass_fields__]

    @classmethod
    def names(cls) -> list[str]:
        return list(cls.__dataclass_fields__)


def standardised_probability(values: Sequence[float], mean: Sequence[float], scale: Sequence[float],
                             coef: Sequence[float], intercept: float) -> float:
    """The model's probability for one row of signals (the exponent clipped, so no value overflows)."""
    z = intercept + sum(c * ((float(v) - m) / s) for v, m, s, c in zip(values, mean, scale, coef, strict=True))
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


def fit_standardised(x: Any, y: Any, c: float, class_weight: str | None = None
                     ) -> tuple[list[float], list[float], list[float], float, Any]:
    """Fit on rows ``x`` (signals) and labels ``y``: the standardisation (a constant signal keeps scale 1),
    the coefficients and the intercept, and the fitted scikit-learn model (for in-sample probabilities)."""
    from sklearn.linear_model import LogisticRegression

    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=c, class_weight=class_weight, max_iter=2000)
    model.fit((x - mean) / scale, y)
    return ([float(v) for v in mean], [float(v) for v in scale], [float(v) for v in model.coef_[0]],
            float(model.intercept_[0]), model)


Scorer = TypeVar("Scorer", bound="LinearScorer")


@dataclass(frozen=True)
class LinearScorer:
    """A fitted logistic regression over one kind of :class:`SignalRow` (which sentence answers, which
    chunk answers): its parameters as plain numbers in a versioned JSON file. A subclass names its row
    type, its file's version and the command that refits it."""

    names: list[str]
    mean: list[float]
    scale: list[float]
    coef: list[float]
    intercept: float

    ROW: ClassVar[type[SignalRow]]
    VERSION: ClassVar[int]
    REFIT: ClassVar[str]  # the command that refits the file

    def score(self, row: SignalRow) -> float:
        return standardised_probability(row.vector(), self.mean, self.scale, self.coef, self.intercept)

    def to_json(self) -> dict[str, Any]:
        return {"version": self.VERSION, **asdict(self)}

    @classmethod
    def load(cls: type[Scorer], path: Path) -> Scorer | None:
        """The model in ``path`` (None when there is no file); a file fitted for other signals or another
        version is an error that says how to refit."""
        if not path.exists():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("version") != cls.VERSION or data.get("names") != cls.ROW.names():
            raise ValueError(f"{path} was fitted for other features; refit with {cls.REFIT}")
        data.pop("version")
        return cls(**data)

    @classmethod
    def fit(cls: type[Scorer], rows: Sequence[tuple[SignalRow, bool]], c: float,
            class_weight: str | None = None) -> Scorer:
        import numpy as np

        x = np.array([f.vector() for f, _ in rows], dtype=float)
        y = np.array([1 if ok else 0 for _, ok in rows])
        mean, scale, coef, intercept, _model = fit_standardised(x, y, c=c, class_weight=class_weight)
        return cls(names=cls.ROW.names(), mean=mean, scale=scale, coef=coef, intercept=intercept)


Loaded = TypeVar("Loaded")


def load_or_warn(load: Callable[[], Loaded | None]) -> Loaded | None:
    """``load()``, or None with a logged warning when the stored file was fitted for other signals: the
    caller then falls back to its unfitted score rather than failing every question."""
    try:
        return load()
    except ValueError as exc:
        log.warning("%s", exc)
        return None
