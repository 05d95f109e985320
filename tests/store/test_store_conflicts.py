"""Stale saves, real races between connections and processes, and refused saves that change nothing."""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import delete, text, update
from sqlalchemy.exc import DBAPIError

from casekit.errors import CaseValidationError, EncryptionKeyError, RevisionConflictError
from casekit.store import CaseStore, KeyFile
from casekit.store.tables import revisions_table
from tests.fictional import make_case
from tests.store.store_helpers import file_digests, raw_engine

ROOT = Path(__file__).resolve().parents[2]


def test_a_save_on_a_stale_revision_is_refused(store: CaseStore):
    """Is a save based on revision 1, after someone saved revision 2, refused with both numbers?"""
    mine = make_case()
    store.create(mine, author="Presenter A")
    theirs = store.load("CK-0412").case
    theirs.consultation_question.text = "their edit"
    store.save(theirs, based_on=1, author="Consultant B")
    mine.consultation_question.text = "my edit"
    with pytest.raises(RevisionConflictError) as caught:
        store.save(mine, based_on=1, author="Presenter A")
    err = caught.value
    assert (err.case_id, err.based_on, err.head) == ("CK-0412", 1, 2)
    assert "nothing was overwritten" in str(err)
    assert store.load("CK-0412").case.consultation_question.text == "their edit"
    assert [h.revision for h in store.history("CK-0412")] == [1, 2]
    with pytest.raises(RevisionConflictError):
        store.restore("CK-0412", 1, based_on=1, author="Presenter A")


def test_racing_connections_on_the_same_base_lose_no_words(store_url: str, key_file: KeyFile):
    """When several connections save on the same revision at once, does exactly one win, the others
    get a conflict, and does every edit land once its author retries on the new head?"""
    workers = 6
    with CaseStore.open(store_url, key=key_file) as first:
        first.create(make_case(), author="Presenter A")
    stores = [CaseStore.open(store_url, key=key_file) for _ in range(workers)]
    barrier = threading.Barrier(workers)
    outcomes: dict[int, str] = {}
    conflicts: dict[int, int] = {}

    def edit(n: int) -> None:
        store = stores[n]
        case = store.load("CK-0412").case
        case.consultation_question.text = f"edit from member {n}"
        barrier.wait()
        try:
            store.save(case, based_on=1, author=f"Member {n}")
            outcomes[n] = "won"
        except RevisionConflictError as exc:
            outcomes[n] = "conflict"
            conflicts[n] = exc.head
            while True:  # the member reloads and saves again on the newest revision
                head = store.head("CK-0412")
                try:
                    store.save(case, based_on=head, author=f"Member {n}", note="after conflict")
                    return
                except RevisionConflictError:
                    continue

    threads = [threading.Thread(target=edit, args=(n,)) for n in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    try:
        assert sorted(outcomes.values()) == ["conflict"] * (workers - 1) + ["won"]
        assert all(head >= 2 for head in conflicts.values())
        history = stores[0].history("CK-0412")
        assert [h.revision for h in history] == list(range(1, workers + 2))
        texts = {stores[0].load("CK-0412", h.revision).case.consultation_question.text for h in history[1:]}
        assert texts == {f"edit from member {n}" for n in range(workers)}
        winner = next(n for n, o in outcomes.items() if o == "won")
        assert history[1].author == f"Member {winner}"
    finally:
        for s in stores:
            s.close()


_RACER = """
import fcntl, json, sys
from casekit.store import CaseStore, KeyFile
url, key, lock, n = sys.argv[1:5]
with CaseStore.open(url, key=KeyFile(key)) as store:
    case = store.load("CK-0412").case
    case.consultation_question.text = "edit from process " + n
    print("ready", flush=True)
    with open(lock) as handle:
        fcntl.flock(handle, fcntl.LOCK_SH)  # released by the test: every process starts together
    try:
        record = store.save(case, based_on=1, author="Process " + n)
        print(json.dumps({"won": record.revision}), flush=True)
    except Exception as exc:
        print(json.dumps({"error": type(exc).__name__, "head": getattr(exc, "head", None)}), flush=True)
"""


def test_racing_processes_on_the_same_base_exactly_one_wins(store_url: str, key_file: KeyFile, tmp_path):
    """When separate processes save on the same revision at the same moment, does exactly one win?"""
    with CaseStore.open(store_url, key=key_file) as store:
        store.create(make_case(), author="Presenter A")
    lock = tmp_path / "start.lock"
    lock.write_text("")
    gate = lock.open()
    fcntl.flock(gate, fcntl.LOCK_EX)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _RACER, store_url, str(key_file.path), str(lock), str(n)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for n in range(3)
    ]
    try:
        for p in procs:
            assert p.stdout is not None
            assert p.stdout.readline().strip() == "ready", p.stderr.read() if p.stderr else ""
    finally:
        fcntl.flock(gate, fcntl.LOCK_UN)
        gate.close()
    results = []
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        results.append(json.loads(out.strip().splitlines()[-1]))
    assert sorted(results, key=str) == sorted(
        [
            {"won": 2},
            {"error": "RevisionConflictError", "head": 2},
            {"error": "RevisionConflictError", "head": 2},
        ],
        key=str,
    )
    with CaseStore.open(store_url, key=key_file) as store:
        assert [h.revision for h in store.history("CK-0412")] == [1, 2]
        assert store.load("CK-0412").case.consultation_question.text.startswith("edit from process ")


