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


@pytest.mark.parametrize(
    ("text", "secret", "label"),
    [
        ("She is 94 and still gardens.", "94", "She is 90 or older"),
        ("He's almost 93.", "93", "90 or older"),
        ("Her grandmother turned ninety-one last spring.", "ninety", "turned 90 or older"),
        ("A 92-year-old neighbour helps.", "92", "A 90-or-older neighbour"),
        ("A ninety-two-year-old neighbour helps.", "ninety", "A 90-or-older neighbour"),
        ("His father, 96, lives alone.", "96", "His father, 90 or older, lives"),
        ("Her aunt is in her late nineties.", "nineties", "Her aunt is aged 90 or older."),
        ("She turned a hundred and two in June.", "hundred", "turned 90 or older"),
        ("Her grandmother is 94.", "94", "Her grandmother is 90 or older."),
        ("She is a centenarian.", "centenarian", "She is a person aged 90 or older."),
    ],
)
def test_ages_over_89_in_running_text_become_90_or_older(plain: Scrubber, text: str, secret: str, label: str):
    """Is an age over 89 written in prose, digits or words, folded into "90 or older"?"""
    out = plain.scrub(text).text
    assert secret not in out
    assert label in out


@pytest.mark.parametrize(
    ("text", "secret", "label"),
    [
        ("We meet on the 3rd.", "3rd", "on the [Date]."),
        ("She has been sober since the 21st.", "21st", "since the [Date]."),
        ("Call me on Tuesday the 14th, after work.", "14th", "Tuesday the [Date],"),
        ("See you on the first.", "first", "on the [Date]."),
        ("Follow her at @kofi_paints for the art.", "kofi", "[Social media handle]"),
        ("Logged from 2001:db8::1 at night.", "db8", "[IP address]"),
        ("Logged from fe80::1ff:fe23:4567:890a%eth0 today.", "fe23", "[IP address]"),
        ("See example.org/path for more.", "example", "[URL]"),
        ("Her page is linktr.ee/kofiart now.", "kofiart", "[URL]"),
        ("Visit www.kofi.studio please.", "kofi", "[URL]"),
        ("Her site is Kofi-Paints.COM now.", "Kofi", "[URL]"),
        ("She lives at 412 County Road 7 now.", "412", "at [Street address] now"),
        ("Mail goes to Rural Route 2, Box 14.", "Route 2", "[Street address]"),
        ("Send it to PO Box 51.", "51", "[Street address]"),
        ("Send it to Post Office Box 51.", "51", "[Street address]"),
        ("The farm is at 2210 FM 1960 outside town.", "1960", "[Street address]"),
        ("MRN 00-4471-A on file.", "4471", "MRN [ID number] on"),
        ("Her policy no. XJ 4471 993 lapsed.", "XJ", "no. [ID number] lapsed"),
        ("Her member ID: ABC123456 works.", "ABC", "[ID number] works"),
        ("Insurance ID 884 221 9034 on file.", "884", "ID [ID number] on"),
        ("The router 00:1A:2B:3C:4D:5E was logged.", "4D", "router [ID number] was"),
        ("Call five five five, two one two, four four seven eight.", "four four", "Call [Phone]."),
        ("Call double five five two one two four four seven eight.", "double", "Call [Phone]."),
        ("Write to kofi at example dot com.", "kofi", "Write to [Email]."),
        ("Write to kofi [at] example [dot] org.", "kofi", "Write to [Email]."),
        ("Write to kofi(at)example(dot)net.", "kofi", "Write to [Email]."),
    ],
)
def test_identifiers_written_loosely_in_prose_are_replaced(
    plain: Scrubber, text: str, secret: str, label: str
):
    """Are days without a month, handles, IPv6, bare URLs, rural addresses, spaced record numbers, and
    phone numbers and emails spelt out in words all replaced?"""
    out = plain.scrub(text).text
    assert secret not in out
    assert label in out


@pytest.mark.parametrize(
    "text",
    [
        "She is 94 percent sure.",
        "The session was 95 minutes long.",
        "We moved there in the nineties.",
        "Her mother is in her eighties.",
        "She was born in 1931.",
        "On the 3rd floor there is a lift.",
        "It was the 21st century.",
        "This is her 2nd session.",
        "From the first session she was open.",
        "On the first day she cried.",
        "On second thought she stayed.",
        "Meet @ the park.",
        "Meet @5pm.",
        "We met at 10:30:15 exactly.",
        "Take 2.5mg/kg daily.",
        "She uses and/or avoids, e.g. at work.",
        "She drove two hours on Interstate 5 to get here.",
        "She lives on a county road.",
        "Group 3 met on time.",
        "She had 2 sessions a week and paid $40.",
        "She counted: one, two, three, four, five, six, seven, eight.",
        "She works at google dot com.",
        "We met at 9 a.m. today.",
        "She has a Ph.D. in history.",
        "She went home.Me and mom stayed.",
        "She turned 100 pages and was 95 people deep in the queue.",
        "They were 95 minutes late; he is 100 percent sure.",
    ],
)
def test_ordinary_prose_that_resembles_the_new_patterns_stays(plain: Scrubber, text: str):
    """Do percentages, decades, floors, centuries, session counts, times, doses, highways, group
    numbers, counting aloud and abbreviations stay as written?"""
    assert plain.scrub(text).text == text
