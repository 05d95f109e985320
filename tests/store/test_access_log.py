"""The access log: a hash chain that shows any edit, holds no client text, and names real people."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, delete, insert, select, text, update
from sqlalchemy.exc import DBAPIError

from casekit.errors import AccessLogBrokenError, StoreError
from casekit.model.walk import iter_texts
from casekit.store import CaseStore, KeyFile, access_log
from casekit.store.session_events import SessionEventLog
from casekit.store.tables import access_log_table, revisions_table
from tests.fictional import fictional_case, make_case
from tests.store.store_helpers import StepClock, raw_engine


@pytest.fixture
def as_member(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], None]:
    """Act as a group member signed in to JupyterHub (the Hub sets these for a member's server)."""

    def act(username: str) -> None:
        monkeypatch.setenv("JUPYTERHUB_USER", username)
        monkeypatch.setenv("JUPYTERHUB_API_TOKEN", "test-token")

    return act


def _lifecycle(store: CaseStore) -> None:
    """A fictional case from creation to export: create, open, edit, restore, import, export."""
    case = fictional_case("CK-0101")
    store.create(case, author="Presenter A")
    loaded = store.load("CK-0101")
    loaded.case.consultation_question.text = "How do I keep the choir in the formulation?"
    store.save(loaded.case, based_on=1, author="Presenter A", note="second look")
    store.restore("CK-0101", 1, based_on=2, author="Presenter A")
    edited = store.load("CK-0101").case
    edited.goals[0].agreed_wording.text = "Sleep five hours before a shift"
    store.save_edit(edited, based_on=3, author="Presenter A", imported=True)
    access_log.record_export(store, {"case": "CK-0101", "format": "pdf", "sha256": "ab" * 32})
    store.create(make_case("CK-0412"), author="Presenter B", imported=True)


def test_a_case_lifecycle_leaves_a_chain_that_verifies(store: CaseStore, as_member):
    """After a case is created, opened, saved, restored, imported and exported, does the log say each
    of those, in order, by the signed-in person, and does its chain verify?"""
    as_member("amara.okafor")
    _lifecycle(store)
    entries = access_log.entries(store)
    assert [(e.action, e.case_id, e.revision) for e in entries] == [
        ("created", "CK-0101", 1),
        ("decrypted", "CK-0101", 1),
        ("changed", "CK-0101", 2),
        ("restored", "CK-0101", 3),  # one action, one entry: its read of revision 1 is part of it
        ("decrypted", "CK-0101", 3),
        ("imported", "CK-0101", 4),  # save_edit's reads of its base and the newest are part of it
        ("exported", "CK-0101", None),
        ("imported", "CK-0412", 1),
    ]
    assert [e.seq for e in entries] == list(range(1, len(entries) + 1))
    assert {e.person for e in entries} == {"amara.okafor"}
    assert entries[-2].detail == f"pdf,sha256={'ab' * 32}"
    check = access_log.verify(store)
    assert check.entries == len(entries) and check.head_hash == entries[-1].hash


def test_an_empty_log_verifies(store: CaseStore):
    """Does a store with no entries yet verify, with no head?"""
    assert access_log.verify(store) == access_log.ChainCheck(0, access_log.GENESIS)


def test_reading_without_the_key_decrypts_nothing_and_logs_no_decryption(
    store_url: str, key_file: KeyFile, clock: StepClock
):
    """Is a load without the key (identifiers stay locked) not recorded as a decryption?"""
    with CaseStore.open(store_url, key=key_file, clock=clock) as keyed:
        keyed.create(make_case(), author="Presenter A")
    with CaseStore.open(store_url, clock=clock) as locked:
        assert locked.load("CK-0412").identifiers_locked
        assert [e.action for e in access_log.entries(locked)] == ["created"]


def _all_client_text(cases) -> set[str]:
    """Every word a person typed into the cases and every identifier, as whole strings of 4+ characters."""
    out: set[str] = set()
    for case in cases:
        out |= {value for _path, value in iter_texts(case) if len(value) >= 4}
        dumped = case.identifiers.model_dump(mode="json")
        stack = [dumped]
        while stack:
            item = stack.pop()
            if isinstance(item, dict):
                stack.extend(item.values())
            elif isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, str) and len(item) >= 4:
                out.add(item)
    return out


