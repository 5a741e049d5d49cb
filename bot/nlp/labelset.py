"""The four statement labels and a labelled result: the vocabulary every labelling module shares."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["LABELS", "Label", "LabelResult"]

Label = Literal["fact", "claim", "speculation", "opinion"]
LABELS: tuple[Label, ...] = ("fact", "claim", "speculation", "opinion")


@dataclass(frozen=True, slots=True)
class LabelResult:
    """A label and the cues that explain it (never empty; never a bare "no hedge or attribution")."""

    label: Label
    cues: tuple[str, ...]
