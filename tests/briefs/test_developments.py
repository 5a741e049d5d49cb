"""The brief's learned judgements, without a corpus: grouping sentences into developments, the signals the
same-development model reads, the background gate, and the shipped models (fitted on development windows
only)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from importlib import resources
from types import SimpleNamespace
from typing import cast

import numpy as np

from bot.answers.candidate import Candidate
from bot.answers.retrieve import Passage
from bot.briefs.developments import (
    Development,
    distinct_developments,
    echo_terms,
    group_developments,
    specifics,
    times_of_day,
)
from bot.briefs.news import (
    BACKGROUND_FEATURES,
    ECHO_FEATURES,
    FEATURES,
    NEWS_FEATURES,
    PAIR_FEATURES,
    NewsModel,
    background,
    features,
    load_background_model,
    load_echo_model,
    load_meaning_model,
    load_model,
    load_pair_model,
    pair_features,
    same_development,
)
from tests.briefs.test_brief_flow_data import TEST_WINDOWS


def candidate(article_id: int, idx: int, text: str, score: float, outlet: str = "") -> Candidate:
    article = SimpleNamespace(id=article_id, outlet=outlet or f"outlet{article_id}.example")
    passage = cast(Passage, SimpleNamespace(article=article))
    return Candidate(passage=passage, idx=idx, start=0, end=len(text), text=text, label="fact", cues=(),
                     terms=frozenset(text.lower().split()), score=score)


def test_a_sentence_joins_the_development_whose_lead_it_reports() -> None:
    lawsuit = candidate(1, 0, "Legion sued the Commerce Department in Washington.", 0.9)
    echo = candidate(2, 3, "A start-up filed suit against the export order.", 0.8)
    detail = candidate(3, 1, "The plaintiff builds drafting tools for lawyers.", 0.7)
    same_article = candidate(1, 5, "Legion asks the court to vacate the directive.", 0.6)
    other = candidate(4, 0, "China blacklisted 56 American companies.", 0.5)
    same = np.eye(5)
    same[0, 1] = same[1, 0] = 0.8  # the echo reports the lawsuit
    same[1, 2] = same[2, 1] = 0.9  # the detail is close to the echo only, not to the lawsuit itself
    same[0, 2] = same[2, 0] = 0.3
    same[0, 3] = same[3, 0] = 0.7  # a second sentence of the lawsuit's own article
    same[4, :4] = same[:4, 4] = 0.1
    developments = group_developments([lawsuit, echo, detail, same_article, other], same)
    assert [d.main.text for d in developments] == [lawsuit.text, detail.text, other.text]
    first = developments[0]
    assert first.members == [lawsuit, echo]  # one sentence per article: the second one is absorbed
    assert first.outlets == {"outlet1.example", "outlet2.example"}
    assert first.importance == 0.9


def test_one_article_telling_one_thing_twice_leads_once() -> None:
    """A second development led by the same article's sentence saying the same thing is dropped; one led by its
    sentence about something else, or by another article's sentence as close in meaning, stays."""
    sued = candidate(1, 0, "A legal tech firm has sued the government over the export order.", 0.9)
    again = candidate(1, 4, "A legal tech company is challenging the export restrictions.", 0.8)
    other_thing = candidate(1, 6, "The firm builds drafting tools for lawyers.", 0.7)
    elsewhere = candidate(2, 0, "A legal start-up is fighting the export restrictions in court.", 0.6)
    vectors = np.array([[1.0, 0.0, 0.0], [0.8, 0.6, 0.0], [0.3, 0.0, 0.954], [0.8, 0.6, 0.0]], dtype=np.float32)
    developments = [Development(c, [c]) for c in (sued, again, other_thing, elsewhere)]
    kept = distinct_developments(developments, [sued, again, other_thing, elsewhere], vectors)
    assert [d.main for d in kept] == [sued, other_thing, elsewhere]
    # an article that backs a kept development though it does not lead it: its second sentence saying it again is
    # no development of its own either
    backed = Development(elsewhere, [elsewhere, candidate(3, 0, "A legal start-up sued over the order.", 0.5)])
    repeat = candidate(3, 5, "The start-up's suit asks the court to vacate the order.", 0.4)
    vectors = np.array([[0.8, 0.6, 0.0], [0.8, 0.6, 0.0], [0.75, 0.66, 0.0]], dtype=np.float32)
    kept = distinct_developments([backed, Development(repeat, [repeat])], [*backed.members, repeat], vectors)
    assert [d.main for d in kept] == [elsewhere]


