"""`diplobrief brief|batch`: the pipeline from the command line, as text or JSON."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import os
import signal
import stat
import sys
import tempfile
import textwrap
import unicodedata
from collections.abc import Coroutine, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TextIO

from diplobrief.errors import DiplobriefError
from diplobrief.models import ActorType
from diplobrief.summary.names import ALGORITHM_NAMES

if TYPE_CHECKING:  # imported where used: `--help` and bad usage load neither pydantic nor aiohttp
    from diplobrief.config import Settings
    from diplobrief.models import Brief
    from diplobrief.pipeline import Briefer

log = logging.getLogger(__name__)


def _sentences(value: str) -> int:
    number = int(value)
    if not 1 <= number <= 10:
        raise argparse.ArgumentTypeError("must be between 1 and 10")
    return number


def _workers(value: str) -> int:
    number = int(value)
    if number < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return number


def _ratio(value: str) -> float:
    number = float(value)
    if not 0 < number <= 1:
        raise argparse.ArgumentTypeError("must be above 0 and at most 1")
    return number


def _length(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    return {
        "sentences": args.sentences or settings.default_sentences,
        "ratio": args.ratio,
        "avoid_quotes": args.no_quotes,
        "algorithm": args.algorithm,
        "use_cache": not args.no_cache,
    }


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="diplobrief", description="Brief diplomatic news: summary, key actors, quotes."
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log what happens")
    sub = parser.add_subparsers(dest="command", required=True)

    def common(p: argparse.ArgumentParser) -> None:
        size = p.add_mutually_exclusive_group()
        size.add_argument("--sentences", "-n", type=_sentences, default=None, help="1-10 (5)")
        size.add_argument(
            "--ratio", type=_ratio, default=None, help="a share of the article, e.g. 0.2"
        )
        p.add_argument(
            "--no-quotes", action="store_true", help="leave direct quotations out of the summary"
        )
        p.add_argument("--algorithm", "-a", choices=sorted(ALGORITHM_NAMES), default=None)
        p.add_argument("--db", default=None, help="the cache file (DIPLOBRIEF_DB)")
        p.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")

    one = sub.add_parser("brief", help="brief one link, saved .html page or .txt file")
    one.add_argument("target", help="an http(s) URL, a .html file or a .txt file")
    one.add_argument("--json", action="store_true", help="print the brief as JSON")
    common(one)

    many = sub.add_parser("batch", help="brief every line of a JSONL file")
    many.add_argument("input", help="JSONL: each line has id and url, html or text")
    many.add_argument("output", nargs="?", default=None, help="JSONL out (stdout if left out)")
    many.add_argument(
        "--workers", type=_workers, default=None, help="analysis processes (all cores)"
    )
    common(many)
    return parser


def printable(text: str) -> str:
    """The text without control characters but line breaks and tabs: what a page says never
    reaches the terminal as escape sequences (colours, links, the window's title)."""
    return "".join(c for c in text if c in "\n\t" or unicodedata.category(c) not in ("Cc", "Cf"))


def render_text(brief: Brief) -> str:
    """Render a brief as readable text for a terminal."""
    lines = [brief.title or brief.url]
    meta = [brief.site, ", ".join(brief.authors) or None, brief.published]
    facts = [m for m in meta if m]
    facts.append(f"reduced by {brief.reduction:.0%}")
    facts.append(brief.algorithm + (" (whole article)" if brief.whole else ""))
    if brief.cached:
        facts.append("cached")
    lines += [" · ".join(facts), ""]
    for number, sentence in enumerate(brief.summary, 1):
        wrapped = textwrap.fill(sentence, 96, initial_indent="", subsequent_indent="    ")
        lines.append(f"{number:>2}. {wrapped}")
    if brief.actors:
        lines += ["", "Key actors"]
        for actor in brief.key_actors() or brief.actors[:6]:
            role = f" — {actor.role}" if actor.role else ""
            where = (
                f", {actor.affiliation}"
                if actor.affiliation and actor.type == ActorType.PERSON
                else ""
            )
            lines.append(f" - {actor.name}{role} ({actor.type}{where}, {actor.mentions}×)")
            if actor.parts:
                did = "; ".join(p.text() for p in actor.parts)
                lines.append(textwrap.fill(did, 96, initial_indent="   ", subsequent_indent="   "))
        others = [a.name for a in brief.actors if not a.key]
        if others:
            lines.append(textwrap.fill("Also: " + ", ".join(others), 96, subsequent_indent="  "))
    if brief.quotes:
        lines += ["", "Quotes"]
        for quote in brief.quotes:
            lines.append(
                textwrap.fill(
                    f" - {quote.speaker or 'unattributed'}: “{quote.quote}”",
                    96,
                    subsequent_indent="   ",
                )
            )
    return "\n".join(lines)


def _settings(args: argparse.Namespace, **overrides: Any) -> Settings:
    from diplobrief.config import Settings

    if args.db:
        overrides["db_path"] = args.db
    return Settings(**overrides)


async def run_brief(args: argparse.Namespace, out: TextIO) -> int:
    # One worker process: no slower than analysing here (it loads the pipeline while the page
    # downloads), and a page that takes too long to read gets it killed, not this process stuck.
    from diplobrief.pipeline import Briefer

    settings = _settings(args, workers=1)
    async with await Briefer.open(settings, cache=not args.no_cache, lazy=True) as briefer:
        brief = await briefer.brief(args.target, files=True, **_length(args, settings))
    if args.json:
        out.write(json.dumps(brief.to_json(), ensure_ascii=False, indent=2) + "\n")
    else:
        out.write(printable(render_text(brief)) + "\n")
    return 0


def _read_jsonl(stream: IO[str]) -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
    for number, line in enumerate(stream, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            yield number, None, f"line {number} is not JSON: {exc.msg}"
            continue
        if not isinstance(item, dict):
            yield number, None, f"line {number} is not a JSON object"
            continue
        yield number, item, None


async def _brief_item(briefer: Briefer, item: dict[str, Any], options: dict[str, Any]) -> Brief:
    if isinstance(item.get("html"), str):
        return await briefer.brief_html(item["html"], url=item.get("url"), **options)
    if isinstance(item.get("text"), str):
        return await briefer.brief_text(item["text"], title=item.get("title"), **options)
    if isinstance(item.get("url"), str):  # a web link only: never a file on this machine
        return await briefer.brief(item["url"], **options)
    raise DiplobriefError("each line needs one of url, html or text")


class Progress:
    """A one-line progress bar on stderr, shown only when stderr is a terminal."""

    def __init__(self, total: int) -> None:
        self.total, self.done, self.failed = total, 0, 0
        self.shown = sys.stderr.isatty()

    def step(self, ok: bool) -> None:
        self.done += 1
        self.failed += not ok
        if self.shown:
            width = 30
            filled = int(width * self.done / max(self.total, 1))
            bar = "#" * filled + "-" * (width - filled)
            sys.stderr.write(f"\r[{bar}] {self.done}/{self.total} ({self.failed} failed)")
            if self.done == self.total:
                sys.stderr.write("\n")
            sys.stderr.flush()


async def run_batch(args: argparse.Namespace, out: TextIO) -> int:
    from diplobrief.pipeline import CLOSE_GRACE, Briefer

    overrides: dict[str, Any] = {} if args.workers is None else {"workers": args.workers}
    settings = _settings(args, **overrides)
    options = _length(args, settings)
    if args.output is not None:
        _check_writable(args.output)
    try:
        with open(args.input, encoding="utf-8") as stream:
            items = list(_read_jsonl(stream))
    except UnicodeDecodeError:
        raise DiplobriefError(f"{args.input} is not UTF-8 text (JSON Lines)") from None
    progress = Progress(len(items))
    # Room for every line in the queue: the batch waits for workers instead of being refused.
    settings = settings.model_copy(update={"max_pending": max(settings.max_pending, len(items))})
    # Bounded concurrency: enough to keep every worker busy while pages download.
    gate = asyncio.Semaphore(max(settings.workers, 1) * 4)
    records: list[dict[str, Any] | None] = [None] * len(items)  # None: not done (yet)

    async def one(
        briefer: Briefer, index: int, number: int, item: dict[str, Any] | None, problem: str | None
    ) -> None:
        ident = item.get("id", number) if item else number
        async with gate:
            record = await attempt(briefer, number, item, problem, ident)
        records[index] = record
        progress.step("error" not in record)

    async def attempt(
        briefer: Briefer, number: int, item: dict[str, Any] | None, problem: str | None, ident: Any
    ) -> dict[str, Any]:
        try:
            if problem is not None or item is None:
                raise DiplobriefError(problem or "bad line")
            brief = await _brief_item(briefer, item, options)
            record: dict[str, Any] = {"id": ident, **brief.to_json()}
        except DiplobriefError as exc:
            record = {"id": ident, "error": {"kind": exc.kind, "message": exc.message}}
        except Exception as exc:  # one bad line never stops the batch
            log.exception("line %s failed", number)
            record = {"id": ident, "error": {"kind": "internal", "message": repr(exc)}}
        return record

    async def brief_all() -> None:
        briefer = await Briefer.open(settings, cache=not args.no_cache, lazy=True)
        stopped = True
        try:
            await asyncio.gather(*(one(briefer, i, *entry) for i, entry in enumerate(items)))
            stopped = False
        finally:
            # Stopped: what is still in flight is dropped at once.
            await briefer.close(grace=0 if stopped else CLOSE_GRACE)

    signum = await _stoppable(brief_all())
    done = sum(record is not None for record in records)
    if signum is not None:
        if progress.shown:
            sys.stderr.write("\n")
        name = signal.Signals(signum).name
        if not done:
            print(f"diplobrief: stopped by {name} before any line was done", file=sys.stderr)
            return 128 + signum
        print(
            f"diplobrief: stopped by {name}: {done} of {len(items)} lines done; the others are "
            'written with the error "interrupted" and their input',
            file=sys.stderr,
        )
    # A stuck line cannot hold this up (each analysis has a time limit), and a stopped batch
    # still writes the lines it finished: they are not lost.
    lines = [
        record if record is not None else _interrupted(number, item)
        for record, (number, item, _) in zip(records, items, strict=True)
    ]
    text = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
    if args.output is None:
        out.write(text)
    else:
        _write_whole(args.output, text)
    if signum is not None:
        return 128 + signum
    return 1 if items and progress.failed == len(items) else 0


def _interrupted(number: int, item: dict[str, Any] | None) -> dict[str, Any]:
    """The record of a line the batch was stopped before finishing: its input stays with it (the
    output may be the input file itself), so running the batch on the output again finishes it."""
    ident = item.get("id", number) if item else number
    error = {"kind": "interrupted", "message": "the batch was stopped before this line was done"}
    return {**(item or {}), "id": ident, "error": error}


async def _stoppable(work: Coroutine[Any, Any, None]) -> int | None:
    """Run work until it ends, or until SIGINT (Ctrl-C) or SIGTERM stops it: then return the
    signal's number. (A signal this process was started ignoring stays ignored.)"""
    loop = asyncio.get_running_loop()
    task = asyncio.ensure_future(work)
    received: list[int] = []

    def stop(signum: int) -> None:
        received.append(signum)
        task.cancel()

    handled = []
    for signum in (signal.SIGINT, signal.SIGTERM):
        if signal.getsignal(signum) is signal.SIG_IGN:
            continue
        with contextlib.suppress(NotImplementedError, RuntimeError):  # Windows; not main thread
            loop.add_signal_handler(signum, stop, signum)
            handled.append(signum)
    try:
        await task
    except asyncio.CancelledError:
        if not received:
            raise
    finally:
        for signum in handled:
            loop.remove_signal_handler(signum)
    return received[0] if received else None


def _write_whole(path: str, text: str) -> None:
    """Write a file whole or not at all: into a temporary file beside it, then rename it onto
    the name. The output may be the input itself, and a failed run must not leave a half-written
    file. The rename replaces what is at the name, a symlink included, and never writes through
    one: in a shared folder another user could have aimed a symlink there at any file this
    user can write."""
    target = os.path.abspath(path)
    handle, temporary = tempfile.mkstemp(
        prefix=f".{os.path.basename(target)}.", dir=os.path.dirname(target)
    )
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
            os.fchmod(out.fileno(), _output_mode(target))  # by the handle, not the name
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _output_mode(target: str) -> int:
    """The permissions of the output: those of the file it replaces, else as open() makes a
    new file (a symlink's target is not looked at)."""
    try:
        found = os.lstat(target)
    except FileNotFoundError:
        found = None
    if found is not None and stat.S_ISREG(found.st_mode):
        return stat.S_IMODE(found.st_mode)
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _check_writable(path: str) -> None:
    """Refuse an output that cannot be written before the batch runs, not after."""
    target = Path(os.path.abspath(path))
    if target.is_dir():
        raise DiplobriefError(f"{path} is a folder; name a file to write")
    folder = target.parent
    if not folder.is_dir() or not os.access(folder, os.W_OK | os.X_OK):
        raise DiplobriefError(f"cannot write {path}: its folder is missing or read-only")


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    from pydantic import ValidationError

    try:
        if args.command == "brief":
            return asyncio.run(run_brief(args, sys.stdout))
        return asyncio.run(run_batch(args, sys.stdout))
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        print(f"diplobrief: bad settings: {problems}", file=sys.stderr)
        return 2
    except DiplobriefError as exc:
        print(f"diplobrief: {printable(exc.message)}", file=sys.stderr)
        return 1
    except (OSError, RuntimeError) as exc:
        print(f"diplobrief: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
