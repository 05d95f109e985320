"""The main job as a user types it, in a new process, beside the bare papermill + nbconvert commands.

    python bench/bench_mainjob.py [--rounds 3] [--workbook consultation-session] [--no-profile]

Rows (each a new process, as a user runs it; one case, CK-0101 of the examples):

* ``bare``: ``papermill`` then ``jupyter nbconvert --to html`` on the same notebook (no de-identification
  of the export, no gate), with nothing kept, as for the first casekit row: the notebook's own scrub
  of the case (which casekit keeps for the next run) is made afresh;
* ``run+export, first``: ``casekit run WORKBOOK --case CK-0101 --export html`` with no export of the case
  kept (the cache in the workspace's private folder emptied first): the name model is loaded, every
  text scrubbed;
* ``run+export, again``: the same command again, the case unchanged (its kept export is handed back
  after the gate's final scan);
* ``export, fresh``: ``casekit export RUN.ipynb`` with nothing kept;
* ``export, again``: ``casekit export RUN.ipynb`` of the same run of the unchanged revision;
* ``deid scrub start-up``: ``casekit deid scrub --no-ner NOTE.txt`` of a one-line note (the command's
  start-up: imports, word lists, patterns); ``deid scrub, names``: the same with name recognition
  (the spaCy model loaded). Their ``x bare`` is against the same bare pair, for scale only; the
  issue's target for start-up is in seconds (well under the 2.4 s it took before).

The targets (issue #17): the first run+export at most 0.5x the bare pair, a second export of an
unchanged revision at most 0.2x. The load average is printed before and after the rounds: other
people's work on the machine slows every row, the bare pair included.

The machine is shared, so every round runs all rows back to back and each casekit row is divided by
that round's bare time; the table shows the median over rounds (and each round's). Memory is each
command's process tree (the command and the kernel it starts), peak RSS summed and sampled every
50 ms (see bench/_memory.py); for the bare pair, the larger of its two commands'.

Then, unless ``--no-profile``, one more ``run+export, first`` (nothing kept), ``run+export, again`` and
``export, again`` under pyinstrument, summarised as the casekit and library calls that took the most
wall time in the command's own process (the kernel's work shows as waiting on it).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from _memory import Measured, run_measured

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
BIN = Path(sys.executable).parent
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
CASE = "CK-0101"
TARGETS = {"run+export, first": 0.5, "run+export, again": 0.5, "export, again": 0.2}
#: Targets in seconds (rows that are not a multiple of the bare tools): the issue asks for start-up
#: well under the 2.4 s it took before (srsly and the confusables file read at every start).
SECOND_TARGETS = {"deid scrub start-up": 2.4}
#: A one-line note with a name, a street, a phone and a date (fictional).
NOTE = "Quillon Vasterby called from 12 Larkspur Lane on 3 May 2024 (555-0142)."


def timed(cmd: list[str]) -> Measured:
    """Run a command; its wall time and its process tree's peak RSS (fails loudly if it fails)."""
    return run_measured(cmd, env=ENV, cwd=ROOT)


def casekit(ws: Path, *args: str) -> list[str]:
    """The casekit command line for this checkout."""
    return [sys.executable, "-c", "from casekit.cli import main; main()", "-w", str(ws), *args]


def forget_kept(ws: Path) -> None:
    """Empty the workspace's cache of kept exports."""
    shutil.rmtree(ws / ".casekit" / "cache", ignore_errors=True)


def bare(nb: Path, out: Path, ws: Path) -> tuple[float, float]:
    """papermill then nbconvert: seconds of both, and the larger peak RSS."""
    params = ["-p", "workspace", str(ws), "-p", "case_id", CASE]
    pm = timed([str(BIN / "papermill"), "--no-progress-bar", str(nb), str(out), *params])
    nbconvert = [str(BIN / "jupyter"), "nbconvert", "--to", "html"]
    nbc = timed([*nbconvert, str(out), "--output-dir", str(out.parent)])
    return pm.seconds + nbc.seconds, max(pm.peak_mb, nbc.peak_mb)


def one_round(ws: Path, workbook: str, tmp: Path) -> dict[str, tuple[float, float]]:
    """Every row once, back to back: label -> (seconds, peak MB)."""
    nb = ROOT / "notebooks" / f"{workbook}.ipynb"
    run_path = ws / "runs" / CASE / f"{workbook}.ipynb"
    rows: dict[str, tuple[float, float]] = {}
    forget_kept(ws)  # the notebook's own scrubs are kept too: bare runs it for the first time as well
    rows["bare papermill + nbconvert"] = bare(nb, tmp / "bare.ipynb", ws)
    job = casekit(ws, "run", workbook, "--case", CASE, "--export", "html")
    forget_kept(ws)
    first = timed(job)
    rows["run+export, first"] = (first.seconds, first.peak_mb)
    again = timed(job)
    rows["run+export, again"] = (again.seconds, again.peak_mb)
    forget_kept(ws)
    fresh = timed(casekit(ws, "export", str(run_path)))
    rows["export, fresh"] = (fresh.seconds, fresh.peak_mb)
    kept = timed(casekit(ws, "export", str(run_path)))
    rows["export, again"] = (kept.seconds, kept.peak_mb)
    note = tmp / "note.txt"
    note.write_text(NOTE + "\n", encoding="utf-8")
    start = timed(casekit(ws, "deid", "scrub", "--no-ner", str(note)))
    rows["deid scrub start-up"] = (start.seconds, start.peak_mb)
    names = timed(casekit(ws, "deid", "scrub", str(note)))
    rows["deid scrub, names"] = (names.seconds, names.peak_mb)
    return rows


