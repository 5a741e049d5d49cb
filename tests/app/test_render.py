"""Rendering is pure, so its guarantees are tested hard here: limits, markers, statements, pings.

Property style with a seeded random: many random answers (long statements, many sources, bad
citations, hostile text) must render within every Discord limit, keep every statement, resolve every
citation marker to a listed source and never contain a live mention.
"""

from __future__ import annotations

import random
import re
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

import pytest

from bot.answers.model import Answer, Conflict, Label, Source, Statement
from bot.app import render
from bot.app.render import (
    MARKER,
    MAX_CONTENT,
    PING,
    escape_text,
    limit_problems,
    message_payload,
    neutralise_mentions,
    render_abstain,
    render_answer,
    render_quotes,
    render_sources_page,
    truncate,
    unescape,
    visible_text,
)
from bot.corpus.models import Article, AuditEntry, Feed, IngestReport, SourceProblem

STATEMENT_SECTIONS = ("Reported facts", "Claims", "Speculation & opinion", "Sources disagree")
HOSTILE = ["<@123>", "<@!42>", "<@&5>", "@everyone", "@here", "<#77>", "**bold**", "__u__", "`code`",
           "```fence```", "[7]", "[x](http://e.com)", "> quote", "# head", "\u202e", "\u200b", "🦆", "||s||",
           "\\", "~~s~~", "\n\n", "\t"]
WORDS = ["export", "control", "Anthropic", "Fable", "Mythos", "Commerce", "order", "model", "access",
         "foreign", "nationals", "may", "could", "says", "reported", "2026", "appeal"]


def random_text(rng: random.Random, max_words: int) -> str:
    words = []
    for _ in range(rng.randint(1, max_words)):
        words.append(rng.choice(HOSTILE) if rng.random() < 0.08 else rng.choice(WORDS))
        if rng.random() < 0.01:
            words.append("x" * rng.randint(50, 3000))  # one enormous "word"
    return " ".join(words)


def random_answer(rng: random.Random, n_statements: int | None = None, n_sources: int | None = None) -> Answer:
    n_sources = rng.randint(0, 45) if n_sources is None else n_sources
    sources = [
        Source(n=i + 1, article_id=rng.randint(1, 500), title=random_text(rng, 60),
               outlet=rng.choice([None, "reuters.com", random_text(rng, 5)]),
               url=rng.choice([None, "https://example.org/a(1)_b", "javascript:alert(1)",
                               "https://example.org/" + "p" * rng.randint(1, 900)]),
               published=rng.choice([None, "2026-06-17", "2026-06-18T10:00:00"]),
               quote=random_text(rng, 900), start=0, end=0)
        for i in range(n_sources)
    ]
    labels: tuple[Label, ...] = ("fact", "claim", "speculation", "opinion")
    statements = [
        Statement(text=random_text(rng, rng.choice([5, 40, 400])), label=rng.choice(labels),
                  cues=[rng.choice(["may", "could", "says", "<@1>", "x" * 90]) for _ in range(rng.randint(0, 3))],
                  citations=[rng.randint(1, n_sources + 3) for _ in range(rng.randint(1, 6))],
                  attributed_to=rng.choice([None, "Anthropic", "@everyone", "the Commerce Department"]))
        for _ in range(rng.randint(1, 70) if n_statements is None else n_statements)
    ]
    conflicts = [Conflict(summary=random_text(rng, 60), citations=[rng.randint(1, n_sources + 2)])
                 for _ in range(rng.randint(0, 4))]
    # the opening lines: none, one lead, or several parts' leads (up to every statement)
    leads = [s.text for s in rng.sample(statements, rng.randint(0, min(len(statements), 8)))]
    return Answer(question=random_text(rng, 80), abstained=False, statements=statements, sources=sources,
                  conflicts=conflicts, elapsed_ms=12.5, lead=leads[0] if leads else None,
                  part_leads=leads if len(leads) > 1 else [])


def payloads(answer: Answer) -> list[dict[str, Any]]:
    return [message_payload(m) for m in render_answer(answer)]


def statement_text(payload_list: list[dict[str, Any]]) -> str:
    return "\n".join(
        e.get("description") or ""
        for p in payload_list for e in p["embeds"]
        if (e.get("title") or "").startswith(STATEMENT_SECTIONS)
    )


def listed_sources(payload_list: list[dict[str, Any]]) -> list[int]:
    text = "\n".join(e.get("description") or "" for p in payload_list for e in p["embeds"]
                     if (e.get("title") or "").startswith("Sources") and "disagree" not in e["title"])
    return [int(n) for n in re.findall(r"^\*\*\[(\d+)\]\*\*", text, re.M)]


