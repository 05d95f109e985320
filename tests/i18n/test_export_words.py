"""Do the headings and labels of exported handouts come from the message catalogues?

The handouts (the one-page brief, the formulation summary, supervision topics, meetings and the
learning plan) are rendered under the pseudo-language, in which every catalogued message reads "⟦…⟧",
and again in English, which must read exactly as it did before the words were catalogued.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from casekit.i18n import catalogues, use_language
from casekit.model import Case, SupervisionTopic
from casekit.render.brief import brief_renderings
from casekit.render.formulation_sections import render_formulation
from casekit.render.meetings import render_learning_items, render_meetings
from casekit.render.supervision import learning_summary, render_topic
from casekit.session.render import case_brief_html, relative
from tests.fictional import full_case
from tests.i18n.pseudo import CLOSE, OPEN, PSEUDO, pseudo_catalogue


@pytest.fixture
def pseudo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The pseudo-language, offered while the test runs (its catalogue in a folder of its own); yields
    its tag."""
    folder = tmp_path / "locale"
    pseudo_catalogue(folder)
    monkeypatch.setattr(catalogues, "locale_dir", lambda: folder)
    monkeypatch.setitem(catalogues.CARD_LANGUAGES, PSEUDO, "⟦pseudo⟧")
    catalogues.translations.cache_clear()
    yield PSEUDO
    catalogues.translations.cache_clear()


def _handouts(case: Case) -> str:
    """The markdown of the brief and the supervision handouts of ``case``, one after another."""
    parts = [
        *brief_renderings(case),
        render_formulation(case),
        render_topic(case, SupervisionTopic.MISSTEPS_AND_RUPTURES),
        learning_summary(case),
        render_meetings(case),
        render_learning_items(case),
    ]
    return "\n\n".join(part.markdown for part in parts)


def test_handout_headings_are_worded_from_the_catalogues(pseudo: str):
    """Under the pseudo-language, do the brief's and supervision handouts' headings and labels come
    out wrapped in ⟦⟧, and does English read as it always has?"""
    case = full_case()
    english = _handouts(case)
    with use_language(pseudo):
        wrapped = _handouts(case)
    for heading in (
        "The consultation question",
        "Power in the work",
        "Goals, as agreed with the client",
        "Questions to reflect on",
        "Supervision meetings",
        "Learning plan items",
        "The supervisor's own reflection",
        "Identity in the client's words",
        "Co-created goals",
        "Power dynamics",
        "Session feedback",
    ):
        assert f"{OPEN}{heading}{CLOSE}" in wrapped, heading
        assert heading in english and f"{OPEN}{heading}" not in english, heading
    assert OPEN not in english and CLOSE not in english
    assert english == _handouts(case), "English is read from the source text, never from a catalogue"


def test_session_record_words_are_worded_from_the_catalogues(pseudo: str):
    """Under the pseudo-language, are the session renderings' headings and relative dates catalogued
    (plurals included), while English reads as before?"""
    case = full_case()
    day = dt.date(2026, 3, 2)
    english = case_brief_html(case), relative(day + dt.timedelta(weeks=2), day)
    with use_language(pseudo):
        brief, later = case_brief_html(case), relative(day + dt.timedelta(weeks=2), day)
    assert f"{OPEN}Goals agreed together{CLOSE}" in brief
    assert later == f"{OPEN}2 weeks after the session{CLOSE}"
    assert english[1] == "2 weeks after the session"
    assert "<strong>Goals agreed together</strong>" in english[0] and OPEN not in english[0]
