"""``/timeline`` through the real discord.py client against the fake Discord: an embed of the dated
events and the PNG chart attached to the same message; a bad day gets a short error. Runs on the
invented story of tests/facts/story.py (no shared corpus needed)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.answers.service import AnswerService
from bot.app.client import BriefBot
from bot.app.feedback import FeedbackStore
from bot.corpus.ingest import CorpusService
from tests.app.conftest import make_settings
from tests.facts.story import write_story
from tests.fakediscord.fixtures import make_no_external_connector, running_bot
from tests.fakediscord.server import FakeDiscord

EPHEMERAL = 64
PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
async def timeline_bot(patched_discord_endpoints: FakeDiscord, fake_discord: FakeDiscord,
                       tmp_path: Path) -> AsyncIterator[BriefBot]:
    settings = make_settings(tmp_path / "data")
    corpus = CorpusService.open(settings)
    corpus.add_paths(write_story(tmp_path / "story"), "test", "pytest")
    client = BriefBot(settings, corpus, AnswerService(settings, corpus), FeedbackStore.open(tmp_path / "bot"),
                      connector=make_no_external_connector(), guild_ready_timeout=0.05)
    try:
        async with running_bot(client, fake_discord):
            yield client
    finally:
        client.feedback.close()
        corpus.close()


async def test_timeline_sends_the_events_and_the_chart_in_one_message(
    timeline_bot: BriefBot, fake_discord: FakeDiscord,
) -> None:
    synced = fake_discord.requests_to("PUT", rf"^/applications/{fake_discord.application_id}/commands$")
    assert "timeline" in {c["name"] for c in synced[0].json}
    handle = await fake_discord.send_interaction("timeline")
    [message] = await handle.wait_followups(1, timeout=30)
    [embed] = message.json["embeds"]
    assert embed["title"] == "What happened when"
    days = [f["name"] for f in embed["fields"]]
    assert days == sorted(days) and days[:2] == ["2026-03-03", "2026-03-10"]
    order = embed["fields"][1]["value"]
    assert "Sources disagree on when the government order came: March 10 (4 outlets) vs March 11" in order
    assert "](https://" in order  # each event's sources are linked citations
    assert embed["image"]["url"] == "attachment://timeline.png"
    [chart] = message.files
    assert chart.filename == "timeline.png" and chart.data.startswith(PNG) and len(chart.data) > 5000
    assert message.json["allowed_mentions"] == {"parse": []}


async def test_timeline_since_and_a_bad_day(timeline_bot: BriefBot, fake_discord: FakeDiscord) -> None:
    handle = await fake_discord.send_interaction("timeline", {"since": "2026-04-01"})
    [message] = await handle.wait_followups(1, timeout=30)
    assert [f["name"] for f in message.json["embeds"][0]["fields"]] == ["2026-04-02", "2026-04-03"]
    bad = await fake_discord.send_interaction("timeline", {"since": "next friday"})
    response = await bad.wait_response()
    text = json.dumps(response.json)
    assert "YYYY-MM-DD" in text and response.json["data"]["flags"] & EPHEMERAL
