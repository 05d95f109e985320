"""The feedback tab: recording a total of the clinic's own questionnaire, item by item or typed."""

from __future__ import annotations

import html
import shutil

import ipywidgets as widgets
import pytest

from casekit.errors import InstrumentError
from casekit.instruments import load_instrument
from casekit.model import FeedbackRoute
from casekit.widgets.formulation_form import open_form
from casekit.widgets.instrument_entry import BY_TOTAL, NO_INSTRUMENTS
from casekit.widgets.scheduler import ManualScheduler
from casekit.workspace import Workspace
from tests.fictional import fictional_case
from tests.instruments.conftest import HEARD
from tests.widgets.helpers import CASE_ID, descendants, find, tab


def _instruments():
    heard = load_instrument(HEARD)
    return {heard.name: heard}


def test_answers_to_each_question_are_scored_and_saved_as_the_total(make_form, store, clock):
    """Does choosing an answer per question record the scored total (reverse item turned round)?"""
    form = make_form(instruments=_instruments())
    panel = tab(form, "feedback")
    for n, answer in ((1, 4), (2, 1), (3, 3)):
        find(panel, widgets.Dropdown, f"Answer to question {n}").value = answer
    find(panel, widgets.Button, "Record total").click()
    clock.advance(5)
    assert store.load(CASE_ID).case.feedback[0].instrument_scores == {"Feeling Heard Check": 10.0}
    shown = " ".join(w.value for w in descendants(panel) if isinstance(w, widgets.HTML))
    assert "<strong>10</strong> (of 0–12) — Feeling mostly heard" in shown


def test_the_clinics_own_wording_and_notice_are_shown(make_form):
    """Are the questions shown in the clinic's wording, with its licence notice beside them?"""
    form = make_form(instruments=_instruments())
    shown = " ".join(w.value for w in descendants(tab(form, "feedback")) if isinstance(w, widgets.HTML))
    assert "2. Today I felt hurried along." in shown
    assert "Fictional test instrument. Free to copy." in shown


def test_a_questionnaire_answered_in_part_is_kept_as_partial_with_no_total(make_form, store, clock):
    """Is a questionnaire the client answered only in part kept as the card keeps it (the answers given,
    no total), shown as the plain "partial" line, and does answering it in full later replace it?

    (This replaced a test asserting that the form refused a partial set of answers: the card and the
    paper card keep them, and the form now keeps them the same way, through one library function.)"""
    form = make_form(instruments=_instruments())
    panel = tab(form, "feedback")
    find(panel, widgets.Dropdown, "Answer to question 1").value = 2
    find(panel, widgets.Button, "Record total").click()
    clock.advance(5)
    entry = store.load(CASE_ID).case.feedback[0]
    assert entry.instrument_scores == {}
    assert entry.instrument_partial["Feeling Heard Check"].answers == {"heard": 2}
    assert entry.instrument_partial["Feeling Heard Check"].of == 3
    assert entry.instrument_partial["Feeling Heard Check"].prorated_total is None
    shown = " ".join(w.value for w in descendants(panel) if isinstance(w, widgets.HTML))
    assert "Feeling Heard Check: <strong>partial — 1 of 3 answered, so no total</strong>" in shown
    assert not [w for w in descendants(panel) if isinstance(w, widgets.HTML) and 'role="alert"' in w.value]
    for n, answer in ((2, 1), (3, 3)):
        find(panel, widgets.Dropdown, f"Answer to question {n}").value = answer
    find(panel, widgets.Button, "Record total").click()
    clock.advance(5)
    entry = store.load(CASE_ID).case.feedback[0]
    assert entry.instrument_scores == {"Feeling Heard Check": 8.0} and entry.instrument_partial == {}


def test_recording_with_no_question_answered_is_said_under_the_field_and_nothing_saved(
    make_form, store, clock
):
    """Is pressing "Record total" with no answer chosen explained in one line, with nothing saved?"""
    form = make_form(instruments=_instruments())
    panel = tab(form, "feedback")
    find(panel, widgets.Button, "Record total").click()
    clock.advance(5)
    errors = [
        w.value for w in descendants(panel) if isinstance(w, widgets.HTML) and 'role="alert"' in w.value
    ]
    assert any("at least one question" in e for e in errors)
    entry = store.load(CASE_ID).case.feedback[0]
    assert entry.instrument_scores == {} and entry.instrument_partial == {}