def test_a_refused_save_changes_nothing_on_disk(tmp_path, key_file: KeyFile):
    """After a stale save, a bad author or a save of identifiers without the key, are the store's files
    byte for byte what they were, and is the history unchanged?"""
    db = tmp_path / "cases.db"
    with CaseStore.open(f"sqlite:///{db}", key=key_file) as store:
        case = make_case()
        store.create(case, author="Presenter A")
        store.save(case, based_on=1, author="Presenter A")
        before, history = file_digests(db), store.history("CK-0412")
        case.consultation_question.text = "a stale edit"
        with pytest.raises(RevisionConflictError):
            store.save(case, based_on=1, author="Presenter A")
        with pytest.raises(CaseValidationError, match="author"):
            store.save(case, based_on=2, author="")
        assert file_digests(db) == before
        assert store.history("CK-0412") == history
    with CaseStore.open(f"sqlite:///{db}") as locked:
        before = file_digests(db)
        with pytest.raises(EncryptionKeyError, match="without the key"):
            locked.save(make_case(), based_on=2, author="Presenter A")
        assert file_digests(db) == before
        assert locked.history("CK-0412") == history


def test_a_save_that_fails_midway_leaves_no_partial_revision(store: CaseStore, monkeypatch):
    """If a save fails after its rows were written but before commit, is nothing of it kept?"""
    case = make_case()
    store.create(case, author="Presenter A")
    original = CaseStore._insert_revision

    def insert_then_fail(*args, **kwargs):
        original(*args, **kwargs)
        raise RuntimeError("power cut")

    monkeypatch.setattr(CaseStore, "_insert_revision", staticmethod(insert_then_fail))
    case.consultation_question.text = "lost in the power cut"
    with pytest.raises(RuntimeError, match="power cut"):
        store.save(case, based_on=1, author="Presenter A")
    monkeypatch.undo()
    assert store.head("CK-0412") == 1
    assert [h.revision for h in store.history("CK-0412")] == [1]
    assert store.save(case, based_on=1, author="Presenter A").revision == 2


def test_revision_rows_cannot_be_changed_or_deleted(store_url: str, store: CaseStore):
    """Does the database itself refuse to update or delete a stored revision, even bypassing casekit?"""
    store.create(make_case(), author="Presenter A")
    engine = raw_engine(store_url)
    try:
        statements = [
            update(revisions_table).values(note="rewritten"),
            delete(revisions_table),
        ]
        if engine.dialect.name == "postgresql":
            statements.append(text("TRUNCATE casekit_revisions CASCADE"))
        for statement in statements:
            with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
                conn.execute(statement)
    finally:
        engine.dispose()
    assert [(h.revision, h.note) for h in store.history("CK-0412")] == [(1, "")]
