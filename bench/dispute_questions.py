"""How often an answer shows the dispute a question asks about, on the written sets of questions asking whom the
order covered, what set it off and how much notice it gave (``tests/data/{scope,cause,notice}_questions.jsonl``).

    BRIEFBOT_DATA_DIR=<built corpus> .venv/bin/python bench/dispute_questions.py [--rules-only]

For each set and split, the share of questions of the kind whose answer shows that dispute ("Sources disagree on
whom the order covered", "… on what set off the order", "… on how much notice Anthropic got"), and the share of
the set's other questions whose answer shows it. ``--rules-only`` answers as if no question were told by meaning
(``bot.answers.dispute_asked``): the
word rules alone, for comparison.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.answers import compose  # noqa: E402
from bot.answers.dispute_asked import KINDS  # noqa: E402
from bot.answers.evaluate import load_questions  # noqa: E402
from bot.answers.service import AnswerService  # noqa: E402
from bot.corpus.ingest import CorpusService  # noqa: E402
from bot.settings import Settings  # noqa: E402


def _told_by_words_only(question: str) -> frozenset[str]:
    return frozenset()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules-only", action="store_true", help="no question told by meaning")
    args = parser.parse_args()
    if args.rules_only:
        compose.asked_by_meaning = _told_by_words_only  # type: ignore[attr-defined]
    settings = Settings()
    service = AnswerService(settings, CorpusService.open(settings))
    try:
        for kind, event in KINDS.items():
            rows = load_questions(ROOT / "tests" / "data" / f"{kind}_questions.jsonl")
            for split in ("dev", "test"):
                for asked in (True, False):
                    texts = [r["text"] for r in rows if r["split"] == split and (r["kind"] == kind) == asked]
                    shown = sum(any(event.reader in c.summary for c in service.ask(t).conflicts) for t in texts)
                    print(f"{kind:>6} {split:>4} {'asking it' if asked else 'other':>9}: dispute shown "
                          f"{shown}/{len(texts)}")
    finally:
        service.close()
        service.corpus.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
