"""Workbook runs and exports: casekit against the bare papermill + nbconvert commands, in one run.

    python bench/bench_workbooks.py [--batch 20]

One case (case-review): ``casekit run --export html`` as one new process, and the Python API in a warm
process (a kernel pool already running, the name recogniser loaded), against the bare ``papermill``
command followed by bare ``jupyter nbconvert --to html`` on the same notebook. Then a batch of N
distinct fictional cases: the batch runner with exports, against a sequential loop of the two bare
commands. casekit's exports are de-identified and gated; the bare commands do neither.

Memory (see bench/_memory.py): a command's peak RSS is that of its process tree -- the command and the
kernel it starts -- summed and sampled every 50 ms; the bare pair's peak is the larger of its two
commands' (they run one after the other). In-process rows sample this process and its kernels, so
they include this process's own memory (printed on its own for comparison).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from _memory import Measured, TreeSampler, rss_mb, run_measured

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
BIN = Path(sys.executable).parent
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
BOOK = "case-review"


def timed(cmd: list[str]) -> Measured:
    """Run a command; its wall time and its process tree's peak RSS."""
    return run_measured(cmd, env=ENV, cwd=ROOT)


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


def bare_pair(nb: Path, out: Path, ws_root: Path, case_id: str) -> tuple[float, float, float]:
    """The bare commands for one case: papermill, then nbconvert to HTML.

    Returns the seconds of both, and each command's peak tree RSS in MB (papermill, nbconvert).
    """
    papermill = [str(BIN / "papermill"), "--no-progress-bar", str(nb), str(out)]
    params = ["-p", "workspace", str(ws_root), "-p", "case_id", case_id]
    pm = timed([*papermill, *params])
    nbc = timed(
        [str(BIN / "jupyter"), "nbconvert", "--to", "html", str(out), "--output-dir", str(out.parent)]
    )
    return pm.seconds + nbc.seconds, pm.peak_mb, nbc.peak_mb


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
    # (label, seconds, peak MB, what the memory figure is)
    rows: list[tuple[str, float, float, str]] = []

    cli = [sys.executable, "-c", "from casekit.cli import main; main()", "-w", str(ws.root)]
    one = timed([*cli, "run", BOOK, "--case", ids[0], "--export", "html"])
    one_cli = one.seconds
    rows.append(
        ("casekit run --export html (new process), 1 case", one_cli, one.peak_mb, "tree: process + kernel")
    )

    pipeline()  # a warm process has the recogniser loaded, as a kernel pool has its kernels
    self_before = rss_mb()
    with Runner(ws, kernels=1) as runner:
        runner.run(BOOK, ids[0])  # wait for the kernel to be warm
        with TreeSampler() as warm_tree:
            start = time.perf_counter()
            run = runner.run(BOOK, ids[1])
            write_exports([export_run(run.output, "html", workspace=ws.root)], ws.exports_dir)
            warm = time.perf_counter() - start
    rows.append(
        (
            "casekit API, warm process: run + export html, 1 case",
            warm,
            warm_tree.peak_mb,
            f"tree: this process + kernel (this process alone before: {self_before:.0f} MB)",
        )
    )

    (tmp / "bare").mkdir()
    bare_one, pm_mb, nbc_mb = bare_pair(nb, tmp / "bare" / "one.ipynb", ws.root, ids[0])
    bare_one_mb = max(pm_mb, nbc_mb)
    rows.append(
        (
            "bare papermill + jupyter nbconvert --to html, 1 case",
            bare_one,
            bare_one_mb,
            f"tree: papermill + kernel {pm_mb:.0f} MB, then nbconvert {nbc_mb:.0f} MB",
        )
    )

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

    self_before = rss_mb()
    with TreeSampler() as batch_tree, Runner(ws, kernels=2) as runner:
        batch = runner.run_many(BOOK, batch_ids, on_done=export_when_done)
    batch_secs = time.perf_counter() - start
    rows.append(
        (
            f"casekit batch (2 kernels) run + export html, {len(batch_ids)} cases",
            batch_secs,
            batch_tree.peak_mb,
            f"tree: this process + kernel pool (this process alone before: {self_before:.0f} MB)",
        )
    )

    start = time.perf_counter()
    loop_mb = 0.0
    for case_id in batch_ids:
        _, pm_mb, nbc_mb = bare_pair(nb, tmp / "bare" / f"{case_id}.ipynb", ws.root, case_id)
        loop_mb = max(loop_mb, pm_mb, nbc_mb)
    loop = time.perf_counter() - start
    rows.append(
        (
            f"bare papermill + nbconvert loop, {len(batch_ids)} cases",
            loop,
            loop_mb,
            "tree: largest single papermill (+ kernel) or nbconvert",
        )
    )

    width = max(len(r[0]) for r in rows)
    print(f"{'':<{width}}  {'time':>9}  {'peak RSS':>8}")
    for label, secs, mb, what in rows:
        print(f"{label:<{width}}  {secs:7.2f} s  {mb:5.0f} MB  {what}")
    print(
        f"\n1 case:  warm casekit / bare = {warm / bare_one:.2f} (target at most 0.50); "
        f"new-process casekit / bare = {one_cli / bare_one:.2f}"
    )
    print(f"batch:   bare loop / casekit batch = {loop / batch_secs:.1f}x (target at least 4x)")
    print(f"         {len(batch.succeeded)} of {len(batch_ids)} cases ran, {exported} exported")
    print(
        f"memory:  1 case, new-process casekit / bare = {one.peak_mb / bare_one_mb:.2f}; "
        f"batch tree / bare loop = {batch_tree.peak_mb / loop_mb:.2f} (peak RSS, MB / MB)"
    )


if __name__ == "__main__":
    main()
