"""The `briefbot` command: a surface like the Discord app, over the same domain code.

Sub-commands parse arguments, call domain services and print. Errors with user-safe messages are
printed on one line and exit with status 1; anything else is logged with its traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import json
import logging
import os
import random
import socket
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from bot.errors import BriefbotError, InvalidInputError
from bot.safety import clean_data, for_terminal, neutralise_mentions, quote
from bot.settings import Settings, load_settings

if TYPE_CHECKING:  # the domain modules load lazily, so `briefbot --help` stays quick
    from tqdm import tqdm

    from bot.answers.model import Answer
    from bot.answers.service import AnswerService
    from bot.corpus.ingest import CorpusService
    from bot.corpus.models import Article, IngestReport

log = logging.getLogger("bot.cli")

Handler = Callable[[argparse.Namespace, Settings], int]


def setting_variable(field: str) -> str:
    """The environment variable a settings field is read from (what a user has to fix)."""
    return "DISCORD_TOKEN" if field == "discord_token" else f"BRIEFBOT_{field.upper()}"


def settings_problem(exc: ValidationError) -> str:
    """One line naming each invalid variable, its value and what was expected."""
    parts = []
    for error in exc.errors(include_url=False):
        field = str(error["loc"][0]) if error["loc"] else "?"
        name = setting_variable(field) if field in Settings.model_fields else field
        value = error.get("input")
        secret = field in ("discord_token", "llm_api_key")  # never echo a credential
        shown = f" (got {value!r})" if isinstance(value, str | int | float) and not secret else ""
        parts.append(f"{name}: {error['msg']}{shown}")
    return "invalid setting " + "; ".join(parts) + " (check the environment and .env)"


def _actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except Exception:  # no user name in some containers
        return "cli:unknown"


def _origin() -> str:
    return f"cli@{socket.gethostname()}"


def _open_corpus(settings: Settings, args: argparse.Namespace | None = None) -> CorpusService:
    """The corpus service, with the fetcher :func:`main` was given (tests pass one that may reach
    loopback), else the default safe one."""
    from bot.corpus.ingest import CorpusService

    return CorpusService.open(settings, fetcher=getattr(args, "fetcher", None))


def say(text: str, err: bool = False) -> None:
    """Print untrusted text (titles, file names, quotes): no escape sequences, mentions inert, and
    only what the terminal's encoding can show."""
    stream = sys.stderr if err else sys.stdout
    print(for_terminal(neutralise_mentions(text), stream), file=stream, flush=True)


def print_json(data: Any) -> None:
    print(json.dumps(clean_data(data), ensure_ascii=False), flush=True)


def _progress(total: int, desc: str) -> tqdm[Any]:
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit="item", file=sys.stderr, disable=not sys.stderr.isatty() or total < 2)


def _print_report(report: IngestReport) -> None:
    parts = []
    if report.added:
        parts.append(f"{len(report.added)} added")
    if report.updated:
        parts.append(f"{len(report.updated)} updated")
    if report.duplicates:
        parts.append(f"{len(report.duplicates)} linked as copies of indexed articles")
    if report.unchanged:
        parts.append(f"{len(report.unchanged)} already indexed")
    if report.problems:
        parts.append(f"{len(report.problems)} skipped")
    print(", ".join(parts) or "nothing to add", end="; ")
    if report.chunks_embedded:
        print(f"{report.chunks_embedded} chunks embedded.")
    else:
        print("nothing new to embed.")
    for problem in report.problems:
        say(f"  skipped {quote(problem.item, 200)}: {problem.message}", err=True)
    for warning in getattr(report, "warnings", []):
        say(f"  warning: {quote(warning.item, 200)}: {warning.message}", err=True)


