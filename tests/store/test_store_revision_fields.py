"""Are a revision's author and note — stored in clear and printed by `case history` — kept free of the
client's identifiers, on SQLite and PostgreSQL?"""

from __future__ import annotations

import pytest

from casekit.errors import CaseValidationError
from casekit.store import CaseStore
from tests.fictional import make_case


@pytest.mark.parametrize("author", ["Oriane V", "oriane", "Vasquez-Thibodeaux team"])
def test_an_author_holding_the_clients_name_is_refused_before_anything_is_stored(
    store: CaseStore, author: str
):
    """Is an --author that holds a piece of the client's name refused in one line naming the field,
    with nothing stored?"""
    with pytest.raises(CaseValidationError, match=r"^author: .*use your own alias") as info:
        store.create(make_case(), author=author)
    assert "Oriane" not in info.value.message and "Vasquez" not in info.value.message
    assert store.list_cases() == []


def test_a_note_holding_an_identifier_is_refused_and_the_head_is_unchanged(store: CaseStore):
    """Is a note made from an import's file name that holds the client's name (or phone) refused?"""
    case = make_case()
    record = store.create(case, author="Presenter A")
    for note in ("imported from oriane_vasquez.json", f"call {case.identifiers.phones[0]}"):
        with pytest.raises(CaseValidationError, match=r"^note: .*rename the file"):
            store.save(record.case, based_on=1, author="Presenter A", note=note)
    assert store.head(case.meta.case_id) == 1


def test_restore_refuses_an_author_holding_the_clients_name(store: CaseStore):
    """Does restoring a revision check its author against that revision's identifiers too?"""
    record = store.create(make_case(), author="Presenter A")
    with pytest.raises(CaseValidationError, match=r"^author: "):
        store.restore("CK-0412", 1, based_on=record.revision, author="Oriane")
    assert store.head("CK-0412") == 1


def test_ordinary_aliases_and_notes_are_stored(store: CaseStore):
    """Are an ordinary alias and note (with no piece of the identifiers) stored and listed as given?"""
    record = store.create(make_case(), author="Presenter A")
    store.save(record.case, based_on=1, author="Consultant B", note="imported from CK-0412.json")
    (*_, last) = store.history("CK-0412")
    assert (last.author, last.note) == ("Consultant B", "imported from CK-0412.json")
