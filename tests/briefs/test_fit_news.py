"""Fitting the brief's models (:mod:`bot.briefs.fit_news`) on a small news flow written for this test: a base day
and four one-day windows of a made-up dispute over a model's export, each window with its editor's developments
(every one reported by two outlets) and the background its articles recap, in rows of the format of
``tests/data/brief_flow.jsonl`` (see ``tests/data/README.md``). The articles are indexed for real (the local
embedding model reads every window); nothing of the shared corpus is needed.

The flow is written so that every training set (all four windows, and each leave-one-window-out fold of three)
fits each model on both of its classes, the echo stage too: it learns only from the sentences the first
background stage judges new, so a few recaps are worded far from the base's reports, with names another outlet
of the window also names (a clinic in Bergen, a ferry operator in Valletta, the Halden Institute), and the first
stage takes them for news. (``_fit`` copes with one class or a feature that never varies, see the tests at the
end; the flow does not lean on that.)
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from bot.briefs import fit_news
from bot.briefs.compose import WindowRead, judge_window
from bot.briefs.developments import NoveltyJudge
from bot.briefs.fit_news import Fitted, cross_validate, fit_models, read_windows
from bot.briefs.flow_eval import flow_files, matches_key_facts
from bot.briefs.news import (
    BACKGROUND_FEATURES,
    ECHO_FEATURES,
    NEWS_FEATURES,
    PAIR_FEATURES,
    MeaningModel,
    NewsModels,
    model_from,
    same_development,
)
from bot.corpus.catalog import Catalog
from bot.corpus.ingest import CorpusService
from tests.isolation import DefaultsOnlySettings

# (file name, outlet, title, published, body sentences)
ARTICLES: list[tuple[str, str, str, str, list[str]]] = [
    # the base day: the order and the shutdown
    ("b1-halt.md", "harbor-ledger.example", "Tessaly Labs halts Orrin 4 exports after federal order", "2026-03-02", [
        "The Bureau of Technology Exports ordered Tessaly Labs to stop selling its Orrin 4 model to customers abroad.",
        "Tessaly Labs switched off foreign access to Orrin 4 within six hours of receiving the order.",
        "The bureau said the model could help design restricted chemical compounds.",
    ]),
    ("b2-regulators.md", "signal-weekly.example", "Regulators cut off overseas users of a popular coding model",
     "2026-03-02", [
        "Federal regulators told Tessaly Labs on March 2 to cut off overseas customers of Orrin 4.",
        "Tessaly Labs said it disagreed with the order but would comply while it reviewed its options.",
        "Roughly four thousand businesses outside the country relied on Orrin 4 for coding work.",
    ]),
    ("b3-dark.md", "cobalt-wire.example", "Orrin 4 goes dark abroad", "2026-03-02", [
        "Orrin 4 went dark for overseas users after the Bureau of Technology Exports issued its order.",
        "Chief executive Mira Okonjo said the company had received no warning before the order arrived.",
    ]),
    # t1: the lawsuit and the researchers' letter
    ("w1a-lawsuit.md", "harbor-ledger.example", "Tessaly Labs takes the export bureau to court", "2026-03-03", [
        "On March 3, Tessaly Labs sued the Bureau of Technology Exports in federal court in Denver, asking a judge "
        "to vacate the order.",
        "The company switched off overseas access to Orrin 4 on March 2, hours after the order arrived.",
        "Legal experts expect the case to move slowly through the courts.",
        "Nurses at a children's clinic in Bergen went back to paper forms when the Orrin 4 scheduling tools they "
        "used were cut off.",
    ]),
    ("w1b-court.md", "signal-weekly.example", "A lawsuit and a letter challenge the Orrin 4 ban", "2026-03-03", [
        "A lawsuit filed in Denver by Tessaly Labs claims the bureau overstepped its authority.",
        "Interpreters in Montreal said deaf patients had struggled without live captions.",
        "Separately, 212 university researchers signed an open letter calling the Orrin 4 order arbitrary.",
        "The bureau has said the model could help design restricted chemical compounds.",
    ]),
    ("w1c-letter.md", "meadowline-news.example", "Researchers rally behind Tessaly Labs", "2026-03-03", [
        "An open letter signed by 212 researchers urges the government to restore foreign access to the model.",
        "Many developers think the dispute will shape how future models are released.",
        "Patients at the Bergen clinic waited twice as long for appointments all week.",
        "Among the four thousand foreign customers was a guild of sign-language interpreters in Montreal that used "
        "Orrin 4 to caption hospital visits.",
    ]),
    # t2: a temporary licence and a rival's offer
    ("w2a-licence.md", "cobalt-wire.example", "Bureau grants Tessaly Labs a temporary licence", "2026-03-04", [
        "On March 4, the bureau granted Tessaly Labs a temporary licence to serve customers in Canada and Norway.",
        "Tessaly Labs sued the bureau in a Denver court earlier this week.",
        "Orrin 4 has been switched off for overseas users in every other country since March 2.",
        "Doctors in Tallinn described the week as the most chaotic of their careers.",
    ]),
    ("w2b-kestrel.md", "harbor-ledger.example", "Kestrel Systems courts stranded Orrin 4 users", "2026-03-04", [
        "Rival developer Kestrel Systems offered former Orrin 4 customers three months of free access to its own "
        "model.",
        "Customers in Norway and Canada can use Orrin 4 again under a temporary licence from the bureau.",
        "Industry observers believe loyalty to any single model is fragile.",
        "The Halden Institute advises the government on laboratory safety.",
        "A hospital network in Tallinn found its triage assistant cut off along with every other Orrin 4 customer "
        "abroad.",
    ]),
    ("w2c-offer.md", "meadowline-news.example", "A rival's free offer lands amid the export fight", "2026-03-04", [
        "Kestrel Systems said stranded customers would get its assistant free of charge for three months.",
        'A Kestrel spokesperson said the company wanted "to keep these teams working".',
        "Officials at the Halden Institute feared that chemists in hostile states could use Orrin 4 to plan the "
        "synthesis of chemical weapons.",
    ]),
    # t3: a hearing date and layoffs
    ("w3a-hearing.md", "signal-weekly.example", "Judge sets a hearing in the Orrin 4 case", "2026-03-05", [
        "Judge Anita Feld scheduled a hearing on the Tessaly Labs lawsuit for March 19.",
        "Tessaly Labs holds a temporary licence covering customers in Canada and Norway.",
        "Lawyers on both sides declined to comment on the schedule.",
        "Dispatchers at a ferry operator in Valletta now plan crossings by hand because their Orrin 4 planner was "
        "cut off.",
    ]),
    ("w3b-layoffs.md", "cobalt-wire.example", "Tessaly Labs cuts its export sales team", "2026-03-05", [
        "Tessaly Labs laid off 40 employees from its export sales team as foreign revenue dried up.",
        "A hearing before Judge Anita Feld will weigh whether the order was lawful.",
        "Orrin 4 has been switched off for overseas users outside the licensed countries since March 2.",
    ]),
    ("w3c-staff.md", "harbor-ledger.example", "Layoffs follow the export order", "2026-03-05", [
        "Forty workers lost their jobs when Tessaly Labs laid off staff who sold Orrin 4 abroad.",
        "Kestrel Systems is still offering three free months to former Orrin 4 customers.",
        'Mira Okonjo called the cuts "the hardest decision of my career".',
        "Ferry passengers in Valletta faced long queues at the harbour all week.",
        "Regulators worried that Orrin 4 might coach amateur chemists through recipes for chemical weapons.",
    ]),
    # t4: the order is lifted
    ("w4a-lifted.md", "meadowline-news.example", "Export bureau lifts the Orrin 4 order", "2026-03-06", [
        "On March 6, the bureau lifted its order entirely after an internal review found the chemical risk "
        "overstated.",
        "Tessaly Labs had laid off 40 employees from its export sales team.",
        "Investors expect the share price to recover quickly.",
        "A bakery chain in Porto spent the week rewriting its ordering scripts after Orrin 4 was cut off for it.",
    ]),
    ("w4b-review.md", "cobalt-wire.example", "Review finds Orrin 4 risk overstated", "2026-03-06", [
        "An internal review led the Bureau of Technology Exports to lift the Orrin 4 order in full.",
        "Judge Anita Feld had scheduled a hearing on the lawsuit for March 19 before the reversal.",
        'Mira Okonjo said the company was "grateful the facts won out".',
        "A bakery owner in Porto said her staff had worked late every night to keep orders flowing.",
        "Toxicology advisers at the bureau had argued that Orrin 4 answers could guide a novice toward a chemical "
        "weapon.",
    ]),
]

SHUTDOWN = {"key_facts": ["Orrin 4", "switched off|cut off|went dark"]}
LAWSUIT = ["sued|lawsuit", "Denver"]
LICENCE = ["temporary licence", "Norway"]
OFFER = ["Kestrel", "free"]
HEARING = ["Feld", "hearing"]
LAYOFFS = ["laid off", "40|forty"]


def _development(what: str, key_facts: list[str], files: list[str]) -> dict[str, Any]:
    return {"what": what, "key_facts": key_facts, "files": files, "kind": "event"}


ROWS: list[dict[str, Any]] = [
    {"id": "t1", "split": "dev", "since": "2026-03-02", "until": "2026-03-03",
     "files": ["w1a-lawsuit.md", "w1b-court.md", "w1c-letter.md"],
     "developments": [
         _development("Tessaly Labs sued the bureau in Denver", LAWSUIT, ["w1a-lawsuit.md", "w1b-court.md"]),
         _development("212 researchers signed an open letter", ["212", "open letter"],
                      ["w1b-court.md", "w1c-letter.md"])],
     "background": [SHUTDOWN, {"key_facts": ["chemical"]}, {"key_facts": ["four thousand"]}]},
    {"id": "t2", "split": "dev", "since": "2026-03-03", "until": "2026-03-04",
     "files": ["w2a-licence.md", "w2b-kestrel.md", "w2c-offer.md"],
     "developments": [
         _development("a temporary licence for Canada and Norway", LICENCE, ["w2a-licence.md", "w2b-kestrel.md"]),
         _development("Kestrel Systems offers three free months", OFFER, ["w2b-kestrel.md", "w2c-offer.md"])],
     "background": [SHUTDOWN, {"key_facts": LAWSUIT}, {"key_facts": ["chemical"]}]},
    {"id": "t3", "split": "dev", "since": "2026-03-04", "until": "2026-03-05",
     "files": ["w3a-hearing.md", "w3b-layoffs.md", "w3c-staff.md"],
     "developments": [
         _development("a hearing before Judge Feld", HEARING, ["w3a-hearing.md", "w3b-layoffs.md"]),
         _development("Tessaly Labs laid off forty sales staff", LAYOFFS, ["w3b-layoffs.md", "w3c-staff.md"])],
     "background": [SHUTDOWN, {"key_facts": ["temporary licence"]}, {"key_facts": OFFER},
                    {"key_facts": ["chemical"]}]},
    {"id": "t4", "split": "dev", "since": "2026-03-05", "until": "2026-03-06",
     "files": ["w4a-lifted.md", "w4b-review.md"],
     "developments": [
         _development("the bureau lifted the order after an internal review", ["lift", "review"],
                      ["w4a-lifted.md", "w4b-review.md"])],
     "background": [SHUTDOWN, {"key_facts": LAYOFFS}, {"key_facts": HEARING}, {"key_facts": ["chemical"]}]},
]
IDS = [row["id"] for row in ROWS]


@dataclass
class Flow:
    catalog: Catalog
    rows: list[dict[str, Any]]
    reads: list[WindowRead]


def _write(folder: Path) -> None:
    for name, outlet, title, published, sentences in ARTICLES:
        (folder / name).write_text(f"---\nurl: https://{outlet}/{name[:-3]}\noutlet: {outlet}\ntitle: {title}\n"
                                   f"published: {published}\n---\n\n{' '.join(sentences)}\n", encoding="utf-8")


@pytest.fixture(scope="module")
def flow(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flow]:
    """The flow's articles indexed for real, and every window read once (the costly part: the embedding model)."""
    root = tmp_path_factory.mktemp("fit-news")
    folder = root / "story"
    folder.mkdir()
    _write(folder)
    corpus = CorpusService.open(DefaultsOnlySettings(data_dir=root / "data"))
    try:
        # flow_files: each window's files and the base (the articles of the first window's since day)
        report = corpus.add_paths(flow_files(ROWS, folder), "test:fit-news", "pytest@briefs")
        assert not report.problems, report.problems
        assert len(report.added) == len(ARTICLES)
        reads = read_windows(corpus.catalog, NoveltyJudge(corpus.catalog, corpus.index), ROWS)
        yield Flow(corpus.catalog, ROWS, reads)
    finally:
        corpus.close()


