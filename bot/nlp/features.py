"""What the learned labeller sees of a sentence: its static embedding, its word and character n-grams, its cues.

Three blocks, each scaled by a weight chosen in cross-validation:

* a static sentence embedding from the model the corpus already uses (:mod:`bot.corpus.embeddings`):
  the mean of its word pieces' vectors, each piece's vector being what the model outputs for that piece
  alone, weighted down for frequent pieces (smooth inverse frequency). Meaning without running the
  transformer per sentence: the fitted model folds this block into a score per word piece, so labelling
  a sentence is a table look-up (well under a millisecond instead of 10-40 ms of model run);
* word 1-2-grams and character 3-5-grams inside words, tf-idf weighted over a vocabulary fixed at fitting
  time (so "right", "noncommittal", "signaling" weigh what the data says they weigh);
* the cue rules (:mod:`bot.nlp.rules`): one indicator per cue family that fired, and the decision
  list's own vote.

The n-gram featuriser is written out here rather than pickled from scikit-learn, so the fitted
vocabulary and weights are plain arrays in a small ``.npz`` file.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
import numpy.typing as npt
from scipy import sparse

from bot.nlp.labelset import LABELS
from bot.nlp.rules import FAMILIES, RuleAnalysis

__all__ = ["LABELS", "NgramVocabulary", "Pieces", "char_grams", "ngrams", "rule_vector", "rule_vectors", "word_pieces"]

# The sentence's shape: what lower-cased n-grams cannot see. Names and figures mark reporting; a short
# line with neither often is a verdict.
SHAPE_FEATURES: tuple[str, ...] = ("shape:names", "shape:figures", "shape:length", "shape:past", "shape:exclaim")
RULE_FEATURES: tuple[str, ...] = (
    *(f"cue:{f}" for f in FAMILIES), *(f"rule:{label}" for label in LABELS), *SHAPE_FEATURES
)
_WORDS = re.compile(r"[A-Za-z][\w’'-]*|\d[\d,.]*")

WORD_TOKEN = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")  # the words of a lower-cased sentence
Matrix = npt.NDArray[np.float32]

if TYPE_CHECKING:
    from tokenizers import Tokenizer


class Pieces(NamedTuple):
    """A sentence's word pieces (the embedding model's tokens, without [CLS]/[SEP]) and their character spans."""

    ids: list[int]
    offsets: list[tuple[int, int]]


@cache
def _tokenizer() -> Tokenizer:
    from tokenizers import Tokenizer

    from bot.corpus.embeddings import MAX_TOKENS, locate_model_files

    tokenizer = Tokenizer.from_file(str(locate_model_files().tokenizer))
    tokenizer.enable_truncation(max_length=MAX_TOKENS)
    tokenizer.no_padding()
    return tokenizer


def word_pieces(texts: Sequence[str]) -> list[Pieces]:
    """The embedding model's word pieces of each text, as it would read them (truncated alike)."""
    if not texts:
        return []
    out = []
    for enc in _tokenizer().encode_batch(list(texts), add_special_tokens=True):
        out.append(Pieces(list(enc.ids[1:-1]), list(enc.offsets[1:-1])))
    return out


def ngrams(clean: str) -> list[str]:
    """Word 1-2-grams (``w:``) and character 3-5-grams inside padded words (``c:``) of a cleaned sentence."""
    tokens = [t.replace("’", "'") for t in WORD_TOKEN.findall(clean.lower())]
    out = [f"w:{t}" for t in tokens]
    out.extend(f"w:{a} {b}" for a, b in pairwise(tokens))
    for token in tokens:
        out.extend(char_grams(token))
    return out


@lru_cache(maxsize=1 << 16)
def char_grams(token: str) -> tuple[str, ...]:
    """A word's character 3-5-grams (``c:``), the word padded with a space each side (words recur: cached)."""
    padded = f" {token} "
    return tuple(f"c:{padded[i : i + n]}" for n in (3, 4, 5) for i in range(max(0, len(padded) - n + 1)))


