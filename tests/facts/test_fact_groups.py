"""Facts kept current through ingest, correction and removal (real model, real Chroma, real SQLite), on
an invented five-outlet story (tests/facts/story.py); the timeline and its CLI over the same corpus."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.cli import main
from bot.corpus.ingest import CorpusService
from bot.facts import store as facts_store
from bot.facts.disagree import Disagreement, disagreements_for, without_articles
from bot.facts.timeline import build_timeline, render_markdown
from tests.facts.story import ARTICLES, ORDER_DAYS, write_story
from tests.isolation import DefaultsOnlySettings
from tests.written_story import answers_over, write_articles


@pytest.fixture
def corpus(tmp_path: Path) -> Iterator[tuple[CorpusService, Path]]:
    service = CorpusService.open(DefaultsOnlySettings(data_dir=tmp_path / "data"))
    folder = tmp_path / "story"
    report = service.add_paths(write_story(folder), "test", "pytest")
    assert len(report.added) == len(ARTICLES)
    try:
        yield service, folder
    finally:
        service.close()


def found(service: CorpusService, **kwargs: object) -> list[Disagreement]:
    with service.catalog.transaction() as db:
        assert facts_store.consistency_problems(db) == []
        return disagreements_for(db, **kwargs)  # type: ignore[arg-type]


def by_event(items: list[Disagreement]) -> dict[str, Disagreement]:
    return {d.event: d for d in items}


def test_ingest_reads_groups_and_sets_the_order_days_against_each_other(corpus: tuple[CorpusService, Path]) -> None:
    service, _ = corpus
    disputes = by_event(found(service))
    order = disputes["order"]
    assert order.summary == "when the government order came: March 10 (4 outlets) vs March 11 (1 outlet)"
    assert {f.outlet for f in order.sides[1].facts} == {o for o, day in ORDER_DAYS.items() if day == "03-11"}
    # the filing of the lawsuit, the lifting and the return are each told one way: nothing to dispute,
    # and no event is ever set against another (March 20 is the lawsuit's, never the order's)
    assert set(disputes) == {"order"}
    assert all(s.value != "03-20" for s in order.sides)


def test_a_disagreement_without_later_articles_is_as_it_stood_before_them(corpus: tuple[CorpusService, Path]) -> None:
    """A past window rebuilt with --until: an article published after it takes no side."""
    service, _ = corpus
    articles = {a.outlet: a.id for a in service.catalog.list_articles()}
    order = by_event(found(service))["order"]
    earlier = without_articles(order, {articles["alpha.example"], articles["echo.example"]})
    assert earlier is not None and earlier.summary == \
        "when the government order came: March 10 (2 outlets) vs March 11 (1 outlet)"
    assert without_articles(order, {articles["bravo.example"]}) is None  # one value left: nothing disputed


def test_a_disagreement_is_found_from_any_article_or_sentence_that_takes_part(
    corpus: tuple[CorpusService, Path],
) -> None:
    service, _ = corpus
    articles = {a.outlet: a.id for a in service.catalog.list_articles()}
    assert [d.event for d in found(service, article_ids=[articles["bravo.example"]])] == ["order"]
    with service.catalog.transaction() as db:
        # delta's lawsuit sentence names no order date (alpha's also dates the order: it takes part)
        lawsuit_only = [(f.article_id, f.sentence) for f in facts_store.grouped_facts(db, ["lawsuit"])
                        if f.outlet == "delta.example"]
    assert lawsuit_only and found(service, sentences=lawsuit_only) == []
    # answers look them up in the catalog's cached index: the same disagreements as a scan of the facts
    order_sentences = [(f.article_id, f.sentence) for d in found(service) for s in d.sides for f in s.facts]
    lookups: list[dict[str, object]] = [
        {"article_ids": [articles["bravo.example"]]}, {"sentences": lawsuit_only},
        {"sentences": order_sentences[:1]}, {"article_ids": [], "sentences": []}]
    for kwargs in lookups:
        assert disagreements_for(catalog=service.catalog, **kwargs) == found(service, **kwargs)  # type: ignore[arg-type]
    assert [d.event for d in disagreements_for(catalog=service.catalog, sentences=order_sentences[:1])] == ["order"]


def test_correcting_and_removing_articles_keeps_groups_current(corpus: tuple[CorpusService, Path]) -> None:
    service, folder = corpus
    bravo = folder / "bravo.md"
    bravo.write_text(bravo.read_text().replace("On March 11,", "On March 10,"), encoding="utf-8")
    report = service.add_paths([bravo], "test", "pytest")
    assert report.updated and "order" not in by_event(found(service))  # the one dissenter now agrees
    bravo.write_text(bravo.read_text().replace("On March 10,", "On March 12,"), encoding="utf-8")
    service.add_paths([bravo], "test", "pytest")
    assert by_event(found(service))["order"].sides[1].text == "March 12"
    # a corrected outlet (same text) moves the count without re-reading anything
    bravo.write_text(bravo.read_text().replace("outlet: bravo.example", "outlet: foxtrot.example"), encoding="utf-8")
    service.add_paths([bravo], "test", "pytest")
    assert {f.outlet for f in by_event(found(service))["order"].sides[1].facts} == {"foxtrot.example"}
    bravo_id = next(a.id for a in service.catalog.list_articles() if a.outlet == "foxtrot.example")
    service.remove(bravo_id, "test", "pytest")
    assert "order" not in by_event(found(service))
    with service.catalog.transaction() as db:
        assert db.execute("SELECT COUNT(*) FROM facts WHERE article_id = ?", (bravo_id,)).fetchone()[0] == 0
        assert all(not key.split("/")[1].startswith(f"{bravo_id}.")
                   for (key,) in db.execute("SELECT DISTINCT group_key FROM facts WHERE group_key IS NOT NULL"))


def test_a_catalog_made_before_facts_gains_them_when_opened(corpus: tuple[CorpusService, Path]) -> None:
    service, _ = corpus
    with service.catalog.transaction() as db:
        db.execute("DELETE FROM facts")
        db.execute("DELETE FROM meta WHERE key IN ('facts_version', 'facts_grouping')")
    with service.catalog.transaction() as db:
        assert facts_store.consistency_problems(db)  # the articles state facts the table lacks
    assert service.refresh_facts() > 0
    assert "order" in by_event(found(service))


def test_timeline_lists_dated_events_in_order_each_cited(corpus: tuple[CorpusService, Path]) -> None:
    service, _ = corpus
    timeline = build_timeline(service.catalog)
    data = timeline.to_json()
    days = [e["date"] for e in data["events"]]
    assert days == sorted(days) and days[0] == "2026-03-03"
    assert [e["event"] for e in data["events"]] == ["launch", "order", "lawsuit", "full_lifting", "return"]
    for event in data["events"]:
        assert set(event) >= {"date", "text", "citations", "sources", "outlets", "disagreement"}
        assert event["citations"] == [s["n"] for s in event["sources"]] and event["outlets"] >= 2
        assert all(s["url"].startswith("https://") and s["quote"] for s in event["sources"])
    order = data["events"][1]
    assert order["date"] == "2026-03-10" and order["disagreement"]["sides"][1]["value"] == "March 11"
    assert build_timeline(service.catalog, since=timeline.events[2].date).events[0].event == "lawsuit"
    markdown = render_markdown(timeline)
    assert "**2026-03-10**" in markdown and "Sources disagree on when the government order came" in markdown


def test_timeline_command_prints_json_markdown_and_draws_a_png(
    corpus: tuple[CorpusService, Path], capsys: pytest.CaptureFixture[str], clean_env: None, tmp_path: Path,
) -> None:
    service, _ = corpus
    data_dir = str(service.settings.data_dir)
    assert main(["--data-dir", data_dir, "timeline", "--json"]) == 0
    events = json.loads(capsys.readouterr().out)["events"]
    assert [e["date"] for e in events][:2] == ["2026-03-03", "2026-03-10"]
    assert main(["--data-dir", data_dir, "timeline", "--since", "2026-04-01", "--markdown"]) == 0
    out = capsys.readouterr().out
    assert "2026-04-02" in out and "2026-03-10" not in out
    chart = tmp_path / "chart.png"
    assert main(["--data-dir", data_dir, "timeline", "--png", str(chart)]) == 0
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and chart.stat().st_size > 5000
    assert main(["--data-dir", data_dir, "timeline", "--since", "last tuesday"]) == 1
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_answers_and_briefs_take_sources_disagree_from_the_fact_groups(corpus: tuple[CorpusService, Path]) -> None:
    from datetime import UTC, datetime

    from bot.answers.service import AnswerService
    from bot.briefs.compose import compose_brief
    from bot.briefs.developments import NoveltyJudge

    service, _ = corpus
    answer = AnswerService(service.settings, service).ask("when did the ministry order quill 3 offline?")
    assert not answer.abstained
    [conflict] = [c for c in answer.conflicts if "government order" in c.summary]
    assert conflict.summary.startswith("Sources disagree on when the government order came: March 10 (4 outlets)")
    cited = {s.n: s for s in answer.sources}
    outlets = {cited[n].outlet for n in conflict.citations}
    assert "bravo.example" in outlets and outlets & {"alpha.example", "charlie.example", "delta.example"}
    brief = compose_brief(service.catalog, NoveltyJudge(service.catalog, service.index),
                          datetime(2000, 1, 1, tzinfo=UTC), datetime.now(UTC))
    summaries = [c.summary for c in brief.answer.conflicts]
    assert summaries == ["Sources disagree on when the government order came: March 10 (4 outlets) vs March 11 "
                         "(1 outlet)."]  # one event's two days; never the lawsuit's day against the order's


def test_a_question_about_now_leads_with_the_latest_change_of_availability(
    corpus: tuple[CorpusService, Path],
) -> None:
    from bot.answers.service import AnswerService

    service, _ = corpus
    answers = AnswerService(service.settings, service)
    answer = answers.ask("is quill 3 still offline?")
    assert not answer.abstained
    assert answer.lead is not None and "returned on April 3" in answer.lead  # not the March order, told as news
    [first] = [s for s in answer.statements if s.text == answer.lead]
    assert {answer.sources[n - 1].outlet for n in first.citations} == {"delta.example", "echo.example"}
    assert "April 3" not in (answers.ask("when did the ministry order quill 3 offline?").lead or "")


def test_the_evaluation_cross_validates_and_lists_development_errors(
    corpus: tuple[CorpusService, Path], tmp_path: Path
) -> None:
    from bot.facts.evaluate import FOLDS, cross_validate, error_pairs, is_frozen

    service, _ = corpus
    rows = []
    with service.catalog.transaction() as db:
        for source, start, end, value_start, value_end, value in db.execute(
                'SELECT a.source, f.start, f."end", f.value_start, f.value_end, f.value FROM facts f '
                "JOIN articles a ON a.id = f.article_id WHERE f.event = 'order'"):
            name = Path(source).name
            if not is_frozen(name):
                rows.append({"file": name, "start": start, "end": end, "value_start": value_start,
                             "value_end": value_end, "event": "export_order_came", "value": value})
    assert len({r["file"] for r in rows}) >= 2, "the story's development files state the order's day"
    rows[-1]["value"] = "12-31"  # a gold day no article gives: the system cannot find that disagreement
    gold = tmp_path / "facts.jsonl"
    gold.write_text("".join(json.dumps(r) + "\n" for r in rows))
    with service.catalog.transaction() as db:
        report = cross_validate(db, gold)
        errors = error_pairs(db, gold)
    assert len(report["folds"]) == FOLDS
    pooled = report["cross_validated"]
    assert pooled["real_disagreements"] >= 1 and pooled["disagreement_recall"] == 0.0
    assert errors and all(e.split("pairs  ")[1].startswith("missed: ") for e in errors)
    assert any(rows[-1]["file"] in e and "export_order_came=12-31" in e for e in errors)


def test_a_question_naming_a_disputed_event_gets_that_dispute(corpus: tuple[CorpusService, Path]) -> None:
    """When no retrieved sentence states a disputed value, the dispute the question names by its event's words,
    and asks the value of, is still found; a question that only mentions the event, or is far in meaning from
    the sentences that state it, gets none."""
    from bot.answers.disputes import named_disagreements

    service, _ = corpus
    near = lambda _q, texts: [0.9 for _ in texts]  # noqa: E731
    far = lambda _q, texts: [0.1 for _ in texts]  # noqa: E731
    [order] = named_disagreements(service.catalog, "so when was quill 3 ordered offline?", near)
    assert order.event == "order" and order.primary
    assert named_disagreements(service.catalog, "so when was quill 3 ordered offline?", far) == []
    # "when" as a conjunction asks no date; "released" names the launch, which no one disputes
    assert named_disagreements(service.catalog, "what did users lose when it was ordered offline?", near) == []
    assert named_disagreements(service.catalog, "when was quill 3 released?", near) == []


def test_the_clearest_statements_of_an_events_main_value_are_looked_up(corpus: tuple[CorpusService, Path]) -> None:
    """The lifting's date as the outlets give it, one sentence per article; the order's main value (March 10) and
    not its minority one (March 11); and the retriever adds their chunks to its pool, flagged."""
    from bot.answers.retrieve import Retriever
    from bot.facts.lookup import main_statements

    service, _ = corpus
    titles = {a.id: a.title for a in service.catalog.list_articles(include_duplicates=False)}

    def quoted(pairs: list[tuple[int, int]]) -> list[str]:
        spans = [service.catalog.sentences(a)[s] for a, s in pairs]
        return [service.catalog.body(row.article_id)[row.start : row.end] for row in spans]

    lifted = main_statements(service.catalog, ["full_lifting"])
    assert sorted(titles[a] for a, _ in lifted) == ["Ministry halts Quill 3", "What the Quill 3 order means"]
    assert all("April 2" in text for text in quoted(lifted))
    ordered = quoted(main_statements(service.catalog, ["order"]))
    assert ordered and all("March 10" in text for text in ordered)
    assert main_statements(service.catalog, ["signatories"]) == []  # nothing states it

    retriever = Retriever(service.catalog, service.index)
    pool = retriever.pool("when was the ban on quill 3 lifted?")
    flagged = {key for key, features in pool.items() if features.states_asked}
    assert {a for a, _ in flagged} == {a for a, _ in lifted}
    assert not any(f.states_asked for f in retriever.pool("what do analysts expect?").values())


def test_a_name_spelled_two_ways_is_a_dispute_over_its_spelling(tmp_path: Path) -> None:
    """A sentence naming an office bare ("via CEO Cara Lynd") joins the office whose holder has that given
    name and a surname spelled alike; someone else's name under a bare office stays out of it."""
    folder = tmp_path / "names"
    folder.mkdir()
    texts = {
        "one.md": ("one.example", "Zephyr CEO Cara Lind flagged the flaw to the ministry on March 9."),
        "two.md": ("two.example", "The warning came from Zephyr CEO Cara Lind, people familiar said."),
        "three.md": ("three.example", "A researcher's finding, relayed via CEO Cara Lynd, reached the ministry."),
        "four.md": ("four.example", "The ministry wrote to CEO Omar Vale at Quill Labs on March 12."),
    }
    write_articles(folder, {name: (outlet, name[:-3], body) for name, (outlet, body) in texts.items()}, "2026-03-13")
    service = CorpusService.open(DefaultsOnlySettings(data_dir=tmp_path / "data"))
    try:
        service.add_paths(sorted(folder.glob("*.md")), "test", "pytest")
        names = [d for d in found(service) if d.event == "role_holder"]
    finally:
        service.close()
    assert [d.summary for d in names] == [
        "how the Zephyr CEO's name is spelled: Cara Lind (2 outlets) vs Cara Lynd (1 outlet)"]


