"""Term normalisation shared by BM25, sentence scoring and abstention."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bot.answers.retrieve import (
    MAX_PER_OUTLET,
    PASSAGES_PER_OUTLET_SHARE,
    asks_current_state,
    asks_outlook,
    question_terms,
    stem,
    terms,
)
from bot.answers.service import AnswerService
from tests.written_story import answers_over, filler_notes


@pytest.mark.parametrize(("a", "b"), [
    ("foreigners", "foreign"),
    ("nationals", "nationality"),
    ("favour", "favors"),
    ("organisation", "organization"),
    ("criticised", "criticized"),
    ("defence", "defense"),
    ("licence", "licenses"),
    ("analyse", "analyzed"),
    ("restricted", "restrictions"),
    ("taken", "took"),
    ("shutdown", "shut"),
    ("written", "writes"),
    ("sue", "sued"),
    ("partnership", "partnering"),  # being partners, as the verb says
    ("leadership", "leaders"),
])
def test_inflections_and_british_spellings_meet(a: str, b: str) -> None:
    assert stem(a) == stem(b)


def test_a_flagship_is_no_flag() -> None:
    assert stem("flagship") != stem("flag") and stem("hardship") != stem("hard")


def test_the_kind_of_page_a_question_names_is_not_looked_for() -> None:
    """Asked what "that TAI newsletter" says, no sentence need say "newsletter": it is where the words were read."""
    assert question_terms("how often does that TAI newsletter say to run drills") == terms("tai run drills")
    assert question_terms("per that synapnews piece what slogan") == terms("per synapnews slogan")
    assert question_terms("another site says a month") == terms("another month")
    assert question_terms("did he post it on x?") == terms("post x")  # a verb, not a page


def test_the_kind_of_remark_asked_about_is_not_looked_for() -> None:
    """Asked whether someone said "anything nice" about a party, the answer says "behaved responsibly": the
    qualifier is a judgement the answer's words carry, not a word to find (and one the corpus may never use)."""
    assert question_terms("did trump ever say anything nice about anthropic") == terms("trump ever say anthropic")
    assert question_terms("has he said something positive about it") == terms("he said")
    assert question_terms("did they do anything illegal") == terms("they do illegal")  # what is asked, kept


def test_the_gist_asked_for_is_not_looked_for() -> None:
    """"whats their main takeaway": how much of a page is asked, not a word the page uses."""
    assert question_terms("steptoe had a post on this, whats their main takeaway") == \
        terms("steptoe had a post on this, whats their")
    assert question_terms("the gist of the lawfare piece?") == terms("lawfare")
    assert question_terms("what was the bottom line for developers") == terms("developers")


def test_the_word_that_makes_how_ask_for_a_measure_is_not_looked_for() -> None:
    """Asked "how long was it down?", sentences about "long-horizon" work are no closer to an answer."""
    assert question_terms("how long was fable down?") == terms("fable")
    assert question_terms("How often does the fallback fire?") == terms("fallback fire")
    assert question_terms("why did it take so long?") == terms("take long")  # "long" not after "how" stays
    assert question_terms("what triggered the whole ban in the first place") == terms("triggered ban")
    assert question_terms("did they literally call it woke") == terms("call woke")
    # where the asker met the words is nothing to find
    assert question_terms("whats this 4E091 thing the lawsuit keeps mentioning") == terms("whats 4E091 thing lawsuit")
    assert question_terms("did the letter mention china") == terms("did letter china")
    # asked who wrote a page, the words asking it are nothing its sentences say
    assert question_terms("who wrote the kill switch piece") == terms("who kill switch")
    assert question_terms("who wrote the open letter") == terms("who wrote open letter")  # a letter's writers
    assert question_terms("who is the commerce guy") == terms("commerce")  # who is asked for
    assert question_terms("how do you spell the amazon ceo's name") == terms("amazon ceo")  # the name is the answer
    assert question_terms("what is the name of the startup that sued") == terms("startup sued")
    assert question_terms("what does the name fable mean") == terms("name fable mean")  # the name is asked about


