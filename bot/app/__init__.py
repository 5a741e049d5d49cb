"""The Discord surface: client, cogs, rendering, persistent views, feedback store.

Importing this package has no side effects; :func:`bot.app.run.run_bot` starts the bot.
"""
