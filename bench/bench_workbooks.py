"""Workbook runs and exports: casekit against the bare papermill + nbconvert commands, in one run.

    python bench/bench_workbooks.py [--batch 20]

One case (case-review): ``casekit run --export html`` as one new process, and the Python API in a warm
process (a kernel pool already running, the name recogniser loaded), against the bare ``papermill``
command followed by bare ``jupyter nbconvert --to html`` on the same notebook. Then a batch of N
distinct fictional cases: the batch runner with exports, against a sequential loop of the two bare
commands. casekit's exports are de-identified and gated; the bare commands do neither.
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


def make_workspace(root: Path, count: int) -> tuple[object, list[str]]:
    """A workspace with ``count`` distinct cases: the examples, then copies under new ids."""
    from casekit.examples import load_examples
    from casekit.workspace import Workspace

    ws = Workspace.create(root, examples=True)
    examples = load_examples()
    ids = [c.meta.case_id for c in examples]
    with ws.open_store() as store:
        n = 0
        while len(ids) < count:
            source = examples[n % len(examples)]
            copy = source.model_copy(deep=True)
            copy.meta.case_id = f"CK-{9000 + n}"
            store.create(copy, author="bench")
            ids.append(copy.meta.case_id)
            n += 1
    return ws, ids[:count]


def bare_pair(nb: Path, out: Path, ws_root: Path, case_id: str) -> float:
    """The bare commands for one case: papermill, then nbconvert to HTML."""
    papermill = [str(BIN / "papermill"), "--no-progress-bar", str(nb), str(out)]
    params = ["-p", "workspace", str(ws_root), "-p", "case_id", case_id]
    pm = timed([*papermill, *params])
    nbc = timed(
        [str(BIN / "jupyter"), "nbconvert", "--to", "html", str(out), "--output-dir", str(out.parent)]
    )
    return pm + nbc


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--batch", type=int, default=20)
    args = parser.parse_args()
    from casekit.deid.ner import pipeline
    from casekit.errors import CasekitError
    from casekit.export.api import export_run, write_exports
    from casekit.workbooks import Runner

    tmp = Path(tempfile.mkdtemp(prefix="ck-bench-"))
    ws, ids = make_workspace(tmp / "ws", max(args.batch, 2))
    nb = ROOT / "notebooks" / f"{BOOK}.ipynb"
    rows: list[tuple[str, float]] = []

    cli = [sys.executable, "-c", "from casekit.cli import main; main()", "-w", str(ws.root)]
    one_cli = timed([*cli, "run", BOOK, "--case", ids[0], "--export", "html"])
    rows.append(("casekit run --export html (new process), 1 case", one_cli))

    pipeline()  # a warm process has the recogniser loaded, as a kernel pool has its kernels
    with Runner(ws, kernels=1) as runner:
        runner.run(BOOK, ids[0])  # wait for the kernel to be warm
        start = time.perf_counter()
        run = runner.run(BOOK, ids[1])
        write_exports([export_run(run.output, "html", workspace=ws.root)], ws.exports_dir)
        warm = time.perf_counter() - start
    rows.append(("casekit API, warm process: run + export html, 1 case", warm))

    (tmp / "bare").mkdir()
    bare_one = bare_pair(nb, tmp / "bare" / "one.ipynb", ws.root, ids[0])
    rows.append(("bare papermill + jupyter nbconvert --to html, 1 case", bare_one))

    batch_ids = ids[: args.batch]
    start = time.perf_counter()
    exported = 0

    def export_when_done(case_id: str, outcome: object) -> None:
        # As each case finishes, export it while the kernels run the others (as `casekit run` does).
        nonlocal exported
        if isinstance(outcome, CasekitError):
            return
        try:
            write_exports([export_run(outcome.output, "html", workspace=ws.root)], ws.exports_dir)
            exported += 1
        except CasekitError:
            pass  # refused by the gate (a span waiting for review): counted below

    with Runner(ws, kernels=2) as runner:
        batch = runner.run_many(BOOK, batch_ids, on_done=export_when_done)
    batch_secs = time.perf_counter() - start
    rows.append((f"casekit batch (2 kernels) run + export html, {len(batch_ids)} cases", batch_secs))

    start = time.perf_counter()
    for case_id in batch_ids:
        bare_pair(nb, tmp / "bare" / f"{case_id}.ipynb", ws.root, case_id)
    loop = time.perf_counter() - start
    rows.append((f"bare papermill + nbconvert loop, {len(batch_ids)} cases", loop))

    width = max(len(r[0]) for r in rows)
    for label, secs in rows:
        print(f"{label:<{width}}  {secs:7.2f} s")
    print(
        f"\n1 case:  warm casekit / bare = {warm / bare_one:.2f} (target at most 0.50); "
        f"new-process casekit / bare = {one_cli / bare_one:.2f}"
    )
    print(f"batch:   bare loop / casekit batch = {loop / batch_secs:.1f}x (target at least 4x)")
    print(f"         {len(batch.succeeded)} of {len(batch_ids)} cases ran, {exported} exported")


if __name__ == "__main__":
    main()
