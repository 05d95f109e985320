"""Least access below the user interface: can only the case's owner and supervisor read it, even
with the database in hand?"""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, select, text, update

from casekit.access import actions, keys
from casekit.access.envelope import CaseKey, open_body
from casekit.errors import AccessDeniedError, ConfigError, StoreError
from casekit.model import PrivateIdentifiers
from casekit.store import CaseStore
from casekit.store.tables import case_bodies_table, case_keys_table, revision_texts_table
from tests.access.conftest import Opener
from tests.fictional import STORE_IDENTIFIERS, make_case
from tests.store.store_helpers import raw_engine

CASE = "CK-0412"
#: A revision's author alias and note (fictional), which a people-access store seals with the case.
AUTHOR = "Rowan-Vale"
NOTE = "reframed the question after the choir rehearsal disclosure"


def _case_texts() -> list[bytes]:
    """Fragments of the fictional case's words and identifiers that must never be stored readable."""
    case = make_case(CASE)
    ids = STORE_IDENTIFIERS
    fragments = [
        case.identity.self_description.text[:30],
        case.consultation_question.text[:30],
        case.goals[0].client_words.text,
        ids.legal_name,
        *[w for w in ids.legal_name.split() if len(w) > 4],
    ]
    return [f.encode("utf-8") for f in fragments if f]


def _every_stored_value(url: str) -> list[bytes]:
    """Every value of every column of every row of every table, as bytes (straight from the database)."""
    out: list[bytes] = []
    engine = raw_engine(url)
    try:
        with engine.connect() as conn:
            for table in inspect(conn).get_table_names():
                for row in conn.execute(text(f'SELECT * FROM "{table}"')):
                    out += [v if isinstance(v, bytes) else str(v).encode("utf-8") for v in row]
                    out += [bytes(v) for v in row if isinstance(v, memoryview)]
    finally:
        engine.dispose()
    return out


def _wrapped_keys(url: str) -> list[tuple[str, bytes, int]]:
    engine = raw_engine(url)
    try:
        with engine.connect() as conn:
            k = case_keys_table
            rows = conn.execute(select(k.c.username, k.c.wrapped_key, k.c.key_version)).all()
    finally:
        engine.dispose()
    return [(r.username, bytes(r.wrapped_key), r.key_version) for r in rows]


def _bodies(url: str) -> dict[int, tuple[bytes, bytes, int]]:
    engine = raw_engine(url)
    try:
        with engine.connect() as conn:
            b = case_bodies_table
            rows = conn.execute(select(b).where(b.c.case_id == CASE)).all()
    finally:
        engine.dispose()
    return {r.revision: (bytes(r.nonce), bytes(r.blob), r.key_version) for r in rows}


def _revision_texts() -> list[bytes]:
    """The revision note and author alias that must never be stored readable in people access."""
    return [NOTE.encode("utf-8"), NOTE[-25:].encode("utf-8"), AUTHOR.encode("utf-8")]


def _create_and_edit(open_as: Opener, *, author: str = "Presenter A", note: str = "") -> None:
    with open_as("ana") as store:
        record = store.create(make_case(CASE), author=author)
        store.save(record.case, based_on=record.revision, author=author, note=note)


def _texts(url: str) -> dict[tuple[int, str], tuple[bytes, bytes, int]]:
    engine = raw_engine(url)
    try:
        with engine.connect() as conn:
            t = revision_texts_table
            rows = conn.execute(select(t).where(t.c.case_id == CASE)).all()
    finally:
        engine.dispose()
    return {(r.revision, r.field): (bytes(r.nonce), bytes(r.blob), r.key_version) for r in rows}


def test_a_member_cannot_read_an_unshared_case_even_with_the_database(open_as: Opener, store_url, people):
    """With direct database access and her own identity, can a group member find any of the case's
    words or identifiers in any column of any table, or open any key kept in the store? (She must not.)
    Nor its revisions' notes and author aliases?"""
    _create_and_edit(open_as, author=AUTHOR, note=NOTE)
    with open_as("mia") as store, pytest.raises(AccessDeniedError, match=f"case {CASE}: you hold no key"):
        store.load(CASE)
    stored = _every_stored_value(store_url)
    assert stored, "the scan read nothing"
    leaks = [f for f in _case_texts() if any(f in value for value in stored)]
    assert leaks == []
    text_leaks = [f for f in _revision_texts() if any(f in value for value in stored)]
    assert text_leaks == []
    wrapped = _wrapped_keys(store_url)
    assert {name for name, _, _ in wrapped} == {"ana"}
    assert all(keys.unwrap(blob, people["mia"].identity) is None for _, blob, _ in wrapped)
    assert all(keys.unwrap(blob, people["lena"].identity) is None for _, blob, _ in wrapped)


