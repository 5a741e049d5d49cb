"""The same ingest guarantees against a real `chroma run` server on 127.0.0.1 (HTTP client)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from bot.corpus.embeddings import MiniLMChromaFunction
from bot.corpus.index import VectorIndex, make_client
from bot.errors import IndexUnavailableError
from bot.settings import Settings
from tests.corpus.ingest_fixtures import (
    ACTOR,
    ORIGIN,
    ChromaServer,
    assert_consistent,
    bad_inputs_are_reported_and_the_rest_indexed,
    core_ingest_checks,
    correction_updates_metadata_without_reembedding,
    edit_replaces_only_its_own_chunks,
    free_port,
    make_settings,
    open_service,
    start_chroma_server,
    stop_chroma_server,
)
from tests.fixture_corpus import VERBATIM_COPIES, distinct_files, fixture_article


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ChromaServer]:
    root = tmp_path_factory.mktemp("chroma-server")
    server = start_chroma_server(root / "db", root / "server.log")
    try:
        yield server
    finally:
        stop_chroma_server(server)
    assert server.process.poll() is not None


def test_core_ingest_over_server(chroma_server: ChromaServer, tmp_path: Path) -> None:
    settings = chroma_server.settings(tmp_path / "data", collection="core")
    result = core_ingest_checks(settings, distinct_files(20, offset=1))
    assert len(result.first.added) == 20
    # nothing went to an embedded store in the data directory
    assert not settings.chroma_path.exists()
    # the server holds exactly what the catalog expects, seen from an independent client
    collection = make_client(settings).get_collection("core")
    with open_service(settings) as service:
        assert collection.count() == service.catalog.count()["chunks"]
        assert collection.metadata["embedding_model"] == service.index.model_id


def test_copies_and_update_over_server(chroma_server: ChromaServer, tmp_path: Path) -> None:
    settings = chroma_server.settings(tmp_path / "data", collection="copies")
    files = [fixture_article(p) for p in VERBATIM_COPIES]
    with open_service(settings) as service:
        report = service.add_paths(files, ACTOR, ORIGIN)
        assert len(report.added) == 1 and len(report.duplicates) == 2
        original = report.added[0]
        for copy, of in report.duplicates:
            assert of == original and service.index.ids_for(copy) == set()
        service.remove(original, ACTOR, ORIGIN)
        heir = report.duplicates[0][0]
        assert service.index.ids_for(heir) and service.index.ids_for(original) == set()
        assert_consistent(service)


@pytest.mark.parametrize(("collection", "check"), [
    ("edits", edit_replaces_only_its_own_chunks),
    ("bad-input", bad_inputs_are_reported_and_the_rest_indexed),
    # metadata rewritten in place through the HTTP client (``collection.update``), vectors untouched
    ("corrections", correction_updates_metadata_without_reembedding),
])
def test_embedded_checks_hold_over_server(chroma_server: ChromaServer, tmp_path: Path, collection: str,
                                          check: Callable[[Settings, Path], None]) -> None:
    """The embedded tests' checks, with the index behind a real ``chroma run`` server."""
    settings = chroma_server.settings(tmp_path / "data", collection=collection)
    check(settings, tmp_path)
    assert not settings.chroma_path.exists()


def test_collections_are_separate_and_model_checked(chroma_server: ChromaServer, tmp_path: Path) -> None:
    settings = chroma_server.settings(tmp_path / "data", collection="foreign")
    client = make_client(settings)
    client.create_collection("foreign", embedding_function=MiniLMChromaFunction(),  # type: ignore[arg-type]
                             metadata={"embedding_model": "other", "hnsw:space": "cosine"})
    with pytest.raises(IndexUnavailableError, match="other"):
        VectorIndex(settings, client=client)
    # a collection persisted with Chroma's default function is refused too (never mixed)
    client.create_collection("default-ef", metadata={"embedding_model": "all-MiniLM-L6-v2-onnx-int8"})
    with pytest.raises(IndexUnavailableError):
        VectorIndex(chroma_server.settings(tmp_path / "data", collection="default-ef"), client=client)
    assert client.get_collection("default-ef").count() == 0


def test_unreachable_server_is_a_clean_error(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "data", host="127.0.0.1", port=free_port())
    with pytest.raises(IndexUnavailableError, match="could not be opened"):
        VectorIndex(settings)


def test_data_survives_server_restart(tmp_path: Path) -> None:
    """Stop the server, start another on the same path: catalog and index still agree."""
    files = distinct_files(5, offset=9)
    first = start_chroma_server(tmp_path / "db", tmp_path / "one.log")
    try:
        settings = first.settings(tmp_path / "data", collection="restart")
        with open_service(settings) as service:
            added = service.add_paths(files, ACTOR, ORIGIN)
            assert len(added.added) == 5
            n = service.index.count()
    finally:
        stop_chroma_server(first)
    second = start_chroma_server(tmp_path / "db", tmp_path / "two.log")
    try:
        settings = second.settings(tmp_path / "data", collection="restart")
        with open_service(settings) as service:
            assert service.index.count() == n > 0
            assert_consistent(service)
            again = service.add_paths(files, ACTOR, ORIGIN)
            assert again.chunks_embedded == 0 and len(again.unchanged) == 5
    finally:
        stop_chroma_server(second)


def test_the_search_breadth_setting_reaches_new_and_existing_collections(chroma_server: ChromaServer,
                                                                        tmp_path: Path) -> None:
    """ef_search is set when a collection is opened, embedded or on a server, and changed on reopening with
    another value (Chroma's default gave a different tail of the nearest chunks from process to process)."""
    embedded = make_settings(tmp_path / "embedded")
    for settings in (embedded, chroma_server.settings(tmp_path / "data", collection="breadth")):
        VectorIndex(settings.model_copy(update={"chroma_search_ef": 123}))
        seen = make_client(settings).get_collection(settings.chroma_collection).configuration_json["hnsw"]
        assert seen["ef_search"] == 123
        VectorIndex(settings)
        seen = make_client(settings).get_collection(settings.chroma_collection).configuration_json["hnsw"]
        assert seen["ef_search"] == settings.chroma_search_ef == 400


def test_a_store_refusing_the_search_breadth_is_logged_and_still_used(caplog: pytest.LogCaptureFixture) -> None:
    from bot.corpus.index import _set_search_ef

    class Refusing:
        def __init__(self) -> None:
            self.configuration_json = {"hnsw": {"ef_search": 100}}

        def modify(self, **_: object) -> None:
            raise RuntimeError("configuration is read-only here")

    with caplog.at_level("WARNING", logger="bot.corpus.index"):
        _set_search_ef(Refusing(), 400)
    assert "could not set the vector index's ef_search to 400; searching with 100" in caplog.text