# corpus -----------------------------------------------------------------------------------------
def cmd_corpus_add(args: argparse.Namespace, settings: Settings) -> int:
    from bot.corpus import sources
    from bot.corpus.models import SourceProblem

    corpus = _open_corpus(settings, args)
    try:
        urls = [t for t in args.items if t.startswith(("http://", "https://")) or "://" in t]
        paths = [Path(t) for t in args.items if t not in urls]
        missing = [p for p in paths if not p.exists()]
        existing = [p for p in paths if p.exists()]
        n_files = sum(1 for _ in sources.iter_paths(existing))
        bar = _progress(n_files + len(urls), "indexing")
        with bar:
            def advance(n: int) -> None:
                bar.update(n)

            report = corpus.add_paths(existing, _actor(), _origin(), progress=advance)
            for url in urls:
                url_report = corpus.add_url(url, _actor(), _origin())
                _merge(report, url_report)
                bar.update(1)
        report.problems[:0] = [SourceProblem(str(p), "no such file or folder") for p in missing]
        _print_report(report)
        return 1 if report.problems and not (report.added or report.updated or report.unchanged) else 0
    finally:
        corpus.close()


def _merge(into: IngestReport, other: IngestReport) -> None:
    for name in ("added", "updated", "unchanged", "duplicates", "problems"):
        getattr(into, name).extend(getattr(other, name))
    into.chunks_embedded += other.chunks_embedded


def _article_json(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "title": article.title,
        "outlet": article.outlet,
        "url": article.url,
        "published": article.published.isoformat() if article.published else None,
        "added_at": article.added_at.isoformat(),
        "added_by": article.added_by,
        "duplicate_of": article.duplicate_of,
        "author": article.author,
    }


def cmd_corpus_list(args: argparse.Namespace, settings: Settings) -> int:
    corpus = _open_corpus(settings, args)
    try:
        articles = corpus.articles(state=args.state)
        failed = {f.article.id: f for f in corpus.failed()} if args.state in (None, "failed") else {}
        if args.json:
            rows = [_article_json(a) for a in articles]
            for row in rows:
                if row["id"] in failed:
                    row["failed"] = failed[row["id"]].reason
            print_json(rows)
            return 0
        for a in articles:
            date = a.published.isoformat() if a.published else "undated"
            dup = f"  (copy of #{a.duplicate_of})" if a.duplicate_of else ""
            why = f"  FAILED: {quote(failed[a.id].reason, 80)}" if a.id in failed else ""
            say(f"#{a.id:<5} {date:<10} {quote(a.outlet or '-', 24):<24.24} {quote(a.title, 70)}{dup}{why}")
        counts = corpus.counts()
        print(f"{counts['articles']} articles ({counts['duplicates']} copies), {counts['chunks']} chunks indexed"
              + (f", {counts['failed']} failed" if counts.get("failed") else "") + ".")
        return 0
    finally:
        corpus.close()


def cmd_corpus_show(args: argparse.Namespace, settings: Settings) -> int:
    corpus = _open_corpus(settings, args)
    try:
        detail = corpus.detail(corpus.parse_article_id(args.id))
        data = _article_json(detail.article)
        data["source"] = detail.article.source
        data["chunks"] = detail.chunks
        data["copies"] = detail.copies
        if args.json:
            data["text"] = detail.text
            print_json(data)
        else:
            for key, value in data.items():
                say(f"{key:>12}: {quote(str(value), 400)}")
        return 0
    finally:
        corpus.close()


def _each_article(args: argparse.Namespace, settings: Settings,
                  act: Callable[[CorpusService, str], tuple[bool, str]]) -> int:
    """Run ``act`` on each id in turn: a bad id or a failure is reported on its own line and the others
    still go; status 1 when any failed."""
    corpus = _open_corpus(settings, args)
    status = 0
    try:
        for ref in args.ids:
            try:
                ok, line = act(corpus, ref)
            except BriefbotError as exc:
                ok, line = False, f"briefbot: {exc.user_message}"
            say(line, err=not ok)
            status = status if ok else 1
        return status
    finally:
        corpus.close()


def cmd_corpus_remove(args: argparse.Namespace, settings: Settings) -> int:
    """Remove each id in turn."""
    def remove(corpus: CorpusService, ref: str) -> tuple[bool, str]:
        article = corpus.remove(corpus.parse_article_id(ref), _actor(), _origin())
        return True, f"Removed #{article.id}: {quote(article.title, 300)}"

    return _each_article(args, settings, remove)


