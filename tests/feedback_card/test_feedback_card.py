"""The printable feedback card: its wording per language, the page, and a filled-in card typed back."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import importlib
import io
import re

import pytest

from casekit.errors import FeedbackCardError, InstrumentError
from casekit.feedback_card import (
    CardWording,
    PaperCard,
    card_html,
    card_languages,
    card_pdf,
    card_wording,
    paper_feedback,
    record_paper_card,
    register_card,
)
from casekit.feedback_card.card_wording import DRAFT_NOTE, SENTENCES
from casekit.i18n import CARD_LANGUAGES
from casekit.instruments import load_instrument
from casekit.model import FeedbackRoute, Voice
from casekit.workspace import Workspace
from tests.fictional import fictional_case
from tests.instruments.conftest import HEARD


def _visible_text(page: str) -> str:
    return re.sub(r"<style>.*?</style>|<[^>]+>", " ", page, flags=re.S)


@pytest.mark.parametrize("language", CARD_LANGUAGES)
def test_the_card_is_printed_in_its_language_with_no_client_details(language):
    """Is each card's page in its language (lang attribute, title, both questions) with no name field?"""
    words = card_wording(language)
    page = card_html(language)
    assert f"<html lang='{language}' dir='{'rtl' if language == 'ar' else 'ltr'}'>" in page
    text = _visible_text(page)
    for part in (words.title, words.understood, words.respected, words.words, words.no_name):
        assert part.replace("'", "&#x27;") in text or part in text
    assert "CK-" not in page and "<input" not in page and "<script" not in page


@pytest.mark.parametrize("language", ["es", "fr"])
def test_each_card_is_wholly_in_its_own_language(language):
    """Does the Spanish or French card read as that language, and not as English, to the audit's scorer?"""
    from casekit.audit.language import detect_language

    assert detect_language(_visible_text(card_html(language))) == language


def test_every_language_has_every_piece_of_wording():
    """Do the built-in cards fill every field, and do they differ from one another?"""
    assert set(card_languages()) >= set(CARD_LANGUAGES)
    titles = {card_wording(lang).title for lang in CARD_LANGUAGES}
    assert len(titles) == len(CARD_LANGUAGES)
    for lang in CARD_LANGUAGES:
        values = dataclasses.asdict(card_wording(lang))
        assert all(str(v).strip() for k, v in values.items() if k != "draft_note")


@pytest.mark.parametrize("language", [t for t in CARD_LANGUAGES if t != "en"])
def test_a_translated_card_leaves_no_english_behind(language):
    """Is every sentence of a translated card in its language, none of the English card's left on it?"""
    english, shown = card_wording("en"), card_wording(language)
    for name in SENTENCES:
        assert getattr(shown, name) != getattr(english, name), f"{language}: {name} is still in English"
    text = _visible_text(card_html(language))
    for sentence in SENTENCES.values():
        assert html.escape(sentence) not in text, f"{language} card still shows {sentence!r}"


def test_a_draft_translation_says_so_quietly_and_english_does_not():
    """Does a card whose catalogue is a draft carry the small draft note, and the English card none?"""
    vietnamese = card_html("vi")
    assert "class='draft'" in vietnamese and card_wording("vi").draft_note in vietnamese
    assert card_wording("vi").draft_note != DRAFT_NOTE
    assert "class='draft'" not in card_html("en") and card_wording("en").draft_note == ""


def test_the_arabic_card_reads_right_to_left():
    """Is the Arabic card's page marked right to left, in Arabic, and the Korean card left to right?"""
    page = card_html("ar")
    assert "<html lang='ar' dir='rtl'>" in page and "من فضلك لا تكتب اسمك على هذه البطاقة." in page
    assert "<html lang='ko' dir='ltr'>" in card_html("ko")


def test_a_language_without_a_card_is_refused_in_one_line():
    """Is a card in a language casekit has no wording for refused with the languages it has?"""
    with pytest.raises(
        FeedbackCardError,
        match=r"no feedback card in 'xx' yet; choose one of en, es, zh-Hans, vi, ar, so, fr, ko",
    ):
        card_html("xx")


def test_a_card_can_come_from_a_catalogue_later(monkeypatch):
    """Can a new language's card be added from a mapping (a catalogue), and is a missing field named?"""
    wording_module = importlib.import_module("casekit.feedback_card.card_wording")
    monkeypatch.setattr(wording_module, "_CARDS", dict(wording_module._CARDS))
    values = dataclasses.asdict(card_wording("en")) | {"language": "pt", "title": "Como foi hoje para você?"}
    register_card(CardWording.from_mapping(values))
    assert "Como foi hoje para você?" in card_html("pt")
    with pytest.raises(FeedbackCardError, match="thanks is missing"):
        CardWording.from_mapping({k: v for k, v in values.items() if k != "thanks"})


