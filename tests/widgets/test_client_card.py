"""The client card: does a one-time link open one card, in the client's language, and keep their words?"""

from __future__ import annotations

import datetime as dt
import html
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pytest

from casekit import layout
from casekit.cardlinks import FILE_NAME, CardLinks
from casekit.errors import CardLinkError, CatalogueError
from casekit.model import FeedbackRoute, Obtained, Voice
from casekit.widgets.client_card import ClientCard
from casekit.widgets.client_card_page import AUTHOR, show_client_card
from casekit.widgets.fields import EntryField
from casekit.workspace import Workspace
from tests.fictional import fictional_case
from tests.instruments.conftest import DATA as INSTRUMENT_DATA
from tests.widgets.helpers import CASE_ID, descendants, find

TODAY = dt.date(2026, 3, 2)


class Clock:
    """A clock that moves only when the test says so."""

    def __init__(self) -> None:
        self.now = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    """A workspace holding the fictional case CK-0101."""
    workspace = Workspace.create(tmp_path / "ws")
    with workspace.open_store() as store:
        store.create(fictional_case(CASE_ID), author="Presenter A")
    return workspace


def _open(ws: Workspace, token: str) -> Any:
    return show_client_card(str(ws.root), query=f"token={token}", today=TODAY)


def _inputs(page: widgets.Widget) -> list[widgets.Widget]:
    kinds = (widgets.Textarea, widgets.Text, widgets.Dropdown, widgets.Button)
    return [w for w in descendants(page) if isinstance(w, kinds)]


def test_an_arabic_card_saves_the_clients_own_words_in_arabic_and_locks(ws: Workspace):
    """Are Arabic answers saved word for word, as the client's writing in Arabic, and is the card locked?"""
    token = CardLinks(ws.private_dir).issue(CASE_ID, card="about", language="ar")
    card = _open(ws, token)
    assert isinstance(card, ClientCard) and "ck-rtl" in card._dom_classes
    find(card, widgets.Textarea, "كيف تصف نفسك لشخص يريد أن يعرفك؟").value = "أنا أمّ وخيّاطة، وأحب البحر."
    find(card, widgets.Text, "ما الاسم الذي تحب أن نناديك به؟").value = "أم سليم"
    find(card, widgets.Textarea, "من أو ما الذي يساعدك حين تصعب الحياة؟").value = "أختي وصلاة الفجر"
    find(card, widgets.Button, "أرسِل إلى معالجي").click()
    with ws.open_store() as store:
        record = store.load(CASE_ID)
        history = store.history(CASE_ID)
    said = record.case.identity.self_description
    assert said.text == "أنا أمّ وخيّاطة، وأحب البحر." and said.language == "ar"
    assert said.client_written and said.voice is Voice.CLIENT and said.obtained is Obtained.VERBATIM
    assert record.case.identity.supports[-1].text == "أختي وصلاة الفجر"
    assert record.case.identifiers.name_used == "أم سليم"
    assert history[-1].author == AUTHOR and "أم سليم" not in history[-1].note
    assert card.locked and _inputs(card) == []
    assert "أجبت عن 3 أسئلة." in card.status.value


def test_a_feedback_card_in_vietnamese_adds_one_dated_feedback_entry(ws: Workspace):
    """Does a Vietnamese feedback card add the client's ratings and comment, dated, in Vietnamese?"""
    token = CardLinks(ws.private_dir).issue(CASE_ID, card="feedback", language="vi")
    card = _open(ws, token)
    find(card, widgets.Dropdown, "Hôm nay bạn cảm thấy được thấu hiểu đến mức nào?").value = 4
    comment = "Tôi muốn được nói chậm hơn một chút."
    find(
        card, widgets.Textarea, "Bạn muốn nhà trị liệu tiếp tục làm điều gì, hoặc làm khác đi điều gì?"
    ).value = comment
    find(card, widgets.Button, "Gửi cho nhà trị liệu của tôi").click()
    with ws.open_store() as store:
        feedback = store.load(CASE_ID).case.feedback[-1]
    assert feedback.date == TODAY and feedback.felt_understood == 4 and feedback.felt_respected is None
    assert feedback.comments.text == comment and feedback.comments.language == "vi"
    assert feedback.comments.client_written
    assert feedback.given is FeedbackRoute.CLIENT_CARD


def test_an_empty_card_is_not_sent(ws: Workspace):
    """Does sending with nothing written save nothing and say, in the card's language, to answer something?"""
    token = CardLinks(ws.private_dir).issue(CASE_ID, language="es")
    card = _open(ws, token)
    with ws.open_store() as store:
        before = store.head(CASE_ID)
    assert not card.send()
    assert "responda al menos una pregunta" in card.status.value and not card.locked
    with ws.open_store() as store:
        assert store.head(CASE_ID) == before