def profile(ws: Path, args: list[str], out: Path, top: int = 12) -> list[tuple[float, str]]:
    """Run a casekit command under pyinstrument; the calls with the most wall time in its process.

    Each function counts once per call path (its time includes what it calls); casekit's own frames
    and the libraries' entry points (imports, papermill, nbconvert, spaCy, sqlalchemy) are listed.
    """
    run_measured(
        [sys.executable, "-m", "pyinstrument", "-r", "json", "-o", str(out), "-c",
         "import sys; from casekit.cli import main; sys.argv[0] = 'casekit'; main()", "-w", str(ws), *args],
        env=ENV,
        cwd=ROOT,
    )  # fmt: skip
    session = json.loads(out.read_text())
    totals: dict[str, float] = {}

    def walk(frame: dict, seen: frozenset[str]) -> None:
        label = _label(frame.get("function", ""), frame.get("file_path", ""), frame.get("class_name", ""))
        if label and label not in seen:
            totals[label] = totals.get(label, 0.0) + frame.get("time", 0.0)
            seen = seen | {label}
        for child in frame.get("children", []):
            walk(child, seen)

    walk(session["root_frame"], frozenset())
    # The command's own wrappers (click, the run command, the batch loop) say nothing new.
    wrappers = (
        "casekit.cli:",
        "casekit.cli.run_commands:run",
        "casekit.cli.run_commands:_run_cases",
        "casekit.cli.run_commands:<",
    )
    ranked = sorted(((t, n) for n, t in totals.items() if not n.startswith(wrappers)), reverse=True)
    head = [(session["duration"], "whole command (wall)"), (session["cpu_time"], "whole command (CPU)")]
    return head + ranked[:top]


def _label(func: str, path: str, cls: str = "") -> str:
    """``module:function`` for casekit frames and imports of the heavy libraries; '' for the rest."""
    if "/casekit/" in path and "/site-packages/" not in path:
        module = path.split("/casekit/", 1)[1].removesuffix(".py").replace("/", ".").removesuffix(".__init__")
        name = f"{cls}.{func}" if cls else func
        return f"casekit.{module}:{name}" if module else f"casekit:{name}"
    for lib in ("papermill", "nbconvert", "nbformat", "nbclient", "spacy", "sqlalchemy", "jupyter_client",
                "pydantic", "jinja2", "weasyprint", "matplotlib", "srsly"):  # fmt: skip
        if func == "<module>" and path.endswith(f"/{lib}/__init__.py"):
            return f"import {lib}"
    if func in ("acquire", "lock.acquire") or (func == "wait" and "threading" in path):
        return "waiting (on the kernel or a thread)"
    return ""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workbook", default="consultation-session")
    parser.add_argument("--no-profile", action="store_true")
    args = parser.parse_args()
    from casekit.workspace import Workspace

    tmp = Path(tempfile.mkdtemp(prefix="ck-mainjob-"))
    ws = Workspace.create(tmp / "ws", examples=True).root
    load_before = os.getloadavg()
    rounds = [one_round(ws, args.workbook, tmp) for _ in range(args.rounds)]
    load_after = os.getloadavg()
    base = "bare papermill + nbconvert"
    width = max(len(label) for label in rounds[0])
    print(f"main job: {args.workbook} for {CASE}; each row a new process; rounds: {args.rounds}")
    print(
        f"load average (1, 5, 15 min) before: {' '.join(f'{x:.2f}' for x in load_before)}; "
        f"after: {' '.join(f'{x:.2f}' for x in load_after)}; cores: {os.cpu_count()}"
    )
    print()
    print(f"{'':<{width}}  {'median':>8}  {'x bare':>6}  {'target':>6}  {'peak RSS':>8}  rounds (s)")
    for label in rounds[0]:
        secs = [r[label][0] for r in rounds]
        ratios = [r[label][0] / r[base][0] for r in rounds]
        peak = max(r[label][1] for r in rounds)
        target = TARGETS.get(label)
        shown = f"<={target}" if target is not None else ""
        if label in SECOND_TARGETS:
            shown = f"<<{SECOND_TARGETS[label]}s"
        print(
            f"{label:<{width}}  {statistics.median(secs):6.2f} s  {statistics.median(ratios):6.2f}  "
            f"{shown:>6}  {peak:5.0f} MB  " + " ".join(f"{s:.2f}" for s in secs)
        )
    if args.no_profile:
        return
    job = ["run", args.workbook, "--case", CASE, "--export", "html"]
    for title, cmd, forget in (
        ("run+export, first", job, True),
        ("run+export, again", job, False),
        ("export, again", ["export", str(ws / "runs" / CASE / f"{args.workbook}.ipynb")], False),
    ):
        if forget:
            forget_kept(ws)
        print(f"\nwhere the time goes, {title} (wall seconds, inclusive, this process):")
        for secs, name in profile(ws, cmd, tmp / "profile.json"):
            print(f"  {secs:6.2f}  {name}")


if __name__ == "__main__":
    main()
