"""Does every client-facing string reach every language, and are the catalogues what extraction gives?"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po

from casekit.errors import CatalogueError
from casekit.feedback_card.card_wording import DRAFT_NOTE, SENTENCES
from casekit.i18n import CARD_LANGUAGES, translation_status, use_language
from casekit.i18n import gettext as _
from casekit.i18n.catalogues import catalogue_path, folder_name, locale_dir
from casekit.widgets.client_card import CLIENT_PLURALS, ClientCard, client_strings
from tests.widgets.helpers import descendants

ROOT = Path(__file__).resolve().parents[2]
POT = locale_dir() / "casekit.pot"


def _catalogue(tag: str):
    with catalogue_path(tag).open("rb") as handle:
        return read_po(handle, locale=folder_name(tag))


def _ids(catalogue) -> set:
    return {message.id for message in catalogue if message.id}


@pytest.mark.parametrize("tag", CARD_LANGUAGES)
def test_every_string_shown_to_a_client_is_translated_in_this_language(tag: str):
    """Does this language's catalogue hold every client card string, each with a non-empty translation?"""
    catalogue = _catalogue(tag)
    for msgid in [*client_strings(), *CLIENT_PLURALS]:
        message = catalogue.get(msgid)
        assert message is not None, f"{tag}: {msgid!r} is not in the catalogue; run python3 dev.py catalogues"
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        assert forms and all(form.strip() for form in forms), f"{tag}: {msgid!r} has no translation"
        assert not message.fuzzy, f"{tag}: {msgid!r} is marked fuzzy; check it and remove the flag"


@pytest.mark.parametrize("tag", CARD_LANGUAGES)
def test_every_sentence_of_the_printed_feedback_card_is_translated_in_this_language(tag: str):
    """Does this language's catalogue hold every sentence of the paper feedback card, translated?"""
    catalogue = _catalogue(tag)
    for msgid in [*SENTENCES.values(), DRAFT_NOTE]:
        message = catalogue.get(msgid)
        assert message is not None, f"{tag}: {msgid!r} is not in the catalogue; run python3 dev.py catalogues"
        assert message.string.strip() and not message.fuzzy, f"{tag}: {msgid!r} has no checked translation"


#: The modules whose words a client reads (the client card, the paper feedback card) or that are put
#: in the language of a client's form (the audit summary line). Every message marked in them must be
#: translated in every language; the clinician's own screens may wait for a translator (English shows).
CLIENT_MODULES = (
    "casekit/widgets/client_card.py",
    "casekit/widgets/client_card_page.py",
    "casekit/feedback_card/card_wording.py",
    "casekit/audit/summary.py",
)


def _client_module_ids() -> set:
    from babel.messages.extract import extract_from_file

    ids = set()
    for module in CLIENT_MODULES:
        for _line, message, _comments, _context in extract_from_file("python", ROOT / module):
            ids.add(message[0] if isinstance(message, tuple) else message)
    return ids


@pytest.mark.parametrize("tag", CARD_LANGUAGES)
def test_every_catalogue_has_every_extracted_message_and_its_languages_plural_rule(tag: str):
    """Does each catalogue hold everything in the template, translate every message of the modules a
    client reads, mark none fuzzy, and carry Babel's plural forms for its language?"""
    catalogue = _catalogue(tag)
    template = read_po(POT.open("rb"))
    assert _ids(catalogue) == _ids(template)
    client = _client_module_ids()
    assert client >= set(client_strings()), "a client card string is marked outside CLIENT_MODULES"
    for message in catalogue:
        if message.id:
            forms = message.string if isinstance(message.string, tuple) else (message.string,)
            key = message.id[0] if isinstance(message.id, tuple) else message.id
            if key in client:
                assert all(form.strip() for form in forms), f"{tag}: {message.id!r} has an empty translation"
            assert not message.fuzzy, f"{tag}: {message.id!r} is marked fuzzy; check it and remove the flag"
    assert catalogue.num_plurals == get_plural(folder_name(tag)).num_plurals


def test_a_message_not_yet_translated_shows_in_english():
    """Is a clinician's label that a catalogue leaves empty shown in English, never blank?"""
    spanish = _catalogue("es")
    empty = [m.id for m in spanish if m.id and isinstance(m.id, str) and not m.string]
    assert empty, "every message has a Spanish translation: pick another language for this check"
    with use_language("es"):
        assert _(empty[0]) == empty[0]


def test_the_template_is_what_extraction_gives_today(tmp_path: Path):
    """Is casekit/locale/casekit.pot up to date with the marked strings in the code (pybabel extract)?"""
    fresh = tmp_path / "casekit.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "babel.cfg",
            "-o",
            str(fresh),
            "--no-location",
            "--sort-output",
            "-c",
            "TRANSLATORS:",
            "casekit",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    committed, extracted = read_po(POT.open("rb")), read_po(fresh.open("rb"))
    assert _ids(extracted) >= set(client_strings()) | set(SENTENCES.values())
    assert _ids(committed) == _ids(extracted), "casekit.pot is out of date; run python3 dev.py catalogues"


@pytest.mark.parametrize("tag", [t for t in CARD_LANGUAGES if t != "en"])
def test_a_card_in_this_language_shows_no_english_left_behind(tag: str):
    """Is every label, heading and button of both cards in the card's language, none left in English?"""
    for card in ("about", "feedback"):
        english = ClientCard(card, "en", lambda answers: None)
        shown = ClientCard(card, tag, lambda answers: None)
        pairs = zip(descendants(english), descendants(shown), strict=True)
        for before, after in pairs:
            for attr in ("description", "value"):
                old, new = getattr(before, attr, None), getattr(after, attr, None)
                if isinstance(old, str) and old.strip() and "<style>" not in old:
                    assert old != new, f"{tag} {card} card still shows {old!r}"
        english.close()
        shown.close()


def test_drafts_are_marked_and_english_is_the_source():
    """Is every translation a draft until reviewed, and is English the source text, not a draft?"""
    assert translation_status("en").state == "source" and not translation_status("en").is_draft
    for tag in CARD_LANGUAGES:
        if tag != "en":
            assert translation_status(tag).is_draft, f"{tag} is marked reviewed: who reviewed it, and when?"


def test_a_language_without_a_catalogue_is_refused_in_one_line():
    """Does asking for a card in a language casekit has no catalogue for name the choices?"""
    with (
        pytest.raises(CatalogueError, match="no client card in 'tlh'; choose one of en, es"),
        use_language("tlh"),
    ):
        _("Language")


def test_every_label_of_every_choice_is_in_the_catalogues():
    """Is the label of every LabelledEnum member (voices, areas, roles, ratings …) extracted into the
    template, so a clinician's choices can be translated?"""
    import casekit.audit.assessment
    import casekit.model
    import casekit.session.model  # noqa: F401 - imported for their LabelledEnum subclasses
    from casekit.labels import LabelledEnum

    template = _ids(read_po(POT.open("rb")))
    enums = LabelledEnum.__subclasses__()
    assert len(enums) >= 15
    missing = [
        f"{enum.__name__}.{m.name}: {m._label!r}" for enum in enums for m in enum if m._label not in template
    ]
    assert not missing, "mark these labels with N_() and run python3 dev.py catalogues:\n" + "\n".join(
        missing
    )
