"""Whether the retrieved reporting answers a question: a small calibrated model, not hand-set gates.

The composer measures a few signals for every question (how close the best passage and sentence are
in meaning, how much of the question's weighted terms the passages cover, names, numbers and dates the
question gives that the reporting never states or that its best sentences do not state, whether the
kind of answer asked for is there). A logistic regression fitted on the development part of the question
set (``fit_answerability``, run by ``python -m bot.answers.answerability``) turns them into a probability;
the threshold is the one that classified the development questions best when each was scored by a model
fitted without it. The parameters live in ``answerability.json`` beside this
module, versioned, so a change to the signals or the fit shows in review.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.logistic import SignalRow, fit_standardised, standardised_probability

if TYPE_CHECKING:
    from bot.answers.service import AnswerService

PARAMETERS = Path(__file__).with_name("answerability.json")
VERSION = 9
THRESHOLD_SHUFFLES = 10  # cross-validation shuffles the threshold's accuracy is averaged over
# below this best passage cosine, a question using none of the story's words is about something else, whatever words
# it shares with a sentence (on the 1,818 questions the least related answerable one reads 0.24; "capital of Australia",
# 0.14, was answered with a sentence naming Australia)
UNRELATED_SIMILARITY = 0.2
THRESHOLD_SLACK = 2  # questions of accuracy treated as a tie when choosing the threshold (see fit_answerability)


@dataclass(frozen=True)
class Signals(SignalRow):
    """What the composer measured about one question (one part of a message) and its passages."""

    passage_similarity: float  # best cosine between question and a retrieved passage
    passage_relevance: float  # the fusion model's best probability that a retrieved passage's article answers
    off_topic: float  # how far the best passage falls below a cosine of 0.4 (0 when above)
    sentence_similarity: float  # best cosine between question and a candidate sentence
    best_score: float  # the best candidate sentence's combined score
    best_coverage: float  # share of the question's term weight the best sentence covers (with context)
    focus_coverage: float  # share of the question's own (non-story) term weight the best sentence covers
    story_share: float  # share of the question's terms that are the story's everyday words (0: off-topic)
    focus_unanswered: float  # share of the question's own term weight none of the three best sentences covers
    focus_unanswered_count: float  # how many of the question's own terms none of them covers (each is a thing asked)
    focus_stated: float  # the most of the question's own term weight one sentence states itself (not its context)
    rarest_unanswered: float  # the highest term weight (IDF) none of them covers, over the question's highest
    missing_weight: float  # share of the question's term weight absent from every retrieved passage
    unknown_weight: float  # share of the question's term weight the corpus never uses at all
    unknown_english: float  # share of it that is real English words ("resign", "subpoena"): a subject the
    # reporting never covers, where an unknown non-word is more often a typo, handle or abbreviation
    missing_names: float  # names, numbered names, numbers or dates of the question the reporting never states
    specifics_unstated: float  # share of the question's numbers, dates and versions none of the best sentences states
    wants_type: float  # the question asks for a date, number, time, person or claim
    type_found: float  # and one of the best sentences holds one
    answer_sentence: float  # the answer-sentence model's best probability over the candidates (answer_sentence.py)
    answer_on_subject: float  # the same, each weighed by the share of the question's names and of the numbers,
    # dates and versions it gives that the sentence (with its context) states: asked how many parameters Mythos 5
    # has, another model's parameter count is no answer
    weakest_focus_gain: float  # how little the best sentences respond to the question's least answered own term


@dataclass(frozen=True)
class AnswerabilityModel:
    names: list[str]
    mean: list[float]
    scale: list[float]
    coef: list[float]
    intercept: float
    threshold: float

    def probability(self, signals: Signals) -> float:
        return standardised_probability([getattr(signals, n) for n in self.names], self.mean, self.scale, self.coef,
                                        self.intercept)

    def answerable(self, signals: Signals) -> bool:
        """A question naming a number, date, version or rare name the reporting never states is declined
        outright (the refusal says what was looked for; no development question with such a name was
        answerable); otherwise the fitted probability decides."""
        if signals.story_share == 0 and signals.passage_similarity < UNRELATED_SIMILARITY:
            return False  # "what is the capital of australia?": no word of the story, no passage near it in meaning
        return not signals.missing_names and self.probability(signals) >= self.threshold

    def to_json(self) -> dict[str, Any]:
        return {"version": VERSION, **asdict(self)}


@cache
def load_model(path: Path = PARAMETERS) -> AnswerabilityModel:
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("version") != VERSION or data.get("names") != Signals.names():
        raise ValueError(f"{path} was fitted for other signals; refit with python -m bot.answers.answerability")
    data.pop("version")
    return AnswerabilityModel(**data)


def fit_answerability(rows: Sequence[tuple[Signals, bool]]) -> AnswerabilityModel:
    """A logistic regression on standardised signals (label: answerable), and the threshold that
    classifies ``rows`` best when each row is scored by a model fitted without it (5-fold
    cross-validation: a threshold chosen on the fitted rows' own scores sits where the model is
    overconfident), averaged over several shuffles of the folds (one shuffle's best threshold moved by
    up to 0.1 between refits on signals differing in the fourth decimal); of the thresholds that do about
    as well, the one that answers most (see below)."""
    import numpy as np
    from sklearn.model_selection import StratifiedKFold

    rows = [(s, ok) for s, ok in rows if not s.missing_names]  # those are declined by rule (see answerable)
    x = np.array([s.vector() for s, _ in rows], dtype=float)
    y = np.array([1 if ok else 0 for _, ok in rows])
    mean, scale, coef, intercept, _model = fit_standardised(x, y, c=0.3)
    grid = [i / 100 for i in range(5, 96)]
    accuracy = [0.0] * len(grid)
    # five folds, fewer when a kind of question has fewer rows (each training fold must hold both kinds)
    folds = min(5, int(y.sum()), int(len(y) - y.sum()))
    if folds < 2:
        raise ValueError("answerability needs at least two answerable and two unanswerable questions to fit")
    for seed in range(THRESHOLD_SHUFFLES):
        p = np.zeros(len(rows))
        for train, held in StratifiedKFold(folds, shuffle=True, random_state=seed).split(x, y):
            f_mean, f_scale, _c, _i, fold = fit_standardised(x[train], y[train], c=0.3)
            p[held] = fold.predict_proba((x[held] - np.asarray(f_mean)) / np.asarray(f_scale))[:, 1]
        accuracy = [a + float(((p >= t) == (y == 1)).mean()) / THRESHOLD_SHUFFLES
                    for a, t in zip(accuracy, grid, strict=True)]
    accuracy = [round(a, 9) for a in accuracy]
    # The accuracy is flat over a wide band (one question's difference between 0.40 and 0.52 on dev, less
    # than refitting on the same questions moves it), while the answerable questions declined double across
    # it: a declined answerable question also loses its answer, so the lowest threshold within
    # THRESHOLD_SLACK questions of the best is taken.
    best = max(accuracy) - THRESHOLD_SLACK / len(rows)
    threshold = next(t for t, a in zip(grid, accuracy, strict=True) if a >= best)
    return AnswerabilityModel(names=Signals.names(), mean=mean, scale=scale, coef=coef, intercept=intercept,
                              threshold=threshold)


def main(argv: Sequence[str] | None = None) -> int:
    """Fit on the development part of a question set against a built corpus and write the parameters."""
    from bot.answers.fitting import run_fit

    model, rows, split = run_fit(argv, main.__doc__, PARAMETERS, _rows_of, fit_answerability, "questions")
    right = sum(model.answerable(s) == ok for s, ok in rows)
    print(f"{split}: threshold {model.threshold:.2f}; accuracy on them {right / len(rows):.3f}")
    return 0


def _rows_of(service: AnswerService, q: dict[str, Any]) -> list[tuple[Signals, bool]]:
    return [(signals, not q.get("must_abstain")) for signals in service.signals(q["question"], q.get("context") or [])]

if __name__ == "__main__":
    raise SystemExit(main())
