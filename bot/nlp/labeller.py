"""The decision: a small calibrated linear model over the sentence's embedding, n-grams and cues.

Fitted by ``python -m bot.nlp.fit`` on the hand-labelled sentences in ``tests/data`` and stored as plain
arrays in ``bot/nlp/data/labeller.npz`` (no pickle). The explanation shown with a label is the cue
family or the words that weighed most for it, for example ``evaluative: "right"`` or
``hedge: "may"``, plus the speaker of a claim.

``LABELLER_VERSION`` is the explicit version of the labelling behaviour. Bump it whenever the rules,
lexicons, features or fitted weights change: a catalog labelled by another version is relabelled when
it opens (sentences only; nothing is re-embedded into the index).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from io import BytesIO

import numpy as np
import numpy.typing as npt
from scipy import sparse

from bot.errors import ConfigError
from bot.nlp.cues import cue_book
from bot.nlp.features import RULE_FEATURES, NgramVocabulary, ngrams, rule_vectors
from bot.nlp.labelset import LABELS, Label, LabelResult
from bot.nlp.rules import FAMILY_LABELS, RuleAnalysis, analyse

__all__ = ["LABELLER_VERSION", "LabellerModel", "label_texts", "label_with_vectors", "load_model"]

LABELLER_VERSION = "learned-1"
MODEL_FILE = "labeller.npz"
EMBEDDING_DIMENSIONS = 384

# How words that weighed for a label are named in an explanation.
WORD_FAMILY: dict[str, str] = {
    "fact": "reported",
    "claim": "attributed",
    "speculation": "speculative",
    "opinion": "evaluative",
}

Matrix = npt.NDArray[np.float32]


@dataclass(frozen=True)
class LabellerModel:
    """Fitted parameters: n-gram vocabulary, block weights and the linear model's coefficients."""

    version: str
    vocabulary: NgramVocabulary
    block_weights: tuple[float, float, float]  # embedding, n-grams, rules
    coef: Matrix  # (labels, features)
    intercept: Matrix  # (labels,)
    temperature: float = 1.0
    fit_params: str = ""  # the fitting settings as JSON, so an evaluation can refit the same way

    def features(
        self, embeddings: Matrix, grams: Sequence[list[str]], analyses: Sequence[RuleAnalysis]
    ) -> sparse.csr_matrix:
        """The model's input rows: the three feature blocks side by side, each scaled by its weight."""
        emb_w, gram_w, rule_w = self.block_weights
        blocks = [
            sparse.csr_matrix(embeddings * emb_w),
            self.vocabulary.transform(grams) * gram_w,
            sparse.csr_matrix(rule_vectors(analyses) * rule_w),
        ]
        return sparse.hstack(blocks, format="csr", dtype=np.float32)

    @cached_property
    def leans(self) -> Matrix:
        """How much more each feature's coefficient favours each label than the average label."""
        lean: Matrix = (self.coef - self.coef.mean(axis=0)).astype(np.float32)
        return lean

    def probabilities(self, x: sparse.csr_matrix) -> Matrix:
        logits = np.asarray(x @ self.coef.T) + self.intercept
        logits /= self.temperature
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        probs: Matrix = (exp / exp.sum(axis=1, keepdims=True)).astype(np.float32)
        return probs

    def save(self, path: str) -> None:
        np.savez_compressed(
            path,
            version=np.array(self.version),
            terms=np.array(self.vocabulary.terms, dtype=str),
            idf=self.vocabulary.idf,
            block_weights=np.array(self.block_weights, dtype=np.float32),
            coef=self.coef.astype(np.float32),
            intercept=self.intercept.astype(np.float32),
            temperature=np.array(self.temperature, dtype=np.float32),
            labels=np.array(LABELS, dtype=str),
            rule_features=np.array(RULE_FEATURES, dtype=str),
            fit_params=np.array(self.fit_params),
        )

    @classmethod
    def from_bytes(cls, data: bytes) -> LabellerModel:
        arrays = np.load(BytesIO(data), allow_pickle=False)
        if tuple(str(x) for x in arrays["labels"]) != LABELS or tuple(
            str(x) for x in arrays["rule_features"]
        ) != RULE_FEATURES:
            raise ConfigError("The labeller's model file does not match this code; refit it (python -m bot.nlp.fit).")
        weights = tuple(float(w) for w in arrays["block_weights"])
        return cls(
            version=str(arrays["version"]),
            vocabulary=NgramVocabulary([str(t) for t in arrays["terms"]], arrays["idf"]),
            block_weights=(weights[0], weights[1], weights[2]),
            coef=arrays["coef"].astype(np.float32),
            intercept=arrays["intercept"].astype(np.float32),
            temperature=float(arrays["temperature"]),
            fit_params=str(arrays["fit_params"]),
        )


@cache
def load_model() -> LabellerModel:
    """The shipped model, loaded on first use; refuses a file fitted for another labeller version."""
    try:
        data = resources.files("bot.nlp").joinpath("data", MODEL_FILE).read_bytes()
    except FileNotFoundError as exc:
        raise ConfigError("The labeller's model file is missing; reinstall briefbot.") from exc
    model = LabellerModel.from_bytes(data)
    if model.version != LABELLER_VERSION:
        raise ConfigError(
            f"The labeller's model file is for version {model.version}, the code is {LABELLER_VERSION}; "
            "refit it (python -m bot.nlp.fit)."
        )
    return model


