"""The home page's client cards driven without a browser: the one-time link and the paper feedback card."""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
import shutil
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
from ipywidgets.widgets.widget import _instances

from casekit.cardlinks import CardLinks
from casekit.model import FeedbackRoute, Obtained, Voice
from casekit.widgets.home import HomePage
from casekit.widgets.home_card import in_words
from casekit.workspace import Workspace

NOW = dt.datetime(2026, 12, 1, 14, 0, tzinfo=dt.UTC)
#: Written on the returned card in Spanish, with its accents and line break kept exactly.
WORDS = "Me sentí escuchada.\nOjalá hubiera más tiempo para hablar de mi abuela."


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    """A workspace with casekit's six fictional example cases (CK-0101 to CK-0106)."""
    return Workspace.create(tmp_path / "ws", examples=True)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def home(workspace: Workspace, clock: Clock) -> Iterator[HomePage]:
    page = HomePage(workspace, use_ner=False)
    page.cards._clock = clock  # the links are made on the test's clock
    page.cards._kiosk_check = lambda address: False  # nothing is serving the card page in a test
    yield page
    page.close()


def _token(link_html: str) -> str:
    href = re.search(r"href='([^']+)'", link_html).group(1)
    return urllib.parse.parse_qs(urllib.parse.urlsplit(href).query)["token"][0]


def _identifier_values(ws: Workspace, case_id: str) -> list[str]:
    with ws.open_store() as store:
        ids = store.load(case_id).case.identifiers
    values = [ids.legal_name, ids.name_used, *ids.other_names]
    return [v for v in values if v and len(v) > 3]


def _widget_states() -> str:
    return "\n".join(json.dumps(w.get_state(), default=str) for w in list(_instances.values()))


def test_a_link_opens_the_chosen_card_once_in_the_chosen_language(home, workspace, clock):
    """Does "Make a one-time link" give a link that opens CK-0102's feedback card in Arabic, only once?"""
    home.case_list.value = "CK-0102"
    home.cards.card.value = "feedback"
    home.cards.card_language.value = "ar"
    assert ("العربية", "ar") in home.cards.card_language.options  # named in its own language
    home.cards.link_button.click()
    assert home.errors == [], home.status.value
    shown = home.cards.link_result.value
    assert "http://localhost:8866/?token=" in shown and "العربية" in shown
    links = CardLinks(workspace.private_dir, clock=clock)
    opened = links.claim(_token(shown))
    assert opened is not None
    assert (opened.case_id, opened.card, opened.language) == ("CK-0102", "feedback", "ar")
    assert links.claim(_token(shown)) is None  # a second opening opens nothing


def test_the_link_says_when_it_stops_working_and_does(home, workspace, clock):
    """Is the expiry shown in plain words, and does the link open nothing once that moment has passed?"""
    home.case_list.value = "CK-0101"
    home.cards.lifetime.value = dt.timedelta(hours=1)
    home.cards.link_button.click()
    shown = home.cards.link_result.value
    assert in_words(NOW + dt.timedelta(hours=1)) in shown and "1 hour from now" in shown
    assert not re.search(r"\d{4}-\d{2}-\d{2}T", shown)  # no machine timestamp
    clock.now = NOW + dt.timedelta(hours=1, minutes=1)
    assert CardLinks(workspace.private_dir, clock=clock).claim(_token(shown)) is None


def test_the_panel_says_plainly_whether_the_card_page_is_running(home):
    """When nothing serves the card page, is the clinician told so (and how it is started); when it
    answers, is its address given?"""
    home.case_list.value = "CK-0101"
    home.cards.link_button.click()
    assert "not running yet" in home.cards.kiosk_status.value
    assert "casekit card serve" in home.cards.kiosk_status.value
    home.cards._kiosk_check = lambda address: address == "http://tablet.local:8866"
    home.cards.address.value = "http://tablet.local:8866"
    home.cards.link_button.click()
    assert "running at http://tablet.local:8866" in home.cards.kiosk_status.value
    assert "http://tablet.local:8866/?token=" in home.cards.link_result.value


