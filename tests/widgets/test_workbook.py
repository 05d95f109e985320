"""The case formulation workbook and `casekit open --prepare-only`."""

from __future__ import annotations

import nbformat
from click.testing import CliRunner

from casekit import layout
from casekit.cli import cli
from casekit.resources import notebooks_dir
from casekit.widgets.formulation_workbook import NOTEBOOK_NAME, build_notebook, show_form
from casekit.workspace import Workspace


def test_committed_workbook_matches_the_builder_and_carries_no_state():
    """Is notebooks/case-formulation.ipynb what build_notebook writes, with no outputs or widget state?"""
    committed = nbformat.read(notebooks_dir() / NOTEBOOK_NAME, as_version=4)
    assert nbformat.writes(committed) == nbformat.writes(build_notebook())
    assert "widgets" not in committed.metadata
    code = [c for c in committed.cells if c.cell_type == "code"]
    assert all(c.metadata["jupyter"]["source_hidden"] for c in code)
    assert "parameters" in code[0].metadata["tags"]
    assert all(not c.outputs for c in code)


def test_open_prepares_a_parameterised_copy_in_runs(tmp_path):
    """Does `casekit open CASE --prepare-only` write runs/CASE/case-formulation-live.ipynb with only id
    and path?"""
    ws = Workspace.create(tmp_path / "ws", examples=True)
    result = CliRunner().invoke(cli, ["-w", str(ws.root), "open", "CK-0101", "--prepare-only"])
    assert result.exit_code == 0, result.output
    path = layout.live_path(ws.root, "case-formulation", "CK-0101")
    assert result.output.strip() == str(path)
    nb = nbformat.read(path, as_version=4)
    injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(injected) == 1 and injected[0].metadata["jupyter"]["source_hidden"]
    assert nb.metadata["papermill"]["parameters"] == {"case_id": "CK-0101", "workspace": str(ws.root)}


def test_open_refuses_an_unknown_case(tmp_path):
    """Does `casekit open` on a missing case say so in one line, writing nothing?"""
    ws = Workspace.create(tmp_path / "ws")
    result = CliRunner().invoke(cli, ["-w", str(ws.root), "open", "CK-9999", "--prepare-only"])
    assert result.exit_code == 3
    assert "casekit case list" in result.output
    assert list(ws.runs_dir.iterdir()) == []


def test_show_form_without_a_case_gives_a_message_not_a_traceback():
    """Does the workbook run without a case id show what to do instead of an error?"""
    assert "casekit open" in repr(show_form(""))