def test_a_question_naming_no_event_gets_only_the_disputes_its_statements_state(
    corpus: tuple[CorpusService, Path],
) -> None:
    """Asked a date without naming a story event, a dispute is shown only when one of the answer's own
    statements takes part in it; a question naming the event gets it whatever its statements."""
    from bot.answers.disputes import _fact_candidate, fact_conflicts

    service, _ = corpus
    with service.catalog.transaction() as db:
        pool = [_fact_candidate(service.catalog, f) for f in facts_store.grouped_facts(db, ["order"])]
    for candidate in pool:
        candidate.score = 1.0
    unnamed = "when did zephyr labs say so?"
    assert fact_conflicts(service.catalog, pool, question=unnamed, stated=set()) == []
    [(summary, _)] = fact_conflicts(service.catalog, pool, question=unnamed,
                                    stated={(pool[0].article_id, pool[0].idx)})
    assert summary.startswith("Sources disagree on when the government order came")
    assert fact_conflicts(service.catalog, pool, question="when was it ordered offline?", stated=set())
    # asked of another model than the story's own, the story's order is not what the question is about
    assert fact_conflicts(service.catalog, pool, question="when was it ordered offline?", stated=set(),
                          of_story=False) == []


def test_an_answer_giving_two_sides_of_a_figure_dispute_is_told_so() -> None:
    """Two statements giving "about 40 organizations" and "roughly 50 vetted firms" set a count dispute's sides side by
    side, though neither was read as its fact; a figure without its unit, another unit, or a date is no side."""
    from bot.answers.disputes import sides_stated
    from bot.facts.disagree import Side
    from bot.facts.store import FactRow

    def dispute(kind: str, values: dict[str, str]) -> Disagreement:
        """``values``: each side's value as the reader stores it, with the text it is shown by."""
        sides = [Side(v, shown, [FactRow(n, 0, 0, 0, 10, "early_access", kind, v, shown, "fact", "g/1.0",
                                         f"o{n}.example", None)]) for n, (v, shown) in enumerate(values.items())]
        return Disagreement("early_access", "g/1.0", "how many had early access", sides)

    counted = dispute("organizations", {"~50": "about 50", "~40": "about 40"})
    assert sides_stated(counted, ["Quill 3 was shared with about 40 organizations first.",
                                  "The program gave roughly 50 vetted firms access."]) == 2
    assert sides_stated(counted, ["About 40 people joined; 50 more waited."]) == 0
    lasted = dispute("duration", {"25920": "18 days", "27360": "19 days"})
    assert sides_stated(lasted, ["It was offline for 18 days.", "It took 19 people to fix."]) == 1
    assert sides_stated(dispute("date", {"03-10": "March 10", "03-11": "March 11"}),
                        ["On March 10 and March 11, it was off."]) == 0