def test_the_card_shows_nothing_of_the_case(ws: Workspace):
    """Does the card show none of the case's text, aliases or identifiers, only its own questions?"""
    token = CardLinks(ws.private_dir).issue(CASE_ID)
    card = _open(ws, token)
    with ws.open_store() as store:
        case = store.load(CASE_ID).case
    shown = " ".join(
        str(getattr(w, attr, "")) for w in descendants(card) for attr in ("value", "description", "options")
    )
    secrets = [case.identifiers.legal_name, case.meta.case_id, case.meta.clinician_alias]
    secrets += [case.identity.self_description.text, *(g.agreed_wording.text for g in case.goals)]
    assert all(s and s not in shown for s in secrets)


def test_a_link_opens_once_and_never_after_use_or_expiry(ws: Workspace):
    """Does a link open its card once; and does a used, expired or unknown link open nothing?"""
    clock = Clock()
    links = CardLinks(ws.private_dir, clock=clock)
    token = links.issue(CASE_ID, language="vi", lifetime=dt.timedelta(hours=1))
    assert links.claim(token).case_id == CASE_ID
    assert links.claim(token) is None  # used
    late = links.issue(CASE_ID, lifetime=dt.timedelta(hours=1))
    clock.now += dt.timedelta(hours=1, seconds=1)
    assert links.claim(late) is None  # expired
    assert links.claim("not-a-token") is None and links.claim("") is None


def test_a_used_link_page_shows_only_a_note_in_every_language(ws: Workspace):
    """Does opening a used link show no input and no case, only the note in each card language?"""
    token = CardLinks(ws.private_dir).issue(CASE_ID)
    _open(ws, token).close()
    page = _open(ws, token)
    assert not isinstance(page, ClientCard) and _inputs(page) == []
    assert "هذا الرابط استُخدم من قبل" in page.value and "dir='rtl'" in page.value
    assert "This link has already been used" in page.value and CASE_ID not in page.value


def test_only_a_hash_of_the_token_is_stored(ws: Workspace):
    """Is the token itself nowhere in the workspace's link file, only its hash?"""
    token = CardLinks(ws.private_dir).issue(CASE_ID)
    raw = (ws.private_dir / FILE_NAME).read_bytes()
    assert token.encode() not in raw
    with sqlite3.connect(ws.private_dir / FILE_NAME) as conn:
        assert conn.execute("SELECT count(*) FROM card_links").fetchone() == (1,)
    assert (ws.private_dir / FILE_NAME).stat().st_mode & 0o077 == 0


def test_bad_link_settings_are_refused_in_one_line(ws: Workspace):
    """Are an unknown card, an unknown language and a too-long lifetime each refused with the fix?"""
    links = CardLinks(ws.private_dir)
    with pytest.raises(CardLinkError, match="choose about or feedback"):
        links.issue(CASE_ID, card="intake")
    with pytest.raises(CatalogueError, match="no client card in 'de'"):
        links.issue(CASE_ID, language="de")
    with pytest.raises(CardLinkError, match="between 5 minutes and 14 days"):
        links.issue(CASE_ID, lifetime=dt.timedelta(days=30))


def test_switching_language_keeps_what_was_typed_and_turns_direction(ws: Workspace):
    """Does switching the card from Arabic to Vietnamese keep the answers and turn the page left to right?"""
    card = ClientCard("about", "ar", lambda answers: None)
    box = find(card, widgets.Textarea, "كيف تصف نفسك لشخص يريد أن يعرفك؟")
    box.value = "xin chào"
    card.language_menu.value = "vi"
    assert box.description == "Bạn sẽ mô tả bản thân thế nào với một người muốn hiểu về bạn?"
    assert box.value == "xin chào" and "ck-rtl" not in card._dom_classes
    assert card.answers().language == "vi"
    card.close()


def test_the_clinicians_form_shows_the_clients_writing_read_only(ws: Workspace):
    """Is the client's own writing shown to the clinician as theirs, and locked against editing?"""
    token = CardLinks(ws.private_dir).issue(CASE_ID, language="ar")
    card = _open(ws, token)
    find(card, widgets.Textarea, "كيف تصف نفسك لشخص يريد أن يعرفك؟").value = "أنا أمّ"
    card.send()
    with ws.open_store() as store:
        entry = store.load(CASE_ID).case.identity.self_description

    class Editor:
        def apply(self, *args: Any) -> str | None:
            raise AssertionError("the client's writing must not be edited")

        def guard(self, callback: Any) -> Any:
            return callback

    field = EntryField(Editor(), entry, "Self-description", "identity")
    assert field.text.disabled and field.voice.disabled
    assert "Client&#x27;s own writing, in Arabic" in field.children[-1].value


