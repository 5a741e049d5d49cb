"""Same text, different facts around it: identical copies elsewhere, and front-matter corrections.

Real catalog, embedded Chroma and the real model. Files are written at test time from corpus articles
read in place, with only their front matter changed.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from bot.cli import main
from bot.corpus import sources
from bot.corpus.catalog import Catalog
from bot.corpus.index import VectorIndex
from bot.corpus.ingest import CorpusService
from tests.corpus.ingest_fixtures import (
    ACTOR,
    ORIGIN,
    assert_consistent,
    audit_rows,
    chroma_view,
    correction_updates_metadata_without_reembedding,
    dated_article,
    front_matter_and_body,
    make_settings,
    open_service,
    rewrite,
)
from tests.fixture_corpus import distinct_files

# --------------------------------------------------------------------------------------------
# identical copies


def test_identical_text_at_another_url_is_a_linked_copy(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    original_path = dated_article(offset=4)
    copy_path = rewrite(original_path, tmp_path / "mirror.md", url="https://mirror.example.net/story",
                        outlet="Mirror Wire")
    third_path = rewrite(original_path, tmp_path / "third.md", url="https://third.example.org/a/b",
                         outlet="Third Daily")
    assert sources.read_file(copy_path).content_hash == sources.read_file(original_path).content_hash
    settings = make_settings(tmp_path / "data")
    with open_service(settings) as service:
        first = service.add_paths([original_path], ACTOR, ORIGIN)
        (original,) = first.added
        n_chunks = service.index.count()

        report = service.add_paths([copy_path], "test:mod", "pytest@copy")
        assert report.unchanged == [] and report.added == [] and report.chunks_embedded == 0
        ((copy_id, of),) = report.duplicates
        assert of == original and copy_id != original
        copy = service.catalog.get(copy_id)
        assert copy.duplicate_of == original
        assert (copy.url, copy.outlet, copy.added_by) == ("https://mirror.example.net/story", "Mirror Wire",
                                                          "test:mod")
        assert service.catalog.chunks(copy_id) == [] and service.index.ids_for(copy_id) == set()
        assert service.index.count() == n_chunks
        entries = audit_rows(service, "article.add_duplicate")
        assert [(e["target"], e["actor"], e["origin"]) for e in entries] == [
            (f"article:{copy_id}", "test:mod", "pytest@copy")
        ]
        assert f"article:{original}" in entries[0]["detail"]

        # a copy of the copy links to the original, and re-adding either copy changes nothing
        third = service.add_paths([third_path], ACTOR, ORIGIN)
        assert [of for _, of in third.duplicates] == [original]
        again = service.add_paths([copy_path, third_path], ACTOR, ORIGIN)
        assert sorted(again.unchanged) == sorted([copy_id, third.duplicates[0][0]])
        assert not (again.duplicates or again.added or again.updated) and again.chunks_embedded == 0
        assert len(audit_rows(service, "article.add_duplicate")) == 2
        assert_consistent(service)

    monkeypatch.chdir(tmp_path)
    assert main(["--data-dir", str(settings.data_dir), "corpus", "list", "--json"]) == 0
    listed = {item["id"]: item for item in json.loads(capsys.readouterr().out)}
    assert listed[copy_id]["duplicate_of"] == original and listed[copy_id]["outlet"] == "Mirror Wire"
    assert main(["--data-dir", str(settings.data_dir), "corpus", "list"]) == 0
    assert f"(copy of #{original})" in capsys.readouterr().out


def test_an_identical_plain_text_file_elsewhere_is_a_copy_but_the_same_file_is_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, body = front_matter_and_body(distinct_files(1, offset=17)[0])
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    here = tmp_path / "a" / "note.txt"
    here.write_text(body, encoding="utf-8")
    there = tmp_path / "b" / "note.txt"
    there.write_text(body, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with open_service(make_settings(tmp_path / "data")) as service:
        (first,) = service.add_paths([here], ACTOR, ORIGIN).added
        # the same file named by a relative path is the same article, not a copy of itself
        same = service.add_paths([Path("a/note.txt")], ACTOR, ORIGIN)
        assert same.unchanged == [first] and not same.duplicates
        other = service.add_paths([there], ACTOR, ORIGIN)
        assert [of for _, of in other.duplicates] == [first] and other.chunks_embedded == 0
        assert_consistent(service)


def test_same_long_headline_but_different_text_is_not_a_copy(tmp_path: Path) -> None:
    """An unrelated article that happens to share a long headline is indexed on its own."""
    first_path, other_path = distinct_files(2, offset=21)
    headline = "Regulators and developers argue over what the order really covers this week"
    a = rewrite(first_path, tmp_path / "a.md", title=headline, url="https://one.example.com/x")
    b = rewrite(other_path, tmp_path / "b.md", title=headline.upper() + "!", url="https://two.example.com/y")
    with open_service(make_settings(tmp_path / "data")) as service:
        assert service.catalog.same_title(headline) == []
        (first,) = service.add_paths([a], ACTOR, ORIGIN).added
        assert service.catalog.same_title(headline.upper() + "!") == [first]  # the headline does match
        report = service.add_paths([b], ACTOR, ORIGIN)
        assert len(report.added) == 1 and report.duplicates == [] and report.chunks_embedded > 0
        assert service.catalog.get(report.added[0]).duplicate_of is None
        assert_consistent(service)


# --------------------------------------------------------------------------------------------
# front-matter corrections


def test_front_matter_correction_updates_catalog_and_chunk_metadata_without_reembedding(tmp_path: Path) -> None:
    correction_updates_metadata_without_reembedding(make_settings(tmp_path / "data"), tmp_path)


def test_a_url_correction_is_found_by_source_and_applied(tmp_path: Path) -> None:
    path = dated_article(offset=9)
    working = rewrite(path, tmp_path / "story.md")
    with open_service(make_settings(tmp_path / "data")) as service:
        (article_id,) = service.add_paths([working], ACTOR, ORIGIN).added
        rewrite(path, working, url="https://corrected.example.com/the-story")
        report = service.add_paths([working], ACTOR, ORIGIN)
        assert report.updated == [article_id] and not report.duplicates and report.chunks_embedded == 0
        assert service.catalog.get(article_id).url == "https://corrected.example.com/the-story"
        assert "url" in audit_rows(service, "article.update")[0]["detail"]


def test_a_correction_interrupted_before_the_index_is_finished_when_the_corpus_reopens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = dated_article(offset=12)
    settings = make_settings(tmp_path / "data")
    with open_service(settings) as service:
        (article_id,) = service.add_paths([path], ACTOR, ORIGIN).added
    corrected = rewrite(path, tmp_path / "corrected.md", published="2018-07-08")

    def index_down(self: VectorIndex, records: object) -> None:
        raise RuntimeError("index went away")

    with monkeypatch.context() as patch:
        patch.setattr(VectorIndex, "update_metadata", index_down)
        with open_service(settings) as service, pytest.raises(RuntimeError, match="went away"):
            service.add_paths([corrected], ACTOR, ORIGIN)
        with pytest.raises(RuntimeError, match="went away"):
            CorpusService.open(settings)  # recovery fails too while the index is down
    catalog = Catalog(settings.catalog_path)
    try:  # the catalog is corrected and remembers that the index is not yet
        assert catalog.meta_stale() == [article_id]
        assert catalog.get(article_id).published == date(2018, 7, 8)
    finally:
        catalog.close()
    with open_service(settings) as service:  # opening recovers
        assert service.catalog.meta_stale() == []
        assert service.catalog.get(article_id).published == date(2018, 7, 8)
        assert {m["published"] for m, _ in chroma_view(service, article_id).values()} == {"2018-07-08"}
        assert_consistent(service)


# --------------------------------------------------------------------------------------------
# the near-duplicate threshold


def _synthetic(words: list[str]) -> str:
    """Words grouped into ten-word sentences, so the text chunks and labels like prose."""
    sentences = [" ".join(words[i : i + 10]).capitalize() + "." for i in range(0, len(words), 10)]
    return " ".join(sentences)


@pytest.mark.parametrize(("kept", "linked"), [(436, True), (416, False)])
def test_near_duplicate_threshold(tmp_path: Path, kept: int, linked: bool) -> None:
    """A copy sharing ~87% of its word 5-grams with an indexed article is linked; ~83% is its own."""
    from bot.corpus.ingest import NEAR_DUPLICATE_THRESHOLD, shingles
    from bot.corpus.models import ArticleDraft

    base_words = [f"b{i}q" for i in range(500)]  # every 5-gram unique, nothing shared by chance
    copy_words = base_words[:kept] + [f"n{i}z" for i in range(500 - kept)]
    base, copy = _synthetic(base_words), _synthetic(copy_words)
    a, b = shingles(base), shingles(copy)
    overlap = len(a & b) / min(len(a), len(b))
    assert abs(overlap - NEAR_DUPLICATE_THRESHOLD) < 0.03 and (overlap >= NEAR_DUPLICATE_THRESHOLD) == linked
    with open_service(make_settings(tmp_path / "data")) as service:
        (original,) = service.add_drafts(
            [ArticleDraft(text=base, title="Synthetic original", source="test://original")], ACTOR, ORIGIN).added
        report = service.add_drafts(
            [ArticleDraft(text=copy, title="Synthetic variant", source="test://variant")], ACTOR, ORIGIN)
        if linked:
            assert [of for _, of in report.duplicates] == [original] and report.chunks_embedded == 0
        else:
            assert len(report.added) == 1 and not report.duplicates and report.chunks_embedded > 0
        assert_consistent(service)
