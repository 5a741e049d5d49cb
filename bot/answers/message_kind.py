"""Messages told apart by meaning: chat from a story question (``small_talk.py``), a question about the bot from one
about the story (``bot_help.py``). Each is a logistic regression over one sentence embedding (the corpus's own
model), kept as plain numbers in a versioned JSON file, its threshold chosen on out-of-fold probabilities so that
taking a story question for the other kind costs a stated number of times more than the reverse."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt

from bot.answers.sentence_vectors import text_vector
from bot.corpus.embeddings import MODEL_ID

Classifier = TypeVar("Classifier", bound="MessageClassifier")
C_GRID = (0.3, 1.0, 3.0, 10.0, 30.0)  # regularisation tried, the best by out-of-fold log-loss kept


@dataclass(frozen=True)
class MessageClassifier:
    """A logistic regression over one unit-length sentence embedding, and its decision threshold."""

    model: str
    coef: list[float]
    intercept: float
    threshold: float

    def probabilities(self, vectors: npt.NDArray[np.floating[Any]]) -> npt.NDArray[np.float64]:
        """The chance each row of ``vectors`` (one embedding per row) is of the kind."""
        z = np.clip(vectors.astype(np.float64) @ np.asarray(self.coef) + self.intercept, -50.0, 50.0)
        return np.asarray(1.0 / (1.0 + np.exp(-z)), dtype=np.float64)

    def says(self, texts: Sequence[str]) -> list[bool]:
        """Which of these messages are of the kind."""
        if not texts:
            return []
        # each as typed, its "!" and "?" included (retrieval embeds a question without its closing marks)
        vectors = np.stack([text_vector(text, self.model) for text in texts])
        return [bool(p >= self.threshold) for p in self.probabilities(vectors)]

    @classmethod
    def load(cls: type[Classifier], path: Path, version: int, refit: str) -> Classifier:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.pop("version", None) != version or data.get("model") != MODEL_ID:
            raise ValueError(f"{path} was fitted for another version or model; refit: {refit}")
        data.pop("fitted_on", None)
        return cls(**data)

    def write(self, path: Path, version: int, fitted_on: dict[str, Any]) -> None:
        path.write_text(json.dumps({"version": version, **asdict(self), "fitted_on": fitted_on}) + "\n",
                        encoding="utf-8")


def story_messages(data_dir: Path) -> list[tuple[str, str]]:
    """(message, split) of every story question of the question set and every earlier message of its threads: the
    negatives both kinds are fitted against (its off-topic questions left out: declined anyway)."""
    from bot.answers.evaluate import load_questions

    return [(text, row.get("split", "dev")) for row in load_questions(data_dir / "questions.jsonl")
            if not row["topic"].startswith("offtopic") for text in [row["question"], *row.get("context", [])]]


Examples = tuple[list[str], list[int], list[str], list[str]]  # texts, labels (1 = of the kind), splits, sources


def written_examples(path: Path, kind: str) -> Examples:
    """The rows of a set written for one classifier (each with ``text``, ``kind`` and ``split``), labelled 1 when
    of ``kind``."""
    from bot.answers.evaluate import load_questions

    rows = load_questions(path)
    return ([r["text"] for r in rows], [int(r["kind"] == kind) for r in rows], [r["split"] for r in rows],
            [path.name] * len(rows))


def with_story_negatives(examples: Examples, data_dir: Path) -> Examples:
    """The examples and every story message of the question set (:func:`story_messages`) as a negative, but for a
    message the examples already label."""
    texts, labels, splits, sources = list(examples[0]), list(examples[1]), list(examples[2]), list(examples[3])
    labelled = set(texts)
    for text, split in story_messages(data_dir):
        if text not in labelled:
            texts.append(text)
            labels.append(0)
            splits.append(split)
            sources.append("questions.jsonl")
    return texts, labels, splits, sources


def least_cost_threshold(probabilities: Sequence[float], labels: Sequence[int], cost: float) -> float:
    """The threshold of least cost on out-of-fold probabilities, a negative taken for a positive counting
    ``cost`` times a positive missed; of equal costs, the middle one."""
    candidates = sorted({0.5, *(round(p, 4) for p in probabilities)})
    costs = []
    for t in candidates:
        taken = sum(1 for p, y in zip(probabilities, labels, strict=True) if p >= t and not y)
        missed = sum(1 for p, y in zip(probabilities, labels, strict=True) if p < t and y)
        costs.append(cost * taken + missed)
    best = min(costs)
    ties = [t for t, c in zip(candidates, costs, strict=True) if c == best]
    return ties[len(ties) // 2]


@dataclass(frozen=True)
class Fitted:
    """A fit's outcome: the classifier (on all development rows), its C, every row's vector and the
    development rows' out-of-fold probabilities, for the report."""

    classifier: MessageClassifier
    c: float
    vectors: npt.NDArray[np.float64]
    out_of_fold: npt.NDArray[np.float64]


