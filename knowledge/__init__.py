"""The starter corpus (notes and a source list); installed as ``bot.knowledge`` (see bot/resources.py)."""
