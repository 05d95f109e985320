"""The home page's "Consent, supervision and learning" panel, driven in Python (values set, buttons
clicked), as tests/widgets/test_home.py drives the rest of the page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from casekit.model import ConsentStatus, ConsultationAudience, LearningKind, SupervisionTopic, Voice
from casekit.widgets.home import HomePage
from casekit.widgets.home_supervision import SupervisionPanel
from casekit.workspace import Workspace

TODAY = dt.date(2026, 11, 30)


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    """A workspace with casekit's six fictional example cases (CK-0101 to CK-0106)."""
    return Workspace.create(tmp_path / "ws", examples=True)


@pytest.fixture
def home(workspace: Workspace) -> Iterator[HomePage]:
    page = HomePage(workspace, use_ner=False)
    yield page
    page.close()


def _panel(workspace: Workspace, case_id: str) -> SupervisionPanel:
    return SupervisionPanel(workspace.open_store, case_id, today=lambda: TODAY)


def _stored(workspace: Workspace, case_id: str):
    with workspace.open_store() as store:
        return store.load(case_id)


def _new_case(home: HomePage) -> str:
    home.new_clinician.value = "Presenter Q"
    home.create_button.click()
    return home.case_list.value


def test_a_new_case_waits_for_consent_then_its_handout_is_written(home, workspace):
    """Is a new case's group handout refused with a plain line until consent is saved in the panel,
    and written once it is?"""
    case_id = _new_case(home)
    home.export_button.click()
    assert not list(workspace.exports_dir.glob(f"{case_id}*"))
    assert "consent to consultation comes first" in home.status.value
    assert "home page" in home.export_result.value and "Traceback" not in home.export_result.value
    panel = home.supervision.toggle()
    assert panel is not None and "Not recorded yet" in panel.consent_summary.value
    panel.consent_status.value = ConsentStatus.CLIENT_AGREED
    panel.consent_scope[ConsultationAudience.PEER_GROUP].value = True
    panel.consent_date.value = dt.date(2026, 11, 2)
    panel.consent_how.value = "Asked at the first session; they agreed."
    panel.consent_button.click()
    consent = _stored(workspace, case_id).case.consultation_consent
    assert consent.covers(ConsultationAudience.PEER_GROUP) and consent.date == dt.date(2026, 11, 2)
    assert "agreed on 02 Nov 2026 to a peer consultation group" in panel.consent_summary.value
    home.export_button.click()
    assert (workspace.exports_dir / f"{case_id}-summary.html").is_file(), home.status.value


@pytest.mark.parametrize(
    ("status", "problem"),
    [
        (ConsentStatus.CLIENT_AGREED, "Tick where the client agreed"),
        (ConsentStatus.NOT_NEEDED, "Write why asking is not needed"),
    ],
)
def test_consent_that_says_too_little_is_not_saved(workspace, status, problem):
    """Is "agreed" with nowhere ticked, or "not needed" without a reason, refused in plain words,
    with no new revision?"""
    before = _stored(workspace, "CK-0101").revision
    panel = _panel(workspace, "CK-0101")
    panel.consent_status.value = status
    for box in panel.consent_scope.values():
        box.value = False
    panel.consent_reason.value = ""
    panel.consent_button.click()
    assert problem in panel.status.value and "alert" in panel.status.value
    assert _stored(workspace, "CK-0101").revision == before


def test_supervision_only_consent_lets_only_a_supervision_handout_out(home, workspace):
    """With consent to supervision only, is the group handout refused while the supervision one is
    written?"""
    panel = _panel(workspace, "CK-0102")
    panel.consent_scope[ConsultationAudience.PEER_GROUP].value = False
    panel.consent_scope[ConsultationAudience.SUPERVISION].value = True
    panel.consent_button.click()
    assert "agreed" in panel.consent_summary.value and "to supervision." in panel.consent_summary.value
    home.case_list.value = "CK-0102"
    home.export_button.click()
    assert "not to a peer consultation group" in home.export_result.value
    home.handout_for.value = "supervision"
    home.handout_kind.value = "brief"
    home.export_button.click()
    written = workspace.exports_dir / "CK-0102-brief.html"
    assert written.is_file(), home.status.value
    assert b"prepared for supervision" in written.read_bytes()


