"""Hybrid retrieval: dense (Chroma) + lexical (BM25) fused by a learned model, then recency and diversity.

Dense search finds paraphrases; BM25 finds the rare names, numbers and dates that questions about a
news story hinge on. The two rankings' candidates are fused by a small model fitted on the development
questions over their scores, ranks and sentence-level cosines (``fusion.py``; reciprocal-rank fusion
when no model is fitted). When the
question asks about the current state ("now", "latest", "still") newer reporting is preferred, as
the last scoring step so nothing after it can undo it. Finally at most a few passages per outlet are
kept, so one prolific site cannot crowd out the others.
"""

from __future__ import annotations

import logging
import re
import threading
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache

import bm25s
import numpy as np

from bot.answers.amounts import act_words
from bot.answers.dating import ArticleDates
from bot.answers.fusion import ChunkFeatures, stored_fusion
from bot.answers.present_state import asks_present_state
from bot.answers.question import CHAT_FILLER, PAGE_KINDS
from bot.answers.quoted import holds_phrase, quoted_phrases
from bot.answers.sentence_vectors import question_vector
from bot.answers.vocabulary import Vocabulary, english_words
from bot.corpus.catalog import Catalog, ChunkRow
from bot.corpus.embeddings import get_encoder
from bot.corpus.index import VectorIndex
from bot.corpus.models import Article
from bot.errors import RetrievalError
from bot.nlp.outlets import NamedSite, keys_by_outlet, named_site

# the terms every step shares live in bot.nlp.terms; importers of them from here keep working
from bot.nlp.terms import STOPWORDS as STOPWORDS
from bot.nlp.terms import stem as stem
from bot.nlp.terms import terms as terms

log = logging.getLogger(__name__)

RRF_K = 60
CANDIDATES = 40
MAX_PER_OUTLET = 2
PASSAGES_PER_OUTLET_SHARE = 8  # of a list of k passages, up to k / 8 from one outlet (3 of 24)
RECENCY_WEIGHT = 1.0

_CURRENT_STATE = re.compile(
    r"\b(now|latest|still|currently|current|today|recent(ly)?|so far|as of|status|yet|anymore|any more|"
    r"update[sd]?|newest|most recent|at the moment|these days|back|again|any longer|news|happening|lately|"
    r"what(?:['’]?s| is) new)\b",
    re.IGNORECASE,
)


# "how long", "how often", "how old": the word after "how" asks for a kind of value and names nothing to look
# for ("how long was it down?" is not about "long-horizon" work)
_HOW_WORD = re.compile(r"\b(how)\s+(?:long|often|old|far|soon|big|large|fast|early|late|high)\b", re.IGNORECASE)
# words that only stress or hedge a question ("did they literally call it woke", "what triggered the whole
# ban", "why did they ban it in the first place")
_EMPHASIS = re.compile(r"\b(?:literally|anyways|gonna|wanna|whole|in the first place)\b|"
                       # where the asker met the words, not what they say ("this 4E091 thing the lawsuit keeps
                       # mentioning", "did the letter mention china": the letter and China)
                       r"\b(?:(?:keeps?|kept)\s+)?(?:mention(?:s|ed|ing)?|bring(?:s|ing)? up|brought up)\b",
                       re.IGNORECASE)
# in a question whether something holds now ("is it still banned?"), the words that ask that; elsewhere they can
# be what is asked ("which models still worked during the ban")
_NOW_WORDS = re.compile(r"\b(?:still|yet|anymore|any more|any longer|right now|now|currently|today|at the moment|"
                        r"these days)\b", re.IGNORECASE)
# a person as chat names one ("who's the commerce guy", "what did the daily brief guy say"): who is asked for,
# not a word the reporting uses
_CHAT_PERSON = re.compile(r"\b(?:guy|guys|dude|dudes|lady|gal|fella|bloke)\b", re.IGNORECASE)
# the kind of remark asked about ("did trump say anything nice about anthropic", "something positive abt it"): the
# answer's words ("behaved very responsibly") carry the judgement, so the qualifier is no word to find
_REMARK_KIND = re.compile(r"\b((?:any|some|no)thing)\s+[a-z]+(?=\s+(?:about|abt|on|re|regarding|towards?)\b)",
                          re.IGNORECASE)
