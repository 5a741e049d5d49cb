"""Where the news-flow benchmark says a missed development was lost (``bench/brief_flow.py --why``),
without a corpus."""

from __future__ import annotations

from types import SimpleNamespace
from typing import cast

import numpy as np

from bot.answers.candidate import Candidate
from bot.answers.retrieve import Passage
from bot.briefs.developments import Development
from bot.briefs.flow_eval import LEAD, loss_reason


def candidate(article_id: int, text: str, label: str = "fact") -> Candidate:
    passage = cast(Passage, SimpleNamespace(article=SimpleNamespace(id=article_id, outlet=f"o{article_id}")))
    return Candidate(passage=passage, idx=0, start=0, end=len(text), text=text, label=label,  # type: ignore[arg-type]
                     cues=(), terms=frozenset(text.lower().split()))


def test_each_way_a_development_is_lost_is_named() -> None:
    suit = candidate(1, "Legion sued the Commerce Department.")
    detail = candidate(2, "Legion's lawsuit asks for an injunction.")
    recap = candidate(3, "The order of June 12 took the models offline.")
    opinion = candidate(4, "Frankly the blacklist of 56 firms was predictable.", "opinion")
    fillers = [candidate(10 + k, f"Filler statement number {k}.") for k in range(LEAD)]
    candidates = [suit, detail, recap, opinion, *fillers]
    background = np.asarray([False, False, True, False] + [False] * LEAD)
    led = [Development(suit, [suit, detail]), *(Development(f, [f]) for f in fillers)]
    assert loss_reason(["Legion", "sued"], candidates, background, led) == "led"
    assert loss_reason(["Legion", "injunction"], candidates, background, led) == (
        "grouped under another development's lead")
    assert loss_reason(["June 12"], candidates, background, led) == "every sentence stating it was judged background"
    assert loss_reason(["56", "blacklist"], candidates, background, led) == "only commentary states it"
    assert loss_reason(["Bessent"], candidates, background, led) == "no quotable sentence states it"
    late = [*(Development(f, [f]) for f in fillers), Development(suit, [suit])]
    assert loss_reason(["Legion", "sued"], candidates, background, late) == f"its development ranked {LEAD + 1}"