def test_a_meeting_is_saved_in_both_voices_and_the_form_clears(workspace):
    """Does "Save this meeting" store the date, topics and the four notes in the right voices, then
    clear the form for the next meeting?"""
    panel = _panel(workspace, "CK-0101")
    assert panel.meeting_date.value == TODAY
    panel.meeting_topics[SupervisionTopic.COUNTERTRANSFERENCE].value = True
    panel.meeting_topics[SupervisionTopic.SYSTEMS_AND_POWER].value = True
    panel.supervisee_notes.value = "I noticed I lean on our shared background."
    panel.supervisor_notes.value = "Good catch; try asking instead of assuming."
    panel.supervisor_reflection.value = "I do the same with supervisees like me."
    panel.supervisee_feedback.value = "Slower, please; more practice."
    panel.meeting_button.click()
    meeting = _stored(workspace, "CK-0101").case.supervision_meetings[-1]
    assert meeting.date == TODAY
    assert meeting.topics == [SupervisionTopic.COUNTERTRANSFERENCE, SupervisionTopic.SYSTEMS_AND_POWER]
    assert meeting.supervisee_notes.voice is Voice.CLINICIAN
    assert meeting.supervisor_notes.voice is meeting.supervisor_reflection.voice is Voice.CONSULTANT
    assert meeting.supervisee_feedback.text == "Slower, please; more practice."
    assert panel.supervisee_notes.value == "" and not any(b.value for b in panel.meeting_topics.values())
    assert "1 meeting written up so far; the latest on 30 Nov 2026" in panel.meetings_list.value


def test_an_empty_meeting_is_not_saved(workspace):
    """Is a meeting with no note at all refused, saving nothing?"""
    before = _stored(workspace, "CK-0101").revision
    panel = _panel(workspace, "CK-0101")
    panel.meeting_button.click()
    assert "Write at least one note" in panel.status.value
    assert _stored(workspace, "CK-0101").revision == before


def test_a_learning_item_is_added_updated_and_closed(workspace):
    """Can an item be added with its kind and review date, given a dated update, and marked done?"""
    panel = _panel(workspace, "CK-0101")
    panel.new_kind.value = LearningKind.TRAINING
    panel.new_what.value = "A half-day course on working with Deaf clients and interpreters"
    panel.new_review.value = dt.date(2027, 1, 15)
    panel.add_button.click()
    item = _stored(workspace, "CK-0101").case.learning_plan[-1]
    assert (item.kind, item.review.date, item.date, item.status.value) == (
        LearningKind.TRAINING,
        dt.date(2027, 1, 15),
        TODAY,
        "open",
    )
    assert "half-day course" in panel.learning_list.value
    panel.item_choice.value = item.id
    panel.update_text.value = "Booked for December."
    panel.update_button.click()
    panel.update_date.value = dt.date(2026, 12, 20)
    panel.update_text.value = "Done; notes shared with my supervisor."
    panel.close_button.click()
    item = _stored(workspace, "CK-0101").case.learning_plan[-1]
    assert [u.note.text for u in item.ordered_updates()] == [
        "Booked for December.",
        "Done; notes shared with my supervisor.",
    ]
    assert item.updates[-1].date == dt.date(2026, 12, 20)
    assert item.status.value == "closed" and "Done" in panel.learning_list.value


def test_an_update_needs_an_item_and_words(workspace):
    """Is an update with no item chosen, or no words, refused in plain words?"""
    panel = _panel(workspace, "CK-0102")  # no learning plan yet
    panel.update_text.value = "Going well."
    panel.update_button.click()
    assert "Choose an item" in panel.status.value


def test_saving_keeps_what_the_formulation_form_saved_meanwhile(workspace):
    """Does a panel save start from the newest revision, so an edit saved elsewhere since the panel
    opened is kept?"""
    panel = _panel(workspace, "CK-0101")
    with workspace.open_store() as store:
        record = store.load("CK-0101")
        record.case.consultation_question.text = "A new question saved in the form."
        store.save(record.case, based_on=record.revision, author="Presenter A")
    panel.ask.value = "Questions to take back, please."
    panel.ask_button.click()
    case = _stored(workspace, "CK-0101").case
    assert case.consultation_question.text == "A new question saved in the form."
    assert case.wanted_from_group.text == "Questions to take back, please."


def test_the_panel_follows_the_chosen_case_and_uses_no_field_names(home):
    """Does the panel close when another case is chosen, and do its words avoid internal names?"""
    home.case_list.value = "CK-0101"
    panel = home.supervision.toggle()
    assert panel is not None and panel in home.supervision.children
    words = " ".join(
        str(getattr(w, attr, ""))
        for w in _descendants(panel)
        for attr in ("value", "description", "placeholder")
        if isinstance(getattr(w, attr, ""), str)
    )
    for internal in ("consultation_consent", "peer_group", "not_needed", "supervisee_notes", "learning_plan"):
        assert internal not in words, internal
    home.case_list.value = "CK-0102"
    assert home.supervision.panel is None and home.supervision.case_id == "CK-0102"


def _descendants(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _descendants(child)