@pytest.mark.parametrize(("a", "b"), [("four", "for"), ("export", "expert"), ("court", "count"), ("hour", "her")])
def test_different_words_stay_apart(a: str, b: str) -> None:
    assert stem(a) != stem(b)


def test_terms_drop_stopwords_and_possessives() -> None:
    assert terms("What did Amazon's CEO tell the officials?") == [stem("amazon"), "ceo", stem("officials")]


def test_stemming_is_safe_across_threads() -> None:
    words = [f"restricting{n}" for n in range(2000)] + ["nationalities"] * 2000
    with ThreadPoolExecutor(max_workers=8) as pool:
        got = list(pool.map(stem, words))
    assert got[-1] == stem("nationality") and len(set(got[:2000])) == 2000


def test_current_state_questions_are_recognised() -> None:
    assert asks_current_state("Is Fable 5 available now?")
    assert asks_current_state("What is the latest on the lawsuit?")
    assert not asks_current_state("When did Anthropic launch Fable 5?")


def test_a_question_naming_a_site_is_answered_from_that_site_first(fixture_answers: AnswerService) -> None:
    question = "what did albion tech say about the ban"
    # the site's name is in no article's text: only its outlet says whose reporting it is
    passages = fixture_answers.retriever.retrieve(question)
    assert passages[0].article.outlet == "Albion Tech"
    answer = fixture_answers.ask(question)
    assert answer.sources[0].outlet == "Albion Tech" and answer.lead == answer.statements[0].text
    assert answer.statements[0].citations == [answer.sources[0].n]


@pytest.mark.parametrize(("question", "asks"), [
    ("what happens next", True),
    ("what is going to happen to Anthropic now", True),  # as read (see question.normalise)
    ("where does this all go from here", True),
    ("what's next for Mythos?", True),
    ("what happened next after the ban", False),  # the past
    ("what's next for the lawsuit after the hearing", False),  # about something named, not the story
    ("what will happen to the price in august", False),
])
def test_what_is_expected_of_the_story_is_told_apart(question: str, asks: bool) -> None:
    def story(term: str) -> bool:
        return term in {"anthrop", "mytho", "fabl"}

    assert asks_outlook(question, story) is asks


def test_a_site_named_by_its_domain_is_among_the_sources_read(tmp_path: Path) -> None:
    """"the quillwatch.eu piece": the domain is no word of any article, but it names the site whose article was
    read, so the question is not declined for it."""
    articles = {
        "watch.md": ("quillwatch.eu", "Europe's dependence on foreign models",
                     "Europe leans on foreign models for most of its AI. Besides Zephyr, a few smaller labs such as "
                     "Orbit Labs and Kestrel AI in Germany build their own models. The ministry's Quill 3 order "
                     "showed how fragile that is."),
        "wire.md": ("wire.example", "Ministry orders Quill 3 offline",
                    "The ministry ordered Quill 3 offline on March 10. Zephyr complied within hours."),
        "desk.md": ("desk.example", "Quill 3 returns",
                    "Quill 3 returned on March 28 after Zephyr agreed to new safeguards."),
    }
    question = "which smaller labs in germany does quillwatch.eu say build their own models"
    with answers_over(tmp_path, articles) as answers:
        reading = answers.composer.read(question, answers.retriever.retrieve(question))  # type: ignore[attr-defined]
        answer = answers.ask(question)
    assert reading is not None and reading.signals.missing_weight == 0.0  # every word is read, the domain too
    assert not answer.abstained, answer.abstain_reason
    assert "Orbit Labs" in (answer.lead or "")