def test_a_question_checking_one_side_of_a_dispute_gets_it(corpus: tuple[CorpusService, Path]) -> None:
    """Told one day by one site and asking whether it is the right one, the reader gets the dispute, though no
    retrieved sentence takes part in it and the question reads far from the sentences stating the days (a
    question asking the day without naming one is then given none); mentioning a day in passing brings none."""
    from bot.answers.disputes import fact_conflicts

    service, _ = corpus
    far = lambda _q, texts: [0.1 for _ in texts]  # noqa: E731
    checked = "one timeline says quill 3 was ordered offline on march 11. is that the usual date?"
    [(summary, cited)] = fact_conflicts(service.catalog, [], question=checked, stated=set(), similarity=far)
    assert summary.startswith("Sources disagree on when the government order came") and len(cited) >= 2
    assert fact_conflicts(service.catalog, [], question="so what date was quill 3 ordered offline?", stated=set(),
                          similarity=far) == []
    # checking the one value it gives, without asking for a day ("really", "right")
    assert fact_conflicts(service.catalog, [], question="so quill 3 really was ordered offline on march 11??",
                          stated=set(), similarity=far)
    assert fact_conflicts(service.catalog, [], question="what did users lose after it was ordered offline on "
                                                        "march 10?", stated=set(), similarity=far) == []


