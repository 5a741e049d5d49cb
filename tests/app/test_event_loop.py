"""The bot never blocks its event loop, start-up included.

The real discord.py client runs against the fake Discord with asyncio's debug mode on: every callback
(a task step, an I/O handler) that holds the loop longer than the threshold is logged by asyncio
("Executing … took 0.300 seconds"), and debug mode also raises on loop calls from other threads. Any such
record fails the test, with the callback named. The run covers what ``briefbot run`` does on the loop
(extensions, the brief scheduler and its job store, the command sync, READY), gateway heartbeats, and
each command a member or a moderator can use. The articles are a few the test writes itself.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.answers.service import AnswerService
from bot.app.client import create_bot
from bot.app.feedback import FeedbackStore
from bot.briefs.service import BriefService
from bot.corpus.ingest import CorpusService
from bot.corpus.models import ArticleDraft
from bot.settings import Settings
from tests.fakediscord.fixtures import make_no_external_connector, running_bot
from tests.fakediscord.server import FakeDiscord

pytestmark = pytest.mark.timeout(120)

# Long enough that a busy 2-core machine does not trip it with honest work (rendering an answer takes a
# few milliseconds; under load a callback was seen at 0.29 s), far shorter than the blocking work this is
# meant to find (loading the embedding model or opening the index on the loop takes seconds).
SLOW_CALLBACK_SECONDS = 0.5
HEARTBEAT_MS = 500  # several heartbeats during the run (Discord's own interval is 41.25 s)

ARTICLES = [
    ("Export order takes two models offline",
     "The Commerce Department ordered the two models taken offline on Friday. The company said it received "
     "six hours of notice before the order took effect. Lawyers for the company filed suit on Monday."),
    ("Court hears challenge to the export order",
     "A federal judge heard arguments on the export-control order on Wednesday. The government argued that "
     "the order was lawful. The company argued it had no chance to respond before the shutdown."),
    ("Developers scramble after the shutdown",
     "Developers who relied on the models said their products stopped working within hours. Several "
     "startups moved to other providers. Analysts expect the dispute to last for months."),
]


class SlowCallbacks(logging.Handler):
    """asyncio's debug-mode reports: slow callbacks and anything else it warns about."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.records: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if "_accept_connection" in message:
            return  # the fake Discord's own server accepting a connection: the harness, not the bot
        self.records.append(message)


@pytest.fixture
def slow_callbacks() -> Iterator[SlowCallbacks]:
    handler = SlowCallbacks()
    for name in ("asyncio", "discord.gateway"):
        logging.getLogger(name).addHandler(handler)
    try:
        yield handler
    finally:
        for name in ("asyncio", "discord.gateway"):
            logging.getLogger(name).removeHandler(handler)


def open_corpus(settings: Settings) -> CorpusService:
    corpus = CorpusService.open(settings)
    drafts = [ArticleDraft(text=f"{title}\n\n{body}", title=title, source=f"test:{i}",
                           url=f"https://news.example.org/{i}", outlet="Example News")
              for i, (title, body) in enumerate(ARTICLES)]
    report = corpus.add_drafts(drafts, "test:setup", "pytest")
    assert len(report.added) == len(ARTICLES), report
    return corpus


async def test_no_callback_blocks_the_loop_from_start_to_stop(
    tmp_path: Path, patched_discord_endpoints: FakeDiscord, slow_callbacks: SlowCallbacks,
) -> None:
    fake = patched_discord_endpoints
    scene = fake.scene
    assert scene is not None
    fake.heartbeat_interval_ms = HEARTBEAT_MS
    settings = Settings(_env_file=None, data_dir=tmp_path / "data", ask_cooldown_seconds=0,  # type: ignore[call-arg]
                        mod_log_channel_id=scene.briefs.id, scheduler_lock_retry_seconds=0)
    # what `briefbot run` does before its loop starts (opening the corpus, warming the model)
    corpus = await asyncio.to_thread(open_corpus, settings)
    answers = AnswerService(settings, corpus)
    await asyncio.to_thread(answers.warm_up)
    feedback = await asyncio.to_thread(FeedbackStore.open, settings.data_dir)
    briefs = BriefService(settings, corpus)

    loop = asyncio.get_running_loop()
    loop.set_debug(True)
    loop.slow_callback_duration = SLOW_CALLBACK_SECONDS
    try:
        bot = create_bot(settings, corpus, answers, feedback, briefs=briefs,
                         connector=make_no_external_connector(), guild_ready_timeout=0.05)
        async with running_bot(bot, fake, timeout=30):
            assert briefs.scheduler is not None  # the scheduler started on this loop

            async def command(name: str, options: dict[str, object] | None = None, moderator: bool = False) -> None:
                handle = await fake.send_interaction(name, options, user=scene.moderator if moderator else scene.user)
                await handle.wait_response(timeout=30)

            await command("ask", {"question": "how much notice did the company get before the shutdown?"})
            await command("sources")
            await command("sources", {"query": "court"})
            await command("brief list")
            await command("brief now", {"channel": scene.general})
            await command("brief subscribe", {"channel": scene.general, "schedule": "daily 08:00"}, moderator=True)
            await command("corpus log", moderator=True)
            await command("corpus feeds list", moderator=True)
            upload = fake.attachment("note.md", b"# A short note\n\nThe judge set a hearing for next week.\n",
                                     "text/markdown")
            await command("corpus add", {"attachment": upload}, moderator=True)
            await fake.send_message(f"<@{fake.bot_user.id}> who filed suit?", author=scene.user,
                                    channel=scene.general, mentions=[fake.bot_user])
            await asyncio.sleep(3 * HEARTBEAT_MS / 1000)  # idle, heartbeats going
            await fake.wait_until(lambda: len(fake.bot_messages_in(scene.general)) > 0, timeout=30,
                                  what="the answer to the mention")
    finally:
        loop.set_debug(False)
        briefs.close()
        feedback.close()
        corpus.close()
    assert fake.heartbeats >= 2
    assert slow_callbacks.records == []