def cmd_corpus_retry(args: argparse.Namespace, settings: Settings) -> int:
    """Index failed articles again; one that fails again is reported and set aside once more."""
    def retry(corpus: CorpusService, ref: str) -> tuple[bool, str]:
        article = corpus.retry(corpus.parse_article_id(ref), _actor(), _origin())
        problem = corpus.index_problem(article.id)
        if problem is not None:
            return False, f"#{article.id} failed again: {quote(problem, 120)}"
        return True, f"Indexed #{article.id}: {quote(article.title, 300)}"

    return _each_article(args, settings, retry)


def cmd_corpus_check(args: argparse.Namespace, settings: Settings) -> int:
    corpus = _open_corpus(settings, args)
    try:
        report = corpus.check(repair=args.repair)
        n_failed = f", failed: {len(report.failed)}" if report.failed else ""
        print(f"catalog chunks: {report.catalog_chunks}, index chunks: {report.index_chunks}, "
              f"missing: {len(report.missing)}, orphaned: {len(report.orphaned)}{n_failed}")
        for failed in report.failed:
            say(f"  failed #{failed.article.id} ({failed.attempts} attempts, {failed.at:%Y-%m-%d %H:%M}): "
                f"{quote(failed.reason, 120)}; `briefbot corpus retry {failed.article.id}` or "
                f"`briefbot corpus remove {failed.article.id}`")
        relabel = corpus.catalog.last_relabel()
        if relabel and relabel["from"] and relabel["sentences"]:  # relabelled: another labeller version had run
            print(f"labeller {relabel['to']}, relabelled {relabel['at'][:19]} from {relabel['from']}: "
                  f"{relabel['sentences']} sentences, {relabel['changed']} labels changed, "
                  f"{relabel['embedded']} embedded")
        return 0 if report.consistent or args.repair else 1
    finally:
        corpus.close()


def cmd_corpus_log(args: argparse.Namespace, settings: Settings) -> int:
    corpus = _open_corpus(settings, args)
    try:
        for e in corpus.audit_log(args.limit):
            say(f"{e.at.isoformat()}  {quote(e.actor, 20):<20} {e.action:<22} {e.target:<14} {quote(e.origin, 40)}"
                f"  {quote(e.detail, 60)}")
        return 0
    finally:
        corpus.close()


def cmd_feeds(args: argparse.Namespace, settings: Settings) -> int:
    corpus = _open_corpus(settings, args)
    try:
        if args.feeds_command == "add":
            feed = corpus.add_feed(args.url, _actor(), _origin(), verify=not args.no_verify)
            say(f"Following feed #{feed.id}: {quote(feed.title or feed.url, 120)}")
        elif args.feeds_command == "remove":
            feed = corpus.remove_feed(args.url, _actor(), _origin())
            say(f"Stopped following feed #{feed.id}: {quote(feed.url, 120)}")
        else:
            feeds = corpus.feeds()
            for f in feeds:
                polled = f.last_polled_at.isoformat() if f.last_polled_at else "never"
                say(f"#{f.id:<4} {quote(f.url, 120)}  (last polled {polled})")
            if not feeds:
                print("No feeds followed.")
        return 0
    finally:
        corpus.close()


def cmd_corpus_sync(args: argparse.Namespace, settings: Settings) -> int:
    from bot.corpus.starter import require_knowledge_dir, sync_starter

    require_knowledge_dir(args.knowledge_dir)  # before anything is created in the data directory
    corpus = _open_corpus(settings, args)
    try:
        report = sync_starter(corpus, _actor(), _origin(), online=not args.offline, limit=args.limit,
                              knowledge_dir=args.knowledge_dir, progress_factory=_progress)
        _print_report(report)
        return 0
    finally:
        corpus.close()


# answers ----------------------------------------------------------------------------------------
def _open_answers(settings: Settings, args: argparse.Namespace | None = None) -> AnswerService:
    from bot.answers.service import AnswerService

    service = AnswerService(settings, _open_corpus(settings, args))
    service.warm_up()
    return service


def _print_answer(answer: Answer) -> None:
    from bot.answers.text import answer_to_text

    say(answer_to_text(answer))


