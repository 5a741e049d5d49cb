"""How well facts are read, grouped and set against each other, on the hand-checked set.

``tests/data/facts.jsonl`` rows point into the corpus (file, sentence and value offsets) and say which
happening a value is about (``event``, e.g. ``export_order_came``; ``none`` for a value that is not a
fact of the story: a report's date, an offset, a vague span) and its value (``~`` marks an
approximation, which agrees with anything near it). From them:

* a *real disagreement* is two rows about the same happening, from different outlets, with different
  exact values; a *same-value paraphrase* is two such rows with the same value (however written);
* the system sets two rows against each other when their stored facts are in one group and differ in
  value, from different outlets.

Disagreement precision and recall are over those pairs; grouping precision and recall over pairs of
story facts (same happening vs same group). Files are split once by a hash of their name: the frozen
test part (``FROZEN_SHARE``) is never used to fit the grouping threshold (:func:`fit`).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

import numpy as np

from bot.facts.disagree import NOT_EVIDENCE, values_differ
from bot.facts.group import FITTED, group_event
from bot.facts.read import (
    ESTIMATE_MARK,
    EVENTS,
    LOWER_MARK,
    MODEL_PROPERTIES,
    NOT_STORY_EVENTS,
    ROLE,
    UNCOMPARED,
    UPPER_MARK,
    identity_of,
)

FROZEN_SHARE = 0.3
FOLDS = 5  # cross-validation inside the development part, by article
ESTIMATE = "≈"  # a gold value that is an estimate ("about 40"); "~" marks a range or a round figure
BOUNDS = (LOWER_MARK, UPPER_MARK)  # ">120": "more than 120"; "<120": "under 120" (as the reader stores them)
MARKS = "~≈" + "".join(BOUNDS)


def is_frozen(file: str) -> bool:
    """The frozen test part: about 30% of the files, fixed by their names."""
    return int(hashlib.sha256(file.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF < FROZEN_SHARE


def fold_of(file: str) -> int:
    """A development file's cross-validation fold (by article, so one article's rows stay together)."""
    return int(hashlib.sha256(f"fold:{file}".encode()).hexdigest()[:8], 16) % FOLDS


@dataclass(frozen=True)
class GoldFact:
    file: str
    start: int
    end: int
    value_start: int
    value_end: int
    event: str
    value: str | None

    @property
    def story(self) -> bool:
        return self.event != "none"

    @property
    def exact(self) -> bool:
        return self.story and self.value is not None and not self.value.startswith(("~", ESTIMATE, *BOUNDS))

    @property
    def estimate(self) -> bool:
        """"≈40": an estimate ("about 40"), set only against a value further away than the slack."""
        return self.story and self.value is not None and self.value.startswith(ESTIMATE)

    @property
    def bound(self) -> bool:
        """">120": a bound ("more than 120"), set only against a value outside it by more than the slack."""
        return self.story and self.value is not None and self.value.startswith(BOUNDS)


def real_disagreement(a: GoldFact, b: GoldFact) -> bool:
    """Two rows of one happening whose values disagree: two exact values that differ, or an estimate or a bound and
    a value further apart than the slack (``bot.facts.disagree.values_differ``)."""
    if not (a.story and a.event == b.event) or a.value is None or b.value is None:
        return False
    if a.exact and b.exact:
        return a.value != b.value
    return (a.exact or a.estimate or a.bound) and (b.exact or b.estimate or b.bound) and values_differ(
        _stored(a.value), _stored(b.value))


def _stored(value: str) -> str:
    return value.replace(ESTIMATE, ESTIMATE_MARK)


def load_gold(path: Path) -> list[GoldFact]:
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    return [GoldFact(r["file"], r["start"], r["end"], r["value_start"], r["value_end"], r["event"], r["value"])
            for r in rows]


@dataclass(frozen=True)
class SystemFact:
    article_id: int
    idx: int
    event: str
    value: str
    value_start: int
    value_end: int
    outlet: str
    vector: np.ndarray | None
    group_key: str | None
    names: tuple[str, ...] = ()
    label: str = "fact"

    @property
    def compared(self) -> bool:
        """Whether disagreements may use it (as ``bot.facts.disagree`` decides)."""
        return self.event not in NOT_STORY_EVENTS and self.event not in UNCOMPARED and self.label not in NOT_EVIDENCE


def system_facts(db: sqlite3.Connection) -> dict[str, list[SystemFact]]:
    """Stored facts of indexed originals, by the corpus file their article came from."""
    rows = db.execute(
        "SELECT a.source, f.article_id, f.idx, f.event, f.value, f.value_start, f.value_end, "
        "COALESCE(a.outlet, 'article ' || a.id), f.vector, f.group_key, f.names, COALESCE(s.label, f.label) "
        "FROM facts f JOIN articles a ON a.id = f.article_id "
        "LEFT JOIN sentences s ON s.article_id = f.article_id AND s.idx = f.sentence "
        "WHERE a.state = 'indexed' AND a.duplicate_of IS NULL").fetchall()
    out: dict[str, list[SystemFact]] = {}
    for r in rows:
        vector = np.frombuffer(r[8], dtype=np.float16).astype(np.float32) if r[8] is not None else None
        out.setdefault(Path(str(r[0])).name, []).append(
            SystemFact(r[1], r[2], r[3], r[4], r[5], r[6], r[7], vector, r[9], tuple(str(r[10]).split()), r[11]))
    return out


def outlets_of(db: sqlite3.Connection) -> dict[str, str]:
    """Each corpus file's outlet (copies included: a gold row may sit in a syndicated copy)."""
    return {Path(str(r[0])).name: str(r[1]) for r in db.execute(
        "SELECT source, COALESCE(outlet, 'article ' || id) FROM articles WHERE state != 'deleting'")}


