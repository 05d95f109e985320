"""The private identifiers at rest: encrypted, bound to their case, locked without the key."""

from __future__ import annotations

import base64
import stat
from pathlib import Path

import pytest
from sqlalchemy import insert, select, update

from casekit.errors import EncryptionKeyError, StoreError
from casekit.model import PrivateIdentifiers
from casekit.store import CaseStore, KeyFile, Passphrase, generate_key_file
from casekit.store.tables import cases_table, revisions_table
from tests.fictional import STORE_IDENTIFIERS, make_case
from tests.store.store_helpers import StepClock, raw_engine


def _leaks(haystack: bytes, values: list[str]) -> list[str]:
    """Every value found in ``haystack`` as UTF-8, case-folded, or UTF-16 (either byte order)."""
    folded = haystack.decode("utf-8", errors="replace").casefold()
    found = []
    for value in values:
        forms = [value.encode("utf-8"), value.encode("utf-16-le"), value.encode("utf-16-be")]
        if any(form in haystack for form in forms) or value.casefold() in folded:
            found.append(value)
    return found


def _store_bytes(db: Path) -> bytes:
    return b"".join(p.read_bytes() for p in (db, Path(f"{db}-wal"), Path(f"{db}-shm")) if p.exists())


def test_no_identifier_reaches_the_sqlite_files(tmp_path: Path, key_file: KeyFile):
    """Is every identifier of a case absent from the raw bytes of the database and its WAL, in any case
    and in UTF-8 or UTF-16, while the clinical text is there in clear?"""
    db = tmp_path / "cases.db"
    values = STORE_IDENTIFIERS.values()
    assert len(values) >= 15
    with CaseStore.open(f"sqlite:///{db}", key=key_file) as store:
        case = make_case()
        store.create(case, author="Presenter A")
        for n in range(3):
            case.consultation_question.text = f"revision {n + 2} of the question"
            store.save(case, based_on=n + 1, author="Presenter A")
        store.restore("CK-0412", 1, based_on=4, author="Presenter A")
        assert Path(f"{db}-wal").exists()
        raw = _store_bytes(db)
        assert b"revision 4 of the question" in raw  # the scan does see stored text
        assert _leaks(raw, values) == []
    raw = _store_bytes(db)  # after the WAL is checkpointed into the main file
    assert b"eldest daughter" in raw
    assert _leaks(raw, values) == []


@pytest.mark.postgres
def test_no_identifier_is_stored_in_clear_in_postgresql(postgres_url: str, key_file: KeyFile):
    """Is every identifier absent from every stored column in PostgreSQL, read back as raw text?"""
    with CaseStore.open(postgres_url, key=key_file) as store:
        case = make_case()
        store.create(case, author="Presenter A")
        store.save(case, based_on=1, author="Presenter A")
    engine = raw_engine(postgres_url)
    with engine.connect() as conn:
        rows = conn.execute(select(revisions_table)).all() + conn.execute(select(cases_table)).all()
    engine.dispose()
    dump = b"\n".join(
        bytes(v) if isinstance(v, bytes | memoryview) else str(v).encode("utf-8") for row in rows for v in row
    )
    assert b"eldest daughter" in dump
    assert _leaks(dump, STORE_IDENTIFIERS.values()) == []


def test_a_wrong_key_fails_when_the_store_opens(store_url: str, key_file: KeyFile, tmp_path: Path):
    """Does opening a store with another key file fail at once, naming that file, instead of reading
    garbage later?"""
    with CaseStore.open(store_url, key=key_file) as store:
        store.create(make_case(), author="Presenter A")
    other = KeyFile(generate_key_file(tmp_path / "other.key"))
    with pytest.raises(EncryptionKeyError, match=r"the key in .*other\.key does not open this store"):
        CaseStore.open(store_url, key=other)
    with pytest.raises(EncryptionKeyError, match="the passphrase does not open this store"):
        CaseStore.open(store_url, key=Passphrase("not the key"))


def test_a_group_passphrase_opens_the_store_for_every_member(store_url: str):
    """Do two members with the same passphrase read each other's identifiers, and a wrong one fail?"""
    with CaseStore.open(store_url, key=Passphrase("correct horse battery")) as member_a:
        member_a.create(make_case(), author="Member A")
    with CaseStore.open(store_url, key=Passphrase("correct horse battery")) as member_b:
        assert member_b.load("CK-0412").case.identifiers == STORE_IDENTIFIERS
    with pytest.raises(EncryptionKeyError):
        CaseStore.open(store_url, key=Passphrase("Correct horse battery"))