def test_a_name_is_read_whole_without_its_possessive() -> None:
    said = specifics("Business Insider read Anthropic's filing; Legion’s lawyers answered.")
    assert {"business", "anthropic", "legion"} <= said and "busine" not in said


def test_a_time_of_day_is_one_value_however_written_and_its_zone_is_no_name() -> None:
    assert times_of_day("The order came at 5:21 PM ET on Friday.") == {"time:1721"}
    assert times_of_day("It arrived at 5:21 p.m., Eastern Time.") == {"time:1721"}
    assert times_of_day("At 5:21pm on a Friday; the wire moved at 22:55 UTC.") == {"time:1721", "time:2255"}
    assert times_of_day("The vote was 3:1 and ratios of 12:5 followed, at 12:30 am.") == {"time:0030"}
    said = specifics("Anthropic received the directive at 5:21 PM ET.")
    assert said == {"anthropic", "time:1721"}  # "PM" and "ET" are no names the prior reporting lacked
    assert specifics("It came at 17:21.") == {"time:1721"} | specifics("It came.")


def test_pair_signals_count_only_names_and_figures_the_prior_reporting_lacked() -> None:
    a = candidate(1, 0, "On Tuesday Legion LegalTech sued Anthropic's regulator, as did 56 companies.", 0.0)
    b = candidate(2, 0, "Lawyers for Legion LegalTech say 56 companies lost Anthropic licences.", 0.0)
    c = candidate(1, 4, "Separately, Anthropic said demand stayed high.", 0.0)
    vectors = np.eye(3, dtype=np.float32)
    grid = pair_features([a, b, c], vectors, known={"anthropic"})
    names, values, same_article = (PAIR_FEATURES.index(f) for f in
                                   ("shared_new_names", "shared_new_values", "same_article"))
    assert grid[0, 1, names] > 0 and grid[0, 1, values] > 0  # Legion LegalTech and 56 were new
    assert grid[0, 2, names] == 0  # Anthropic was known: sharing it says nothing
    assert grid[0, 2, same_article] == 1 and grid[0, 1, same_article] == 0
    assert grid[0, 1, PAIR_FEATURES.index("similarity")] == 0.0  # orthogonal vectors here
    same = same_development([a, b, c], vectors, {"anthropic"}, load_pair_model())
    assert same.shape == (3, 3) and np.allclose(np.diag(same), 1.0)
    assert same[0, 1] > same[0, 2] or same[0, 1] > same[1, 2]


def test_pair_signals_read_the_event_named_and_the_rarer_words_shared() -> None:
    sued = candidate(1, 0, "Legion submitted its complaint in federal court on Tuesday.", 0.0)
    also_sued = candidate(2, 0, "A legal technology firm has sued the government over the order.", 0.0)
    lifted = candidate(3, 0, "The ministry lifted the controls on Friday.", 0.0)
    told = candidate(4, 0, "The president told Axios the firm was no threat.", 0.0)
    told_again = candidate(5, 0, "Asked by Axios whether the firm was a threat, the president said no.", 0.0)
    pair = [sued, also_sued, lifted, told, told_again]
    grid = pair_features(pair, np.eye(5, dtype=np.float32), known=set())
    event, rare = PAIR_FEATURES.index("shared_event"), PAIR_FEATURES.index("shared_rare_words")
    assert grid[0, 1, event] == 1 and grid[0, 2, event] == 0  # both name the lawsuit; the lifting is another
    assert grid[3, 4, event] == 0  # naming no event of the story is no shared one
    assert grid[3, 4, rare] > grid[3, 0, rare] and grid[3, 4, rare] > grid[2, 4, rare]


def test_pair_signals_read_a_sentence_going_on_from_the_one_before() -> None:
    said = candidate(1, 3, "Legion said the order was arbitrary and had no basis in the rules.", 0.0)
    quoted = candidate(1, 4, "The company quoted a principle: no one can enforce a rule that does not exist.", 0.0)
    later = candidate(1, 6, "The company also wants an injunction.", 0.0)  # not the next sentence
    other = candidate(2, 5, "The company quoted its lawyers.", 0.0)  # right after nothing of the first article
    grid = pair_features([said, quoted, later, other], np.eye(4, dtype=np.float32), known=set())
    follows = PAIR_FEATURES.index("follows_on")
    assert grid[0, 1, follows] == 1 and grid[1, 0, follows] == 1
    assert grid[0, 2, follows] == 0 and grid[0, 3, follows] == 0 and grid[1, 2, follows] == 0


