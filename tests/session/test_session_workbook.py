"""The consultation-session workbook and the static renderings it leaves behind."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import nbformat
import papermill
import pytest

from casekit.errors import SessionError
from casekit.model import PrivateIdentifiers
from casekit.resources import notebooks_dir
from casekit.session.live import LiveSession
from casekit.session.log import session_record
from casekit.session.render import record_html, record_markdown, relative
from casekit.session.session_workbook import (
    NOTEBOOK_NAME,
    build_notebook,
    parse_session_date,
    static_record_html,
)
from casekit.workspace import Workspace
from tests.fictional import session_case
from tests.kernels import need_kernel
from tests.session.helpers import CASE_ID, SESSION_DATE

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = notebooks_dir() / NOTEBOOK_NAME
HOSTILE = "<script>alert('x')</script> *bold* [link](http://e.example) | pipe"


def _hold_session(store) -> None:
    fac = LiveSession(store, CASE_ID, SESSION_DATE, alias="Facilitator C", role="facilitator")
    fac.set_up(
        [{"alias": "Facilitator C", "role": "facilitator"}, {"alias": "Member B", "lens": "community"}]
    )
    fac.start()
    member = LiveSession(store, CASE_ID, SESSION_DATE, alias="Member B")
    member.contribute("question", HOSTILE)
    while fac.stage.value != "action_plan":
        fac.advance()
    fac.add_action(
        "reading",
        "Read one piece on " + HOSTILE,
        owner="Member B",
        review_date=SESSION_DATE + dt.timedelta(weeks=2),
    )
    fac.set_follow_up(SESSION_DATE + dt.timedelta(days=10))


def test_committed_notebook_is_the_built_one_with_no_outputs():
    """Is the committed workbook exactly what build_notebook writes, with no outputs or widget state?"""
    committed = nbformat.read(NOTEBOOK, as_version=4)
    assert committed == build_notebook(), "run `python -m casekit.session.session_workbook` to rebuild it"
    assert "widgets" not in committed.metadata
    assert all(not c.get("outputs") for c in committed.cells if c.cell_type == "code")


def test_parameters_are_ids_dates_alias_and_role_and_code_is_hidden():
    """Is there one parameters cell with case_id, workspace, session_date, member_alias and role, and is
    every code cell hidden (the parameters too, as in every workbook)?"""
    notebook = build_notebook()
    params = [c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1
    names = {ln.split("=")[0].strip() for ln in params[0].source.splitlines() if "=" in ln and ln[0] != "#"}
    assert names == {"case_id", "workspace", "session_date", "member_alias", "role"}
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.metadata["jupyter"]["source_hidden"] is True
            assert "hide-input" in cell.metadata["tags"]


def test_renderings_escape_what_people_typed_and_show_no_calendar_dates(store):
    """Do the HTML and Markdown records escape markup, show the year only and dates as distances?"""
    _hold_session(store)
    record = session_record(store, CASE_ID, SESSION_DATE)
    page = record_html(record)
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "2026-03" not in page and "(2026)" in page
    assert "2 weeks after the session" in page and "10 days after the session" in page
    md = record_markdown(record)
    assert "<script>" not in md and "\\*bold\\*" in md and "\\[link\\]" in md and "\\| pipe" in md
    assert "2026-03" not in md


def test_static_record_says_when_nothing_is_recorded(store):
    """Before anyone writes, does the static record say nothing is recorded (year only)?"""
    assert "Nothing has been recorded yet" in static_record_html(store, CASE_ID, SESSION_DATE)


def test_relative_dates_and_session_date_parameter():
    """Are dates shown as distances, and is a bad session_date refused with the format to use?"""
    assert relative(SESSION_DATE, SESSION_DATE) == "the day of the session"
    assert relative(SESSION_DATE + dt.timedelta(days=7), SESSION_DATE) == "1 week after the session"
    assert relative(SESSION_DATE - dt.timedelta(days=3), SESSION_DATE) == "3 days before the session"
    assert parse_session_date("2026-03-02") == SESSION_DATE
    with pytest.raises(SessionError, match="YYYY-MM-DD"):
        parse_session_date("2 March")


@pytest.mark.kernel
@pytest.mark.slow
def test_workbook_runs_with_papermill_and_leaves_a_static_record(tmp_path, monkeypatch):
    """Run non-interactively, does the workbook show the live view and leave an escaped static record
    of the session, with no calendar date in its outputs?"""
    need_kernel()
    ws = Workspace.create(tmp_path / "ws")
    case = session_case()
    case.identifiers = PrivateIdentifiers(legal_name="Oriane Vasquez-Thibodeaux", name_used="Oriwen")
    with ws.open_store() as store:
        store.create(case, author="Presenter A")
        _hold_session(store)
        slip = LiveSession(store, CASE_ID, SESSION_DATE, alias="Member B")
        slip.contribute("note", "Oriwen's choir sounds like her real family.")  # a name typed by mistake
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    monkeypatch.delenv("CASEKIT_DB_URL", raising=False)
    out = tmp_path / "run.ipynb"
    papermill.execute_notebook(
        str(NOTEBOOK),
        str(out),
        parameters={
            "case_id": CASE_ID,
            "workspace": str(ws.root),
            "session_date": SESSION_DATE.isoformat(),
            "member_alias": "Member B",
            "role": "member",
        },
        kernel_name="python3",
        progress_bar=False,
        cwd=str(tmp_path),
    )
    notebook = nbformat.read(out, as_version=4)
    outputs = [o for c in notebook.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    htmls = [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    assert any("ck-session-record" in h and "&lt;script&gt;" in h for h in htmls)
    assert any("Read one piece on" in h for h in htmls)  # the action plan is in the record
    assert any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in outputs)
    assert not any(o.get("output_type") == "error" for o in outputs)
    assert all("2026-03-02" not in h and "<script>" not in h for h in htmls)
    assert any("choir sounds like her real family" in h for h in htmls)
    assert all("Oriwen" not in h and "Oriane" not in h for h in htmls), "the record must be de-identified"


def test_deidentified_record_replaces_names_in_contributions_and_actions(store):
    """Does deidentify_record scrub a client's name from contributions and action items, leaving the
    stored record untouched?"""
    from casekit.deid import Scrubber
    from casekit.session.record_deid import deidentify_record

    _hold_session(store)
    member = LiveSession(store, CASE_ID, SESSION_DATE, alias="Member B")
    member.contribute("note", "Oriwen said the choir is her family.")
    member.add_action("repair", "Apologise to Oriwen for the missed question", owner="Presenter A")
    record = session_record(store, CASE_ID, SESSION_DATE)
    clean = deidentify_record(record, Scrubber(PrivateIdentifiers(name_used="Oriwen"), use_ner=False))
    texts = [c.text.text for c in clean.contributions] + [a.text.text for a in clean.actions]
    assert not any("Oriwen" in t for t in texts)
    assert any("the choir is her family" in t for t in texts)
    assert any("Oriwen" in c.text.text for c in record.contributions), "the stored record is unchanged"


def test_an_action_plan_stage_points_to_the_plan_rather_than_saying_nothing(store):
    """When steps were agreed but nobody wrote a note in that stage, does the record say where they are?"""
    _hold_session(store)
    record = session_record(store, CASE_ID, SESSION_DATE)
    assert record.actions
    for rendering in (record_html(record), record_markdown(record)):
        assert "The steps agreed in this stage are in the action plan below" in rendering
        assert "Kind" in rendering and "Status" in rendering
