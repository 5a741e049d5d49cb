"""Which of a page's sentences can be quoted, and as what text.

A stored sentence is quoted as written, minus what the page glued to it (a list number, a heading, a trailing
source link), and only when it is a whole statement: not navigation, a heading, a caption, a table row or tags,
not a fragment the splitter cut. A page cut off mid-sentence keeps its last words with an ellipsis
(:func:`clipped_tail`). Answers and briefs draw their candidate sentences from here
(:func:`sentence_candidates`), each article's derived text cached per corpus version (:class:`ArticleTextCache`).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property

from bot.answers.candidate import Candidate
from bot.answers.retrieve import STOPWORDS, Passage, terms
from bot.answers.value_text import value_words
from bot.answers.vocabulary import english_words
from bot.corpus.catalog import Catalog, SentenceRow
from bot.corpus.page import JUNK, MARKUP
from bot.nlp.display import display_text
from bot.nlp.places import governments_named
from bot.nlp.standalone import HTML_TAG, about_the_page, points_back, points_elsewhere, stands_alone
from bot.nlp.terms import jaccard
from bot.nlp.values import extract_values

# A chunk can end just before the sentence that answers: read one sentence past it.
FOLLOWING_SENTENCES = 1
MIN_SENTENCE_CHARS = 30
MIN_SENTENCE_WORDS = 6  # fewer words are a fragment or a heading, unless they end as a sentence does (then one fewer)
HEADLINE_JACCARD = 0.7

# A line without a full stop is quotable only when it says enough to be a headline or a list item
# ("Commerce clears the model for 12 firms"), not a menu entry ("Access real stocks and ETFs").
MIN_UNPUNCTUATED_WORDS = 8
MAX_SENTENCE_CHARS = 700
# entries on each side of a line that make it part of a menu (on the shared corpus one entry each side also
# caught list items between a summary's headings; two catch only a trading site's menu)
MENU_NEIGHBOURS = 2
MAX_LEAD_IN_CHARS = 120
MAX_ANTECEDENTS = 3  # sentences looked back through for that one ("It found X. It found Y." after the name)
MAX_JOINED_CHARS = 700  # a pronoun's sentence quoted with the one before it that names what it speaks of

# UTF-8 read as Latin-1 ("industryâs"): the page was mis-decoded and the sentence is not quotable as is
_MOJIBAKE = re.compile(r"[A-Za-z]â|â[\x80-\x9f]|Ã[\x80-\xbf]|[A-Za-z][\u0e00-\u0e7f][A-Za-z]")

# A sentence ends like one; the last line of a page without its full stop is where the page was clipped.
SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")

# A statement without its full stop leads only when it says this much: shorter, a list item or a
# standfirst is mostly a heading or a caption (on dev, 8 to 12 words scored alike, 15 lower).
MIN_UNENDED_LEAD_WORDS = 10
MIN_CUT_LEAD_WORDS = 12  # a teaser its page cut short after a whole word leads when it says this much
# or this much, when it holds the value asked beside the question's own words ("Arthur Rothrock, Legion's CEO, raised
# broader concerns about…" answers who Legion's CEO is)
MIN_CUT_ANSWER_WORDS = 6

# A page's navigation trail or table cells run into a line ("Opinion>Opinions - Technology …")
_TRAIL = re.compile(r"[>|]")
# A breadcrumb or a back link ("Home / Politics / Lessons from …", "← back to index / ai / …"): navigation, whole
_BREADCRUMB = re.compile(r"^\W*[←→«»‹›↑↓]|[\w.-]+ / [\w.-]+ / [\w.-]+")

# A list's item number run into its first word when the page lost the space ("03Three days later…").
_GLUED_LIST_NUMBER = re.compile(r"[\s•·*-]*\d{1,2}(?=[A-Z][a-z])")

# A heading run into the sentence after it, the page's layout lost between them ("…none of them the
# jailbreakNathan and Prakash opened by…"): a lower-case word glued to a capitalised one ("DeepSeek" and "iPhone"
# start otherwise)
_GLUED_HEADING = re.compile(r"(?<![A-Za-z])[a-z]{3,}(?=[A-Z][a-z]{2,})")

# The longer words of a line, to tell a heading in title case ("Quick Answer: Claude Fable 5 Usage Limits
# at a Glance") from a sentence.
_LONG_WORD = re.compile(r"\b[A-Za-z][\w’'-]{2,}")
_FRAGMENT_START = re.compile(r"[,;:)\]]|(?:and|or|but|which|who)\b")


@dataclass(frozen=True)
class SentenceInfo:
    """A stored sentence with what composing derives from it, computed once per article version."""

    row: SentenceRow
    text: str
    terms: frozenset[str]
    usable: bool
    start: int  # where the quoted text starts in the body (after a list number glued to it, "03Three days…")
    end: int  # where it ends (before the cut-off word of a page's last sentence: see clipped_tail)

    @property
    def clipped(self) -> bool:
        """The page's last sentence, cut off where the page stops (its text ends in an ellipsis)."""
        return self.end != self.row.end


