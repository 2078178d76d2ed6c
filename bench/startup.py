"""Whole-process start-up of the CLI: help, a refused link, a cached brief, and a batch of the
shared pages uncached and then cached (issue 15's targets). Each command runs as a new process,
the way a user starts it; the median of several runs is shown."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from _common import ROOT, extraction_pages, table

CLI = [str(Path(sys.executable).with_name("diplobrief"))]
RUNS = 5
PAGES = 61  # the batch of the measurement


def timed(args: list[str], env: dict[str, str], runs: int = RUNS) -> float:
    """Median seconds of `runs` runs of the CLI with these arguments."""
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        subprocess.run(CLI + args, env=env, capture_output=True, check=False)
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def serve(folder: Path) -> tuple[ThreadingHTTPServer, str]:
    handler = lambda *a, **k: SimpleHTTPRequestHandler(*a, directory=str(folder), **k)  # noqa: E731
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    SimpleHTTPRequestHandler.log_message = lambda *a: None  # type: ignore[method-assign]
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def main() -> None:
    pages = list(extraction_pages())[:PAGES]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = {
            **os.environ,
            "DIPLOBRIEF_DB": str(folder / "cache.sqlite3"),
            "DIPLOBRIEF_FETCH_ALLOW_NETWORKS": "127.0.0.1/32",
        }
        (folder / "page.html").write_text((ROOT / "tests/fixtures/treaty-talks.html").read_text())
        server, base = serve(folder)
        try:
            help_s = timed(["--help"], env)
            refused_s = timed(["brief", "http://10.0.0.1/"], env)
            timed(["brief", f"{base}/page.html"], env, runs=1)  # fills the cache
            cached_s = timed(["brief", f"{base}/page.html"], env)
            lines = folder / "in.jsonl"
            lines.write_text(
                "".join(json.dumps({"id": i, "url": u, "html": h}) + "\n" for i, u, h in pages)
            )
            uncached_batch = timed(["batch", str(lines), str(folder / "out.jsonl")], env, runs=1)
            cached_batch = timed(["batch", str(lines), str(folder / "out.jsonl")], env, runs=3)
        finally:
            server.shutdown()
    rows = [
        ("`diplobrief --help`", help_s, "< 0.5 s"),
        ("refuse `http://10.0.0.1/`", refused_s, "< 1 s"),
        ("a cached brief", cached_s, "< 1.5 s"),
        (f"batch of {len(pages)} shared pages, uncached", uncached_batch, ""),
        ("the same batch, cached", cached_batch, ""),
        ("uncached / cached batch", uncached_batch / cached_batch, "≥ 10×"),
    ]
    print(table(["whole process", "seconds (median)", "goal"], rows))


if __name__ == "__main__":
    main()
