"""Do casekit's choices carry their labels in one way, and store only their values?"""

from __future__ import annotations

import json

import pytest

from casekit.audit.assessment import Area, Rating, Theme
from casekit.labels import LabelledEnum
from casekit.model import SCHEMA_VERSION, Case, Domain, SupervisionTopic, Voice
from casekit.session.model import ActionKind, ContributionKind, Lens, Role

LABELLED = [Voice, Domain, SupervisionTopic, Theme, Area, Rating, Role, Lens, ContributionKind, ActionKind]


@pytest.mark.parametrize("enum", LABELLED, ids=lambda e: e.__name__)
def test_every_choice_has_its_own_plain_label(enum):
    """Is each member's label non-empty, free of underscores and different from its neighbours'?"""
    assert issubclass(enum, LabelledEnum)
    labels = [member.label for member in enum]
    assert all(label.strip() and "_" not in label for label in labels), labels
    assert len(set(labels)) == len(labels), labels


@pytest.mark.parametrize("enum", LABELLED, ids=lambda e: e.__name__)
def test_a_choice_is_stored_and_read_back_by_its_value(enum):
    """Is a member found by its stored value, and does it compare and print as that value?"""
    for member in enum:
        assert enum(member.value) is member
        assert member == member.value
        assert str(member) == member.value
        assert json.dumps(member) == json.dumps(member.value)


def test_known_labels_are_the_ones_clinicians_have_always_seen():
    """Are a few labels from each family exactly the text the forms and summaries showed before?"""
    assert Voice.CLIENT.label == "Client's words"
    assert Domain.OTHER.label == "Something else"
    assert SupervisionTopic.SYSTEMS_AND_POWER.label == "Systemic issues and power"
    assert Rating.NOT_STARTED.label == "Not started"
    assert Role.NOTE_TAKER.label == "Note-taker"
    assert Lens.NONE.label == "No particular lens"
    assert ActionKind.COMMUNITY_PARTNER.label == "Talking with a community partner"


def test_a_case_file_holds_values_not_labels():
    """Does a saved case write a choice as its value (``"clinician"``), never its label?"""
    case = Case.model_validate(
        {"schema_version": SCHEMA_VERSION, "meta": {"case_id": "CK-0001", "clinician_alias": "A"}}
    )
    dumped = case.model_dump(mode="json")
    assert dumped["positionality"]["shaping_perception"]["voice"] == "clinician"