def test_when_joining_two_clauses_asks_for_no_day(corpus: tuple[CorpusService, Path]) -> None:
    """"Did they change the classifiers when it was ordered offline?" asks no date: the order's disputed day is
    not the point, though the question names the event and mentions "when"."""
    from bot.answers.disputes import _fact_candidate, fact_conflicts

    service, _ = corpus
    with service.catalog.transaction() as db:
        pool = [_fact_candidate(service.catalog, f) for f in facts_store.grouped_facts(db, ["order"])]
    for candidate in pool:
        candidate.score = 1.0
    assert fact_conflicts(service.catalog, pool, question="was it ordered offline on the 12th or the 13th?",
                          stated=set())
    assert fact_conflicts(service.catalog, pool, question="did users complain when it was ordered offline?",
                          stated=set()) == []


def test_the_order_named_in_passing_brings_no_dispute_over_its_day(corpus: tuple[CorpusService, Path]) -> None:
    """Asked when the ban ended, the order's disputed day is not the point: "ban" names the order only in
    passing when the question asks about another event's value."""
    from bot.answers.disputes import _fact_candidate, fact_conflicts

    service, _ = corpus
    with service.catalog.transaction() as db:
        pool = [_fact_candidate(service.catalog, f) for f in facts_store.grouped_facts(db, ["order"])]
    for candidate in pool:
        candidate.score = 1.0
    assert fact_conflicts(service.catalog, pool, question="when did the ban start?", stated=set())
    assert not any("government order" in summary for summary, _ in
                   fact_conflicts(service.catalog, pool, question="what date did the ban end?", stated=set()))


