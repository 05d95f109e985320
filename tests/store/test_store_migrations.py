"""Store migrations: does a store from casekit 0.1.0 keep every revision, and is a mismatch refused?"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, MetaData, inspect, text

from casekit.errors import StoreTooNewError, StoreUpgradeNeededError
from casekit.store import CaseStore, migrations
from casekit.store.audits import audit_metadata
from casekit.store.session_events import session_metadata
from casekit.store.tables import metadata
from tests.store import release_fixture
from tests.store.release_fixture import LATER_REVISION, later_revision  # noqa: F401 - a fixture
from tests.store.store_helpers import raw_engine


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def release_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A store written by casekit 0.1.0 (the committed fixture), in SQLite or PostgreSQL."""
    if request.param == "sqlite":
        return release_fixture.load_sqlite(tmp_path / "cases.db")
    return release_fixture.load_postgres(request.getfixturevalue("postgres_url"))


def _engine(url: str) -> Iterator[Engine]:
    engine = raw_engine(url)
    try:
        yield engine
    finally:
        engine.dispose()


def _recorded(url: str) -> list[str]:
    for engine in _engine(url):
        with engine.connect() as conn:
            return sorted(conn.scalars(text(f"SELECT version_num FROM {migrations.VERSION_TABLE}")))
    raise AssertionError("unreachable")


def _shape(url: str) -> dict[str, object]:
    """Tables, columns, keys, indexes and triggers of the store at ``url`` (its version table aside)."""
    for engine in _engine(url):
        with engine.connect() as conn:
            insp = inspect(conn)
            shape: dict[str, object] = {}
            for table in sorted(set(insp.get_table_names()) - {migrations.VERSION_TABLE}):
                shape[table] = {
                    "columns": [(c["name"], str(c["type"]), c["nullable"]) for c in insp.get_columns(table)],
                    "primary key": insp.get_pk_constraint(table)["constrained_columns"],
                    "foreign keys": sorted(
                        (tuple(f["constrained_columns"]), f["referred_table"])
                        for f in insp.get_foreign_keys(table)
                    ),
                    "unique": sorted(tuple(u["column_names"]) for u in insp.get_unique_constraints(table)),
                    "indexes": sorted((i["name"], tuple(i["column_names"])) for i in insp.get_indexes(table)),
                }
            if conn.dialect.name == "sqlite":
                query = "SELECT name FROM sqlite_master WHERE type = 'trigger'"
            else:
                query = "SELECT DISTINCT trigger_name FROM information_schema.triggers"
            shape["triggers"] = sorted(conn.scalars(text(query)))
            return shape
    raise AssertionError("unreachable")


def test_release_store_opens_with_every_revision_readable_and_decrypted(release_url: str):
    """Is a store written by casekit 0.1.0 refused until upgraded; after `casekit store upgrade`, is every
    revision, identifier and session event read as 0.1.0 read them, and does it take a new save?"""
    with pytest.raises(StoreUpgradeNeededError):
        CaseStore.open(release_url, key=None)
    before, after = migrations.upgrade_store(release_url)
    assert before.legacy and after.current == (migrations.HEAD,)
    expected = release_fixture.expected()
    with release_fixture.open_with_key(release_url) as store:
        read = release_fixture.read_back(store)
        assert read == {"cases": expected["cases"], "sessions": expected["sessions"]}
        record = store.load("CK-0103")
        saved = store.save(record.case, based_on=record.revision, author="Presenter C", note="after upgrade")
        assert store.load("CK-0103", saved.revision).case.identifiers.legal_name == "Dale Everett White"
    assert _recorded(release_url) == [migrations.HEAD]


@pytest.mark.usefixtures("later_revision")
def test_upgrading_a_release_store_keeps_every_revision(release_url: str):
    """When a later revision exists, is the 0.1.0 store refused until upgraded, and after the upgrade is
    every revision still readable and decryptable with the fixture's key?"""
    with pytest.raises(StoreUpgradeNeededError) as refused:
        CaseStore.open(release_url, key=None)
    assert "`casekit store upgrade`" in refused.value.message
    assert "\n" not in refused.value.message
    assert refused.value.exit_code == 7
    before, after = migrations.upgrade_store(release_url)
    assert before.legacy
    assert after.current == (LATER_REVISION,)
    assert _recorded(release_url) == [LATER_REVISION]
    expected = release_fixture.expected()
    with release_fixture.open_with_key(release_url) as store:
        assert release_fixture.read_back(store) == {
            "cases": expected["cases"],
            "sessions": expected["sessions"],
        }
    for engine in _engine(release_url):
        names = {i["name"] for i in inspect(engine).get_indexes("casekit_revisions")}
        assert "ix_casekit_revisions_author_test" in names


