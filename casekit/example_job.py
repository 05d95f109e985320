"""The main job: set up a workspace with the bundled example cases and work through them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from casekit.summary import CaseOverview, overview
from casekit.workspace import Workspace


@dataclass
class ExampleResult:
    """What the example run did and where its outputs are."""

    workspace: Workspace
    created: bool
    overviews: list[CaseOverview] = field(default_factory=list)
    outputs: list[tuple[str, Path]] = field(default_factory=list)


#: The example case the main job runs its workbook for and exports.
EXAMPLE_CASE = "CK-0101"
#: Workbooks tried in order: the live session workbook when it exists, else the case review.
EXAMPLE_WORKBOOKS = ("consultation-session", "case-review")


def run_example(directory: Path, *, case_id: str = EXAMPLE_CASE) -> ExampleResult:
    """Create (or reuse) an example workspace, check every case, run a workbook and export it.

    The workbook run for ``case_id`` lands in the workspace's ``runs/``; its de-identified summary
    goes to ``exports/example/`` as HTML and PDF, through the same gate as every export.

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
    from casekit.export.api import export_run, write_exports
    from casekit.workbooks import registry, run_workbook

    available = registry()
    workbook = next(name for name in EXAMPLE_WORKBOOKS if name in available)
    run = run_workbook(ws, workbook, case_id)
    result.outputs.append((f"Workbook run ({workbook}, {case_id})", run.output))
    exports = [export_run(run.output, fmt, workspace=ws.root) for fmt in ("html", "pdf")]
    for path in write_exports(exports, ws.exports_dir / "example"):
        result.outputs.append((f"De-identified summary ({path.suffix[1:].upper()})", path))
    return result
