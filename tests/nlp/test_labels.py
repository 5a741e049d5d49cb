"""The learned statement labeller: its model file, its explanations, and its figures on the hand labels."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from bot.nlp.label_eval import load_body, score
from bot.nlp.labeller import LABELLER_VERSION, LabellerModel, explain, label_texts, load_model
from bot.nlp.labels import LABELS, LabelResult, attribution, label_sentence, label_sentences, labeller_version
from tests.corpus_location import SHARED_CORPUS, needs_shared_corpus

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data"

# Sentences written for these tests (not taken from the corpus), with labels no reader would dispute.
CLEAR_CASES: list[tuple[str, str]] = [
    ("The regulator published the revised rule on March 3.", "fact"),
    ("The startup shipped two new models on Tuesday.", "fact"),
    ("Bloomberg reported that the agency withdrew the licence.", "fact"),
    ("The vendor argued that the method was widely known.", "claim"),
    ("Officials familiar with the matter said the review would take weeks.", "claim"),
    ("The agency denied that the order targeted one firm.", "claim"),
    ("The restriction could be lifted within days.", "speculation"),
    ("It is unclear whether other vendors will be covered.", "speculation"),
    ("If the review drags on, customers might switch providers.", "speculation"),
    ("The decision was reckless and badly explained.", "opinion"),
    ("Regulators should publish their reasoning before acting.", "opinion"),
    ("This episode underscores how fragile vendor access has become.", "opinion"),
]


def test_the_model_file_loads_for_this_version() -> None:
    model = load_model()
    assert model.version == LABELLER_VERSION == labeller_version()
    from bot.nlp.features import RULE_FEATURES, _tokenizer

    assert model.coef.shape == (len(LABELS), len(model.vocabulary.terms) + len(RULE_FEATURES))
    assert model.intercept.shape == (len(LABELS),)
    # the static embedding folded into a score per word piece, for every piece of the model's vocabulary
    assert model.piece_scores.shape == (_tokenizer().get_vocab_size(), len(LABELS))
    assert np.all(np.isfinite(model.piece_scores)) and np.count_nonzero(model.piece_scores.any(axis=1)) > 20000
    assert len(model.vocabulary.terms) == len(model.vocabulary.idf) > 1000
    assert np.all(model.vocabulary.idf > 0) and np.all(np.isfinite(model.coef))
    assert 0.2 < model.temperature < 5
    assert json.loads(model.fit_params)["c"] > 0


def test_a_model_file_for_another_version_is_refused(tmp_path: Path) -> None:
    from bot.errors import ConfigError

    model = load_model()
    other = LabellerModel("some-other-version", model.vocabulary, model.block_weights, model.coef,
                          model.intercept, model.piece_scores, model.temperature, model.fit_params)
    path = tmp_path / "m.npz"
    other.save(str(path))
    reloaded = LabellerModel.from_bytes(path.read_bytes())
    assert reloaded.version == "some-other-version"
    assert np.array_equal(reloaded.coef, model.coef) and np.array_equal(reloaded.piece_scores, model.piece_scores)
    rows = reloaded.vocabulary.transform([["w:the"]])
    assert rows.shape == (1, len(model.vocabulary.terms))
    load_model.cache_clear()
    try:
        import bot.nlp.labeller as labeller

        original = labeller.LABELLER_VERSION
        labeller.LABELLER_VERSION = "not-the-file's"
        with pytest.raises(ConfigError, match="refit"):
            load_model()
    finally:
        labeller.LABELLER_VERSION = original
        load_model.cache_clear()


@pytest.mark.parametrize(("sentence", "expected"), CLEAR_CASES)
def test_clear_sentences(sentence: str, expected: str) -> None:
    result = label_sentence(sentence)
    assert result.label == expected, result.cues


def test_every_label_is_explained_by_a_cue_or_the_words_that_weighed() -> None:
    results = label_sentences([s for s, _ in CLEAR_CASES] + ["The lab shipped Mythos 5 to enterprise customers."])
    for result in results:
        assert result.cues and all(c and len(c) <= 90 and "\n" not in c for c in result.cues)
        assert "no hedge or attribution" not in result.cues
        assert ":" in result.cues[0]  # "family: words" or "attribution: who"
    claim = label_sentence("The vendor argued the method was public.")
    assert "attribution: the vendor" in claim.cues


def test_the_explanation_names_the_heaviest_evidence() -> None:
    from dataclasses import replace

    from bot.nlp.labeller import evidence

    model = load_model()
    ev = evidence(["The restriction could be lifted within days."], model.vocabulary)[0]
    cues = explain(model, ev, "speculation")
    assert cues[0] == 'hedge: "could"', cues  # the cue family that fired and weighs for the label
    # with the rule features zeroed, what remains to explain the label is words, never a bare default
    cues = explain(model, replace(ev, rules=np.zeros_like(ev.rules)), "speculation")
    assert cues and all(c.startswith(("speculative: ", "hedge: ")) for c in cues), cues


def test_labelling_runs_no_embedding_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """The meaning block is a static embedding folded into the model: a sentence is labelled by look-ups,
    which is what keeps `briefbot classify` under 5 ms a sentence (bench/labeller_speed.py)."""

    def no_model(*args: object, **kwargs: object) -> object:
        raise AssertionError("the embedding model ran to label a sentence")

    monkeypatch.setattr("bot.corpus.embeddings.MiniLMEncoder.encode_with_spans", no_model)
    results = label_sentences(["Several paths are possible from here.", "And he's right."])
    assert [r.label for r in results] and all(r.cues for r in results)


def test_the_folded_model_is_the_fitted_regression() -> None:
    """What ships (piece scores, the look-up path) gives the fitted logistic regression's own probabilities."""
    from sklearn.linear_model import LogisticRegression

    from bot.nlp.fit import FitParams, design, evidences, fit_model, piece_weights, prepare
    from bot.nlp.gold import GoldRow

    rows = [GoldRow(f"made-up-{k}.md", 0, len(s), label, "", s) for k, (s, label) in enumerate(CLEAR_CASES)]
    prep = prepare(rows)  # runs the model on these sentences' word pieces only
    idx = list(range(len(rows)))
    params = FitParams(emb_weight=2.0, gram_weight=0.5, rule_weight=0.7, c=3.0, min_df=1)
    model = fit_model(prep, idx, params)
    x = design(prep, idx, params, model.vocabulary, piece_weights(prep, idx, params.sif))
    clf = LogisticRegression(C=params.c, max_iter=3000, class_weight="balanced").fit(x, prep.y)
    assert np.allclose(model.probabilities(evidences(model, prep, idx)), clf.predict_proba(x), atol=1e-4)
    assert np.count_nonzero(model.piece_scores.any(axis=1)) == len({i for p in prep.pieces for i in p.ids})


