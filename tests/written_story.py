"""A few articles written for one test, indexed for real (model, Chroma, catalog) and answered over: for tests
of an answer-path reading that no question of the shared corpus exercises, or that must hold on any story."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from bot.answers.service import AnswerService
from bot.corpus.ingest import CorpusService
from tests.isolation import DefaultsOnlySettings


def write_articles(folder: Path, articles: Mapping[str, tuple[str, str, str]], published: str) -> None:
    """One Markdown article per file name (outlet, title, body), all published that day."""
    folder.mkdir(exist_ok=True)
    for name, (outlet, title, body) in articles.items():
        (folder / name).write_text(f"---\nurl: https://{outlet}/{name[:-3]}\noutlet: {outlet}\ntitle: {title}\n"
                                   f"published: {published}\n---\n\n{body}\n", encoding="utf-8")


_NOTE_CITIES = ("Lyon", "Osaka", "Lagos", "Quito", "Perth", "Cusco", "Tampa", "Hanoi", "Dakar", "Porto", "Omaha",
                "Turin", "Kyoto", "Accra", "Leeds", "Basel")


def filler_notes(model: str = "Quill 3") -> dict[str, tuple[str, str, str]]:
    """Sixteen short notes about ``model`` and nothing else: enough articles that the names of one story article
    are rare words of the corpus (a name in two of a handful of articles reads as one of the story's everyday
    words, as "Fable" does in the shared corpus)."""
    return {f"note{k}.md": (f"note{k}.example", f"{model} in {city}",
                            f"Developers in {city} tested {model} on day {k} of its release and reported faster "
                            "builds.") for k, city in enumerate(_NOTE_CITIES)}


@contextmanager
def answers_over(tmp_path: Path, articles: Mapping[str, tuple[str, str, str]],
                 published: str = "2026-03-14") -> Iterator[AnswerService]:
    """The answer service over ``articles`` (file name -> (outlet, title, body)), all published that day."""
    folder = tmp_path / "story"
    write_articles(folder, articles, published)
    corpus = CorpusService.open(DefaultsOnlySettings(data_dir=tmp_path / "data"))
    try:
        corpus.add_paths(sorted(folder.iterdir()), "test", "pytest")
        yield AnswerService(corpus.settings, corpus)
    finally:
        corpus.close()
