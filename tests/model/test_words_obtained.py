"""How were an entry's words obtained: word for word, paraphrased, or through an interpreter?"""

from __future__ import annotations

import pydantic
import pytest

from casekit.model import Case, CaseMeta, Entry, Obtained, Voice, case_to_json, parse_case_json
from casekit.render.doc import Document, Para, Said, to_html, to_markdown
from casekit.render.provenance import provenance


def _v1_case() -> bytes:
    return (
        b'{"schema_version": 1, "meta": {"case_id": "CK-0001", "clinician_alias": "A"},'
        b' "identity": {"self_description": {"text": "A quiet person who loves the sea", "voice": "client"}}}'
    )


def test_a_clinician_typing_in_a_client_field_is_a_paraphrase_by_default():
    """Does a new case's client field start as the clinician's paraphrase, never as the client's words?"""
    case = Case(meta=CaseMeta(case_id="CK-0001", clinician_alias="A"))
    entry = case.identity.self_description
    assert entry.voice is Voice.CLIENT and entry.obtained is Obtained.PARAPHRASE
    assert not entry.is_clients_own_words
    assert provenance(entry) == "Client, paraphrased"
    assert case.positionality.shaping_perception.obtained is None


def test_an_old_case_loads_and_its_client_entries_are_not_credited_as_verbatim():
    """Does a schema-1 case still load, with its client entries shown as not marked word for word?"""
    case = parse_case_json(_v1_case(), source="old.json")
    entry = case.identity.self_description
    assert entry.text == "A quiet person who loves the sea" and entry.obtained is None
    assert provenance(entry) == "Client (not marked as word for word)"
    again = parse_case_json(case_to_json(case, include_identifiers=True), source="again.json")
    assert again == case


def test_only_verbatim_words_are_exported_as_the_clients_words_with_their_language():
    """Does an export label a paraphrase as one, and mark verbatim words with their language?"""
    said = Entry(
        text="Tôi muốn được lắng nghe", voice=Voice.CLIENT, obtained=Obtained.VERBATIM, language="vi"
    )
    para = Entry(text="Wants to be heard", voice=Voice.CLIENT, obtained=Obtained.PARAPHRASE)
    doc = Document("words", "Words").add(Para((Said(said),)), Para((Said(para),)))
    html, md = to_html(doc), to_markdown(doc)
    assert "Client&#x27;s words, in Vietnamese:" in html
    assert 'lang="vi"' in html and 'data-obtained="verbatim"' in html
    assert "*Client, paraphrased:* Wants to be heard" in md


def test_client_writing_must_be_the_clients_voice_word_for_word():
    """Is an entry marked as written by the client refused unless it is the client's verbatim words?"""
    ok = Entry(text="x", voice=Voice.CLIENT, obtained=Obtained.VERBATIM, client_written=True, language="ar")
    assert provenance(ok) == "Client's own writing, in Arabic"
    with pytest.raises(pydantic.ValidationError, match="written by the client"):
        Entry(text="x", voice=Voice.CLIENT, obtained=Obtained.PARAPHRASE, client_written=True)
    with pytest.raises(pydantic.ValidationError, match="written by the client"):
        Entry(text="x", voice=Voice.CLINICIAN, client_written=True)


@pytest.mark.parametrize("tag", ["en", "zh-Hans", "so-SO", "es-419", "ar"])
def test_well_formed_language_tags_are_accepted(tag: str):
    """Is each well-formed BCP-47 tag kept as given?"""
    assert Entry(voice=Voice.CLIENT, language=tag).language == tag


@pytest.mark.parametrize("tag", ["english", "a", "vi_VN", "zh-", "<script>"])
def test_malformed_language_tags_are_refused(tag: str):
    """Is a language that is not a BCP-47 tag refused?"""
    with pytest.raises(pydantic.ValidationError):
        Entry(voice=Voice.CLIENT, language=tag)
