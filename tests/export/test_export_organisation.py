"""Organisation-level exports (the systems-of-care audit): checked against every case in the store."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import nbformat
import pytest
from click.testing import CliRunner, Result
from nbformat.v4 import new_markdown_cell, new_notebook

from casekit.audit.assessment import Rating, blank_assessment
from casekit.audit.history import compare_assessments, save_assessment
from casekit.audit.plotdata import comparison_data, comparison_from_data
from casekit.cli import cli
from casekit.deid import Scrubber
from casekit.errors import AuditError, ExportGateError
from casekit.export import api, gate
from casekit.export.context import ORGANISATION, ExportContext
from casekit.workspace import Workspace
from tests.export.conftest import reviewed
from tests.export.test_export_leaks import _leaks
from tests.fictional import plain_case, stuffed_case
from tests.kernels import need_kernel


@pytest.fixture
def org_ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    """The example cases plus one stuffed with identifiers in every field, set as the CLI's workspace."""
    for name in ("CASEKIT_DB_URL", "CASEKIT_PASSPHRASE"):
        monkeypatch.delenv(name, raising=False)
    ws = Workspace.create(tmp_path / "ws", examples=True)
    with ws.open_store() as store:
        store.create(reviewed(stuffed_case("CK-0999"), store.fingerprint_secret("CK-0999")), author="tests")
    monkeypatch.setenv("CASEKIT_WORKSPACE", str(ws.root))
    return ws


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def _all_cases(ws: Workspace) -> list:
    with ws.open_store() as store:
        return [store.load(s.case_id).case for s in store.list_cases()]


class _BlindScrubber:
    """A scrubber with a bug: it changes nothing (so only the gate stands between a name and the file)."""

    def __init__(self) -> None:
        from casekit.deid import Report

        self.report = Report()

    def scrub(self, text: str, where: str = "text", **_kw: object) -> object:
        from casekit.deid import ScrubResult

        return ScrubResult(text, [], [])


def _org_run(ws: Workspace, text: str) -> Path:
    """An organisation run (as the runner writes one) whose markdown says ``text``."""
    nb = new_notebook(cells=[new_markdown_cell(text)])
    nb.metadata["casekit"] = {"workbook": "systems-audit", "scope": "organisation", "parameters": {}}
    path = ws.runs_dir / "organisation" / "systems-audit.ipynb"
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


# ---- the pieces, without a kernel ------------------------------------------------------------------


def test_one_scrubber_finds_every_cases_identifiers():
    """Does Scrubber.for_cases replace a name from any of the cases (not just the first) with 'a client'?"""
    one, two = plain_case("CK-0101"), stuffed_case("CK-0999")
    scrubber = Scrubber.for_cases([one, two], use_ner=False)
    text = scrubber.scrub("We met Odalys Brennick-Tamura and her sister Marisela Quintanar at CK-0101.").text
    assert "Odalys" not in text and "Marisela" not in text and "Quintanar" not in text
    assert "a client" in text and "CK-0101" in text


def test_organisation_context_has_a_year_only_header_and_scans_for_every_case():
    """Is the header title, scope and year only, and does the gate refuse any case's identifier?"""
    cases = [plain_case("CK-0101"), stuffed_case("CK-0999")]
    ctx = ExportContext.for_organisation(cases, session="2026-09-07", use_ner=False)
    assert ctx.case is None and ctx.scope == ORGANISATION and len(ctx.cases) == 2
    assert ctx.header() == {
        "scope": "organisation",
        "title": "Systems-of-care audit",
        "session": "Prepared in 2026",
        "footer": "Confidential · de-identified · for the organisation's own staff only",
    }
    with pytest.raises(ExportGateError) as info:
        gate.scan_output(b"<p>Marisela Quintanar called</p>", "html", ctx.cases, subject=ctx.subject)
    assert "Marisela" not in info.value.message and "household_name" in info.value.message
    assert "\n" not in info.value.message


def test_gate_refuses_an_organisation_export_the_scrubber_let_through():
    """If the scrubber missed a client's name, does the gate (scanning every case) still refuse?"""
    cases = [reviewed(plain_case("CK-0101")), reviewed(stuffed_case("CK-0999"))]
    ctx = ExportContext.for_organisation(cases, use_ner=False)
    ctx.scrubber = _BlindScrubber()
    nb = new_notebook(cells=[new_markdown_cell("Owner: Odalys Brennick-Tamura")])
    nb.metadata["casekit"] = {"workbook": "systems-audit", "scope": "organisation"}
    for fmt in ("html", "md"):
        with pytest.raises(ExportGateError, match="the organisation's systems-of-care audit: the"):
            api.export_notebook(nb, fmt, ctx)