# a sentence's trailing note of where it came from, as a link: "(source: https://…)", "[via www.…]"
_SOURCE_NOTE = re.compile(r"\s*[(\[](?:sources?|via|see|read more|h/t|more)\s*:?\s*(?:https?://|www\.)[^()\[\]]*[)\]]\s*$",
                          re.IGNORECASE)


class ArticleText:
    """An article's text and stored sentences; per-sentence terms and the values the article states are
    derived only when first needed (a question touches a few chunks of a long article, not all of it)."""

    def __init__(self, body: str, rows: list[SentenceRow]) -> None:
        self.body = body
        self.body_plain = value_words(body)
        self.rows = rows
        self._infos: dict[int, SentenceInfo] = {}

    def sentence(self, idx: int) -> SentenceInfo:
        info = self._infos.get(idx)
        if info is None:
            row = self.rows[idx]
            number = _GLUED_LIST_NUMBER.match(self.body, row.start, row.end)
            start = number.end() if number else row.start
            for glued in _GLUED_HEADING.finditer(self.body, start, row.end):
                start = glued.end()  # a heading run into the sentence: the sentence starts after it
            text, end = self.body[start : row.end], row.end
            if note := _SOURCE_NOTE.search(text):  # "… within 10 minutes. (source: https://…)": quoted up to the note
                text, end = text[: note.start()], start + note.start()
            last = idx == len(self.rows) - 1
            cut = clipped_tail(text) if last else None
            if cut is not None and is_quotable(cut, row.cues):
                # the page stops mid-word ("…less than half the pr"): what it says up to there, marked as cut
                text, end, usable = cut, start + len(cut) - 1, True
            else:
                usable = is_quotable(text, row.cues, last=last) and not self._in_menu(idx, text)
            said = frozenset(terms(text))
            info = self._infos[idx] = SentenceInfo(row, text, said | governments_named(said) | whole_numbers(said),
                                                   usable, start, end)
        return info

    def _in_menu(self, idx: int, text: str) -> bool:
        """A line without its full stop amid a page's menu (two entries too short to be headlines on either side,
        none ended as a sentence): a long menu entry ("Hold GT and get massive airdrops for free"), not news."""
        if SENTENCE_END.search(text.rstrip()):
            return False
        near = [j for j in range(idx - MENU_NEIGHBOURS, idx + MENU_NEIGHBOURS + 1) if j != idx]
        if near[0] < 0 or near[-1] >= len(self.rows):
            return False
        return all(_menu_entry(self.body[self.rows[j].start : self.rows[j].end]) for j in near)

    @cached_property
    def values(self) -> frozenset[tuple[str, float | str]]:
        return frozenset((v.kind, v.value) for v in extract_values(self.body, with_windows=False))


class ArticleTextCache:
    """Per-article derived text (terms, usability, extracted values), dropped whenever the corpus changes.

    Questions keep hitting the same popular articles; tokenising their sentences on every question was
    the larger part of answer latency.
    """

    def __init__(self, catalog: Catalog, max_articles: int = 4096) -> None:
        self.catalog = catalog
        self.max_articles = max_articles
        self._generation = -1
        self._items: dict[int, ArticleText] = {}
        self._lock = threading.Lock()

    def get_many(self, article_ids: Iterable[int]) -> dict[int, ArticleText]:
        wanted = list(dict.fromkeys(article_ids))
        with self._lock:
            generation = self.catalog.generation()
            if generation != self._generation:
                self._items.clear()
                self._generation = generation
            missing = [a for a in wanted if a not in self._items]
        if missing:
            bodies = self.catalog.bodies(missing)
            built = {a: self._build(a, bodies[a]) for a in missing if a in bodies}
            with self._lock:
                if len(self._items) + len(built) > self.max_articles:
                    self._items.clear()
                self._items.update(built)
        with self._lock:
            return {a: self._items[a] for a in wanted if a in self._items}

    def _build(self, article_id: int, body: str) -> ArticleText:
        return ArticleText(body, self.catalog.sentences(article_id))


