# ruff: noqa: E501 - the table of bad inputs reads best one input per line
"""Is every kind of bad case file refused with one line that names the place, says the fix, and leaks nothing?

Each bad input below is built from a small valid case whose private identifiers hold a fictional
name. Wherever it can, the bad value itself is that name (a name where a number belongs, a name as an
unknown key, a name as a case id), so that a message echoing its input would be caught.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from casekit.errors import CaseIdError, CasekitError, CaseValidationError, InputFileError, SchemaVersionError
from casekit.model import SCHEMA_VERSION, Case, parse_case_json, validate_case
from casekit.model.case import MAX_SHORT, MAX_TEXT
from casekit.model.io import MAX_CASE_BYTES

SOURCE = "bad-case.json"
NAME = "Wilhelmina Okonkwo-Hartley"
SECRETS = ("wilhelmina", "okonkwo", "hartley")
HINTS = (
    "add ", "use ", "give ", "remove ", "shorten ", "fix ", "save ", "choose ", "check ", "upgrade ",
    "rename ", "keep ", "correct ", "set ", "change ",
)  # fmt: skip


def _base() -> dict[str, Any]:
    return {
        "schema_version": 1,
        "meta": {"case_id": "CK-0042", "clinician_alias": "Presenter Q", "group": "north-team"},
        "identifiers": {"legal_name": NAME, "phones": ["555-0100"]},
        "identity": {
            "naming": {"text": "What my name means to me.", "voice": "client"},
            "identities": [{"id": "idn1", "words": {"text": "Grandmother.", "voice": "client"}}],
        },
        "power": [{"id": "pow1", "level": "systemic", "kind": "fees"}],
        "goals": [{"id": "goal1", "ratings": [{"id": "rate1", "date": "2025-03-01", "score": 4}]}],
        "missteps": [{"id": "miss1", "date": "2025-03-08", "status": "repaired"}],
        "feedback": [{"id": "fb01", "date": "2025-03-01", "felt_understood": 4, "felt_respected": 5}],
    }


def _edit(change: Callable[[dict[str, Any]], object]) -> bytes:
    data = copy.deepcopy(_base())
    change(data)
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def _set(path: tuple, value: object) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


def _drop(key: str) -> Callable[[dict[str, Any]], None]:
    return lambda data: data.pop(key)


@dataclass(frozen=True)
class Bad:
    kind: str
    raw: bytes | str
    error: type[CasekitError]
    names: str  # what the message must name besides the file: a field path, or "" for the file only


# fmt: off
BAD_INPUTS = [
    Bad("malformed JSON", b'{"schema_version": 1, "meta": {"case_id": "CK-0042",', InputFileError, "line 1"),
    Bad("trailing comma", b'{"schema_version": 1,}', InputFileError, "line 1 column"),
    Bad("empty file", b"", InputFileError, "empty"),
    Bad("whitespace only", b"  \n\t\n", InputFileError, "empty"),
    Bad("invalid UTF-8", f'{{"legal_name": "{NAME}\xff"}}'.encode("latin-1"), InputFileError, "UTF-8"),
    Bad("oversized file", b" " * (MAX_CASE_BYTES + 1), InputFileError, "bytes"),
    Bad("oversized text input", "x" * (MAX_CASE_BYTES // 2 + 1) + "é" * (MAX_CASE_BYTES // 2), InputFileError, "bytes"),
    Bad("NaN number", _edit(_set(("feedback", 0, "instrument_scores"), {"total": float("nan")})), InputFileError, "NaN"),
    Bad("duplicate key", b'{"schema_version": 1, "schema_version": 1}', InputFileError, "'schema_version'"),
    Bad("duplicate unknown key", f'{{"{NAME}": 1, "{NAME}": 2}}'.encode(), InputFileError, "appears twice"),
    Bad("absurd nesting", b"[" * 200_000, InputFileError, "nested"),
    Bad("top-level list", json.dumps([NAME]).encode(), CaseValidationError, "JSON object"),
    Bad("top-level string", json.dumps(NAME).encode(), CaseValidationError, "JSON object"),
    Bad("missing schema_version", _edit(_drop("schema_version")), SchemaVersionError, "schema_version"),
    Bad(
        "newer schema_version",
        _edit(_set(("schema_version",), SCHEMA_VERSION + 1)),
        SchemaVersionError,
        f"schema_version {SCHEMA_VERSION + 1}",
    ),
    Bad("schema_version as text", _edit(_set(("schema_version",), "1")), SchemaVersionError, "schema_version"),
    Bad("schema_version zero", _edit(_set(("schema_version",), 0)), SchemaVersionError, "schema_version"),
    Bad("missing meta", _edit(_drop("meta")), CaseValidationError, "meta"),
    Bad("unknown top-level field named like a person", _edit(_set((NAME,), "x")), CaseValidationError, "unknown field"),
    Bad("misspelt field", _edit(_set(("identifiers", "legal_nmae"), NAME)), CaseValidationError, "legal_name"),
    Bad("wrong type next to the legal name", _edit(_set(("identifiers", "phones"), NAME)), CaseValidationError, "identifiers.phones"),
    Bad("list where text belongs", _edit(_set(("identifiers", "legal_name"), [NAME])), CaseValidationError, "identifiers.legal_name"),
    Bad("text where a number belongs", _edit(_set(("goals", 0, "ratings", 0, "score"), NAME)), CaseValidationError, "goals[0].ratings[0].score"),
    Bad("fractional score", _edit(_set(("goals", 0, "ratings", 0, "score"), 4.5)), CaseValidationError, "goals[0].ratings[0].score"),
    Bad("score above 10", _edit(_set(("goals", 0, "ratings", 0, "score"), 11)), CaseValidationError, "goals[0].ratings[0].score"),
    Bad("score below 0", _edit(_set(("goals", 0, "ratings", 0, "score"), -1)), CaseValidationError, "goals[0].ratings[0].score"),
    Bad("feedback of 0", _edit(_set(("feedback", 0, "felt_understood"), 0)), CaseValidationError, "feedback[0].felt_understood"),
    Bad("feedback of 6", _edit(_set(("feedback", 0, "felt_respected"), 6)), CaseValidationError, "feedback[0].felt_respected"),
    Bad("date in another format", _edit(_set(("goals", 0, "ratings", 0, "date"), "01/03/2025")), CaseValidationError, "goals[0].ratings[0].date"),
    Bad("impossible date of birth", _edit(_set(("identifiers", "date_of_birth"), "1961-02-30")), CaseValidationError, "identifiers.date_of_birth"),
    Bad("bad timestamp", _edit(_set(("meta", "created"), NAME)), CaseValidationError, "meta.created"),
    Bad("bad voice", _edit(_set(("identity", "naming", "voice"), NAME)), CaseValidationError, "identity.naming.voice"),
    Bad("missing voice", _edit(_set(("identity", "naming"), {"text": "x"})), CaseValidationError, "identity.naming.voice"),
    Bad("bad salience", _edit(_set(("identity", "identities", 0, "salience"), "huge")), CaseValidationError, "identity.identities[0].salience"),
    Bad("bad power level", _edit(_set(("power", 0, "level"), "global")), CaseValidationError, "power[0].level"),
    Bad("bad repair status", _edit(_set(("missteps", 0, "status"), "fixed")), CaseValidationError, "missteps[0].status"),
    Bad("list where an object belongs", _edit(_set(("meta",), [NAME])), CaseValidationError, "meta"),
    Bad("null where an object belongs", _edit(_set(("identity",), None)), CaseValidationError, "identity"),
    Bad("object where a list belongs", _edit(_set(("goals",), {"goal": NAME})), CaseValidationError, "goals"),
    Bad("bad case id", _edit(_set(("meta", "case_id"), "ck 42")), CaseIdError, "meta.case_id"),
    Bad("case id without a digit", _edit(_set(("meta", "case_id"), "CASE")), CaseIdError, "meta.case_id"),
    Bad("name part in case id", _edit(_set(("meta", "case_id"), "OKONKWO-1961")), CaseIdError, "meta.case_id"),
    Bad("name part in client alias", _edit(_set(("meta", "client_alias"), "Ms Hartley")), CaseValidationError, "meta.client_alias"),
    Bad("bad alias characters", _edit(_set(("meta", "clinician_alias"), f"<{NAME}>")), CaseValidationError, "meta.clinician_alias"),
    Bad("bad item id", _edit(_set(("goals", 0, "id"), NAME)), CaseValidationError, "goals[0].id"),
    Bad("NUL in text", _edit(_set(("identity", "naming", "text"), f"{NAME}\x00")), CaseValidationError, "identity.naming.text"),
    Bad("oversized text", _edit(_set(("identity", "naming", "text"), NAME * (MAX_TEXT // len(NAME) + 1))), CaseValidationError, "identity.naming.text"),
    Bad("oversized short field", _edit(_set(("identifiers", "legal_name"), NAME * (MAX_SHORT // len(NAME) + 1))), CaseValidationError, "identifiers.legal_name"),
    Bad("name as a mapping key with a bad value", _edit(_set(("feedback", 0, "instrument_scores"), {NAME: "high"})), CaseValidationError, "feedback[0].instrument_scores[<key>]"),
    Bad("BOM followed by bad JSON", b"\xef\xbb\xbf{oops", InputFileError, "line 1 column 2"),
]
# fmt: on


def test_there_are_at_least_twenty_kinds_of_bad_input():
    """Do the bad inputs below cover at least twenty distinct kinds?"""
    assert len({bad.kind for bad in BAD_INPUTS}) == len(BAD_INPUTS) >= 20


@pytest.mark.parametrize("bad", BAD_INPUTS, ids=lambda bad: bad.kind)
def test_bad_input_is_refused_with_one_helpful_line(bad: Bad):
    """Is this bad input refused with the right error, in one line naming file and place, with a fix?"""
    with pytest.raises(CasekitError) as info:
        parse_case_json(bad.raw, source=SOURCE)
    exc = info.value
    message = str(exc)
    assert type(exc) is bad.error, message
    assert "\n" not in message and "\r" not in message, message
    assert message.startswith(f"{SOURCE}: "), message
    assert bad.names in message, message
    assert any(hint in message for hint in HINTS), f"no fix hint in: {message}"
    assert len(message) < 400, message


@pytest.mark.parametrize("bad", BAD_INPUTS, ids=lambda bad: bad.kind)
def test_bad_input_message_never_contains_the_private_name(bad: Bad):
    """Does the message leave out the client's name, even when the bad value or key is that name?"""
    with pytest.raises(CasekitError) as info:
        parse_case_json(bad.raw, source=SOURCE)
    folded = str(info.value).casefold()
    assert not [secret for secret in SECRETS if secret in folded], str(info.value)
    assert "555-0100" not in folded