@pytest.mark.parametrize("seed", range(120))
def test_random_answers_respect_every_limit_and_keep_everything(seed: int) -> None:
    rng = random.Random(seed)
    answer = random_answer(rng)
    out = payloads(answer)
    for payload in out:
        assert limit_problems(payload) == []
        assert not PING.search(visible_text(payload))
    valid = {s.n for s in answer.sources}
    assert listed_sources(out) == sorted(valid)
    body = statement_text(out)
    assert {int(n) for n in MARKER.findall(body)} <= valid
    assert body.count("• ") == len(answer.statements)
    everything = "\n".join(visible_text(p) for p in out)
    for statement in answer.statements:
        assert escape_text(statement.text)[:30] in everything


def test_sixty_long_statements_and_forty_sources() -> None:
    rng = random.Random(7)
    answer = random_answer(rng, n_statements=60, n_sources=40)
    answer = Answer(question=answer.question, abstained=False, sources=answer.sources,
                    statements=[Statement(text="word " * 900, label=s.label, cues=s.cues,
                                          citations=[c % 40 + 1 for c in s.citations],
                                          attributed_to=s.attributed_to)
                                for s in answer.statements])
    out = payloads(answer)
    assert len(out) > 1
    assert all(limit_problems(p) == [] for p in out)
    body = statement_text(out)
    # each over-long statement is cut with "…" and still carries its markers and cue line
    for block in body.split("• ")[1:]:
        assert "…" in block and MARKER.search(block) and "↳" in block
    assert body.count("• ") == 60


def test_a_message_of_several_questions_opens_with_each_parts_answer() -> None:
    sources = [Source(n, n, f"Title {n}", "a.com", f"https://e.org/{n}", "2026-06-17", f"quote {n}", 0, 0)
               for n in (1, 2)]
    launched = Statement("Quill 4 launched on March 3.", "fact", ["date or number: \"March 3\""], [1])
    banned = Statement("The ministry banned it on March 6.", "fact", ["date or number: \"March 6\""], [2])
    answer = Answer("when did quill launch and when was it banned", False, statements=[launched, banned],
                    sources=sources, lead=launched.text, part_leads=[launched.text, banned.text])
    header = payloads(answer)[0]["embeds"][0]["description"]
    opening = header.split("\n\n")[0].splitlines()
    assert opening == ["**Quill 4 launched on March 3.** [1]", "**The ministry banned it on March 6.** [2]"]
    one = payloads(replace(answer, part_leads=[]))[0]["embeds"][0]["description"]
    assert one.split("\n\n")[0] == "**Quill 4 launched on March 3.** [1]"


def test_statement_sections_labels_cues_and_attribution() -> None:
    sources = [Source(n, n, f"Title {n}", outlet, f"https://e.org/{n}", "2026-06-17", f"quote {n}", 0, 0)
               for n, outlet in ((1, "a.com"), (2, "b.com"), (3, "c.com"))]
    answer = Answer(
        question="Why?", abstained=False, sources=sources,
        statements=[
            Statement("The order took effect.", "fact", [], [1, 2, 3]),
            Statement("It was a mistake.", "claim", ["says"], [2], attributed_to="Anthropic"),
            Statement("Talks may resume.", "speculation", ["may"], [3]),
            Statement("A risky move.", "opinion", ["risky"], [1]),
        ],
        conflicts=[Conflict("Dates differ: 16 vs 17 June.", [1, 3])],
    )
    [payload] = payloads(answer)
    titles = [e["title"] for e in payload["embeds"]]
    assert titles[1:] == ["Reported facts", "Claims", "Speculation & opinion", "Sources disagree", "Sources"]
    text = visible_text(payload)
    assert "The order took effect. [1][2][3]\n  ↳ fact · corroborated by 3 outlets" in text
    assert "**Anthropic says:** It was a mistake. [2]\n  ↳ claim · cue: \"says\"" in text
    assert 'Talks may resume. [3]\n  ↳ speculation · cue: "may"' in text
    assert "⚠️ Dates differ: 16 vs 17 June. [1][3]" in text
    assert "**[2]** b.com, 2026-06-17 — [Title 2](https://e.org/2)" in text


def test_unresolvable_citations_are_dropped() -> None:
    source = Source(1, 1, "T", "o", None, None, "q", 0, 0)
    answer = Answer("q", False, [Statement("Text [9] here.", "fact", [], [1, 9, 1])], [source])
    body = statement_text(payloads(answer))
    assert MARKER.findall(body) == ["1"]
    assert "\\[9\\]" in body


