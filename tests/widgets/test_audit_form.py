"""The self-assessment form, driven headless through its widgets the way a quality lead would use it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import ipywidgets as widgets
import pytest

from casekit.audit.assessment import Rating, Theme, blank_assessment
from casekit.audit.history import save_assessment, stored_assessment, stored_dates
from casekit.errors import StoreError
from casekit.widgets.self_assessment_form import (
    AssessmentForm,
    ItemEditor,
    open_assessment_form,
    show_assessment_form,
)
from casekit.workspace import Workspace
from tests.widgets.helpers import descendants

SPRING = dt.date(2026, 3, 2)
AUTUMN = dt.date(2026, 9, 7)


def _today() -> dt.date:
    return AUTUMN


@pytest.fixture
def audits(tmp_path: Path) -> Workspace:
    """A workspace whose store holds one earlier (spring) audit with a rating, note, action and owner."""
    ws = Workspace.create(tmp_path / "ws")
    spring = blank_assessment(SPRING)
    item = spring.item("interpreters")
    item.rating = Rating.BEGINNING
    item.notes = "Interpreters are booked only when a client asks twice."
    item.action = "Write down how to book an interpreter."
    item.owner = "Front-desk lead"
    spring.item("fees-fair").rating = Rating.DEVELOPING
    save_assessment(spring, ws)
    return ws


@pytest.fixture
def make_form(audits: Workspace):
    """Build forms on the workspace with a fixed 'today' and pattern-only name checks."""
    forms: list[AssessmentForm] = []

    def make(**options) -> AssessmentForm:
        options.setdefault("today", _today)
        options.setdefault("use_ner", False)
        form = AssessmentForm(audits.root, **options)
        forms.append(form)
        return form

    yield make
    for form in forms:
        form.close()


def _editor(form: AssessmentForm, item_id: str) -> ItemEditor:
    item = form.assessment.item(item_id)
    return next(e for e in form.editors(item.theme) if e.item.id == item_id)


def _stored(ws: Workspace) -> list[str]:
    return [day.isoformat() for day in stored_dates(ws)]


def test_new_audit_starts_from_the_previous_one_and_writes_nothing_until_saved(make_form, audits):
    """Does a new audit copy the last one's ratings, notes, actions and owners, and stay unwritten?"""
    form = make_form()
    assert form.assessment.date == AUTUMN
    item = form.assessment.item("interpreters")
    assert (item.rating, item.owner) == (Rating.BEGINNING, "Front-desk lead")
    assert item.action == "Write down how to book an interpreter."
    editor = _editor(form, "interpreters")
    assert editor.rating.value == "beginning" and editor.owner.value == "Front-desk lead"
    assert "Last audit: beginning" in editor.prompt.value
    assert form.save_status == "not saved" and "only when you press Save audit" in form.status_detail
    assert _stored(audits) == ["2026-03-02"]


def test_saving_writes_the_audit_and_compares_it_with_the_previous_one(make_form, audits):
    """After rating, noting and assigning through the widgets and pressing Save, is the JSON stored and
    compared with the spring audit?"""
    form = make_form()
    editor = _editor(form, "interpreters")
    editor.rating.value = "developing"
    editor.notes.value = "Phone interpreting is booked at the first call now."
    editor.action.value = "Add sign language interpreting to the booking guide."
    editor.owner.value = "Intake coordinator"
    editor.review_by.value = dt.date(2027, 3, 1)
    _editor(form, "fees-fair").rating.value = "beginning"
    assert form.save_status == "not saved" and form.status_detail == "changes not saved yet"
    form.save_button.click()
    assert form.save_status == "saved" and form.status_detail == "the audit of 2026-09-07, version 1"
    assert _stored(audits) == ["2026-03-02", "2026-09-07"]
    stored = stored_assessment(audits, AUTUMN).assessment.model_dump(mode="json")
    row = next(i for i in stored["items"] if i["id"] == "interpreters")
    assert row == {
        **row,
        "rating": "developing",
        "notes": "Phone interpreting is booked at the first call now.",
        "action": "Add sign language interpreting to the booking guide.",
        "owner": "Intake coordinator",
        "review_by": "2027-03-01",
    }
    comparison = form.comparison()
    assert comparison.previous_date == SPRING
    assert [c.id for c in comparison.improved] == ["interpreters"]
    assert [c.id for c in comparison.slipped] == ["fees-fair"]
    assert [c.id for c in comparison.new_actions] == ["interpreters"]
    assert "1 item improved, 1 slipped, and 1 action is new or changed" in form.summary.value
    assert "2026-09-07" in form.stored_dates.options


def test_invalid_owner_is_shown_inline_and_nothing_is_written(make_form, audits):
    """Is an owner that cannot be a role refused under its item, with the save refused and no file?"""
    form = make_form()
    editor = _editor(form, "interpreters")
    editor.owner.value = "owner@clinic.example; call 555-201-3344"
    assert "write the owner as a role" in editor.message.value
    assert editor.message.layout.display is None
    assert form.assessment.item("interpreters").owner == "Front-desk lead"  # the old value stays
    assert form.save() is False
    assert form.save_status == "not saved" and "› owner: write the owner as a role" in form.status_detail
    assert _stored(audits) == ["2026-03-02"]
    editor.owner.value = "Intake coordinator"
    assert "ck-error" not in editor.message.value
    assert form.save() is True


