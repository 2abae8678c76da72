"""The house style holds: ruff is clean and the domain code type-checks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_ruff_finds_nothing():
    r = run("ruff", "check", "helpdesk", "knowledge_base", "tests", "bench")
    assert r.returncode == 0, r.stdout[-3000:]


def test_mypy_finds_nothing():
    r = run("mypy", "helpdesk", "knowledge_base", "tests", "bench")
    assert r.returncode == 0, r.stdout[-3000:]