# the gist of a page or a view asked for ("steptoe had a post on this, whats their main takeaway", "the gist of
# the lawfare piece"): how much of it is asked, not a word the page uses
_GIST = re.compile(r"\b(?:(?:main|key|big|biggest|top)\s+)?(?:takeaways?|gist)\b|\bbottom line\b", re.IGNORECASE)
# a name asked for ("what's the name of the startup", "the amazon ceo's name", "how do you spell his name"): the
# name is the answer, not a word to find
_NAME_ASKED = re.compile(r"\bhow (?:do|does|did|would|should) (?:you|u|i|we|they|people|ppl) spell\b|"
                         r"\bthe names? of\b|['’]s names?\b|\bnames? (?:pls|please)\b", re.IGNORECASE)


# the kind of page a question says something was read on ("per that synapnews piece", "another site says a month",
# "that TAI newsletter"): where it was said, not what is asked, so no sentence need say "piece" or "site" (not after
# "a": "did they say it in a blog post?" asks about the post)
_SOURCE_NOUN = re.compile(rf"\b(?:{PAGE_KINDS})s?\b", re.IGNORECASE)
_SOURCE_NAMED = re.compile(rf"\b(?:that|the|this|one|some|another|per|his|her|their)\s+"
                           rf"(?:[\w'’.-]+\s+){{0,3}}{_SOURCE_NOUN.pattern}", re.IGNORECASE)


# a question asking who wrote a page ("who wrote that lawfare piece", "whos the author of the circuit newsletter")
_AUTHOR_ASKED = re.compile(r"\bwho\s+(?:wrote|writes|penned|authored)\b|\bwho(?:['’]?s|\s+is|\s+was)\s+the\s+"
                           r"(?:author|writer)\b|\b(?:author|writer)\s+of\b|\bwritten\s+by\s+(?:who|whom)\b|"
                           r"\bwho\s+(?:was|is)\s+(?:it|that|this)\s+(?:written\s+)?by\b", re.IGNORECASE)
# a page of writing asked about by what kind it is, beside the words for a site's pages (_SOURCE_NOUN)
_A_PIECE = re.compile(r"\b(?:essay|analysis|commentary|editorial|story|paper)\b", re.IGNORECASE)
# the words asking for a page's writer, which no sentence of the page need say
_AUTHOR_WORDS = re.compile(r"\b(?:wrote|writes|written|penned|authored|author|writer)\b", re.IGNORECASE)


def asks_author(question: str) -> bool:
    """Whether a question asks who wrote a page ("who wrote that lawfare piece"), not who wrote a letter."""
    return bool(_AUTHOR_ASKED.search(question)) and bool(_SOURCE_NOUN.search(question) or _A_PIECE.search(question))


def question_terms(question: str) -> list[str]:
    """A question's terms to look for: :func:`terms`, less the word that makes "how" ask for a measure, the
    words that only stress it or ask whether something holds now, the kind of remark asked about, chat's words
    for a person, the gist asked for, the kind of page it was read on and the words that ask for a name."""
    plain = _CHAT_PERSON.sub(" ", _EMPHASIS.sub(" ", _HOW_WORD.sub(r"\1", _REMARK_KIND.sub(r"\1", question))))
    plain = _GIST.sub(" ", plain)
    plain = _SOURCE_NAMED.sub(lambda m: _SOURCE_NOUN.sub(" ", m.group()), plain)
    if asks_author(question):
        plain = _AUTHOR_WORDS.sub(" ", plain)
    if asks_present_state(plain):
        plain = _NOW_WORDS.sub(" ", plain)
    return terms(_NAME_ASKED.sub(" ", plain))


def asks_current_state(question: str) -> bool:
    return bool(_CURRENT_STATE.search(question))


# Words that ask for news without saying about what ("what's the latest?", "any updates?").
_NEWS_WORDS = """latest status news new update updates current currently now today recent recently situation
    story going happening developments development overall state newest lately right"""


@cache
def _news_terms() -> frozenset[str]:
    return frozenset(stem(w) for w in _NEWS_WORDS.split()) | CHAT_FILLER


