"""Do cases survive being written to JSON and read back, with and without their identifiers?"""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings

from casekit.model import Case, case_to_json, parse_case_json
from tests.model.strategies import cases

_SETTINGS = settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)


@_SETTINGS
@given(cases())
def test_case_round_trips_with_identifiers(case: Case) -> None:
    """Does writing a case with its identifiers and reading it back give the same case?"""
    text = case_to_json(case, include_identifiers=True)
    assert parse_case_json(text, source="generated.json") == case
    assert parse_case_json(text.encode("utf-8"), source="generated.json") == case


@_SETTINGS
@given(cases())
def test_case_without_identifiers_loses_only_the_identifiers(case: Case) -> None:
    """Does the default JSON leave the identifiers out and keep everything else exactly?"""
    text = case_to_json(case)
    assert "identifiers" not in json.loads(text)
    back = parse_case_json(text, source="generated.json")
    assert back.identifiers.is_empty()
    assert back.model_copy(update={"identifiers": case.identifiers}) == case


@_SETTINGS
@given(cases())
def test_writing_is_stable(case: Case) -> None:
    """Does a case read back from JSON write exactly the same JSON again (no drift on re-save)?"""
    text = case_to_json(case, include_identifiers=True)
    again = case_to_json(parse_case_json(text, source="generated.json"), include_identifiers=True)
    assert again == text
