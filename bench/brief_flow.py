"""Briefs on a news flow: development recall of the first five statements, per window and per split.

    .venv/bin/python bench/brief_flow.py [--data-dir DIR] [--flow tests/data/brief_flow.jsonl] [--show ID] [--why]

Indexes the flow's articles and the first window's base (read in place from the shared corpus) into
``--data-dir`` once (reused when it already holds them), then composes the brief of every window and prints its
scores (see :mod:`bot.briefs.flow_eval`). ``--show`` prints that window's brief in full; ``--why`` says where each
missed development was lost (:func:`bot.briefs.flow_eval.why_missed`).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.briefs.cli import to_markdown  # noqa: E402
from bot.briefs.compose import compose_brief  # noqa: E402
from bot.briefs.developments import NoveltyJudge  # noqa: E402
from bot.briefs.flow_eval import (  # noqa: E402
    evaluate_flow,
    flow_files,
    load_flow,
    summary,
    why_missed,
    window_bounds,
)
from bot.corpus.ingest import CorpusService  # noqa: E402
from bot.settings import Settings  # noqa: E402

CORPUS = Path(os.environ.get("BRIEFBOT_TEST_CORPUS") or ROOT.parent / "shared" / "corpus")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=Path("/tmp/briefbot-flow"))
    parser.add_argument("--flow", type=Path, default=ROOT / "tests" / "data" / "brief_flow.jsonl")
    parser.add_argument("--show", action="append", default=[])
    parser.add_argument("--why", action="store_true", help="say where each missed development was lost")
    args = parser.parse_args()
    rows = load_flow(args.flow)
    files = flow_files(rows, CORPUS)
    settings = Settings(_env_file=None, data_dir=args.data_dir)  # type: ignore[call-arg]
    corpus = CorpusService.open(settings)
    try:
        started = time.perf_counter()
        corpus.add_paths(files, "bench", "bench/brief_flow.py")
        print(f"indexed {len(files)} articles in {time.perf_counter() - started:.1f} s")
        judge = NoveltyJudge(corpus.catalog, corpus.index)
        started = time.perf_counter()
        scores = evaluate_flow(corpus.catalog, judge, rows)
        elapsed = time.perf_counter() - started
        rows_by_id = {row["id"]: row for row in rows}
        for s in scores:
            print(f"{s.id} {s.split:4} {s.n_articles:3} articles  recall@5 {s.recall:.2f} "
                  f"(strict {s.strict_recall:.2f})  "
                  f"background {s.background_leads}  max numbers/article {s.max_numbers_per_article}  "
                  f"disagreements {s.disagreements}  repeats {s.repeats}")
            reasons = why_missed(corpus.catalog, judge, rows_by_id[s.id]) if args.why and s.missed else {}
            for what in s.missed:
                print(f"    missed: {what[:100]}" + (f"  [{reasons[what]}]" if what in reasons else ""))
        print(json.dumps(summary(scores), indent=1))
        print(f"{elapsed / max(len(rows), 1):.1f} s per brief")
        for row in rows:
            if row["id"] in args.show:
                since, until = window_bounds(row)
                print(to_markdown(compose_brief(corpus.catalog, judge, since, until)))
    finally:
        corpus.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