def test_the_log_holds_no_client_text(store: CaseStore, store_url: str):
    """After a whole fictional lifecycle, does no row of the log (nor its CSV or JSON export) contain
    any of the cases' text or identifiers, whole or as a name part?"""
    _lifecycle(store)
    texts = _all_client_text([store.load("CK-0101", 1).case, store.load("CK-0101").case, make_case()])
    texts |= {part for t in texts for part in t.split() if len(part) >= 6}
    assert "Sleep five hours before a shift" in texts  # the scan looks for what was typed
    engine = raw_engine(store_url)
    try:
        with engine.connect() as conn:
            cells = [str(v) for row in conn.execute(select(access_log_table)) for v in row]
    finally:
        engine.dispose()
    exported = access_log.to_csv(access_log.entries(store)) + access_log.to_json(access_log.entries(store))
    for where in [*cells, exported]:
        leaked = sorted(t for t in texts if t in where)
        assert not leaked, leaked


def test_a_detail_cannot_carry_a_sentence(store: CaseStore):
    """Is a detail with spaces (a sentence, a name) refused, and an unknown action too?"""
    with pytest.raises(StoreError, match="detail"):
        access_log.record(store, "exported", detail="Oriane Vasquez")
    with pytest.raises(StoreError, match="not an action"):
        access_log.record(store, "peeked")
    assert access_log.entries(store) == []


# ---- tampering -------------------------------------------------------------------------------------
def _three_entries(store: CaseStore) -> list[access_log.LogEntry]:
    for n in (1, 2, 3):
        access_log.record(store, "exported", case_id=f"CK-010{n}", detail="html")
    return access_log.entries(store)


@pytest.fixture
def untriggered(store_url: str) -> Iterator[Engine]:
    """A raw engine on the store with the log's append-only triggers out of the way, as an attacker
    with database access could do (SQLite: dropped; PostgreSQL: ``ALTER TABLE ... DISABLE TRIGGER``)."""
    engine = raw_engine(store_url)
    with engine.begin() as conn:
        if conn.dialect.name == "sqlite":
            for verb in ("update", "delete"):
                conn.execute(text(f"DROP TRIGGER casekit_access_log_no_{verb}"))
        else:
            conn.execute(text("ALTER TABLE casekit_access_log DISABLE TRIGGER USER"))
    yield engine
    engine.dispose()


def _broken_at(store: CaseStore) -> int:
    with pytest.raises(AccessLogBrokenError) as broken:
        access_log.verify(store)
    assert broken.value.exit_code == 9
    assert "\n" not in broken.value.message
    assert f"broken at entry {broken.value.seq}:" in broken.value.message
    return broken.value.seq


def test_a_changed_entry_is_caught(store: CaseStore, untriggered: Engine):
    """If someone rewrites who did something in entry 2, does verify name entry 2?"""
    _three_entries(store)
    t = access_log_table
    with untriggered.begin() as conn:
        conn.execute(update(t).where(t.c.seq == 2).values(person="someone.else"))
    assert _broken_at(store) == 2


def test_a_changed_entry_with_its_hash_recomputed_is_caught_at_the_next(
    store: CaseStore, untriggered: Engine
):
    """If someone changes entry 2 and recomputes its hash too, does verify name entry 3 (which still
    points at the old hash)?"""
    entries = _three_entries(store)
    e = entries[1]
    forged = access_log.entry_hash(
        e.seq, e.at, "someone.else", e.server, e.action, e.case_id, e.revision, e.detail, e.prev_hash
    )
    t = access_log_table
    with untriggered.begin() as conn:
        conn.execute(update(t).where(t.c.seq == 2).values(person="someone.else", hash=forged))
    assert _broken_at(store) == 3


def test_a_deleted_entry_is_caught(store: CaseStore, untriggered: Engine):
    """If entry 2 is removed, does verify name entry 2 as missing?"""
    _three_entries(store)
    with untriggered.begin() as conn:
        conn.execute(delete(access_log_table).where(access_log_table.c.seq == 2))
    with pytest.raises(AccessLogBrokenError, match="entry 2: it is missing"):
        access_log.verify(store)


