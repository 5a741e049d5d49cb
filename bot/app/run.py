"""``briefbot run``: open the services, build the bot and run it until interrupted.

Returns a process exit status instead of raising, so the CLI can ``sys.exit(run_bot(settings))``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal

import discord

from bot.errors import BriefbotError
from bot.settings import Settings

log = logging.getLogger(__name__)

NO_TOKEN = "Set DISCORD_TOKEN (your bot token from the Discord developer portal) to run the bot."


def setup_logging() -> None:
    """INFO lines from the bot and discord.py, each printed once.

    ``briefbot run`` comes through the CLI, which has already given the root logger a handler; adding
    discord.py's as well printed every line twice. So an existing handler is kept (only the level is
    lowered to INFO), and discord.py's own (coloured on a terminal) is installed only when nothing has
    configured logging, e.g. when ``run_bot`` is called from Python.
    """
    root = logging.getLogger()
    if not root.handlers:
        discord.utils.setup_logging(level=logging.INFO, root=True)
    elif root.getEffectiveLevel() > logging.INFO:
        root.setLevel(logging.INFO)


STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def run_bot(settings: Settings) -> int:
    """Run the Discord bot; 0 on a clean stop, 1 on a start-up failure, 2 without a token."""
    if settings.discord_token is None or not settings.discord_token.get_secret_value().strip():
        print(NO_TOKEN)
        return 2
    token = settings.discord_token.get_secret_value().strip()
    setup_logging()

    from bot.answers.service import AnswerService
    from bot.app.client import configure_endpoints, configure_gateway, create_bot
    from bot.app.feedback import FeedbackStore
    from bot.briefs.service import BriefService
    from bot.corpus.ingest import CorpusService

    configure_endpoints(settings)
    configure_gateway()
    try:
        corpus = CorpusService.open(settings)
    except BriefbotError as exc:
        print(exc.user_message)
        return 1
    feedback = FeedbackStore.open(settings.data_dir)
    try:
        answers = AnswerService(settings, corpus)
        answers.warm_up()
        bot = create_bot(settings, corpus, answers, feedback, briefs=BriefService(settings, corpus))

        async def main() -> None:
            loop = asyncio.get_running_loop()
            closing: list[asyncio.Task[None]] = []  # a reference, so the closing task is not collected

            def stop() -> None:
                """Ctrl+C or SIGTERM: close the bot, so start() returns wherever it was (cancelling the
                main task could land in a call that absorbs it); a second Ctrl+C interrupts at once."""
                for number in STOP_SIGNALS:
                    loop.remove_signal_handler(number)
                closing.append(loop.create_task(bot.close(), name="stop-on-signal"))

            for number in STOP_SIGNALS:
                with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):  # not main thread
                    loop.add_signal_handler(number, stop)
            async with bot:
                await bot.start(token)

        with contextlib.suppress(KeyboardInterrupt):
            asyncio.run(main())
    except discord.LoginFailure:
        print("Discord refused the token: check DISCORD_TOKEN.")
        return 1
    except discord.PrivilegedIntentsRequired:
        print("Enable the Message Content intent for the bot in the Discord developer portal.")
        return 1
    except BriefbotError as exc:
        print(exc.user_message)
        return 1
    finally:
        feedback.close()
        corpus.close()
    return 0