def test_the_shipped_card_workbook_is_what_the_code_builds():
    """Is notebooks/client-card.ipynb exactly the workbook casekit builds (code hidden, no outputs)?"""
    import nbformat

    from casekit.resources import notebooks_dir
    from casekit.widgets.client_card import NOTEBOOK_NAME
    from casekit.widgets.client_card_page import build_notebook

    committed = nbformat.read(notebooks_dir() / NOTEBOOK_NAME, as_version=4)
    assert committed == build_notebook()
    assert all(cell.metadata["jupyter"]["source_hidden"] for cell in committed.cells)
    assert all(not cell.get("outputs") for cell in committed.cells)


def test_card_link_prints_a_link_once_and_refuses_an_unknown_case(ws: Workspace):
    """Does `casekit card link` print a link that opens the card, and refuse a case that is not there?"""
    from click.testing import CliRunner

    from casekit.cli import cli

    runner = CliRunner()
    made = runner.invoke(cli, ["--workspace", str(ws.root), "card", "link", CASE_ID, "--language", "so"])
    assert made.exit_code == 0, made.output
    url = made.output.strip()
    assert url.startswith("http://localhost:8866/?token=")
    link = CardLinks(ws.private_dir).claim(url.split("token=", 1)[1])
    assert link is not None and link.language == "so" and link.card == "about"
    missing = runner.invoke(cli, ["--workspace", str(ws.root), "card", "link", "CK-0999"])
    assert missing.exit_code != 0 and "CK-0999" in missing.output


def test_answers_that_do_not_fit_leave_the_card_open_and_say_so(ws: Workspace):
    """Is an answer the case cannot hold (a 'name' of 400 characters) refused with the card still open?"""
    token = CardLinks(ws.private_dir).issue(CASE_ID, language="fr")
    card = _open(ws, token)
    find(card, widgets.Text, "Quel nom aimeriez-vous que nous utilisions pour vous ?").value = "N" * 400
    with ws.open_store() as store:
        before = store.head(CASE_ID)
    assert not card.send()
    assert "n&#x27;ont pas pu être envoyées" in card.status.value and not card.locked
    with ws.open_store() as store:
        assert store.head(CASE_ID) == before


def test_links_long_expired_are_forgotten_when_a_new_one_is_made(ws: Workspace):
    """Does making a link remove links that expired more than a day ago, and keep the rest?"""
    clock = Clock()
    links = CardLinks(ws.private_dir, clock=clock)
    links.issue(CASE_ID, lifetime=dt.timedelta(hours=1))
    clock.now += dt.timedelta(days=2)
    links.issue(CASE_ID)
    with sqlite3.connect(ws.private_dir / FILE_NAME) as conn:
        assert conn.execute("SELECT count(*) FROM card_links").fetchone() == (1,)


@pytest.fixture
def ws_with_instruments(ws: Workspace) -> Workspace:
    """The workspace, with the clinic's instruments folder holding the fictional test instruments."""
    folder = layout.instruments_dir(ws.root)
    folder.mkdir(exist_ok=True)
    for path in INSTRUMENT_DATA.glob("*.toml"):
        shutil.copy(path, folder / path.name)
    return ws


def _shown(card: ClientCard, name: str) -> bool:
    return card.instrument_parts[name].layout.display != "none"


def test_a_feedback_card_offers_the_clinics_instrument_and_keeps_its_total_beside_the_clients_words(
    ws_with_instruments: Workspace,
):
    """Does an English feedback card offer the clinic's English instrument, and is its scored total
    kept with the client's own words in the new feedback entry?"""
    token = CardLinks(ws_with_instruments.private_dir).issue(CASE_ID, card="feedback", language="en")
    card = _open(ws_with_instruments, token)
    assert _shown(card, "Feeling Heard Check") and not _shown(card, "Comment on a fait")
    assert (
        "Fictional test instrument. Free to copy."
        in card.instrument_parts["Feeling Heard Check"].children[-1].value
    )
    find(card, widgets.Dropdown, "Today I felt my counsellor listened to what I was saying.").value = 3
    find(card, widgets.Dropdown, "Today I felt hurried along.").value = 1  # reverse-scored: counts 3
    find(card, widgets.Dropdown, "I could describe things in my own way, with my own words.").value = 4
    find(
        card, widgets.Textarea, "What would you like your clinician to keep doing, or to do differently?"
    ).value = "Please keep asking about my grandmother."
    find(card, widgets.Button, "Send to my clinician").click()
    assert card.locked, card.status.value
    with ws_with_instruments.open_store() as store:
        feedback = store.load(CASE_ID).case.feedback[-1]
    assert feedback.instrument_scores == {"Feeling Heard Check": 10.0}
    assert (
        feedback.comments.text == "Please keep asking about my grandmother."
        and feedback.comments.client_written
    )
    assert "You answered 4 questions." in card.status.value