def test_a_pronouns_sentence_quoted_with_the_one_before_goes_on_from_the_sentence_before_that() -> None:
    said = candidate(1, 3, "Legion said the order was arbitrary and had no basis in the rules.", 0.0)
    # "The company quoted a principle. It asked the court…": sentences 4 and 5 quoted as one
    joined = replace(candidate(1, 5, "The company quoted a principle. It asked the court to restore access.", 0.0),
                     joined=1)
    alone = candidate(1, 4, "The company quoted a principle.", 0.0)
    grid = pair_features([said, joined, alone], np.eye(3, dtype=np.float32), known=set())
    follows = PAIR_FEATURES.index("follows_on")
    assert grid[0, 1, follows] == 1  # read from where its quote starts, not from its pronoun's sentence
    unjoined = pair_features([said, replace(joined, joined=0)], np.eye(2, dtype=np.float32), known=set())
    assert unjoined[0, 1, follows] == 0


def test_a_quote_holding_another_sentence_reports_its_development() -> None:
    named = "The agency tested its scanner on old mail servers."
    body = f"{named} It found a bug that had sat unnoticed for twenty years."
    alone = replace(candidate(1, 0, named, 0.0), start=0, end=len(named))
    joined = replace(candidate(1, 1, body, 0.0), start=0, end=len(body), joined=1)
    elsewhere = replace(candidate(2, 0, named, 0.0), start=0, end=len(named))  # another article's same words
    vectors = np.eye(3, dtype=np.float32)
    same = same_development([alone, joined, elsewhere], vectors, set(), load_pair_model())
    assert same[0, 1] == 1.0 and same[1, 0] == 1.0
    assert same[1, 2] < 1.0  # spans of different articles never overlap


def test_background_is_past_dates_or_a_likely_recap() -> None:
    columns = [FEATURES.index(f) for f in BACKGROUND_FEATURES]
    n = len(BACKGROUND_FEATURES)
    # a toy calibrated model: a recap when the prior spread is high
    spread = BACKGROUND_FEATURES.index("prior_spread")
    coef = tuple(4.0 if k == spread else 0.0 for k in range(n))
    model = NewsModel("toy", BACKGROUND_FEATURES, coef, -2.0, (0.0,) * n, (1.0,) * n)
    rows = np.zeros((3, len(FEATURES)))
    rows[0, FEATURES.index("prior_spread")] = 0.9  # said by many earlier articles
    rows[1, FEATURES.index("prior_spread")] = 0.1
    rows[2, FEATURES.index("prior_spread")] = 0.1
    rows[2, FEATURES.index("dates_before")] = 1.0  # tells only of days before the window
    assert rows[:, columns].shape == (3, n)
    never = NewsModel("toy", ECHO_FEATURES, (0.0,), -5.0, (0.0,), (1.0,))
    assert background(rows, model, never).tolist() == [True, False, True]
    assert background(np.zeros((0, len(FEATURES))), model, never).tolist() == []
    # the echo stage: a sentence the first stage judges new, yet repeating an earlier report's words
    echo = NewsModel("toy", ECHO_FEATURES, (4.0,), -2.0, (0.0,), (1.0,))
    rows[1, FEATURES.index("echo")] = 0.9
    assert background(rows, model, echo).tolist() == [True, True, True]
    rows[1, FEATURES.index("echo")] = 0.1
    assert background(rows, model, echo).tolist() == [True, False, True]


def test_a_time_of_day_the_prior_reporting_gave_tells_of_days_before_the_window() -> None:
    retold = candidate(1, 2, "Anthropic got the directive at 5:21 PM ET and shut every channel.", 0.5)
    new_time = candidate(2, 2, "The company restored access at 9:40 a.m. Eastern.", 0.5)
    dated = candidate(3, 2, "The order came at 5:21 pm on July 2.", 0.5)
    plain = candidate(4, 2, "Anthropic shut every channel.", 0.5)
    known = {"time:1721", "anthropic"}
    pool = [retold, new_time, dated, plain]
    vectors = np.eye(4, dtype=np.float32)
    rows = features(pool, vectors, [0.0] * 4, {}, known, date(2026, 6, 19), {}, [0.0] * 4, np.eye(4), {})
    column = rows[:, FEATURES.index("dates_before")]
    # a day inside the window outweighs a known time: the sentence reports something new on that day
    assert column.tolist() == [1.0, 0.0, 0.0, 0.0]
    assert rows[2, FEATURES.index("date_inside")] == 1.0


def test_echo_terms_keep_content_words_and_numbers_as_written() -> None:
    terms = echo_terms("The letter arrived at 5:21 pm on Friday, citing 3 reasons.")
    assert "5:21" in terms and "3" in terms
    assert "the" not in terms and "on" not in terms
    assert echo_terms("") == frozenset()