def test_a_total_worked_out_on_paper_can_be_typed(make_form, store, clock):
    """Can a total be typed directly, and is one beyond the possible range refused?"""
    form = make_form(instruments=_instruments())
    panel = tab(form, "feedback")
    find(panel, widgets.ToggleButtons, "How").value = BY_TOTAL
    box = find(panel, widgets.FloatText, "Total")
    box.value = 13
    find(panel, widgets.Button, "Record total").click()
    alerts = [
        w.value for w in descendants(panel) if isinstance(w, widgets.HTML) and 'role="alert"' in w.value
    ]
    assert any("outside the possible 0–12" in a for a in alerts)
    box.value = 6
    find(panel, widgets.Button, "Record total").click()
    clock.advance(5)
    assert store.load(CASE_ID).case.feedback[0].instrument_scores == {"Feeling Heard Check": 6.0}


def test_without_instruments_the_tab_says_how_they_arrive(make_form):
    """Does a workspace with no questionnaires get a plain note instead of an empty picker?"""
    form = make_form()
    panel = tab(form, "feedback")
    shown = " ".join(w.value for w in descendants(panel) if isinstance(w, widgets.HTML))
    assert shown.count(html.escape(NO_INSTRUMENTS)) == 1
    assert not [w for w in descendants(panel) if getattr(w, "description", "") == "Record total"]


def test_the_feedback_plot_shows_the_clients_words(make_form):
    """Does the feedback tab's plot come with a caption naming the client's comments beside it?"""
    form = make_form(instruments=_instruments())
    tab(form, "feedback")
    plot = form._plots["feedback"]
    assert "<img" in plot.value and "Client feedback by week." in plot.value


def test_feedback_typed_from_a_paper_card_can_be_marked_so_with_its_language(make_form, store, clock):
    """Can the form mark a feedback entry as written by the client on a paper card, in Spanish, and
    is a language written out in full refused under the field?"""
    form = make_form()
    panel = tab(form, "feedback")
    find(panel, widgets.Dropdown, "How the client gave it").value = FeedbackRoute.PAPER_CARD.value
    language = find(panel, widgets.Text, "Language of their words")
    language.value = "Spanish"
    assert "Language of their words" not in form.invalid and any("Feedback 1" in k for k in form.invalid)
    language.value = "es"
    clock.advance(5)
    entry = store.load(CASE_ID).case.feedback[0]
    assert entry.given is FeedbackRoute.PAPER_CARD and entry.comments.language == "es"


def test_the_form_opened_for_a_workspace_reads_its_questionnaires(tmp_path, monkeypatch):
    """Does open_form give the feedback tab the workspace's own questionnaires, and stop with the
    file's one-line error when one of them is faulty?"""
    monkeypatch.delenv("CASEKIT_DB_URL", raising=False)
    ws = Workspace.create(tmp_path / "ws")
    with ws.open_store() as store:
        store.create(fictional_case(CASE_ID), author="Presenter A")
    ws.instruments_dir.mkdir(exist_ok=True)
    shutil.copy(HEARD, ws.instruments_dir / HEARD.name)
    form = open_form(CASE_ID, str(ws.root), scheduler=ManualScheduler(), poll_interval=None)
    try:
        assert list(form.instruments) == ["Feeling Heard Check"]
        assert find(tab(form, "feedback"), widgets.Dropdown, "Questionnaire").options == (
            "Feeling Heard Check",
        )
    finally:
        form.close()
    (ws.instruments_dir / "broken.toml").write_text("name = 3\n", encoding="utf-8")
    with pytest.raises(InstrumentError, match=r"^broken\.toml: "):
        open_form(CASE_ID, str(ws.root), scheduler=ManualScheduler(), poll_interval=None)
