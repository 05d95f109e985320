"""Export time per format next to bare `jupyter nbconvert --to html` on the same run notebook.

    python bench/bench_export.py [--repeat N]

Builds a fictional case, writes its consultation-summary notebook (as a run would be), then times:
casekit's exporters in a warm process (html, md, pdf), `casekit export RUN.ipynb` as a whole process
per format (the run kept under WORKSPACE/runs/CASE/), and stock `jupyter nbconvert --to html` on the
same notebook as a whole process.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _timed(fn, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    import nbformat

    from casekit.export import api
    from casekit.export.context import ExportContext
    from casekit.export.summary import summary_notebook
    from casekit.workspace import Workspace
    from tests.export.cases import plain_case
    from tests.export.conftest import reviewed

    rows: list[tuple[str, list[float]]] = []
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
            rows.append(
                (
                    f"casekit {fmt} (in process, warm)",
                    _timed(lambda f=fmt: api.export_case(case, f, secret=secret), args.repeat),
                )
            )
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        jupyter = [sys.executable, "-m", "jupyter", "nbconvert"]

        def stock() -> None:
            subprocess.run([*jupyter, "--to", "html", str(run), "--output-dir", tmp],
                           check=True, capture_output=True, env=env)  # fmt: skip

        rows.append(("jupyter nbconvert --to html (process)", _timed(stock, args.repeat)))
        for fmt in ("html", "md", "pdf"):

            def whole(f: str = fmt) -> None:
                cmd = [
                    sys.executable,
                    "-c",
                    "from casekit.cli import main; main()",
                    "export",
                    str(run),
                    "--to",
                    f,
                    "-o",
                    tmp,
                ]
                subprocess.run(cmd, check=True, capture_output=True, env=env)

            rows.append((f"casekit export RUN.ipynb --to {fmt} (process)", _timed(whole, args.repeat)))
    print(f"casekit.deid with NER; {args.repeat} runs each; median and min in seconds")
    print(f"{'route':44} {'median':>8} {'min':>8}")
    for name, times in rows:
        print(f"{name:44} {statistics.median(times):8.3f} {min(times):8.3f}")


if __name__ == "__main__":
    main()