def fit_classifier(texts: Sequence[str], labels: Sequence[int], dev: Sequence[bool], cost: float) -> Fitted:
    """Fit on the development rows only (``dev``), C and threshold chosen out of fold (5 folds)."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold

    # one at a time, as a question is encoded when asked (the int8 model's output depends a little on the batch)
    vectors = np.asarray([text_vector(text, MODEL_ID) for text in texts])
    y = np.asarray(labels)
    mask = np.asarray(dev)
    best: tuple[float, float, Any] | None = None
    for c in C_GRID:
        oof = np.zeros(int(mask.sum()))
        for fit_idx, held in StratifiedKFold(n_splits=5, shuffle=True, random_state=0).split(vectors[mask], y[mask]):
            model = LogisticRegression(C=c, class_weight="balanced", max_iter=2000)
            model.fit(vectors[mask][fit_idx], y[mask][fit_idx])
            oof[held] = model.predict_proba(vectors[mask][held])[:, 1]
        loss = -float(np.mean(y[mask] * np.log(oof + 1e-9) + (1 - y[mask]) * np.log(1 - oof + 1e-9)))
        print(f"C={c}: out-of-fold log-loss {loss:.4f}")
        if best is None or loss < best[0]:
            best = (loss, c, oof)
    assert best is not None
    _, c, oof = best
    threshold = least_cost_threshold(oof.tolist(), y[mask].tolist(), cost)
    final = LogisticRegression(C=c, class_weight="balanced", max_iter=2000).fit(vectors[mask], y[mask])
    classifier = MessageClassifier(MODEL_ID, [round(float(v), 6) for v in final.coef_[0]],
                                   round(float(final.intercept_[0]), 6), round(threshold, 4))
    return Fitted(classifier, c, vectors, oof)


def report(fitted: Fitted, texts: Sequence[str], labels: Sequence[int], dev: Sequence[bool],
           kind: str, notes: Sequence[str] = ()) -> None:
    """Print how the development rows (out of fold) and the frozen ones fared, with each mistake."""
    y, mask = np.asarray(labels), np.asarray(dev)
    predicted = fitted.classifier.probabilities(fitted.vectors) >= fitted.classifier.threshold
    for part, rows in (("development, out of fold", mask), ("frozen test", ~mask)):
        chosen = fitted.out_of_fold >= fitted.classifier.threshold if rows is mask else predicted[rows]
        truth = y[rows]
        where = np.asarray(notes)[rows] if notes else [""] * int(rows.sum())
        print(f"{part}: {kind} caught {int((chosen & (truth == 1)).sum())}/{int(truth.sum())}, "
              f"others taken for it {int((chosen & (truth == 0)).sum())}/{int((truth == 0).sum())}")
        for text, said, gold, note in zip(np.asarray(texts)[rows], chosen, truth, where, strict=True):
            if said != gold:
                print(f"    {'missed' if gold else 'taken for ' + kind}{f' ({note})' if note else ''}: {text}")