def _stdin_questions() -> Iterable[tuple[str, str | None, str | None]]:
    """(question, conversation id, error) per stdin line: plain text, or a JSON object
    ``{"question": ..., "conversation": ...}``; lines sharing a conversation id form one thread."""
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        if not line.startswith("{"):
            yield line, None, None
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            yield line, None, f"not a JSON object: {exc.msg} at column {exc.colno}"
            continue
        question = data.get("question") if isinstance(data, dict) else None
        if not isinstance(question, str):
            yield line, None, 'a JSON line needs a "question" string'
            continue
        conversation = data.get("conversation")
        yield question, None if conversation is None else str(conversation), None


def cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    service = _open_answers(settings, args)
    try:
        if not args.question and not args.json:
            print("briefbot: give a question, or use --json to read questions from stdin.", file=sys.stderr)
            return 2
        questions: Iterable[tuple[str, str | None, str | None]] = (
            [(args.question, None, None)] if args.question else _stdin_questions())
        threads: dict[str, list[tuple[str, str | None]]] = {}  # each thread's questions and answer leads
        status = 0
        for question, conversation, problem in questions:
            earlier = threads.setdefault(conversation, []) if conversation is not None else []
            try:
                if problem:
                    raise InvalidInputError(problem)
                answer = service.ask(question, list(earlier))
            except BriefbotError as exc:
                if args.json and not args.question:  # one bad line must not end a batch
                    print_json({"question": quote(question, 200), "conversation": conversation,
                                "error": exc.user_message})
                    status = 1
                    continue
                raise
            earlier.append((question, answer.lead))
            if args.json:
                data = answer.to_json()
                if conversation is not None:
                    data["conversation"] = conversation
                print_json(data)
            else:
                _print_answer(answer)
        return status
    finally:
        service.close()
        service.corpus.close()


def cmd_classify(args: argparse.Namespace, settings: Settings) -> int:
    from bot.nlp.labels import label_sentences

    # Lines are labelled in batches (output written per batch); an interactive terminal gets each line at once.
    batch = 1 if sys.stdin.isatty() else 64
    pending: list[str] = []

    def flush() -> None:
        for text, result in zip(pending, label_sentences(pending), strict=True):
            print(json.dumps({"text": text, "label": result.label, "cues": list(result.cues)}, ensure_ascii=False),
                  flush=batch == 1)
        pending.clear()

    for line in sys.stdin:
        text = line.rstrip("\n")
        if text.strip():
            pending.append(text)
        if len(pending) >= batch:
            flush()
    if pending:
        flush()
    return 0


def _eval_labels(args: argparse.Namespace) -> None:
    from bot.nlp.fit import evaluate_labels

    missing = [p for p in args.labels if not p.is_file()]
    if missing or not args.corpus_dir.is_dir():
        raise InvalidInputError(f"Not found: {', '.join(map(str, missing or [args.corpus_dir]))}.")
    print(evaluate_labels(list(args.labels), args.corpus_dir).render(), flush=True)


def cmd_eval(args: argparse.Namespace, settings: Settings) -> int:
    from bot.answers.evaluate import evaluate_questions, load_questions, split_reports

    if args.file is None and args.facts is None and not args.labels:
        raise InvalidInputError("Give a question file, --facts FILE, --labels FILE ..., or several.")
    if args.labels and args.corpus_dir is None:
        raise InvalidInputError("--labels needs --corpus-dir: the folder of the articles the labelled rows point into.")
    if args.facts is not None:
        _eval_facts(args.facts, settings)
    if args.labels:
        _eval_labels(args)
    if args.file is None:
        return 0
    service = _open_answers(settings, args)
    try:
        questions = [q for q in load_questions(args.file) if args.split is None or q.get("split", "dev") == args.split]
        if args.sample is not None and args.sample < len(questions):
            # the same questions every run, in file order, so figures on a sample compare across changes
            kept = set(random.Random(f"sample {args.sample}").sample(range(len(questions)), args.sample))
            questions = [q for i, q in enumerate(questions) if i in kept]
        if args.joined is not None:
            from bot.answers.casual import join_questions
            questions = join_questions(questions, random.Random(args.joined))
        if args.casual is not None:
            questions = _casual_questions(questions, args.casual)
        report = evaluate_questions(
            questions, service.ask, lambda q: service.search(q, k=args.k), service.corpus,
            k=args.k,
        )
        if args.verbose_results:
            for r in report.results:
                print(json.dumps(r.__dict__, ensure_ascii=False))
        parts = split_reports(report)
        columns = {name: part.figures() for name, part in parts.items()}
        if len(columns) > 1:
            columns["all"] = report.figures()
        print(f"{'':>32}  " + "  ".join(f"{name:>8}" for name in columns))
        for name in next(iter(columns.values())):
            cells = []
            for figures in columns.values():
                value = figures[name]
                cells.append(f"{value:>8g}" if name.endswith("questions") or value != value else f"{value:>8.3f}")
            print(f"{name:>32}: " + "  ".join(cells))
        return 0
    finally:
        service.close()
        service.corpus.close()


