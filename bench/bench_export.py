"""Export time per format next to bare `jupyter nbconvert --to html` on the same run notebook.

    python bench/bench_export.py [--repeat N]

Builds a fictional case, writes its consultation-summary notebook (as a run would be), then times:
casekit's exporters in a warm process (html, md, pdf), `casekit export RUN.ipynb` as a whole process
per format (the run kept under WORKSPACE/runs/CASE/), and stock `jupyter nbconvert --to html` on the
same notebook as a whole process.

Memory (see bench/_memory.py): a process row's figure is its peak RSS (the process and any children,
summed, sampled every 50 ms; the largest over the runs). An in-process row's figure is the peak of
the Python allocations one export makes (tracemalloc, in a pass of its own after the timed runs),
with this warm process's RSS printed once below the table.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from _memory import python_peak, rss_mb, run_measured

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _timed(fn, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def _measured(cmd: list[str], repeat: int, env: dict[str, str]) -> tuple[list[float], float, str]:
    """Run a command ``repeat`` times: the seconds of each run and the largest peak tree RSS (MB)."""
    runs = [run_measured(cmd, env=env) for _ in range(repeat)]
    return [r.seconds for r in runs], max(r.peak_mb for r in runs), "peak RSS (process tree)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    import nbformat

    from casekit.export import api
    from casekit.export.context import ExportContext
    from casekit.export.summary_notebook import summary_notebook
    from casekit.workspace import Workspace
    from tests.export.conftest import reviewed
    from tests.fictional import plain_case

    # (route, seconds of each run, peak MB, what the memory figure is)
    rows: list[tuple[str, list[float], float, str]] = []
    with tempfile.TemporaryDirectory(prefix="casekit-bench-") as tmp:
        ws = Workspace.create(Path(tmp) / "ws")
        with ws.open_store() as store:
            secret = store.fingerprint_secret("CK-0101")
            case = reviewed(plain_case(), secret)
            store.create(case, author="bench")
        ctx = ExportContext.for_case(case, session="2026-05-04", secret=secret)
        nb = summary_notebook(ctx.scrubbed(), session="2026-05-04")
        (ws.runs_dir / "CK-0101").mkdir(parents=True)
        run = ws.runs_dir / "CK-0101" / "consultation-summary.ipynb"
        nbformat.write(nb, run)
        for fmt in ("html", "md", "pdf"):
            times = _timed(lambda f=fmt: api.export_case(case, f, secret=secret), args.repeat)
            with python_peak() as traced:
                api.export_case(case, fmt, secret=secret)
            rows.append((f"casekit {fmt} (in process, warm)", times, traced.peak_mb, "Python peak"))
        warm_rss = rss_mb()
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        jupyter = [sys.executable, "-m", "jupyter", "nbconvert"]
        stock = [*jupyter, "--to", "html", str(run), "--output-dir", tmp]
        rows.append(("jupyter nbconvert --to html (process)", *_measured(stock, args.repeat, env)))
        cli = [sys.executable, "-c", "from casekit.cli import main; main()", "export", str(run)]
        for fmt in ("html", "md", "pdf"):
            cmd = [*cli, "--to", fmt, "-o", tmp]
            rows.append((f"casekit export RUN.ipynb --to {fmt} (process)", *_measured(cmd, args.repeat, env)))
    print(f"casekit.deid with NER; {args.repeat} runs each; median and min in seconds; memory in MB")
    print(f"{'route':44} {'median':>8} {'min':>8} {'memory':>8}")
    for name, times, mb, what in rows:
        print(f"{name:44} {statistics.median(times):8.3f} {min(times):8.3f} {mb:8.1f}  {what}")
    print(f"this warm process after the in-process exports: {warm_rss:.0f} MB RSS")


if __name__ == "__main__":
    main()