NAMED_SITE_PASSAGES = 4  # the named site's best passages lead (see Retriever._retrieve)
QUOTED_LOOKUP = 50  # chunks whose words best match a quoted phrase, checked for holding it as written
QUOTED_PASSAGES = 2  # passages holding a quoted phrase (or of the article titled with it) read first
COMMON_RUN_SHARE = 0.01  # a run of words some chunk in a hundred uses is what the reporting says, not a site's name
STORY_IDF = 2.5  # terms below this are in most of the corpus (the story's own names): they narrow nothing
_NAME_TOKEN = re.compile(r"\b[A-Z][\w.-]*|\b\d[\w.]*")


def asks_latest_news(question: str, story_name: Callable[[str], bool] = lambda _t: True) -> bool:
    """A current-state question about nothing in particular ("what's the latest on Fable 5?"): besides
    news words it names only the story's own names (``story_name`` tells them by term: the index's common
    ones). Its answer is the newest reporting, not the passages that happen to share a word with "what is
    the latest status"; a name the story does not revolve around ("is GPT 5.6 out yet?") is the topic asked
    about, and the newest Fable news no answer."""
    if not asks_current_state(question):
        return False
    names = named_story_terms(question, story_name)
    return all(t in _news_terms() or t in names for t in terms(question))


# "what happens next?", "whats gonna happen now", "what's the outlook": what is expected, asked of the story itself
_OUTLOOK = re.compile(r"\b(?:happens?|comes?) next\b|\bwhat(?:['’]s| is)? next\b|\bwhat now\b|"
                      r"\b(?:gonna|going to|will|likely to|expected to) happen\b|\boutlook\b|"
                      r"\bwhere (?:does|do|will) (?:this|it|things|all this)(?: all)? go\b", re.IGNORECASE)
_OUTLOOK_WORDS = "happen happens next come comes now gonna going will likely expected outlook where go things all"


@cache
def _outlook_terms() -> frozenset[str]:
    return frozenset(terms(_OUTLOOK_WORDS)) | _news_terms()


def asks_outlook(question: str, story_name: Callable[[str], bool] = lambda _t: True) -> bool:
    """What is expected next, of nothing in particular ("what happens next?", "whats gonna happen to anthropic
    now"): besides the words asking that it names only the story's own names. Retrieved with newer reporting
    preferred and answered from what it expects (see ``ExtractiveComposer._outlook``)."""
    if not _OUTLOOK.search(question):
        return False
    names = named_story_terms(question, story_name)
    return all(t in _outlook_terms() or t in names for t in terms(question))


def named_story_terms(question: str, story_name: Callable[[str], bool]) -> frozenset[str]:
    """The terms of the story's own names a question names ("mytho" in "what's happening with Mythos?")."""
    _first, _, rest = question.strip().partition(" ")  # a capitalised first word is not a name
    return frozenset(t for t in terms(" ".join(_NAME_TOKEN.findall(rest))) if story_name(t))


@dataclass(frozen=True)
class Passage:
    """A retrieved chunk with what composing needs: article, offsets, text and how it ranked."""

    article: Article
    chunk: ChunkRow
    text: str
    score: float
    dense: float
    rank: int
    # the article's publication date, or when undated the estimate from its URL or text (see dating.py)
    dated: date | None = None
    # how likely the fusion model finds it that this chunk's article answers (before any recency boost)
    relevance: float = 0.0


