"""`casekit audit open --prepare-only`: the audit workbook prepared for a live session."""

from __future__ import annotations

import nbformat
from click.testing import CliRunner

from casekit.audit.audit_workbook import NOTEBOOK_NAME
from casekit.cli import cli
from casekit.resources import notebooks_dir
from casekit.workspace import Workspace


def _run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_prepare_only_writes_a_live_copy_with_only_the_workspace_injected(tmp_path):
    """Does --prepare-only print the live copy's path, with only `workspace` injected and hidden?"""
    ws = Workspace.create(tmp_path / "ws")
    result = _run("-w", str(ws.root), "audit", "open", "--prepare-only")
    assert result.exit_code == 0, result.output
    path = ws.runs_dir / "organisation" / "systems-audit-live.ipynb"
    assert result.output.strip() == str(path)

    nb = nbformat.read(path, as_version=4)
    assert nb.metadata["papermill"]["parameters"] == {"workspace": str(ws.root)}
    assert nb.metadata["casekit"]["scope"] == "organisation"
    assert "widgets" not in nb.metadata
    injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(injected) == 1
    assert injected[0].metadata["jupyter"]["source_hidden"]
    assert "hide-input" in injected[0].metadata["tags"]
    assert [line for line in injected[0].source.splitlines() if "=" in line] == [f'workspace = "{ws.root}"']
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(not c.outputs and c.execution_count is None for c in code)
    shipped = nbformat.read(notebooks_dir() / NOTEBOOK_NAME, as_version=4)
    assert [c.source for c in nb.cells if c not in injected] == [c.source for c in shipped.cells]


def test_prepare_only_leaves_the_headless_run_alone(tmp_path):
    """Does preparing the live copy leave `casekit run systems-audit`'s output untouched?"""
    ws = Workspace.create(tmp_path / "ws")
    headless = ws.runs_dir / "organisation" / "systems-audit.ipynb"
    headless.parent.mkdir(parents=True)
    headless.write_text("the headless run", encoding="utf-8")
    assert _run("-w", str(ws.root), "audit", "open", "--prepare-only").exit_code == 0
    assert _run("-w", str(ws.root), "audit", "open", "--prepare-only").exit_code == 0  # again: replaced
    assert headless.read_text(encoding="utf-8") == "the headless run"
    assert sorted(p.name for p in headless.parent.iterdir()) == [
        "systems-audit-live.ipynb",
        "systems-audit.ipynb",
    ]


def test_a_folder_that_is_not_a_workspace_is_one_error_line_and_writes_nothing(tmp_path):
    """Does `casekit audit open` outside a workspace say so in one line, writing nothing?"""
    folder = tmp_path / "not-a-workspace"
    folder.mkdir()
    result = _run("-w", str(folder), "audit", "open", "--prepare-only")
    assert result.exit_code != 0
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("casekit: error: ")
    assert "not a casekit workspace" in lines[0] and "casekit init" in lines[0]
    assert list(folder.iterdir()) == []