class NgramVocabulary:
    """A fixed n-gram vocabulary with idf weights: sublinear tf × idf, L2-normalised rows."""

    def __init__(self, terms: Sequence[str], idf: npt.NDArray[np.float32]) -> None:
        self.terms = list(terms)
        self.idf = np.asarray(idf, dtype=np.float32)
        # term -> (column, idf) as plain Python values: the per-sentence loop stays out of numpy scalars
        self.index = {t: i for i, t in enumerate(self.terms)}
        self._lookup = {t: (i, float(w)) for i, (t, w) in enumerate(zip(self.terms, self.idf.tolist(), strict=True))}

    @classmethod
    def fit(cls, docs: Iterable[list[str]], min_df: int = 2, max_terms: int = 12000) -> NgramVocabulary:
        """Keep the ``max_terms`` n-grams found in most documents (at least ``min_df``); smooth idf as
        scikit-learn does."""
        df: Counter[str] = Counter()
        n = 0
        for doc in docs:
            df.update(set(doc))
            n += 1
        frequent = sorted((t for t, c in df.items() if c >= min_df), key=lambda t: (-df[t], t))[:max_terms]
        terms = sorted(frequent)
        idf = np.array([math.log((1 + n) / (1 + df[t])) + 1 for t in terms], dtype=np.float32)
        return cls(terms, idf)

    def row(self, doc: list[str]) -> tuple[list[int], list[float]]:
        """One document's tf-idf row: its columns and values (plain lists, cheap for a single sentence)."""
        lookup = self._lookup
        log = math.log
        found = [(lookup[t], c) for t, c in Counter(doc).items() if t in lookup]
        values = [(1.0 + log(c)) * w if c > 1 else w for (_, w), c in found]
        norm = math.sqrt(sum(v * v for v in values)) or 1.0
        return [col for (col, _), _ in found], [v / norm for v in values]

    def transform(self, docs: Sequence[list[str]]) -> sparse.csr_matrix:
        """Sparse tf-idf rows."""
        data: list[float] = []
        cols: list[int] = []
        indptr = [0]
        for doc in docs:
            row_cols, row_values = self.row(doc)
            cols.extend(row_cols)
            data.extend(row_values)
            indptr.append(len(cols))
        return sparse.csr_matrix(
            (np.array(data, dtype=np.float32), np.array(cols, dtype=np.int64), np.array(indptr, dtype=np.int64)),
            shape=(len(docs), len(self.terms)),
        )


def rule_vector(analysis: RuleAnalysis) -> Matrix:
    """Indicators: each cue family that fired, then the decision list's label."""
    vec = np.zeros(len(RULE_FEATURES), dtype=np.float32)
    for i, family in enumerate(FAMILIES):
        if family in analysis.fired:
            vec[i] = 1.0
    vec[len(FAMILIES) + LABELS.index(analysis.label)] = 1.0
    vec[len(FAMILIES) + len(LABELS) :] = shape(analysis.clean)
    return vec


def shape(clean: str) -> list[float]:
    """Share of capitalised words after the first, figures (up to 3), length (up to 40 words), share of
    past-tense-looking words, an exclamation."""
    words = _WORDS.findall(clean)
    if not words:
        return [0.0] * len(SHAPE_FEATURES)
    rest = words[1:]
    names = sum(w[0].isupper() for w in rest) / len(rest) if rest else 0.0
    figures = min(sum(w[0].isdigit() for w in words), 3) / 3
    past = sum(w.lower().endswith("ed") for w in words) / len(words)
    return [names, figures, min(len(words), 40) / 40, past, float("!" in clean)]


def rule_vectors(analyses: Sequence[RuleAnalysis]) -> Matrix:
    if not analyses:
        return np.zeros((0, len(RULE_FEATURES)), dtype=np.float32)
    return np.stack([rule_vector(a) for a in analyses])
