"""Article ids as people type them (``12``, ``#12``)."""

from __future__ import annotations

from bot.errors import InvalidInputError
from bot.safety import quote

MAX_ID_DIGITS = 18  # SQLite integers are 64-bit; longer digit strings are not ids


def parse_article_id(text: str) -> int:
    cleaned = text.strip().lstrip("#")
    if not cleaned.isascii() or not cleaned.isdigit() or len(cleaned) > MAX_ID_DIGITS:
        raise InvalidInputError(f"An article id is a number, as shown by `corpus list` (got “{quote(text, 30)}”).")
    return int(cleaned)
