"""A score asked on a benchmark the best sentences never name: "whats fable 5's score on humanity's last exam",
"mythos 5's cybench score?".

Launch coverage lists a model's scores on a few benchmarks; a user asking another one's gets those instead ("95%
on SWE-bench Verified" for a question about Cybench), which reads as an answer and is not one. When none of the
best sentences names the benchmark asked, the question is declined and the refusal names it. The benchmark is
read from the question's words around "score" by rule, so the refusal can say what was looked for.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from bot.answers.asked import model_written
from bot.answers.quoted import plain_words
from bot.nlp.terms import STOPWORDS

# "score on X", "scored in X", "get on the X" (with a score asked); "X score" after its model ("fable 5's X score")
_SCORE_ON = re.compile(r"\b(?:score[sd]?|scoring|get|got|getting)\s+(?:on|in)\s+(?:the\s+)?([^?!.,;]+)",
                       re.IGNORECASE)
_SCORE_OF = re.compile(r"([^?!.,;]+?)\s+(?:benchmark\s+)?(?:score|result)s?\b", re.IGNORECASE)
_SCORE_ASKED = re.compile(r"\bscor(?:e|es|ed|ing)\b", re.IGNORECASE)
# words around a benchmark's name that are not part of it
_NOT_NAME = frozenset({"benchmark", "benchmarks", "index", "leaderboard", "eval", "evals", "test", "exact", "actual",
                       "real", "final", "official", "overall", "reported", "like", "score", "scores", "number",
                       "what", "whats", "which", "did", "does", "do", "was", "is", "get", "got", "its", "their",
                       "highest", "top", "best", "lowest", "high", "low", "new", "old", "and", "or", "vs", "compared",
                       # "what were the before/after scores": when, not which benchmark
                       "before", "after", "before/after", "latest", "earlier", "later", "previous", "current"})
MAX_NAME_WORDS = 4
# where a name asked "X score" begins: after a model's possessive ("fable 5's", "fables", "mythos 5's"), its
# version ("fable 5 mmlu score") or the question word ("what SWE-bench Verified score"); with none of these before
# it ("did they publish benchmark scores"), the words before "score" name no benchmark
_POSSESSIVE = re.compile(r"(?:'s|’s)$")
_ASKING = frozenset({"what", "whats", "which"})
_STOPS_ON = frozenset({"and", "or", "vs", "compared", "than", "did", "right", "like", "was", "is", "when"})


def _name_words(words: list[str]) -> list[str]:
    return [w for w in words if w.lower() not in _NOT_NAME and w.lower() not in STOPWORDS]


def benchmark_asked(question: str, is_name: Callable[[str], bool] = lambda word: False) -> str | None:
    """The benchmark a question asks a score on, as typed ("humanity's last exam"), or None. ``is_name`` tells
    a model's name typed with an "s" for its possessive ("fables swe-bench pro score")."""
    if not _SCORE_ASKED.search(question):
        return None
    if (on := _SCORE_ON.search(question)) is not None:
        words = on.group(1).split()
        cut = next((i for i, w in enumerate(words) if w.lower() in _STOPS_ON), None)
        return " ".join(_name_words(words[:cut][:MAX_NAME_WORDS])) or None
    if (of := _SCORE_OF.search(question)) is not None:
        words = of.group(1).split()

        def edge(word: str) -> bool:
            low = word.lower()
            return bool(_POSSESSIVE.search(low)) or low.isdigit() or low in _ASKING or (
                low.endswith("s") and is_name(low[:-1]))
        starts = [i + 1 for i, w in enumerate(words) if edge(w)]
        if not starts:
            return None
        return " ".join(_name_words(words[max(starts):][-MAX_NAME_WORDS:])) or None
    return None


def unscored(question: str, texts: Iterable[str], is_name: Callable[[str], bool] = lambda word: False) -> str | None:
    """"a score on X" when the question asks a score on benchmark X and none of ``texts`` (the best sentences)
    names X, else None. Asked one model's score ("mythos 5's swe-bench verified score"), a sentence naming the
    benchmark must name that model too: "Fable 5 … scoring 95% on SWE-bench Verified" gives another model's."""
    name = benchmark_asked(question, is_name)
    if name is None:
        return None
    wanted = plain_words(name)
    naming = [text for text in texts if wanted in plain_words(text)]
    # (a model named with its version, "Mythos 5", "Opus 4.8"; not a date's day, "June 9")
    model = model_written(question)
    if model is not None:
        if not any(model.named.search(text) for text in naming):
            return f"a score of {model.written} on {name}" if naming else f"a score on {name}"
        return None
    return None if naming else f"a score on {name}"