class LexicalIndex:
    """BM25 over every indexed chunk, rebuilt when the catalog's generation changes."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._lock = threading.Lock()
        self._generation = -1
        self._rows: list[ChunkRow] = []
        self._by_key: dict[tuple[int, int], ChunkRow] = {}
        self._by_article: dict[int, list[ChunkRow]] = defaultdict(list)
        self._sites: dict[str, frozenset[str]] = {}  # a site's name keys → its outlets (see bot.nlp.outlets)
        self._site_keys: list[str] = []  # the keys in order, for the names a run of words begins
        self._outlet_articles: dict[str, list[int]] = defaultdict(list)
        # the last question's named site, by generation: one question asks it of retrieval and composing ~6 times
        self._last_named: tuple[int, str, tuple[NamedSite, list[ChunkRow]] | None] | None = None
        self._last_quoted: tuple[int, str, tuple[list[ChunkRow], frozenset[int]]] | None = None  # the same, quoted
        self._bm25: bm25s.BM25 | None = None
        self.doc_freq: dict[str, int] = {}
        self.n_docs = 0
        self._vocabulary = Vocabulary({}, {})

    @property
    def vocabulary(self) -> Vocabulary:
        """The corpus's words, for reading casual questions (see ``question.py``)."""
        with self._lock:
            self._refresh()
            return self._vocabulary

    def _refresh(self) -> None:
        generation = self.catalog.generation()
        if generation == self._generation:
            return
        rows: list[ChunkRow] = []
        corpus: list[list[str]] = []
        title_terms: dict[int, list[str]] = {}
        vocabulary = Vocabulary({}, {})
        vocabulary.english = english_words()
        for row, text, title in self.catalog.iter_indexed_chunks():
            rows.append(row)
            vocabulary.add(text)
            if row.article_id not in title_terms:
                title_terms[row.article_id] = terms(title)
            corpus.append(title_terms[row.article_id] + terms(text) or ["_"])
        doc_freq: dict[str, int] = defaultdict(int)
        for doc in corpus:
            for term in set(doc):
                doc_freq[term] += 1
        logging.getLogger("bm25s").setLevel(logging.WARNING)  # the library sets DEBUG on its own logger
        bm25 = bm25s.BM25()
        if corpus:
            bm25.index(corpus, show_progress=False)
        self._rows, self._bm25, self._generation = rows, bm25 if corpus else None, generation
        self._by_key = {(row.article_id, row.idx): row for row in rows}
        self._by_article = defaultdict(list)
        for row in rows:
            self._by_article[row.article_id].append(row)
        self.doc_freq, self.n_docs = dict(doc_freq), len(corpus)
        self._vocabulary = vocabulary
        self._outlet_articles = defaultdict(list)
        for article in self.catalog.list_articles(include_duplicates=False):
            if article.outlet and article.id in self._by_article:
                self._outlet_articles[article.outlet].append(article.id)
        self._sites = keys_by_outlet(self._outlet_articles)
        self._site_keys = sorted(self._sites)
        vocabulary.sites = frozenset(self._sites)  # "that mondaq piece" names a source, not a slip for "monday"

    def search(self, query_terms: Sequence[str], k: int) -> list[tuple[ChunkRow, float]]:
        with self._lock:
            self._refresh()
            bm25, rows = self._bm25, self._rows
        known = [t for t in query_terms if t in self.doc_freq]
        if bm25 is None or not known:
            return []
        docs, scores = bm25.retrieve([known], k=min(k, len(rows)), show_progress=False, n_threads=1)
        return [(rows[int(d)], float(s)) for d, s in zip(docs[0], scores[0], strict=True) if s > 0]

    def chunk(self, article_id: int, idx: int) -> ChunkRow | None:
        """The indexed chunk (its sentence span), without a catalog query."""
        with self._lock:
            self._refresh()
            return self._by_key.get((article_id, idx))

    def article_chunks(self, article_id: int) -> list[ChunkRow]:
        """An indexed article's chunks, in order."""
        with self._lock:
            self._refresh()
            return list(self._by_article.get(article_id, []))

    def chunk_holding(self, article_id: int, sentence: int) -> ChunkRow | None:
        """The indexed chunk that holds an article's sentence."""
        with self._lock:
            self._refresh()
            rows = self._by_article.get(article_id, [])
        return next((row for row in rows if row.first_sentence <= sentence <= row.last_sentence), None)

    def named_site(self, question: str) -> tuple[NamedSite, list[ChunkRow]] | None:
        """The site the question names ("lawfare's take") and its indexed chunks, or None."""
        with self._lock:
            self._refresh()
            generation, last = self._generation, self._last_named
            if last is not None and last[:2] == (generation, question):
                return last[2]
            sites, site_keys, doc_freq, n_docs = self._sites, self._site_keys, self.doc_freq, self.n_docs
            english = self._vocabulary.english

        def common(run: Sequence[str]) -> bool:
            # one everyday word ("policy", "five") or words many chunks use ("mythos preview") name no site
            stems = terms(" ".join(run))
            return (len(run) == 1 and run[0] in english) or not stems or \
                min(doc_freq.get(t, 0) for t in stems) > COMMON_RUN_SHARE * n_docs

        site = named_site(question, sites, common, site_keys)
        found: tuple[NamedSite, list[ChunkRow]] | None = None
        with self._lock:
            if site is not None:
                found = site, [row for outlet in sorted(site.outlets) for a in self._outlet_articles.get(outlet, [])
                               for row in self._by_article.get(a, [])]
            self._last_named = (generation, question, found)
        return found

    def quoted(self, question: str) -> tuple[list[ChunkRow], frozenset[int]]:
        """The chunks holding a phrase the question quotes (see :mod:`bot.answers.quoted`), and the articles whose
        title holds one ("the 'doomed to fail' article"): found among the chunks whose words match it best."""
        phrases = quoted_phrases(question)
        if not phrases:
            return [], frozenset()
        with self._lock:
            self._refresh()
            generation, last = self._generation, self._last_quoted
            if last is not None and last[:2] == (generation, question):
                return last[2]
        holding: list[ChunkRow] = []
        titled: set[int] = set()
        for phrase in phrases:
            hits = [row for row, _ in self.search(terms(phrase), QUOTED_LOOKUP)]
            articles = self.catalog.get_many({row.article_id for row in hits})
            bodies = self.catalog.bodies({row.article_id for row in hits})
            for row in hits:
                if row.article_id in articles and holds_phrase(articles[row.article_id].title, phrase):
                    titled.add(row.article_id)
                if holds_phrase(bodies.get(row.article_id, "")[row.start : row.end], phrase):
                    holding.append(row)
        with self._lock:
            for article_id in sorted(titled):  # the titled article's opening, where it says what it is about
                holding.extend(self._by_article.get(article_id, [])[:1])
            found = list({(row.article_id, row.idx): row for row in holding}.values()), frozenset(titled)
            self._last_quoted = (generation, question, found)
        return found

    def idf(self, term: str) -> float:
        with self._lock:
            self._refresh()
        df = self.doc_freq.get(term, 0)
        return float(np.log(1 + (self.n_docs - df + 0.5) / (df + 0.5)))

    def story_term(self, term: str) -> bool:
        """One of the words most of the corpus uses (the story's own names: "fable", "anthropic"): naming it
        narrows nothing."""
        return self.idf(term) < STORY_IDF