def test_reordered_entries_are_caught(store: CaseStore, untriggered: Engine):
    """If entries 2 and 3 swap places, does verify name entry 2?"""
    _three_entries(store)
    t = access_log_table
    with untriggered.begin() as conn:
        conn.execute(update(t).where(t.c.seq == 2).values(seq=-2))
        conn.execute(update(t).where(t.c.seq == 3).values(seq=2))
        conn.execute(update(t).where(t.c.seq == -2).values(seq=3))
    assert _broken_at(store) == 2


def test_an_inserted_entry_is_caught(store: CaseStore, untriggered: Engine):
    """If someone slips a made-up entry in as number 2 (moving the rest up), is entry 2 named?"""
    entries = _three_entries(store)
    t = access_log_table
    with untriggered.begin() as conn:
        for seq in (3, 2):
            conn.execute(update(t).where(t.c.seq == seq).values(seq=seq + 1))
        fake = entries[1]
        conn.execute(
            insert(t).values(
                seq=2,
                at=fake.at,
                person="someone.else",
                server=fake.server,
                action="exported",
                case_id="CK-0199",
                revision=None,
                detail="html",
                prev_hash=entries[0].hash,
                hash="f" * 64,
            )
        )
    assert _broken_at(store) == 2


def test_the_log_refuses_changes_and_removals(store: CaseStore, store_url: str):
    """With the triggers in place, is an UPDATE or DELETE of an entry refused by the database itself?"""
    _three_entries(store)
    engine = raw_engine(store_url)
    try:
        for statement in (
            update(access_log_table).values(person="someone.else"),
            delete(access_log_table),
        ):
            with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
                conn.execute(statement)
    finally:
        engine.dispose()
    access_log.verify(store)


# ---- many writers ----------------------------------------------------------------------------------
def _race(url: str, key_file: KeyFile, workers: int, work: Callable[[CaseStore, int], None]) -> None:
    """Run ``work(store, n)`` in ``workers`` threads at once, each with its own store (as separate
    servers would have); re-raise the first failure."""
    barrier = threading.Barrier(workers)
    errors: list[BaseException] = []

    def run(n: int) -> None:
        try:
            with CaseStore.open(url, key=key_file) as own:
                barrier.wait()
                work(own, n)
        except BaseException as exc:  # noqa: BLE001 - handed to the test below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]


def test_concurrent_appends_keep_one_chain(store: CaseStore, store_url: str, key_file: KeyFile):
    """When several writers (separate connections, as separate servers) append and save at the same
    moment, is there still one gap-free chain that verifies, with every entry in it?"""
    for n in range(4):
        store.create(make_case(f"CK-070{n}"), author="Presenter A")

    def work(own: CaseStore, n: int) -> None:
        for i in range(5):
            access_log.record(own, "exported", case_id=f"CK-070{n}", detail=f"html,{i}")
        case = own.load(f"CK-070{n}").case
        own.save(case, based_on=1, author="Presenter A")

    _race(store_url, key_file, 4, work)
    check = access_log.verify(store)
    entries = access_log.entries(store)
    assert check.entries == len(entries) == 4 + 4 * (5 + 1 + 1)
    assert [e.seq for e in entries] == list(range(1, len(entries) + 1))
    assert len({e.prev_hash for e in entries}) == len(entries)  # no two entries share a parent: no fork


# ---- people, not typed aliases --------------------------------------------------------------------
def test_the_person_is_recorded_beside_the_alias_and_cannot_be_typed(store: CaseStore, as_member):
    """Does a revision keep the alias its author typed and, beside it, the signed-in person, whatever
    alias was typed?"""
    as_member("amara.okafor")
    store.create(make_case(), author="Presenter A")
    as_member("kofi.mensah")
    case = store.load("CK-0412").case
    store.save(case, based_on=1, author="amara.okafor", note="typed someone else's name as the alias")
    history = store.history("CK-0412")
    assert [(h.author, h.person) for h in history] == [
        ("Presenter A", "amara.okafor"),
        ("amara.okafor", "kofi.mensah"),
    ]
    assert [e.person for e in access_log.entries(store, case_id="CK-0412")] == [
        "amara.okafor",
        "kofi.mensah",
        "kofi.mensah",
    ]
    assert [e.action for e in access_log.entries(store, person="kofi.mensah")] == ["decrypted", "changed"]


