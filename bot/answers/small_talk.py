"""Chat that is not a question about the story ("hi", "thanks!", "are you a bot", "lol"): told apart by
meaning, so it gets a short reply saying what the bot is for instead of a sentence retrieved for it.

Without this, "good morning!" was answered with whatever sentence lay nearest, and "good morning! when was
the ban lifted" carried the greeting into the question. A message, or one part of a message of several, is
small talk when a logistic regression over its sentence embedding (the corpus's own model, all-MiniLM-L6-v2)
says so. It is fitted by ``python -m bot.answers.small_talk`` on ``tests/data/small_talk.jsonl`` (chat and
short story messages, written for it) and the question set's development part; the threshold is chosen on
out-of-fold probabilities, counting a story question taken for chat as :data:`MISTAKE_COST` times worse
than chat answered as a question. Parameters live in ``small_talk.json``, versioned; the frozen parts are
reported by the fit, never fitted on.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from bot.answers.sentence_vectors import text_vector
from bot.corpus.embeddings import MODEL_ID

PARAMETERS = Path(__file__).with_name("small_talk.json")
VERSION = 1
MISTAKE_COST = 5.0  # a question taken for chat loses its answer; chat taken for one gets an odd answer
REPLY = ("I only answer questions about the U.S. export-control order that took Anthropic's Fable 5 and Mythos 5 "
         "offline and what followed: try “when was the ban lifted?”.")
THANKS_REPLY = "You're welcome! Ask me anything else about the Fable 5 / Mythos 5 export-control story."
# a message that only thanks ("thanks!", "thx", "ty so much", "cheers") gets a reply in kind
_THANKS = re.compile(r"^\W*(?:(?:ok(?:ay)?|great|cool|nice|perfect|awesome)\W+)?(?:thanks?|thank\s*(?:you|u)|thx|tx|"
                     r"ty|tysm|cheers|much appreciated|appreciate (?:it|that))(?:\W+(?:so much|a lot|a ton|again|"
                     r"bot|mate|man|dude))*\W*$", re.IGNORECASE)


# a message that only asks to go on ("tell me more", "keep going", "and?"): in a thread a follow-up; as a first
# message there is nothing to go on from, so it is told what the bot is for
_GO_ON = re.compile(r"^\W*(?:(?:ok(?:ay)?|so|and|pls|please)\W+)*(?:tell me more|more|go on|keep going|continue|"
                    r"and then|and|what else|anything else|more pls|more please|elaborate|explain more|"
                    r"say more)(?:\W+(?:pls|please|then))?\W*$", re.IGNORECASE)


def asks_to_go_on(message: str) -> bool:
    """Whether a message only asks to continue (see ``_GO_ON``)."""
    return bool(_GO_ON.match(message))


def reply(message: str) -> str:
    """What small talk gets: thanks in kind, anything else what the bot is for."""
    return THANKS_REPLY if _THANKS.match(message) else REPLY


@dataclass(frozen=True)
class SmallTalkModel:
    """A logistic regression over one unit-length sentence embedding, and its decision threshold."""

    model: str
    coef: list[float]
    intercept: float
    threshold: float

    def probabilities(self, vectors: npt.NDArray[np.float32]) -> npt.NDArray[np.float64]:
        """The chance each row of ``vectors`` (one embedding per row) is chat."""
        z = np.clip(vectors.astype(np.float64) @ np.asarray(self.coef) + self.intercept, -50.0, 50.0)
        return np.asarray(1.0 / (1.0 + np.exp(-z)), dtype=np.float64)

    def is_small_talk(self, texts: Sequence[str]) -> list[bool]:
        """Which of these messages (or parts) are chat, not questions about the story."""
        if not texts:
            return []
        # each as typed, its "!" and "?" included (retrieval embeds a question without its closing marks)
        vectors = np.stack([text_vector(text, self.model) for text in texts])
        return [bool(p >= self.threshold) for p in self.probabilities(vectors)]

    def to_json(self) -> dict[str, Any]:
        return {"version": VERSION, **asdict(self)}


@cache
def load_model(path: Path = PARAMETERS) -> SmallTalkModel:
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.pop("version", None) != VERSION or data.get("model") != MODEL_ID:
        raise ValueError(f"{path} was fitted for another version or model; refit: python -m bot.answers.small_talk")
    data.pop("fitted_on", None)
    return SmallTalkModel(**data)


def _examples(data_dir: Path) -> tuple[list[str], list[int], list[str], list[str]]:
    """(texts, labels: 1 = chat, splits, sources) from the small-talk file and the question set."""
    from bot.answers.evaluate import load_questions

    texts: list[str] = []
    labels: list[int] = []
    splits: list[str] = []
    sources: list[str] = []
    for row in load_questions(data_dir / "small_talk.jsonl"):
        texts.append(row["text"])
        labels.append(int(row["kind"] == "small_talk"))
        splits.append(row["split"])
        sources.append("small_talk.jsonl")
    for row in load_questions(data_dir / "questions.jsonl"):
        if row["topic"].startswith("offtopic"):  # not about the story, but not chat either: declined anyway
            continue
        for text in [row["question"], *row.get("context", [])]:
            texts.append(text)
            labels.append(0)
            splits.append(row.get("split", "dev"))
            sources.append("questions.jsonl")
    return texts, labels, splits, sources


def _threshold(probabilities: Sequence[float], labels: Sequence[int]) -> float:
    """The threshold of least cost on out-of-fold probabilities (see :data:`MISTAKE_COST`); of equal
    costs, the middle one."""
    candidates = sorted({0.5, *(round(p, 4) for p in probabilities)})
    costs = []
    for t in candidates:
        taken = sum(1 for p, y in zip(probabilities, labels, strict=True) if p >= t and not y)
        missed = sum(1 for p, y in zip(probabilities, labels, strict=True) if p < t and y)
        costs.append(MISTAKE_COST * taken + missed)
    best = min(costs)
    ties = [t for t, c in zip(candidates, costs, strict=True) if c == best]
    return ties[len(ties) // 2]


def main(argv: list[str] | None = None) -> int:
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold

    parser = argparse.ArgumentParser(description="Fit the small-talk model (see bot/answers/small_talk.py).")
    parser.add_argument("--data-dir", type=Path, default=Path(__file__).resolve().parents[2] / "tests" / "data")
    parser.add_argument("--out", type=Path, default=PARAMETERS)
    args = parser.parse_args(argv)
    texts, labels, splits, sources = _examples(args.data_dir)
    # one at a time, as a question is encoded when asked (the int8 model's output depends a little on the batch)
    vectors = np.asarray([text_vector(text, MODEL_ID) for text in texts])
    y = np.asarray(labels)
    dev = np.asarray([s == "dev" for s in splits])
    best: tuple[float, float, Any] | None = None
    for c in (0.3, 1.0, 3.0, 10.0, 30.0):
        oof = np.zeros(int(dev.sum()))
        folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
        for fit_idx, held in folds.split(vectors[dev], y[dev]):
            model = LogisticRegression(C=c, class_weight="balanced", max_iter=2000)
            model.fit(vectors[dev][fit_idx], y[dev][fit_idx])
            oof[held] = model.predict_proba(vectors[dev][held])[:, 1]
        loss = -float(np.mean(y[dev] * np.log(oof + 1e-9) + (1 - y[dev]) * np.log(1 - oof + 1e-9)))
        print(f"C={c}: out-of-fold log-loss {loss:.4f}")
        if best is None or loss < best[0]:
            best = (loss, c, oof)
    assert best is not None
    _, c, oof = best
    threshold = _threshold(oof.tolist(), y[dev].tolist())
    final = LogisticRegression(C=c, class_weight="balanced", max_iter=2000).fit(vectors[dev], y[dev])
    fitted = SmallTalkModel(MODEL_ID, [round(float(v), 6) for v in final.coef_[0]],
                            round(float(final.intercept_[0]), 6), round(threshold, 4))
    args.out.write_text(json.dumps({**fitted.to_json(), "fitted_on": {
        "C": c, "chat": int(y[dev].sum()), "story": int((1 - y[dev]).sum())}}) + "\n", encoding="utf-8")
    print(f"C={c}, threshold {threshold:.3f}; wrote {args.out}")
    predicted = fitted.probabilities(vectors) >= threshold
    for part, mask in (("development, out of fold", dev), ("frozen test", ~dev)):
        chosen = predicted[mask] if part.startswith("frozen") else oof >= threshold
        truth = y[mask]
        print(f"{part}: chat caught {int((chosen & (truth == 1)).sum())}/{int(truth.sum())}, "
              f"story messages taken for chat {int((chosen & (truth == 0)).sum())}/{int((truth == 0).sum())}")
        for text, said, gold, source in zip(np.asarray(texts)[mask], chosen, truth, np.asarray(sources)[mask],
                                            strict=True):
            if said != gold:
                print(f"    {'chat missed' if gold else 'taken for chat'} ({source}): {text}")
    unseen = args.data_dir / "offtopic_questions.jsonl"
    if unseen.is_file():  # written in an earlier session, never fitted on: chat caught, other off-topic flagged
        from bot.answers.evaluate import load_questions

        rows = load_questions(unseen)
        said = fitted.is_small_talk([r["question"] for r in rows])
        chat = [s for r, s in zip(rows, said, strict=True) if r["domain"] == "chitchat"]
        other = [s for r, s in zip(rows, said, strict=True) if r["domain"] != "chitchat"]
        print(f"{unseen.name} (never fitted on): chat caught {sum(chat)}/{len(chat)}; "
              f"other off-topic questions taken for chat {sum(other)}/{len(other)}")
        for r, s in zip(rows, said, strict=True):
            if s != (r["domain"] == "chitchat"):
                print(f"    {'chat missed' if not s else 'taken for chat'} ({r['domain']}): {r['question']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
