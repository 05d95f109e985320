"""Is every export written recorded in the access log of the store its case came from?"""

from __future__ import annotations

import hashlib
from pathlib import Path

import nbformat
from click.testing import CliRunner

from casekit.cli import cli
from casekit.store import access_log
from casekit.workspace import Workspace
from tests.export.runs import stuffed_run


def _exported(root: Path) -> list[access_log.LogEntry]:
    with Workspace.find(root).open_store() as store:
        access_log.verify(store)
        return [e for e in access_log.entries(store) if e.action == "exported"]


def test_a_case_export_is_logged_with_its_format_and_file_hash(workspace: Path, tmp_path: Path):
    """After `casekit export --case`, does the log say the case was exported, as which format, with the
    SHA-256 of the very file written?"""
    out = tmp_path / "out"
    env = {"CASEKIT_WORKSPACE": str(workspace)}
    result = CliRunner().invoke(cli, ["export", "--case", "CK-0101", "--to", "md", "-o", str(out)], env=env)
    assert result.exit_code == 0, result.output
    digest = hashlib.sha256((out / "CK-0101-summary.md").read_bytes()).hexdigest()
    assert [(e.case_id, e.detail) for e in _exported(workspace)] == [("CK-0101", f"md,sha256={digest}")]


def test_a_run_exported_from_outside_its_workspace_is_logged_in_that_workspace(
    workspace: Path, tmp_path: Path
):
    """Is a run exported by path, from another folder, recorded in the log of the run's own workspace?"""
    run_dir = workspace / "runs" / "CK-0999"
    run_dir.mkdir(parents=True)
    run = run_dir / "case-review.ipynb"
    nbformat.write(stuffed_run("CK-0999"), run)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["export", str(run), "--to", "md", "-o", str(out)], env={"CASEKIT_WORKSPACE": ""}
    )
    assert result.exit_code == 0, result.output
    assert [e.case_id for e in _exported(workspace)] == ["CK-0999"]


def test_a_refused_export_is_not_logged(workspace: Path, tmp_path: Path):
    """When an export is refused (here: no such case) and nothing is written, is no export logged?"""
    env = {"CASEKIT_WORKSPACE": str(workspace)}
    result = CliRunner().invoke(cli, ["export", "--case", "CK-0404", "-o", str(tmp_path / "out")], env=env)
    assert result.exit_code != 0
    assert _exported(workspace) == []
