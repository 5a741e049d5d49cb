"""A score asked on a benchmark none of the best sentences names is declined, naming the benchmark."""

from __future__ import annotations

import pytest

from bot.answers.scores import benchmark_asked, unscored


def _is_name(word: str) -> bool:
    return word in {"quill", "orbit"}


@pytest.mark.parametrize(("question", "benchmark"), [
    ("whats quill 3's score on humanity's last exam", "humanity's last exam"),
    ("what did quill 3 score on the frontier code benchmark?", "frontier code"),
    ("whats orbit 2's cybench score? did it beat quill on it", "cybench"),
    ("whats quills swe-bench pro score and how does orbit compare", "swe-bench pro"),  # "quills": its possessive
    ("quill 3 mmlu score?", "mmlu"),
    ("What SWE-bench Verified score was reported for Quill 3?", "SWE-bench Verified"),
    ("did they publish benchmark scores with it at launch or nah", None),  # no benchmark named
    ("when did quill come back?", None),
    ("that parser benchmark after the relaunch, what were the before/after scores", None),  # when, not which one
])
def test_the_benchmark_asked_is_read_from_the_words_around_score(question: str, benchmark: str | None) -> None:
    assert benchmark_asked(question, _is_name) == benchmark


def test_a_benchmark_no_sentence_names_is_what_was_looked_for() -> None:
    said = ["Quill 3 scored 95% on SWE-bench Verified and 80% on SWE-bench Pro."]
    assert unscored("whats quill 3's cybench score?", said, _is_name) == "a score on cybench"
    assert unscored("whats quills swe-bench pro score", said, _is_name) is None
    assert unscored("how fast is quill 3?", said, _is_name) is None
    # one model's score asked: a sentence giving another model's on that benchmark is no answer
    assert unscored("what is Quill 4's SWE-bench Verified score?", said, _is_name) == \
        "a score of Quill 4 on SWE-bench Verified"
    assert unscored("what is Quill 3's SWE-bench Verified score?", said, _is_name) is None
    assert unscored("did Quill 4 beat Quill 3's SWE-bench Verified score?", said, _is_name) is None  # a comparison
    # a day is no model
    assert unscored("what was Quill's SWE-bench Verified score as of June 9?", said, _is_name) is None
