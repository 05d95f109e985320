"""The people of a people-access store: enrolment, the privacy lead's register, removal and return."""

from __future__ import annotations

from pathlib import Path

import pytest

from casekit.access import actions
from casekit.access.keys import Holder
from casekit.errors import AccessDeniedError, ConfigError
from tests.access.conftest import Opener


def _roles(store) -> dict[str, tuple[str, bool]]:
    return {p.username: (p.role, p.removed_at is None) for p in actions.list_people(store)}


def test_the_first_person_enrolled_is_the_privacy_lead_and_the_rest_are_members(open_as: Opener):
    """Is the first person to open the store its privacy lead, and everyone after a member?"""
    with open_as("ana") as store:
        assert _roles(store) == {
            "lena": ("privacy-lead", True),
            "ana": ("member", True),
            "sam": ("member", True),
            "mia": ("member", True),
        }


def test_a_removed_person_stays_removed_until_the_privacy_lead_adds_them_again(
    open_as: Opener, store_url: str, tmp_path: Path
):
    """Does opening the store again leave a removed person removed, and can only the privacy lead add
    them back, with the new key they send?"""
    from casekit.store import CaseStore

    with open_as("lena") as lead:
        actions.remove_person(lead, "mia")
    with open_as("mia") as store:
        assert _roles(store)["mia"] == ("member", False)
        with pytest.raises(AccessDeniedError, match="only the privacy lead may add people"):
            actions.add_person(store, "mia", store.access.holder.public_key)
    new_mia = Holder.from_file("mia", tmp_path / "new-home" / "identity")
    with open_as("lena") as lead:
        with pytest.raises(ConfigError, match="not an age public key"):
            actions.add_person(lead, "mia", "age1notakey")
        actions.add_person(lead, "mia", new_mia.public_key)
        assert _roles(lead)["mia"] == ("member", True)
    with CaseStore.open(store_url, person=new_mia) as store:
        assert [p.public_key for p in actions.list_people(store) if p.username == "mia"] == [
            new_mia.public_key
        ]


def test_the_last_privacy_lead_cannot_be_removed(open_as: Opener):
    """Is removing the only privacy lead refused, so someone can always manage people?"""
    with open_as("lena") as lead, pytest.raises(AccessDeniedError, match="only privacy lead"):
        actions.remove_person(lead, "lena")