@pytest.mark.parametrize(
    "bad",
    [
        b
        for b in BAD_INPUTS
        if issubclass(b.error, CaseValidationError)
        and b.names.startswith(("meta", "ident", "goals", "feedback", "power", "missteps"))
    ],
    ids=lambda bad: bad.kind,
)
def test_validation_errors_carry_the_field_they_name(bad: Bad):
    """Does a validation error expose the field path on .field, for forms to highlight?"""
    with pytest.raises(CaseValidationError) as info:
        parse_case_json(bad.raw, source=SOURCE)
    assert info.value.field == bad.names


def test_misspelt_field_is_named_and_corrected():
    """Is a near-miss field name shown with the field it probably meant?"""
    with pytest.raises(CaseValidationError) as info:
        parse_case_json(_edit(_set(("identifiers", "legal_nmae"), NAME)), source=SOURCE)
    assert "'legal_nmae'" in str(info.value) and "did you mean 'legal_name'" in str(info.value)


def test_the_base_case_is_valid():
    """Is the case the bad inputs are made from valid, so each failure is the one change made?"""
    case = parse_case_json(_edit(lambda data: None), source=SOURCE)
    assert case.identifiers.legal_name == NAME


@pytest.mark.parametrize(
    "raw",
    [b"\xef\xbb\xbf" + _edit(lambda data: None), "\ufeff" + _edit(lambda data: None).decode("utf-8")],
    ids=["bytes", "text"],
)
def test_a_byte_order_mark_is_accepted(raw: bytes | str):
    """Is a file saved with a UTF-8 byte order mark (as some Windows editors do) read normally?"""
    case = parse_case_json(raw, source=SOURCE)
    assert isinstance(case, Case) and case.meta.case_id == "CK-0042"


def test_validate_case_refuses_a_non_object_without_reading_it():
    """Does validate_case, given already-parsed data that is not an object, say so in one line?"""
    with pytest.raises(CaseValidationError) as info:
        validate_case([NAME], source="store revision 3")
    assert str(info.value).startswith("store revision 3: ") and "hartley" not in str(info.value).casefold()


def test_validate_case_does_not_change_the_callers_data():
    """Is the dict handed to validate_case left as it was (no identifiers section added to it)?"""
    data = _base()
    del data["identifiers"]
    before = copy.deepcopy(data)
    validate_case(data, source=SOURCE)
    assert data == before
