"""The embedding classifier small talk and questions about the bot share (bot.answers.message_kind)."""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType

import pytest

from bot.answers import bot_help, small_talk
from bot.answers.message_kind import least_cost_threshold


def test_the_threshold_costs_a_story_question_taken_for_the_other_kind_more() -> None:
    assert 0.3 < least_cost_threshold([0.1, 0.3, 0.9, 0.95], [0, 0, 1, 1], 5.0) <= 0.9
    # one positive below a negative: missing it (1) is cheaper than taking the negative (5)
    assert least_cost_threshold([0.2, 0.6, 0.9], [1, 0, 1], 5.0) > 0.6
    assert least_cost_threshold([0.2, 0.6, 0.9], [1, 0, 1], 0.5) <= 0.2  # unless taking one costs less


@pytest.mark.parametrize("kind", [small_talk, bot_help], ids=["small_talk", "bot_help"])
def test_the_parameters_are_checked_against_the_model_and_version(kind: ModuleType, tmp_path: Path) -> None:
    data = json.loads(kind.PARAMETERS.read_text(encoding="utf-8"))
    data["version"] = kind.VERSION + 1
    stale = tmp_path / "stale.json"
    stale.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError, match="refit"):
        kind.load_model.__wrapped__(stale)
