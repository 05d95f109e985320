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


def run_example(directory: Path) -> ExampleResult:
    """Create (or reuse) an example workspace, then load and validate every case in it.

    Parameters
    ----------
    directory
        The workspace folder; created with the example cases if it is not a workspace yet.
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
    return result
