"""The answerability model: fitted from signals, stored as a small versioned file, read back."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from pathlib import Path

from bot.answers.answerability import PARAMETERS, Signals, fit_answerability, load_model


def _signals(rng: random.Random, answerable: bool) -> Signals:
    base = 0.6 if answerable else 0.3
    return Signals(
        passage_similarity=base + rng.uniform(-0.15, 0.15), passage_relevance=base + rng.uniform(-0.2, 0.2),
        off_topic=0.0 if answerable else 0.1,
        sentence_similarity=base + rng.uniform(-0.15, 0.15),
        best_score=base * 2 + rng.uniform(-0.3, 0.3), best_coverage=base + rng.uniform(-0.2, 0.2),
        focus_coverage=base + rng.uniform(-0.2, 0.2), story_share=rng.uniform(0.2, 0.6),
        focus_unanswered=(0.1 if answerable else 0.5) + rng.uniform(0, 0.2),
        focus_unanswered_count=float(rng.randint(0, 1) if answerable else rng.randint(1, 3)),
        focus_stated=base + rng.uniform(-0.2, 0.2),
        rarest_unanswered=(0.2 if answerable else 0.8) + rng.uniform(0, 0.2),
        missing_weight=(0.1 if answerable else 0.4) + rng.uniform(0, 0.2),
        unknown_weight=0.0 if answerable else rng.choice([0.0, 0.3]), unknown_english=0.0,
        missing_names=0.0 if answerable or rng.random() < 0.5 else 1.0,
        specifics_unstated=0.0 if answerable or rng.random() < 0.7 else 1.0,
        wants_type=float(rng.random() < 0.5), type_found=float(answerable and rng.random() < 0.7),
        answer_sentence=(0.7 if answerable else 0.4) + rng.uniform(-0.2, 0.2),
        answer_on_subject=(0.7 if answerable else 0.2) + rng.uniform(-0.2, 0.2),
        weakest_focus_gain=(0.08 if answerable else 0.03) + rng.uniform(-0.03, 0.03),
    )


def test_a_fitted_model_separates_answerable_questions_and_round_trips(tmp_path: Path) -> None:
    rng = random.Random(3)
    rows = [(_signals(rng, ok), ok) for ok in [True, False] * 60]
    model = fit_answerability(rows)
    right = sum(model.answerable(s) == ok for s, ok in rows)
    assert right / len(rows) >= 0.9
    named = next(s for s, ok in rows if ok)
    assert model.answerable(named) and not model.answerable(replace(named, missing_names=1.0))
    path = tmp_path / "model.json"
    path.write_text(json.dumps(model.to_json()))
    again = load_model(path)
    assert all(abs(again.probability(s) - model.probability(s)) < 1e-9 for s, _ in rows[:10])


def test_the_shipped_model_declines_what_the_reporting_never_states() -> None:
    model = load_model(PARAMETERS)
    assert model.names == Signals.names() and 0 < model.threshold < 1
    typical = Signals(passage_similarity=0.6, passage_relevance=0.5, off_topic=0.0, sentence_similarity=0.6,
                      best_score=1.2, best_coverage=0.7,
                      focus_coverage=0.7, story_share=0.4, focus_unanswered=0.0, focus_unanswered_count=0.0,
                      focus_stated=0.7, rarest_unanswered=0.0, missing_weight=0.0, unknown_weight=0.0,
                      unknown_english=0.0,
                      missing_names=0.0, specifics_unstated=0.0, wants_type=1.0, type_found=1.0,
                      answer_sentence=0.8, answer_on_subject=0.8, weakest_focus_gain=0.08)
    assert model.answerable(typical)
    # no sentence answers, and the best ones barely respond to one of the question's own words
    assert model.probability(replace(typical, answer_sentence=0.2)) < model.probability(typical)
    # the sentence that would answer is about another subject ("how many parameters does Mythos 5 have?"
    # answered by another model's count)
    assert model.probability(replace(typical, answer_on_subject=0.1)) < model.probability(typical)
    assert model.probability(replace(typical, weakest_focus_gain=0.0)) < model.probability(typical)
    assert model.probability(replace(typical, specifics_unstated=1.0)) < model.probability(typical)
    unstated = replace(typical, missing_names=2.0, missing_weight=0.5, focus_coverage=0.2, type_found=0.0,
                       focus_unanswered=0.7, rarest_unanswered=1.0,
                       sentence_similarity=0.35, best_score=0.5, answer_on_subject=0.2)
    assert model.probability(unstated) < model.probability(typical) and not model.answerable(unstated)
    # a word the reporting never uses costs less when it is everyday English ("guy", "dug into") than
    # when it is a name, handle or abbreviation it never mentions
    unknown = replace(typical, unknown_weight=0.3)
    assert model.probability(replace(unknown, unknown_english=0.3)) > model.probability(unknown)

    # no word of the story and no passage near it in meaning: another subject, however well a sentence shares a word
    assert not model.answerable(replace(typical, story_share=0.0, passage_similarity=0.14))
    assert model.answerable(replace(typical, story_share=0.0, passage_similarity=0.3))  # "who's sarah heck?"
    assert model.answerable(replace(typical, story_share=0.2, passage_similarity=0.14))
