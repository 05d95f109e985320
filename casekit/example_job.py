"""The main job: set up a workspace with the bundled example cases and work through them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from casekit import layout
from casekit.case_overview import CaseOverview, overview
from casekit.workspace import Workspace


@dataclass
class ExampleResult:
    """What the example run did and where its outputs are."""

    workspace: Workspace
    created: bool
    overviews: list[CaseOverview] = field(default_factory=list)
    outputs: list[tuple[str, Path]] = field(default_factory=list)


#: The example case the main job runs its workbook for and exports, and its recorded session.
EXAMPLE_CASE = "CK-0101"
EXAMPLE_SESSION = "2026-01-19"
#: The consultation workbook the main job runs.
EXAMPLE_WORKBOOK = "consultation-session"


def run_example(directory: Path, *, case_id: str = EXAMPLE_CASE) -> ExampleResult:
    """Create (or reuse) an example workspace, check every case, run a workbook and export it.

    The consultation workbook is run for ``case_id`` and its recorded example session (the run lands
    in the workspace's ``runs/``); the case's de-identified consultation summary — the formulation
    and that session's contributions and action plan — goes to ``exports/example/`` as HTML and PDF,
    through the same gate as every export.

    Parameters
    ----------
    directory
        The workspace folder; created with the example cases if it is not a workspace yet.
    case_id
        The example case to run and export.
    """
    directory = Path(directory)
    if (directory / "casekit.toml").exists():
        ws, created = Workspace.find(directory), False
    else:
        ws, created = Workspace.create(directory, examples=True), True
    result = ExampleResult(workspace=ws, created=created)
    with ws.open_store() as store:
        for summary in store.list_cases():
            record = store.load(summary.case_id)
            result.overviews.append(overview(record.case))
    from casekit.export.api import export_case, session_record_for, write_exports
    from casekit.workbooks import run_workbook

    run = run_workbook(ws, EXAMPLE_WORKBOOK, case_id, {"session_date": EXAMPLE_SESSION})
    result.outputs.append((f"Workbook run ({EXAMPLE_WORKBOOK}, {case_id})", run.output))
    with ws.open_store() as store:
        case = store.load(case_id).case
        secret = store.fingerprint_secret(case_id)
        record = session_record_for(store, case_id, EXAMPLE_SESSION)
    exports = [
        export_case(case, fmt, session=EXAMPLE_SESSION, secret=secret, session_record=record)
        for fmt in ("html", "pdf")
    ]
    with ws.open_store() as store:  # each export is recorded in the access log, as `casekit export` does
        written = write_exports(exports, layout.named_exports_dir(ws.exports_dir, "example"), store=store)
    for path in written:
        result.outputs.append((f"De-identified summary ({path.suffix[1:].upper()})", path))
    return result