def read_span(passage: Passage, around: int = 0) -> tuple[int, int]:
    """The first and last sentence index a passage is read over: its chunk, the sentence after it, and ``around``
    sentences more on each side (the last may lie past the page's end)."""
    chunk = passage.chunk
    return max(0, chunk.first_sentence - around), chunk.last_sentence + FOLLOWING_SENTENCES + around


def sentence_candidates(
    catalog: Catalog, passages: Sequence[Passage], cache: ArticleTextCache | None = None, *, clipped: bool = True,
    widened: int = 0, around: int = 0,
) -> list[Candidate]:
    """The quotable sentences inside the passages, with their stored labels and cues (the first ``widened``
    passages' with ``around`` sentences on each side, see :func:`read_span`); with ``clipped`` false, not a page's
    last sentence cut off where the page stops (see :func:`clipped_tail`)."""
    texts = (cache or ArticleTextCache(catalog)).get_many(p.article.id for p in passages)
    out: list[Candidate] = []
    seen: set[tuple[int, int]] = set()
    title_terms: dict[int, frozenset[str]] = {}
    for rank, passage in enumerate(passages):
        article_id = passage.article.id
        text = texts[article_id]
        first, last = read_span(passage, around if rank < widened else 0)
        for idx in range(first, min(last, len(text.rows) - 1) + 1):
            if (article_id, idx) in seen:
                continue
            info = text.sentence(idx)
            row = info.row
            if not info.usable or (info.clipped and not clipped):
                continue
            seen.add((article_id, row.idx))
            if article_id not in title_terms:
                title_terms[article_id] = frozenset(terms(passage.article.title))
            if jaccard(info.terms, title_terms[article_id]) >= HEADLINE_JACCARD:
                continue  # the page's headline repeated in its text: a title, not a statement
            context = title_terms[article_id] | (text.sentence(idx - 1).terms if idx > 0 else frozenset())
            out.append(Candidate(passage, row.idx, info.start, info.end, info.text, row.label,  # type: ignore[arg-type]
                                 row.cues, info.terms, context=context))
    return out


def reads_alone(c: Candidate, cut_words: int = MIN_CUT_LEAD_WORDS) -> bool:
    """A sentence that can open an answer: one that stands alone (the same test briefs apply), or a
    whole statement its page left without a full stop (a list item "● The NSA's verdict: said the first
    fixes were not enough", a standfirst): it would stand alone ended, says enough to be more than a
    heading (words, not title case) and is no navigation trail ("Opinion>Opinions"). A teaser cut short
    reads alone from ``cut_words`` words on."""
    text = display_text(c.text).rstrip()
    if title_case(text, share=1.0):
        return False  # a heading, even one ending in a full stop ("Dean Ball Gives His Interpretation.")
    if text.endswith(("...", "…")):
        # a teaser cut short mid-word ("…barred all foreign nationals from accessing the advanc...") or before it
        # says much; one cut after a whole word, long enough to say something, reads on its own ("Commerce
        # Secretary Howard Lutnick, at the direction of President Trump, called Anthropic CEO Dario…")
        shown = text.rstrip(".…").rstrip()
        last = re.split(r"[-‑–]", shown.split()[-1])[-1].strip("\"'“”‘’()") if shown.split() else ""
        return len(shown.split()) >= cut_words and (last[:1].isupper() or last.lower() in english_words()) \
            and stands_alone(f"{shown}.") is None
    if stands_alone(c.text) is None:
        return True
    return (
        not SENTENCE_END.search(text) and not text.endswith((":", ";", ",", "?"))
        and len(text.split()) >= MIN_UNENDED_LEAD_WORDS and not title_case(text) and not _TRAIL.search(text)
        and stands_alone(f"{text}.") is None
    )


# a label of a page's metadata field ("Date:", "Title:"), also run into what came before it ("15Date:")
_FIELD_LABEL = re.compile(r"(?<![A-Za-z])(?i:Date|Title|Author|Byline|Tags?|Categor(?:y|ies)|Published|Updated|"
                          r"Filed under|Case Study|Source|Summary)\s?:")  # also in capitals ("TITLE: … DATE: …")

# An image's description left in the page's text, with no full stop: "Calendar marking June 23 alongside plan
# tags drifting away, illustrating the credits transition" describes a picture, not the news.
_IMAGE_TEXT = re.compile(r"^(?:Image|Illustration|Photo|Picture|Graphic|Chart)\b|,\s+(?:illustrating|depicting|"
                         r"symboli[sz]ing|visuali[sz]ing)\b|\b(?:used|meant) to (?:represent|illustrate|depict|"
                         r"symboli[sz]e)\b")