def match(gold: GoldFact, facts: Sequence[SystemFact]) -> SystemFact | None:
    """The stored fact whose value span overlaps the gold row's; of several (a sentence crediting "Amazon CEO
    Andy Jassy" is read as who set the order off and as who holds an office), the one reading the row's value."""
    overlapping = [f for f in facts if f.value_start < gold.value_end and gold.value_start < f.value_end]
    wanted = None if gold.value is None else gold.value.lstrip(MARKS)
    return next((f for f in overlapping if f.value.lstrip(MARKS) == wanted), overlapping[0] if overlapping else None)


@dataclass
class Scores:
    rows: int = 0
    story_facts: int = 0
    read: int = 0
    read_same_value: int = 0
    gold_disagreements: int = 0
    gold_paraphrases: int = 0
    predicted_disagreements: int = 0
    true_disagreements: int = 0
    paraphrases_flagged: int = 0
    group_pairs_gold: int = 0
    group_pairs_pred: int = 0
    group_pairs_both: int = 0
    value_pairs_gold: set[tuple[str, str, str]] = field(default_factory=set)
    value_pairs_found: set[tuple[str, str, str]] = field(default_factory=set)

    @staticmethod
    def _ratio(a: int, b: int) -> float:
        return a / b if b else 1.0

    def add(self, other: Scores) -> None:
        """Pool another part's counts into these (the folds of a cross-validation)."""
        for name, value in vars(other).items():
            if isinstance(value, set):
                getattr(self, name).update(value)
            else:
                setattr(self, name, getattr(self, name) + value)

    def to_json(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "story_facts": self.story_facts,
            "reading_recall": round(self._ratio(self.read_same_value, self.story_facts), 3),
            "grouping_precision": round(self._ratio(self.group_pairs_both, self.group_pairs_pred), 3),
            "grouping_recall": round(self._ratio(self.group_pairs_both, self.group_pairs_gold), 3),
            "real_disagreements": self.gold_disagreements,
            "same_value_paraphrases": self.gold_paraphrases,
            "disagreement_precision": round(self._ratio(self.true_disagreements, self.predicted_disagreements), 3),
            "disagreement_recall": round(self._ratio(self.true_disagreements, self.gold_disagreements), 3),
            "paraphrases_flagged_as_disagreement": self.paraphrases_flagged,
            "distinct_disputed_value_pairs": len(self.value_pairs_gold),
            "distinct_value_pairs_found": len(self.value_pairs_found & self.value_pairs_gold),
        }


