"""What a term means, asked as people ask it: "what is glasswing?", "what's the is-informed letter thing",
"what does EAR stand for", "define deemed export". Such a question is answered by a sentence that says what the
term is ("Project Glasswing is Anthropic's programme…", "the EAR, the rules that…", "a chief information
security officer (CISO)"), not by the first sentence that happens to mention it, so the answer leads with one
that defines it when any of its statements does. Pure text: the composer asks both questions of its statements.
"""

from __future__ import annotations

import re

from bot.nlp.terms import STOPWORDS

_TERM = r"(?P<term>[\w'’.&/-]+(?:\s+[\w'’.&/-]+){0,4}?)"
# words around a term that are chat, not the term ("the glasswing thing", "what is X even", "X exactly")
_TRAILING = r"(?:\s+(?:thing|things|stuff|exactly|even|anyway|again|actually|then|here|about|all about|lol|pls|"
_TRAILING += r"please|tho|btw|supposed to be|in this context|in all this|in this story|mean))*"
_ASKED = (
    # "what is glasswing?", "whats the is-informed letter thing", "what are annex a entities"
    re.compile(rf"^\W*(?:(?:so|ok|okay|and|but|wait|sorry|um|hey)\W+)*(?:what|wat|wut)(?:\s+(?P<verb>is|are|was|were)|"
               rf"['’]?s)\s+(?:(?P<article>a|an|the|this|that|these|those)\s+)?{_TERM}{_TRAILING}\s*[?.!]*\s*$",
               re.IGNORECASE),
    # "whats this 4E091 thing the lawsuit keeps mentioning", "what's that glasswing stuff ppl bring up": the word
    # "thing" ends the term whatever follows it
    re.compile(rf"^\W*(?:(?:so|ok|okay|and|but|wait|sorry|um|hey)\W+)*(?:what|wat|wut)(?:\s+(?P<verb>is|are|was|were)|"
               rf"['’]?s)\s+(?P<article>this|that|the)\s+(?!(?:big|main|real|only|first|last|other|same|next|new|"
               rf"latest|biggest|whole|weird|wild|crazy|actual)\b){_TERM}\s+(?:thing|stuff)\b"
               r"(?!\s+(?:is|was|are|were|did|does|do)\b)",
               re.IGNORECASE),
    re.compile(rf"\bwhat\s+(?:does|do|did)\s+(?:(?:a|an|the|this|that)\s+)?(?:(?:name|word|term|phrase)\s+)?{_TERM}"
               r"\s+(?:even\s+|actually\s+)?(?:mean(?!\s+for\b)|stand for|refer to)\b", re.IGNORECASE),
    re.compile(rf"\bwhat\s+(?:do|does|did)\s+(?:they|people|you|u|ppl|it|he|she|the \w+)\s+mean\s+by\s+"
               rf"(?:(?:a|an|the)\s+)?{_TERM}{_TRAILING}\s*[?.!]*\s*$", re.IGNORECASE),
    # "define deemed export", "meaning of glasswing", "eli5 the is-informed letter" is not one (it asks for the story)
    re.compile(rf"^\W*(?:define|definition of|meaning of)\s+(?:(?:a|an|the)\s+)?{_TERM}{_TRAILING}\s*[?.!]*\s*$",
               re.IGNORECASE),
    # "why is the ban called a deemed export thing", "why do they call it an is-informed letter": what the word means
    re.compile(rf"\bwhy\s+(?:(?:is|was|are|were)\s+(?:it|this|that|the\s+\w+)\s+(?:called|termed|labell?ed)|"
               rf"(?:do|does|did)\s+(?:they|people|ppl|you|u|everyone|the \w+)\s+call\s+(?:it|this|that))\s+"
               rf"(?:(?:a|an|the)\s+)?{_TERM}{_TRAILING}\s*[?.!]*\s*$", re.IGNORECASE),
)
# what is asked "what is … ?" of that is no term: the news, a situation, a value, a name ("what is it called"), a
# person's post, or a clause ("what are they asking the judge for", "the capital of australia")
_NOT_TERMS = frozenset("happening going on new up latest news story deal point problem issue situation status "
                       "update plan timeline difference reason cause price cost date number outcome result "
                       "verdict answer rule chance odds called name job title role score limit rate angle "
                       "temperature weather time of in with for at on to from by his her their they it its them "
                       "he she i you we".split())
MAX_TERM_WORDS = 3


def term_asked(question: str) -> list[str]:
    """The words of the term a question asks the meaning of, lowercased ("what's the glasswing thing?" →
    ["glasswing"]); none for any other question."""
    for pattern in _ASKED:
        match = pattern.search(question.strip())
        if match is None:
            continue
        words = [w.strip(".'’") for w in match.group("term").lower().split()]
        words = [w for w in words if w]
        if not words or len(words) > MAX_TERM_WORDS or all(w in STOPWORDS for w in words) \
                or any(w in _NOT_TERMS for w in words):
            continue  # ("what do they mean by X": not "they", but X, which the next pattern reads)
        if any(w in {"did", "does", "do", "is", "was", "will", "can", "should"} for w in words):
            continue  # a clause, not a term ("what is anthropic doing", "what was it that …")
        groups = match.groupdict()
        if (groups.get("verb") or "").lower() in {"was", "were"} and (groups.get("article") or "").lower() in \
                {"the", "that", "those"} and len(words) == 1 and match.group("term").islower():
            continue  # one of the story's things, not a word's meaning: "what was the jailbreak" is what it did
        return words
    return []


# after the term: a verb of being or meaning, then what it is ("X is a…", "X refers to…"), an appositive ("X, a
# vetted programme…"; not "X, the…", which as often opens the main clause: "Through X, the company…"), or what the
# letters stand for ("X (the Export Administration Regulations)")
_DEFINING_AFTER = re.compile(
    r"^[\"”’'*]*\s*(?:\([^)]{2,80}\)\s*)?,?\s*(?:(?:is|are|was|were)\s+(?:(?:essentially|basically|simply|"
    r"effectively|formally|officially|technically)\s+)?(?:a|an|the|one|any|what|how|when|where|"
    r"[A-Z][\w-]*['’]s)\b|refers? to\b|"
    r"means?\b|stands? for\b|describes?\b|denotes?\b)"
    r"|^[\"”’'*]*\s*[,(–—]\s*[\"”’'*]*\s*(?:a|an|which|short for)\b"
    r"|^[\"”’'*]*\s*\((?=[^)]*[a-z]{3,}[^)]*\))", re.IGNORECASE)
# before the term: it is named ("a programme called Glasswing", "known as the deemed export rule") or spelled out
# before its letters ("chief information security officer (CISO)")
_DEFINING_BEFORE = re.compile(r"(?:\b(?:called|known as|dubbed|named|termed|so-called|the term|the name)\s+(?:the\s+)?"
                              r"[\"“‘'*]*(?:[A-Z][\w-]*\s+)?|\(\s*[\"“‘'*]*)$")


def defines(text: str, words: list[str]) -> bool:
    """Whether a sentence says what the term of ``words`` is: the term (its words in order, any hyphens or
    spaces between, a plural allowed) with a defining phrase right after it or a naming one right before it."""
    if not words:
        return False
    term = re.compile(r"(?<![\w-])" + r"[\s,'’\"“”-]+".join(re.escape(w) for w in words) + r"(?:s|es)?(?![\w-])",
                      re.IGNORECASE)
    for match in term.finditer(text):
        if _DEFINING_AFTER.search(text[match.end():match.end() + 60]) or \
                _DEFINING_BEFORE.search(text[max(0, match.start() - 30):match.start()]):
            return True
    return False