def test_the_clinics_questionnaire_is_added_only_in_its_own_language():
    """Is the clinic's questionnaire printed on the English card with its notice, and left off the Spanish?"""
    heard = load_instrument(HEARD)
    english = card_html("en", instruments=[heard])
    assert "Today I felt hurried along." in english and "Fictional test instrument." in english
    assert "hurried" not in card_html("es", instruments=[heard])


def test_the_card_prints_to_a_one_page_pdf():
    """Does the export route's printer turn the card into one PDF page whose text is the French card?"""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(card_pdf("fr")))
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    assert "Merci de ne pas écrire votre nom sur cette carte." in text


@pytest.mark.parametrize(
    ("language", "says"),
    [("zh-Hans", "请不要在这张卡片上写您的名字"), ("ko", "이름을"), ("ar", "لاتكتباسمك")],
)
def test_a_card_in_another_script_prints_to_pdf(language, says):
    """Does a Chinese, Korean or Arabic card print to one PDF page whose text is that card's, in its
    own script?"""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(card_pdf(language)))
    assert len(reader.pages) == 1
    assert says in "".join(reader.pages[0].extract_text().split())


def test_a_typed_back_card_is_the_clients_own_words_written_on_paper():
    """Does a typed-in card become a client-voiced feedback entry, written on paper, in its language?"""
    card = PaperCard(
        date=dt.date(2026, 3, 16),
        language="es",
        understood=4,
        respected=5,
        words="  Me sentí escuchada, aunque fue corto.  ",
    )
    entry = paper_feedback(card)
    assert entry.comments.text == "Me sentí escuchada, aunque fue corto."
    assert entry.comments.voice is Voice.CLIENT
    assert entry.given is FeedbackRoute.PAPER_CARD and entry.comments.language == "es"
    assert (entry.felt_understood, entry.felt_respected) == (4, 5)


def test_questionnaire_answers_on_a_card_are_scored_and_a_hand_total_checked():
    """Are item answers on the card scored, a hand total checked, and an unknown questionnaire refused?"""
    heard = load_instrument(HEARD)
    known = {heard.name: heard}
    by_items = PaperCard(
        dt.date(2026, 3, 16), "en", answers={heard.name: {"heard": 3, "rushed": 1, "own_words": 4}}
    )
    assert paper_feedback(by_items, known).instrument_scores == {heard.name: 10.0}
    by_total = PaperCard(dt.date(2026, 3, 16), "en", totals={heard.name: 8})
    assert paper_feedback(by_total, known).instrument_scores == {heard.name: 8.0}
    with pytest.raises(InstrumentError, match="outside the possible 0–12"):
        paper_feedback(PaperCard(dt.date(2026, 3, 16), "en", totals={heard.name: 40}), known)
    with pytest.raises(FeedbackCardError, match="no questionnaire called 'Other'"):
        paper_feedback(PaperCard(dt.date(2026, 3, 16), "en", totals={"Other": 1}), known)


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ({"understood": 6}, "paper card, felt_understood:"),
        ({"language": "Spanish"}, "paper card, language:"),
        ({"date": dt.date(1066, 1, 1)}, "paper card, date:"),
    ],
)
def test_a_mistyped_card_is_refused_in_one_line(change, says):
    """Is an off-scale box, a language written out, or an impossible date refused, naming the field?"""
    card = dataclasses.replace(PaperCard(dt.date(2026, 3, 16), "es"), **change)
    with pytest.raises(FeedbackCardError) as caught:
        paper_feedback(card)
    assert str(caught.value).startswith(says) and "\n" not in str(caught.value)


def test_recording_a_card_saves_a_new_revision_of_the_case(tmp_path):
    """Is a typed-back card saved as the case's next revision, after the feedback already there?"""
    ws = Workspace.create(tmp_path / "ws")
    with ws.open_store() as store:
        store.create(fictional_case("CK-0101"), author="Presenter A")
        before = len(store.load("CK-0101").case.feedback)
        record = record_paper_card(
            store, "CK-0101", PaperCard(dt.date(2026, 3, 16), "fr", understood=3, words="Un peu pressé.")
        )
        assert record.revision == 2
        stored = store.load("CK-0101").case.feedback
    assert len(stored) == before + 1
    assert stored[-1].comments.text == "Un peu pressé." and stored[-1].given is FeedbackRoute.PAPER_CARD


def test_the_formulation_says_which_feedback_the_client_wrote_on_paper():
    """Does the feedback table mark an entry typed from a paper card, with its language, and no other?"""
    from casekit.render import render_feedback

    case = fictional_case()
    case.feedback.append(paper_feedback(PaperCard(dt.date(2026, 3, 30), "es", words="Me sentí escuchada.")))
    text = render_feedback(case).markdown.replace("\\", "")  # Markdown escapes the brackets
    assert text.count("(written on a paper card, in es)") == 1
    assert "Me sentí escuchada." in text
