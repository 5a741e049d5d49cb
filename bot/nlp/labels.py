"""Statement labels: fact, claim, speculation or opinion, each with the cues that explain it.

The bot keeps apart what is reported, what a party asserts, what is guessed and what a writer thinks.
This module is the public face of the labeller; the parts live beside it:

* :mod:`bot.nlp.cues` and ``data/cues.toml``: the cue lexicons (speech verbs, hedges, outlets...);
* :mod:`bot.nlp.gates`: cheap pre-checks derived from the cue patterns themselves;
* :mod:`bot.nlp.attribution`: who a sentence attributes its content to;
* :mod:`bot.nlp.rules`: which cues a sentence holds, and the decision list they imply;
* :mod:`bot.nlp.features` and :mod:`bot.nlp.labeller`: the learned decision over the sentence's
  embedding, n-grams and cues, with the explanation shown to users;
* :mod:`bot.nlp.fit`: fitting and evaluating the model on the hand-labelled sentences.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from bot.nlp.attribution import attribution
from bot.nlp.labelset import LABELS, Label, LabelResult

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = ["LABELS", "Label", "LabelResult", "attribution", "label_sentence", "label_sentences",
           "labeller_version"]


def labeller_version() -> str:
    """The labelling behaviour's explicit version (stored with labels; a change relabels the catalog)."""
    from bot.nlp.labeller import LABELLER_VERSION

    return LABELLER_VERSION


def label_sentences(
    texts: Iterable[str], embeddings: npt.NDArray[np.float32] | None = None
) -> list[LabelResult]:
    """Label sentences in one batch (the embedding model runs once for all of them).

    ``embeddings``, one row per sentence, are used instead of embedding the sentences again (ingestion
    passes the vectors it pooled from the chunks it embedded anyway).
    """
    from bot.nlp.labeller import label_texts

    return label_texts(list(texts), embeddings)


def label_sentence(text: str) -> LabelResult:
    """Label one sentence (or headline) as fact, claim, speculation or opinion, with the cues that decided it."""
    return label_sentences([text])[0]
