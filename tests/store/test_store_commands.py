"""``casekit store upgrade/backup/restore``: is a store upgraded only after a backup, and does a backup
taken while the store is in use restore into a new workspace with every revision?"""

from __future__ import annotations

import shutil
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import text

from casekit.cli import cli
from casekit.store import CaseStore, KeyFile, migrations
from casekit.store.backup import inspect_backup
from casekit.workspace import Workspace
from tests.fictional import make_case
from tests.store import release_fixture
from tests.store.release_fixture import LATER_REVISION, later_revision  # noqa: F401 - a fixture
from tests.store.store_helpers import raw_engine

Run = Callable[..., Result]


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch) -> Run:
    """Run ``casekit ARGS...``; returns click's Result (stdout and stderr apart)."""
    monkeypatch.delenv("CASEKIT_DB_URL", raising=False)
    monkeypatch.delenv("CASEKIT_PASSPHRASE", raising=False)
    monkeypatch.delenv("CASEKIT_WORKSPACE", raising=False)

    def invoke(*args: str) -> Result:
        return CliRunner().invoke(cli, list(args), catch_exceptions=False)

    return invoke


def _release_workspace(root: Path) -> Workspace:
    """A workspace whose store and key are casekit 0.1.0's fixture store and key."""
    ws = Workspace.create(root)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{ws.db_path}{suffix}").unlink(missing_ok=True)
    release_fixture.load_sqlite(ws.db_path)
    shutil.copyfile(release_fixture.KEY, ws.key_path)
    return ws


def _upgraded_release_workspace(root: Path) -> Workspace:
    """A workspace with casekit 0.1.0's fixture store and key, upgraded to this casekit's tables."""
    ws = _release_workspace(root)
    migrations.upgrade_store(ws.db_url())
    return ws


def _everything(ws: Workspace) -> dict[str, object]:
    """Every revision of every case (content and identifiers) and every session event."""
    with ws.open_store() as store:
        read = release_fixture.read_back(store)
        read["content"] = {
            s.case_id: [
                store.load(s.case_id, info.revision).case.model_dump_json()
                for info in store.history(s.case_id)
            ]
            for s in store.list_cases()
        }
    return read


def _backups(ws: Workspace) -> list[Path]:
    return sorted(ws.root.glob("cases-backup-*.db"))


@pytest.mark.usefixtures("later_revision")
def test_upgrade_backs_the_store_up_first_then_keeps_every_revision(tmp_path: Path, run: Run):
    """Does `casekit store upgrade` on a 0.1.0 store, when a later layout exists, first write an
    owner-only backup beside the store holding the old layout, then upgrade with every revision kept?"""
    ws = _release_workspace(tmp_path / "ws")
    refused = run("-w", str(ws.root), "case", "list")
    assert refused.exit_code == 7
    assert refused.stderr.count("\n") == 1
    assert "`casekit store upgrade`" in refused.stderr
    result = run("-w", str(ws.root), "store", "upgrade")
    assert result.exit_code == 0, result.output
    [backup] = _backups(ws)
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert f"Backed up the store to {backup}" in result.stdout
    assert inspect_backup(backup).layout.legacy
    assert migrations.store_layout(ws.db_url()).current == (LATER_REVISION,)
    expected = release_fixture.expected()
    with ws.open_store() as store:
        assert release_fixture.read_back(store) == {
            "cases": expected["cases"],
            "sessions": expected["sessions"],
        }
    again = run("-w", str(ws.root), "store", "upgrade")
    assert "up to date" in again.stdout
    assert len(_backups(ws)) == 1


def test_store_from_a_newer_casekit_is_refused_in_one_line_and_not_backed_up(tmp_path: Path, run: Run):
    """Do `casekit case list` and `casekit store upgrade` on a store at an unknown revision say in one
    line that a newer casekit wrote it, exit 6, and leave no backup behind?"""
    ws = Workspace.create(tmp_path / "ws")
    engine = raw_engine(ws.db_url())
    with engine.begin() as conn:
        conn.execute(text(f"UPDATE {migrations.VERSION_TABLE} SET version_num = '9999future'"))
    engine.dispose()
    for args in (("case", "list"), ("store", "upgrade")):
        result = run("-w", str(ws.root), *args)
        assert result.exit_code == 6
        assert result.stderr == (
            f"casekit: error: {ws.db_path}: this store was written by a newer casekit; upgrade casekit\n"
        )
    assert _backups(ws) == []


