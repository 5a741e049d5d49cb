"""What a rejected oversize article costs: a file, a web page, and the whole ``corpus add`` command.

    python bench/oversize_rejection.py              # a 2.7 MB article (the size in the issue)
    python bench/oversize_rejection.py --mb 5

Before the size cap (``BRIEFBOT_MAX_ARTICLE_BYTES``, default 1 MB) such a file became over 5,461 chunks,
Chroma refused the batch after minutes of embedding, and every later command failed the same way. Now:

* a file is refused from its size (``stat``), before it is read;
* a web page is fetched (within ``fetch_max_bytes``) and its text extracted, then refused by the text's
  size, so its cost is the download plus the extraction (served here from 127.0.0.1);
* ``corpus add`` of the file, as a whole command (opening the corpus included), against the same command
  adding nothing new: the difference is what the rejection costs.

Each figure is the median of ``--repeat`` runs. Article texts are generated, not corpus text.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bot.cli import main  # noqa: E402
from bot.corpus import sources  # noqa: E402
from bot.corpus.fetch import Fetcher  # noqa: E402
from bot.corpus.ingest import CorpusService  # noqa: E402
from bot.settings import Settings  # noqa: E402

LINE = "Developers said the shutdown took their products offline and the appeal would take months.\n"
NOTE = "# Hearing set\n\nThe judge set a hearing on the export order for Monday.\n"


def median_seconds(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


@contextlib.contextmanager
def served(body: bytes) -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/long.html"
    finally:
        server.shutdown()
        server.server_close()


def quiet(argv: list[str]) -> int:
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        return main(argv)


def run(mb: float, repeat: int) -> None:
    size = int(mb * 1_000_000)
    with tempfile.TemporaryDirectory(prefix="briefbot-oversize-") as tmp:
        folder = Path(tmp)
        data = folder / "data"
        huge = folder / "huge.txt"
        huge.write_text("# A very long log\n\n" + LINE * (size // len(LINE) + 1), encoding="utf-8")
        note = folder / "note.md"
        note.write_text(NOTE, encoding="utf-8")
        settings = Settings(_env_file=None, data_dir=data)  # type: ignore[call-arg]
        limit = settings.max_article_bytes
        print(f"article: {huge.stat().st_size / 1e6:.1f} MB; limit: {limit / 1e6:.1f} MB")

        def refuse_file() -> None:
            try:
                sources.read_file(huge, limit)
            except Exception as exc:  # the refusal is the point
                assert "too large" in str(exc)

        print(f"file refused (read_file):           {median_seconds(refuse_file, repeat) * 1e3:9.3f} ms")

        quiet(["--data-dir", str(data), "corpus", "add", str(note)])  # the corpus exists, model loaded once
        baseline = median_seconds(lambda: quiet(["--data-dir", str(data), "corpus", "add", str(note)]), repeat)
        rejected = median_seconds(lambda: quiet(["--data-dir", str(data), "corpus", "add", str(huge)]), repeat)
        print(f"`corpus add` of nothing new:        {baseline * 1e3:9.1f} ms")
        print(f"`corpus add` of the oversize file:  {rejected * 1e3:9.1f} ms  "
              f"(the rejection: {(rejected - baseline) * 1e3:+.1f} ms)")

        html = ("<html><head><title>A very long log</title></head><body><article>"
                + "".join(f"<p>{LINE.strip()} ({i})</p>" for i in range(size // len(LINE) + 1))
                + "</article></body></html>").encode()
        corpus = CorpusService.open(settings, fetcher=Fetcher(settings, allow_loopback=True))
        try:
            with served(html) as url:
                def refuse_page() -> None:
                    report = corpus.add_url(url, "bench", "bench")
                    assert report.problems and "too large" in report.problems[0].message, report

                seconds = median_seconds(refuse_page, repeat)
            print(f"page refused ({len(html) / 1e6:.1f} MB of HTML):    {seconds * 1e3:9.1f} ms  "
                  "(download + text extraction, then the size check)")
        finally:
            corpus.close()
        check = quiet(["--data-dir", str(data), "corpus", "check"])
        print(f"`corpus check` afterwards: exit {check}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=2.7, help="size of the oversize article, in MB")
    parser.add_argument("--repeat", type=int, default=5, help="runs per figure (the median is printed)")
    arguments = parser.parse_args()
    run(arguments.mb, arguments.repeat)
