"""Pattern detection of the HIPAA Safe Harbor kinds, for text with no case attached."""

from __future__ import annotations

import pytest

from casekit.deid import Scrubber


@pytest.fixture
def plain() -> Scrubber:
    """A scrubber with no identifiers and no NER: patterns only."""
    return Scrubber(use_ner=False, secret=b"k")


@pytest.mark.parametrize(
    ("text", "secret", "label"),
    [
        ("Seen on March 5, 2024.", "March 5", "[Date] 2024"),
        ("Seen on 5 March 2024.", "5 March", "[Date] 2024"),
        ("Seen on the 5th of March.", "5th", "[Date]"),
        ("Seen on Mar. 5th.", "5th", "[Date]"),
        ("Seen on 2024-03-05.", "03-05", "[Date] 2024"),
        ("Seen on 03/05/2024.", "03/05", "[Date] 2024"),
        ("Seen on 5.3.24.", "5.3.24", "[Date]"),
        ("Seen on 4/12 again.", "4/12", "[Date]"),
        ("Started in March 2023.", "March", "[Date] 2023"),
        ("Call (212) 555-0188.", "555-0188", "[Phone]"),
        ("Fax 212.555.0199 ext 12.", "555.0199", "[Phone]"),
        ("Call +44 20 7946 0958.", "7946", "[Phone]"),
        ("Write to kofi.a@example.org today.", "kofi.a", "[Email]"),
        ("See https://blog.example.net/kofi?id=3 for more.", "blog.example", "[URL]"),
        ("See www.kofi-art.com for more.", "kofi-art", "[URL]"),
        ("Logged from 10.20.30.40 at night.", "10.20.30.40", "[IP address]"),
        ("Logged from 2001:db8::8a2e:370:7334 at night.", "8a2e", "[IP address]"),
        ("SSN 219-09-9999 on file.", "219-09-9999", "[SSN]"),
        ("MRN: 00482913 on file.", "00482913", "[ID number]"),
        ("Account number 7719-2231-88 closed.", "7719-2231-88", "[ID number]"),
        ("Driver's licence WDL4492KX7 seen.", "WDL4492KX7", "[ID number]"),
        ("Device serial SN-88301245 noted.", "88301245", "[ID number]"),
        ("She lives at 88 Juniper Hollow Lane.", "Juniper", "[Street address]"),
        ("Mail to PO Box 4410 please.", "4410", "[Street address]"),
        ("The ZIP code is 60614.", "60614", "[ZIP]"),
        ("Her grandmother is 94 years old.", "94", "90 or older"),
        ("A 97-year-old neighbour helps.", "97", "90-or-older"),
        ("Her aunt, aged 102, lives alone.", "102", "90 or older"),
        ("Dr. Adeyemi referred her.", "Adeyemi", "Person A"),
        ("She attends Lakeview Elementary School.", "Lakeview", "[School]"),
        ("She works at Brightwater Plumbing Services.", "Brightwater", "[Organisation]"),
    ],
)
def test_safe_harbor_patterns_are_replaced(plain: Scrubber, text: str, secret: str, label: str):
    """Is each Safe Harbor kind with a recognisable shape replaced by its label?"""
    out = plain.scrub(text).text
    assert secret not in out
    assert label in out


@pytest.mark.parametrize(
    "text",
    [
        "Her PHQ-9 score fell from 14 to 9 in 2024.",
        "She rated the session 4/5.",
        "We met at 10:30 for 50 minutes.",
        "She is 45 years old and has two children.",
        "She moved here in 2019 from Texas.",
        "The DSM-5-TR and ICD-11 both list it.",
        "She may come back in May.",
    ],
)
def test_clinical_numbers_years_and_ages_under_90_stay(plain: Scrubber, text: str):
    """Are scores, ratings, times, years, ages under 90 and manual names left alone?"""
    assert plain.scrub(text).text == text
