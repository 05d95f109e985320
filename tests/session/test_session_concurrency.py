"""Two processes (two kernels' worth) writing to one session at once, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from casekit.session.log import session_record
from tests.session.helpers import CASE_ID, SESSION_DATE

ROOT = Path(__file__).resolve().parents[2]
PER_WRITER = 25


def _start(url: str, alias: str, expected: int) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "tests.session.writer", url, alias, str(PER_WRITER), str(expected)],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.slow
def test_two_processes_see_every_contribution_once(store, store_url):
    """When two processes add contributions at the same moment (each also retrying every add), does
    each see every contribution exactly once, in the same order, with none lost?"""
    aliases = ["Member B", "Member D"]
    expected = PER_WRITER * len(aliases)
    procs = [_start(store_url, alias, expected) for alias in aliases]
    try:
        for proc in procs:
            assert proc.stdout is not None
            line = proc.stdout.readline().strip()
            assert line == "ready", proc.stderr.read() if proc.stderr else line
        for proc in procs:
            assert proc.stdin is not None
            proc.stdin.write("go\n")
            proc.stdin.flush()
        results = []
        for proc in procs:
            out, err = proc.communicate(timeout=240)
            assert proc.returncode == 0, err
            results.append(json.loads(out.strip().splitlines()[-1]))
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    written = [cid for r in results for cid in r["wrote"]]
    assert len(set(written)) == expected
    for r in results:
        assert len(r["seen"]) == expected, "a contribution was lost or duplicated"
        assert set(r["seen"]) == set(written)
    assert results[0]["seen"] == results[1]["seen"], "the two processes saw different orders"
    record = session_record(store, CASE_ID, SESSION_DATE)
    assert [c.id for c in record.contributions] == results[0]["seen"]
    # Two joins are not written (no join() call): 2 × PER_WRITER contributions, numbered without gaps.
    assert results[0]["last_seq"] == results[1]["last_seq"] == expected