def test_plot_data_reads_back_only_dates_ratings_and_ids():
    """Does the comparison plot's data round-trip, and is free text in it refused?"""
    spring, autumn = blank_assessment(dt.date(2026, 2, 1)), blank_assessment(dt.date(2026, 8, 1))
    autumn.items[0].rating = Rating.DEVELOPING
    data = comparison_data(compare_assessments(spring, autumn), by="item")
    comparison, by = comparison_from_data(data)
    assert by == "item" and comparison.previous_date == dt.date(2026, 2, 1)
    assert comparison.theme_scores == compare_assessments(spring, autumn).theme_scores
    for bad in ({**data, "by": "Odalys"}, {**data, "items": [{**data["items"][0], "id": "Odalys Brennick"}]}):
        with pytest.raises(AuditError):
            comparison_from_data(bad)


def test_locked_identifiers_refuse_the_organisation_export_in_one_line(org_ws: Workspace):
    """Without the workspace key, is `casekit export` of an organisation run refused, naming the fix,
    with nothing written?"""
    run = _org_run(org_ws, "Nothing about anyone.")
    org_ws.key_path.unlink()
    result = invoke("export", str(run))
    assert result.exit_code == 1
    message = result.output.strip()
    assert "\n" not in message and "locked" in message and "CASEKIT_PASSPHRASE" in message
    assert not (org_ws.exports_dir / "organisation").exists()


def test_cli_gate_refusal_writes_nothing(org_ws: Workspace, monkeypatch: pytest.MonkeyPatch):
    """With a scrubber that misses a client's name, does `casekit export` refuse in one line and write
    nothing at all?"""
    run = _org_run(org_ws, "Outreach owner: Marisela Quintanar.")
    monkeypatch.setattr(Scrubber, "for_cases", classmethod(lambda cls, cases, **kw: _BlindScrubber()))
    result = invoke("export", str(run), "--to", "html")
    assert result.exit_code == 1
    assert "nothing was written" in result.output and "Marisela" not in result.output
    assert not (org_ws.exports_dir / "organisation").exists()


# ---- real kernel: run and export ---------------------------------------------------------------------


@pytest.mark.kernel
@pytest.mark.slow
def test_run_and_export_the_audit_hold_no_identifier_of_any_case(org_ws: Workspace):
    """Does `casekit run systems-audit --export html --export pdf` write exports/organisation/ with no form
    of any identifier of any case (a client's name planted in the audit's notes and owner is scrubbed),
    an audit header, and the comparison plot as an image?"""
    need_kernel()
    cases = {c.meta.case_id: c for c in _all_cases(org_ws)}
    planted = cases["CK-0999"].identifiers
    # Dated after the example audits the example workspace's store holds, so these are the newest two.
    spring, autumn = blank_assessment(dt.date(2026, 10, 1)), blank_assessment(dt.date(2026, 11, 2))
    autumn.items[0].rating = Rating.DEVELOPING
    autumn.items[0].notes = f"{planted.legal_name} said the fees page was hard to find."
    autumn.items[0].owner = planted.household[0].name
    autumn.items[0].action = f"Call {planted.name_used} back about the fees page."
    save_assessment(spring, org_ws.audits_dir)
    save_assessment(autumn, org_ws.audits_dir)

    result = invoke("run", "systems-audit", "--export", "html", "--export", "pdf")
    assert result.exit_code == 0, result.output
    folder = org_ws.exports_dir / "organisation"
    assert sorted(p.name for p in folder.iterdir()) == [
        "systems-audit.html",
        "systems-audit.html.receipt.json",
        "systems-audit.pdf",
        "systems-audit.pdf.receipt.json",
    ]
    for path in folder.iterdir():
        if path.name.endswith(".receipt.json"):
            for case_id, case in cases.items():
                assert _leaks(path.read_bytes(), "md", case) == [], f"{path.name}: {case_id}"
            continue
        fmt = path.suffix.lstrip(".")
        data = path.read_bytes()
        for case_id, case in cases.items():
            assert _leaks(data, fmt, case) == [], f"{path.name}: {case_id}"
    html = (folder / "systems-audit.html").read_text()
    assert "<h1>Systems-of-care audit</h1>" in html and "Consultation summary" not in html
    assert "Prepared in 2026" in html and "Confidential." in html
    assert "a client said the fees page was hard to find" in html.replace("A client", "a client")
    # The comparison plot, re-drawn from its values; no image was left out.
    assert html.count("<img ") == 1 and html.count('src="data:image/png;base64,') == 1
    assert "left out" not in html
    assert "Cases counted: 7" in html and "<script" not in html


@pytest.mark.kernel
@pytest.mark.slow
def test_a_client_name_in_a_form_path_is_refused_before_anything_runs(org_ws: Workspace):
    """Is a form path that holds any case's client name refused in one line (naming the parameter, not
    the name), with no run written?"""
    need_kernel()
    name = _all_cases(org_ws)[0].identifiers.legal_name
    result = invoke("run", "systems-audit", "-p", "form_paths", f"/srv/forms/{name} intake.docx")
    assert result.exit_code == 1
    message = result.output.strip()
    assert "'form_paths'" in message and "a client's client_name" in message
    assert name not in message and name.split()[-1] not in message and "\n" not in message
    assert not (org_ws.runs_dir / "organisation").exists()
