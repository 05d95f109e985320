"""`casekit feedback`: print a blank paper card, and type a filled-in one back in."""

from __future__ import annotations

import html
import shutil

import pytest

from casekit import layout
from casekit.feedback_card import card_wording
from casekit.i18n import CARD_LANGUAGES
from casekit.model import FeedbackRoute, Voice
from tests.instruments.conftest import HEARD


def test_a_blank_card_is_written_to_the_exports_folder_in_each_language(run_cli, workspace):
    """Does `casekit feedback card -l es` write the Spanish card under exports/ and print its path?"""
    result = run_cli("feedback", "card", "-l", "es", "--to", "html")
    assert result.exit_code == 0, result.output
    path = layout.feedback_card_path(workspace.exports_dir, "es", "html")
    assert result.output.strip() == str(path)
    assert "¿Cómo le fue hoy?" in path.read_text(encoding="utf-8")
    pdf = run_cli("feedback", "card", "-l", "fr")
    assert layout.feedback_card_path(workspace.exports_dir, "fr", "pdf").read_bytes().startswith(b"%PDF")
    assert pdf.exit_code == 0


@pytest.mark.parametrize("language", CARD_LANGUAGES)
def test_a_blank_card_prints_in_every_client_card_language(run_cli, workspace, language):
    """Does `casekit feedback card -l LANG` write that language's card, with its own title, for all eight?"""
    result = run_cli("feedback", "card", "-l", language, "--to", "html")
    assert result.exit_code == 0, result.output
    page = layout.feedback_card_path(workspace.exports_dir, language, "html").read_text(encoding="utf-8")
    assert f"<html lang='{language}'" in page and html.escape(card_wording(language).title) in page


def test_a_card_in_an_unknown_language_is_one_line(run_cli):
    """Is asking for a card in a language with no wording a one-line error naming the ones there are?"""
    result = run_cli("feedback", "card", "-l", "xx")
    assert result.exit_code != 0
    assert result.output.count("\n") <= 1 and "choose one of en, es, zh-Hans" in result.output


def test_typed_back_words_are_asked_for_and_saved_as_the_clients(run_cli, workspace):
    """Are the client's words prompted for (not an option), and saved as theirs, on paper, in Spanish?"""
    with workspace.open_store() as store:
        before = len(store.load("CK-0101").case.feedback)
    result = run_cli(
        "feedback",
        "enter",
        "CK-0101",
        "--date",
        "2026-03-16",
        "--language",
        "es",
        "--understood",
        "4",
        input="Hoy me entendieron mejor.\n",
    )
    assert result.exit_code == 0, result.output
    assert "saved as revision" in result.output
    with workspace.open_store() as store:
        feedback = store.load("CK-0101").case.feedback
    assert len(feedback) == before + 1
    entry = feedback[-1]
    assert entry.comments.text == "Hoy me entendieron mejor." and entry.comments.voice is Voice.CLIENT
    assert entry.given is FeedbackRoute.PAPER_CARD and entry.felt_understood == 4
    assert entry.comments.language == "es"


def test_a_questionnaire_on_the_card_is_scored_from_the_workspace(run_cli, workspace):
    """Are a questionnaire's item answers typed from the card scored with the workspace's own file?"""
    folder = workspace.instruments_dir
    folder.mkdir(exist_ok=True)
    shutil.copy(HEARD, folder / HEARD.name)
    result = run_cli(
        "feedback",
        "enter",
        "CK-0101",
        "--date",
        "2026-03-16",
        "-l",
        "en",
        "--answers",
        "Feeling Heard Check=heard:4,rushed:0,own_words:2",
        input="\n",
    )
    assert result.exit_code == 0, result.output
    with workspace.open_store() as store:
        entry = store.load("CK-0101").case.feedback[-1]
    assert entry.instrument_scores == {"Feeling Heard Check": 10.0} and entry.comments.text == ""


def test_a_questionnaire_answered_in_part_is_kept_partial_and_said_so(run_cli, workspace):
    """Typed in with a question left blank, is the questionnaire kept as partial (no total), and does
    the command say so in plain words?"""
    folder = workspace.instruments_dir
    folder.mkdir(exist_ok=True)
    shutil.copy(HEARD, folder / HEARD.name)
    result = run_cli(
        "feedback",
        "enter",
        "CK-0101",
        "--date",
        "2026-03-16",
        "-l",
        "en",
        "--answers",
        "Feeling Heard Check=heard:4,own_words:2",
        input="\n",
    )
    assert result.exit_code == 0, result.output
    assert "Feeling Heard Check: partial — 2 of 3 answered, so no total." in result.output
    with workspace.open_store() as store:
        entry = store.load("CK-0101").case.feedback[-1]
    assert entry.instrument_scores == {}
    assert entry.instrument_partial["Feeling Heard Check"].answers == {"heard": 4, "own_words": 2}


def test_a_mistyped_card_saves_nothing(run_cli, workspace):
    """Does a bad date or a badly written answer stop with one line and leave the case as it was?"""
    with workspace.open_store() as store:
        head = store.head("CK-0101")
    bad_date = run_cli("feedback", "enter", "CK-0101", "--date", "16/03/2026", "-l", "en", input="\n")
    assert bad_date.exit_code != 0 and "write it as YYYY-MM-DD" in bad_date.output
    bad_answer = run_cli(
        "feedback", "enter", "CK-0101", "--date", "2026-03-16", "-l", "en", "--answers", "X=heard", input="\n"
    )
    assert bad_answer.exit_code != 0 and "write each item as id:point" in bad_answer.output
    with workspace.open_store() as store:
        assert store.head("CK-0101") == head
