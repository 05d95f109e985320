"""Round trips, revisions, history and restore, on SQLite and PostgreSQL."""

from __future__ import annotations

import itertools
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from sqlalchemy import insert, update

from casekit.errors import (
    CaseExistsError,
    CaseNotFoundError,
    CaseValidationError,
    SchemaVersionError,
)
from casekit.model import Case, CaseMeta, Entry, PrivateIdentifiers, Voice
from casekit.store import CaseRecord, CaseStore, CaseSummary, KeyFile, RevisionInfo, generate_key_file
from casekit.store.tables import cases_table, revisions_table
from tests.fictional import make_case
from tests.store.store_helpers import StepClock, raw_engine


def test_a_created_case_loads_back_exactly(store: CaseStore):
    """Does a new case come back as revision 1 with every word and every identifier it was saved with?"""
    case = make_case()
    record = store.create(case, author="Presenter A")
    assert isinstance(record, CaseRecord)
    assert record.revision == 1
    assert record.author == "Presenter A"
    assert not record.identifiers_locked
    loaded = store.load("CK-0412")
    assert loaded.revision == 1
    assert loaded.saved_at == record.saved_at
    assert loaded.case == record.case == case
    assert loaded.case.identifiers.legal_name == "Oriane Vasquez-Thibodeaux"


def test_each_save_is_a_new_revision_and_old_ones_stay(store: CaseStore, clock: StepClock):
    """Does every save add a revision, leaving each earlier revision loadable as it was?"""
    case = make_case()
    store.create(case, author="Presenter A")
    texts = ["first thought", "second thought", "third thought"]
    for n, words in enumerate(texts, start=1):
        case.consultation_question.text = words
        record = store.save(case, based_on=n, author="Presenter A", note=f"edit {n}")
        assert record.revision == n + 1
        assert case.meta.updated == record.saved_at == clock.now
    assert store.head("CK-0412") == 4
    for n, words in enumerate(texts, start=2):
        assert store.load("CK-0412", n).case.consultation_question.text == words
    assert store.load("CK-0412", 1).case.consultation_question.text.startswith("How do I raise")
    assert store.load("CK-0412").revision == 4


def test_history_lists_every_revision_with_author_base_and_note(store: CaseStore):
    """Does history say who saved each revision, on which revision it was based and why?"""
    case = make_case()
    store.create(case, author="Presenter A")
    store.save(case, based_on=1, author="Consultant B", note="added the group's question")
    history = store.history("CK-0412")
    assert all(isinstance(h, RevisionInfo) for h in history)
    assert [(h.revision, h.author, h.based_on, h.note, h.restored_from) for h in history] == [
        (1, "Presenter A", None, "", None),
        (2, "Consultant B", 1, "added the group's question", None),
    ]
    assert history[0].saved_at < history[1].saved_at
    assert history[1].saved_at.tzinfo is not None


def test_restore_brings_back_an_old_revision_as_a_new_one(store: CaseStore):
    """Does restoring revision 1 add a revision with revision 1's words and identifiers, losing nothing?"""
    case = make_case()
    store.create(case, author="Presenter A")
    case.consultation_question.text = "a question I later regretted"
    case.identifiers.phones.append("+353 87 555 0142")
    store.save(case, based_on=1, author="Presenter A")
    record = store.restore("CK-0412", 1, based_on=2, author="Presenter A")
    assert record.revision == 3
    first = store.load("CK-0412", 1).case
    restored = store.load("CK-0412").case
    assert restored.model_dump(exclude={"meta": {"updated"}}) == first.model_dump(
        exclude={"meta": {"updated"}}
    )
    assert store.load("CK-0412", 2).case.consultation_question.text == "a question I later regretted"
    last = store.history("CK-0412")[-1]
    assert (last.restored_from, last.based_on) == (1, 2)


def test_create_refuses_an_id_that_is_taken(store: CaseStore):
    """Is a second case with the same id refused instead of replacing the first?"""
    store.create(make_case(), author="Presenter A")
    other = make_case()
    other.consultation_question.text = "someone else's question"
    with pytest.raises(CaseExistsError, match="CK-0412"):
        store.create(other, author="Presenter B")
    assert store.head("CK-0412") == 1
    assert store.load("CK-0412").case.consultation_question.text.startswith("How do I raise")