def score(gold: Sequence[GoldFact], facts: dict[str, list[SystemFact]], outlets: dict[str, str],
          group_of: Callable[[SystemFact], str | None] | None = None,
          held_out: Collection[str] | None = None,
          errors: list[tuple[str, GoldFact, SystemFact | None, GoldFact, SystemFact | None]] | None = None) -> Scores:
    """The figures over ``gold``; with ``held_out`` (files), only its rows and the pairs one of them is in;
    with ``errors``, the false and missed disagreements are appended to it."""
    group_of = group_of or (lambda f: f.group_key)
    s = Scores(rows=len(gold) if held_out is None else sum(g.file in held_out for g in gold))
    matched = [(g, match(g, facts.get(g.file, []))) for g in gold]
    for g, f in matched:
        if held_out is not None and g.file not in held_out:
            continue
        if g.story:
            s.story_facts += 1
            s.read += f is not None
            s.read_same_value += f is not None and g.value is not None and \
                f.value.lstrip(MARKS) == g.value.lstrip(MARKS)
    for (ga, fa), (gb, fb) in combinations(matched, 2):
        if outlets.get(ga.file, ga.file) == outlets.get(gb.file, gb.file):
            continue
        if held_out is not None and ga.file not in held_out and gb.file not in held_out:
            continue
        same_event = ga.story and ga.event == gb.event
        real = real_disagreement(ga, gb)
        paraphrase = same_event and not real and ((ga.exact and gb.exact) or (ga.estimate and gb.estimate))
        s.gold_disagreements += real
        s.gold_paraphrases += paraphrase
        if real:
            s.value_pairs_gold.add((ga.event, *sorted((str(ga.value), str(gb.value)))))  # type: ignore[arg-type]
        together = fa is not None and fb is not None and group_of(fa) is not None and group_of(fa) == group_of(fb)
        if ga.story and gb.story:
            s.group_pairs_gold += same_event
            s.group_pairs_pred += together
            s.group_pairs_both += same_event and together
        flagged = (together and fa is not None and fb is not None and values_differ(fa.value, fb.value)
                   and fa.compared and fb.compared)
        s.predicted_disagreements += flagged
        s.true_disagreements += flagged and real
        s.paraphrases_flagged += flagged and paraphrase
        if flagged and real:
            s.value_pairs_found.add((ga.event, *sorted((str(ga.value), str(gb.value)))))  # type: ignore[arg-type]
        if errors is not None and flagged != real:
            errors.append(("false" if flagged else "missed", ga, fa, gb, fb))
    return s


def regrouped(facts: dict[str, list[SystemFact]], threshold: float,
              lone_threshold: float | None = None) -> dict[tuple[int, int], str]:
    """Groups as ``regroup`` would make them at another threshold (same order, same rule)."""
    by_event: dict[str, list[SystemFact]] = {}
    for fact in sorted((f for fs in facts.values() for f in fs if f.vector is not None and f.compared),
                       key=lambda f: (f.article_id, f.idx)):
        by_event.setdefault(fact.event, []).append(fact)
    out: dict[tuple[int, int], str] = {}
    for event, items in by_event.items():
        if event in MODEL_PROPERTIES or event == ROLE.key:  # grouped by what they belong to, as ``group_keys``
            first: dict[str, int] = {}
            keys = [first.setdefault(identity_of(event, f.names) or f"{i}", i) for i, f in enumerate(items)]
        else:
            keys = group_event([(f.value, f.vector, f.names) for f in items], threshold,  # type: ignore[misc]
                               lone_threshold)
        for k, f in zip(keys, items, strict=True):
            out[(f.article_id, f.idx)] = f"{event}/{items[k].article_id}.{items[k].idx}"
    return out


def split(gold: Sequence[GoldFact]) -> tuple[list[GoldFact], list[GoldFact]]:
    return [g for g in gold if not is_frozen(g.file)], [g for g in gold if is_frozen(g.file)]


