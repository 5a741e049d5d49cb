"""Questions asking whom the order covered ("who got cut off?", "were americans affected?", "was it global?"),
told apart by meaning, so the answer shows where sources disagree on the shutdown's scope.

Sources disagree on it (foreign nationals only, or every user worldwide), and the answer shows that dispute only
when the question asks about it. The word rules of :data:`bot.answers.asked.ASKS_FOR_KIND` catch the question put
as a choice ("everyone or just foreigners?") and a few fixed forms; on questions written apart from them they
caught 7 of 25 ("who lost access to fable", "was it a global shutdown", "did it affect people in the us" were
missed). So a logistic regression over the question's sentence embedding (the corpus's own model) says whether a
question asks it, and the dispute is shown when either says so. It is fitted by ``python -m
bot.answers.scope_asked`` on ``tests/data/scope_questions.jsonl`` (questions asking whom the order covered, and
questions sharing their words that ask something else: when access came back, whether foreigners can use it
now, which models were covered) with the question set's development part as further negatives; the threshold is
chosen on out-of-fold probabilities, counting another question taken for one about the scope as
:data:`MISTAKE_COST` times worse than the reverse. Parameters live in ``scope_asked.json``, versioned; the frozen
rows are reported by the fit, never fitted on.
"""

from __future__ import annotations

import argparse
from functools import cache
from pathlib import Path

from bot.answers.message_kind import MessageClassifier, fit_classifier, report, story_messages

PARAMETERS = Path(__file__).with_name("scope_asked.json")
VERSION = 1
# another question taken for one about the scope shows a real dispute it did not ask about; a scope question missed
# hides one it did: about as bad (at 3, out of fold, 34 of the 71 development scope questions were caught and 1 of
# 1,784 others taken; at 1, 54 and 13)
MISTAKE_COST = 1.0


class ScopeAskedModel(MessageClassifier):
    """Questions about whom the order covered, told apart from other story questions."""

    def asks_scope(self, question: str) -> bool:
        return self.says([question])[0]


@cache
def load_model(path: Path = PARAMETERS) -> ScopeAskedModel:
    return ScopeAskedModel.load(path, VERSION, "python -m bot.answers.scope_asked")


def kinds_asked(question: str) -> frozenset[str]:
    """The kinds of disputed value a question asks for by meaning (see
    :func:`bot.answers.disputes.fact_conflicts`): "scope" when it asks whom the order covered."""
    return frozenset({"scope"}) if load_model().asks_scope(question) else frozenset()


def _examples(data_dir: Path) -> tuple[list[str], list[int], list[str], list[str]]:
    """(texts, labels: 1 = asks the scope, splits, sources): the written set, then the question set's questions
    (a question of the set that the written set also holds keeps the written label)."""
    from bot.answers.evaluate import load_questions

    texts: list[str] = []
    labels: list[int] = []
    splits: list[str] = []
    sources: list[str] = []
    for row in load_questions(data_dir / "scope_questions.jsonl"):
        texts.append(row["text"])
        labels.append(int(row["kind"] == "scope"))
        splits.append(row["split"])
        sources.append("scope_questions.jsonl")
    written = set(texts)
    for text, split in story_messages(data_dir):
        if text not in written:
            texts.append(text)
            labels.append(0)
            splits.append(split)
            sources.append("questions.jsonl")
    return texts, labels, splits, sources


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Fit the scope-question model (see bot/answers/scope_asked.py).")
    parser.add_argument("--data-dir", type=Path, default=Path(__file__).resolve().parents[2] / "tests" / "data")
    parser.add_argument("--out", type=Path, default=PARAMETERS)
    args = parser.parse_args(argv)
    texts, labels, splits, sources = _examples(args.data_dir)
    dev = [s == "dev" for s in splits]
    fitted = fit_classifier(texts, labels, dev, MISTAKE_COST)
    asked = sum(y for y, d in zip(labels, dev, strict=True) if d)
    fitted.classifier.write(args.out, VERSION, {"C": fitted.c, "scope": asked, "other": sum(dev) - asked})
    print(f"C={fitted.c}, threshold {fitted.classifier.threshold:.3f}; wrote {args.out}")
    report(fitted, texts, labels, dev, "a scope question", sources)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