def test_the_shipped_models_read_the_current_signals_and_were_fitted_on_development_windows_only() -> None:
    assert load_model().features == NEWS_FEATURES and set(NEWS_FEATURES) < set(FEATURES)
    assert load_pair_model().features == PAIR_FEATURES
    assert load_background_model().features == BACKGROUND_FEATURES
    assert load_echo_model().features == ECHO_FEATURES and load_echo_model().coef[0] > 0  # more echo, more recap
    data = json.loads(resources.files("bot.briefs").joinpath("news_model.json").read_text(encoding="utf-8"))
    fitted = set(data["fitted_on"]["windows"])
    assert len(fitted) >= 16 and not fitted & TEST_WINDOWS
    assert data["fitted_on"]["positives"] > 0 and data["fitted_on"]["same_pairs"] > 0
    assert data["fitted_on"]["background_positives"] > 0 and data["fitted_on"]["echo_positives"] > 0


def test_the_newsworthy_signal_reads_an_event_above_a_description_whatever_their_words() -> None:
    """The shipped meaning model, on sentences written for this test: what someone did reads as more of a
    development than what something is, and the news model weighs it up."""
    from bot.corpus.embeddings import DIMENSIONS, get_encoder

    meaning = load_meaning_model()
    assert meaning is not None and len(meaning.coef) == DIMENSIONS
    events = ["A federal judge blocked the export order on Tuesday.",
              "China retaliated by blacklisting 40 American companies."]
    descriptions = ["Based in Ohio, the firm makes drafting tools for lawyers.",
                    "The company has offices in three cities."]
    odds = meaning.log_odds(get_encoder().encode(events + descriptions))
    assert min(odds[:2]) > max(odds[2:])
    assert load_model().coef[NEWS_FEATURES.index("newsworthy")] > 0


def test_a_claim_saying_what_a_development_said_is_not_told_again() -> None:
    from dataclasses import replace

    from bot.answers.candidate import Draft
    from bot.briefs.compose import _pick

    told = candidate(1, 0, "The president said the lab is no longer a threat.", 0.9)
    again = replace(candidate(2, 0, "Asked if the lab was a danger, the president said not now.", 0.8), label="claim")
    other = replace(candidate(3, 0, "The prime minister called the order nationalist.", 0.7), label="claim")
    pool = [told, again, other]
    position = {id(c): i for i, c in enumerate(pool)}
    same = np.eye(3)
    same[0, 1] = same[1, 0] = 0.8  # the same development, by the pair model
    picked = _pick([again, other], ("claim",), 3, {1}, position, same, [Draft(told)])
    assert [d.main for d in picked] == [other]
    assert [d.main for d in _pick([again, other], ("claim",), 3, {1}, position, same)] == [again, other]


def test_a_claim_is_not_told_again_when_any_citation_of_a_development_says_it_at_even_odds() -> None:
    """Below the developments the same claim twice costs the reader more than one claim fewer: a statement
    matching any member of a development (not only its lead sentence), or one already picked, at even odds
    (SAID_ALREADY, under the pair model's 0.5) is left out."""
    from dataclasses import replace

    from bot.answers.candidate import Draft
    from bot.briefs.compose import SAID_ALREADY, _pick

    lead = candidate(1, 0, "The lab sued the ministry on Tuesday.", 0.9)
    member = candidate(4, 0, "The president told a podcast the lab is no longer a threat.", 0.85)
    again = replace(candidate(2, 0, "Asked if the lab was a danger, the president said not now.", 0.8), label="claim")
    twice = replace(candidate(5, 0, "The president told the podcast the lab was a threat a week ago.", 0.75),
                    label="claim")
    other = replace(candidate(3, 0, "The prime minister called the order nationalist.", 0.7), label="claim")
    pool = [lead, again, other, member, twice]
    position = {id(c): i for i, c in enumerate(pool)}
    same = np.eye(5)
    same[1, 3] = same[3, 1] = 0.8  # "again" says what the development's second citation said
    same[2, 4] = same[4, 2] = SAID_ALREADY + 0.05  # "twice" says, at about even odds, what "other" said
    development = Draft(lead, [member])
    assert [d.main for d in _pick([again, other, twice], ("claim",), 3, {1}, position, same, [development])] == [other]
    same[2, 4] = same[4, 2] = SAID_ALREADY - 0.05
    assert [d.main for d in _pick([again, other, twice], ("claim",), 3, {1}, position, same, [development])] == [
        other, twice]
