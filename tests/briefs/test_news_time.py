"""Briefs in news time, on the suite's own articles: what leads is what changed in the window, older
articles added during it are listed apart, windows are set by dates, date-times or durations, and the
Discord summary is one message."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from bot.app.render import limit_problems, message_payload, render_brief, render_brief_summary
from bot.briefs.cli import cmd_brief, to_markdown
from bot.briefs.compose import Brief, compose_brief
from bot.briefs.developments import NoveltyJudge, reports_only_before
from bot.briefs.flow_eval import lead_texts
from bot.briefs.window import build_window, parse_moment
from bot.corpus.catalog import utcnow
from bot.corpus.ingest import CorpusService
from bot.errors import InvalidInputError
from bot.facts.disagree import disagreements_for
from bot.nlp.standalone import stands_alone
from tests.briefs.helpers import ingest, make_settings
from tests.fixture_corpus import distinct_files

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CorpusService]:
    """Every distinct fixture article, as published (June 13 – July 1, 2026; one undated)."""
    service = CorpusService.open(make_settings(tmp_path_factory.mktemp("news-time")))
    ingest(service, distinct_files(32), news=False)
    yield service
    service.close()


def brief_for(corpus: CorpusService, since: str, until: str) -> Brief:
    """The brief of news published from the start of ``since``'s day to the end of ``until``'s."""
    start = parse_moment(since, NOW)
    end = parse_moment(until, NOW, end_of_day=True)
    return compose_brief(corpus.catalog, NoveltyJudge(corpus.catalog, corpus.index), start, end)


def test_moments_are_dates_date_times_or_durations() -> None:
    assert parse_moment("2026-06-28", NOW) == datetime(2026, 6, 28, tzinfo=UTC)
    assert parse_moment("2026-06-28", NOW, end_of_day=True) == datetime(2026, 6, 29, tzinfo=UTC) - timedelta(
        microseconds=1)
    assert parse_moment("2026-06-28T14:30+02:00", NOW) == datetime(2026, 6, 28, 12, 30, tzinfo=UTC)
    assert parse_moment("24h", NOW) == NOW - timedelta(hours=24)
    assert parse_moment("7d", NOW) == NOW - timedelta(days=7)
    assert parse_moment(None, NOW, default=timedelta(hours=24)) == NOW - timedelta(hours=24)
    with pytest.raises(InvalidInputError, match="not a date"):
        parse_moment("last tuesday-ish" * 10, NOW)


def test_the_window_is_set_by_publication_not_by_arrival(corpus: CorpusService) -> None:
    everything = corpus.catalog.list_articles(include_duplicates=False)
    assert all(a.added_at > datetime(2026, 7, 2, tzinfo=UTC) for a in everything)  # all added "today"
    window = build_window(corpus.catalog, datetime(2026, 6, 30, tzinfo=UTC), datetime(2026, 7, 2, tzinfo=UTC))
    published = {d.article.id: d.news_date for d in window.new}
    assert published and all(d is not None and date(2026, 6, 30) <= d <= date(2026, 7, 1) for d in published.values())
    assert not window.added_late  # rebuilding a past window: nothing was added during it
    before = set(window.prior_ids)
    assert before and not before & set(published)
    assert all(a.id in before for a in everything if a.published and a.published < date(2026, 6, 30))
    earlier = build_window(corpus.catalog, datetime(2026, 6, 20, tzinfo=UTC), datetime(2026, 6, 22, tzinfo=UTC))
    later = set(earlier.later_ids)  # what the corpus did not hold yet when that window closed
    assert later and later >= set(published) and not later & set(earlier.prior_ids)
    assert all(a.id in later for a in everything if a.published and a.published > date(2026, 6, 22))


def test_a_brief_leads_with_what_changed_not_with_background(corpus: CorpusService) -> None:
    brief = brief_for(corpus, "2026-06-30", "2026-07-01")
    assert brief.developments >= 1
    lead = lead_texts(brief, brief.developments)
    # the window's news: the controls lifted on June 30 and Fable 5 back on July 1
    assert any("July 1" in t or "June 30" in t for t in lead[:2]), lead
    for statement in brief.answer.statements[: brief.developments]:
        assert not reports_only_before(statement.text, date(2026, 6, 30)), statement.text  # no recap leads
        assert stands_alone(statement.text) is None, statement.text
    # disagreements come from story facts only: each is one of the fact groups' disagreements
    from_facts = {f"Sources disagree on {d.summary}." for d in disagreements_for(catalog=corpus.catalog)}
    assert all(c.summary in from_facts for c in brief.answer.conflicts), brief.answer.conflicts
    # … and only those a statement of the brief takes part in, not an old dispute a window's recap mentions
    stated = {n for statement in brief.answer.statements for n in statement.citations}
    assert all(set(c.citations) & stated for c in brief.answer.conflicts), brief.answer.conflicts


def test_every_article_has_one_number(corpus: CorpusService) -> None:
    brief = brief_for(corpus, "2026-06-20", "2026-07-01")
    numbers: dict[int, set[int]] = {}
    for source in brief.answer.sources:
        numbers.setdefault(source.article_id, set()).add(source.n)
    assert numbers and all(len(n) == 1 for n in numbers.values()), numbers


def test_older_articles_added_during_the_window_are_listed_apart(corpus: CorpusService,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    since = utcnow() - timedelta(hours=6)
    judge = NoveltyJudge(corpus.catalog, corpus.index)
    brief = compose_brief(corpus.catalog, judge, since, utcnow())
    dated = [d for d in brief.added_late if d.news_date is not None]
    assert len(dated) == len(brief.added_late) >= 30  # all report June and July: added late, not news
    # the page with no date at all, in its URL or its text, is as new as its arrival
    assert [a.title for a in brief.articles] == [a.title for a in corpus.catalog.list_articles()
                                                 if a.id not in {d.article.id for d in dated}
                                                 and a.duplicate_of is None]
    assert all(a.id not in {d.article.id for d in dated} for a in brief.articles)
    markdown = to_markdown(brief)
    assert "Added late (published before this window)" in markdown
    assert f", {dated[0].shown_date} — " in markdown
    empty = compose_brief(corpus.catalog, judge, utcnow(), utcnow())
    assert empty.empty and not empty.added_late
    [line] = render_brief(compose_brief(corpus.catalog, judge, since, since + timedelta(seconds=1)))
    assert line.content and line.content.startswith("Nothing new since")


def test_cli_brief_takes_since_and_until(corpus: CorpusService, capsys: pytest.CaptureFixture[str]) -> None:
    settings = corpus.settings
    args = argparse.Namespace(since="2026-06-30", until="2026-07-01", markdown=True, json=False)
    assert cmd_brief(args, settings) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Since 30 Jun 00:00 UTC:") and "## What changed" in out
    with pytest.raises(InvalidInputError, match="later than"):
        cmd_brief(argparse.Namespace(since="2026-07-01", until="2026-06-30", markdown=True, json=False), settings)


def test_the_discord_summary_is_one_message_within_limits(corpus: CorpusService) -> None:
    brief = brief_for(corpus, "2026-06-13", "2026-07-01")  # the whole story as one window: the biggest brief
    summary = render_brief_summary(brief, "Europe/Paris", "Brief #123456 · 30 Dec 23:59 CET")
    assert limit_problems(message_payload(summary)) == []
    assert sum(len(e) for e in summary.embeds) <= 6000
    assert "What changed" in (summary.embeds[0].description or "")
    full = render_brief(brief, "Europe/Paris")
    assert len(full) >= 1 and all(limit_problems(message_payload(m)) == [] for m in full)


def test_the_judge_remembers_a_bounded_number_of_prior_vectors(corpus: CorpusService,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """A long-running bot compares with the prior reporting brief after brief; what it keeps is bounded,
    and forgetting changes no brief (vectors are computed again when needed)."""
    import bot.briefs.developments as developments

    start, end = parse_moment("2026-06-30", NOW), parse_moment("2026-07-01", NOW, end_of_day=True)
    unbounded = compose_brief(corpus.catalog, NoveltyJudge(corpus.catalog, corpus.index), start, end)
    monkeypatch.setattr(developments, "MAX_REMEMBERED_VECTORS", 5)
    judge = NoveltyJudge(corpus.catalog, corpus.index)
    bounded = compose_brief(corpus.catalog, judge, start, end)
    assert 0 < len(judge._prior_vectors) <= 5
    assert [s.text for s in bounded.answer.statements] == [s.text for s in unbounded.answer.statements]


@pytest.mark.parametrize(("sentence", "past"), [
    ("WASHINGTON, June 15 (Reuters) - The Commerce Department told the lab to restrict access.", False),
    ("(Translated by a news agency, Washington, June 15) The secretary directed the lab to restrict access.", False),
    ("BERLIN, June 15, 2026 — Regulators met the lab's staff.", False),
    ("WASHINGTON, June 15 (Reuters) - The secretary recalled the order of June 12.", True),
    ("The order came on June 12.", True),
    ("On June 15, the talks ended without a deal.", True),
])
def test_a_datelines_date_is_when_the_story_was_filed_not_news_it_reports(sentence: str, past: bool) -> None:
    """A story filed the day before the window opens, published inside it, is not a recap for its dateline."""
    assert reports_only_before(sentence, date(2026, 6, 16)) is past


def test_a_page_titled_by_its_address_is_shown_by_its_opening_words(tmp_path: Path) -> None:
    page = tmp_path / "court.md"
    page.write_text(
        "---\nurl: https://court-notes.example/?p=77\noutlet: court-notes.example\n"
        "title: (from URL) court-notes.example/?p=77\npublished: 2026-07-03\n---\n\n"
        "July 3, 2026 (Court Notes) - A legal software start-up sued the Commerce Department on Friday over the "
        "export order. "
        "The complaint asks the court to set the order aside for every customer of the lab.\n",
        encoding="utf-8")
    service = CorpusService.open(make_settings(tmp_path / "data"))
    try:
        ingest(service, [page], news=False)
        brief = compose_brief(service.catalog, NoveltyJudge(service.catalog, service.index),
                              datetime(2026, 7, 3, tzinfo=UTC), datetime(2026, 7, 4, tzinfo=UTC))
    finally:
        service.close()
    [source] = brief.answer.sources  # as in answers: the page's opening words, not "untitled page"
    assert source.title.startswith("July 3, 2026 (Court Notes) - A legal software start-up sued"), source.title