def test_the_owner_and_the_supervisor_read_the_whole_case(open_as: Opener):
    """Do the case's owner and, once granted, its supervisor both open every revision, identifiers and
    all, while the privacy lead still cannot?"""
    _create_and_edit(open_as)
    with open_as("ana") as store:
        actions.grant_supervisor(store, CASE, "sam")
        assert actions.holders(store, CASE) == {"ana": "owner", "sam": "supervisor"}
    for name in ("ana", "sam"):
        with open_as(name) as store:
            for revision in (1, 2):
                case = store.load(CASE, revision).case
                assert case.identifiers.legal_name == STORE_IDENTIFIERS.legal_name
                assert case.consultation_question.text == make_case(CASE).consultation_question.text
    with open_as("lena") as store, pytest.raises(AccessDeniedError):
        store.load(CASE)


def test_a_removed_supervisor_loses_access_at_once(open_as: Opener):
    """When the owner revokes the supervisor, does the supervisor's already-open store stop opening the
    case straight away, with no reopening?"""
    _create_and_edit(open_as)
    with open_as("ana") as owner:
        actions.grant_supervisor(owner, CASE, "sam")
        with open_as("sam") as supervisor:
            assert supervisor.load(CASE).revision == 2
            actions.revoke_supervisor(owner, CASE, "sam")
            with pytest.raises(AccessDeniedError):
                supervisor.load(CASE)
        assert owner.load(CASE).revision == 2
        assert actions.holders(owner, CASE) == {"ana": "owner"}


def test_a_person_removed_by_the_privacy_lead_loses_every_key_at_once(open_as: Opener):
    """When the privacy lead removes a supervisor from the group, are their case keys gone at once, and
    is the case named for its owner to rotate?"""
    _create_and_edit(open_as)
    with open_as("ana") as owner:
        actions.grant_supervisor(owner, CASE, "sam")
    with open_as("sam") as supervisor:
        assert supervisor.load(CASE).revision == 2
        with open_as("lena") as lead:
            assert actions.remove_person(lead, "sam") == [CASE]
        with pytest.raises(AccessDeniedError):
            supervisor.load(CASE)
    with open_as("ana") as owner:
        assert actions.holders(owner, CASE) == {"ana": "owner"}
        with pytest.raises(ConfigError, match="sam: not a registered person"):
            actions.grant_supervisor(owner, CASE, "sam")


def test_only_the_privacy_lead_manages_people(open_as: Opener, people):
    """Is a member refused when she tries to remove someone, in one line naming who may?"""
    with open_as("mia") as store, pytest.raises(AccessDeniedError, match="only the privacy lead"):
        actions.remove_person(store, "ana")


def test_rotation_changes_the_ciphertext_and_the_old_wrapped_key_no_longer_opens_it(
    open_as: Opener, store_url, people
):
    """After a rotation, is every body sealed anew under a new key version, does the owner's old wrapped
    key fail on the new bodies, and does the owner still read the case?"""
    _create_and_edit(open_as)
    before = _bodies(store_url)
    [(_, old_wrapped, old_version)] = _wrapped_keys(store_url)
    with open_as("ana") as store:
        assert actions.rotate_key(store, CASE) == old_version + 1
        after = _bodies(store_url)
        assert store.load(CASE, 1).case.identifiers.legal_name == STORE_IDENTIFIERS.legal_name
    assert set(after) == set(before) == {1, 2}
    assert all(after[r][1] != before[r][1] and after[r][2] == old_version + 1 for r in after)
    [(_, new_wrapped, _)] = _wrapped_keys(store_url)
    assert new_wrapped != old_wrapped
    raw = keys.unwrap(old_wrapped, people["ana"].identity)
    old_key = CaseKey.from_bytes(raw, old_version)
    assert old_key is not None and open_body(old_key, CASE, 1, *before[1][:2]) is not None
    as_new_version = CaseKey(old_key.dek, old_key.fingerprint, old_version + 1)
    assert all(open_body(k, CASE, r, *after[r][:2]) is None for r in after for k in (old_key, as_new_version))


def test_a_store_keeps_the_access_mode_it_was_made_with(store_url: str, people):
    """Is a shared-key store refused when opened for people access (its cases were never sealed per
    person), in one line saying to make a new store?"""
    CaseStore.open(store_url).close()
    with pytest.raises(ConfigError, match="a store keeps the mode it was made with"):
        CaseStore.open(store_url, access="people", person=people["ana"])


def test_the_database_scan_finds_case_words_a_shared_key_store_keeps_readable(store_url: str):
    """Does the same database scan find the case's words in a shared-key store (whose body is readable),
    so its finding nothing in a people-access store means something?"""
    with CaseStore.open(store_url) as store:
        record = store.create(make_case(CASE, identifiers=PrivateIdentifiers()), author="Presenter A")
        store.save(record.case, based_on=record.revision, author=AUTHOR, note=NOTE)
    stored = _every_stored_value(store_url)
    assert any(_case_texts()[1] in value for value in stored)
    assert all(any(f in value for value in stored) for f in _revision_texts())