def test_backup_while_in_use_restores_into_a_new_workspace_with_every_revision(tmp_path: Path, run: Run):
    """Does a backup taken while a store is open and its latest save still sits in the write-ahead log
    restore into a new workspace with every revision, identifier and session event?"""
    old = _upgraded_release_workspace(tmp_path / "old")
    with old.open_store() as store:
        record = store.load("CK-0104")
        record.case.consultation_question.text += " (saved just before the backup)"
        store.save(record.case, based_on=record.revision, author="Presenter D", note="late edit")
        assert Path(f"{old.db_path}-wal").stat().st_size > 0
        backed = run("-w", str(old.root), "store", "backup", str(tmp_path / "copy.db"))
        assert backed.exit_code == 0, backed.output
    assert stat.S_IMODE((tmp_path / "copy.db").stat().st_mode) == 0o600
    new = Workspace.create(tmp_path / "new")
    shutil.copyfile(old.key_path, new.key_path)
    restored = run("-w", str(new.root), "store", "restore", str(tmp_path / "copy.db"))
    assert restored.exit_code == 0, restored.output
    assert "Restored 6 cases" in restored.stdout
    assert "opens with this workspace's key" in restored.stdout
    assert _everything(new) == _everything(old)
    with new.open_store() as store:
        assert store.load("CK-0104").case.consultation_question.text.endswith(
            "(saved just before the backup)"
        )


def test_restore_never_replaces_a_store_that_holds_cases(tmp_path: Path, run: Run):
    """Is a restore into a workspace that already holds cases refused, with the cases left as they were?"""
    old = _release_workspace(tmp_path / "old")
    assert run("-w", str(old.root), "store", "backup", str(tmp_path / "copy.db")).exit_code == 0
    companions = {f.name: stat.S_IMODE(f.stat().st_mode) for f in old.root.glob("cases.db*")}
    assert set(companions.values()) == {0o600}, companions
    other = Workspace.create(tmp_path / "other")
    with CaseStore.open(other.db_url(), key=KeyFile(other.key_path)) as store:
        store.create(make_case(), author="Presenter A")
    before = _everything(other)
    result = run("-w", str(other.root), "store", "restore", str(tmp_path / "copy.db"))
    assert result.exit_code == 1
    assert "already holds 1 cases" in result.stderr
    assert _everything(other) == before


def test_restore_without_the_old_key_says_which_key_to_copy(tmp_path: Path, run: Run):
    """After restoring into a new workspace with its own fresh key, does casekit say to copy the old
    workspace's key file rather than pretend the identifiers are readable?"""
    old = _upgraded_release_workspace(tmp_path / "old")
    assert run("-w", str(old.root), "store", "backup", str(tmp_path / "copy.db")).exit_code == 0
    new = Workspace.create(tmp_path / "new")
    result = run("-w", str(new.root), "store", "restore", str(tmp_path / "copy.db"))
    assert result.exit_code == 0, result.output
    assert f"Copy the key file of the workspace the backup came from to {new.key_path}" in result.stdout


def test_postgres_backup_prints_pg_dump_without_the_password(tmp_path: Path, run: Run):
    """For a PostgreSQL store, do `casekit store backup` and `restore` print the pg_dump and pg_restore
    lines with the password left out, and exit non-zero because nothing was copied?"""
    ws = Workspace.create(tmp_path / "ws")
    url = "postgresql://clinic:s3cret-Pw@db.example.org:5433/cases"
    result = run("-w", str(ws.root), "--db", url, "store", "backup")
    assert result.exit_code == 1
    assert "s3cret-Pw" not in result.output
    assert "pg_dump --format=custom" in result.stdout
    assert "postgresql://clinic@db.example.org:5433/cases" in result.stdout
    assert "pg_restore --no-owner" in result.stdout
    restore = run("-w", str(ws.root), "--db", url, "store", "restore", str(tmp_path / "copy.dump"))
    assert restore.exit_code == 1
    assert "s3cret-Pw" not in restore.output
    assert (
        "pg_restore --no-owner --dbname postgresql://clinic@db.example.org:5433/NEW_DATABASE"
        in restore.stdout
    )


@pytest.mark.postgres
@pytest.mark.usefixtures("later_revision")
def test_postgres_upgrade_waits_for_a_confirmed_backup(tmp_path: Path, run: Run, postgres_url: str):
    """Does `casekit store upgrade` on a PostgreSQL store change nothing until --yes-i-have-a-backup is
    given (printing the pg_dump line), and then upgrade with every revision kept?"""
    release_fixture.load_postgres(postgres_url)
    ws = Workspace.create(tmp_path / "ws")
    shutil.copyfile(release_fixture.KEY, ws.key_path)
    refused = run("-w", str(ws.root), "--db", postgres_url, "store", "upgrade")
    assert refused.exit_code == 7
    assert "pg_dump --format=custom" in refused.stdout
    assert "--yes-i-have-a-backup" in refused.stderr
    assert migrations.store_layout(postgres_url).legacy
    done = run("-w", str(ws.root), "--db", postgres_url, "store", "upgrade", "--yes-i-have-a-backup")
    assert done.exit_code == 0, done.output
    assert migrations.store_layout(postgres_url).current == (LATER_REVISION,)
    expected = release_fixture.expected()
    with release_fixture.open_with_key(postgres_url) as store:
        assert release_fixture.read_back(store) == {
            "cases": expected["cases"],
            "sessions": expected["sessions"],
        }