def test_the_card_offers_only_instruments_in_its_current_language(ws_with_instruments: Workspace):
    """Does switching the card to French offer the French instrument instead, with French answers only,
    and does a language with no instrument offer none?"""
    token = CardLinks(ws_with_instruments.private_dir).issue(CASE_ID, card="feedback", language="en")
    card = _open(ws_with_instruments, token)
    find(card, widgets.Dropdown, "Today I felt hurried along.").value = 2
    card.language_menu.value = "fr"
    assert _shown(card, "Comment on a fait") and not _shown(card, "Feeling Heard Check")
    find(card, widgets.Dropdown, "Je me suis senti·e compris·e aujourd'hui.").value = 4
    find(card, widgets.Dropdown, "On a respecté ma façon de voir les choses.").value = 5
    assert card.answers().instruments == {"Comment on a fait": {"compris": 4, "respect": 5}}
    assert ("Pas de réponse", None) in find(
        card, widgets.Dropdown, "On a respecté ma façon de voir les choses."
    ).options
    card.language_menu.value = "vi"
    assert not any(_shown(card, name) for name in card.instrument_parts) and card.answers().instruments == {}


def test_an_instrument_answered_in_part_gets_no_total_but_the_rest_is_kept(ws_with_instruments: Workspace):
    """Is an instrument with an item left empty given no total (it needs every item), its answer kept as
    partial, while the client's rating is still saved (after the card has said some are unanswered)?"""
    token = CardLinks(ws_with_instruments.private_dir).issue(CASE_ID, card="feedback", language="en")
    card = _open(ws_with_instruments, token)
    find(card, widgets.Dropdown, "Today I felt my counsellor listened to what I was saying.").value = 4
    find(card, widgets.Dropdown, "How much did you feel respected today?").value = 5
    assert not card.send() and "2 questions in “Feeling Heard Check” have no answer yet." in card.status.value
    assert card.send()
    with ws_with_instruments.open_store() as store:
        feedback = store.load(CASE_ID).case.feedback[-1]
    assert feedback.instrument_scores == {} and feedback.felt_respected == 5
    assert feedback.instrument_partial["Feeling Heard Check"].answers == {"heard": 4}
    assert feedback.instrument_partial["Feeling Heard Check"].of == 3


def test_the_card_tells_the_client_in_their_language_that_questions_are_unanswered(
    ws_with_instruments: Workspace,
):
    """In French, does pressing send with an instrument half answered first say so in French (from the
    catalogue), leave the card open with nothing saved, and then send as it is when pressed again?"""
    token = CardLinks(ws_with_instruments.private_dir).issue(CASE_ID, card="feedback", language="fr")
    card = _open(ws_with_instruments, token)
    with ws_with_instruments.open_store() as store:
        before = store.head(CASE_ID)
    find(card, widgets.Dropdown, "Je me suis senti·e compris·e aujourd'hui.").value = 4
    send = card.send_button
    send.click()
    assert not card.locked
    said = html.unescape(card.status.value)
    assert "1 question de « Comment on a fait » n'a pas encore de réponse." in said
    assert "appuyer de nouveau sur le bouton" in said and "lang='fr'" in said
    with ws_with_instruments.open_store() as store:
        assert store.head(CASE_ID) == before
    send.click()
    assert card.locked, card.status.value
    with ws_with_instruments.open_store() as store:
        feedback = store.load(CASE_ID).case.feedback[-1]
    assert feedback.instrument_partial["Comment on a fait"].answers == {"compris": 4}


def test_a_fully_answered_or_untouched_instrument_sends_at_the_first_press(ws_with_instruments: Workspace):
    """Is the client told nothing extra when they left an instrument wholly empty (any question may be
    left empty), so the card sends at once?"""
    token = CardLinks(ws_with_instruments.private_dir).issue(CASE_ID, card="feedback", language="en")
    card = _open(ws_with_instruments, token)
    find(card, widgets.Dropdown, "How much did you feel respected today?").value = 4
    assert card.send() and card.locked


def test_an_about_card_offers_no_instrument(ws_with_instruments: Workspace):
    """Does the 'about you' card leave the clinic's instruments off (they belong after a session)?"""
    token = CardLinks(ws_with_instruments.private_dir).issue(CASE_ID, card="about", language="en")
    card = _open(ws_with_instruments, token)
    assert card.instrument_parts == {}
    assert not [
        w for w in descendants(card) if getattr(w, "description", "") == "Today I felt hurried along."
    ]