# A page's own fields and production notes, full stop or not: "META DESCRIPTION: Weekly insight on …", the prompt its
# picture was made from ("Create a landscape editorial hero image for this article: …")
_PAGE_NOTE = re.compile(r"^(?:(?:META|SEO)\s+(?:DESCRIPTION|TITLE)|SLUG|KEYWORDS|ALT TEXT|IMAGE PROMPT)\s*:|"
                        r"^(?:Create|Generate|Design|Make|Draw)\s+(?:a|an)\s+(?:[\w-]+\s+){0,4}?(?:image|illustration|"
                        r"photo|graphic|picture|artwork)\b", re.IGNORECASE)

# A page's label for its lead picture, full stop or not: "Featured image for the week in AI: …" is a caption
_PICTURE_LABEL = re.compile(r"^(?:Featured|Cover|Hero|Header|Top)\s+(?:image|photo|picture|illustration)\b",
                            re.IGNORECASE)

# A page's tags run together without their separators ("securitycybersecurityai regulationcritical …")
_RUN_TOGETHER = re.compile(r"\b[a-z]{15,}\b")

# A table's cells run together ("Claude Mythos 5Limited accessSuspended for all customers"): a word or number glued
# to the capitalised word after it, twice; names written so ("OpenRouter", "DeepSeek", "iPhone") start otherwise
_GLUED_CELLS = re.compile(r"(?<![A-Za-z])(?:[a-z]{3,}|\d+)[A-Z][a-z]{2,}")


def _menu_entry(text: str) -> bool:
    text = text.strip()
    return not SENTENCE_END.search(text) and len(text.split()) < MIN_UNPUNCTUATED_WORDS


def _tag_list(text: str) -> bool:
    """Three or more long lowercase runs and not one function word (a line of prose with long words still has its
    "the" and "on"), or cells glued together twice: tags or a table row, not prose."""
    return (len(_RUN_TOGETHER.findall(text)) >= 3 and not any(w.lower() in STOPWORDS for w in text.split())) or \
        len(_GLUED_CELLS.findall(text)) >= 2


def is_quotable(text: str, cues: tuple[str, ...], *, last: bool = False) -> bool:
    """Whole sentences worth quoting: not navigation junk, not a bare headline, not a fragment."""
    if not MIN_SENTENCE_CHARS <= len(text) <= MAX_SENTENCE_CHARS:
        return False
    if any("headline" in cue for cue in cues):
        return False
    if JUNK.search(text) and len(text) < 160:
        return False
    if text.startswith("#"):
        return False  # a Markdown heading names a section; it states nothing
    if _BREADCRUMB.search(text):
        return False  # where the page sits on its site, not a statement
    if text.count("|") >= 3:
        return False  # a table row ("| Model | Parameters | Context |"): cells, not a sentence
    if len(_FIELD_LABEL.findall(text)) >= 2:
        return False  # a page's fields run together ("No. 15Date: Jun 16, 2026Title: …"), not a sentence
    if about_the_page(text) or points_elsewhere(text):
        return False  # "Here's what happened and what it means for India.", "You can read other stories here: …"
    if MARKUP.search(text) or HTML_TAG.search(text) or _MOJIBAKE.search(text):
        return False  # page source leaking into the text ("\\n", '"body_md": "', "<br>"), never a clean quote
    if _PAGE_NOTE.match(text):
        return False  # the page's metadata or the prompt its picture was made from
    if _PICTURE_LABEL.match(text):
        return False  # the caption of the page's lead picture
    if _GLUED.search(text):
        return False  # two sentences run together where the page lost a space ("…the figure added.His view…")
    if _FRAGMENT_START.match(text):
        return False  # the tail of a sentence the splitter cut (", and X said…")
    if not SENTENCE_END.search(text.rstrip()) and (
        last or text.rstrip().endswith(":") or len(text.split()) < MIN_UNPUNCTUATED_WORDS or title_case(text)
        or _IMAGE_TEXT.search(text) or _tag_list(text)
    ):
        return False  # a page clipped mid-sentence, a list's lead-in, a menu entry, a caption, a heading or tags
    if text.rstrip().endswith("?") and title_case(text):
        return False  # a heading put as a question ("Breaking It Down: Fixing Code or Jailbreaking?")
    if title_case(text, share=1.0):
        return False  # a heading, even one ending in a full stop ("• What The Letter Actually Said.")
    letters = sum(map(str.isalpha, text))
    # a short sentence still says something when it ends like one ("Anthropic attempted a layered defence.")
    words = MIN_SENTENCE_WORDS - 1 if SENTENCE_END.search(text.rstrip()) and text[:1].isupper() else MIN_SENTENCE_WORDS
    return letters / len(text) > 0.6 and len(text.split()) >= words


