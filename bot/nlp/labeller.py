"""The decision: a small calibrated linear model over the sentence's static embedding, n-grams and cues.

Fitted by ``python -m bot.nlp.fit`` on the hand-labelled sentences in ``tests/data`` and stored as plain
arrays in ``bot/nlp/data/labeller.npz`` (no pickle). The explanation shown with a label is the cue
family or the words that weighed most for it, for example ``evaluative: "right"`` or
``hedge: "may"``, plus the speaker of a claim.

Labelling runs no model: the static embedding is folded into a score per word piece (see
:class:`LabellerModel`), so a sentence costs about a millisecond (``bench/labeller_speed.py``).

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

from bot.errors import ConfigError
from bot.nlp.cues import clean_text, cue_book
from bot.nlp.features import (
    RULE_FEATURES,
    WORD_TOKEN,
    NgramVocabulary,
    Pieces,
    char_grams,
    ngrams,
    rule_vector,
    word_pieces,
)
from bot.nlp.labelset import LABELS, Label, LabelResult
from bot.nlp.rules import FAMILY_LABELS, RuleAnalysis, analyse

__all__ = ["LABELLER_VERSION", "Evidence", "LabellerModel", "evidence", "explain", "label_texts", "label_with_vectors",
           "load_model"]

LABELLER_VERSION = "learned-3"
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


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the model reads of one sentence, computed once for the decision and its explanation."""

    analysis: RuleAnalysis
    grams: list[str]
    gram_cols: list[int]  # tf-idf row of the n-grams: columns of the vocabulary
    gram_values: list[float]
    rules: Matrix  # the rule block (RULE_FEATURES)
    pieces: Pieces  # the embedding model's word pieces


def evidence(texts: Sequence[str], vocabulary: NgramVocabulary) -> list[Evidence]:
    analyses = [analyse(t) for t in texts]
    pieces = word_pieces([a.clean for a in analyses])
    out = []
    for analysis, piece in zip(analyses, pieces, strict=True):
        grams = ngrams(analysis.clean)
        cols, values = vocabulary.row(grams)
        out.append(Evidence(analysis, grams, cols, values, rule_vector(analysis), piece))
    return out


