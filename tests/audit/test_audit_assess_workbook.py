"""Section 2 of the systems-audit workbook: the live self-assessment form beside the static table."""

from __future__ import annotations

import datetime as dt

import pytest

from casekit.audit.assessment import Rating, blank_assessment
from casekit.audit.history import save_assessment
from casekit.workspace import Workspace
from tests.audit.test_audit_workbook import _outputs, _run

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


@pytest.mark.kernel
@pytest.mark.slow
def test_a_headless_run_keeps_the_static_table_and_writes_no_audit(tmp_path, monkeypatch):
    """Run by papermill in a real workspace, does section 2 still show the stored audit as Markdown,
    add the form only as a widget output with a plain fallback, and leave the audits folder alone?"""
    ws = Workspace.create(tmp_path / "ws")
    audit = blank_assessment(dt.date(2026, 8, 1))
    audit.item("interpreters").rating = Rating.DEVELOPING
    audit.item("interpreters").owner = "Intake coordinator"
    save_assessment(audit, ws.audits_dir)
    before = sorted(p.name for p in ws.audits_dir.iterdir())
    notebook = _run(tmp_path, monkeypatch, {"workspace": str(ws.root)})
    outputs = _outputs(notebook)
    assert not [o for o in outputs if o.output_type == "error"]
    markdown = "\n".join(o.data.get("text/markdown", "") for o in outputs if "data" in o)
    assert "Audit of **2026-08-01**." in markdown and "| Developing |" in markdown
    forms = [o for o in outputs if WIDGET_VIEW in o.get("data", {})]
    assert len(forms) == 1
    assert set(forms[0].data) == {WIDGET_VIEW, "text/plain"}
    assert forms[0].data["text/plain"].startswith("(interactive self-assessment form")
    assert sorted(p.name for p in ws.audits_dir.iterdir()) == before
