"""Self-assessment audits in the case store: revisions, the conflict rule, and importing audit files."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from casekit.audit.assessment import Rating, blank_assessment
from casekit.audit.examples import example_assessments_dir
from casekit.audit.history import (
    IMPORT_AUTHOR,
    audit_log,
    load_assessment,
    previous_stored_assessment,
    save_assessment,
    stored_assessment,
    stored_dates,
)
from casekit.errors import AuditConflictError, StoreError
from casekit.workspace import Workspace

SPRING = dt.date(2026, 3, 2)
AUTUMN = dt.date(2026, 9, 7)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def workspace(request: pytest.FixtureRequest, tmp_path: Path) -> Workspace:
    """A new workspace whose store is a SQLite file, or a fresh PostgreSQL database named in casekit.toml."""
    if request.param == "sqlite":
        return Workspace.create(tmp_path / "ws")
    url = request.getfixturevalue("postgres_url")
    ws = Workspace.create(tmp_path / "ws", db_url=url)
    with ws.config_path.open("a", encoding="utf-8") as handle:
        handle.write(f'url = "{url}"\n')
    assert ws.db_url() == url
    return ws


def test_saved_audits_have_revisions_and_load_back(workspace: Workspace):
    """Does each save of an audit become a new revision, with the newest loaded by default, every earlier
    one still readable, and the dates listed oldest first?"""
    first = blank_assessment(SPRING)
    assert save_assessment(first, workspace).revision == 1
    changed = first.model_copy(deep=True)
    changed.items[0].rating = Rating.DEVELOPING
    changed.items[0].action = "Add a budget line."
    second = save_assessment(changed, workspace.root, based_on=1, author="Quality lead")
    assert (second.revision, second.author) == (2, "Quality lead")
    save_assessment(blank_assessment(AUTUMN), workspace.audits_dir)
    assert stored_assessment(workspace, SPRING).assessment == changed
    assert stored_assessment(workspace, SPRING, revision=1).assessment == first
    assert stored_assessment(workspace, dt.date(2026, 1, 1)) is None
    assert stored_dates(workspace) == [SPRING, AUTUMN]
    assert previous_stored_assessment(workspace, AUTUMN).assessment == changed
    assert previous_stored_assessment(workspace, SPRING) is None
    assert list(workspace.audits_dir.iterdir()) == []


def test_a_stale_save_is_refused_with_one_line_and_nothing_overwritten(workspace: Workspace):
    """When someone saved a date after the revision an edit started from, is the save refused (exit 4)
    with one line saying how to merge, and the stored audit left as it was?"""
    save_assessment(blank_assessment(SPRING), workspace)
    theirs = blank_assessment(SPRING)
    theirs.items[0].rating = Rating.ESTABLISHED
    save_assessment(theirs, workspace, based_on=1)
    mine = blank_assessment(SPRING)
    mine.items[1].rating = Rating.BEGINNING
    with pytest.raises(AuditConflictError) as refused:
        save_assessment(mine, workspace, based_on=1)
    assert refused.value.exit_code == 4
    assert refused.value.message == (
        "audit of 2026-03-02: someone saved revision 2 after the revision 1 you started from; open the "
        "stored audit, add your changes there and save again (nothing was overwritten)"
    )
    with pytest.raises(AuditConflictError):
        save_assessment(mine, workspace)  # a "new" audit of a date someone already saved
    stored = stored_assessment(workspace, SPRING)
    assert (stored.revision, stored.assessment) == (2, theirs)


def test_audit_revisions_cannot_be_changed_or_removed(workspace: Workspace):
    """Are stored audit revisions append-only (an UPDATE or DELETE is refused by the database)?"""
    save_assessment(blank_assessment(SPRING), workspace)
    for statement in ("UPDATE casekit_audits SET author = 'someone'", "DELETE FROM casekit_audits"):
        with (
            workspace.open_store() as store,
            pytest.raises((StoreError, DBAPIError)),
            store.transaction("changing an audit", write=True) as conn,
        ):
            conn.execute(text(statement))
    assert stored_assessment(workspace, SPRING).revision == 1


def test_audit_files_are_imported_exactly_once(workspace: Workspace):
    """Are audit files left in audits/ by an older casekit imported into the store the first time the
    audits are opened, moved to audits/imported/, and never imported a second time?"""
    for name in ("2026-03-02.json", "2026-09-07.json"):
        shutil.copy(example_assessments_dir() / name, workspace.audits_dir / name)
    expected = load_assessment(workspace.audits_dir / "2026-09-07.json")
    assert stored_dates(workspace) == [SPRING, AUTUMN]
    assert sorted(p.name for p in workspace.audits_dir.iterdir()) == ["imported"]
    imported = workspace.audits_dir / "imported"
    assert sorted(p.name for p in imported.iterdir()) == ["2026-03-02.json", "2026-09-07.json"]
    # A copy put back (or an import cut short before the move) adds no second revision.
    shutil.copy(imported / "2026-09-07.json", workspace.audits_dir / "2026-09-07.json")
    stored = stored_assessment(workspace, AUTUMN)
    assert (stored.revision, stored.author, stored.assessment) == (1, IMPORT_AUTHOR, expected)
    with audit_log(workspace) as log:
        history = log.history(AUTUMN)
    assert [(r.revision, r.note) for r in history] == [(1, "imported from audits/2026-09-07.json")]
    assert not (workspace.audits_dir / "2026-09-07.json").exists()


def test_an_edited_audit_file_is_imported_as_a_new_revision(workspace: Workspace):
    """Is an audit file whose date is already stored, but with different content, kept as a new
    revision on top of the stored one (nothing lost either way)?"""
    save_assessment(blank_assessment(SPRING), workspace)
    edited = blank_assessment(SPRING)
    edited.items[0].rating = Rating.ESTABLISHED
    (workspace.audits_dir / "2026-03-02.json").write_text(edited.model_dump_json(), encoding="utf-8")
    stored = stored_assessment(workspace, SPRING)
    assert (stored.revision, stored.assessment) == (2, edited)
    assert stored_assessment(workspace, SPRING, revision=1).assessment == blank_assessment(SPRING)


def test_the_example_workspace_has_the_example_audits_in_its_store(tmp_path: Path):
    """Does a workspace made with the examples have the fictional example audits in its store (and
    no audit files)?"""
    ws = Workspace.create(tmp_path / "ws", examples=True)
    assert stored_dates(ws) == [SPRING, AUTUMN]
    assert stored_assessment(ws, AUTUMN).assessment == load_assessment(
        example_assessments_dir() / "2026-09-07.json"
    )
    assert list(ws.audits_dir.iterdir()) == []
