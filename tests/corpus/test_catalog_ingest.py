"""CorpusService over the real catalog (SQLite), embedded Chroma and the real embedding model."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from bot.corpus import sources
from bot.corpus.index import chunk_id
from bot.corpus.ingest import CorpusService
from bot.errors import InvalidInputError, NotFoundError, UnsafeURLError
from tests.corpus.ingest_fixtures import (
    ACTOR,
    ORIGIN,
    assert_consistent,
    audit_rows,
    bad_inputs_are_reported_and_the_rest_indexed,
    core_ingest_checks,
    edit_replaces_only_its_own_chunks,
    edited_copy,
    make_settings,
    open_service,
)
from tests.corpus.loopback_http import LocalServer, Reply
from tests.fixture_corpus import SYNDICATED, VERBATIM_COPIES, distinct_files, fixture_article
from tests.loopback import loopback_fetcher


def test_add_readd_remove_embedded(tmp_path: Path) -> None:
    files = distinct_files()  # every distinct fixture article
    settings = make_settings(tmp_path / "data")
    result = core_ingest_checks(settings, files)
    with open_service(settings) as service:
        counts = service.catalog.count()
        assert counts["articles"] == len(files) - 1 and counts["duplicates"] == 0
        adds = audit_rows(service, "article.add")
        assert len(adds) == len(files)
        assert {(a["actor"], a["origin"]) for a in adds} == {(ACTOR, ORIGIN)}
        assert {a["target"] for a in adds} == {f"article:{i}" for i in result.first.added}
        removes = audit_rows(service, "article.remove")
        assert [(r["target"], r["actor"], r["origin"]) for r in removes] == [
            (f"article:{result.removed_id}", ACTOR, ORIGIN)
        ]
        # stored metadata points back at the catalog rows
        some = result.first.added[1]
        got = service.index.collection.get(where={"article_id": some}, include=["metadatas", "documents"])
        body = service.catalog.body(some)
        metadatas, documents = got["metadatas"], got["documents"]
        assert metadatas is not None and documents is not None
        for meta, doc in zip(metadatas, documents, strict=True):
            start, end = meta["start"], meta["end"]
            assert isinstance(start, int) and isinstance(end, int), meta
            assert body[start:end] == doc


def test_edit_replaces_only_that_articles_chunks(tmp_path: Path) -> None:
    edit_replaces_only_its_own_chunks(make_settings(tmp_path / "data"), tmp_path)


def test_syndicated_and_verbatim_copies_are_linked_not_indexed(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "data")
    files = [fixture_article(p) for p in (*SYNDICATED, *VERBATIM_COPIES)]
    with open_service(settings) as service:
        report = service.add_paths(files, ACTOR, ORIGIN)
        assert not report.problems
        by_source = {a.source: a for a in service.catalog.list_articles()}
        art = {p: by_source[str(fixture_article(p))] for p in (*SYNDICATED, *VERBATIM_COPIES)}
        syn_original, verb_original = art[SYNDICATED[0]].id, art[VERBATIM_COPIES[0]].id
        assert sorted(report.added) == sorted([syn_original, verb_original])
        for prefix in SYNDICATED[1:]:
            assert art[prefix].duplicate_of == syn_original, prefix
        for prefix in VERBATIM_COPIES[1:]:
            assert art[prefix].duplicate_of == verb_original, prefix
        assert len(report.duplicates) == len(files) - 2
        for prefix in (*SYNDICATED[1:], *VERBATIM_COPIES[1:]):
            assert service.index.ids_for(art[prefix].id) == set(), prefix
            assert service.catalog.chunks(art[prefix].id) == []
        assert service.index.count() == len(service.catalog.chunks(syn_original)) + len(
            service.catalog.chunks(verb_original))
        assert len(audit_rows(service, "article.add_duplicate")) == len(files) - 2
        assert_consistent(service)

        # removing the original promotes its first copy, which gets indexed; the others follow it
        service.remove(syn_original, ACTOR, ORIGIN)
        heir = art[SYNDICATED[1]].id
        promoted = service.catalog.get(heir)
        assert promoted.duplicate_of is None
        heir_ids = service.index.ids_for(heir)
        assert heir_ids and heir_ids == {
            chunk_id(heir, promoted.content_hash, r.idx) for r in service.catalog.chunks(heir)
        }
        assert service.index.ids_for(syn_original) == set()
        for prefix in SYNDICATED[2:]:
            assert service.catalog.get(art[prefix].id).duplicate_of == heir, prefix
        detail = audit_rows(service, "article.remove")[-1]["detail"]
        assert f"article:{heir} promoted" in detail
        assert_consistent(service)


def test_malformed_inputs_are_reported_and_the_rest_indexed(tmp_path: Path) -> None:
    bad_inputs_are_reported_and_the_rest_indexed(make_settings(tmp_path / "data"), tmp_path)


def test_failing_labeller_skips_only_that_item(tmp_path: Path) -> None:
    """An unexpected error while preparing one item is reported; nothing of it reaches storage."""
    from bot.corpus.catalog import Catalog
    from bot.corpus.index import VectorIndex
    from bot.corpus.ingest import CorpusService, LabelResultLike, default_labeller
    from bot.nlp.labels import label_sentences

    files = distinct_files(3, offset=11)
    poison = sources.read_file(files[1]).text.strip().splitlines()[0][:40]  # only that article says it
    settings = make_settings(tmp_path / "data")
    settings.data_dir.mkdir(parents=True)

    def labeller(texts: list[str]) -> Sequence[LabelResultLike]:
        if any(poison in t for t in texts):
            raise RuntimeError("labeller exploded")
        return label_sentences(texts)

    service = CorpusService(settings, Catalog(settings.catalog_path), VectorIndex(settings), labeller,
                            default_labeller()[1])
    try:
        report = service.add_paths(files, ACTOR, ORIGIN)
        assert [p.item for p in report.problems] == [files[1].name]
        assert "unexpected error" in report.problems[0].message
        assert len(report.added) == 2
        assert {a.source for a in service.catalog.list_articles()} == {str(files[0]), str(files[2])}
        assert_consistent(service)
    finally:
        service.close()


RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Loopback Wire</title>
<link>http://127.0.0.1/</link><description>d</description>
<item><title>One</title><link>http://127.0.0.1/one</link></item></channel></rss>"""