def test_without_the_key_the_case_opens_with_identifiers_locked(store_url: str, key_file: KeyFile):
    """Without the key, is the rest of the case readable, the identifiers empty and marked locked?"""
    with CaseStore.open(store_url, key=key_file) as store:
        store.create(make_case(), author="Presenter A")
        store.create(make_case("CK-0500", identifiers=PrivateIdentifiers()), author="Presenter A")
    with CaseStore.open(store_url) as locked:
        assert not locked.has_key
        record = locked.load("CK-0412")
        assert record.identifiers_locked
        assert record.case.identifiers.is_empty()
        assert record.case.identity.self_description.text.startswith("I am the eldest daughter")
        assert not locked.load("CK-0500").identifiers_locked


def test_saving_without_the_key_carries_the_identifiers_forward(store_url: str, key_file: KeyFile):
    """When a member without the key edits and saves a case, and restores an old revision, are the
    identifiers kept (never wiped) and readable again with the key?"""
    with CaseStore.open(store_url, key=key_file) as store:
        case = make_case()
        store.create(case, author="Presenter A")
        case.identifiers.emails.append("second.address@example.org")
        store.save(case, based_on=1, author="Presenter A")
    with CaseStore.open(store_url, clock=StepClock()) as locked:
        record = locked.load("CK-0412")
        record.case.consultation_question.text = "edited without the key"
        saved = locked.save(record.case, based_on=2, author="Consultant B")
        assert saved.identifiers_locked
        locked.restore("CK-0412", 1, based_on=3, author="Consultant B")
    with CaseStore.open(store_url, key=key_file) as store:
        edited = store.load("CK-0412", 3).case
        assert edited.consultation_question.text == "edited without the key"
        assert edited.identifiers.emails == ["oriane.vt@example.org", "second.address@example.org"]
        assert store.load("CK-0412", 4).case.identifiers == STORE_IDENTIFIERS
        assert store.load("CK-0412").case.identifiers.is_empty() is False


def test_saving_identifiers_without_the_key_is_refused(store_url: str):
    """Is a case with identifiers refused by a store opened without a key, with the fix, and nothing
    stored?"""
    with CaseStore.open(store_url) as store:
        with pytest.raises(EncryptionKeyError, match="cannot be saved without the key; open the store with"):
            store.create(make_case(), author="Presenter A")
        assert store.list_cases() == []
        store.create(make_case(identifiers=PrivateIdentifiers()), author="Presenter A")
        case = store.load("CK-0412").case
        case.identifiers.legal_name = "Someone Typed-In"
        with pytest.raises(EncryptionKeyError):
            store.save(case, based_on=1, author="Presenter A")
        assert store.head("CK-0412") == 1


def test_a_blob_moved_to_another_case_does_not_decrypt(store_url: str, key_file: KeyFile):
    """If someone copies one case's encrypted identifiers into another case, does loading refuse?"""
    with CaseStore.open(store_url, key=key_file) as store:
        store.create(make_case("CK-0001"), author="Presenter A")
        store.create(make_case("CK-0002", identifiers=PrivateIdentifiers()), author="Presenter A")
        engine = raw_engine(store_url)
        with engine.begin() as conn:
            source = conn.execute(select(revisions_table).where(revisions_table.c.case_id == "CK-0001")).one()
            target = conn.execute(select(revisions_table).where(revisions_table.c.case_id == "CK-0002")).one()
            values = dict(target._mapping)
            values.update(
                revision=2,
                based_on=1,
                identifiers_nonce=source.identifiers_nonce,
                identifiers_blob=source.identifiers_blob,
                sealed_revision=1,
            )
            conn.execute(insert(revisions_table).values(**values))
            conn.execute(
                update(cases_table).where(cases_table.c.case_id == "CK-0002").values(head_revision=2)
            )
        engine.dispose()
        with pytest.raises(
            StoreError, match="case CK-0002 revision 2: the stored identifiers do not decrypt"
        ):
            store.load("CK-0002")
        assert store.load("CK-0002", 1).case.identifiers.is_empty()


def test_key_file_is_private_and_never_overwritten(tmp_path: Path):
    """Is a new key file mode 0600 with 32 random bytes, and is an existing key never replaced?"""
    path = generate_key_file(tmp_path / "identifiers.key")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(base64.b64decode(path.read_bytes().strip())) == 32
    before = path.read_bytes()
    with pytest.raises(EncryptionKeyError, match="already exists; casekit never overwrites a key"):
        generate_key_file(path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["identifiers.key"]


def test_broken_or_missing_key_files_are_explained(tmp_path: Path, store_url: str):
    """Does a missing or damaged key file fail with a message naming the file and the fix?"""
    with pytest.raises(EncryptionKeyError, match=r"missing\.key: no key file here"):
        CaseStore.open(store_url, key=KeyFile(tmp_path / "missing.key"))
    bad = tmp_path / "bad.key"
    bad.write_text("not a key\n")
    with pytest.raises(EncryptionKeyError, match=r"bad\.key: not a casekit key file"):
        CaseStore.open(store_url, key=KeyFile(bad))
    with pytest.raises(EncryptionKeyError, match="passphrase is empty"):
        Passphrase("   ")
    assert "correct" not in repr(Passphrase("correct horse"))
