"""The cue lexicons (``bot/nlp/data/cues.toml``), loaded once and compiled into gated patterns.

The lexicons are data: the speech verbs, hedges, evaluative words, outlets and word lists the rules and the
attribution read. They are loaded on first use (never at import) through :mod:`importlib.resources`, so
they ship inside the package and work from a wheel.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from bot.nlp.gates import GatedPattern

__all__ = ["CueBook", "clean_text", "cue_book"]

_DATA = "cues.toml"
_HTML_TAG = re.compile(r"<[^>]{1,400}>")
# Markdown emphasis markers (**bold**, __bold__, *italic*), often unbalanced when a span crosses sentences.
_EMPHASIS = re.compile(r"\*+|(?<![A-Za-z0-9])__+|__+(?![A-Za-z0-9])")
_SPACE = re.compile(r"\s+")


def clean_text(text: str) -> str:
    """Drop HTML tags and markdown emphasis and collapse whitespace, so pages are judged by their words."""
    return _SPACE.sub(" ", _EMPHASIS.sub("", _HTML_TAG.sub(" ", text))).strip()


@dataclass(frozen=True)
class CueBook:
    """Every cue pattern by name (gated by its own required strings) and every word list by name."""

    patterns: dict[str, GatedPattern]
    words: dict[str, frozenset[str]]
    outlets: tuple[str, ...]
    outlet_alternation: str

    def __getattr__(self, name: str) -> GatedPattern:
        # ``book.hedge`` reads as the cue it is; an unknown name is a programming error, not a missing cue.
        try:
            return self.patterns[name]
        except KeyError:
            raise AttributeError(name) from None

    def regex(self, name: str) -> re.Pattern[str]:
        return self.patterns[name].pattern


def _alternation(names: tuple[str, ...]) -> str:
    """One regex alternation for all outlets, longest first, accepting either apostrophe."""
    return "|".join(re.escape(n).replace("'", "['’]") for n in sorted(names, key=len, reverse=True))


def load_cue_book(text: str) -> CueBook:
    """Compile a cue file's text (the TOML format documented at the top of ``cues.toml``)."""
    data = tomllib.loads(text)
    words = {name: frozenset(values) for name, values in data["words"].items()}
    outlets = tuple(data["words"]["outlets"])
    alternation = _alternation(outlets)
    patterns: dict[str, GatedPattern] = {}
    for name, spec in data["patterns"].items():
        source = "".join(spec["regex"]).replace("{outlets}", alternation)
        flags = re.IGNORECASE if "i" in spec.get("flags", "") else 0
        patterns[name] = GatedPattern(re.compile(source, flags))
    return CueBook(patterns=patterns, words=words, outlets=outlets, outlet_alternation=alternation)


@cache
def cue_book() -> CueBook:
    """The shipped cue lexicons, compiled on first use."""
    return load_cue_book(resources.files("bot.nlp").joinpath("data", _DATA).read_text(encoding="utf-8"))