def evaluate(db: sqlite3.Connection, gold_path: Path) -> dict[str, Any]:
    """Development and frozen-test figures with the groups as stored."""
    gold = load_gold(gold_path)
    facts, outlets = system_facts(db), outlets_of(db)
    dev, test = split(gold)
    return {"development": score(dev, facts, outlets).to_json(), "frozen_test": score(test, facts, outlets).to_json()}


PLATEAU = 0.01
THRESHOLDS = [round(float(t), 2) for t in np.arange(0.0, 0.96, 0.05)]


Grouping = dict[tuple[int, int], str]


class Groupings:
    """Groups at each (threshold, lone threshold), made once and shared by the fit and its folds."""

    def __init__(self, facts: dict[str, list[SystemFact]]) -> None:
        self.facts = facts
        self._made: dict[tuple[float, float], Grouping] = {}

    def at(self, threshold: float, lone: float | None = None) -> Grouping:
        key = (threshold, threshold if lone is None else max(lone, threshold))
        if key not in self._made:
            self._made[key] = regrouped(self.facts, *key)
        return self._made[key]


def fit_thresholds(rows: Sequence[GoldFact], facts: dict[str, list[SystemFact]], outlets: dict[str, str],
                   groupings: Groupings) -> tuple[float, float, list[dict[str, Any]], list[dict[str, Any]]]:
    """The grouping threshold (every lone value held to it too), then the lone values' threshold at it."""
    best, sweep = sweep_thresholds(rows, facts, outlets, {t: groupings.at(t) for t in THRESHOLDS})
    threshold = float(best["threshold"])
    lone_best, lone_sweep = sweep_thresholds(
        rows, facts, outlets, {t: groupings.at(threshold, t) for t in THRESHOLDS if t >= threshold})
    return threshold, float(lone_best["threshold"]), sweep, lone_sweep