def test_store_of_an_unknown_revision_is_refused_with_one_line(store_url: str):
    """Is a store at a revision this casekit does not know refused with the one line that says a newer
    casekit wrote it, and left untouched?"""
    CaseStore.open(store_url).close()
    for engine in _engine(store_url):
        with engine.begin() as conn:
            conn.execute(text(f"UPDATE {migrations.VERSION_TABLE} SET version_num = '9999future'"))
    with pytest.raises(StoreTooNewError) as refused:
        CaseStore.open(store_url)
    label = store_url.removeprefix("sqlite:///") if store_url.startswith("sqlite") else None
    if label is not None:
        assert refused.value.message == f"{label}: this store was written by a newer casekit; upgrade casekit"
    assert refused.value.message.endswith(": this store was written by a newer casekit; upgrade casekit")
    assert refused.value.exit_code == 6
    with pytest.raises(StoreTooNewError):
        migrations.upgrade_store(store_url)
    assert _recorded(store_url) == ["9999future"]


def _drop_casekit_tables(url: str) -> None:
    for engine in _engine(url):
        with engine.begin() as conn:
            cascade = " CASCADE" if conn.dialect.name == "postgresql" else ""
            for table in (
                "casekit_revision_texts",
                "casekit_session_keys",
                "casekit_access_log",
                "casekit_snapshot_keys",
                "casekit_shared_snapshots",
                "casekit_case_keys",
                "casekit_case_bodies",
                "casekit_people",
                "casekit_audits",
                "casekit_session_events",
                "casekit_revisions",
                "casekit_cases",
                "casekit_meta",
                migrations.VERSION_TABLE,
            ):
                conn.execute(text(f"DROP TABLE {table}{cascade}"))
            if conn.dialect.name == "postgresql":
                for function in (
                    "casekit_access_log_append_only",
                    "casekit_audits_append_only",
                    "casekit_revisions_append_only",
                    "casekit_session_events_append_only",
                ):
                    conn.execute(text(f"DROP FUNCTION {function}()"))


def test_new_store_has_exactly_the_tables_of_an_upgraded_release_0_1_0_store(release_url: str):
    """Does a store made new by the migrations have the same tables, columns, keys, indexes and
    triggers as one written by casekit 0.1.0 and then upgraded, on the same database?"""
    migrations.upgrade_store(release_url)
    release = _shape(release_url)
    assert {"casekit_meta", "casekit_revisions", "casekit_audits"} <= set(release)
    _drop_casekit_tables(release_url)
    assert _shape(release_url) == {"triggers": []}
    CaseStore.open(release_url).close()
    assert _shape(release_url) == release
    assert _recorded(release_url) == [migrations.HEAD]


def test_live_tables_agree_with_the_newest_revision(store_url: str):
    """Do the tables casekit's code declares match what the newest revision builds (so a table change
    without a revision fails here)?"""
    CaseStore.open(store_url).close()
    combined = MetaData()
    for source in (metadata, session_metadata, audit_metadata):
        for table in source.tables.values():
            table.to_metadata(combined)
    for engine in _engine(store_url):
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"version_table": migrations.VERSION_TABLE})
            differences = [
                d
                for d in compare_metadata(context, combined)
                if not (d[0] == "remove_table" and d[1].name == migrations.VERSION_TABLE)
            ]
    assert differences == []


def test_release_store_without_a_session_gets_the_session_table(release_url: str):
    """A 0.1.0 store made its session table only at its first live session: is one that never had a
    session recognised as the baseline, given the table (with its triggers), and left with its cases?"""
    for engine in _engine(release_url):
        with engine.begin() as conn:
            cascade = " CASCADE" if conn.dialect.name == "postgresql" else ""
            conn.execute(text(f"DROP TABLE casekit_session_events{cascade}"))
    before, _after = migrations.upgrade_store(release_url)
    assert before.legacy
    with release_fixture.open_with_key(release_url) as store:
        assert release_fixture.read_back(store)["cases"] == release_fixture.expected()["cases"]
    shape = _shape(release_url)
    assert "casekit_session_events" in shape
    assert any(name.startswith("casekit_session_events_no_") for name in shape["triggers"])
    assert _recorded(release_url) == [migrations.HEAD]


def test_head_constant_names_the_newest_shipped_revision():
    """Is ``migrations.HEAD`` (which lets an up-to-date store open without importing alembic) the one
    head of the revisions casekit ships?"""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(
        str(Path(migrations.__file__).parent), version_locations=migrations.version_locations()
    )
    assert script.get_heads() == [migrations.HEAD]


def test_an_up_to_date_store_opens_without_importing_alembic(tmp_path: Path):
    """Does opening a store that is already at the newest revision leave alembic unimported, so every
    command stays quick?"""
    import os
    import subprocess
    import sys

    url = f"sqlite:///{tmp_path / 'cases.db'}"
    CaseStore.open(url).close()
    script = (
        "import sys\nfrom casekit.store import CaseStore\n"
        f"CaseStore.open({url!r}).close()\nprint('alembic' in sys.modules)\n"
    )
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root)}
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, env=env)
    assert out.stdout.strip() == "False"
