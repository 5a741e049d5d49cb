""""who is dario?", "who's the commerce secretary": the office the reporting gives the person, or the person it
gives the office, from the story facts read at ingest ("Anthropic CEO Dario Amodei", "Commerce Secretary Howard
Lutnick": :func:`bot.facts.read.read_roles`), so the answer leads with a sentence that says who they are rather
than the first sentence that happens to mention them ("…not being a weirdo like Dario…").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection, Mapping, Sequence

from bot.answers.followups import CARRIED_TOPIC, asked_alone
from bot.facts.lookup import clarity
from bot.facts.read import GIVEN_PREFIX, ROLE
from bot.facts.store import FactRow

_OPENER = r"^\W*(?:(?:so|ok|okay|and|wait|hey|btw)\W+)?"  # a chat opener before the question
# the whole question is "who is X?" (X: one to four words); "who is leading the talks?" asks something else
_FILLER = r"(?:\s+(?:even|exactly|actually|tf|again))?"  # "who even is howard lutnick", "who's actually dean ball"
_WHO_IS = re.compile(rf"{_OPENER}who{_FILLER}(?:\s+is|\s+was|['’]s|s){_FILLER}\s+"
                     r"(?P<name>[A-Za-z][\w'’.-]*(?:\s+[A-Za-z][\w'’.-]*){0,3})\W*$", re.IGNORECASE)
# "idk who lutnick is", "who lutnick is, who is he": who X is, asked indirectly
_WHO_X_IS = re.compile(rf"{_OPENER}(?:.*\b)?who{_FILLER}\s+(?P<name>[A-Za-z][\w'’.-]*(?:\s+[A-Za-z][\w'’.-]*){{0,2}})"
                       r"\s+(?:is|was)\W*(?:,.*)?$", re.IGNORECASE)
# "what has tom brown got to do with it?": who they are in the story is what is asked
_ROLE_IN_IT = re.compile(rf"{_OPENER}what(?:\s+has|\s+is|['’]s)\s+"
                         r"(?P<name>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})\s+(?:got\s+)?to do with "
                         r"(?:it|this|that|all this|any of this|the \w+)\W*$")
# "who runs bis", "who heads amazon", "who's in charge of commerce": the holder of the office that heads it
_HEAD_OF = re.compile(rf"{_OPENER}who{_FILLER}(?:\s+(?:runs|ran|heads|headed|leads|led|oversees|oversaw)|"
                      r"(?:\s+is|\s+was|['’]s|s)\s+(?:the\s+|in\s+)?(?:head|boss|chief|leader|charge)\s+of)\s+(?:the\s+)?"
                      r"(?P<name>[A-Za-z][\w'’.-]*(?:\s+[A-Za-z][\w'’.-]*){0,2})\W*$", re.IGNORECASE)
# "what's the name of the commerce secretary", "whats the amazon ceos name again": who holds it, asked by name
_NAME_OF = re.compile(rf"{_OPENER}what{_FILLER}(?:\s+is|\s+was|['’]s|s)?\s+(?:the\s+)?(?:full\s+)?name\s+of\s+"
                      r"(?:the\s+)?(?P<name>[A-Za-z][\w'’.-]*(?:\s+[A-Za-z][\w'’.-]*){0,3}?)(?:\s+again)?\W*$",
                      re.IGNORECASE)
_NAMED_AS = re.compile(rf"{_OPENER}what{_FILLER}(?:\s+is|\s+was|['’]s|s)?\s+(?:the\s+)?"
                       r"(?P<name>[A-Za-z][\w'’.-]*(?:\s+[A-Za-z][\w'’.-]*){0,3}?)['’]?s\s+(?:full\s+)?name"
                       r"(?:\s+again)?\W*$", re.IGNORECASE)
# "what is david sacks's role in the administration", "whats lutnicks job": the office the person holds
_ROLE_OF = re.compile(rf"{_OPENER}what{_FILLER}(?:\s+is|\s+was|['’]s|s)?\s+"
                      r"(?P<name>[A-Za-z][\w.-]*(?:\s+[A-Za-z][\w.-]*){0,2}?)['’]?s?\s+"
                      r"(?:official\s+|actual\s+|exact\s+)?(?:role|job|title|position|post)\b[^?]*\W*$", re.IGNORECASE)
HEAD_OF = "*head"  # among the words asked: the question asks who heads what the other words name
# the offices that head what they are of ("Amazon CEO", "BIS Undersecretary", "Commerce Secretary")
HEADING_OFFICES = frozenset({"ceo", "secretary", "undersecretary", "director", "chair", "chairman", "chairwoman",
                             "administrator", "chief", "president", "minister", "head", "commissioner"})
_ARTICLES = frozenset({"the", "a", "an"})
MAX_STATEMENTS = 5  # sentences of one office: the clearest first, one per article


# "who is she (Katie Moussouris, CEO, LutaSecurity)?": a follow-up asking who a pronoun is
_PRONOUN = re.compile(r"\b(?:he|she|him|her|they|them)(?:\s+(?:again|even|exactly))?\W*$", re.IGNORECASE)


def whom_asked(question: str) -> list[str]:
    """The words of whom (or which office) a "who is X?" question asks about, lowercased; none for another
    question. Asked "who is she?" in a thread, the first name it carried in is whom."""
    carried = CARRIED_TOPIC.search(question)
    if carried is not None and _PRONOUN.search(own := asked_alone(question).strip()) and whom_asked(own):
        return whom_asked(f"who is {carried.group(1).split(',')[0].strip()}")
    head = _HEAD_OF.match(question.strip())
    match = head or next((m for pattern in (_WHO_IS, _WHO_X_IS, _ROLE_IN_IT, _NAME_OF, _NAMED_AS, _ROLE_OF)
                          if (m := pattern.match(question.strip())) is not None), None)
    if match is None:
        return []
    words = (re.sub(r"['’]s?$", "", w) for w in re.findall(r"[a-z][\w'’.-]*", match.group("name").lower()))
    asked = [w for w in words if w not in _ARTICLES]  # "amazon's ceo": amazon, ceo
    return [*asked, HEAD_OF] if head else asked


def who_is(facts: Sequence[FactRow], words: Sequence[str],
           bodies_of: Callable[[Collection[int]], Mapping[int, str]]) -> list[tuple[int, int]]:
    """The (article id, sentence index) of the clearest sentences stating the office of the person ``words``
    name (by surname or given name), or who holds the office they name ("commerce secretary"): of the offices
    that fit, the one most sentences give, and its holder most sentences name (a slip such as "Luntuck" does
    not win). ``bodies_of`` reads the articles' text (for how clearly each sentence states it)."""
    wanted = set(words)
    fitting: Counter[str] = Counter()
    by_office: dict[str, list[FactRow]] = {}
    for fact in facts:
        if fact.event != ROLE.key:
            continue
        names = fact.names.split()
        office = next((n for n in names if n.startswith("role:")), None)
        if office is None:
            continue
        person = fact.value in wanted or any(n.removeprefix(GIVEN_PREFIX) in wanted
                                             for n in names if n.startswith(GIVEN_PREFIX))
        office_words = office.removeprefix("role:").split("-")
        if HEAD_OF in wanted:  # who heads it: an office heading what the question names
            role = office_words[-1] in HEADING_OFFICES and set(office_words[:-1]) == wanted - {HEAD_OF}
        else:
            role = set(office_words) <= wanted
        if person or role:
            fitting[office] += 1
            by_office.setdefault(office, []).append(fact)
    if not fitting:
        return []
    office = fitting.most_common(1)[0][0]
    holders = Counter(f.value for f in by_office[office])
    holder = holders.most_common(1)[0][0]  # asked for the office, the holder most sentences name
    stating = [f for f in by_office[office] if f.value == holder]
    bodies = bodies_of({f.article_id for f in stating})
    chosen: list[tuple[int, int]] = []
    for fact in sorted(stating,
                       key=lambda f: (clarity(f, bodies), f.article_id, f.sentence)):
        if all(a != fact.article_id for a, _ in chosen):
            chosen.append((fact.article_id, fact.sentence))
        if len(chosen) == MAX_STATEMENTS:
            break
    return chosen