def test_a_timeline_event_quotes_the_sentence_its_sources_share_not_the_shortest() -> None:
    """Of the clear sentences stating an event, the one closest in meaning to what they all say together leads;
    the shortest only when a sentence has no stored vector."""
    import numpy as np

    from bot.facts.store import FactRow
    from bot.facts.timeline import _representative

    bodies = {
        1: "Quill Labs released Quill 3 to every paying customer on March 3, 2026.",
        2: "On March 3, Quill Labs released Quill 3 to all of its paying customers.",
        3: "A launch on March 3 changed the question for everyone.",
    }
    facts = [FactRow(n, 0, 0, 0, len(body), "launch", "date", "03-03", "March 3", "fact", "launch/1.0",
                     f"o{n}.example", None) for n, body in bodies.items()]
    vectors = {(1, 0): np.array([1.0, 0.0, 0.0]), (2, 0): np.array([0.8, 0.0, 0.6]), (3, 0): np.array([0.0, 1.0, 0.0])}
    assert _representative(facts, bodies, vectors).article_id == 1  # the mean is (0.6, 0.33, 0.2)
    assert _representative(facts, bodies).article_id == 3  # no vectors: the shortest clear one


def test_asked_who_ordered_it_the_answer_names_whom_most_outlets_name(tmp_path: Path) -> None:
    """"Who ordered the ban?" leads with the issuer most outlets name, a person before a body, and a which-question
    naming a body is answered by another; who issued it is never a dispute (each is rightly named)."""
    texts = {
        "one.md": ("one.example", "The shutdown order came from Commerce Secretary Howard Lutnick on March 10, "
                                  "forcing Zephyr to pull Quill 3."),
        "two.md": ("two.example", "The Commerce Department ordered Zephyr to pull Quill 3 on March 10."),
        "three.md": ("three.example", "The Quill 3 directive was issued by the Bureau of Industry and Security, "
                                      "an office of the Commerce Department, on March 10."),
        "four.md": ("four.example", "A letter signed by Lutnick told Zephyr to switch Quill 3 off on March 10."),
        "five.md": ("five.example", "The White House ordered Zephyr to switch off Quill 3 on March 10, aides said."),
    }
    articles = {name: (outlet, f"Quill 3 {name[:-3]}", body) for name, (outlet, body) in texts.items()}
    with answers_over(tmp_path, articles, "2026-03-11") as answers:
        assert not [d for d in found(answers.corpus) if d.event == "issuer"]
        lead = answers.ask("who ordered zephyr to pull quill 3?").lead or ""
        assert "Lutnick" in lead and "White House" not in lead
        office = answers.ask("which office within the commerce department issued the quill 3 directive?").lead
        assert office is not None and "Bureau of Industry and Security" in office