@pytest.fixture(scope="module")
def fitted(flow: Flow) -> Fitted:
    return fit_models(flow.rows, flow.reads)


def _stating(read: WindowRead, key_facts: list[str]) -> list[int]:
    return [i for i, c in enumerate(read.candidates) if matches_key_facts(key_facts, c.text)]


def test_each_window_reads_as_its_editor_wrote_it(flow: Flow) -> None:
    """The premise of the fits below: the window holds its own articles only, each development is stated by
    quotable sentences of two outlets, and each window has recaps that state no development."""
    for row, read in zip(flow.rows, flow.reads, strict=True):
        assert sorted(a.title for a in read.window.new_articles) == sorted(
            title for name, _, title, _, _ in ARTICLES if name in row["files"]), row["id"]
        for development in row["developments"]:
            outlets = {read.candidates[i].outlet for i in _stating(read, development["key_facts"])}
            assert len(outlets) == 2, (row["id"], development["what"], outlets)
        recaps = [c.text for c in read.candidates
                  if any(matches_key_facts(b["key_facts"], c.text) for b in row["background"])
                  and not any(matches_key_facts(d["key_facts"], c.text) for d in row["developments"])]
        assert len(recaps) >= 2, (row["id"], recaps)


def test_fit_models_fits_the_five_models_on_the_given_windows(flow: Flow, fitted: Fitted) -> None:
    models = fitted.models
    assert isinstance(models, NewsModels)
    assert models.news.features == NEWS_FEATURES
    assert models.pair.features == PAIR_FEATURES
    assert models.background.features == BACKGROUND_FEATURES
    assert models.echo.features == ECHO_FEATURES
    assert isinstance(models.meaning, MeaningModel)
    assert len(models.meaning.coef) == flow.reads[0].vectors.shape[1]
    numbers = fitted.numbers
    assert numbers["features"] == list(NEWS_FEATURES)
    assert numbers["same_development"]["features"] == list(PAIR_FEATURES)
    assert numbers["background"]["features"] == list(BACKGROUND_FEATURES)
    assert numbers["background_echo"]["features"] == list(ECHO_FEATURES)
    on = numbers["fitted_on"]
    assert on["windows"] == IDS
    # every quotable sentence of every window is an example of the news model; the positives state a development
    assert on["sentences"] == sum(len(read.candidates) for read in flow.reads)
    assert on["positives"] == sum(len({i for d in row["developments"] for i in _stating(read, d["key_facts"])})
                                  for row, read in zip(flow.rows, flow.reads, strict=True))
    assert 0 < on["same_pairs"] < on["pairs"]
    assert 0 < on["background_positives"] < on["background_examples"]
    assert 0 < on["echo_positives"] < on["echo_examples"] <= on["background_examples"]


