"""Workbook runs: casekit against the bare papermill / nbconvert commands, side by side in one run.

    python bench/bench_workbooks.py [--batch 20]

Rows: one case through `casekit run` (a new process), through the Python API in-process (cold: kernel
started for it; warm: pool already running), the bare `papermill` command and bare
`jupyter nbconvert --to html`; then a batch of N cases (the six example cases repeated) through the
batch runner versus a sequential loop of the bare papermill command.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
BIN = Path(sys.executable).parent
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
BOOK = "case-review"


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, env=ENV, capture_output=True, cwd=ROOT)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--batch", type=int, default=20)
    args = parser.parse_args()
    from casekit.workbooks import Runner
    from casekit.workspace import Workspace

    tmp = Path(tempfile.mkdtemp(prefix="ck-bench-"))
    ws = Workspace.create(tmp / "ws", examples=True)
    with ws.open_store() as store:
        ids = [s.case_id for s in store.list_cases()]
    nb = ROOT / "notebooks" / f"{BOOK}.ipynb"
    out = tmp / "bare.ipynb"
    papermill = [
        str(BIN / "papermill"),
        "--no-progress-bar",
        str(nb),
        str(out),
        "-p",
        "workspace",
        str(ws.root),
    ]
    rows: list[tuple[str, float]] = []
    rows.append(
        (
            "casekit run (CLI, new process), 1 case",
            timed(
                [
                    sys.executable,
                    "-c",
                    "from casekit.cli import main; main()",
                    "-w",
                    str(ws.root),
                    "run",
                    BOOK,
                    "--case",
                    ids[0],
                ]
            ),
        )
    )
    start = time.perf_counter()
    with Runner(ws, kernels=1) as runner:
        runner.run(BOOK, ids[0])
        cold = time.perf_counter() - start
        start = time.perf_counter()
        runner.run(BOOK, ids[1])
        warm = time.perf_counter() - start
    rows.append(("casekit API in-process, cold (kernel started), 1 case", cold))
    rows.append(("casekit API in-process, warm pool, 1 case", warm))
    bare_pm = timed([*papermill, "-p", "case_id", ids[0]])
    rows.append(("bare papermill command, 1 case", bare_pm))
    bare_nbc = timed([str(BIN / "jupyter"), "nbconvert", "--to", "html", str(out), "--output-dir", str(tmp)])
    rows.append(("bare jupyter nbconvert --to html, 1 notebook", bare_nbc))
    batch_ids = [ids[i % len(ids)] for i in range(args.batch)]
    # Distinct case ids matter for output names; repeats of an example re-run (and replace) its output.
    start = time.perf_counter()
    with Runner(ws, kernels=2) as runner:
        for i in range(0, len(batch_ids), len(ids)):
            runner.run_many(BOOK, batch_ids[i : i + len(ids)])
    batch = time.perf_counter() - start
    rows.append((f"casekit batch (2 kernels), {args.batch} cases", batch))
    start = time.perf_counter()
    for case_id in batch_ids:
        subprocess.run([*papermill, "-p", "case_id", case_id], check=True, env=ENV, capture_output=True)
    loop = time.perf_counter() - start
    rows.append((f"bare papermill loop, {args.batch} cases", loop))
    width = max(len(r[0]) for r in rows)
    for label, secs in rows:
        print(f"{label:<{width}}  {secs:7.2f} s")
    print(
        f"\n1 case:  CLI / (papermill + nbconvert) = {rows[0][1] / (bare_pm + bare_nbc):.2f}; "
        f"CLI / papermill = {rows[0][1] / bare_pm:.2f}; warm API / papermill = {warm / bare_pm:.2f}"
    )
    print(f"batch:   bare loop / casekit batch = {loop / batch:.1f}x")


if __name__ == "__main__":
    main()
