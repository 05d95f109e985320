"""The workspace keep-list: a word decided "not identifying" once stays in every case; never an identifier."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from casekit.deid import Scrubber
from casekit.deid.review import keep_everywhere, pending_review, suggest
from casekit.deid.scrubber import ORDINARY_GUESS, PLACE_GUESS
from casekit.errors import ConfigError, DeidentificationError
from casekit.examples import load_examples
from casekit.model import PrivateIdentifiers
from casekit.workspace import Workspace

SECRET = b"keep-list"


def _example(case_id: str):
    return next(c for c in load_examples() if c.meta.case_id == case_id)


def test_a_kept_word_is_written_once_and_read_back(tmp_path: Path):
    """Is a term added once (whatever its case), read back, and the file private to its owner?"""
    ws = Workspace(tmp_path)
    assert ws.keep_list() == []
    assert ws.add_to_keep_list(["Lisbon", "lisbon", "Oshun"]) == ["Lisbon", "Oshun"]
    assert ws.add_to_keep_list(["LISBON"]) == []
    assert ws.keep_list() == ["Lisbon", "Oshun"]
    assert stat.S_IMODE(ws.keep_list_path.stat().st_mode) == 0o600


@pytest.mark.parametrize("term", ["", "two\nlines", "x" * 61])
def test_the_keep_list_takes_only_words_and_short_phrases(tmp_path: Path, term: str):
    """Is an empty, multi-line or passage-long term refused in one line, and nothing written?"""
    ws = Workspace(tmp_path)
    with pytest.raises(ConfigError, match="keep-list"):
        ws.add_to_keep_list([term])
    assert not ws.keep_list_path.exists()


def test_a_word_kept_once_applies_across_cases():
    """Is a capitalised word kept in one case's scrub also kept in another case's, from one keep-list?"""
    keep = ["Oshun"]
    for case_id in ("CK-0105", "CK-0106"):
        scrubber = Scrubber.for_case(_example(case_id), use_ner=False, secret=SECRET, keep_list=keep)
        result = scrubber.scrub("She lights a candle for Oshun on Saturdays.")
        assert result.text == "She lights a candle for Oshun on Saturdays."
        assert result.findings == []


def test_without_the_keep_list_the_same_word_is_asked_about():
    """Without the keep-list, is that word redacted and left for the presenter to decide?"""
    scrubber = Scrubber.for_case(_example("CK-0106"), use_ner=False, secret=SECRET)
    result = scrubber.scrub("She lights a candle for Oshun on Saturdays.")
    assert "Oshun" not in result.text and [f.status for f in result.findings] == ["pending"]


@pytest.mark.parametrize("keep", [["Mai"], ["mai"], ["Nguyen"], ["Gresham"]])
def test_the_keep_list_never_lets_a_known_identifier_through(ids: PrivateIdentifiers, keep: list[str]):
    """Even when a presenter's keep-list names a client's name or city, is it still removed?"""
    scrubber = Scrubber(ids, use_ner=False, secret=SECRET, keep_list=keep)
    out = scrubber.scrub("Mai Nguyen moved to Gresham last spring.").text
    assert "Mai" not in out and "Nguyen" not in out and "Gresham" not in out


def test_a_cases_own_name_cannot_be_kept_for_every_case():
    """Is "keep for every case" refused for one of the case's own names (CK-0103's White)?"""
    case = _example("CK-0103")
    items = pending_review(case, secret=SECRET, use_ner=False)
    white = next(i for i in items if i.span == "White")
    with pytest.raises(DeidentificationError, match="for this case only"):
        keep_everywhere(case, items, [white.number])


def test_a_finding_that_is_not_a_known_identifier_can_be_kept_everywhere():
    """Is a capitalised word only the capital-letter rule found offered to the keep-list as written?"""
    case = _example("CK-0106").model_copy(deep=True)
    entry = case.identity.self_description
    case.identity.self_description = entry.model_copy(
        update={"text": entry.text + " She lights a candle for Oshun."}
    )
    items = pending_review(case, secret=SECRET, use_ner=False)
    oshun = next(i for i in items if i.span == "Oshun")
    assert keep_everywhere(case, items, [oshun.number]) == ["Oshun"]
    assert "[[Oshun]]" in oshun.written and "[[Person" in oshun.exported


@pytest.mark.parametrize(
    ("detector", "reason", "text", "expected"),
    [
        ("ner", ORDINARY_GUESS, "Felt like home.", "keep"),
        ("ner", ORDINARY_GUESS, "Then Rose said so.", "redact"),
        ("ner", PLACE_GUESS, "Lisbon is far.", "redact"),
        ("ner", PLACE_GUESS, "Bahia is far.", "keep"),
        ("case", "a name of this case that is also an ordinary word", "White, I guess.", "keep"),
        ("case", "a name of this case that is also an ordinary word", "Grace can come.", "redact"),
        ("context", "capitalised word that is not an English word", "Okafor came.", "redact"),
    ],
)
def test_review_suggests_keeping_culture_and_ordinary_words_only(detector, reason, text, expected):
    """Is "keep" suggested for culture and for ordinary words opening a sentence, "redact" for names?"""
    from casekit.deid.report import Finding

    span = text.split()[1] if text.startswith("Then") else text.split()[0].rstrip(",")
    start = text.index(span)
    finding = Finding(
        "person", "x", start, start + len(span), "fp", "pending", "redacted", detector, reason, span
    )
    assert suggest(finding, text) == expected


def test_the_organisation_scrubber_follows_the_keep_list_too():
    """Does a scrub of every case at once (organisation level) keep a word on the keep-list?"""
    cases = [_example("CK-0105"), _example("CK-0106")]
    text = "Staff asked how to greet a client who lights a candle for Oshun."
    kept = Scrubber.for_cases(cases, use_ner=False, keep_list=["Oshun"]).scrub(text)
    assert kept.text == text
    unkept = Scrubber.for_cases(cases, use_ner=False).scrub(text)
    assert "Oshun" not in unkept.text


def test_a_workbook_shows_a_kept_word(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Does a workbook's de-identified case (what the group sees) keep a word on the workspace keep-list?"""
    from casekit import nbsupport

    ws = Workspace.create(tmp_path / "ws", examples=True)
    monkeypatch.delenv("CASEKIT_PASSPHRASE", raising=False)
    monkeypatch.delenv("CASEKIT_DB_URL", raising=False)
    with ws.open_store() as store:
        record = store.load("CK-0106")
        case = record.case.model_copy(deep=True)
        case.consultation_question.text = "How do I honour her offerings to Oshun without claiming them?"
        store.save(case, based_on=record.revision, author="Presenter A")
    shown = nbsupport.load_case(str(ws.root), "CK-0106", use_ner=False)
    assert "Oshun" not in shown.consultation_question.text
    ws.add_to_keep_list(["Oshun"])
    shown = nbsupport.load_case(str(ws.root), "CK-0106", use_ner=False)
    assert "offerings to Oshun" in shown.consultation_question.text