def test_the_same_development_model_tells_one_development_from_another(flow: Flow, fitted: Fitted) -> None:
    """Two outlets' sentences stating one development are judged more likely the same development than any pair
    stating two different developments, in every window with two."""
    compared = 0
    for row, read in zip(flow.rows, flow.reads, strict=True):
        same = same_development(read.candidates, read.vectors, read.known, fitted.models.pair)
        stating = [_stating(read, d["key_facts"]) for d in row["developments"]]
        together = [same[i, j] for group in stating for i in group for j in group if i < j]
        apart = [same[i, j] for k, group in enumerate(stating) for other in stating[k + 1:]
                 for i in group for j in other]
        assert together, row["id"]
        if apart:
            assert min(together) > max(apart), (row["id"], together, apart)
            compared += 1
    assert compared == 3


def test_fitted_models_give_finite_probabilities(flow: Flow, fitted: Fitted) -> None:
    """A fitted model judges every sentence: no NaN from a feature that did not vary in the training windows."""
    for read in flow.reads:
        sentences = judge_window(read, fitted.models)
        scores = np.asarray([c.score for c in sentences.candidates])
        assert np.isfinite(scores).all() and ((scores >= 0) & (scores <= 1)).all(), scores
        assert np.isfinite(sentences.same).all()
    for part in ("same_development", "background", "background_echo"):
        assert all(scale > 0 for scale in fitted.numbers[part]["scale"]), part
    assert all(scale > 0 for scale in fitted.numbers["scale"])