def test_batch_labels_match_single_calls_and_given_vectors_are_used() -> None:
    texts = [s for s, _ in CLEAR_CASES]
    batch = label_sentences(texts)
    assert batch == [label_sentence(t) for t in texts]
    assert isinstance(batch[0], LabelResult)
    from bot.nlp.labeller import embed

    vectors = embed(texts)
    assert label_texts(texts, vectors) == batch
    assert label_texts(texts, [None] * len(texts)) == batch
    assert label_sentence("") == LabelResult("fact", ("empty",))


def test_scores_count_what_they_say() -> None:
    result = score(["speculation", "fact", "opinion", "claim"], ["speculation", "fact", "fact", "fact"])
    assert result.n == 4 and result.four_way == pytest.approx(0.5)
    assert result.confusion["opinion"]["fact"] == 1 and result.confusion["claim"]["fact"] == 1
    assert result.recall == {"fact": 1.0, "claim": 0.0, "speculation": 1.0, "opinion": 0.0}
    assert result.reported_vs_speculative == pytest.approx(0.75)  # the opinion read as a fact
    assert result.macro_f1 == pytest.approx((0.5 + 0 + 1 + 0) / 4)


def test_load_body_strips_front_matter(tmp_path: Path) -> None:
    page = tmp_path / "x.md"
    page.write_text("---\ntitle: t\n---\n\n\nFirst line.\n---\nmore\n", encoding="utf-8")
    assert load_body(page) == "First line.\n---\nmore\n"


def test_the_frozen_part_is_a_fixed_fifth_of_the_articles() -> None:
    from bot.nlp.gold import is_frozen, load_rows

    files = sorted({str(r["file"]) for p in DATA.glob("labelled_sentences*.jsonl") for r in load_rows(p)})
    frozen = [f for f in files if is_frozen(f)]
    assert 0.12 < len(frozen) / len(files) < 0.28
    assert is_frozen(frozen[0]) and frozen == [f for f in files if is_frozen(f)]  # a function of the name only


@needs_shared_corpus
def test_gold_spans_are_single_sentences() -> None:
    from bot.nlp.fit import gold_paths
    from bot.nlp.gold import load_gold

    rows = load_gold(gold_paths(DATA), SHARED_CORPUS)
    assert len(rows) >= 436
    for row in rows:
        assert row.text == row.text.strip() and "\n" not in row.text


@needs_shared_corpus
def test_the_shipped_model_on_the_frozen_articles() -> None:
    """The frozen articles were never fitted or tuned on: the shipped model's figures there."""
    from bot.nlp.fit import gold_paths, split
    from bot.nlp.gold import load_gold

    rows = load_gold(gold_paths(DATA), SHARED_CORPUS)
    _, frozen = split(rows)
    predicted = [r.label for r in label_sentences([rows[i].text for i in frozen])]
    result = score([rows[i].label for i in frozen], predicted)
    assert result.n >= 80
    # floors a little under the figures printed when the model was fitted (0.752, 0.739, 0.832): a drift
    # between the features computed at fitting and at labelling time would fail here
    assert result.four_way >= 0.72, result
    assert result.macro_f1 >= 0.70, result
    assert result.reported_vs_speculative >= 0.80, result


