"""Amounts a question asks for that only a sentence stating one answers.

- **In a currency** ("how much is fable per million tokens in rupees", "whats it cost in euros"). People outside
  the United States ask a price in their own currency; the reporting mostly gives dollars. Quoting a dollar price
  answers another question (and converting it would state a figure no source gives).
- **Of the model asked** ("how much does mythos cost", "and mythos?" after Fable's price). The sentences that give
  a price name the model it is of; when none of them names the model the question asks about, another model's
  price answers another question.
- **Of a payment or a change** ("how much did anthropic agree to pay", "how much did amazon stock drop", "how much
  did downloads spike"). Sentences about the deal or the stock that give no figure beside the paying or the
  dropping read as an answer and are not one.

When none of the best sentences states such an amount, the question is declined and the refusal says what was
looked for. The matches are rules on purpose: they explain the decline in the user's words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from bot.answers.question import PAGE_KINDS
from bot.nlp.terms import stem

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
# an amount asked, not a contest won ("who won the final in euros 2024?")
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


# a price asked, not any amount ("how much did amazon invest" asks no model's price)
_PRICE_ASKED = re.compile(r"\b(?:costs?|costing|price[sd]?|pricing|pricey|charges?|charged|per\s+(?:million|1m|m|mtok|"
                          r"token|tokens))\b", re.IGNORECASE)
_DOLLARS = re.compile(r"\$\s?\d")
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")  # ("gpt-5.6": the name, not the hyphen before its version)


def unpriced_model(question: str, said: Iterable[tuple[str, frozenset[str]]],
                   names_model: Callable[[str], bool], name_form: Callable[[str], str] = str.capitalize) -> str | None:
    """The price asked ("a price for Mythos") when the question asks what a model it names costs and the best
    sentences that state a price in dollars (``said``: each one's text and the terms of its context, the sentence
    before it and its page's title) all name other models: asked what Mythos costs, Fable's price is no answer.
    Asked of several models, only when none of them is priced.
    None when no best sentence states a price (the answerability model judges those). The model is named as the
    corpus writes it (``name_form``: "GPT", "Mythos") with the version the question gives ("GPT-5.6")."""
    if not _PRICE_ASKED.search(question):
        return None
    asked = list(dict.fromkeys(w.lower() for w in _WORD.findall(question) if names_model(w)))
    priced = [(text, context) for text, context in said if _DOLLARS.search(text)]
    if not asked or not priced:
        return None
    def of_model(model: str, text: str, context: frozenset[str]) -> bool:
        # by its context only when the sentence names no model of its own: "billed at $10 … for Fable 5" on a page
        # titled "Fable 5 and Mythos 5 …" is Fable's price, not Mythos's
        return bool(re.search(rf"\b{re.escape(model)}\b", text, re.IGNORECASE)) or (
            stem(model) in context and not any(map(names_model, _WORD.findall(text))))

    unpriced = [model for model in asked if not any(of_model(model, text, context) for text, context in priced)]
    # (asked to compare two, one's price is half an answer: "how does fable's price compare to glm-5.2's")
    return f"a price for {_model_asked(name_form(unpriced[0]), question)}" if len(unpriced) == len(asked) else None


def _model_asked(shown: str, question: str) -> str:
    """A model's name with the version the question gives it ("GPT-5.6", "Mythos 5")."""
    version = re.search(rf"\b{re.escape(shown)}(\s*-\s*|\s+)(\d+(?:\.\d+)*)\b", question, re.IGNORECASE)
    return f"{shown}{'-' if version and '-' in version.group(1) else ' '}{version.group(2)}" if version else shown


def unpriced_unit(question: str, texts: Iterable[str]) -> str | None:
    """The rate asked ("an amount per image") when the question asks an amount per some unit ("how much per
    image", "whats the price per share", "the fine per violation", "its speed in tokens per second") and none of
    ``texts`` (the best sentences) states an amount per that unit (a price per million tokens is no price per
    image), else None."""
    if not _HOW_MUCH.search(question) and not _PENALTY.search(question) and not _SPEED.search(question):
        return None
    asked = _PER_UNIT.search(question)
    if asked is None or _PER_SOURCE.match(question, asked.start()):
        return None
    unit = asked.group("unit").lower()
    stated = re.compile(rf"(?:\bper|/|\ba|\beach)[\s-]*(?:[\w-]+\s+){{0,3}}?{re.escape(stem(unit))}\w*", re.IGNORECASE)
    if any(stated.search(text) for text in texts):
        return None
    return f"an amount per {unit}"


_PENALTY = re.compile(r"\b(?:fines?|penalt(?:y|ies)|rate|charges?|costs?)\b", re.IGNORECASE)
# a speed asked ("hows its output speed, like tokens per second", "how fast is it per request")
_SPEED = re.compile(r"\b(?:speed|fast|throughput)\b", re.IGNORECASE)
# the unit a rate is asked per ("per image", "per violation", "per million tokens": tokens; "per share")
_PER_UNIT = re.compile(r"\bper[\s-]+(?:(?:a|an|one|each|single|every|\d[\d,.]*|million|thousand|hundred|billion|"
                       r"input|output)\s+)*(?P<unit>[a-z]{3,})\b", re.IGNORECASE)
# "per that intworks piece", "per kunal's post", "per reuters": who says so (the chat "according to"), not a unit
_PER_SOURCE = re.compile(rf"\bper\s+(?:(?:the|that|this|these|those|his|her|their|its|my|ur|your)\b|"
                         rf"(?:[\w'’-]+\s+){{0,3}}(?:{PAGE_KINDS})s?\b)", re.IGNORECASE)


# "how much did X pay / drop / spike …": the act whose amount is asked, the words a sentence may say it with, and
# what the refusal calls the amount (the price a thing costs is not here: "it runs $10 per million tokens" states it
# in words no rule lists)
_ACTS: dict[str, tuple[str, str]] = {
    "pay": ("pay paid paying pays payment payments bought buy purchased upgraded subscribed",
            "an amount paid"),
    "spend": ("spend spent spending", "an amount spent"),
    "invest": ("invest invested investing investment investments investor investors stake poured committed",
               "an amount invested"),
    "refund": ("refund refunded refunds refunding", "the amount refunded"),
    "drop": ("drop dropped drops dropping fell fall falls falling decline declined declines slid plunged tumbled lost "
             "down", "the size of the drop"),
    "spike": ("spike spiked spikes surge surged surges jump jumped jumps rise rose risen climbed soared up",
              "the size of the rise"),
    "raise": ("raise raised raises hike hiked hikes increase increased", "the size of the increase"),
    "lose": ("lose lost loses losing loss losses", "an amount lost"),
    "earn": ("earn earned earns earning revenue revenues earnings sales", "an amount earned"),
}
# the words a question asks each act by (the first of a sentence's words for it, and their other forms)
_ASKED_AS = {"pay": "pay paid paying pays", "spend": "spend spent", "invest": "invest invested put poured",
             "refund": "refund refunded refunds",
             "drop": "drop dropped drops fall fell falls decline declined", "spike": "spike spiked surge surged jump "
             "jumped rise rose", "raise": "raise raised hike hiked", "lose": "lose lost",
             "earn": "earn earned revenue revenues earnings"}
_ACT_OF = {word: act for act, words in _ASKED_AS.items() for word in words.split()}
_ACTS_ASKED = "|".join(_ACT_OF)
_MOVES_ASKED = "|".join(word for word, act in _ACT_OF.items() if act in ("drop", "spike", "raise"))
# "what did apple …" before the act its subject did (not "what did they say about the pay"): the money kind of answer
# (answer_type._MONEY) reads a payment asked so too
WHAT_SUBJECT_DID = r"\bwhat\s+(?:did|does|do|will|would)\s+(?:[\w'’.-]+\s+){1,4}?(?<!\bthe\s)"
# asked as an amount: "how much did X pay", "what did apple pay to join" (not "what did they spend it on"), "whats
# legion's annual revenue", "how big was the drop", "stock drop after the call, how bad was it"
_ACT_ASKED = (
    re.compile(rf"\bhow\s+much\b[^?]*?\b({_ACTS_ASKED})\b", re.IGNORECASE),
    re.compile(rf"{WHAT_SUBJECT_DID}(pay|spend|invest|earn|refund|lose)\b"
               r"(?!\s+(?:it|them|that|this|the money)\s+on\b)", re.IGNORECASE),
    re.compile(r"\bwhat(?:['’]?s|\s+is|\s+was|\s+are|\s+were)\s+[^?]{0,40}?\b(revenues?|earnings)\b", re.IGNORECASE),
    re.compile(rf"\bhow\s+(?:bad|big|steep|sharp|large|huge)\b[^?]*?\b({_MOVES_ASKED})\b|"
               rf"\b({_MOVES_ASKED})\b[^?]*?\bhow\s+(?:bad|big|steep|sharp|large|huge)\b", re.IGNORECASE),
)


def _act_asked(question: str) -> str | None:
    """The act word whose amount the question asks ("paid" in "how much was paid"), else None."""
    for pattern in _ACT_ASKED:
        if (match := pattern.search(question)) is not None:
            return next(word for word in match.groups() if word)
    return None

# a figure a sentence states as an amount: money, a share, a scaled number ("$18.4 billion", "4%", "300 percent")
_STATED_AMOUNT = re.compile(r"[$€£¥₹]\s?\d|\b\d[\d,.]*\s?(?:%|percent\b|per\s?cent\b|million\b|billion\b|"
                            r"trillion\b|thousand\b|bn\b|[mbk]\b|x\b|times\b|fold\b)|\b(?:dollars|bucks|euros)\b",
                            re.IGNORECASE)  # ("about a hundred and eighty dollars")
AMOUNT_NEAR_WORDS = 8
_TOKEN = re.compile(r"[$€£¥₹]?\w[\w.,%-]*")


# a market move asked of a "stock" is reported of its "shares" ("shares of ZhipuAI surged 48%")
_MARKET_MOVES = frozenset({"drop", "spike"})


STOCK_WORD = "shares"  # what reporting calls a stock that moved ("shares of Zhipu surged")


def act_words(question: str) -> list[str]:
    """For a "how much did X jump / pay / drop" question, the words reporting writes that act with ("surged",
    "soared" for "jump"), and "shares" for a stock's move: more words for the lexical search to meet the sentence
    by ("how much did zhipu stock jump" shares no word with "shares of ZhipuAI surged 48%"); else none."""
    asked = _act_asked(question)
    if asked is None:
        return []
    act = _ACT_OF[asked.lower()]
    words = _ACTS[act][0].split()
    if act in _MARKET_MOVES and re.search(r"\bstocks?\b", question, re.IGNORECASE):
        words.append(STOCK_WORD)
    return words


def unmeasured(question: str, texts: Iterable[str]) -> str | None:
    """What a "how much did X pay / drop / spike" question asks ("an amount paid") when none of ``texts`` (the best
    sentences) states an amount within a few words of a word saying that act, else None."""
    asked = _act_asked(question)
    if asked is None:
        return None
    words, what = _ACTS[_ACT_OF[asked.lower()]]
    act_stems = {stem(w) for w in words.split()}
    for text in texts:
        tokens = _TOKEN.findall(text)
        at = [i for i, t in enumerate(tokens) if stem(t.lower().strip(".,")) in act_stems]
        if not at:
            continue
        amounts = [i for i, t in enumerate(tokens) if _STATED_AMOUNT.search(" ".join(tokens[i : i + 2]))]
        if any(abs(i - j) <= AMOUNT_NEAR_WORDS for i in amounts for j in at):
            return None
    return what