class Retriever:
    def __init__(self, catalog: Catalog, index: VectorIndex) -> None:
        self.catalog = catalog
        self.index = index
        self.lexical = LexicalIndex(catalog)
        self.dates = ArticleDates(catalog)
        self.fusion = stored_fusion()

    def warm_up(self) -> None:
        """Load the model and build BM25 now, so the first question is as fast as the rest."""
        vector = get_encoder(self.index.model_id).encode(["warm up"])[0]
        self.index.search(vector.tolist(), 1)  # Chroma loads its vector index on the first query
        self.lexical.search(["anthropic"], 1)
        from bot.facts.lookup import main_statements

        main_statements(self.catalog, [])  # the story facts' statements, read once per change of the corpus

    def retrieve(self, question: str, k: int = 8) -> list[Passage]:
        try:
            return self._retrieve(question, k)
        except RetrievalError:
            raise
        except Exception as exc:  # Chroma, BM25 or the model failed: say so, never answer from nothing
            log.exception("retrieval failed")
            raise RetrievalError("Searching the corpus failed; please try again in a moment.") from exc

    def newest(self, k: int, about: frozenset[str] = frozenset()) -> list[Passage]:
        """The opening chunk of the ``k`` newest articles (by estimated date), one per outlet; given ``about``
        (terms of names the question gives), of the newest whose opening chunk names them all, or of the newest
        of all when none does: asked what is happening with Mythos, the newest news about Fable alone is no
        answer. One pass over the articles serves both."""
        articles = {a.id: a for a in self.catalog.list_articles(include_duplicates=False)}
        dates = self.dates.of(articles.values())
        ranked = sorted((a for a in articles if dates[a]), key=lambda a: (dates[a], a), reverse=True)
        newest: list[Passage] = []
        naming: list[Passage] = []
        outlets: tuple[set[str], set[str]] = (set(), set())
        for article_id in ranked:
            if len(naming) == k or (len(newest) == k and not about):
                break
            article = articles[article_id]
            outlet = article.outlet or f"article:{article_id}"
            chunks = self.catalog.chunks(article_id)
            if not chunks or (outlet in outlets[0] and (not about or outlet in outlets[1])):
                continue
            chunk = chunks[0]
            text = self.catalog.body(article_id)[chunk.start : chunk.end]
            for found, seen, wanted in ((newest, outlets[0], True),
                                        (naming, outlets[1], bool(about) and about <= frozenset(terms(text)))):
                if wanted and len(found) < k and outlet not in seen:
                    seen.add(outlet)
                    found.append(Passage(article=article, chunk=chunk, text=text, score=1.0, dense=0.0,
                                         rank=len(found), dated=dates[article_id]))
        return naming or newest

    def pool(self, question: str) -> dict[tuple[int, int], ChunkFeatures]:
        """The candidates of both rankings (the dense and the lexical top ``CANDIDATES``), by (article id,
        chunk), each with what fusing weighs (see ``fusion.py``)."""
        query_vector = question_vector(question, self.index.model_id)
        dense_hits = self.index.search(query_vector.tolist(), CANDIDATES)
        asked_terms = question_terms(question)
        # the words reporting writes the act asked about with ("surged" for "jump"), looked for beside the question's
        lexical_hits = self.lexical.search(
            [*asked_terms, *dict.fromkeys(t for t in terms(" ".join(act_words(question))) if t not in asked_terms)],
            CANDIDATES)
        dense: dict[tuple[int, int], tuple[int, float]] = {}
        for rank, hit in enumerate(dense_hits):
            dense.setdefault((hit.article_id, hit.chunk), (rank, hit.score))
        lexical = {(row.article_id, row.idx): (rank, score) for rank, (row, score) in enumerate(lexical_hits)}
        # the chunks that state the value of the story event the question asks about ("when was it lifted?"),
        # as most outlets give it (see ``bot.facts.lookup``)
        stating = self._stating_chunks(question)
        quoted = [(row.article_id, row.idx) for row in self.lexical.quoted(question)[0]]
        keys = list(dict.fromkeys([*dense, *lexical, *stating, *self._named_site_chunks(question), *quoted]))
        if not keys:
            return {}
        dense_floor = min(score for _, score in dense.values()) if dense else 0.0
        best_lexical = max((score for _, score in lexical.values()), default=1.0) or 1.0
        rows = {key: self.lexical.chunk(*key) for key in keys}
        spans = [(row.article_id, row.first_sentence, row.last_sentence) for row in rows.values() if row]
        vectors = self.catalog.chunk_sentence_vectors(spans)
        pool: dict[tuple[int, int], ChunkFeatures] = {}
        for key in keys:
            d_rank, d_score = dense.get(key, (-1, dense_floor))
            l_rank, l_score = lexical.get(key, (-1, 0.0))
            row = rows[key]
            found = [vectors[(key[0], i)] for i in range(row.first_sentence, row.last_sentence + 1)
                     if (key[0], i) in vectors] if row else []
            cosines = np.stack(found) @ query_vector if found else np.array([d_score])
            pool[key] = ChunkFeatures(
                dense=d_score, dense_rank=1.0 / (1 + d_rank) if d_rank >= 0 else 0.0,
                lexical=l_score / best_lexical, lexical_rank=1.0 / (1 + l_rank) if l_rank >= 0 else 0.0,
                sentence_best=float(cosines.max()), sentence_mean=float(cosines.mean()),
                states_asked=float(key in stating))
        return pool

    def _named_site_chunks(self, question: str) -> list[tuple[int, int]]:
        """The chunks of the site the question names, or of the article whose title it quotes (none when it
        points at neither): asked for Lawfare's take or what "the 'does the ai boom end' piece" says of
        valuations, that article is read whole, whether or not the words of the part asked are the question's."""
        named = self.lexical.named_site(question)
        if named:
            return [(row.article_id, row.idx) for row in named[1]]
        titled = self.lexical.quoted(question)[1]
        return [(row.article_id, row.idx) for article_id in sorted(titled)
                for row in self.lexical.article_chunks(article_id)]

    def _stating_chunks(self, question: str) -> set[tuple[int, int]]:
        from bot.answers.events_asked import asked_events
        from bot.facts.lookup import main_statements

        events = asked_events(question)
        if not events:
            return set()
        found = (self.lexical.chunk_holding(a, s) for a, s in main_statements(self.catalog, events))
        return {(row.article_id, row.idx) for row in found if row is not None}

    def _retrieve(self, question: str, k: int) -> list[Passage]:
        outlook = asks_outlook(question, self.lexical.story_term)
        if not outlook and asks_latest_news(question, self.lexical.story_term):
            return self.newest(k, named_story_terms(question, self.lexical.story_term))
        pool = self.pool(question)
        fusion = self.fusion
        fused: dict[tuple[int, int], float] = {
            key: fusion.score(f) if fusion is not None else _reciprocal_rank(f) for key, f in pool.items()}
        # a chunk outside the dense list keeps that list's lowest cosine, as the fusion saw it: not 0, which would
        # read as "nothing here is close to the question" when lexical or fact matches lead
        dense_score = {key: f.dense for key, f in pool.items()}
        if not fused:
            return []
        relevance = dict(fused)

        articles = self.catalog.get_many(a for a, _ in fused)
        fused = {key: s for key, s in fused.items() if key[0] in articles and articles[key[0]].duplicate_of is None}
        current = outlook or asks_current_state(question)  # what is expected now: the newest expectations
        dates = self.dates.of(articles.values()) if current else {a: articles[a].published for a in articles}
        if current:
            fused = _prefer_recent(fused, dates)

        ranked = sorted(fused.items(), key=lambda item: item[1], reverse=True)
        pointed: list[tuple[tuple[int, int], float]] = []
        if site_chunks := set(self._named_site_chunks(question)):
            # the question names whose reporting it asks about: that site's best passages come first, more of
            # them than any other outlet may give (asked what the site said, its page is what is read)
            pointed = [item for item in ranked if item[0] in site_chunks][:NAMED_SITE_PASSAGES]
            ranked = pointed + [item for item in ranked if item not in pointed]
        if quoted_chunks := {(row.article_id, row.idx) for row in self.lexical.quoted(question)[0]}:
            # the question quotes a phrase: the passages holding it (or opening the article titled with it) next
            leading = [item for item in ranked if item[0] in quoted_chunks][:QUOTED_PASSAGES]
            ranked = leading + [item for item in ranked if item not in leading]
        per_outlet: dict[str, int] = defaultdict(int)
        # a few passages per outlet, so one prolific site cannot crowd out the others; a longer list (the sentences
        # an answer is drawn from) may take one more of a site's passages (its next chunk often holds the detail)
        cap = max(MAX_PER_OUTLET, k // PASSAGES_PER_OUTLET_SHARE)
        chosen: list[tuple[tuple[int, int], float]] = []
        deferred: list[tuple[tuple[int, int], float]] = []
        for key, score in ranked:
            outlet = articles[key[0]].outlet or f"article:{key[0]}"
            if per_outlet[outlet] >= cap and (key, score) not in pointed:
                deferred.append((key, score))
                continue
            per_outlet[outlet] += 1
            chosen.append((key, score))
            if len(chosen) == k:
                break
        chosen.extend(deferred[: k - len(chosen)])

        bodies = self.catalog.bodies(key[0] for key, _ in chosen)
        passages: list[Passage] = []
        for rank, ((article_id, idx), score) in enumerate(chosen):
            found = {row.idx: row for row in self.catalog.chunks(article_id)}.get(idx)
            if found is None:  # the article changed between search and lookup; skip the stale chunk
                continue
            passages.append(Passage(
                article=articles[article_id], chunk=found, text=bodies[article_id][found.start : found.end],
                score=score, dense=dense_score.get((article_id, idx), 0.0), rank=rank, dated=dates[article_id],
                relevance=relevance[(article_id, idx)],
            ))
        return passages


def _reciprocal_rank(features: ChunkFeatures) -> float:
    """Reciprocal-rank fusion of the two rankings (when no fusion model is fitted)."""
    return sum(1.0 / (RRF_K + 1 / r) for r in (features.dense_rank, features.lexical_rank) if r > 0)


def recency_scale(dates: Sequence[date | None]) -> Callable[[date | None], float]:
    """Map a publication date to 0 (oldest of ``dates``) … 1 (newest); undated counts as oldest."""
    known = [d for d in dates if d]
    if not known:
        return lambda _published: 0.0
    oldest, newest = min(known), max(known)
    span = max(1, (newest - oldest).days)
    return lambda published: 0.0 if published is None else max(0.0, (published - oldest).days / span)


def _prefer_recent(
    fused: dict[tuple[int, int], float], dates: dict[int, date | None]
) -> dict[tuple[int, int], float]:
    """Scale scores up with the article's (estimated) date; articles with none get no boost."""
    freshness = recency_scale(list(dates.values()))
    return {key: s * (1 + RECENCY_WEIGHT * freshness(dates[key[0]])) for key, s in fused.items()}