def test_a_note_that_looks_like_a_name_or_contact_warns_without_blocking(make_form, audits):
    """Does a note naming a person or a phone number get an inline warning (not its text), and still save?"""
    form = make_form()
    editor = _editor(form, "complaints-safe")
    editor.notes.value = "Dr. Okafor takes complaints on 555-201-3344."
    assert "Notes seems to include a person's name and a phone number" in editor.message.value.replace(
        "&#x27;", "'"
    )
    assert "Okafor" not in editor.message.value and "555" not in editor.message.value
    editor.notes.value = "Complaints go to the practice manager, in any language."
    assert editor.message.layout.display == "none"
    assert form.save() is True


def test_the_name_recogniser_flags_an_untitled_name_in_an_owner(make_form):
    """With the name recogniser on, is an owner written as a person's name (no title) warned about?"""
    form = make_form(use_ner=True)
    editor = _editor(form, "leaders-commit")
    editor.owner.value = "Maria Lopez"
    assert "Owner seems to include a person" in editor.message.value
    editor.owner.value = "Clinical director"
    assert "Owner" not in editor.message.value


def test_a_panel_builds_its_inputs_only_when_opened(make_form):
    """Does a fresh form (as in a headless run) hold no item inputs until a theme's panel is opened?"""
    form = make_form()
    assert not [w for w in descendants(form) if isinstance(w, widgets.ToggleButtons) and w is not form.themes]
    fresh = len(list(descendants(form)))
    form.themes.value = Theme.ENGAGEMENT
    ratings = [w for w in descendants(form) if isinstance(w, widgets.ToggleButtons) and w is not form.themes]
    assert len(ratings) == len([i for i in form.assessment.items if i.theme is Theme.ENGAGEMENT])
    assert all(w.description == "Rating" for w in ratings)
    assert [label for label, _ in ratings[0].options] == [r.label for r in Rating]
    assert fresh < 30


def test_opening_a_stored_audit_and_not_overwriting_a_newer_save(make_form, audits):
    """Can a stored date be opened; and is a save refused when someone saved that date meanwhile?"""
    form = make_form()
    form.save()
    form.stored_dates.value = "2026-03-02"
    form.open_button.click()
    assert form.assessment.date == SPRING and form.save_status == "saved"
    other = stored_assessment(audits, SPRING).assessment
    other.item("equity-data").rating = Rating.ESTABLISHED
    save_assessment(other, audits, based_on=1)  # someone else saves the same date
    _editor(form, "equity-data").notes.value = "We started counting who leaves early."
    assert form.save() is False
    assert "was saved elsewhere after you opened it" in form.status_detail
    stored = stored_assessment(audits, SPRING)
    assert (stored.revision, stored.assessment) == (2, other)


def test_leaving_unsaved_edits_needs_a_second_press(make_form):
    """Does opening another audit with unsaved edits first warn, and only a second press leave them?"""
    form = make_form()
    _editor(form, "fees-fair").rating.value = "established"
    form.stored_dates.value = "2026-03-02"
    form.open_button.click()
    assert form.assessment.date == AUTUMN and "unsaved changes" in form.status_detail
    form.open_button.click()
    assert form.assessment.date == SPRING


def test_a_failed_write_leaves_nothing_behind_and_says_why(make_form, audits, monkeypatch):
    """When the store cannot be written, does the status say so in one line, with nothing stored and
    no traceback?"""
    form = make_form()

    def refuse(*args, **kwargs):
        raise StoreError("cases.db: the store cannot be written; check the disk has room")

    monkeypatch.setattr("casekit.store.audits.AuditLog.save", refuse)
    form.save_button.click()
    assert form.save_status == "not saved"
    assert form.status_detail == "cases.db: the store cannot be written; check the disk has room"
    monkeypatch.undo()
    assert _stored(audits) == ["2026-03-02"]
    form.close()


def test_an_audit_cannot_be_dated_after_today(make_form, audits):
    """Is a new audit dated in the future refused, leaving the current one open?"""
    form = make_form()
    form.new_date.value = dt.date(2027, 1, 1)
    form.new_button.click()
    assert form.assessment.date == AUTUMN
    assert "2027-01-01 is after today" in form.status_detail
    form.new_date.value = SPRING
    form.new_button.click()
    assert form.assessment.date == SPRING and "already stored" in form.status_detail


def test_a_headless_kernel_gets_no_form(tmp_path, monkeypatch):
    """With CASEKIT_HEADLESS set (casekit's runner), is no form (and no widget) made at all?"""
    ws = Workspace.create(tmp_path / "ws")
    monkeypatch.setenv("CASEKIT_HEADLESS", "1")
    assert show_assessment_form(str(ws.root)) is None


def test_the_workbook_opens_the_form_in_a_workspace_and_explains_without_one(tmp_path, monkeypatch):
    """Does the workbook's section 2 get the form for a workspace, and a plain message without one?"""
    monkeypatch.delenv("CASEKIT_HEADLESS", raising=False)
    ws = Workspace.create(tmp_path / "ws")
    form = open_assessment_form(str(ws.root), "2026-09-07", today=_today, use_ner=False)
    assert isinstance(form, AssessmentForm) and form.workspace == ws.root
    bundle = form._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/plain"].startswith("(interactive self-assessment form")
    form.close()
    assert "casekit audit open" in repr(show_assessment_form(""))
    message = repr(show_assessment_form(str(ws.root), "1 May"))
    assert "could not open: audit_date '1 May' is not a date" in message
