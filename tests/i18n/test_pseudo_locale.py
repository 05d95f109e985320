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

from casekit.actor import current_person
from casekit.i18n import N_, catalogues, use_language
from casekit.i18n import gettext as _
from casekit.instruments import Instrument, load_instrument
from casekit.widgets.formulation_form import TABS, CaseForm
from casekit.widgets.scheduler import ManualScheduler
from casekit.workspace import Workspace
from tests.fictional import fictional_case
from tests.i18n.pseudo import PSEUDO, case_strings, pseudo_catalogue, stray_words, visible_texts
from tests.instruments.conftest import DATA, HEARD
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


#: The card's languages, each named in itself ("Español", "العربية"): the same in every language.
LANGUAGE_NAMES = list(catalogues.CARD_LANGUAGES.values())


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
            data += LANGUAGE_NAMES
            data += case_strings(panel.case.model_dump(mode="json"))
            stray = stray_words(visible_texts(home), data)
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


#: The command that starts the card page: typed as it is in every language, so never translated.
CARD_SERVE = "casekit card serve"


def _instrument_strings(instrument: Instrument) -> list[str]:
    """What a clinic's own questionnaire file says (its name, wording, notice, scale and band labels):
    the clinic's data, shown as the clinic wrote it."""
    return [
        instrument.name,
        instrument.licence.notice,
        instrument.licence.holder,
        *(item.text for item in instrument.items),
        *instrument.scale.labels.values(),
        *(cut.label for cut in instrument.cutoffs),
    ]


def test_every_word_of_the_card_panel_and_paper_questionnaires_comes_from_the_catalogues(
    pseudo: str, tmp_path: Path
):
    """With the clinic's questionnaires in the workspace, are the card panel's words catalogued: the
    link it makes, the card page's status, the paper card's questionnaires, and a returned card saved
    with a questionnaire answered in part?"""
    import datetime as dt

    from casekit.widgets.home_card import CardPanel

    ws = Workspace.create(tmp_path / "cards")
    with ws.open_store() as real:
        real.create(fictional_case(CASE_ID), author="Presenter A")
    ws.instruments_dir.mkdir(exist_ok=True)
    for path in DATA.glob("*.toml"):
        (ws.instruments_dir / path.name).write_bytes(path.read_bytes())
    said: list[str] = []
    with use_language(pseudo):
        panel = CardPanel(
            ws, ws.open_store, guard=lambda f: f, say=lambda text, _kind: said.append(text), kiosk_check=bool
        )
        try:
            panel.show_case(CASE_ID)
            panel.sections.selected_index = 0  # says whether the card page runs (an address: it does)
            panel.address.value = ""
            panel.check_kiosk()  # no address: it does not
            panel.make_link()
            data = [CARD_SERVE, CASE_ID, *LANGUAGE_NAMES]
            link_words = panel.link_result.value
            data.append(link_words.split("href='")[1].split("'")[0])  # the link itself: a web address
            panel.paper_date.value = dt.date(2026, 3, 2)
            heard = panel.paper_questionnaires.parts["Feeling Heard Check"]
            heard.mode.value = "items"
            heard.answers["heard"].value = 3
            panel.save_paper_card()
            for instrument in panel.paper_questionnaires.instruments.values():
                data += _instrument_strings(instrument)
            stray = stray_words([*visible_texts(panel), *(("said", s) for s in said)], data)
        finally:
            panel.close()
    assert "⟦partial — " in panel.paper_result.value and "token=" in link_words
    assert not stray, _report(stray)


def test_every_word_of_the_instrument_entry_comes_from_the_catalogues(pseudo: str, store: Any):
    """Is the feedback tab's questionnaire entry catalogued, item by item and by total, with a total
    recorded, a questionnaire answered in part, and each refusal shown under the field (nothing
    answered; a total out of range)?"""
    heard = load_instrument(HEARD)
    with use_language(pseudo):
        form = CaseForm(store, CASE_ID, scheduler=ManualScheduler(), instruments={heard.name: heard})
        try:
            form.tabs.selected_index = [key for key, _title in TABS].index("feedback")
            panel = form.panel("feedback")
            entry = next(w for w in descendants(panel) if type(w).__name__ == "InstrumentScoresField")
            entry.record.click()  # nothing answered: refused
            texts = list(visible_texts(form))
            entry.answers["heard"].value = 2
            entry.record.click()  # answered in part: kept as such
            entry.mode.value = "Type the total"
            entry.total.value = 13
            entry.record.click()  # beyond the possible total: refused
            texts += visible_texts(form)
            entry.total.value = 7
            entry.record.click()
            entry.mode.value = "Answer each question"
            data = [
                *case_strings(form.case.model_dump(mode="json")),
                "Presenter A",
                *_instrument_strings(heard),
            ]
            stray = stray_words([*texts, *visible_texts(form)], data)
            shown = entry.totals.value
            refusals = " ".join(text for _where, text in texts)
        finally:
            form.close()
    assert "⟦Questionnaire totals⟧" in shown
    assert "⟦Choose the client's answer" in refusals and "is outside the possible" in refusals
    assert not stray, _report(stray)


def test_every_word_of_the_live_session_view_comes_from_the_catalogues(pseudo: str, store: Any):
    """Are the live session's stage titles, the current stage's purpose and the facilitator's controls
    catalogued, at every stage?"""
    import datetime as dt

    from casekit.session.model import DEFAULT_STAGES
    from casekit.widgets.session import FacilitatorView, open_session
    from tests.session.helpers import ManualScheduler as SessionScheduler

    with use_language(pseudo):
        view = open_session(
            store,
            CASE_ID,
            dt.date(2026, 3, 2),
            alias="Facilitator C",
            role="facilitator",
            scheduler=SessionScheduler(),
        )
        try:
            assert isinstance(view, FacilitatorView)
            texts = []
            for _stage in DEFAULT_STAGES:
                texts += list(visible_texts(view))
                view.next.click()
            data = [
                "Facilitator C",
                str(current_person()),
                CASE_ID,
                *case_strings(store.load(CASE_ID).case.model_dump(mode="json")),
            ]
            stray = stray_words(texts, data)
        finally:
            view.close()
    titles = " ".join(text for _where, text in texts)
    assert all(f"⟦{stage.title}⟧" in titles for stage in DEFAULT_STAGES)
    assert not stray, _report(stray)


def test_a_findings_category_and_other_language_reason_are_worded_from_the_catalogues(pseudo: str):
    """Does the review say a finding's category in catalogued words (never its stored name), and word
    the other-language reason from the catalogues with the language named in the language shown,
    while the stored English reason stays as the report keeps it?"""
    from casekit.deid.finding_words import category_words, reason_words
    from casekit.deid.languages import OtherLanguageText

    stored = OtherLanguageText("Magacaygu waa ...", "so").reason
    assert stored == "written in Somali: please read it for names"
    assert reason_words(stored) == stored and category_words("street_address") == "street address"
    with use_language(pseudo):
        assert category_words("street_address") == "⟦street address⟧"
        assert category_words("a_kind_not_yet_known") == "a kind not yet known"
        assert reason_words(stored) == "⟦written in Somali: please read it for names⟧"
        assert reason_words("unsure") == "unsure"


def test_the_other_language_reason_names_the_language_in_the_language_shown():
    """Under French (this message not yet translated), is the reason in English words with the
    language named as French names it?"""
    from casekit.deid.finding_words import reason_words
    from casekit.deid.languages import OtherLanguageText

    with use_language("fr"):
        assert reason_words(OtherLanguageText("Magacaygu waa ...", "so").reason) == (
            "written in somali: please read it for names"
        )