MIN_CLIPPED_WORDS = 8  # words a cut-off last sentence must keep to be quoted (fewer say too little to stand)

# words that only join what follows: a quote cut after one reads as unfinished ("shell accounts, and…")
_JOINS_ON = frozenset("and or but nor the a an of to for with by in on at as from that which who than its their "
                      "his her our your this these those is are was were be been".split())


def clipped_tail(text: str) -> str | None:
    """A page's last sentence that stops mid-word, where the page was cut ("…less than half the pr"): its text up to
    the last whole word that does not only join what follows, with an ellipsis; None when it ends as a
    sentence does, or too little is left. A third of the shared corpus's pages end so, often on the detail a
    question asks for ("priced both models at $10 per million input tokens and $50 per million output…")."""
    text = text.rstrip()
    if not text or SENTENCE_END.search(text) or text.endswith(":"):
        return None
    words = list(re.finditer(r"\S+", text))[:-1]  # the last word is the one cut
    while words and words[-1].group().lower().strip(",;:—–-") in _JOINS_ON | {""}:
        words.pop()
    kept = text[: words[-1].end()].rstrip(",;:—–- ") if words else ""  # the page's own text, as written
    return kept + "…" if len(kept.split()) >= MIN_CLIPPED_WORDS else None


def lead_in(text: str) -> bool:
    """A short line introducing what follows ("The results were alarming:"): part of a joined quote, never
    one alone."""
    text = text.strip()
    return text.endswith(":") and len(text) <= MAX_LEAD_IN_CHARS and not (
        MARKUP.search(text) or HTML_TAG.search(text) or JUNK.search(text) or text.startswith("#"))


_DECIMAL = re.compile(r"(\d{2,})\.(\d+)")


def whole_numbers(said: frozenset[str]) -> frozenset[str]:
    """The whole numbers a decimal figure is said as ("went from 86 to 25" of a score that "fell from 86.2 to
    25.9"): cut and rounded. Not for numbers under ten, a version's ("GPT-5.6" is no GPT-5)."""
    out: set[str] = set()
    for term in said:
        if match := _DECIMAL.fullmatch(term):
            whole = int(match.group(1))
            out.add(str(whole))
            out.add(str(whole + (match.group(2)[0] >= "5")))
    return frozenset(out)


def with_antecedent(c: Candidate, text: ArticleText | None) -> Candidate | None:
    """A sentence as a statement, for answers and briefs alike: itself when it reads alone; when it opens with
    "It/They/This…", quoted together with the sentences before it back to the nearest one that names what it speaks
    of (so every pronoun points inside the quote: "Through Glasswing, Anthropic tested Mythos. The results were
    alarming: It found… It found…"), at most ``MAX_ANTECEDENTS`` back and ``MAX_JOINED_CHARS`` long, provided that
    one is quotable and each between points back too or leads in with a colon; else None. ``text`` is the
    sentence's article."""
    if not points_back(c.text):
        return c
    if text is None:
        return None
    joined = c.terms
    for idx in range(c.idx - 1, max(c.idx - 1 - MAX_ANTECEDENTS, -1), -1):
        before = text.sentence(idx)
        if c.end - before.start > MAX_JOINED_CHARS:
            return None
        joined = joined | before.terms
        if before.usable and not points_back(before.text) and SENTENCE_END.search(before.text.rstrip()):
            return replace(c, start=before.start, text=text.body[before.start : c.end], terms=joined,
                           joined=c.idx - idx)
        if not (before.usable and points_back(before.text)) and not lead_in(before.text):
            return None
    return None


_GLUED = re.compile(r"[a-z]{2,}[.!?][\"”’]?[A-Z][a-z]{2,}")
# the short words a headline leaves in lower case ("Amazon Pulled the Off-Switch on Fable 5.")
_TITLE_MINOR = frozenset("the and but for nor yet via per from with into onto over amid".split())


def title_case(text: str, share: float = 0.7) -> bool:
    """Most longer words capitalised (``share`` of them, not counting the short words headlines keep in lower
    case): a heading, not a sentence."""
    words = [w for w in _LONG_WORD.findall(text) if w not in _TITLE_MINOR]
    return len(words) >= 3 and sum(1 for w in words if w[0].isupper()) >= share * len(words)
