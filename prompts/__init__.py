"""Prompt files for the optional LLM composer; installed as ``bot.prompts`` (see bot/resources.py)."""
