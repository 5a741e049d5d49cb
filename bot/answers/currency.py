"""An amount asked in a currency: "how much is fable per million tokens in rupees", "whats it cost in euros".

People outside the United States ask a price in their own currency; the reporting mostly gives dollars. Quoting
a dollar price answers another question (and converting it would state a figure no source gives), so when none
of the best sentences states an amount in the currency asked, the question is declined and the refusal says what
was looked for. The match is a rule on purpose: it explains the decline in the user's words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_AMOUNT = r"\d[\d,.]*(?:\s?(?:k|m|bn|million|billion|crore|lakh))?"
# each currency: how a question asks for an amount in it, and how a sentence states one
_CURRENCIES: dict[str, tuple[str, str]] = {
    "euros": (r"euros?|eur", rf"€\s?\d|\b{_AMOUNT}\s?(?:euros?|eur)\b|\beur\s?\d"),
    "rupees": (r"rupees?|inr|rs", rf"₹\s?\d|\brs\.?\s?\d|\b{_AMOUNT}\s?(?:rupees?|inr|cr)\b|\binr\s?\d"),
    "pounds": (r"pounds?(?:\s+sterling)?|sterling|gbp", rf"£\s?\d|\b{_AMOUNT}\s?(?:pounds?|gbp)\b|\bgbp\s?\d"),
    "yen": (r"yen|jpy", rf"¥\s?\d|\b{_AMOUNT}\s?(?:yen|jpy)\b|\bjpy\s?\d"),
    "yuan": (r"yuan|rmb|renminbi|cny", rf"¥\s?\d|\b{_AMOUNT}\s?(?:yuan|rmb|renminbi|cny)\b|\b(?:rmb|cny)\s?\d"),
    "won": (r"won|krw", rf"₩\s?\d|\b{_AMOUNT}\s?(?:won|krw)\b|\bkrw\s?\d"),
}
_ASKED = {name: re.compile(rf"\b(?:in|into|to)\s+(?:{asked})\b|\bhow\s+many\s+(?:{asked})\b", re.IGNORECASE)
          for name, (asked, _stated) in _CURRENCIES.items()}
_STATED = {name: re.compile(stated, re.IGNORECASE) for name, (_asked, stated) in _CURRENCIES.items()}
# an amount asked, not a contest won ("who won …") or a weight ("in pounds" after a weight word)
_HOW_MUCH = re.compile(r"\b(?:how\s+much|how\s+many|cost|costs|price|prices|priced|pricing|pay|paid|charge|fee|fees|"
                       r"fund|funding|invest|invested|investment|worth|spend|spent|budget)\b", re.IGNORECASE)


def unpriced(question: str, texts: Iterable[str]) -> str | None:
    """The amount asked ("an amount in euros") when the question asks one in a currency other than dollars and
    none of ``texts`` (the best sentences) states an amount in it, else None."""
    if not _HOW_MUCH.search(question):
        return None
    asked = [name for name, pattern in _ASKED.items() if pattern.search(question)]
    if not asked:
        return None
    said = list(texts)
    if any(_STATED[name].search(text) for name in asked for text in said):
        return None
    return f"an amount in {asked[0]}"
