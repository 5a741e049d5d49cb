"""The offline MiniLM encoder and its Chroma registration, against the real model and real Chroma."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import chromadb
import numpy as np
import pytest
from chromadb.config import Settings as ChromaSettings
from chromadb.utils.embedding_functions import known_embedding_functions

from bot.corpus.embeddings import (
    DIMENSIONS,
    MODEL_ID,
    MiniLMChromaFunction,
    MiniLMEmbeddings,
    MiniLMEncoder,
    ModelFiles,
    _batches,
    get_encoder,
    locate_model_files,
)
from bot.corpus.index import VectorIndex
from bot.errors import ConfigError, IndexUnavailableError
from tests.corpus.ingest_fixtures import make_settings

REPO = Path(__file__).resolve().parents[2]


def _cos(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.dot(a, b))


def test_vectors_are_unit_length_and_384_dimensional() -> None:
    texts = ["Export controls on frontier models were tightened.", "x", "", "word " * 600]
    vectors = get_encoder().encode(texts)
    assert vectors.shape == (len(texts), DIMENSIONS) == (4, 384)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert np.isfinite(vectors).all()


def test_encode_keeps_input_order_across_batches() -> None:
    """Inputs are sorted by length internally; the output must still follow input order."""
    encoder = get_encoder()
    texts = [f"Sentence number {i} " + "about chips " * (i % 7) for i in range(70)]
    together = encoder.encode(texts)
    one_by_one = np.stack([encoder.encode([t])[0] for t in texts[:10]])
    assert np.allclose(together[:10], one_by_one, atol=1e-3)
    assert encoder.encode([]).shape == (0, DIMENSIONS)


def test_batches_hold_every_input_once_within_size_and_token_budget() -> None:
    lengths = [3, 5, 5, 9, 40, 40, 41, 120, 300]  # already in length order, as the encoder sorts them
    batches = _batches(list(range(len(lengths))), lengths, size=3, max_tokens=100)
    assert sorted(i for b in batches for i in b) == list(range(len(lengths)))
    assert all(len(b) <= 3 for b in batches)
    for batch in batches:  # padded to its widest input; only a lone input may exceed the budget
        assert len(batch) == 1 or max(lengths[i] for i in batch) * len(batch) <= 100
    assert [7] in batches and [8] in batches  # wider than the budget with any company: alone
    assert batches[0] == [0, 1, 2]  # short inputs still fill the batch


def test_token_budget_changes_batching_not_vectors() -> None:
    """Long inputs are split into smaller runs (bounded memory); each input's vector stays the same."""
    texts = [("Export controls on frontier models " * (1 + i % 9)).strip() for i in range(24)]
    wide = MiniLMEncoder(max_batch_tokens=1_000_000).encode(texts)
    narrow = MiniLMEncoder(max_batch_tokens=64).encode(texts)
    assert np.min(np.sum(wide * narrow, axis=1)) > 0.99


def test_semantically_close_sentences_score_higher() -> None:
    anchor, close, far = get_encoder().encode([
        "The government banned exports of the advanced AI model.",
        "Officials prohibited the powerful artificial intelligence system from being sold abroad.",
        "The recipe calls for two cups of flour and a pinch of salt.",
    ])
    assert _cos(anchor, close) > _cos(anchor, far) + 0.2


def test_langchain_embeddings_match_encoder() -> None:
    emb = MiniLMEmbeddings()
    text = "Anthropic disputed the account of the jailbreak."
    direct = get_encoder().encode([text])[0]
    assert np.allclose(emb.embed_query(text), direct, atol=1e-5)
    assert np.allclose(emb.embed_documents([text, "other"])[0], direct, atol=1e-5)


def test_tampered_model_file_is_refused(tmp_path: Path) -> None:
    files = locate_model_files()
    onnx = tmp_path / "model.onnx"
    shutil.copyfile(files.onnx, onnx)
    # an untouched copy loads (so the refusal below is about the flipped byte, not the location)
    MiniLMEncoder(ModelFiles(onnx=onnx, tokenizer=files.tokenizer))
    data = bytearray(onnx.read_bytes())
    data[len(data) // 2] ^= 0x01
    onnx.write_bytes(bytes(data))
    with pytest.raises(ConfigError, match="checksum"):
        MiniLMEncoder(ModelFiles(onnx=onnx, tokenizer=files.tokenizer))


def test_unknown_model_id_is_refused() -> None:
    with pytest.raises(ConfigError):
        get_encoder("some-other-model")


def test_chroma_function_is_registered() -> None:
    name = MiniLMChromaFunction.name()
    assert known_embedding_functions.get(name) is MiniLMChromaFunction
    rebuilt = MiniLMChromaFunction.build_from_config(MiniLMChromaFunction().get_config())
    assert isinstance(rebuilt, MiniLMChromaFunction) and rebuilt.model_id == MODEL_ID


def test_collection_reopened_by_new_client_uses_our_function(tmp_path: Path) -> None:
    """A collection made by one process, reopened by a fresh client without an EF, embeds with MiniLM.

    The collection is created in a separate process so this process's client is genuinely new (no
    cached Chroma system for that path).
    """
    data_dir = tmp_path / "data"
    script = textwrap.dedent(
        f"""
        import json
        from pathlib import Path
        from bot.corpus.index import VectorIndex
        from bot.settings import Settings
        index = VectorIndex(Settings(_env_file=None, data_dir=Path({str(data_dir)!r})))
        print(json.dumps({{"metadata": index.collection.metadata}}))
        """
    )
    out = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True,
                         timeout=120, check=True)
    assert json.loads(out.stdout.strip().splitlines()[-1])["metadata"]["embedding_model"] == MODEL_ID

    client = chromadb.PersistentClient(path=str(data_dir / "chroma"),
                                       settings=ChromaSettings(anonymized_telemetry=False))
    collection = client.get_collection("briefbot")
    assert collection.metadata["embedding_model"] == MODEL_ID
    configured = collection.configuration.get("embedding_function")
    # checked before anything is embedded: Chroma's default function would try to download a model
    assert isinstance(configured, MiniLMChromaFunction), type(configured)
    text = "Commerce officials reversed the export restriction."
    collection.add(ids=["probe"], documents=[text])
    embeddings = collection.get(ids=["probe"], include=["embeddings"])["embeddings"]
    assert embeddings is not None
    assert np.allclose(embeddings[0], get_encoder().encode([text])[0], atol=1e-5)
    hit = collection.query(query_texts=[text], n_results=1, include=["distances"])
    assert hit["ids"][0] == ["probe"]
    distances = hit["distances"]
    assert distances is not None
    assert distances[0][0] == pytest.approx(0.0, abs=1e-4)


def test_index_refuses_collection_of_another_model(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "data")
    settings.chroma_path.mkdir(parents=True)
    client = chromadb.PersistentClient(path=str(settings.chroma_path),
                                       settings=ChromaSettings(anonymized_telemetry=False))
    client.create_collection("briefbot", embedding_function=MiniLMChromaFunction(),  # type: ignore[arg-type]
                             metadata={"embedding_model": "other", "hnsw:space": "cosine"})
    with pytest.raises(IndexUnavailableError, match="other"):
        VectorIndex(settings, client=client)
    # the same directory under another collection name is fine, and records our model
    fresh = VectorIndex(make_settings(tmp_path / "data", collection="briefbot2"), client=client)
    assert fresh.collection.metadata["embedding_model"] == MODEL_ID
