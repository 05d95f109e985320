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

    monkeypatch.setattr(CaseStore, "_insert_revision", insert_then_fail)
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


# ---- edits made elsewhere (an exported file): refused when stale, merged on request ---------------


def _edit_of(store: CaseStore, revision: int, **texts: str):
    """A copy of ``revision`` as an export holds it (no identifiers), with some texts changed."""
    case = store.load("CK-0412", revision).case
    case.identifiers = type(case.identifiers)()
    for name, value in texts.items():
        if name == "question":
            case.consultation_question.text = value
        else:
            case.goals[0].client_words.text = value
    return case


def test_a_stale_edit_is_refused_unless_merged_and_then_keeps_both(store: CaseStore):
    """Two edits of revision 1: is the second refused (nothing written), and with merge are both kept?"""
    store.create(make_case(), author="Presenter A")
    first, second = _edit_of(store, 1, question="first edit"), _edit_of(store, 1, goal="second edit")
    store.save_edit(first, based_on=1, author="Presenter A", keep_identifiers=True)
    with pytest.raises(RevisionConflictError) as caught:
        store.save_edit(second, based_on=1, author="Consultant B", keep_identifiers=True)
    assert (caught.value.based_on, caught.value.head) == (1, 2)
    assert store.head("CK-0412") == 2
    record = store.save_edit(second, based_on=1, author="Consultant B", keep_identifiers=True, merge=True)
    assert record.revision == 3
    head = store.load("CK-0412").case
    assert head.consultation_question.text == "first edit"
    assert head.goals[0].client_words.text == "second edit"
    assert head.identifiers == make_case().identifiers


def test_a_merge_of_edits_to_the_same_field_is_refused_naming_it(store: CaseStore):
    """Both rewrote the question: is the merge refused, naming the field, with nothing written?"""
    from casekit.store.merge import MergeConflictError

    store.create(make_case(), author="Presenter A")
    store.save_edit(_edit_of(store, 1, question="theirs"), based_on=1, author="A", keep_identifiers=True)
    with pytest.raises(MergeConflictError, match="consultation_question"):
        store.save_edit(
            _edit_of(store, 1, question="mine"), based_on=1, author="B", keep_identifiers=True, merge=True
        )
    assert store.head("CK-0412") == 2
    assert store.load("CK-0412").case.consultation_question.text == "theirs"


def test_an_edit_without_identifiers_keeps_them_unless_told(store: CaseStore):
    """Does an edit that carries no identifiers keep the stored ones, and remove them only when asked?"""
    store.create(make_case(), author="Presenter A")
    store.save_edit(_edit_of(store, 1, question="kept"), based_on=1, author="A", keep_identifiers=True)
    assert store.load("CK-0412").case.identifiers == make_case().identifiers
    store.save_edit(_edit_of(store, 2, question="dropped"), based_on=2, author="A")
    assert store.load("CK-0412").case.identifiers.is_empty()
    assert store.load("CK-0412", 2).case.identifiers == make_case().identifiers


def test_an_identifier_edit_made_since_survives_a_merged_edit_without_identifiers(store: CaseStore):
    """Someone corrected a phone number after my export: does my merged edit (no identifiers) keep it?"""
    store.create(make_case(), author="Presenter A")
    fixed = store.load("CK-0412").case
    fixed.identifiers.phones = ["+353 87 555 0100"]
    store.save(fixed, based_on=1, author="Presenter A")
    store.save_edit(
        _edit_of(store, 1, goal="mine"), based_on=1, author="B", keep_identifiers=True, merge=True
    )
    head = store.load("CK-0412").case
    assert head.identifiers.phones == ["+353 87 555 0100"]
    assert head.goals[0].client_words.text == "mine"


def _rated_case():
    import datetime as dt

    from casekit.model import ProgressRating

    case = make_case()
    case.goals[0].ratings = [
        ProgressRating(date=dt.date(2026, 3, 9), score=2),
        ProgressRating(date=dt.date(2026, 4, 20), score=5),
    ]
    return case