def test_cross_validation_scores_each_window_with_models_that_never_saw_it(
        flow: Flow, monkeypatch: pytest.MonkeyPatch) -> None:
    fitted_on: list[list[str]] = []

    def recording(rows: Sequence[dict[str, Any]], reads: Sequence[WindowRead], **fitting: float) -> Fitted:
        ids = [row["id"] for row in rows]
        k = len(fitted_on)  # cross_validate scores the windows in order
        assert IDS[k] not in ids
        assert [id(read) for read in reads] == [id(read) for j, read in enumerate(flow.reads) if j != k]
        fitted_on.append(ids)
        return fit_models(rows, reads, **fitting)

    monkeypatch.setattr(fit_news, "fit_models", recording)
    scores = cross_validate(flow.catalog, flow.rows, flow.reads)
    assert fitted_on == [[i for i in IDS if i != held_out] for held_out in IDS]
    assert [s.id for s in scores] == IDS
    assert all(s.split == "dev" for s in scores)
    assert all(0.0 <= s.recall <= 1.0 and 0.0 <= s.strict_recall <= 1.0 for s in scores)
    for score, row in zip(scores, flow.rows, strict=True):
        assert score.n_articles == len(row["files"])
        assert sorted(score.found + score.missed) == sorted(d["what"] for d in row["developments"])
    # a window's brief, under models fitted on the other three, still leads with most of its developments
    assert sum(s.recall for s in scores) / len(scores) >= 0.5, scores