def test_abstention_is_one_plain_sentence() -> None:
    answer = Answer("Who won the 1998 World Cup? @everyone", True,
                    abstain_reason="I looked for the World Cup in the reporting <@1> and found nothing.")
    [message] = render_answer(answer)
    assert message.embeds == [] and message.content is not None
    assert message.content.startswith("I looked for the World Cup") and message.content.count(".") == 1
    assert "\n" not in message.content and not PING.search(message.content)
    long = render_abstain(Answer("q", True, abstain_reason="x " * 5000))
    assert long.content is not None and len(long.content) <= MAX_CONTENT


@pytest.mark.parametrize("seed", range(20))
def test_quotes_are_exact_and_fit(seed: int) -> None:
    rng = random.Random(1000 + seed)
    answer = random_answer(rng, n_statements=3, n_sources=rng.randint(1, 30))
    out = [message_payload(m) for m in render_quotes(answer)]
    text = "\n".join(visible_text(p) for p in out)
    for payload in out:
        assert limit_problems(payload) == []
        assert not PING.search(visible_text(payload))
    flat = " ".join(unescape(text.replace("\n> ", " ")).split())
    for source in answer.sources:
        words = " ".join(source.quote.replace("\u200b", "").split())
        without_overrides = " ".join(words.replace("\u202e", "").split())  # bidi overrides are stripped
        assert words[:200] in flat or without_overrides[:200] in flat


def test_quote_longer_than_an_embed_is_split_between_words() -> None:
    quote = " ".join(f"w{i}" for i in range(3000))
    answer = Answer("q", False, [Statement("s", "fact", [], [1])],
                    [Source(1, 1, "T", "o", None, None, quote, 0, 0)])
    out = [message_payload(m) for m in render_quotes(answer)]
    joined = " ".join(d.split("\n> ", 1)[1] for p in out for e in p["embeds"]
                      for d in e["description"].split("\n**[") if "\n> " in d)
    assert joined.split() == quote.split()


LONG_TITLE = ("Export *controls* [order] _and_ the `Mythos` appeal: " * 4)[:200]  # escaping ~doubles it
LONG_URL = "https://example.org/story/" + "segment-" * 60


def long_passage(n: int = 2600) -> str:
    words = ["The", "order", "[3]", "said", "*models*", "<@123>", "@everyone", "under_score", "\\", "`x`"]
    out: list[str] = []
    i = 0
    while len(" ".join(out)) < n:
        out.append(words[i % len(words)] + str(i))
        i += 1
    return " ".join(out)[:n].rstrip()


def quote_pieces(payloads: list[dict[str, Any]]) -> list[str]:
    """The passage pieces in the order shown (each block is a source line, then "> " and a piece)."""
    return [line[2:] for p in payloads for e in p["embeds"] for line in e["description"].split("\n")
            if line.startswith("> ")]


def test_long_source_line_and_passage_lose_nothing() -> None:
    passage = long_passage()
    assert len(passage) >= 2590
    answer = Answer("q", False, [Statement("s", "fact", [], [1])],
                    [Source(1, 1, LONG_TITLE, "outlet.example", LONG_URL, "2026-06-17", passage, 0, 0)])
    payloads = [message_payload(m) for m in render_quotes(answer)]
    assert all(limit_problems(p) == [] for p in payloads)
    pieces = quote_pieces(payloads)
    assert len(pieces) >= 2  # split, not cut
    assert unescape(" ".join(pieces)) == passage  # every character arrives, in order
    first = payloads[0]["embeds"][0]["description"]
    assert first.startswith(render.source_block(answer.sources[0]) + "\n> ")  # the source line, whole
    assert "(continued)" in "\n".join(e["description"] for p in payloads for e in p["embeds"])
    assert not any(PING.search(visible_text(p)) for p in payloads)


@pytest.mark.parametrize("offset", range(12))
def test_a_passage_without_spaces_is_split_between_markers_and_escapes(offset: int) -> None:
    passage = "y" * offset + "ab[12]\\*" * 700
    answer = Answer("q", False, [Statement("s", "fact", [], [1])],
                    [Source(1, 1, LONG_TITLE, "o", LONG_URL, None, passage, 0, 0)])
    pieces = quote_pieces([message_payload(m) for m in render_quotes(answer)])
    assert len(pieces) >= 2 and unescape("".join(pieces)) == passage
    for piece in pieces:
        assert "[" not in re.sub(r"\\\[\d+\\\]", "", piece).replace("\\\\", "")  # markers whole
        assert (len(piece) - len(piece.rstrip("\\"))) % 2 == 0  # no escape split from its character