def _casual_questions(questions: list[dict[str, Any]], seed: int) -> list[dict[str, Any]]:
    """Each question and its earlier turns as typed in chat (one seeded rewrite for the whole set)."""
    from bot.answers.casual import casualise

    rng = random.Random(seed)
    return [{**q, "question": casualise(q["question"], rng),
             "context": [casualise(turn, rng) for turn in q.get("context") or []]} for q in questions]


def _eval_facts(path: Path, settings: Settings) -> None:
    from bot.facts.evaluate import evaluate

    corpus = _open_corpus(settings)  # brings stored facts up to the current reader first
    try:
        with corpus.catalog.transaction() as db:
            report = evaluate(db, path)
    finally:
        corpus.close()
    for part, figures in report.items():
        print(f"facts, {part.replace('_', ' ')}:")
        for name, value in figures.items():
            print(f"{name:>40}: {value:.3f}" if isinstance(value, float) else f"{name:>40}: {value}")


def cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    from bot.app.run import run_bot

    return run_bot(settings)


# parser -----------------------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="briefbot", description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, help="data directory (default: BRIEFBOT_DATA_DIR or ./data)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug information")
    sub = parser.add_subparsers(dest="command", required=True)

    corpus = sub.add_parser("corpus", help="curate the corpus").add_subparsers(dest="corpus_command", required=True)
    add = corpus.add_parser("add", help="add files, folders (recursively) or web pages")
    add.add_argument("items", nargs="+", metavar="PATH|URL")
    add.set_defaults(handler=cmd_corpus_add)
    lst = corpus.add_parser("list", help="list articles")
    lst.add_argument("--json", action="store_true")
    lst.add_argument("--state", choices=("indexed", "pending", "failed"),
                     help="only articles in this state (failed: set aside after indexing kept failing)")
    lst.set_defaults(handler=cmd_corpus_list)
    show = corpus.add_parser("show", help="show one article")
    show.add_argument("id")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=cmd_corpus_show)
    rm = corpus.add_parser("remove", help="remove articles and their chunks")
    rm.add_argument("ids", nargs="+", metavar="ID")
    rm.set_defaults(handler=cmd_corpus_remove)
    retry = corpus.add_parser("retry", help="index failed articles again (`corpus remove` drops them)")
    retry.add_argument("ids", nargs="+", metavar="ID")
    retry.set_defaults(handler=cmd_corpus_retry)
    chk = corpus.add_parser("check", help="compare catalog and index")
    chk.add_argument("--repair", action="store_true")
    chk.set_defaults(handler=cmd_corpus_check)
    audit = corpus.add_parser("log", help="the audit log, newest first")
    audit.add_argument("--limit", type=int, default=50)
    audit.set_defaults(handler=cmd_corpus_log)
    sync = corpus.add_parser("sync", help="add the starter sources (notes offline; reports when online)")
    sync.add_argument("--offline", action="store_true", help="only the bundled notes, no network")
    sync.add_argument("--limit", type=int, default=None, help="fetch at most this many reports")
    sync.add_argument("--knowledge-dir", type=Path, default=None,
                      help="a knowledge folder (notes/ and sources.tsv) other than the checkout's knowledge/")
    sync.set_defaults(handler=cmd_corpus_sync)
    feeds = corpus.add_parser("feeds", help="RSS/Atom feeds").add_subparsers(dest="feeds_command", required=True)
    feeds_add = feeds.add_parser("add")
    feeds_add.add_argument("url")
    feeds_add.add_argument("--no-verify", action="store_true", help="do not fetch the feed now")
    feeds_rm = feeds.add_parser("remove")
    feeds_rm.add_argument("url", metavar="URL|ID")
    feeds.add_parser("list")
    for p in feeds.choices.values():
        p.set_defaults(handler=cmd_feeds)

    ask = sub.add_parser("ask", help="answer a question from the corpus, with citations")
    ask.add_argument("question", nargs="?", help="the question (with --json and none: one per stdin line)")
    ask.add_argument("--json", action="store_true", help="print one JSON object per answer")
    ask.set_defaults(handler=cmd_ask)
    classify = sub.add_parser("classify", help="label stdin sentences as fact/claim/speculation/opinion")
    classify.set_defaults(handler=cmd_classify)
    ev = sub.add_parser("eval", help="score answers on a question set (and labels on a labelled set)")
    ev.add_argument("file", type=Path, nargs="?", help="questions, JSON lines")
    ev.add_argument("--facts", type=Path, help="hand-checked facts, JSON lines (see tests/data/README.md): reading, "
                    "grouping and disagreement precision/recall, development and frozen test")
    ev.add_argument("--labels", type=Path, nargs="+",
                    help="labelled sentences, JSON lines (see tests/data/README.md): the labeller's article-grouped "
                         "cross-validation and frozen-test figures with confusion matrices")
    ev.add_argument("--corpus-dir", type=Path, help="where the labelled sentences' files are (with --labels)")
    ev.add_argument("-k", type=int, default=8, help="passages retrieved per question")
    ev.add_argument("--verbose-results", action="store_true", help="print each question's result")
    ev.add_argument("--split", choices=["dev", "test"], help="only the questions of this split (tune on dev)")
    ev.add_argument("--sample", type=int, metavar="N",
                    help="score a fixed sample of N of the (split's) questions: a quicker check, the same N each run")
    ev.add_argument("--casual", type=int, metavar="SEED",
                    help="ask each question rewritten as typed in chat (lowercase, shorthands, slips; see "
                         "bot/answers/casual.py), the same rewrite for the same seed")
    ev.add_argument("--joined", type=int, metavar="SEED",
                    help="ask, per split, 120 messages of two of its answerable questions each, joined as in "
                         "chat ('? oh and', '— and'; see bot/answers/casual.py), the same messages for the same seed")
    ev.set_defaults(handler=cmd_eval)
    run = sub.add_parser("run", help="run the Discord bot (needs DISCORD_TOKEN)")
    run.set_defaults(handler=cmd_run)
    from bot.briefs.cli import register as register_brief

    register_brief(sub)
    from bot.facts.cli import register as register_timeline

    register_timeline(sub)
    return parser


