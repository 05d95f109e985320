"""Linear time: no pattern retries from every position of a long run (which would be quadratic).

Each input is 100,000 characters built to make one kind of pattern work hardest: a run with no space,
a run of the characters an address or number is made of, a keyword repeated without its value. A
quadratic pattern takes minutes on these; a linear one, about a second for all patterns together.
The timeout marker is generous on purpose (a busy test machine must not fail it); it is not a timing
assertion.
"""

from __future__ import annotations

import pytest

from casekit.deid.patterns import find_patterns

SIZE = 100_000

#: (what the input attacks, the unit repeated to SIZE characters)
ADVERSARIAL = [
    ("emails and handles", "a@"),
    ("emails, URLs and initials", "a."),
    ("URLs with a path", "a/"),
    ("record numbers and ZIP codes", "1-"),
    ("phone numbers and IPv4", "1."),
    ("IPv6 and times", "f:"),
    ("mixed letters and digits", "A1"),
    ("long words", "a"),
    ("long numbers", "1"),
    ("initials", "J.R."),
    ("spelt-out emails", "a at "),
    ("bracketed emails", "x [at] y "),
    ("spoken phone numbers", "one "),
    ("ages in words", "ninety "),
    ("lone days", "on the 1st "),
    ("record keywords", "MRN 1-"),
    ("street numbers", "412 "),
    ("PO boxes and rural routes", "PO Box RR "),
    ("titled names", "Dr. "),
    ("organisations", "Aa Bb "),
    ("word-names", "Hope "),
    ("other scripts", "مر "),
    ("senders", "text from a"),
]


@pytest.mark.timeout(120)
@pytest.mark.parametrize(("attack", "unit"), ADVERSARIAL, ids=[a for a, _ in ADVERSARIAL])
def test_patterns_finish_on_long_adversarial_input(attack: str, unit: str):
    """Does every pattern get through 100,000 adversarial characters (linear, not quadratic)?"""
    text = (unit * (SIZE // len(unit) + 1))[:SIZE]
    spans = list(find_patterns(text))
    assert all(0 <= s.start < s.end <= SIZE for s in spans)