def test_a_story_events_draft_leads_only_when_it_speaks_of_what_the_question_narrows_to(tmp_path: Path) -> None:
    """"why did they ban it?" is answered by what most outlets say set the order off; asked why another party was
    cut off, a sentence about the order's trigger that never names that party does not lead."""
    texts = {
        "one.md": ("one.example", "The Quill 3 ban was triggered by a jailbreak that Amazon researchers found."),
        "two.md": ("two.example", "Officials said the Quill 3 shutdown order was prompted by Amazon's research."),
        "three.md": ("three.example", "The ministry's Quill 3 order came after Amazon flagged a jailbreak."),
        "four.md": ("four.example", "The ministry cut Orbital Labs off from Quill 3 because Orbital Labs had shared "
                                    "the model with a rival, officials said."),
        "five.md": ("five.example", "Orbital Labs said it would appeal, and Orbital Labs customers were told to wait."),
    }
    # the rest of the story's reporting, which never names Orbital Labs: a name in two articles of a few would be
    # the story's own
    texts.update({f"more{i}.md": (f"more{i}.example", f"Quill 3 returned to customers in region {i + 2}.")
                  for i in range(28)})
    articles = {name: (outlet, f"Quill 3 {name[:-3]}", body) for name, (outlet, body) in texts.items()}
    with answers_over(tmp_path, articles, "2026-03-11") as answers:
        assert "Amazon" in (answers.ask("why did the ministry ban quill 3?").lead or "")
        lead = answers.ask("why did the ministry cut off Orbital Labs from Quill 3?").lead or ""
    assert "Orbital Labs" in lead


