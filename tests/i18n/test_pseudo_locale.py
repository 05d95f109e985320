"""Does every word casekit shows a clinician come from the message catalogues?

Each page is rendered under a pseudo-language in which every catalogued message reads "⟦…⟧"; a word
left outside ⟦⟧ that is not the case's own data, a number or an allowed name was never catalogued
(or was looked up before the language was chosen), and would stay English in every translation.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pytest

from casekit.i18n import N_, catalogues, use_language
from casekit.i18n import gettext as _
from casekit.widgets.formulation_form import TABS, CaseForm
from casekit.widgets.scheduler import ManualScheduler
from casekit.workspace import Workspace
from tests.fictional import fictional_case
from tests.i18n.pseudo import PSEUDO, case_strings, pseudo_catalogue, stray_words, visible_texts
from tests.widgets.helpers import descendants

CASE_ID = "CK-0101"


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


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Any]:
    """A store in a fresh workspace holding the fictional case CK-0101."""
    ws = Workspace.create(tmp_path / "ws")
    with ws.open_store() as real:
        real.create(fictional_case(CASE_ID), author="Presenter A")
        yield real


def _report(stray: list[tuple[str, str, str]]) -> str:
    lines = sorted({f"{where}: {word!r} in {text.strip()[:90]!r}" for where, word, text in stray})
    return "words shown outside the catalogues (mark them with _() or N_()):\n" + "\n".join(lines[:40])


def test_every_word_of_the_formulation_form_comes_from_the_catalogues(pseudo: str, store: Any):
    """Is every label, heading, prompt, button and status line of every tab of the form catalogued?"""
    with use_language(pseudo):
        form = CaseForm(store, CASE_ID, scheduler=ManualScheduler())
        try:
            for index, _key in enumerate(TABS):
                form.tabs.selected_index = index  # builds the tab's panel and draws its plot
            form.identifiers_panel.show()
            form.save_now()
            data = [*case_strings(form.case.model_dump(mode="json")), "Presenter A"]
            stray = stray_words(visible_texts(form), data)
        finally:
            form.close()
    assert not stray, _report(stray)


def test_the_check_finds_a_word_typed_in_without_the_catalogues(pseudo: str):
    """Does the check catch text that skipped _(), and text marked N_() but never looked up?"""
    with use_language(pseudo):
        page = widgets.VBox(
            [
                widgets.HTML("<p>Left out</p>"),
                widgets.Button(description=_("Save now")),
                widgets.Label(N_("Consultation question")),
                widgets.HTML(f"<p>{_('Save now')} CK-0101 3</p>"),
            ]
        )
        stray = stray_words(visible_texts(page), ["CK-0101"])
    assert sorted(word for _where, word, _text in stray) == ["Consultation", "Left", "out", "question"]
    page.close()


#: Parts of the home page not yet checked, each with its reason (empty once they are catalogued):
#: the card panel (casekit/widgets/home_card.py) is being changed in a parallel branch (#16, paper-card
#: questionnaires); its strings are wrapped after that merge.
NOT_YET = ("cards",)


def test_every_word_of_the_home_page_comes_from_the_catalogues(pseudo: str, tmp_path: Path):
    """Is every heading, button, label and status line of the home page catalogued, with a case chosen
    and its consent, supervision and learning panel open?"""
    from casekit.widgets.home import HomePage

    ws = Workspace.create(tmp_path / "home", examples=True)
    with use_language(pseudo):
        home = HomePage(ws)
        try:
            home.case_list.value = "CK-0101"
            panel = home.supervision.toggle()
            home.new_clinician.value = "Presenter Q"
            data = [str(home.session_panel.person), "Presenter Q", home.new_id.value]
            for summary in home.cases:
                data += [summary.case_id, summary.clinician_alias, summary.group or ""]
            data += case_strings(panel.case.model_dump(mode="json"))
            skip = tuple(getattr(home, name) for name in NOT_YET)
            stray = stray_words(visible_texts(home, skip), data)
        finally:
            home.close()
    assert not stray, _report(stray)


def test_the_form_in_spanish_shows_its_drafted_headings_and_english_for_the_rest(store: Any):
    """Under Spanish, do the form's tabs read in Spanish (drafted), while a label no translator has
    filled in yet still shows in English rather than blank?"""
    with use_language("es"):
        form = CaseForm(store, CASE_ID, scheduler=ManualScheduler())
        try:
            titles = list(form.tabs.titles)
            button = form.save_button.description
            pronouns = [
                w.description for w in descendants(form.panel("identity")) if getattr(w, "description", "")
            ]
        finally:
            form.close()
    assert titles[0] == "Pregunta para la consulta" and titles[-1] == "Identificadores privados"
    assert not set(titles) & {title for _key, title in TABS}
    assert button == "Guardar ahora"
    assert "Pronouns" in pronouns  # not drafted yet: English, never empty
