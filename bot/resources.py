"""Data shipped with the package: the LLM prompts and the starter knowledge.

In the repository they live at the top (``prompts/``, ``knowledge/``); setuptools maps them to the packages
``bot.prompts`` and ``bot.knowledge``, so a wheel carries them and an editable install finds them in place.
Looked up with importlib.resources, never by a path relative to this file.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import Literal

from bot.errors import ConfigError

Bundle = Literal["prompts", "knowledge"]


def bundled_dir(name: Bundle) -> Path:
    """The folder holding the bundled ``name`` files, or a clear error when the install lacks them."""
    try:
        root = files(f"bot.{name}")
    except ModuleNotFoundError as exc:
        raise ConfigError(
            f"The bundled {name} were not found: briefbot is not installed (pip install -e . in a checkout)."
        ) from exc
    folder = Path(str(root))
    if not folder.is_dir():
        raise ConfigError(f"The bundled {name} are not on disk here ({folder}); reinstall briefbot.")
    return folder
