"""The core package never imports discord: the CLI, benchmarks and bot share one pipeline."""

from __future__ import annotations

import subprocess
import sys

CHECK = """
import importlib, pkgutil, sys
import diplobrief
names = [m.name for m in pkgutil.walk_packages(diplobrief.__path__, "diplobrief.")]
for name in names:
    importlib.import_module(name)
assert len(names) >= 10, names
leaked = sorted(m for m in sys.modules if m == "discord" or m.startswith("discord."))
print(len(names), "modules;", "discord modules loaded:", leaked)
sys.exit(1 if leaked else 0)
"""


def test_core_imports_no_discord() -> None:
    done = subprocess.run(
        [sys.executable, "-c", CHECK], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stdout + done.stderr
