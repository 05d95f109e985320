"""The casekit 0.1.0 store fixtures (tests/store/fixtures): load them into a SQLite file or a database."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from casekit.store import CaseStore, KeyFile, migrations
from casekit.store.session_events import SessionEventLog

FIXTURES = Path(__file__).resolve().parent / "fixtures"
KEY = FIXTURES / "release-0.1.0.key"
#: The revision of TEST_REVISION.
LATER_REVISION = "0003test"

#: A later revision for tests only: it adds an index, as a real layout change might.
TEST_REVISION = f'''"""Test only: an index on revision authors."""

from alembic import op

revision = "0003test"
down_revision = "{migrations.HEAD}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_casekit_revisions_author_test", "casekit_revisions", ["author"])
'''


def expected() -> dict[str, Any]:
    """What every revision of the fixture store reads as (written by casekit 0.1.0 itself)."""
    return json.loads((FIXTURES / "release-0.1.0.expected.json").read_text(encoding="utf-8"))


def load_sqlite(path: Path) -> str:
    """Write the 0.1.0 SQLite store into the new file ``path``; return its store URL."""
    conn = sqlite3.connect(path)
    try:
        conn.executescript((FIXTURES / "release-0.1.0.sqlite.sql").read_text(encoding="utf-8"))
    finally:
        conn.close()
    path.chmod(0o600)
    return f"sqlite:///{path}"


def load_postgres(url: str) -> str:
    """Replay the 0.1.0 PostgreSQL dump (``pg_dump --inserts``) into the empty database at ``url``."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute((FIXTURES / "release-0.1.0.postgresql.sql").read_text(encoding="utf-8"))
    return url


def read_back(store: CaseStore) -> dict[str, Any]:
    """Every revision of every case as the fixture's expectations record it (see make_release_fixture)."""
    log = SessionEventLog(store)
    cases: dict[str, Any] = {}
    sessions: dict[str, Any] = {}
    for summary in store.list_cases():
        revisions = []
        for info in store.history(summary.case_id):
            record = store.load(summary.case_id, info.revision)
            ids = record.case.identifiers
            revisions.append(
                {
                    "revision": info.revision,
                    "author": info.author,
                    "note": info.note,
                    "restored_from": info.restored_from,
                    "consultation_question": record.case.consultation_question.text,
                    "legal_name": ids.legal_name,
                    "date_of_birth": ids.date_of_birth.isoformat() if ids.date_of_birth else None,
                }
            )
        cases[summary.case_id] = revisions
        for day in log.sessions(summary.case_id):
            sessions.setdefault(summary.case_id, {})[day.isoformat()] = len(
                log.all_events(summary.case_id, day)
            )
    return {"cases": cases, "sessions": sessions}


def open_with_key(url: str) -> CaseStore:
    """Open the store at ``url`` with the fixture's key."""
    return CaseStore.open(url, key=KeyFile(KEY))


@pytest.fixture
def later_revision(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Make casekit know one more revision than it ships (as a newer release would)."""
    folder = tmp_path / "later_versions"
    folder.mkdir()
    (folder / "r0003_test.py").write_text(TEST_REVISION, encoding="utf-8")
    shipped = migrations.version_locations()
    monkeypatch.setattr(migrations, "version_locations", lambda: [*shipped, str(folder)])
    monkeypatch.setattr(migrations, "HEAD", LATER_REVISION)
    yield LATER_REVISION
