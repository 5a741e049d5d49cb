"""Ask latency (extractive composer, warm process) at about 1k, 10k and 100k chunks, with peak RSS.

    python bench/ask_latency.py                 # 1k, 10k and 100k chunks
    python bench/ask_latency.py --chunks 10000  # one size

The base corpus is ../shared/corpus, ingested for real (real model, real Chroma). A smaller index is a
copy of it with articles removed until the size is reached. Larger indexes are
grown from it: each extra copy of an article gets its sentences rotated (different text, different
hash) and its chunk vectors are the original vectors plus small Gaussian noise, renormalised. That
keeps the 100k-chunk index buildable in minutes on 2 cores (embedding 100k chunks would take about an
hour) while the index, BM25, catalog and composer do exactly the work they would on real data. Ingest
speed is measured separately by bench/ingest_throughput.py.

Each size runs in its own subprocess so peak RSS is per size.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.corpus_location import SHARED_CORPUS  # noqa: E402  (the one place the shared corpus is located)

CORPUS = SHARED_CORPUS
QUESTIONS = ROOT / "tests" / "data" / "questions.jsonl"


def build(base_dir: Path, target_dir: Path, chunks: int, resume: bool = False) -> None:
    from bot.corpus.catalog import Catalog
    from bot.corpus.index import chunk_id
    from bot.corpus.ingest import CorpusService
    from bot.corpus.models import ArticleDraft
    from bot.settings import Settings

    if not resume or not (target_dir / "catalog.sqlite3").exists():
        if target_dir.exists():
            shutil.rmtree(target_dir)
        shutil.copytree(base_dir, target_dir)
    settings = Settings(data_dir=target_dir)
    service = CorpusService.open(settings)
    catalog: Catalog = service.catalog
    have = catalog.count()["chunks"]
    everything = catalog.list_articles(include_duplicates=False)
    originals = [a for a in everything if not a.source.startswith("bench:")]
    made = [int(a.source.split(":")[1]) for a in everything if a.source.startswith("bench:")]
    vectors: dict[str, list[float]] = {}
    got = service.index.collection.get(include=["embeddings"])
    for cid, vec in zip(got["ids"], got["embeddings"] if got["embeddings"] is not None else [], strict=True):
        vectors[cid] = list(vec)
    rng = np.random.default_rng(7 + len(made))
    copy = max(made, default=0)  # a resumed build goes on after the copies already made
    while have < chunks:
        copy += 1
        ids, embeddings, documents, metadatas, new_ids = [], [], [], [], []
        for article in originals:
            if have >= chunks:
                break
            body = catalog.body(article.id)
            sentences = catalog.sentences(article.id)
            if len(sentences) < 2:
                continue
            shift = copy % len(sentences) or 1
            parts = [body[s.start : s.end] for s in sentences]
            text = "\n".join(parts[shift:] + parts[:shift]) + f"\n(copy {copy})"
            draft = ArticleDraft(text=text, title=f"{article.title} ({copy})", source=f"bench:{copy}:{article.id}",
                                 url=None, outlet=article.outlet, published=article.published)
            prepared = service.prepare(draft)
            with catalog.transaction() as db:
                new_id = catalog.insert_pending(prepared, "bench", None, db)
            new_ids.append(new_id)
            base = [v for k, v in vectors.items() if k.startswith(f"{article.id}:")] or list(vectors.values())[:1]
            for i, (start, end, _f, _l) in enumerate(prepared.chunks):
                vec = np.asarray(base[i % len(base)]) + rng.normal(0, 0.02, 384)
                vec /= np.linalg.norm(vec)
                ids.append(chunk_id(new_id, draft.content_hash, i))
                embeddings.append(vec.tolist())
                documents.append(text[start:end])
                metadatas.append({"article_id": new_id, "version": draft.content_hash[:12], "chunk": i,
                                  "start": start, "end": end})
                have += 1
        for begin in range(0, len(ids), 4000):
            service.index.collection.upsert(ids=ids[begin : begin + 4000], embeddings=embeddings[begin : begin + 4000],
                                            documents=documents[begin : begin + 4000],
                                            metadatas=metadatas[begin : begin + 4000])
        catalog.mark_indexed(new_ids)
    service.close()


def shrink(base_dir: Path, target_dir: Path, chunks: int) -> None:
    """A smaller index than the corpus: a copy of it with articles removed (the real removal path), every
    other one from the end, until at most ``chunks`` chunks remain."""
    from bot.corpus.ingest import CorpusService
    from bot.settings import Settings

    if target_dir.exists():
        shutil.rmtree(target_dir)
    shutil.copytree(base_dir, target_dir)
    service = CorpusService.open(Settings(data_dir=target_dir))
    try:
        articles = service.catalog.list_articles(include_duplicates=False)
        order = articles[::-2] + articles[-2::-2]
        for article in order:
            if service.catalog.count()["chunks"] <= chunks:
                break
            service.remove(article.id, "bench", "bench")
    finally:
        service.close()


def measure(data_dir: Path, repeats: int) -> dict[str, float]:
    from bot.answers.service import AnswerService
    from bot.corpus.ingest import CorpusService
    from bot.settings import Settings

    settings = Settings(data_dir=data_dir)
    service = AnswerService(settings, CorpusService.open(settings))
    started = time.perf_counter()
    service.warm_up()
    warm_s = time.perf_counter() - started
    rows = [json.loads(line) for line in QUESTIONS.read_text().splitlines() if line.strip()]
    questions = [r["question"] for r in rows if r.get("split", "dev") == "dev"][:100]
    # A first pass as a running bot meets questions: sentences not seen before are embedded once and their
    # vectors kept on disk (see bot/answers/sentence_vectors.py); the warm figures are the passes after it.
    first = []
    for question in questions:
        t = time.perf_counter()
        service.ask(question)
        first.append((time.perf_counter() - t) * 1000)
    first.sort()
    timings = []
    for _ in range(repeats):
        for question in questions:
            t = time.perf_counter()
            service.ask(question)
            timings.append((time.perf_counter() - t) * 1000)
    timings.sort()
    return {
        "chunks": service.corpus.catalog.count()["chunks"],
        "questions": len(timings),
        "warm_up_s": round(warm_s, 2),
        "p50_ms": round(statistics.median(timings), 1),
        "p95_ms": round(timings[int(len(timings) * 0.95) - 1], 1),
        "max_ms": round(timings[-1], 1),
        "first_pass_p50_ms": round(statistics.median(first), 1),
        "first_pass_p95_ms": round(first[int(len(first) * 0.95) - 1], 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chunks", type=int, action="append", help="index size(s); default 1k, 10k, 100k")
    parser.add_argument("--work", type=Path, default=Path("/tmp/briefbot-bench"))
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--resume", action="store_true", help="grow an interrupted build instead of starting over")
    parser.add_argument("--child", nargs=2, metavar=("DATA_DIR", "CHUNKS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        data_dir, chunks = Path(args.child[0]), int(args.child[1])
        print(json.dumps(measure(data_dir, args.repeats)))
        return
    base = args.work / "base"
    if not (base / "catalog.sqlite3").exists():
        print(f"ingesting {CORPUS} into {base} (real model, real Chroma)...", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "bot.cli", "--data-dir", str(base), "corpus", "add", str(CORPUS)],
                       check=True)
    for chunks in args.chunks or [1000, 10000, 100000]:
        target = args.work / f"grown-{chunks}"
        from bot.corpus.catalog import Catalog

        base_chunks = Catalog(base / "catalog.sqlite3").count()["chunks"]
        if chunks == base_chunks:
            target = base
        elif not (target / "catalog.sqlite3").exists() or (args.resume and chunks > base_chunks):
            started = time.perf_counter()
            if chunks < base_chunks:
                shrink(base, target, chunks)
            else:
                build(base, target, chunks, resume=args.resume)
            print(f"built {chunks} chunks in {time.perf_counter() - started:.0f}s", file=sys.stderr)
        out = subprocess.run([sys.executable, __file__, "--repeats", str(args.repeats), "--child", str(target),
                              str(chunks)], check=True, capture_output=True, text=True)
        print(out.stdout.strip().splitlines()[-1], flush=True)


if __name__ == "__main__":
    main()
