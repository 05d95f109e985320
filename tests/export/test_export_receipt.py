"""Does every export write a receipt beside it that says what was done, in counts, never in text?"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from casekit.errors import ExportGateError
from casekit.export import api
from casekit.export.context import ExportContext
from casekit.export.receipt import receipt_name
from casekit.model import Entry, Voice
from tests.export.conftest import SECRET, reviewed
from tests.export.test_export_leaks import _leaks
from tests.fictional import plain_case, stuffed_case


def _export(case, fmt: str = "md") -> api.Export:
    return api.export_case(case, fmt, session="2026-05-04", secret=SECRET)


def _receipt(out: Path, export: api.Export) -> dict:
    return json.loads((out / receipt_name(export.filename)).read_text(encoding="utf-8"))


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_every_export_writes_a_receipt_with_the_files_hash(tmp_path: Path, fmt: str):
    """Is a receipt written beside the export, naming the reviewer and the exported file's SHA-256?"""
    case = reviewed(stuffed_case())
    export = _export(case, fmt)
    (path,) = api.write_exports([export], tmp_path)
    got = _receipt(tmp_path, export)
    assert got["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert got["export"] == path.name and got["format"] == fmt
    assert got["reviewer"] == case.meta.clinician_alias and got["case"] == case.meta.case_id
    assert got["removed"] and all(isinstance(n, int) and n > 0 for n in got["removed"].values())
    assert any("Removed" in line for line in got["in_words"])


def test_receipt_holds_no_form_of_any_identifier(tmp_path: Path):
    """Does the receipt of a case stuffed with identifiers hold none of them, in any form?"""
    from casekit.deid import scan_for_identifiers
    from casekit.deid.forms import known_forms
    from casekit.deid.text import fold

    case = reviewed(stuffed_case())
    exports = [_export(case, fmt) for fmt in ("md", "html")]
    api.write_exports(exports, tmp_path)
    for export in exports:
        data = (tmp_path / receipt_name(export.filename)).read_bytes()
        text = fold(data.decode("utf-8")).lower()
        for form in known_forms(case.identifiers):
            if not form.wordlike:
                assert fold(form.text).lower() not in text, form.category
        assert scan_for_identifiers(data, case.identifiers) == []
        assert _leaks(data, "md", case) == []


def test_receipt_counts_kept_spans_by_whose_decision(tmp_path: Path):
    """When the presenter kept flagged spans, does the receipt count them and name the presenter's review?"""
    from casekit.model import ReviewDecision

    case = plain_case()
    # A capitalised word name recognition is unsure of: the presenter knows it is a place and keeps it.
    case.identity.supports = [Entry(text="She goes to Oakhurst on weekends.", voice=Voice.CLIENT)]
    export = _export(reviewed(case, decision=ReviewDecision.KEEP))
    api.write_exports([export], tmp_path)
    kept = _receipt(tmp_path, export)["kept"]
    assert kept and sum(k["count"] for k in kept) >= 1
    assert all(k["decided_by"] == "the presenter's review (Presenter A)" for k in kept)
    assert "Oakhurst" not in (tmp_path / receipt_name(export.filename)).read_text(encoding="utf-8")


def test_receipt_lists_the_details_that_remain_and_warns_when_they_combine(tmp_path: Path):
    """Does a summary saying 'a Somali taxi driver of eleven years' in 'a small community' get a warning
    that lists the kinds by count, without the phrases themselves?"""
    case = plain_case()
    case.identity.self_description = Entry(
        text="A Somali taxi driver of eleven years who arrived in 2009", voice=Voice.CLIENT
    )
    case.identity.supports = [Entry(text="The local Somali community is small.", voice=Voice.CLIENT)]
    export = _export(reviewed(case))
    api.write_exports([export], tmp_path)
    got = _receipt(tmp_path, export)
    remain = got["details_that_remain"]
    assert {"occupation", "origin", "arrival", "community"} <= set(remain)
    assert remain["origin"] >= 2
    assert got["combination_warning"] is True and got["combination_threshold"] == 3
    raw = (tmp_path / receipt_name(export.filename)).read_text(encoding="utf-8")
    for phrase in ("Somali", "taxi", "2009", "eleven"):
        assert phrase not in raw


def test_receipt_without_combined_details_gives_no_warning(tmp_path: Path):
    """Does the plain case (a baker who sings in a choir) get a receipt without the combination warning?"""
    export = _export(reviewed(plain_case()))
    api.write_exports([export], tmp_path)
    got = _receipt(tmp_path, export)
    assert got["combination_warning"] is False
    assert len(got["details_that_remain"]) < 3


def test_receipt_passes_the_same_gate_as_the_export():
    """Is a receipt that would name the client (a run file named after her) refused like an export?"""
    case = reviewed(stuffed_case())
    ctx = ExportContext.for_case(case, secret=SECRET)
    leaky = api.Export(
        f"{case.meta.case_id}-{case.identifiers.legal_name.replace(' ', '_')}", "md", b"# ok\n"
    )
    with pytest.raises(ExportGateError, match="receipt"):
        api.gated_receipt(leaky, ctx)


def test_packet_index_gets_a_receipt_too(tmp_path: Path):
    """Does a page made from no case text (a packet's index) still get a receipt with its hash?"""
    index = api.index_page("north-team", "2026-05-04", [], "md")
    (path,) = api.write_exports([index], tmp_path)
    got = _receipt(tmp_path, index)
    assert got["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert got["scope"] == "index" and got["removed"] == {} and got["reviewer"] is None


def test_export_command_warns_when_details_combine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Does `casekit export` say, on stderr, when the summary's details combine (without quoting them)?"""
    from click.testing import CliRunner

    from casekit.cli import cli
    from casekit.workspace import Workspace

    root = tmp_path / "ws"
    ws = Workspace.create(root)
    case = plain_case()
    case.identity.self_description = Entry(
        text="A Somali taxi driver of eleven years who arrived in 2009", voice=Voice.CLIENT
    )
    with ws.open_store() as store:
        store.create(case, author="Presenter A")
        secret = store.fingerprint_secret(case.meta.case_id)
    with ws.open_store() as store:
        record = store.load(case.meta.case_id)
        store.save(reviewed(record.case, secret), based_on=record.revision, author="Presenter A")
    monkeypatch.setenv("CASEKIT_WORKSPACE", str(root))
    monkeypatch.delenv("CASEKIT_DB_URL", raising=False)
    monkeypatch.delenv("CASEKIT_PASSPHRASE", raising=False)
    result = CliRunner().invoke(cli, ["export", "--case", "CK-0101", "--to", "md", "-o", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    assert "CK-0101-summary.md: Several details that could point to one person" in result.stderr
    assert "Somali" not in result.stderr and "taxi" not in result.stderr