def test_truncate_and_escape() -> None:
    assert truncate("short", 10) == "short"
    cut = truncate("alpha beta gamma delta", 12)
    assert cut == "alpha beta…" and len(cut) <= 12
    assert len(truncate("x" * 100, 10)) == 10
    assert neutralise_mentions("@everyone <@1> <@&2> <@!3> @here") == (
        "@\u200beveryone <@\u200b1> <@&\u200b2> <@!\u200b3> @\u200bhere"
    )
    assert escape_text("*a* [1] _b_") == "\\*a\\* \\[1\\] \\_b\\_"
    assert unescape(escape_text("*a* [1] <@5>")) == "*a* [1] <@5>"
    for n in range(2, 20):
        cut = truncate(escape_text("a " + "*" * 30), n)
        assert (len(cut[:-1]) - len(cut[:-1].rstrip("\\"))) % 2 == 0


def test_lone_surrogates_cannot_fail_a_message() -> None:
    """One unencodable character (e.g. from an LLM or a badly decoded page) would make Discord's JSON fail."""
    hostile = "Who said \ud800 <@1> \udfff?"
    answer = Answer(hostile, False, [Statement(hostile, "claim", [hostile], [1], hostile)],
                    [Source(1, 1, hostile, hostile, "https://e.org/\ud800", None, hostile, 0, 0)],
                    [Conflict(hostile, [1])])
    for message in render_answer(answer) + render_quotes(answer):
        text = visible_text(message_payload(message))
        text.encode("utf-8")  # raises on a lone surrogate
        assert "\ufffd" in text and not PING.search(text) and "e.org" not in text
    assert escape_text("a\ud800b") == "a\ufffdb"
    render.thread_name(hostile).encode("utf-8")


def test_sources_page_and_other_listings() -> None:
    now = datetime.now(UTC)
    articles = [Article(i, f"Title {i} @everyone", f"/s/{i}", "h", "cli", now, f"https://e.org/{i}", "o",
                        date(2026, 6, 17)) for i in range(1, 26)]
    first = render_sources_page(articles, 0).to_dict()
    last = render_sources_page(articles, 99).to_dict()
    assert first["description"].count("\n") == 9 and "`#1`" in first["description"]
    assert last["footer"]["text"] == "Page 3 of 3" and "`#25`" in last["description"]
    assert not PING.search(first["description"])
    report = IngestReport(added=[4], problems=[SourceProblem("x", "empty file")])
    assert render.render_ingest_report(report, "a.md") == "a.md: added #4; not added: empty file"
    feeds = [Feed(1, "https://e.org/rss", "discord:1", now, "News")]
    assert "`#1` News — <https://e.org/rss>" in render.render_feeds(feeds)
    entries = [AuditEntry(i, now, "discord:1", "article.add", f"article:{i}", "discord:2/3") for i in range(200)]
    assert len(render.render_audit_log(entries)) <= MAX_CONTENT


@pytest.mark.parametrize("seed", range(300))
def test_a_brief_summary_stays_one_message_within_limits(seed: int) -> None:
    """However many statements and sources a brief has, its Discord summary is two embeds within 6,000
    characters: the sources that do not fit are counted in a last line, which must fit too."""
    from bot.briefs.compose import Brief

    rng = random.Random(seed)
    answer = random_answer(rng, n_sources=rng.randint(1, 60))
    brief = Brief(answer=answer, since=datetime(2026, 6, 20, tzinfo=UTC), until=datetime(2026, 6, 23, tzinfo=UTC),
                  article_ids=[s.article_id for s in answer.sources], developments=min(5, len(answer.statements)))
    summary = render.render_brief_summary(brief, "Europe/Paris", "Brief #123456 · 30 Dec 23:59 CET")
    assert limit_problems(message_payload(summary)) == []
    assert len(summary.embeds) == 2 and sum(len(e) for e in summary.embeds) <= 6000


def test_a_note_about_the_bot_shows_as_written() -> None:
    """The notes about the bot are plain text: escaping (which a refusal's text gets) leaves them as they read."""
    from bot.answers import bot_help

    for note in (bot_help.BRIEFS, bot_help.SOURCES, bot_help.READING, bot_help.COMMANDS):
        assert render_abstain(Answer("q", True, abstain_reason=note)).content == note
