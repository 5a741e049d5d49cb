"""Sentence vectors for scoring by meaning, computed once per sentence and kept on disk.

Scoring a candidate sentence by how close it is in meaning to the question needs its embedding. Encoding
every candidate on every question would cost more than the whole answer budget, and all sentences of a
100k-chunk corpus do not fit in memory as one array. So a sentence is encoded the first time it is a
candidate and its vector (float16, 768 bytes) stored in SQLite keyed by a hash of its text (syndicated
copies share it); a small in-memory LRU keeps the popular ones. Without a path the store is memory only.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from bot.corpus.embeddings import MODEL_ID, get_encoder
from bot.storage import connect_wal

MEMORY_VECTORS = 20_000


def question_vector(question: str, model_id: str = MODEL_ID) -> np.ndarray:
    """The question's embedding (retrieval and sentence scoring share it), of the question without its closing
    punctuation, whether the user typed "?", "?!" or nothing (with and without a question mark, the same
    question's embeddings differed enough to change which passages ranked below the first eight, and whether it
    was answered; with one added to every question instead, the development figures were a little lower)."""
    return text_vector(as_asked(question), model_id)


def as_asked(question: str) -> str:
    """The question without its closing punctuation ("what happened", "what happened?" and "what happened?!"
    alike)."""
    return question.rstrip(" ?!.…")


@lru_cache(maxsize=512)
def text_vector(text: str, model_id: str = MODEL_ID) -> np.ndarray:
    """A text's embedding as written (a chat message's "!" is part of how it reads: see small_talk.py)."""
    vector: np.ndarray = get_encoder(model_id).encode([text])[0]
    return vector


class SentenceVectors:
    def __init__(self, path: Path | None, model_id: str = MODEL_ID, memory: int = MEMORY_VECTORS) -> None:
        self.model_id = model_id
        self.memory = memory
        self._lru: OrderedDict[bytes, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        if path is not None:
            self._db = connect_wal(path)
            self._db.execute("CREATE TABLE IF NOT EXISTS vectors (key BLOB PRIMARY KEY, model TEXT NOT NULL, "
                             "vector BLOB NOT NULL)")
            self._db.commit()

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def _key(self, text: str) -> bytes:
        return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()

    def vectors(self, texts: Sequence[str]) -> np.ndarray:
        keys = [self._key(t) for t in texts]
        found: dict[bytes, np.ndarray] = {}
        with self._lock:
            for key in keys:
                if key in self._lru:
                    self._lru.move_to_end(key)
                    found[key] = self._lru[key]
            wanted = [k for k in dict.fromkeys(keys) if k not in found]
            if wanted and self._db is not None:
                marks = ",".join("?" * len(wanted))
                for key, blob in self._db.execute(
                    f"SELECT key, vector FROM vectors WHERE model = ? AND key IN ({marks})",
                    [self.model_id, *wanted],
                ):
                    found[bytes(key)] = np.frombuffer(blob, dtype=np.float16).astype(np.float32)
        new = [(k, t) for k, t in dict(zip(keys, texts, strict=True)).items() if k not in found]
        if new:
            encoded = get_encoder(self.model_id).encode([t for _, t in new])
            rows = []
            for (key, _), vector in zip(new, encoded, strict=True):
                stored = np.asarray(vector, dtype=np.float16)
                # used as it will be read back: the first answer scores it as every later one does
                found[key] = stored.astype(np.float32)
                rows.append((key, self.model_id, stored.tobytes()))
            with self._lock:
                if self._db is not None:
                    self._db.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?, ?)", rows)
                    self._db.commit()
        with self._lock:
            for key in keys:
                self._lru[key] = found[key]
                self._lru.move_to_end(key)
            while len(self._lru) > self.memory:
                self._lru.popitem(last=False)
        return np.stack([found[k] for k in keys]) if keys else np.zeros((0, 384), dtype=np.float32)

    def similarities(self, question: str, texts: Sequence[str]) -> list[float]:
        """Cosine between the question and each text (all vectors are unit length)."""
        if not texts:
            return []
        q = question_vector(question, self.model_id)
        return [float(v) for v in self.vectors(texts) @ q]
