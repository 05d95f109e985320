"""Opening stores: URLs, file modes, unreachable servers and files that cannot be used."""

from __future__ import annotations

import os
import socket
import sqlite3
import stat
from pathlib import Path

import pytest

from casekit.errors import ConfigError, StoreError
from casekit.model import PrivateIdentifiers
from casekit.store import CaseStore, KeyFile
from casekit.store.engine import parse_store_url
from tests.fictional import make_case


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_sqlite_store_files_are_private_whatever_the_umask(tmp_path: Path, key_file: KeyFile):
    """Are the database file and its -wal and -shm files mode 0600 even under a permissive umask?"""
    db = tmp_path / "cases.db"
    old = os.umask(0)
    try:
        with CaseStore.open(f"sqlite:///{db}", key=key_file) as store:
            store.create(make_case(), author="Presenter A")
            files = [db, Path(f"{db}-wal"), Path(f"{db}-shm")]
            assert all(p.exists() for p in files)
            assert {p.name: _mode(p) for p in files} == {p.name: 0o600 for p in files}
    finally:
        os.umask(old)
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_bare_path_and_a_sqlite_url_open_the_same_store(tmp_path: Path):
    """Does a plain file path work as well as a sqlite:/// URL?"""
    db = tmp_path / "cases.db"
    with CaseStore.open(str(db)) as store:
        store.create(make_case(identifiers=PrivateIdentifiers()), author="Presenter A")
    with CaseStore.open(f"sqlite:///{db}") as store:
        assert [s.case_id for s in store.list_cases()] == ["CK-0412"]


@pytest.mark.parametrize(
    ("url", "driver"),
    [
        ("postgresql://casekit@db.internal/consultation", "postgresql+psycopg"),
        ("postgres://casekit@db.internal/consultation", "postgresql+psycopg"),
        ("postgresql+psycopg://casekit@db.internal/consultation", "postgresql+psycopg"),
        ("sqlite:///tmp/cases.db", "sqlite+pysqlite"),
    ],
)
def test_postgresql_urls_use_psycopg_3(url: str, driver: str):
    """Are plain postgresql:// URLs mapped to the psycopg 3 driver?"""
    assert parse_store_url(url).drivername == driver


@pytest.mark.parametrize(
    "url", ["mysql://casekit:pw@db/cases", "postgresql+psycopg2://casekit@db/cases", "sqlite://", "  "]
)
def test_an_unsupported_url_is_a_config_error_with_the_fix(url: str):
    """Is an unknown scheme (or a URL with no file) refused, naming the scheme and what to use?"""
    with pytest.raises(ConfigError, match="sqlite:///PATH") as caught:
        CaseStore.open(url)
    assert "pw" not in str(caught.value)
    if url.startswith("mysql"):
        assert "'mysql'" in str(caught.value)


def test_an_unreachable_server_is_one_line_without_the_password():
    """Does a server that does not answer give a one-line StoreError that never shows the password?"""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(StoreError) as caught:
        CaseStore.open(f"postgresql://casekit:s3cret-Pa55@127.0.0.1:{port}/consultation")
    message = str(caught.value)
    assert "\n" not in message
    assert "s3cret-Pa55" not in message
    assert "cannot use the case store at postgresql+psycopg://casekit:***@127.0.0.1" in message
    assert "check the server is running" in message
    assert caught.value.__cause__ is None


def test_unusable_sqlite_paths_name_the_file(tmp_path: Path):
    """Do a missing folder, a folder given as the file and a non-database file each name the path?"""
    with pytest.raises(StoreError, match=r"nowhere.*does not exist"):
        CaseStore.open(f"sqlite:///{tmp_path / 'nowhere' / 'cases.db'}")
    with pytest.raises(StoreError, match="is a folder"):
        CaseStore.open(f"sqlite:///{tmp_path}")
    notes = tmp_path / "notes.txt"
    notes.write_bytes(b"these are my own notes, not a database\n" * 200)
    with pytest.raises(StoreError, match=r"notes\.txt: not a casekit case store"):
        CaseStore.open(str(notes))
    assert notes.read_bytes().startswith(b"these are my own notes")
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER)")
    with pytest.raises(StoreError, match=r"other\.db: this SQLite file is not a casekit case store"):
        CaseStore.open(str(other))
    assert not (tmp_path / "nowhere").exists()


def test_a_read_only_store_file_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Is a store file the user cannot write refused with its name, before anything is opened?

    (Permissions are simulated: the tests may run as root, who can write to any file.)"""
    db = tmp_path / "cases.db"
    CaseStore.open(str(db)).close()
    before = db.read_bytes()
    monkeypatch.setattr("casekit.store.engine.os.access", lambda path, mode: False)
    with pytest.raises(StoreError, match=r"cases\.db: the case store file is not writable"):
        CaseStore.open(str(db))
    assert db.read_bytes() == before