def test_missing_cases_and_revisions_are_reported(store: CaseStore):
    """Do load, head, history and save name the missing case or revision?"""
    with pytest.raises(CaseNotFoundError, match="CK-0999"):
        store.load("CK-0999")
    with pytest.raises(CaseNotFoundError, match="CK-0999"):
        store.head("CK-0999")
    with pytest.raises(CaseNotFoundError, match="CK-0999"):
        store.history("CK-0999")
    with pytest.raises(CaseNotFoundError, match="CK-0999"):
        store.save(make_case("CK-0999"), based_on=1, author="Presenter A")
    store.create(make_case(), author="Presenter A")
    with pytest.raises(CaseNotFoundError, match="no revision 7"):
        store.load("CK-0412", 7)
    with pytest.raises(CaseNotFoundError, match="no revision 7"):
        store.restore("CK-0412", 7, based_on=1, author="Presenter A")


def test_list_cases_is_sorted_and_filters_by_group(store: CaseStore):
    """Does the listing give every case in id order, and only the group's cases when asked?"""
    for case_id, group in [("CK-0300", "south"), ("CK-0100", "north-team"), ("CK-0200", None)]:
        case = make_case(case_id)
        case.meta.group = group
        store.create(case, author="Presenter A")
    listed = store.list_cases()
    assert [s.case_id for s in listed] == ["CK-0100", "CK-0200", "CK-0300"]
    assert all(isinstance(s, CaseSummary) and s.head_revision == 1 for s in listed)
    assert [s.case_id for s in store.list_cases(group="north-team")] == ["CK-0100"]
    assert store.list_cases(group="nobody") == []
    case = store.load("CK-0300").case
    case.meta.group = "north-team"
    store.save(case, based_on=1, author="Presenter A")
    moved = {s.case_id: s for s in store.list_cases(group="north-team")}
    assert sorted(moved) == ["CK-0100", "CK-0300"]
    assert moved["CK-0300"].head_revision == 2
    assert moved["CK-0300"].updated == store.load("CK-0300").saved_at


def test_bad_author_note_or_revision_is_refused(store: CaseStore):
    """Are an empty author, an over-long note and a revision of 0 refused with the field named?"""
    case = make_case()
    with pytest.raises(CaseValidationError, match="author"):
        store.create(case, author="  ")
    store.create(case, author="Presenter A")
    with pytest.raises(CaseValidationError, match="note"):
        store.save(case, based_on=1, author="Presenter A", note="x" * 5000)
    with pytest.raises(CaseValidationError, match="based_on"):
        store.save(case, based_on=0, author="Presenter A")
    assert store.head("CK-0412") == 1


def test_stored_json_is_validated_and_named_on_load(store_url: str, store: CaseStore):
    """Does a stored revision written by a newer casekit fail with a message naming case and revision?"""
    store.create(make_case(), author="Presenter A")
    content = json.loads(store.load("CK-0412").case.model_dump_json(exclude={"identifiers"}))
    content["schema_version"] = 99
    engine = raw_engine(store_url)
    with engine.begin() as conn:
        row = store.load("CK-0412")
        conn.execute(
            insert(revisions_table).values(
                case_id="CK-0412",
                revision=2,
                based_on=1,
                saved_at=row.saved_at,
                author="future casekit",
                note="",
                content=json.dumps(content),
            )
        )
        conn.execute(update(cases_table).where(cases_table.c.case_id == "CK-0412").values(head_revision=2))
    engine.dispose()
    with pytest.raises(SchemaVersionError, match="case CK-0412 revision 2: schema_version 99"):
        store.load("CK-0412")
    assert store.load("CK-0412", 1).revision == 1


_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=120
)


def test_generated_cases_round_trip_through_sqlite():
    """Does any case with arbitrary text and names come back from the store exactly as saved?"""
    with tempfile.TemporaryDirectory() as tmp:
        key = KeyFile(generate_key_file(Path(tmp) / "k"))
        numbers = itertools.count(1)
        with CaseStore.open(f"sqlite:///{tmp}/cases.db", key=key) as store:

            @settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
            @given(question=_text, words=_text, name=_text, others=st.lists(_text, max_size=3))
            def check(question: str, words: str, name: str, others: list[str]) -> None:
                try:
                    case = Case(
                        meta=CaseMeta(case_id=f"HY-{next(numbers):04d}", clinician_alias="Presenter A"),
                        identifiers=PrivateIdentifiers(legal_name=name[:300], other_names=others),
                        consultation_question=Entry(text=question, voice=Voice.CLINICIAN),
                    )
                except ValidationError:
                    assume(False)
                    return
                case.identity.self_description = Entry(text=words, voice=Voice.CLIENT)
                record = store.create(case, author="Presenter A")
                assert store.load(case.meta.case_id).case == record.case == case
                case.identity.naming = Entry(text=words + question, voice=Voice.HYPOTHESIS)
                store.save(case, based_on=1, author="Presenter A")
                assert store.load(case.meta.case_id).case == case

            check()