def test_an_answer_opening_with_the_less_backed_side_of_a_dispute_shows_the_dispute(
    corpus: tuple[CorpusService, Path],
) -> None:
    """Whatever is asked, an answer whose opening statement takes the side fewer outlets back says the sources
    disagree, naming that side; opening with the most backed side, a question asking no date gets no dispute."""
    from bot.answers.disputes import _fact_candidate, fact_conflicts
    from bot.facts.disagree import disagreements_for

    service, _ = corpus
    with service.catalog.transaction() as db:
        pool = [_fact_candidate(service.catalog, f) for f in facts_store.grouped_facts(db, ["order"])]
    for candidate in pool:
        candidate.score = 1.0
    [dispute] = [d for d in disagreements_for(catalog=service.catalog) if d.event == "order"]
    fewer, most = dispute.sides[-1].facts[0], dispute.sides[0].facts[0]
    asked = "did users complain?"
    [(summary, _)] = fact_conflicts(service.catalog, pool, question=asked, stated=set(),
                                    leading={(fewer.article_id, fewer.sentence)})
    assert summary.startswith("Sources disagree on when the government order came")
    assert dispute.sides[-1].shown().split(" (")[0] in summary
    assert fact_conflicts(service.catalog, pool, question=asked, stated=set(),
                          leading={(most.article_id, most.sentence)}) == []
    # asked about another of the story's turns, the day the opening statement gives is not what is asked about
    assert fact_conflicts(service.catalog, pool, question="why was the ban lifted?", stated=set(),
                          leading={(fewer.article_id, fewer.sentence)}) == []


def test_an_opening_statement_of_a_less_backed_day_gives_way_to_the_most_backed_one(
    corpus: tuple[CorpusService, Path],
) -> None:
    """Asked the order's day without naming one, an answer whose best-ranked statement gives the day one outlet
    gives opens with the day most outlets give, when a sentence stating it says as much of the question."""
    from bot.answers.disputes import _fact_candidate, majority_over_opening

    service, _ = corpus
    with service.catalog.transaction() as db:
        pool = [_fact_candidate(service.catalog, f) for f in facts_store.grouped_facts(db, ["order"])]
    outlet = {a.id: a.outlet for a in service.catalog.list_articles()}
    minority = next(c for c in pool if outlet[c.article_id] == "bravo.example")
    majority = next(c for c in pool if outlet[c.article_id] == "alpha.example")
    asked = "what was the date of the ministry order?"
    found = majority_over_opening(service.catalog, asked, pool, minority, lambda c: 1.0)
    assert found is not None and found[1] == "March 10" and outlet[found[0].article_id] != "bravo.example"
    # a majority sentence saying less of the question does not open ("…with limited access?" asks what one says)
    assert majority_over_opening(service.catalog, asked, pool, minority,
                                 lambda c: 1.0 if c is minority else 0.5) is None
    # nor when the opening statement is of the most backed side, or the question names a day itself
    assert majority_over_opening(service.catalog, asked, pool, majority, lambda c: 1.0) is None
    assert majority_over_opening(service.catalog, "was the ministry order on march 11?", pool, minority,
                                 lambda c: 1.0) is None
