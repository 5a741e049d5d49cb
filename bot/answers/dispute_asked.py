"""Questions asking about a disputed point of the order, told apart by meaning: whom it covered ("who got cut off?",
"was it global?"), what set it off ("what made the white house act?") and how much notice Anthropic got ("how
quickly did they have to pull it after the letter?").

Sources disagree on all three (foreign nationals only or every user worldwide; Amazon's research, the NSA or a
China-linked group; 90 minutes or 48 hours), and an answer shows such a dispute only when the question asks about
it. The word rules (:data:`bot.answers.asked.ASKS_FOR_KIND`, :mod:`bot.answers.events_asked`) catch a few fixed
forms; on questions written apart from them they caught 7 of 25 asking the scope ("who lost access to fable", "was
it a global shutdown" were missed), 8 of 15 asking the cause ("what made the white house act") and 5 of 15 asking
the notice ("was anthropic given a deadline"). So for each a logistic regression over the question's sentence
embedding (the corpus's own model) says whether a question asks it, and the dispute is shown when the rules or
the model say so. Each is fitted by ``python -m bot.answers.dispute_asked NAME`` on
``tests/data/NAME_questions.jsonl`` (questions asking it, and questions sharing their words that ask something
else) with the question set's development part as further negatives; the threshold is chosen on out-of-fold
probabilities, counting another question taken for one asking it as :data:`MISTAKE_COST` times worse than the
reverse. Parameters live in ``NAME_asked.json``, versioned; the frozen rows are reported by the fit, never fitted
on.
"""

from __future__ import annotations

import argparse
from functools import cache
from pathlib import Path

from bot.answers.message_kind import (
    Examples,
    MessageClassifier,
    fit_classifier,
    report,
    with_story_negatives,
    written_examples,
)
from bot.facts.read import BY_KEY, SCOPE, TRIGGER

# the disputed values asked by meaning, each by the name of its written set and model, and the story event whose
# value it is (a dispute over it is shown as "Sources disagree on <the event's reader>: …")
KINDS = {"scope": SCOPE, "cause": TRIGGER, "notice": BY_KEY["notice"]}
VERSION = 1
# another question taken for one of the kind shows a real dispute it did not ask about; a question of the kind
# missed hides one it did: about as bad (for the scope, at 3 out of fold 34 of the 71 development questions were
# caught and 1 of 1,784 others taken; at 1, 54 and 13)
MISTAKE_COST = 1.0
DATA = Path(__file__).resolve().parents[2] / "tests" / "data"


class KindAskedModel(MessageClassifier):
    """Questions asking one kind of value, told apart from other story questions."""

    def asks(self, question: str) -> bool:
        return self.says([question])[0]


def parameters(kind: str) -> Path:
    return Path(__file__).with_name(f"{kind}_asked.json")


@cache
def load_model(kind: str) -> KindAskedModel:
    return KindAskedModel.load(parameters(kind), VERSION, f"python -m bot.answers.dispute_asked {kind}")


def asked_by_meaning(question: str) -> frozenset[str]:
    """The story events whose disputed value a question asks for by meaning (see
    :func:`bot.answers.disputes.fact_conflicts`)."""
    return frozenset(event.key for kind, event in KINDS.items() if load_model(kind).asks(question))


def _examples(kind: str, data_dir: Path) -> Examples:
    """The written set, then the question set's questions as negatives (a question of the set that the written set
    also holds keeps the written label)."""
    return with_story_negatives(written_examples(data_dir / f"{kind}_questions.jsonl", kind), data_dir)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Fit a model telling questions that ask one disputed kind of "
                                                 "value (see bot/answers/dispute_asked.py).")
    parser.add_argument("kind", choices=sorted(KINDS))
    parser.add_argument("--data-dir", type=Path, default=DATA)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    texts, labels, splits, sources = _examples(args.kind, args.data_dir)
    dev = [s == "dev" for s in splits]
    fitted = fit_classifier(texts, labels, dev, MISTAKE_COST)
    asked = sum(y for y, d in zip(labels, dev, strict=True) if d)
    out = args.out or parameters(args.kind)
    fitted.classifier.write(out, VERSION, {"C": fitted.c, args.kind: asked, "other": sum(dev) - asked})
    print(f"C={fitted.c}, threshold {fitted.classifier.threshold:.3f}; wrote {out}")
    report(fitted, texts, labels, dev, f"a question asking {KINDS[args.kind].reader}", sources)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
