"""Section 2 of the systems-audit workbook: the live self-assessment form beside the static table."""

from __future__ import annotations

import datetime as dt

import pytest

from casekit.audit.assessment import Rating, blank_assessment
from casekit.audit.history import save_assessment, stored_assessment
from casekit.workspace import Workspace
from tests.audit.test_audit_workbook import _outputs, _run

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


@pytest.mark.kernel
@pytest.mark.slow
@pytest.mark.parametrize("headless", [True, False], ids=["runner", "plain-papermill"])
def test_a_headless_run_keeps_the_static_table_and_writes_no_audit(tmp_path, monkeypatch, headless):
    """Run by papermill in a real workspace, does section 2 still show the stored audit as Markdown,
    with no form under casekit's runner (CASEKIT_HEADLESS) and at most a widget output with a plain
    fallback otherwise, leaving the audits folder alone?"""
    if headless:
        monkeypatch.setenv("CASEKIT_HEADLESS", "1")
    else:
        monkeypatch.delenv("CASEKIT_HEADLESS", raising=False)
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
    assert "Audit of **2026**." in markdown and "| Developing |" in markdown
    forms = [o for o in outputs if WIDGET_VIEW in o.get("data", {})]
    assert len(forms) == (0 if headless else 1)
    for form in forms:
        assert set(form.data) == {WIDGET_VIEW, "text/plain"}
        assert form.data["text/plain"].startswith("(interactive self-assessment form")
    assert sorted(p.name for p in ws.audits_dir.iterdir()) == before
    assert stored_assessment(ws, audit.date).revision == 1