@pytest.mark.parametrize("fmt, mime", [("html", "text/html"), ("pdf", "application/pdf")])
def test_a_printed_card_is_written_and_offered_for_download(home, workspace, fmt, mime):
    """Does "Print a feedback card" write the Spanish card to exports/ and offer the same bytes?"""
    home.case_list.value = "CK-0101"
    home.cards.print_language.value = "es"
    home.cards.print_format.value = fmt
    home.cards.print_button.click()
    assert home.errors == [], home.status.value
    written = workspace.exports_dir / "feedback-cards" / f"feedback-card-es.{fmt}"
    assert written.is_file()
    shown = home.cards.print_result.value
    data = re.search(rf"href='data:{mime};base64,([^']+)'", shown).group(1)
    assert base64.b64decode(data) == written.read_bytes()
    assert f"download='feedback-card-es.{fmt}'" in shown
    if fmt == "html":
        assert "lang='es'" in written.read_text(encoding="utf-8")
    else:
        assert written.read_bytes().startswith(b"%PDF")


def test_a_returned_card_is_saved_verbatim_as_the_clients_own_writing(home, workspace):
    """Typed in, is a returned card stored in the case exactly as written, in Spanish, as a paper card?"""
    home.case_list.value = "CK-0104"
    with workspace.open_store() as store:
        before = len(store.load("CK-0104").case.feedback)
    cards = home.cards
    cards.paper_date.value = dt.date(2026, 11, 24)
    cards.paper_understood.value = 4
    cards.paper_respected.value = 5
    cards.paper_language.value = "es"
    cards.paper_words.value = WORDS
    cards.paper_button.click()
    assert home.errors == [], home.status.value
    with workspace.open_store() as store:
        feedback = store.load("CK-0104").case.feedback
    assert len(feedback) == before + 1
    entry = feedback[-1]
    assert entry.given == FeedbackRoute.PAPER_CARD
    assert (entry.date, entry.felt_understood, entry.felt_respected) == (dt.date(2026, 11, 24), 4, 5)
    assert entry.comments.language == "es" and "language" not in type(entry).model_fields
    assert entry.comments.text == WORDS
    assert entry.comments.voice == Voice.CLIENT and entry.comments.obtained == Obtained.VERBATIM
    assert entry.comments.client_written
    assert "saved" in cards.paper_result.value and cards.paper_words.value == ""


def test_a_returned_card_without_its_date_is_not_saved(home, workspace):
    """Without the session date, is the card refused in plain words and nothing saved?"""
    home.case_list.value = "CK-0104"
    with workspace.open_store() as store:
        before = store.head("CK-0104")
    home.cards.paper_words.value = WORDS
    home.cards.paper_button.click()
    assert "session date" in home.cards.paper_result.value
    assert "not saved" in home.status.value
    with workspace.open_store() as store:
        assert store.head("CK-0104") == before
    assert home.cards.paper_words.value == WORDS  # what was typed is kept to finish


def test_no_identifier_reaches_any_widget_while_cards_are_made(home, workspace):
    """After a link is made, a card printed and a returned card saved, does no live widget hold any of
    the client's private identifiers?"""
    names = _identifier_values(workspace, "CK-0101")
    assert names  # the example case has a name to leak
    home.case_list.value = "CK-0101"
    home.cards.link_button.click()
    home.cards.print_format.value = "html"
    home.cards.print_button.click()
    home.cards.paper_date.value = dt.date(2026, 11, 24)
    home.cards.paper_words.value = WORDS
    home.cards.paper_button.click()
    assert home.errors == [], home.status.value
    states = _widget_states()
    assert not [n for n in names if n in states]


def test_choosing_another_case_clears_the_link_shown(home):
    """Is a link made for one case gone from the panel when another case is chosen?"""
    home.case_list.value = "CK-0101"
    home.cards.link_button.click()
    assert "token=" in home.cards.link_result.value
    home.case_list.value = "CK-0102"
    assert home.cards.link_result.value == ""


INSTRUMENT_DATA = Path(__file__).parents[1] / "instruments" / "data"


@pytest.fixture
def home_with_questionnaires(workspace: Workspace, clock: Clock) -> Iterator[HomePage]:
    """The home page of a workspace whose instruments folder holds the fictional test questionnaires."""
    workspace.instruments_dir.mkdir(exist_ok=True)
    for path in INSTRUMENT_DATA.glob("*.toml"):
        shutil.copy(path, workspace.instruments_dir / path.name)
    page = HomePage(workspace, use_ner=False)
    page.cards._clock = clock
    page.cards._kiosk_check = lambda address: False
    yield page
    page.close()


