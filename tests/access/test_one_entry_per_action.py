"""One user action, one entry: does the access log say what a person did once, not once per read?"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from casekit.access import actions
from casekit.errors import RevisionConflictError
from casekit.store import CaseStore, access_log
from tests.access.conftest import Opener
from tests.fictional import plain_case

CASE = "CK-0101"


def _new_entries(store: CaseStore, before: int) -> list[tuple[str, str | None, int | None]]:
    return [(e.action, e.case_id, e.revision) for e in access_log.entries(store) if e.seq > before]


def _head(store: CaseStore) -> int:
    return access_log.entries(store)[-1].seq


@pytest.fixture
def ana(open_as: Opener):
    """Ana, the owner, with a case of two revisions, her store open."""
    with open_as("ana") as store:
        store.create(plain_case(CASE), author="Presenter A")
        first = store.load(CASE).case
        store.save(first, based_on=1, author="Presenter A", note="second look")
        yield store


def test_opening_a_case_is_one_entry(ana: CaseStore):
    """Does opening a case leave exactly one "decrypted" entry?"""
    before = _head(ana)
    ana.load(CASE)
    assert _new_entries(ana, before) == [("decrypted", CASE, 2)]


def test_saving_and_saving_an_edited_copy_are_one_entry_each(ana: CaseStore):
    """Does a save leave one "changed" entry, and saving back an edited copy (which reads its base and
    the newest revision) one "imported" entry and no separate reads?"""
    case = ana.load(CASE).case
    before = _head(ana)
    ana.save(case, based_on=2, author="Presenter A")
    assert _new_entries(ana, before) == [("changed", CASE, 3)]
    before = _head(ana)
    ana.save_edit(case, based_on=3, author="Presenter A", imported=True)
    assert _new_entries(ana, before) == [("imported", CASE, 4)]


def test_restoring_is_one_entry_and_a_refused_restore_still_logs_its_read(ana: CaseStore):
    """Is a restore one "restored" entry, and does a restore refused after reading the old revision
    (someone saved meanwhile) still say the case was decrypted?"""
    before = _head(ana)
    ana.restore(CASE, 1, based_on=2, author="Presenter A")
    assert _new_entries(ana, before) == [("restored", CASE, 3)]
    before = _head(ana)
    with pytest.raises(RevisionConflictError):
        ana.restore(CASE, 1, based_on=2, author="Presenter A")
    assert _new_entries(ana, before) == [("decrypted", CASE, 1)]


def test_sharing_is_one_entry(ana: CaseStore):
    """Does sharing a snapshot (which reads and renders the case) leave one "shared" entry?"""
    before = _head(ana)
    actions.share_case(ana, CASE, session="2026-03-16", recipients=["mia"], use_ner=False)
    assert [e[0] for e in _new_entries(ana, before)] == ["shared"]


def test_a_case_export_is_one_entry(ana: CaseStore, store_url: str, people, tmp_path: Path, monkeypatch):
    """Does `casekit export --case` (which opens the case, then writes the summary) leave one
    "exported" entry?"""
    from casekit.cli import cli
    from casekit.workspace import Workspace

    for name in ("CASEKIT_WORKSPACE", "CASEKIT_DB_URL", "CASEKIT_PASSPHRASE"):
        monkeypatch.delenv(name, raising=False)
    ws = Workspace.create(tmp_path / "ws")
    env = {
        "CASEKIT_WORKSPACE": str(ws.root),
        "JUPYTERHUB_USER": "ana",
        "JUPYTERHUB_API_TOKEN": "test-token",
        "CASEKIT_IDENTITY": str(people["ana"].home / "identity"),
    }
    before = _head(ana)
    args = ["--db", store_url, "export", "--case", CASE, "--to", "md", "-o", str(tmp_path / "out")]
    result = CliRunner().invoke(cli, args, env=env)
    assert result.exit_code == 0, result.output
    assert _new_entries(ana, before) == [("exported", CASE, None)]