def test_the_owner_reads_revision_notes_and_a_member_is_told_they_are_private(open_as: Opener):
    """Does the case's owner see each revision's note and author alias in the history, while a member
    without the key sees who saved it and an empty, marked-private note instead (never an error)?"""
    _create_and_edit(open_as, author=AUTHOR, note=NOTE)
    with open_as("ana") as store:
        owner = store.history(CASE)
        assert store.load(CASE).author == AUTHOR
    assert [(i.author, i.note, i.texts_sealed) for i in owner] == [(AUTHOR, "", False), (AUTHOR, NOTE, False)]
    with open_as("mia") as store:
        member = store.history(CASE)
    assert [(i.revision, i.author, i.note, i.texts_sealed) for i in member] == [
        (1, "", "", True),
        (2, "", "", True),
    ]
    assert [i.person for i in member] == ["ana", "ana"]


def test_rotation_reseals_revision_notes_and_aliases(open_as: Opener, store_url: str, people):
    """After a rotation, is every sealed note and alias sealed anew under the new key version (the old
    key opens none of them), and does the owner still read them?"""
    from casekit.access.envelope import open_text

    _create_and_edit(open_as, author=AUTHOR, note=NOTE)
    before = _texts(store_url)
    [(_, old_wrapped, old_version)] = _wrapped_keys(store_url)
    with open_as("ana") as store:
        actions.rotate_key(store, CASE)
        assert [(i.author, i.note) for i in store.history(CASE)] == [(AUTHOR, ""), (AUTHOR, NOTE)]
    after = _texts(store_url)
    assert set(after) == set(before) == {(r, f) for r in (1, 2) for f in ("author", "note")}
    assert all(after[k][1] != before[k][1] and after[k][2] == old_version + 1 for k in after)
    old_key = CaseKey.from_bytes(keys.unwrap(old_wrapped, people["ana"].identity), old_version)
    assert old_key is not None and open_text(old_key, CASE, 2, "note", *before[(2, "note")][:2]) == NOTE
    as_new_version = CaseKey(old_key.dek, old_key.fingerprint, old_version + 1)
    for (revision, field), (nonce, blob, _) in after.items():
        assert all(
            open_text(k, CASE, revision, field, nonce, blob) is None for k in (old_key, as_new_version)
        )


def test_a_note_moved_into_the_author_field_does_not_open(open_as: Opener, store_url: str):
    """If someone with database access swaps a revision's sealed note into its author field, is the
    history refused in one line instead of showing the note as the author?"""
    _create_and_edit(open_as, author=AUTHOR, note=NOTE)
    texts = _texts(store_url)
    engine = raw_engine(store_url)
    try:
        with engine.begin() as conn:
            t = revision_texts_table
            conn.execute(
                update(t)
                .where(t.c.case_id == CASE, t.c.revision == 2, t.c.field == "author")
                .values(nonce=texts[(2, "note")][0], blob=texts[(2, "note")][1])
            )
    finally:
        engine.dispose()
    with (
        open_as("ana") as store,
        pytest.raises(StoreError, match=f"case {CASE} revision 2: its sealed author"),
    ):
        store.history(CASE)


def test_the_only_person_who_can_open_a_case_is_not_removed(open_as: Opener):
    """Is the privacy lead refused, naming the case, when removing the owner would leave a case no one
    can open; and once a supervisor is granted, does the removal go through?"""
    _create_and_edit(open_as)
    with open_as("lena") as lead:
        with pytest.raises(ConfigError, match=f"ana: is the only person who can open case {CASE}"):
            actions.remove_person(lead, "ana")
        with open_as("ana") as owner:
            actions.grant_supervisor(owner, CASE, "sam")
            assert actions.remove_person(lead, "ana") == [CASE]
            with pytest.raises(AccessDeniedError):
                owner.load(CASE)
    with open_as("sam") as supervisor:
        assert supervisor.load(CASE).revision == 2
        assert actions.rotate_key(supervisor, CASE) == 2


def test_a_body_moved_to_another_revision_does_not_open(open_as: Opener, store_url: str):
    """If someone with database access swaps two revisions' sealed bodies, is the load refused in one
    line instead of showing one revision's words as another's?"""
    _create_and_edit(open_as)
    bodies = _bodies(store_url)
    engine = raw_engine(store_url)
    try:
        with engine.begin() as conn:
            b = case_bodies_table
            conn.execute(
                update(b)
                .where(b.c.case_id == CASE, b.c.revision == 1)
                .values(nonce=bodies[2][0], blob=bodies[2][1])
            )
    finally:
        engine.dispose()
    with open_as("ana") as store:
        assert store.load(CASE, 2).revision == 2
        with pytest.raises(StoreError, match=f"case {CASE} revision 1: the sealed body") as refused:
            store.load(CASE, 1)
    assert "\n" not in refused.value.message