@dataclass(frozen=True)
class LabellerModel:
    """Fitted parameters: n-gram vocabulary, block weights, the linear model's coefficients.

    The static-embedding block is stored folded: ``piece_scores[p]`` is what word piece ``p`` adds to
    each label's logit when it makes up the whole sentence (block weight × piece weight × coefficients ·
    the piece's vector); a sentence's embedding contribution is the mean over its pieces. Exactly the
    linear model that was fitted, without a 384-wide table or a model run at labelling time.
    """

    version: str
    vocabulary: NgramVocabulary
    block_weights: tuple[float, float, float]  # embedding, n-grams, rules
    coef: Matrix  # (labels, n-gram + rule features)
    intercept: Matrix  # (labels,)
    piece_scores: Matrix  # (vocabulary pieces, labels)
    temperature: float = 1.0
    fit_params: str = ""  # the fitting settings as JSON, so an evaluation can refit the same way

    @cached_property
    def _coef_t(self) -> Matrix:
        coef_t: Matrix = np.ascontiguousarray(self.coef.T)
        return coef_t

    @cached_property
    def leans(self) -> Matrix:
        """How much more each n-gram or rule feature's coefficient favours each label than the average label."""
        lean: Matrix = (self.coef - self.coef.mean(axis=0)).astype(np.float32)
        return lean

    def word_columns(self, word: str) -> tuple[int, ...]:
        """The vocabulary columns of a word's character n-grams (cached per word)."""
        cols = self._word_columns.get(word)
        if cols is None:
            index = self.vocabulary.index
            found = (index.get(g) for g in char_grams(word))
            cols = tuple(c for c in found if c is not None)
            if len(self._word_columns) < 1 << 16:
                self._word_columns[word] = cols
        return cols

    @cached_property
    def _word_columns(self) -> dict[str, tuple[int, ...]]:
        return {}

    @cached_property
    def piece_leans(self) -> Matrix:
        """The same for each word piece's embedding score: (labels, pieces)."""
        lean: Matrix = np.ascontiguousarray((self.piece_scores - self.piece_scores.mean(axis=1, keepdims=True)).T)
        return lean

    def logits(self, ev: Evidence) -> Matrix:
        """One sentence's logits (before the temperature): three blocks, no sparse matrices."""
        grams_at = len(self.vocabulary.terms)
        _, gram_w, rule_w = self.block_weights
        out: Matrix = self.intercept.copy()
        if ev.pieces.ids:
            out += self.piece_scores[ev.pieces.ids].mean(axis=0)
        if ev.gram_cols:
            out += gram_w * (np.asarray(ev.gram_values, np.float32) @ self._coef_t[ev.gram_cols])
        out += rule_w * (ev.rules @ self._coef_t[grams_at:])
        return out

    def probabilities(self, evidences: Sequence[Evidence]) -> Matrix:
        if not evidences:
            return np.zeros((0, len(LABELS)), np.float32)
        logits = np.stack([self.logits(ev) for ev in evidences]) / self.temperature
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
            piece_scores=self.piece_scores.astype(np.float32),
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
        ) != RULE_FEATURES or "piece_scores" not in arrays:
            raise ConfigError("The labeller's model file does not match this code; refit it (python -m bot.nlp.fit).")
        weights = tuple(float(w) for w in arrays["block_weights"])
        return cls(
            version=str(arrays["version"]),
            vocabulary=NgramVocabulary([str(t) for t in arrays["terms"]], arrays["idf"]),
            block_weights=(weights[0], weights[1], weights[2]),
            coef=arrays["coef"].astype(np.float32),
            intercept=arrays["intercept"].astype(np.float32),
            piece_scores=arrays["piece_scores"].astype(np.float32),
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
    """Label sentences in one batch. The labels do not read sentence vectors (the model's meaning block is
    a static embedding, see :mod:`bot.nlp.features`), so ``embeddings`` are accepted and ignored here."""
    if not texts:
        return []
    model = model or load_model()
    evidences = evidence(texts, model.vocabulary)
    probs = model.probabilities(evidences)
    out: list[LabelResult] = []
    for row, ev in enumerate(evidences):
        if not ev.analysis.clean:
            out.append(LabelResult("fact", ("empty",)))
            continue
        label = LABELS[int(np.argmax(probs[row]))]
        out.append(LabelResult(label, explain(model, ev, label)))
    return out


def label_with_vectors(
    texts: Sequence[str], embeddings: Matrix | Sequence[Matrix | None] | None = None,
    model: LabellerModel | None = None,
) -> tuple[list[LabelResult], Matrix]:
    """``label_texts``, also returning a sentence vector per text: the given one, or (where None) the sentence
    embedded now. Ingestion keeps these vectors beside the labels (pooled from its chunks at no extra cost);
    the labels themselves do not depend on them."""
    if not texts:
        return [], np.zeros((0, EMBEDDING_DIMENSIONS), np.float32)
    given = [None] * len(texts) if embeddings is None else list(embeddings)
    missing = [i for i, v in enumerate(given) if v is None]
    vectors = np.zeros((len(texts), EMBEDDING_DIMENSIONS), np.float32)
    if missing:
        vectors[missing] = embed([clean_text(texts[i]) or " " for i in missing])
    for i, v in enumerate(given):
        if v is not None:
            vectors[i] = v
    return label_texts(texts, None, model), vectors


def explain(model: LabellerModel, ev: Evidence, label: Label) -> tuple[str, ...]:
    """The cue family or the words that weighed most for ``label`` in this sentence, then a claim's speaker.

    A feature's weight for a label is its value times how much more its coefficient favours that label
    than the average label. Cue families are named as such (``hedge: "may"``); words are named after the
    label they argue for (``evaluative: "right"``). A word weighs through its own n-gram column (a word the
    vocabulary lacks, "noncommittal", through its character n-grams) and its word pieces' share of the
    static embedding.
    """
    k = LABELS.index(label)
    lean = model.leans[k]
    analysis = ev.analysis
    grams_at = len(model.vocabulary.terms)
    _, gram_w, rule_w = model.block_weights
    # each present n-gram column's weight for the label, computed at once
    weights = (gram_w * np.asarray(ev.gram_values, np.float32) * lean[ev.gram_cols]).tolist() if ev.gram_cols else []
    col_weight = dict(zip(ev.gram_cols, weights, strict=True))

    candidates: list[tuple[float, str]] = []
    for i, name in enumerate(RULE_FEATURES):
        family = name.removeprefix("cue:")
        if family == name or family == "attribution" or family not in analysis.fired:
            continue
        w = rule_w * float(ev.rules[i]) * float(lean[grams_at + i])
        if FAMILY_LABELS[family] == label or w > 0:
            candidates.append((w, f'{family.replace("_", " ")}: "{analysis.fired[family]}"'))
    index = model.vocabulary.index
    by_word: dict[str, float] = {}
    for gram in ev.grams:
        if gram.startswith("w:") and gram[2:] not in by_word:
            word = gram[2:]
            col = index.get(gram)
            if col is not None:  # a word (or word pair) in the vocabulary weighs through its own column
                by_word[word] = col_weight.get(col, 0.0)
            elif " " not in word:  # a word outside it through its character n-grams ("noncommittal")
                by_word[word] = sum(col_weight.get(c, 0.0) for c in model.word_columns(word))
    for word, w in _piece_weights(model, ev, k).items():
        by_word[word] = by_word.get(word, 0.0) + w
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


def _piece_weights(model: LabellerModel, ev: Evidence, k: int) -> dict[str, float]:
    """Each word's share of the static embedding's lean towards label ``k`` (its pieces' scores / pieces)."""
    ids = ev.pieces.ids
    if not ids:
        return {}
    lowered = ev.analysis.clean.lower()
    if len(lowered) != len(ev.analysis.clean):  # offsets would not line up with the words
        return {}
    leans = model.piece_leans[k][ids] / len(ids)
    out: dict[str, float] = {}
    spans = [(m.start(), m.end(), m.group(0).replace("’", "'")) for m in WORD_TOKEN.finditer(lowered)]
    at = 0
    for (start, _), w in zip(ev.pieces.offsets, leans.tolist(), strict=True):
        while at < len(spans) and spans[at][1] <= start:
            at += 1
        if at < len(spans) and spans[at][0] <= start:
            word = spans[at][2]
            out[word] = out.get(word, 0.0) + w
    return out