def test_fitting_is_deterministic(flow: Flow, fitted: Fitted) -> None:
    again = fit_models(flow.rows, flow.reads)
    assert again.numbers == fit_models(flow.rows, flow.reads).numbers
    assert again.numbers == fitted.numbers
    assert again.models == fitted.models
    assert json.loads(json.dumps(fitted.numbers)) == fitted.numbers  # as news_model.json keeps them


def test_a_feature_that_never_varies_or_one_class_still_fits() -> None:
    """A constant feature keeps a scale of one (rounded to zero, it made every probability NaN); one class only
    gives that class's smoothed rate, whatever the features."""
    x = np.c_[np.arange(6.0), np.zeros(6)]
    fitted = fit_news._fit(x, np.array([0, 0, 0, 1, 1, 1]), 0.5, balanced=False)
    model = model_from({"features": ("a", "b"), **fitted}, ("a", "b"), "t")
    p = model.probabilities(x)
    assert np.isfinite(p).all() and p[5] > 0.5 > p[0]
    only_new = model_from({"features": ("a", "b"), **fit_news._fit(x, np.zeros(6, dtype=int), 0.5,
                                                                           balanced=False)}, ("a", "b"), "t")
    assert np.allclose(only_new.probabilities(x), 0.5 / 7)


def test_fitting_needs_three_windows(flow: Flow) -> None:
    with pytest.raises(ValueError, match="at least three"):
        fit_models(flow.rows[:2], flow.reads[:2])
