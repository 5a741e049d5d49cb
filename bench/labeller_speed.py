"""The statement labeller's cost: `briefbot classify` latency and ingest time of the shared corpus.

    python bench/labeller_speed.py                  # classify latency, then one ingest of the whole corpus
    python bench/labeller_speed.py --skip-ingest    # classify latency only (a few seconds)
    python bench/labeller_speed.py --ingest-runs 3  # report the fastest of three ingests

Classify: sentences split from the shared corpus are labelled through the public API
(``bot.nlp.labels.label_sentences``), warm (model loaded, one call made before the clock), first one
sentence per call (what an interactive caller sees: p50/p95/max), then in batches of 64 as `briefbot
classify` reads a piped file (time per sentence of each batch: p50/p95). The embedding model's runs during
those calls are counted and printed: the labeller reads a static embedding folded into its weights, so
there should be none (target: p95 <= 5 ms a sentence, warm).

Ingest: ``CorpusService.add_drafts`` of every corpus file into a fresh data directory (embedded Chroma,
real catalog, default labeller), model and labeller warmed before the clock. The figure includes sentence
splitting, labelling, duplicate detection, catalog writes, embedding and Chroma upserts. The machine is
shared, so the load average at start is printed beside the figures; compare runs made close together.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
SEED = 11


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def corpus_sentences(corpus: Path, n: int) -> list[str]:
    from bot.corpus import sources
    from bot.corpus.chunking import article_sentences

    texts: list[str] = []
    for path in sorted(corpus.glob("*.md")):
        try:
            draft = sources.read_file(path)
        except Exception:  # a bad file is skipped; the benchmark is about the good ones
            continue
        texts.extend(s.text for s in article_sentences(draft.text))
    random.Random(SEED).shuffle(texts)
    return texts[:n]


def bench_classify(corpus: Path, n: int) -> None:
    from bot.corpus import embeddings
    from bot.nlp.labels import label_sentences

    sentences = corpus_sentences(corpus, n)
    label_sentences(["Warm the labeller up before the clock starts."])
    runs = [0]
    original = embeddings.MiniLMEncoder.encode_with_spans

    def counted(self: embeddings.MiniLMEncoder, *args: Any, **kwargs: Any) -> Any:
        runs[0] += 1
        return original(self, *args, **kwargs)

    embeddings.MiniLMEncoder.encode_with_spans = counted  # type: ignore[method-assign]
    single: list[float] = []
    for text in sentences:
        started = time.perf_counter()
        label_sentences([text])
        single.append((time.perf_counter() - started) * 1000)
    batched: list[float] = []
    for begin in range(0, len(sentences), 64):
        batch = sentences[begin : begin + 64]
        started = time.perf_counter()
        label_sentences(batch)
        batched.append((time.perf_counter() - started) * 1000 / len(batch))
    print(f"classify, {len(sentences)} corpus sentences, one per call: p50 {_pct(single, 0.5):.2f} ms, "
          f"p95 {_pct(single, 0.95):.2f} ms, max {max(single):.2f} ms, mean {statistics.fmean(single):.2f} ms")
    embeddings.MiniLMEncoder.encode_with_spans = original  # type: ignore[method-assign]
    print(f"classify, batches of 64 (per sentence): p50 {_pct(batched, 0.5):.2f} ms, "
          f"p95 {_pct(batched, 0.95):.2f} ms, max {max(batched):.2f} ms")
    print(f"embedding model runs while classifying: {runs[0]}")


def bench_ingest(corpus: Path) -> float:
    from bot.corpus import sources
    from bot.corpus.embeddings import get_encoder
    from bot.corpus.ingest import CorpusService
    from bot.settings import Settings

    drafts = []
    for path in sorted(corpus.glob("*.md")):
        try:
            drafts.append(sources.read_file(path))
        except Exception:
            continue
    with tempfile.TemporaryDirectory(prefix="briefbot-bench-") as tmp:
        settings = Settings(_env_file=None, data_dir=Path(tmp) / "data", chroma_host=None)  # type: ignore[call-arg]
        service = CorpusService.open(settings)
        get_encoder(settings.embedding_model).encode(["warm up the model before the clock starts"])
        service.labeller(["Warm the labeller up before the clock starts."])
        started = time.perf_counter()
        report = service.add_drafts(drafts, "bench", "bench@local")
        seconds = time.perf_counter() - started
        counts = service.catalog.count()
        service.close()
    print(f"ingest of {len(drafts)} corpus files: {seconds:.1f} s ({len(report.added)} added, "
          f"{report.chunks_embedded} chunks embedded, catalog {counts})", flush=True)
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--corpus", type=Path, default=Path(os.environ.get("BRIEFBOT_TEST_CORPUS") or DEFAULT_CORPUS))
    parser.add_argument("--sentences", type=int, default=1000)
    parser.add_argument("--ingest-runs", type=int, default=1)
    parser.add_argument("--skip-ingest", action="store_true")
    args = parser.parse_args(argv)
    print(f"cpus: {os.cpu_count()}, load average (1 min) at start: {os.getloadavg()[0]:.2f}")
    bench_classify(args.corpus, args.sentences)
    if not args.skip_ingest:
        runs = [bench_ingest(args.corpus) for _ in range(args.ingest_runs)]
        print(f"ingest: fastest of {len(runs)}: {min(runs):.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
