"""Form audit: ``casekit audit form`` on the shipped example intake forms, beside plain text extraction.

    python bench/bench_audit.py [--repeat 20] [--process-repeat 3]

For every example form in casekit/audit/forms/ (txt, md, html, docx, pdf), in one run:

* in a warm process: the plain extraction of the file's text (``Path.read_text`` for txt and md, the
  standard library's ``html.parser`` for html, python-docx for docx, pypdf -- the library casekit's
  PDF reader uses -- for pdf), casekit's reader alone (``read_form``), and the whole audit (read and
  every rule, ``audit_form``); median milliseconds, and the peak of the Python allocations of one
  call (tracemalloc, in a pass of its own after the timed calls);
* as new processes: ``casekit audit form FILE`` against a Python process that extracts the same
  file's text the plain way (importing only this script and the plain library); median seconds, and
  peak RSS -- each process's own high-water mark (VmHWM) read as it exits, largest over the runs
  (these processes live a tenth of a second, too short to sample; see bench/_memory.py).
* the organisation run: ``casekit run systems-audit --export html`` as a new process against bare
  ``papermill`` on notebooks/systems-audit.ipynb followed by bare ``jupyter nbconvert --to html``
  (skip with ``--no-organisation``); seconds, and peak RSS of each command's process tree -- the
  command and the kernel it starts, summed and sampled every 50 ms (the bare pair: the larger of its
  two commands, which run one after the other).

The difference between casekit's read and the plain extraction is the cost of reading a form as
passages with locations and choice markers; between the audit and the read, the cost of the rules.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
FORMS = ROOT / "casekit" / "audit" / "forms"
SUFFIXES = (".txt", ".md", ".html", ".docx", ".pdf")


class _TextOf(HTMLParser):
    """Collects an HTML document's text, nothing else."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def plain_text(path: Path) -> str:
    """The file's text extracted the plain way, with no knowledge of forms."""
    suffix = path.suffix.lower()
    if suffix in (".txt", ".md"):
        return path.read_text(encoding="utf-8")
    if suffix == ".html":
        parser = _TextOf()
        parser.feed(path.read_text(encoding="utf-8"))
        parser.close()
        return "".join(parser.parts)
    if suffix == ".docx":
        import docx

        document = docx.Document(str(path))
        cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
        return "\n".join([p.text for p in document.paragraphs] + cells)
    if suffix == ".pdf":
        from pypdf import PdfReader

        return "\n".join(page.extract_text() for page in PdfReader(path).pages)
    raise ValueError(f"{path.name}: no plain extraction for {suffix}")


