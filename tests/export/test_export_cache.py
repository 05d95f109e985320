"""Is a kept export reused only while nothing that decides it changed, and is nothing identifying kept?"""

from __future__ import annotations

import stat
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from casekit.errors import ExportGateError
from casekit.export import api, cache
from casekit.export.context import ExportContext
from casekit.model import DeidDecision, ReviewDecision
from casekit.workspace import Workspace
from tests.fictional import IDENTIFIERS


def _run(workspace: Path, case_id: str = "CK-0101", note: str = "The choir meets on Thursdays.") -> Path:
    """A small run of ``case_id`` under the workspace's runs/ folder, with a rich output and its fallback."""
    nb = new_notebook(
        cells=[
            new_markdown_cell("## What the presenter brought"),
            new_code_cell(
                "show()",
                outputs=[
                    new_output(
                        "display_data",
                        data={"text/html": f"<p>{note}</p>", "text/plain": "<Static at 0x7f27a2961ed0>"},
                    )
                ],
            ),
        ]
    )
    params = {"case_id": case_id}
    nb.metadata["casekit"] = {"case_id": case_id, "workbook": "case-review", "parameters": params}
    path = workspace / "runs" / case_id / "case-review.ipynb"
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


class _Fresh:
    """Counts the exports made afresh (each builds a scrubber through ExportContext.for_case)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        original = ExportContext.for_case.__func__

        def counted(cls, *args, **kwargs):
            self.count += 1
            return original(cls, *args, **kwargs)

        monkeypatch.setattr(ExportContext, "for_case", classmethod(counted))


def _kept_files(workspace: Path, *, receipts: bool = False) -> list[Path]:
    """The kept exports (with ``receipts``, their receipts too)."""
    folder = cache.cache_dir(workspace / ".casekit")
    files = sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []
    return [p for p in files if receipts or not p.name.endswith(cache.RECEIPT_SUFFIX)]


def _save(workspace: Path, change) -> None:
    with Workspace.find(workspace).open_store() as store:
        record = store.load("CK-0101")
        case = record.case
        change(case)
        store.save(case, based_on=record.revision, author="tests")


def test_second_export_of_an_unchanged_run_is_the_kept_one(workspace: Path, monkeypatch: pytest.MonkeyPatch):
    """Is the same run of the same revision exported once, and handed back byte for byte after that?"""
    fresh = _Fresh(monkeypatch)
    run = _run(workspace)
    first = api.export_run(run, "html", workspace=workspace)
    second = api.export_run(run, "html", workspace=workspace)
    assert fresh.count == 1
    assert second == first
    assert len(_kept_files(workspace)) == 1


def test_a_rerun_that_differs_only_in_a_plain_fallback_reuses_the_kept_export(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
):
    """Does a plain-text fallback the export never shows (an object's memory address) leave the key alone?"""
    fresh = _Fresh(monkeypatch)
    run = _run(workspace)
    api.export_run(run, "html", workspace=workspace)
    text = run.read_text().replace("0x7f27a2961ed0", "0x7f4ae126eb90")
    run.write_text(text)
    api.export_run(run, "html", workspace=workspace)
    assert fresh.count == 1


def test_new_revision_is_exported_afresh(workspace: Path, monkeypatch: pytest.MonkeyPatch):
    """After the case is saved again (a new revision), is the kept export of the old one left unused?"""
    fresh = _Fresh(monkeypatch)
    run = _run(workspace)
    api.export_run(run, "html", workspace=workspace)
    question = "How do I raise the fee gently?"
    _save(workspace, lambda case: setattr(case.consultation_question, "text", question))
    api.export_run(run, "html", workspace=workspace)
    assert fresh.count == 2


def test_new_review_decision_is_exported_afresh(workspace: Path, monkeypatch: pytest.MonkeyPatch):
    """Does a presenter's new decision on a flagged span make the next export a fresh one?"""
    fresh = _Fresh(monkeypatch)
    run = _run(workspace)
    api.export_run(run, "html", workspace=workspace)
    decision = DeidDecision(fingerprint="0" * 64, category="person", decision=ReviewDecision.KEEP)
    _save(workspace, lambda case: case.deid_decisions.append(decision))
    api.export_run(run, "html", workspace=workspace)
    assert fresh.count == 2


def test_changed_run_or_session_is_exported_afresh(workspace: Path, monkeypatch: pytest.MonkeyPatch):
    """Is a run whose shown text changed, or an export for another session year, made afresh?"""
    fresh = _Fresh(monkeypatch)
    run = _run(workspace)
    api.export_run(run, "html", workspace=workspace)
    _run(workspace, note="The choir meets on Fridays.")
    api.export_run(run, "html", workspace=workspace)
    api.export_run(run, "html", workspace=workspace, session="2025-03-01")
    assert fresh.count == 3


def test_changed_code_or_keep_list_changes_the_key(workspace: Path, monkeypatch: pytest.MonkeyPatch):
    """Does the key cover casekit's de-identification code (its kept-word lists) and a changed code hash?"""
    from casekit.deid import lexicon

    assert Path(lexicon.__file__).resolve() in cache.code_files()
    with Workspace.find(workspace).open_store() as store:
        case = store.load("CK-0101").case
    nb = nbformat.read(_run(workspace), as_version=4)
    before = cache.export_key(nb, "html", case, 1, "Prepared in 2026", b"k")
    monkeypatch.setattr(cache, "code_fingerprint", lambda: "another casekit")
    assert cache.export_key(nb, "html", case, 1, "Prepared in 2026", b"k") != before


def test_a_word_kept_for_every_case_makes_exports_and_kept_scrubs_afresh(workspace: Path):
    """When the workspace keep-list changes, are a kept export and kept scrubs no longer handed back?"""
    from casekit.kept import KeptScrubber

    ws = Workspace.find(workspace)
    with ws.open_store() as store:
        record = store.load("CK-0101")
        secret = store.fingerprint_secret("CK-0101")
    run = _run(workspace)
    first = api.export_run(run, "html", workspace=workspace)
    assert first.data == api.export_run(run, "html", workspace=workspace).data
    kept_files = sorted(ws.private_dir.rglob("*.html"))
    ws.add_to_keep_list(["Oshun"])
    api.export_run(run, "html", workspace=workspace)
    assert len(sorted(ws.private_dir.rglob("*.html"))) == len(kept_files) + 1  # a new key, kept anew
    keys = set()
    for keep in ([], ["Oshun"]):
        scrubber = KeptScrubber.for_case(record.case, use_ner=False, secret=secret, keep_list=keep)
        scrubber.keep_in(ws.private_dir, record.case, secret, use_ner=False)
        keys.add(scrubber._chain)
    assert len(keys) == 2


def test_kept_exports_hold_nothing_identifying_in_clear(workspace: Path):
    """Are kept exports private files whose names and bytes carry none of the case's identifiers?"""
    api.export_run(_run(workspace), "html", workspace=workspace)
    api.export_run(_run(workspace), "md", workspace=workspace)
    kept = _kept_files(workspace, receipts=True)
    assert len(kept) == 4  # two exports, each with its receipt
    ids = IDENTIFIERS
    secrets = [*ids.legal_name.split(), ids.name_used, *ids.phones, *ids.emails, *ids.employers]
    for path in kept:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
        data = path.read_bytes().decode("utf-8").casefold()
        for secret in secrets:
            assert secret.casefold() not in data and secret.casefold() not in str(path).casefold()


def test_tampered_kept_export_is_refused_by_the_gate(workspace: Path):
    """If a kept export is changed to hold a client's name, does the gate refuse to hand it back?"""
    run = _run(workspace)
    api.export_run(run, "html", workspace=workspace)
    (path,) = _kept_files(workspace)
    path.write_text(path.read_text().replace("</main>", f"<p>{IDENTIFIERS.legal_name}</p></main>"))
    with pytest.raises(ExportGateError):
        api.export_run(run, "html", workspace=workspace)


def test_reuse_false_exports_afresh_and_keeps_nothing(workspace: Path, monkeypatch: pytest.MonkeyPatch):
    """With reuse=False, is every export made afresh and nothing kept?"""
    fresh = _Fresh(monkeypatch)
    run = _run(workspace)
    api.export_run(run, "html", workspace=workspace, reuse=False)
    api.export_run(run, "html", workspace=workspace, reuse=False)
    assert fresh.count == 2 and _kept_files(workspace) == []


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_the_kept_export_is_the_fresh_one_with_its_receipt_and_passes_the_gate(workspace: Path, fmt: str):
    """Is a kept export byte for byte what a fresh export gives, with the same receipt (not an empty
    one), and does it pass the gate's final checks for its case?"""
    from casekit.export import gate
    from casekit.export.locate import load_case_revision

    run = _run(workspace, note="Maren Quist said the choir helps.")
    fresh = api.export_run(run, fmt, workspace=workspace, reuse=False)
    api.export_run(run, fmt, workspace=workspace)  # kept
    kept = api.export_run(run, fmt, workspace=workspace)
    assert (kept.data, kept.receipt) == (fresh.data, fresh.receipt)
    assert b'"scope": "case"' in kept.receipt and b'"case": "CK-0101"' in kept.receipt
    case, _revision, _secret = load_case_revision(Workspace.find(workspace), "CK-0101")
    gate.recheck(kept.data, fmt, case)
    gate.scan_output(kept.receipt, "md", case)


def test_a_kept_export_whose_receipt_is_missing_or_not_its_own_is_exported_afresh(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
):
    """If a kept export's receipt is gone, or is another export's, is the export made afresh with its own?"""
    fresh = _Fresh(monkeypatch)
    run = _run(workspace)
    first = api.export_run(run, "html", workspace=workspace)
    (receipt,) = [p for p in _kept_files(workspace, receipts=True) if p.name.endswith(cache.RECEIPT_SUFFIX)]
    receipt.unlink()
    again = api.export_run(run, "html", workspace=workspace)
    assert fresh.count == 2 and again.receipt == first.receipt
    receipt.write_bytes(receipt.read_bytes().replace(b'"sha256": "', b'"sha256": "0'))
    api.export_run(run, "html", workspace=workspace)
    assert fresh.count == 3


def test_a_receipt_changed_to_hold_a_name_is_refused_by_the_gate(workspace: Path):
    """If a kept receipt is changed to hold a client's name, does the gate refuse to hand it back?"""
    run = _run(workspace)
    api.export_run(run, "html", workspace=workspace)
    (receipt,) = [p for p in _kept_files(workspace, receipts=True) if p.name.endswith(cache.RECEIPT_SUFFIX)]
    named = f'"{IDENTIFIERS.legal_name}": 1, "receipt_version"'
    receipt.write_text(receipt.read_text().replace('"receipt_version"', named))
    with pytest.raises(ExportGateError):
        api.export_run(run, "html", workspace=workspace)


def test_only_the_newest_revision_and_keep_list_are_served_from_the_cache(workspace: Path):
    """After a new revision, and after a change to the keep-list, does the export show what a fresh
    export of the newest state shows, never the kept one of before?"""
    from casekit.model.case import HouseholdMember

    def fresh() -> bytes:
        return api.export_run(run, "html", workspace=workspace, reuse=False).data

    run = _run(workspace, note="Maren Quist said the Oshun festival helps.")
    before = api.export_run(run, "html", workspace=workspace)
    assert before.data == api.export_run(run, "html", workspace=workspace).data  # kept from here on
    assert b"Person A said" in before.data and b"Oshun" not in before.data
    sister = HouseholdMember(relation="sister", name="Maren Quist")
    _save(workspace, lambda case: case.identifiers.household.append(sister))
    after_revision = api.export_run(run, "html", workspace=workspace)
    assert b"Person A said" not in after_revision.data  # she is the client's sister now
    assert after_revision.data == fresh()
    Workspace.find(workspace).add_to_keep_list(["Oshun"])
    after_keep = api.export_run(run, "html", workspace=workspace)
    assert b"Oshun festival" in after_keep.data and after_keep.data == fresh()