@needs_shared_corpus
def test_eval_labels_prints_cross_validated_and_frozen_figures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from bot.cli import main
    from bot.nlp.gold import is_frozen, load_rows

    rows = load_rows(DATA / "labelled_sentences.jsonl")
    files = sorted({str(r["file"]) for r in rows})
    keep = [f for f in files if not is_frozen(f)][:12] + [f for f in files if is_frozen(f)][:3]
    small = tmp_path / "small.jsonl"
    small.write_text("".join(json.dumps(r) + "\n" for r in rows if r["file"] in keep), encoding="utf-8")
    bare = DATA / "labelled_bare.jsonl"
    assert main(["eval", "--labels", str(small), str(bare), "--corpus-dir", str(SHARED_CORPUS)]) == 0
    out = capsys.readouterr().out
    assert "5-fold cross-validation grouped by article" in out
    for block in ("CV (n=", "frozen, shipped model (n=", "bare sentences, development part, shipped model (n=236)",
                  "bare sentences, frozen part, shipped model (n=190)"):
        assert block in out
    assert out.count("gold \\ predicted") == 4 and "macro-F1" in out and "opinion recall" in out


def test_a_bare_sentence_file_is_scored_per_part_and_never_fitted(tmp_path: Path) -> None:
    """Bare sentences (a ``text`` per row) are scored with the shipped model on the classify path, by part."""
    from bot.nlp.fit import gold_paths, is_bare_file, load_bare, score_bare

    bare = tmp_path / "bare.jsonl"
    rows = [{"text": t, "label": g, "part": "frozen" if k % 2 else "development"}
            for k, (t, g) in enumerate(CLEAR_CASES)]
    bare.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert is_bare_file(bare) and not is_bare_file(DATA / "labelled_sentences.jsonl")
    assert sorted(load_bare(bare)) == ["development", "frozen"]
    result = score_bare([bare])
    assert {part: r.n for part, r in result.items()} == {"development": 6, "frozen": 6}
    expected = [label_sentence(t).label for t, _ in CLEAR_CASES]
    assert result["frozen"].four_way == pytest.approx(
        sum(e == g for e, (_, g) in list(zip(expected, CLEAR_CASES, strict=True))[1::2]) / 6)
    assert DATA / "labelled_bare.jsonl" not in gold_paths(DATA)  # scored, never fitted on
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"text": "It rained.", "label": "rumour"}) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="one of the labels"):
        load_bare(bad)


def test_the_party_behind_a_channel_is_the_one_named() -> None:
    assert attribution("Talks resumed on Friday, according to a wire relay of The Daily Ledger's news feed.") == \
        "the Daily Ledger"
    assert attribution("According to a spokesperson for the Harbour Authority, the order stands.") == \
        "the Harbour Authority"
    assert attribution("The order came on Friday, according to people familiar with the matter.") == \
        "people familiar with the matter"


def test_second_readings_are_set_against_the_gold_and_the_labellers_out_of_fold_labels(tmp_path: Path) -> None:
    """Other readers' labels of gold sentences measure the ceiling: each reader against the gold, the readers
    against each other, and the labeller's cross-validated labels on the very same sentences; rows outside
    the tuning part (where no out-of-fold label exists) are left out, and a reading that is no label is refused."""
    from bot.nlp.fit import is_second_reading_file, score_readings
    from bot.nlp.gold import GoldRow

    gold = [GoldRow("a.md", 0, 10, "fact", "news", "x"), GoldRow("a.md", 11, 20, "opinion", "news", "y"),
            GoldRow("b.md", 0, 9, "claim", "news", "z"), GoldRow("c.md", 0, 5, "fact", "news", "w")]
    tune = [0, 1, 2]  # c.md stands for the frozen part
    out_of_fold = ["fact", "fact", "claim"]
    readings = [("a.md", 0, 10, "fact", "fact"), ("a.md", 11, 20, "opinion", "fact"), ("b.md", 0, 9, "fact", "claim"),
                ("c.md", 0, 5, "speculation", "speculation")]
    path = tmp_path / "second.jsonl"
    path.write_text("".join(json.dumps({"file": f, "start": s, "end": e, "readings": {"a": a, "b": b}}) + "\n"
                            for f, s, e, a, b in readings), encoding="utf-8")
    assert is_second_reading_file(path) and not is_second_reading_file(DATA / "labelled_sentences.jsonl")
    result = score_readings([path], gold, tune, out_of_fold)
    assert {k: (r.n, round(r.four_way, 3)) for k, r in result.items()} == {
        "reader a vs gold": (3, 0.667), "reader b vs gold": (3, 0.667), "reader b vs reader a": (3, 0.333),
        "labeller (cross-validated) vs gold, the same sentences": (3, 0.667)}
    path.write_text(json.dumps({"file": "a.md", "start": 0, "end": 10, "readings": {"a": "rumour"}}) + "\n",
                    encoding="utf-8")
    with pytest.raises(ValueError, match="must be one of"):
        score_readings([path], gold, tune, out_of_fold)