@pytest.mark.parametrize("flagged", [True, False], ids=["marked-shifted", "older-unmarked-file"])
def test_an_edit_exported_without_the_key_does_not_replace_real_dates(
    store_url: str, key_file: KeyFile, flagged: bool
):
    """A copy read without the key holds shifted dates: saved back with the key, are the real dates
    kept, and does a rating added in the copy land on the real calendar?"""
    import datetime as dt

    from casekit.model import ProgressRating
    from casekit.store.date_shift import EPOCH

    with CaseStore.open(store_url, key=key_file) as store:
        store.create(_rated_case(), author="Presenter A")
    with CaseStore.open(store_url) as locked:
        copy = locked.load("CK-0412").case
    assert copy.goals[0].ratings[0].date == EPOCH  # what an export without the key holds
    copy.consultation_question.text = "edited without the key"
    if flagged:
        copy.goals[0].ratings.append(ProgressRating(date=EPOCH + dt.timedelta(days=49), score=6))
    with CaseStore.open(store_url, key=key_file) as store:
        store.save_edit(copy, based_on=1, author="A", keep_identifiers=True, dates_shifted=flagged)
        head = store.load("CK-0412").case
    dates = [r.date for r in head.goals[0].ratings]
    assert dates[:2] == [dt.date(2026, 3, 9), dt.date(2026, 4, 20)]
    if flagged:
        assert dates[2] == dt.date(2026, 4, 27)
    assert head.consultation_question.text == "edited without the key"
    assert head.identifiers == make_case().identifiers


def test_review_decisions_made_on_a_stale_revision_merge_with_newer_edits(store: CaseStore):
    """Someone saved while a presenter was deciding findings: are both the edit and the decisions kept,
    and does a plain save of the decisions stay refused?"""
    from casekit.model import DeidDecision, ReviewDecision

    store.create(make_case(), author="Presenter A")
    record = store.load("CK-0412")
    decided = record.case.model_copy(
        update={
            "deid_decisions": [
                DeidDecision(fingerprint="ab" * 8, category="name", decision=ReviewDecision.KEEP)
            ]
        }
    )
    store.save_edit(_edit_of(store, 1, question="theirs"), based_on=1, author="B", keep_identifiers=True)
    with pytest.raises(RevisionConflictError):
        store.save(decided, based_on=record.revision, author="Presenter A")
    store.save_edit(decided, based_on=record.revision, author="Presenter A", merge=True)
    head = store.load("CK-0412").case
    assert head.consultation_question.text == "theirs"
    assert [d.fingerprint for d in head.deid_decisions] == ["ab" * 8]
    assert head.identifiers == make_case().identifiers


def test_a_save_landing_during_a_merge_is_merged_too(store_url: str, key_file: KeyFile, monkeypatch):
    """If a third person saves while an edit is being merged, is the merge redone so all three edits
    are kept, rather than the edit being refused or the third one lost?"""
    from casekit.store import merge

    real_merge = merge.merge_cases
    with CaseStore.open(store_url, key=key_file) as store, CaseStore.open(store_url, key=key_file) as other:
        store.create(make_case(), author="Presenter A")
        mine = _edit_of(store, 1, goal="mine")
        store.save_edit(_edit_of(store, 1, question="theirs"), based_on=1, author="B", keep_identifiers=True)

        calls = []

        def merge_while_someone_saves(*args, **kwargs):
            calls.append(kwargs["head"])
            if len(calls) > 1:
                return real_merge(*args, **kwargs)
            third = other.load("CK-0412")
            third.case.identity.self_description.text = "a third edit"
            other.save(third.case, based_on=third.revision, author="Consultant C")
            return real_merge(*args, **kwargs)

        monkeypatch.setattr(merge, "merge_cases", merge_while_someone_saves)
        record = store.save_edit(mine, based_on=1, author="A", keep_identifiers=True, merge=True)
        head = store.load("CK-0412").case
    assert record.revision == 4 and calls == [2, 3]
    assert head.consultation_question.text == "theirs"
    assert head.goals[0].client_words.text == "mine"
    assert head.identity.self_description.text == "a third edit"


def test_an_edit_naming_a_revision_not_yet_saved_is_refused(store: CaseStore):
    """A copy that claims to come from revision 5 of a one-revision case: refused, saying which exist?"""
    from casekit.errors import CaseNotFoundError

    store.create(make_case(), author="Presenter A")
    with pytest.raises(CaseNotFoundError, match="revisions 1 to 1"):
        store.save_edit(_edit_of(store, 1, goal="x"), based_on=5, author="A", merge=True)
    assert store.head("CK-0412") == 1
