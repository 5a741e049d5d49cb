"""The bot's cogs: ask (/ask, mentions, threads), sources, corpus (moderators), errors (one policy).

Nothing is imported here so that :mod:`bot.app.views` can use the error policy without import cycles;
:meth:`bot.app.client.BriefBot.setup_hook` loads the cogs.
"""
