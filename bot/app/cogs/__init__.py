"""The bot's cogs: ask (/ask, mentions, threads), sources, corpus (moderators), errors (one policy).

Each module is a discord.py extension with ``async def setup(bot)`` that adds its cog; dependencies are
read from the bot, never built here. Nothing is imported here so that :mod:`bot.app.views` can use the
error policy without import cycles; :meth:`bot.app.client.BriefBot.setup_hook` loads the extensions.
"""