def test_an_article_named_by_its_quoted_title_is_read_whole(tmp_path: Path) -> None:
    """"that 'does the quill boom end' piece, what about valuations?": the part asked sits deep in the article,
    far from its opening; every chunk of it is among the passages weighed, not only the opening."""
    filler = ("The ministry's order reached Zephyr on a Tuesday evening, and the company switched Quill 3 off within "
              "hours. Customers in twelve countries lost access at once, and several hospitals said their triage "
              "tools stopped working. Zephyr's lawyers asked the ministry which rule it relied on and got no answer "
              "for a week. Analysts at two banks cut their revenue forecasts for the year. Rival labs said little "
              "in public, though their sales teams called Zephyr's largest customers the next morning. The ministry "
              "later said the order was temporary and would be reviewed within a month. ")
    articles = {
        "boom.md": ("signal.example", "Quill 3 Controls - Does the Quill Boom End, or Change Shape?",
                    f"Does the Quill boom end? Not quite. {filler} For the frontier labs the order means a valuation "
                    "discount, while cloud hosts "
                    "gain a gatekeeper's margin."),
        "wire.md": ("wire.example", "Ministry orders Quill 3 offline",
                    "The ministry ordered Quill 3 offline on March 10. Zephyr complied within hours."),
    }
    question = "that 'does the quill boom end' piece - what does it mean for lab valuations?"
    with answers_over(tmp_path, articles) as answers:
        lexical = answers.retriever.lexical  # type: ignore[attr-defined]
        (article_id,) = lexical.quoted(question)[1]
        chunks = lexical.article_chunks(article_id)
        read = answers.retriever._named_site_chunks(question)  # type: ignore[attr-defined]
        answer = answers.ask(question)
    assert len(chunks) > 1 and read == [(article_id, row.idx) for row in chunks]
    assert not answer.abstained and "valuation discount" in " ".join(s.text for s in answer.statements)


def test_a_named_site_gives_more_passages_than_any_other_outlet_may(tmp_path: Path) -> None:
    """Asked what one site wrote, its page is what is read: more of its passages than the cap on one outlet."""
    paragraphs = [
        "The ministry's order reached Zephyr on a Tuesday evening, and the company switched Quill 3 off within hours.",
        "Customers in twelve countries lost access at once, and several hospitals said their triage tools stopped.",
        "Zephyr's lawyers asked the ministry which rule it relied on and got no answer for a week afterwards.",
        "Analysts at two banks cut their revenue forecasts for the year, citing the lost foreign customers.",
        "Rival labs said little in public, though their sales teams called the largest customers the next morning.",
        "The ministry later said the order was temporary and would be reviewed within a month of its issue.",
        "Fallback planning is no longer optional for any business that builds on a single hosted model.",
    ]
    articles = {"lumen.md": ("lumenwire.example", "Quill 3 goes dark", " ".join(paragraphs * 2)),
                "wire.md": ("wire.example", "Ministry orders Quill 3 offline",
                            "The ministry ordered Quill 3 offline on March 10. Zephyr complied within hours."),
                **filler_notes()}  # enough other outlets that the passages read are filled without the site's
    question = "what did lumenwire tell businesses about the quill 3 shutdown"
    with answers_over(tmp_path, articles) as answers:
        chunks = answers.retriever.lexical.article_chunks(1)  # type: ignore[attr-defined]
        passages = answers.retriever.retrieve(question)  # type: ignore[attr-defined]
    from_site = [p for p in passages if p.article.outlet == "lumenwire.example"]
    assert len(chunks) > MAX_PER_OUTLET and len(from_site) > MAX_PER_OUTLET


