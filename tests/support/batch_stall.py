"""The CLI's real entry point with one test-only change: a line whose text holds STALL never
finishes analysing, as a line crafted against a slow rule would not. Used by test_cli.py as
`python -c "from tests.support.batch_stall import main; main()" batch ...`
(the repository on the path).

When STALL_MARK is set in the environment, a stalling analysis first creates that file: the test
knows the line is stuck."""

from __future__ import annotations

import os
import signal
import sys
import time
from typing import Any

from diplobrief import cli, pipeline, workers

STALL = "STALL-THIS-LINE"


def analyse_page_or_stall(model: str, body: str, *args: Any) -> Any:
    if STALL in body:
        mark = os.environ.get("STALL_MARK")
        if mark:
            open(mark, "w").close()
        time.sleep(60)  # far past any limit the tests set; then it would brief normally
    return workers.analyse_page(model, body, *args)


def main() -> None:
    # As from a terminal, whoever started this process: Ctrl-C is a KeyboardInterrupt.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    pipeline.analyse_page = analyse_page_or_stall  # type: ignore[assignment]
    sys.exit(cli.main(sys.argv[1:]))
