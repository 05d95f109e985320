"""Consent to consultation, supervision meetings and the learning plan in the case model."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from pydantic import ValidationError

from casekit.model import (
    ConsentStatus,
    ConsultationAudience,
    ConsultationConsent,
    LearningItem,
    LearningUpdate,
    SupervisionMeeting,
    Voice,
    case_to_json,
    parse_case_json,
)
from casekit.model.walk import iter_dated, iter_texts
from tests.fictional import clinician, full_case, new_case

GROUP, SUPERVISION, TEACHING = (
    ConsultationAudience.PEER_GROUP,
    ConsultationAudience.SUPERVISION,
    ConsultationAudience.TEACHING,
)


def test_consent_is_not_recorded_by_default_and_covers_nothing():
    """Does a new consent record say "not recorded" and let no audience through?"""
    consent = ConsultationConsent()
    assert consent.status is ConsentStatus.NOT_RECORDED
    assert not any(consent.covers(a) for a in ConsultationAudience)


def test_agreement_covers_only_the_scope_the_client_agreed_to():
    """When the client agreed to supervision only, is supervision covered and the group not?"""
    consent = ConsultationConsent(
        status=ConsentStatus.CLIENT_AGREED, scope=[SUPERVISION], date=dt.date(2026, 3, 2)
    )
    assert consent.covers(SUPERVISION)
    assert not consent.covers(GROUP) and not consent.covers(TEACHING)


def test_not_needed_covers_every_audience_only_with_a_reason():
    """Is "not needed" honoured only once it says why?"""
    consent = ConsultationConsent(status=ConsentStatus.NOT_NEEDED)
    assert not consent.covers(GROUP)
    consent.not_needed_because = clinician("The intake agreement covers consultation.")
    assert all(consent.covers(a) for a in ConsultationAudience)


def test_a_case_file_written_before_these_parts_reads_with_its_supervision_notes():
    """Does a case file without consent, meetings or a learning plan still read, its old supervision
    notes intact and its consent not recorded?"""
    data = json.loads(case_to_json(full_case()))
    for key in ("consultation_consent", "supervision_meetings", "learning_plan", "wanted_from_group"):
        data.pop(key)
    case = parse_case_json(json.dumps(data), source="old.json")
    assert [n.note.text for n in case.supervision_notes] == [
        "Repair went well; keep checking in.",
        "Notice the urge to fix.",
    ]
    assert case.consultation_consent.status is ConsentStatus.NOT_RECORDED
    assert case.supervision_meetings == [] and case.learning_plan == []


def test_meetings_and_learning_round_trip_through_json():
    """Do a meeting and a learning item with updates come back from JSON as they went in?"""
    case = full_case()
    again = parse_case_json(case_to_json(case), source="roundtrip.json")
    assert again.supervision_meetings == case.supervision_meetings
    assert again.learning_plan == case.learning_plan
    assert again.consultation_consent == case.consultation_consent


def test_the_walker_finds_every_new_text_and_date():
    """Are the meeting notes, learning text and updates, consent notes and the presenter's ask texts
    to scrub, and the consent, meeting, learning, review and update dates dated parts to seal?"""
    texts = dict(iter_texts(full_case()))
    for path in (
        "supervision_meetings[0].supervisee_notes",
        "supervision_meetings[0].supervisor_notes",
        "supervision_meetings[0].supervisor_reflection",
        "supervision_meetings[0].supervisee_feedback",
        "learning_plan[0].what",
        "learning_plan[0].updates[0].note",
        "consultation_consent.how_asked",
        "consultation_consent.not_needed_because",
        "wanted_from_group",
    ):
        assert path in texts, path
    dated = {path for path, _ in iter_dated(full_case())}
    for path in (
        "consultation_consent",
        "supervision_meetings[0]",
        "learning_plan[0]",
        "learning_plan[0].review",
        "learning_plan[0].updates[0]",
    ):
        assert path in dated, path


def test_voices_of_a_meeting_are_the_supervisee_and_the_supervisor():
    """Is a new meeting's supervisee side in the clinician's voice and the supervisor's in the
    consultant's?"""
    meeting = SupervisionMeeting()
    assert meeting.supervisee_notes.voice is meeting.supervisee_feedback.voice is Voice.CLINICIAN
    assert meeting.supervisor_notes.voice is meeting.supervisor_reflection.voice is Voice.CONSULTANT


def test_an_update_needs_a_date_and_updates_sort_by_it():
    """Is an undated learning update refused, and are updates listed oldest first?"""
    with pytest.raises(ValidationError):
        LearningUpdate()  # type: ignore[call-arg]
    item = LearningItem(
        updates=[
            LearningUpdate(date=dt.date(2026, 5, 1), note=clinician("second")),
            LearningUpdate(date=dt.date(2026, 4, 1), note=clinician("first")),
        ]
    )
    assert [u.note.text for u in item.ordered_updates()] == ["first", "second"]


def test_new_cases_of_the_test_builder_record_consent():
    """Does the one test-case builder record consent covering a peer group (so export tests export)?"""
    assert new_case("CK-0001").consultation_consent.covers(GROUP)