def sweep_thresholds(rows: Sequence[GoldFact], facts: dict[str, list[SystemFact]], outlets: dict[str, str],
                     grouped: dict[float, Grouping]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Disagreement figures of ``rows`` at each threshold, and the chosen one (:func:`choose_threshold`)."""
    sweep: list[dict[str, Any]] = []
    for threshold, groups in grouped.items():
        figures = score(rows, facts, outlets, lambda f, g=groups: g.get((f.article_id, f.idx))).to_json()  # type: ignore[misc]
        p, r = figures["disagreement_precision"], figures["disagreement_recall"]
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        sweep.append({"threshold": threshold, "precision": p, "recall": r, "f1": round(f1, 3)})
    return choose_threshold(sweep), sweep


def choose_threshold(sweep: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Among thresholds whose precision reaches 0.9 (else all), the middle one of those whose F1 is within
    ``PLATEAU`` of the best."""
    eligible = [s for s in sweep if s["precision"] >= 0.9] or list(sweep)
    # the middle of the thresholds that do about as well as the best: where a group breaks up (a cliff in
    # recall) depends on the articles, and a threshold at a cliff's edge does not carry over to other
    # articles (the cross-validation inside development showed it)
    top = max(s["f1"] for s in eligible)
    plateau = sorted((s for s in eligible if s["f1"] >= top - PLATEAU), key=lambda s: s["threshold"])
    return plateau[(len(plateau) - 1) // 2]


def cross_validate(db: sqlite3.Connection, gold_path: Path) -> dict[str, Any]:
    """Development only: for each fold of articles, the threshold is chosen on the other folds' rows and the
    held-out fold's rows (and the pairs they are in) are scored at it; pooled over the folds. Also the
    figures of each fold with the groups as stored, which is how a reader change is checked before any
    frozen figure is looked at (look at errors of some folds, judge the change on the others)."""
    gold = load_gold(gold_path)
    facts, outlets = system_facts(db), outlets_of(db)
    dev, _test = split(gold)
    groupings = Groupings(facts)
    pooled, stored = Scores(), Scores()
    folds: list[dict[str, Any]] = []
    for k in range(FOLDS):
        held = {g.file for g in dev if fold_of(g.file) == k}
        threshold, lone, _, _ = fit_thresholds([g for g in dev if g.file not in held], facts, outlets, groupings)
        groups = groupings.at(threshold, lone)
        part = score(dev, facts, outlets, lambda f, g=groups: g.get((f.article_id, f.idx)), held_out=held)  # type: ignore[misc]
        as_stored = score(dev, facts, outlets, held_out=held)
        pooled.add(part)
        stored.add(as_stored)
        figures, cv = as_stored.to_json(), part.to_json()
        folds.append({"fold": k, "files": len(held), "threshold": threshold, "lone_threshold": lone,
                      "cv_precision": cv["disagreement_precision"], "cv_recall": cv["disagreement_recall"],
                      "stored_precision": figures["disagreement_precision"],
                      "stored_recall": figures["disagreement_recall"],
                      "stored_reading_recall": figures["reading_recall"]})
    return {"folds": folds, "cross_validated": pooled.to_json(), "stored_by_fold_pooled": stored.to_json()}


def error_pairs(db: sqlite3.Connection, gold_path: Path, folds: Collection[int] | None = None) -> list[str]:
    """Development only (the frozen part's errors are never listed): the false and missed disagreements,
    by the pair of rows' gold and stored readings, most pairs first; ``folds`` limits them to those folds."""
    gold = load_gold(gold_path)
    facts, outlets = system_facts(db), outlets_of(db)
    dev, _test = split(gold)
    held = {g.file for g in dev if folds is None or fold_of(g.file) in folds}
    found: list[tuple[str, GoldFact, SystemFact | None, GoldFact, SystemFact | None]] = []
    score(dev, facts, outlets, held_out=held, errors=found)

    def side(g: GoldFact, f: SystemFact | None) -> str:
        read = "unread" if f is None else f"{f.event}={f.value} {f.group_key} {f.label}"
        return f"{g.file}@{g.value_start} gold {g.event}={g.value} | {read}"

    counts = Counter(f"{kind}: {side(g, f)}" for kind, ga, fa, gb, fb in found for g, f in ((ga, fa), (gb, fb)))
    return [f"{n:4d} pairs  {line}" for line, n in counts.most_common()]


def fit(db: sqlite3.Connection, gold_path: Path, write: bool = True) -> dict[str, Any]:
    """Pick the grouping thresholds on the development part only (see :func:`fit_thresholds`)."""
    gold = load_gold(gold_path)
    facts, outlets = system_facts(db), outlets_of(db)
    dev, test = split(gold)
    groupings = Groupings(facts)
    threshold, lone, sweep, lone_sweep = fit_thresholds(dev, facts, outlets, groupings)
    groups = groupings.at(threshold, lone)
    test_figures = score(test, facts, outlets, lambda f: groups.get((f.article_id, f.idx))).to_json()
    fitted_on = ("development part of tests/data/facts.jsonl "
                 f"(files whose name hash is not in the frozen {FROZEN_SHARE:.0%})")
    result = {"threshold": threshold, "lone_threshold": lone, "fitted_on": fitted_on, "sweep": sweep,
              "lone_sweep": lone_sweep, "frozen_test_at_threshold": test_figures}
    if write:
        FITTED.write_text(json.dumps({"threshold": threshold, "lone_threshold": lone, "fitted_on": fitted_on,
                                      "fit": "python -m bot.facts.evaluate fit DATA_DIR"}, indent=1) + "\n")
    return result


def events_known() -> list[str]:
    return [e.key for e in EVENTS]


if __name__ == "__main__":
    # python -m bot.facts.evaluate fit|cv|errors|eval DATA_DIR [FACTS.jsonl] [FOLD ...]
    # (run `briefbot eval --facts` first after changing the reader: it brings the stored facts up to date)
    import sys

    data_dir = Path(sys.argv[2])
    gold_file = Path(sys.argv[3]) if len(sys.argv) > 3 else Path("tests/data/facts.jsonl")
    connection = sqlite3.connect(data_dir / "catalog.sqlite3")
    if sys.argv[1] == "errors":
        print("\n".join(error_pairs(connection, gold_file, {int(k) for k in sys.argv[4:]} or None)))
    else:
        report = {"fit": fit, "cv": cross_validate}.get(sys.argv[1], evaluate)(connection, gold_file)
        print(json.dumps(report, indent=1))