def test_feeds_add_remove_with_audit(tmp_path: Path, local_server: LocalServer,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    local_server.routes["/feed.xml"] = Reply(body=RSS, headers={"Content-Type": "application/rss+xml"})
    feed_url = local_server.url("/feed.xml")
    settings = make_settings(tmp_path / "data")
    with open_service(settings) as service:
        # the real fetcher refuses loopback: nothing is written
        with pytest.raises(UnsafeURLError):
            service.add_feed(feed_url, ACTOR, ORIGIN)
        assert service.catalog.feeds() == [] and audit_rows(service, "feed.add") == []
        assert local_server.connections == 0

        plain = service.add_feed("https://feeds.example.org/rss", ACTOR, ORIGIN, verify=False)
        assert plain.title is None
        with pytest.raises(InvalidInputError, match="already followed"):
            service.add_feed("https://feeds.example.org/rss", ACTOR, ORIGIN, verify=False)

        # the same catalog opened with the loopback fetcher injected (nothing patched at module level)
        trusting = CorpusService(service.settings, service.catalog, service.index, fetcher=loopback_fetcher())
        verified = trusting.add_feed(feed_url, "test:mod", "guild:1/channel:2")
        assert verified.title == "Loopback Wire"
        assert [f.url for f in service.catalog.feeds()] == ["https://feeds.example.org/rss", feed_url]

        adds = audit_rows(service, "feed.add")
        assert [(a["target"], a["actor"], a["origin"], a["detail"]) for a in adds] == [
            (f"feed:{plain.id}", ACTOR, ORIGIN, "https://feeds.example.org/rss"),
            (f"feed:{verified.id}", "test:mod", "guild:1/channel:2", feed_url),
        ]
        service.remove_feed(str(plain.id), ACTOR, ORIGIN)
        service.remove_feed(f"  {feed_url} ", "test:mod", "guild:1/channel:2")
        assert service.catalog.feeds() == []
        with pytest.raises(NotFoundError):
            service.remove_feed("999", ACTOR, ORIGIN)
        removes = audit_rows(service, "feed.remove")
        assert [(r["target"], r["actor"]) for r in removes] == [
            (f"feed:{plain.id}", ACTOR), (f"feed:{verified.id}", "test:mod")
        ]


def test_bad_article_ids(tmp_path: Path) -> None:
    with open_service(make_settings(tmp_path / "data")) as service:
        assert service.parse_article_id(" #12 ") == 12
        with pytest.raises(InvalidInputError):
            service.parse_article_id("twelve")
        with pytest.raises(NotFoundError):
            service.remove(42, ACTOR, ORIGIN)
        assert audit_rows(service, "article.remove") == []


def test_editing_a_copy_keeps_index_consistent(tmp_path: Path) -> None:
    """A new version of a linked copy stays a copy (no chunks) while it still matches its original,
    and becomes an indexed original once it no longer does."""
    original_path, copy_path = fixture_article(VERBATIM_COPIES[0]), fixture_article(VERBATIM_COPIES[1])
    settings = make_settings(tmp_path / "data")
    with open_service(settings) as service:
        report = service.add_paths([original_path, copy_path], ACTOR, ORIGIN)
        (copy_id, original_id), = report.duplicates
        n_original = service.index.count()

        lightly = edited_copy(copy_path, tmp_path / "copy-edited.md")
        update = service.add_paths([lightly], ACTOR, ORIGIN)
        assert update.updated == [copy_id] and update.chunks_embedded == 0
        assert service.catalog.get(copy_id).duplicate_of == original_id
        assert "correction was appended" in service.catalog.body(copy_id)
        assert service.index.ids_for(copy_id) == set() and service.index.count() == n_original
        assert_consistent(service)

        text = copy_path.read_text(encoding="utf-8")
        front, _, _ = text.partition("\n---\n")
        other_body = sources.read_file(distinct_files(1, offset=13)[0]).text
        rewritten = tmp_path / "copy-rewritten.md"
        rewritten.write_text(f"{front}\n---\n\n{other_body}\n", encoding="utf-8")
        assert sources.read_file(rewritten).url == sources.read_file(copy_path).url
        update = service.add_paths([rewritten], ACTOR, ORIGIN)
        assert update.updated == [copy_id] and update.chunks_embedded > 0
        assert service.catalog.get(copy_id).duplicate_of is None
        assert len(service.index.ids_for(copy_id)) == update.chunks_embedded
        assert_consistent(service)


def test_relabel_rewrites_every_stored_label_in_batches_and_records_the_version(tmp_path: Path) -> None:
    from bot.nlp.labels import LabelResult

    settings = make_settings(tmp_path / "data")
    with open_service(settings) as service:
        service.add_paths(distinct_files(5), ACTOR, ORIGIN)
        catalog = service.catalog
        total = catalog._query("SELECT COUNT(*) FROM sentences")[0][0]
        generation = catalog.generation()
        seen: list[int] = []

        def everything_is_opinion(texts: Sequence[str]) -> list[LabelResult]:
            seen.append(len(texts))
            assert all(texts)  # each sentence's own text, cut from its article
            return [LabelResult("opinion", ("test rule",)) for _ in texts]

        assert catalog.relabel(everything_is_opinion, "test-v1", batch=2) == total
        assert len(seen) == 3  # five articles, two per batch
        labels = catalog._query("SELECT DISTINCT label, cues FROM sentences")
        assert [(r[0], r[1]) for r in labels] == [("opinion", '["test rule"]')]
        assert catalog.get_meta("labeller_version") == "test-v1"
        assert catalog.generation() > generation
        assert catalog.relabel(everything_is_opinion, "test-v1") == 0  # same version: nothing to do


def test_progress_reaches_the_total_only_when_the_last_chunks_are_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bar counts an item once its chunks are in the index, so 100% means searchable."""
    import bot.corpus.adding as ingest

    group = 10
    monkeypatch.setattr(ingest, "FLUSH_CHUNKS", group)  # several groups go through the pipeline
    files = distinct_files(12, offset=1)
    bad = tmp_path / "empty.md"
    bad.write_bytes(b"")
    with open_service(make_settings(tmp_path / "data")) as service:
        seen: list[tuple[int, int]] = []  # (items done so far, chunks in the index at that moment)
        done = 0

        def progress(n: int) -> None:
            nonlocal done
            done += n
            seen.append((done, service.index.count()))

        report = service.add_paths([bad, *files], ACTOR, ORIGIN, progress=progress)
        final = service.index.count()
        assert report.chunks_embedded == final > 3 * group and len(report.added) == 12
        assert done == 13 and [d for d, _ in seen] == sorted(d for d, _ in seen)
        assert seen[-1] == (13, final)
        first_full = next(i for i, (d, _) in enumerate(seen) if d == 13)
        assert seen[first_full][1] == final  # never 100% while chunks were still on their way
        assert seen[0] == (1, 0)  # the bad item is done at once, before anything is stored
        assert len(seen) >= 3  # it moved along the way, not in one jump at the end

        again: list[int] = []
        service.add_paths(files, ACTOR, ORIGIN, progress=again.append)
        assert again == [1] * 12  # nothing to store: each item is done when read
