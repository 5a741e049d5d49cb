"""Which sentences merge as one corroborated statement: the paraphrase model and its labelled pairs."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from bot.answers.paraphrase import (
    PAIRS,
    PRECISION,
    PairFeatures,
    fit_paraphrase,
    load_pairs,
    pair_features,
    precision_recall,
    state_different_values,
    stored_paraphrase_model,
)
from tests.answers.test_compose import _candidate
from tests.corpus_location import SHARED_CORPUS, needs_shared_corpus


@pytest.mark.parametrize(("a", "b", "differ"), [
    ("The letter was signed by 54 security experts.", "The letter was signed by 76 security experts.", True),
    ("The order came on June 12.", "The directive arrived on June 13, a Saturday.", True),
    ("The order came on June 12.", "On June 12 the department sent the directive.", False),
    ("The order came on June 12.", "The department sent the directive.", False),  # one states no date
    ("Jane Smith said the order was lawful.", "John Brown said the order was lawful.", False),  # names: no values
])
def test_different_values_only_when_both_give_a_value_of_one_kind(a: str, b: str, differ: bool) -> None:
    assert state_different_values(a, b) is differ


def test_pair_features_measure_shared_words() -> None:
    same = pair_features("Commerce lifted the controls.", "Commerce lifted the controls.", 1.0)
    apart = pair_features("Commerce lifted the controls.", "A startup sued over the rule.", 0.2)
    assert same is not None and apart is not None
    assert same.shared_terms == 1.0 and apart.shared_terms == 0.0
    assert pair_features("It came on June 12.", "It came on June 13.", 0.99) is None  # different days never merge


def test_the_shipped_model_merges_rewordings_and_keeps_different_figures_apart() -> None:
    model = stored_paraphrase_model()
    assert model is not None, "paraphrase.json is missing or was fitted for other features"
    assert 0.0 < model.threshold < 1.0
    a = "Fifty-four security experts signed the open letter to the White House."
    assert model.same(pair_features(a, a, 1.0))
    assert not model.same(pair_features(a, "Seventy-six security experts signed the open letter to the White House.",
                                        0.95))
    assert not model.same(pair_features(a, "A legal startup sued the department in federal court.", 0.3))


def test_the_threshold_is_where_held_out_merges_are_right_often_enough() -> None:
    # pairs whose cosine tells sameness up to some noise: the chosen threshold keeps merges precise
    rows = []
    for i in range(200):
        cosine = 0.5 + (i % 50) / 100
        same = cosine > 0.8 or (cosine > 0.7 and i % 3 == 0)
        rows.append((PairFeatures(cosine=cosine, shared_terms=0.3 + (i % 5) / 20), same))
    model = fit_paraphrase(rows, [f"q{i % 20}" for i in range(200)])
    precision, recall = precision_recall(model, list(rows))
    assert precision >= PRECISION - 0.05 and recall > 0.5
    assert not model.same(PairFeatures(cosine=0.55, shared_terms=0.3))
    assert model.same(PairFeatures(cosine=0.99, shared_terms=0.3))


def test_outlets_giving_different_counts_in_the_same_words_stay_apart() -> None:
    from bot.answers.statements import select_statements

    one = _candidate("The open letter to the White House was signed by 54 security experts.", article_id=1)
    two = _candidate("The open letter to the White House was signed by 76 security experts.", article_id=2,
                     outlet="two.example", score=0.9)
    copy = _candidate("The open letter to the White House was signed by 54 security experts on Monday.", article_id=3,
                      outlet="three.example", score=0.8)
    drafts = select_statements([one, two, copy], 0.0, 6)
    assert [[m.article_id for m in d.members] for d in drafts] == [[1, 3], [2]]


def test_the_labelled_pairs_are_split_by_question_and_point_at_passages() -> None:
    pairs = load_pairs(PAIRS)
    assert len(pairs) >= 300
    splits = Counter(p["split"] for p in pairs)
    assert set(splits) == {"dev", "test"} and splits["test"] >= len(pairs) // 4
    by_question: dict[str, set[str]] = {}
    for p in pairs:
        by_question.setdefault(p["question"], set()).add(p["split"])
        assert isinstance(p["same"], bool)
        for side in (p["a"], p["b"]):
            assert side["file"].endswith(".md") and 0 <= side["start"] < side["end"]
    assert all(len(s) == 1 for s in by_question.values())  # no question's pairs in both parts
    assert 0.2 < sum(p["same"] for p in pairs) / len(pairs) < 0.8


@needs_shared_corpus
def test_every_labelled_pair_names_an_article_of_the_shared_corpus() -> None:
    files = {path.name for path in SHARED_CORPUS.glob("*.md")}
    missing = {side["file"] for p in load_pairs(PAIRS) for side in (p["a"], p["b"])} - files
    assert not missing, json.dumps(sorted(missing))

