"""A reader that stops early (`casekit … | head`) ends casekit quietly, not as an internal error."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from casekit.audit.examples import example_forms_dir


def test_a_closed_pipe_ends_quietly(tmp_path: Path):
    """When the reader closes the pipe, does casekit exit 141 with nothing on stderr?"""
    form = example_forms_dir() / "poor-intake.txt"
    big = tmp_path / "long-intake.txt"
    big.write_text(form.read_text(encoding="utf-8") * 400, encoding="utf-8")  # far more than a pipe holds
    proc = subprocess.Popen(
        [sys.executable, "-c", "from casekit.cli import main; main()", "audit", "form", str(big)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(100)
    proc.stdout.close()
    err = proc.stderr.read()
    assert proc.wait(timeout=60) == 141
    assert err == b""