def test_a_longer_list_of_passages_takes_one_more_from_an_outlet(tmp_path: Path) -> None:
    """Eight passages keep two per outlet; the 24 an answer is drawn from may take a third of one site's (its next
    chunk often holds the detail asked), never more."""
    paragraphs = [
        "The ministry's order reached Zephyr on a Tuesday evening, and the company switched Quill 3 off within hours.",
        "Customers in twelve countries lost access to Quill 3 at once, and some hospitals said triage tools stopped.",
        "Zephyr's lawyers asked the ministry which rule the Quill 3 order relied on and got no answer for a week.",
        "Analysts at two banks cut their Quill 3 revenue forecasts for the year, citing the lost foreign customers.",
        "Rival labs said little about Quill 3 in public, though their sales teams called the largest customers.",
        "The ministry later said the Quill 3 order was temporary and would be reviewed within a month of its issue.",
    ]
    articles = {"lumen.md": ("lumenwire.example", "Quill 3 goes dark", " ".join(paragraphs * 3)),
                **filler_notes(),  # and more outlets than the long list holds, so the cap is what keeps lumen's out
                **{f"desk{k}.md": (f"desk{k}.example", f"Quill 3 desk note {k}",
                                   f"Quill 3 customers on desk {k} moved their work to other models after the order.")
                   for k in range(10)}}
    question = "what happened to quill 3 customers after the ministry order"
    with answers_over(tmp_path, articles) as answers:
        short = answers.retriever.retrieve(question, k=8)  # type: ignore[attr-defined]
        long = answers.retriever.retrieve(question, k=24)  # type: ignore[attr-defined]
        lumen = next(p.article.id for p in long if p.article.outlet == "lumenwire.example")
        chunks = answers.retriever.lexical.article_chunks(lumen)  # type: ignore[attr-defined]
    assert len(chunks) > 3 and len(long) == 24
    assert sum(p.article.outlet == "lumenwire.example" for p in short) == MAX_PER_OUTLET
    assert sum(p.article.outlet == "lumenwire.example" for p in long) == 24 // PASSAGES_PER_OUTLET_SHARE == 3


def test_a_question_pointing_at_a_page_that_is_read_is_answered_from_it(tmp_path: Path) -> None:
    """"that quillwatch post, what weird headache did it say global firms could end up with": the words are the
    asker's, not the page's, but the page asked about is read, so it answers (a rule's finding still declines)."""
    articles = {
        "watch.md": ("quillwatch.eu", "Global firms and the Quill 3 order",
                     "Because the ministry's order turned on nationality, global firms may have to sort their "
                     "engineers by citizenship rather than role. Teams split across offices would lose access "
                     "unevenly. Compliance officers would have to track passports, not job titles."),
        **filler_notes(),
    }
    with answers_over(tmp_path, articles) as answers:
        answer = answers.ask("that quillwatch post, what weird headache did it say global firms could end up with")
        ruled = answers.ask("that quillwatch post, what did the judge rule about the order")
        off_topic = answers.ask("what did quillwatch say about the f1 standings")
    assert not answer.abstained, answer.abstain_reason
    assert off_topic.abstained  # the page is read, but speaks of nothing asked
    assert "citizenship rather than role" in (answer.lead or "")
    assert ruled.abstained and "ruling" in (ruled.abstain_reason or "")


def test_the_words_naming_the_site_asked_about_are_not_looked_for_as_its_subject(tmp_path: Path) -> None:
    """"daniel may said…" names danielmay.example, whose "may" is no month; "what did the swiss firm
    quillwatch say" asks for the site's page, which speaks without a "said"."""
    articles = {
        "may.md": ("danielmay.example", "Controls at the wrong layer",
                   "Export controls on Quill 3 aim at the wrong layer. The trust layer, where inferences are drawn, is "
                   "what matters for security. Weights leak; trust does not."),
        "watch.md": ("quillwatch.example", "Working with Quill 3",
                     "The official guide for Quill 3 covers long runs and the scaffolding around them. Teams should "
                     "plan for retries and keep prompts short."),
        **filler_notes(),
    }
    with answers_over(tmp_path, articles) as answers:
        layer = answers.ask("daniel may said quill 3 controls aim at the 'wrong layer', which layer does he think "
                            "matters")
        guide = answers.ask("what did the swiss firm quillwatch say the official guide for quill 3 covers?")
        herald = answers.ask("According to the Quillwatch Herald, what does the official guide for Quill 3 cover?")
    assert not herald.abstained, herald.abstain_reason  # a word after the site's own names it too
    assert not layer.abstained, layer.abstain_reason
    assert not guide.abstained, guide.abstain_reason
    assert "trust layer" in " ".join(s.text for s in layer.statements)
    assert "long runs" in " ".join(s.text for s in guide.statements)
