"""Does casekit.render show a small fictional case as the group should see it: weeks not dates, the
client's words marked as theirs, text escaped, and no identifier anywhere?"""

from __future__ import annotations

import re

from casekit import render
from casekit.model import Entry, SupervisionNote, SupervisionTopic, Voice
from tests.fictional import START, fictional_case, weeks

CALENDAR_DATE = re.compile(r"\b20\d\d-\d\d-\d\d\b")


def test_timeline_counts_weeks_from_the_first_event():
    """Is the first dated event week 1, a later one its week since then, and a missing date 'undated'?"""
    timeline = render.Timeline.of(fictional_case())
    assert timeline.week(START) == 1
    assert timeline.week(weeks(2)) == 3
    assert timeline.label(weeks(5)) == "week 6"
    assert timeline.label(None) == "undated"
    assert render.year_only(START) == "2026"
    assert render.year_only(None) == "undated"


def test_goals_show_ratings_by_week_and_the_clients_own_words():
    """Does the goals section list each rating by week, marked as the client's words, with no date?"""
    rendering = render.render_goals(fictional_case())
    assert rendering.name == "goals" and rendering.title == "Co-created goals"
    md = rendering.markdown
    assert "#### Goal 1: Sleep six hours before a shift" in md
    assert "- **Agreed wording:** *Client's words:* Sleep six hours before a shift" in md
    assert "| week 1 | 2 |  |" in md and "| week 3 | 4 |  |" in md and "| week 6 | 6 |  |" in md
    assert r"Progress as the client rates it \(0–10\): 2 at first, 6 most recently, over 3 ratings." in md
    assert "#### Goal 2: Call my sister every Sunday" in md and "No progress ratings yet." in md
    assert not CALENDAR_DATE.search(md) and not CALENDAR_DATE.search(rendering.html)


def test_missteps_show_their_week_and_where_repair_stands():
    """Is each misstep headed by its week (or 'undated') and the state of its repair, in plain words?"""
    md = render.render_missteps(fictional_case()).markdown
    assert r"#### Misstep 1 \(week 2\) — repaired" in md  # brackets escaped by the one escaper
    assert r"#### Misstep 2 \(week 5\) — in progress" in md
    assert r"#### Misstep 3 \(undated\) — not yet raised" in md
    assert "- **What happened:** *Clinician:* assumed the choir was a church choir" in md


def test_the_whole_formulation_holds_no_identifier_and_no_calendar_date():
    """Does the full formulation leave out every private identifier and every calendar date?"""
    case = fictional_case()
    rendering = render.render_formulation(case)
    for text in (rendering.html, rendering.markdown):
        assert case.identifiers.legal_name not in text
        assert case.identifiers.address.city not in text
        assert case.identifiers.phones[0] not in text
        assert not CALENDAR_DATE.search(text)
    assert rendering.html.startswith('<article class="ck-rendering" data-rendering="formulation">')
    assert "Case CK-0101: formulation" in rendering.html


def test_text_from_the_case_is_shown_as_text_not_markup():
    """Is markup typed into a case escaped in the HTML, so it shows as the words that were typed?"""
    case = fictional_case()
    case.consultation_question = Entry(text="Is <script>alert(1)</script> a worry?", voice=Voice.CLINICIAN)
    html = render.render_question(case).html
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_supervision_learning_is_grouped_under_the_topic_label():
    """Is a supervision note's learning shown under its topic's plain label, dated by week?"""
    case = fictional_case()
    case.supervision_notes = [
        SupervisionNote(
            date=weeks(3),
            topic=SupervisionTopic.SYSTEMS_AND_POWER,
            note=Entry(text="Look at who pays for the sessions.", voice=Voice.CONSULTANT),
            learning=[Entry(text="Ask the clinic about a sliding scale", voice=Voice.CLINICIAN)],
        )
    ]
    md = render.render_learning_plan(case).markdown
    assert "Systemic issues and power" in md
    assert "week 4" in md
    assert "Ask the clinic about a sliding scale" in md


def test_changes_between_revisions_name_what_changed():
    """Comparing two versions, does the change list name the goal and say its agreed wording changed?"""
    old = fictional_case()
    new = old.model_copy(deep=True)
    new.goals[0].agreed_wording.text = "Sleep seven hours"
    assert render.change_lines(old, new) == [
        "Goals: 1 changed.",
        "  Goal 1: Sleep seven hours: wording changed (agreed wording).",
    ]
    assert render.change_lines(old, old.model_copy(deep=True)) == []