def main(argv: Sequence[str] | None = None, *, fetcher: Any = None) -> int:
    """Run one command. ``fetcher`` replaces the default safe fetcher (tests pass a loopback one)."""
    for stream in (sys.stdout, sys.stderr):  # any locale: what cannot be encoded is escaped, not fatal
        reconfigure = getattr(stream, "reconfigure", None)
        if callable(reconfigure):
            reconfigure(errors="backslashreplace")
    parser = build_parser()
    args = parser.parse_args(argv)
    args.fetcher = fetcher
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    overrides: dict[str, Any] = {}
    if args.data_dir:
        overrides["data_dir"] = args.data_dir
    try:
        settings = load_settings(**overrides)
    except ValidationError as exc:  # a bad value in the environment or `.env`: say which, no traceback
        print(f"briefbot: {settings_problem(exc)}", file=sys.stderr)
        return 2
    try:
        return int(args.handler(args, settings))
    except BriefbotError as exc:
        say(f"briefbot: {exc.user_message}", err=True)
        return 1
    except KeyboardInterrupt:
        print("briefbot: interrupted; run the same command again to finish.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader stopped reading ("briefbot ask … | head"): nothing went wrong; output to a closed pipe goes
        # nowhere, so Python's own flush at exit does not fail a second time
        with contextlib.suppress(OSError, ValueError):  # an output with no file behind it has nothing to flush
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception:  # the traceback goes to the log, the user gets one line
        log.exception("briefbot %s failed", args.command)
        print("briefbot: something went wrong (details above); nothing was left half-done.", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