# Sentences are embedded a few at a time: their lengths vary more than chunks', and on this 2-core machine
# batches of 32 padded to their longest sentence ran 2-4 times slower per sentence than batches of 4.
SENTENCE_BATCH = 4


def embed(texts: list[str]) -> Matrix:
    """Sentence embeddings from the corpus's model (sorted by length, padded per small batch)."""
    from bot.corpus.embeddings import get_encoder

    return get_encoder().encode(texts, SENTENCE_BATCH)


def label_texts(
    texts: Sequence[str], embeddings: Matrix | Sequence[Matrix | None] | None = None,
    model: LabellerModel | None = None,
) -> list[LabelResult]:
    """Label sentences in one batch. ``embeddings`` (one row per text, None where unknown) are used
    instead of embedding those sentences; the rest are embedded together in one model call."""
    return label_with_vectors(texts, embeddings, model)[0]


def label_with_vectors(
    texts: Sequence[str], embeddings: Matrix | Sequence[Matrix | None] | None = None,
    model: LabellerModel | None = None,
) -> tuple[list[LabelResult], Matrix]:
    """``label_texts``, also returning the sentence vectors used (given or computed), one row per text."""
    if not texts:
        return [], np.zeros((0, EMBEDDING_DIMENSIONS), np.float32)
    model = model or load_model()
    analyses = [analyse(t) for t in texts]
    # an empty sentence is embedded as a single space; it is labelled "empty" whatever the model says
    given = [None] * len(texts) if embeddings is None else list(embeddings)
    missing = [i for i, v in enumerate(given) if v is None]
    vectors = np.zeros((len(texts), EMBEDDING_DIMENSIONS), np.float32)
    if missing:
        vectors[missing] = embed([analyses[i].clean or " " for i in missing])
    for i, v in enumerate(given):
        if v is not None:
            vectors[i] = v
    embeddings = vectors
    grams = [ngrams(a.clean) for a in analyses]
    x = model.features(embeddings, grams, analyses)
    probs = model.probabilities(x)
    out: list[LabelResult] = []
    for row, analysis in enumerate(analyses):
        if not analysis.clean:
            out.append(LabelResult("fact", ("empty",)))
            continue
        label = LABELS[int(np.argmax(probs[row]))]
        start, end = x.indptr[row], x.indptr[row + 1]
        present = dict(zip(x.indices[start:end].tolist(), x.data[start:end].tolist(), strict=True))
        out.append(LabelResult(label, explain(model, present, label, analysis, grams[row])))
    return out, vectors


def explain(
    model: LabellerModel, present: dict[int, float], label: Label, analysis: RuleAnalysis, grams: list[str]
) -> tuple[str, ...]:
    """The cue family or the words that weighed most for ``label`` in this sentence, then a claim's speaker.

    ``present`` maps the sentence's non-zero feature columns to their values. A feature's weight for a
    label is its value times how much more its coefficient favours that label than the average label.
    Cue families are named as such (``hedge: "may"``); words are named after the label they argue for
    (``evaluative: "right"``); a word the vocabulary lacks is weighed by its character n-grams.
    """
    lean = model.leans[LABELS.index(label)]
    offset = EMBEDDING_DIMENSIONS
    index = model.vocabulary.index
    rules_at = offset + len(model.vocabulary.terms)

    def weight(col: int) -> float:
        value = present.get(col)
        return 0.0 if value is None else value * float(lean[col])

    candidates: list[tuple[float, str]] = []
    for i, name in enumerate(RULE_FEATURES):
        family = name.removeprefix("cue:")
        if family == name or family == "attribution" or family not in analysis.fired:
            continue
        w = weight(rules_at + i)
        if FAMILY_LABELS[family] == label or w > 0:
            candidates.append((w, f'{family.replace("_", " ")}: "{analysis.fired[family]}"'))
    by_word: dict[str, float] = {}
    for gram in set(grams):
        if gram.startswith("w:") and (col := index.get(gram)) is not None:
            by_word[gram[2:]] = by_word.get(gram[2:], 0.0) + weight(offset + col)
    # a word outside the vocabulary ("noncommittal") is still weighed, through its character n-grams
    for token in {g[2:] for g in grams if g.startswith("w:") and " " not in g and g not in index}:
        padded = f" {token} "
        total = by_word.get(token, 0.0)
        for n in (3, 4, 5):
            for i in range(max(0, len(padded) - n + 1)):
                col = index.get(f"c:{padded[i : i + n]}")
                if col is not None:
                    total += weight(offset + col)
        by_word[token] = total
    stopwords = cue_book().words["explanation_stopwords"]
    candidates.extend(
        (w, f'{WORD_FAMILY[label]}: "{word}"') for word, w in by_word.items()
        if w > 0 and not all(part in stopwords for part in word.split())
    )
    candidates.sort(key=lambda c: -c[0])
    cues = [c[1] for c in candidates[:2] if c[0] > 0] or [c[1] for c in candidates[:1]]
    if not cues:
        cues = [f"meaning: reads like other {label} sentences"]
    if label == "claim":
        who = analysis.fired.get("attribution")
        if who is None:
            from bot.nlp.attribution import attribution_in

            who = attribution_in(cue_book(), analysis.clean, analysis.clean.lower())
        if who:
            cues.append(f"attribution: {who}")
    return tuple(cues)
