"""The small fitted models answers decide with (which sentence answers, whether to answer at all): a
logistic regression over standardised signals, kept as plain numbers in a versioned JSON file beside the
module that uses it, so a refit shows in review and nothing is unpickled."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, ClassVar


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
