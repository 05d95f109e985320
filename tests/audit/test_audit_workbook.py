"""The systems-audit workbook: built with nbformat, run end to end with papermill on a real kernel."""

from __future__ import annotations

import base64
import datetime as dt
import os
from pathlib import Path

import nbformat
import papermill
import pytest

from casekit.audit.assessment import Rating, blank_assessment
from casekit.audit.audit_workbook import NOTEBOOK_NAME, build_notebook, choose_audits
from casekit.audit.examples import example_forms_dir
from casekit.audit.history import save_assessment
from casekit.errors import AuditError
from casekit.model import Case, CaseMeta, PowerDynamic, PowerLevel, case_to_json
from casekit.resources import notebooks_dir
from casekit.workspace import Workspace
from tests.kernels import need_kernel

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = notebooks_dir() / NOTEBOOK_NAME


def test_committed_notebook_is_the_built_one_with_no_outputs():
    """Is the committed workbook exactly what build_notebook writes, with no outputs or widget state?"""
    committed = nbformat.read(NOTEBOOK, as_version=4)
    assert committed == build_notebook(), "run `python -m casekit.audit.audit_workbook` to rebuild it"
    assert "widgets" not in committed.metadata
    assert all(
        not c.get("outputs") and c.get("execution_count") is None
        for c in committed.cells
        if c.cell_type == "code"
    )


def test_parameters_cell_holds_only_paths_dates_and_options():
    """Is one cell tagged 'parameters', holding only paths, dates and options, and are the rest hidden?"""
    notebook = build_notebook()
    params = [c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1
    names = {
        line.split("=")[0].strip()
        for line in params[0].source.splitlines()
        if "=" in line and not line.startswith("#")
    }
    assert names == {"workspace", "form_paths", "audit_date", "previous", "plot_by", "cases_dir", "min_cell"}
    for cell in notebook.cells:
        if cell.cell_type == "code" and cell is not params[0]:
            assert cell.metadata["jupyter"]["source_hidden"] is True
            assert "hide-input" in cell.metadata["tags"]


def test_choose_audits_falls_back_to_the_examples_and_checks_dates(tmp_path):
    """With no stored audit, are the examples used (and said so); is a missing date refused clearly?"""
    ws = Workspace.create(tmp_path / "ws")
    current, before, source = choose_audits(str(ws.root))
    assert (current.date, before.date) == (dt.date(2026, 9, 7), dt.date(2026, 3, 2))
    assert "no audit is stored in this workspace yet" in source
    may = blank_assessment(dt.date(2026, 5, 1))
    save_assessment(may, ws)
    current, before, source = choose_audits(str(ws.root))
    assert current == may and before is None and "workspace" in source
    with pytest.raises(AuditError, match="audit_date 2026-05-02: no audit saved for that day"):
        choose_audits(str(ws.root), audit_date="2026-05-02")
    with pytest.raises(AuditError, match="previous '1 May' is not a date; write it as YYYY-MM-DD"):
        choose_audits(str(ws.root), previous="1 May")


def _case(number: int, *kinds: str) -> Case:
    return Case(
        meta=CaseMeta(case_id=f"ZQ-{number:04d}", clinician_alias="Presenter B"),
        power=[PowerDynamic(level=PowerLevel.SYSTEMIC, kind=k) for k in kinds],
    )


def _run(tmp_path, monkeypatch, parameters):
    need_kernel()
    # The kernel must import this checkout's casekit, not another installed copy.
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    out = tmp_path / "run.ipynb"
    papermill.execute_notebook(
        str(NOTEBOOK),
        str(out),
        parameters=parameters,
        kernel_name="python3",
        progress_bar=False,
        cwd=str(tmp_path),
    )
    return nbformat.read(out, as_version=4)


def _outputs(notebook):
    return [o for c in notebook.cells if c.cell_type == "code" for o in c.get("outputs", [])]


@pytest.mark.kernel
@pytest.mark.slow
def test_workbook_runs_end_to_end_and_renders_the_comparison_plot(tmp_path, monkeypatch):
    """Does the workbook run with papermill on a real kernel, audit the forms, compare two stored audits,
    draw the plot as a PNG and show the barrier table with small cells hidden?"""
    workspace = Workspace.create(tmp_path / "ws").root
    spring = blank_assessment(dt.date(2026, 2, 1))
    autumn = blank_assessment(dt.date(2026, 8, 1))
    autumn.items[0].rating = Rating.DEVELOPING
    autumn.items[0].action = "Name an equity budget line."
    autumn.items[0].owner = "Clinic director"
    save_assessment(spring, workspace)
    save_assessment(autumn, workspace)
    cases = tmp_path / "cases"
    cases.mkdir()
    for n, kinds in enumerate(
        [("fees", "language"), ("Fees",), ("fees", "eviction"), ("language",)], start=1
    ):
        (cases / f"ZQ-{n:04d}.json").write_text(case_to_json(_case(n, *kinds)), encoding="utf-8")
    forms = example_forms_dir()
    notebook = _run(
        tmp_path,
        monkeypatch,
        {
            "workspace": str(workspace),
            "form_paths": [str(forms / "poor-intake.docx"), str(forms / "good-intake.html")],
            "cases_dir": str(cases),
        },
    )
    outputs = _outputs(notebook)
    assert not [o for o in outputs if o.output_type == "error"]
    markdown = "\n".join(o.data.get("text/markdown", "") for o in outputs if o.output_type == "display_data")
    assert "### poor-intake.docx" in markdown and "`gender-binary`" in markdown
    assert "### good-intake.html\n\nNo findings" in markdown
    assert "Comparing this audit (2026) with the one before it, **25 weeks** earlier." in markdown
    assert "Name an equity budget line. (owner: Clinic director)" in markdown
    assert "| cost and fees | 3 |" in markdown and "eviction" not in markdown and "ZQ-0" not in markdown
    images = [o.data["image/png"] for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) == 1
    assert base64.b64decode(images[0]).startswith(b"\x89PNG")


@pytest.mark.kernel
@pytest.mark.slow
def test_workbook_runs_on_the_shipped_examples_with_no_parameters(tmp_path, monkeypatch):
    """With no parameters at all, does the workbook run on the example forms, example audits and the
    fictional example cases (for the barrier table)?"""
    notebook = _run(tmp_path, monkeypatch, {})
    outputs = _outputs(notebook)
    assert not [o for o in outputs if o.output_type == "error"]
    markdown = "\n".join(o.data.get("text/markdown", "") for o in outputs if o.output_type == "display_data")
    assert "fictional example audits" in markdown
    assert "casekit's fictional example cases (no workspace was given)" in markdown
    assert "Cases counted: 6" in markdown and "| racism and other discrimination | 4 |" in markdown
    assert any("image/png" in o.get("data", {}) for o in outputs)