def test_revisions_saved_before_people_were_recorded_show_none(store: CaseStore, store_url: str):
    """Does a revision stored without a person (as before this version) read back with none?"""
    store.create(make_case(), author="Presenter A")
    engine = raw_engine(store_url)
    try:
        with engine.begin() as conn:
            row = conn.execute(select(revisions_table)).one()._asdict()
            conn.execute(
                insert(revisions_table).values({**row, "revision": 2, "based_on": 1, "person": None})
            )
    finally:
        engine.dispose()
    assert [h.person for h in store.history("CK-0412")] == [store.history("CK-0412")[0].person, None]


def test_session_events_record_the_person(store: CaseStore, as_member):
    """Does each live-session event keep the signed-in person beside the alias the member chose?"""
    import uuid

    as_member("amara.okafor")
    store.create(make_case(), author="Presenter A")
    log = SessionEventLog(store)
    day = dt.date(2026, 3, 3)
    sent = log.append(
        "CK-0412", day, "contribution", {"n": 1}, event_uuid=uuid.uuid4().hex, author="Member B"
    )
    assert sent.person == "amara.okafor" and sent.author == "Member B"
    assert [(e.author, e.person) for e in log.all_events("CK-0412", day)] == [("Member B", "amara.okafor")]


def test_since_person_and_case_filters(store: CaseStore, clock: StepClock, as_member):
    """Do the filters pick entries by case, by person and from a moment on?"""
    as_member("amara.okafor")
    access_log.record(store, "exported", case_id="CK-0101", detail="html")
    moment = clock.now + dt.timedelta(milliseconds=500)  # after the first entry, before the next
    as_member("kofi.mensah")
    access_log.record(store, "exported", case_id="CK-0102", detail="pdf")
    assert [e.case_id for e in access_log.entries(store, since=moment)] == ["CK-0102"]
    assert [e.case_id for e in access_log.entries(store, person="amara.okafor")] == ["CK-0101"]
    assert [e.person for e in access_log.entries(store, case_id="CK-0102")] == ["kofi.mensah"]


def test_csv_and_json_exports_carry_every_column(store: CaseStore, tmp_path: Path):
    """Do the CSV and JSON forms hold each entry with its hashes, so the chain can be checked outside?"""
    import csv
    import json

    _three_entries(store)
    entries = access_log.entries(store)
    rows = list(csv.DictReader(access_log.to_csv(entries).splitlines()))
    assert [r["hash"] for r in rows] == [e.hash for e in entries]
    assert json.loads(access_log.to_json(entries))[0]["prev_hash"] == access_log.GENESIS


def test_an_upgraded_release_store_starts_an_empty_chain_and_keeps_old_revisions_personless(
    store_url: str, as_member
):
    """After a casekit 0.1.0 store is upgraded, do its old revisions show no person, does its log start
    empty and verify, and does the first new save add a person and the first entry?"""
    from casekit.store import migrations
    from tests.store import release_fixture

    if store_url.startswith("sqlite"):
        url = release_fixture.load_sqlite(Path(store_url.removeprefix("sqlite:///")))
    else:
        url = release_fixture.load_postgres(store_url)
    migrations.upgrade_store(url)
    as_member("amara.okafor")
    with release_fixture.open_with_key(url) as store:
        assert {h.person for h in store.history("CK-0103")} == {None}
        assert access_log.verify(store) == access_log.ChainCheck(0, access_log.GENESIS)
        record = store.load("CK-0103")
        store.save(record.case, based_on=record.revision, author="Presenter C")
        assert store.history("CK-0103")[-1].person == "amara.okafor"
        assert [e.action for e in access_log.entries(store)] == ["decrypted", "changed"]
        assert access_log.verify(store).entries == 2