def _median_ms(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median milliseconds of ``repeat`` calls (after one warm-up call), and one call's Python peak."""
    from _memory import python_peak

    fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    with python_peak() as traced:
        fn()
    return statistics.median(times) * 1000, traced.peak_mb


def _process(code: str, argv: list[str], repeat: int) -> tuple[float, float]:
    """Median seconds and largest VmHWM (MB) of ``repeat`` runs of ``python -c CODE ARGV...``."""
    from _memory import REPORT_PEAK_AT_EXIT, run_measured

    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "bench")])}
    cmd = [sys.executable, "-c", REPORT_PEAK_AT_EXIT + code, *argv]
    runs = [run_measured(cmd, env=env, cwd=ROOT) for _ in range(repeat)]
    return statistics.median(r.seconds for r in runs), max(r.own_peak_mb for r in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="timed calls per file, in process")
    parser.add_argument("--process-repeat", type=int, default=3, help="new processes per file and tool")
    parser.add_argument("--no-organisation", action="store_true", help="skip the systems-audit run")
    args = parser.parse_args()

    from casekit.audit.form_audit import audit_form
    from casekit.audit.readers import read_form

    forms = sorted((p for p in FORMS.iterdir() if p.suffix in SUFFIXES), key=lambda p: (p.suffix, p.name))
    missing = [s for s in SUFFIXES if not any(p.suffix == s for p in forms)]
    if missing:
        raise SystemExit(f"no example form for {', '.join(missing)} in {FORMS}")

    print(f"in process, warm: median of {args.repeat} calls (ms); Python peak of one call (tracemalloc, MB)")
    head = f"{'form':18} {'plain':>8} {'read':>8} {'audit':>8}   {'plain':>6} {'read':>6} {'audit':>6}"
    print(head)
    for path in forms:
        plain_ms, plain_mb = _median_ms(lambda p=path: plain_text(p), args.repeat)
        read_ms, read_mb = _median_ms(lambda p=path: read_form(p), args.repeat)
        audit_ms, audit_mb = _median_ms(lambda p=path: audit_form(p), args.repeat)
        findings = len(audit_form(path).findings)
        print(
            f"{path.name:18} {plain_ms:8.2f} {read_ms:8.2f} {audit_ms:8.2f}   "
            f"{plain_mb:6.2f} {read_mb:6.2f} {audit_mb:6.2f}  {findings} findings"
        )
    print("  plain = text extracted the plain way; read = casekit's reader; audit = read + every rule")

    print(
        f"\nnew processes: median of {args.process_repeat} runs (s); peak RSS (the process's VmHWM at "
        "exit, MB), largest of the runs"
    )
    print(f"{'form':18} {'plain':>8} {'casekit audit form':>19}   {'plain':>6} {'casekit':>8}")
    plain = (
        "import sys; from pathlib import Path; from bench_audit import plain_text; "
        "plain_text(Path(sys.argv[1]))"
    )
    cli = "from casekit.cli import main; main()"
    for path in forms:
        plain_s, plain_mb = _process(plain, [str(path)], args.process_repeat)
        audit_s, audit_mb = _process(cli, ["audit", "form", str(path)], args.process_repeat)
        print(f"{path.name:18} {plain_s:8.2f} {audit_s:19.2f}   {plain_mb:6.1f} {audit_mb:8.1f}")
    print("  plain = python -c 'from bench_audit import plain_text; ...' FILE (the plain library only)")
    if not args.no_organisation:
        organisation()


def organisation() -> None:
    """The systems-audit run with its export, against bare papermill + nbconvert on the same notebook."""
    from _memory import run_measured

    from casekit.workspace import Workspace

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    bin_dir = Path(sys.executable).parent
    with tempfile.TemporaryDirectory(prefix="ck-bench-audit-") as tmp:
        ws = Workspace.create(Path(tmp) / "ws", examples=True)
        cli = [sys.executable, "-c", "from casekit.cli import main; main()", "-w", str(ws.root)]
        ours = run_measured([*cli, "run", "systems-audit", "--export", "html"], env=env, cwd=ROOT)
        out = Path(tmp) / "bare" / "systems-audit.ipynb"
        out.parent.mkdir()
        nb = ROOT / "notebooks" / "systems-audit.ipynb"
        papermill = [str(bin_dir / "papermill"), "--no-progress-bar", str(nb), str(out)]
        pm = run_measured([*papermill, "-p", "workspace", str(ws.root)], env=env, cwd=ROOT)
        nbconvert = [str(bin_dir / "jupyter"), "nbconvert", "--to", "html", str(out)]
        nbc = run_measured([*nbconvert, "--output-dir", str(out.parent)], env=env, cwd=ROOT)
    print("\norganisation run: seconds; peak RSS (process tree incl. kernel, sampled every 50 ms, MB)")
    label = "casekit run systems-audit --export html (new process)"
    print(f"{label}  {ours.seconds:7.2f} s  {ours.peak_mb:5.0f} MB")
    print(
        f"bare papermill + jupyter nbconvert --to html            {pm.seconds + nbc.seconds:7.2f} s  "
        f"{max(pm.peak_mb, nbc.peak_mb):5.0f} MB  (papermill + kernel {pm.peak_mb:.0f} MB, "
        f"then nbconvert {nbc.peak_mb:.0f} MB)"
    )


if __name__ == "__main__":
    main()
