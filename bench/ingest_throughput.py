"""Ingest throughput beside the bare embedding model's, at about 1k and 10k chunks.

    python bench/ingest_throughput.py                 # ~1k and ~10k chunks (10k takes several minutes)
    python bench/ingest_throughput.py --chunks 2000   # one size
    python bench/ingest_throughput.py --quick         # ~300 chunks, a smoke run

For each size, two phases run in separate subprocesses so their peak RSS figures are separate:

* ``ingest``: ``CorpusService.add_drafts`` into a fresh data directory (embedded Chroma, real SQLite
  catalog, default labeller): sentence splitting, labelling, duplicate detection, catalog writes,
  embedding and Chroma upserts, all timed together. The model is loaded before the clock starts.
* ``model``: ``get_encoder().encode`` on exactly the chunk texts the ingest phase embedded (read back
  from its catalog), with the same batch size.

Up to the real corpus's size, drafts are the corpus files themselves; beyond it, articles are
synthesised from corpus sentences shuffled across articles, each with a unique marker and headline,
so duplicate detection does not link them. Figures are noisy when other processes share the CPU: the
load average at start is printed beside them.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bot.corpus.chunking import article_sentences, chunk_sentences  # noqa: E402
from bot.corpus.models import ArticleDraft  # noqa: E402
from tests.corpus_location import SHARED_CORPUS  # noqa: E402  (the one place the shared corpus is located)

DEFAULT_CORPUS = SHARED_CORPUS
DEFAULT_SIZES = (1000, 10000)
QUICK_SIZE = 300
SEED = 7


@dataclass
class PhaseResult:
    phase: str
    chunks: int
    seconds: float
    max_rss_mb: float
    articles: int = 0


def _count_chunks(text: str) -> int:
    return len(chunk_sentences(text, article_sentences(text)))


def _real_drafts(corpus: Path) -> list[ArticleDraft]:
    from bot.corpus import sources

    drafts: list[ArticleDraft] = []
    for path in sorted(corpus.glob("*.md")):
        try:
            drafts.append(sources.read_file(path))
        except Exception as exc:  # a bad file is skipped; the benchmark is about the good ones
            print(f"skipping {path.name}: {exc}", file=sys.stderr)
    return drafts


def build_drafts(corpus: Path, target_chunks: int) -> list[ArticleDraft]:
    """Drafts totalling about ``target_chunks`` chunks: real articles first, synthetic beyond them."""
    real = _real_drafts(corpus)
    real_total = sum(_count_chunks(d.text) for d in real)
    if target_chunks <= real_total:
        out: list[ArticleDraft] = []
        total = 0
        for draft in real:
            if total >= target_chunks:
                break
            out.append(draft)
            total += _count_chunks(draft.text)
        return out
    from bot.nlp.sentences import split_sentences

    pool = [s.text for d in real for s in split_sentences(d.text) if 40 <= len(s.text) <= 400]
    rng = random.Random(SEED)
    out = []
    total = 0
    k = 0
    while total < target_chunks:
        k += 1
        marker = f"Benchmark article {k:05d} carries this unique marker sentence."
        picked = rng.sample(pool, 18)
        paragraphs = [" ".join(picked[i : i + 3]) for i in range(0, len(picked), 3)]
        text = f"Synthetic benchmark article number {k}\n\n{marker}\n\n" + "\n\n".join(paragraphs)
        draft = ArticleDraft(text=text, title=f"Synthetic benchmark article number {k}",
                             source=f"bench://synthetic/{k}", url=f"https://bench.invalid/articles/{k}",
                             outlet="bench.invalid")
        out.append(draft)
        total += _count_chunks(text)
    return out


def _max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # KiB on Linux


def phase_ingest(corpus: Path, target: int, work: Path, batch_size: int) -> PhaseResult:
    from bot.corpus.embeddings import get_encoder
    from bot.corpus.ingest import CorpusService
    from bot.settings import Settings

    drafts = build_drafts(corpus, target)
    settings = Settings(_env_file=None, data_dir=work / "data", chroma_host=None,  # type: ignore[call-arg]
                        embedding_batch_size=batch_size)
    service = CorpusService.open(settings)
    encoder = get_encoder(settings.embedding_model)
    encoder.batch_size = batch_size
    encoder.encode(["warm up the model before the clock starts"])
    started = time.perf_counter()
    report = service.add_drafts(drafts, "bench", "bench@local")
    seconds = time.perf_counter() - started
    stored = service.index.collection.get(include=["documents"])  # exactly the texts that were embedded
    texts = [str(t) for t in stored["documents"] or []]
    assert len(texts) == report.chunks_embedded == service.catalog.count()["chunks"], "catalog/index disagree"
    (work / "chunks.json").write_text(json.dumps(texts), encoding="utf-8")
    service.close()
    return PhaseResult("ingest", report.chunks_embedded, seconds, _max_rss_mb(), len(report.added))


def phase_model(work: Path, batch_size: int) -> PhaseResult:
    from bot.corpus.embeddings import get_encoder

    texts: list[str] = json.loads((work / "chunks.json").read_text(encoding="utf-8"))
    encoder = get_encoder()
    encoder.batch_size = batch_size
    encoder.encode(["warm up the model before the clock starts"])
    started = time.perf_counter()
    vectors = encoder.encode(texts)
    seconds = time.perf_counter() - started
    assert vectors.shape[0] == len(texts)
    return PhaseResult("model", len(texts), seconds, _max_rss_mb())


def _run_phase(phase: str, corpus: Path, target: int, work: Path, batch_size: int) -> PhaseResult:
    command = [sys.executable, str(Path(__file__).resolve()), "--phase", phase, "--corpus", str(corpus),
               "--chunks", str(target), "--work", str(work), "--batch-size", str(batch_size)]
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFBOT_")}
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=work, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{phase} phase failed:\n{done.stderr}")
    return PhaseResult(**json.loads(done.stdout.strip().splitlines()[-1]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--chunks", type=int, action="append", help="target chunk count (repeatable)")
    parser.add_argument("--quick", action="store_true", help=f"one small run (~{QUICK_SIZE} chunks)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--phase", choices=("ingest", "model"), help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.phase:
        target = (args.chunks or [QUICK_SIZE])[0]
        if args.phase == "ingest":
            result = phase_ingest(args.corpus, target, args.work, args.batch_size)
        else:
            result = phase_model(args.work, args.batch_size)
        print(json.dumps(asdict(result)))
        return 0

    sizes = [QUICK_SIZE] if args.quick else (args.chunks or list(DEFAULT_SIZES))
    load = os.getloadavg()[0]
    print(f"cpus: {os.cpu_count()}, load average (1 min) at start: {load:.2f}, batch size: {args.batch_size}")
    header = (f"{'target':>7} {'chunks':>7} {'articles':>8} {'ingest s':>9} {'ingest c/s':>10} "
              f"{'model s':>8} {'model c/s':>9} {'ratio':>6} {'ingest RSS MB':>13} {'model RSS MB':>12}")
    print(header)
    for target in sizes:
        with tempfile.TemporaryDirectory(prefix="briefbot-bench-") as tmp:
            work = Path(tmp)
            ingest = _run_phase("ingest", args.corpus, target, work, args.batch_size)
            model = _run_phase("model", args.corpus, target, work, args.batch_size)
        ingest_rate = ingest.chunks / ingest.seconds
        model_rate = model.chunks / model.seconds
        print(f"{target:>7} {ingest.chunks:>7} {ingest.articles:>8} {ingest.seconds:>9.1f} {ingest_rate:>10.1f} "
              f"{model.seconds:>8.1f} {model_rate:>9.1f} {ingest_rate / model_rate:>6.2f} "
              f"{ingest.max_rss_mb:>13.0f} {model.max_rss_mb:>12.0f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