def test_a_returned_cards_questionnaires_are_typed_in_and_saved_as_the_cli_saves_them(
    home_with_questionnaires, workspace
):
    """Typed in on the home page, are a questionnaire's answers scored and a hand total checked, and is
    the entry the very one ``casekit feedback enter`` would save from the same card?"""
    from casekit.feedback_card import PaperCard, paper_feedback
    from casekit.instruments import load_instruments

    home = home_with_questionnaires
    home.case_list.value = "CK-0104"
    cards = home.cards
    heard, french = (
        cards.paper_questionnaires.parts["Feeling Heard Check"],
        cards.paper_questionnaires.parts["Comment on a fait"],
    )
    assert "Fictional test instrument. Free to copy." in heard.children[0].value
    cards.paper_date.value = dt.date(2026, 11, 24)
    cards.paper_language.value = "en"
    heard.mode.value = "items"
    heard.answers["heard"].value, heard.answers["rushed"].value, heard.answers["own_words"].value = 3, 1, 4
    french.mode.value = "total"
    french.total.value = 3.5
    cards.paper_button.click()
    assert home.errors == [], home.status.value
    with workspace.open_store() as store:
        entry = store.load("CK-0104").case.feedback[-1]
    assert entry.instrument_scores == {"Feeling Heard Check": 10.0, "Comment on a fait": 3.5}
    same_card = PaperCard(
        dt.date(2026, 11, 24),
        "en",
        answers={"Feeling Heard Check": {"heard": 3, "rushed": 1, "own_words": 4}},
        totals={"Comment on a fait": 3.5},
    )
    cli = paper_feedback(same_card, load_instruments(workspace))
    assert entry.model_dump(exclude={"id"}) == cli.model_dump(exclude={"id"})
    assert heard.mode.value == "none" and heard.answers["heard"].value is None  # ready for the next card


def test_a_total_outside_the_questionnaires_range_is_refused_and_nothing_saved(
    home_with_questionnaires, workspace
):
    """Is a hand total the questionnaire cannot give refused in plain words, with nothing saved?"""
    home = home_with_questionnaires
    home.case_list.value = "CK-0104"
    with workspace.open_store() as store:
        before = store.head("CK-0104")
    cards = home.cards
    cards.paper_date.value = dt.date(2026, 11, 24)
    heard = cards.paper_questionnaires.parts["Feeling Heard Check"]
    heard.mode.value = "total"
    heard.total.value = 40
    cards.paper_button.click()
    assert "outside the possible 0–12" in home.status.value
    with workspace.open_store() as store:
        assert store.head("CK-0104") == before


def test_a_printed_card_carries_the_clinics_questionnaires_in_its_language(home_with_questionnaires):
    """Does a card printed in French carry the French questionnaire, and not the English one?"""
    cards = home_with_questionnaires.cards
    cards.print_language.value = "fr"
    cards.print_format.value = "html"
    page = cards.print_card().read_text(encoding="utf-8")
    assert "Comment on a fait" in page and "Feeling Heard Check" not in page


def test_without_questionnaires_the_panel_says_how_they_arrive(home):
    """In a workspace with no questionnaires, does the paper card say plainly how they can be added?"""
    shown = home.cards.paper_questionnaires.children[0].value
    assert "once their wording has been added" in shown


def test_a_questionnaire_typed_in_part_is_saved_partial_and_the_panel_says_so(
    home_with_questionnaires, workspace
):
    """With one question of three typed in, is the questionnaire kept as partial with no total, and
    does the panel say plainly how many were answered?"""
    home = home_with_questionnaires
    home.case_list.value = "CK-0104"
    cards = home.cards
    cards.paper_date.value = dt.date(2026, 11, 24)
    heard = cards.paper_questionnaires.parts["Feeling Heard Check"]
    heard.mode.value = "items"
    heard.answers["own_words"].value = 2
    cards.paper_button.click()
    assert home.errors == [], home.status.value
    with workspace.open_store() as store:
        entry = store.load("CK-0104").case.feedback[-1]
    assert entry.instrument_scores == {}
    assert entry.instrument_partial["Feeling Heard Check"].answers == {"own_words": 2}
    assert "Feeling Heard Check: partial — 1 of 3 answered, so no total" in cards.paper_result.value
