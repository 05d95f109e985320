"""Property test: random fictional identifiers placed in random text never survive a scrub."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casekit.deid import Scrubber, scan_for_identifiers
from casekit.deid.forms import date_forms
from casekit.model import Address, HouseholdMember, PrivateIdentifiers

GIVEN = [
    "Anaïs",
    "Tomasz",
    "Oluwaseun",
    "Hope",
    "Rose",
    "Faith",
    "Grace",
    "Xiadani",
    "Kekoa",
    "Siobhán",
    "Dmitri",
    "Priyanka",
    "Bao",
    "Ngozi",
    "Zeynep",
    "Joy",
    "Will",
    "Amaru",
    "Leilani",
    "Thandiwe",
]
FAMILY = [
    "Okafor",
    "Wiśniewska",
    "Nakamura-Reyes",
    "Young",
    "White",
    "Black",
    "Haddad",
    "Tran",
    "Ó Briain",
    "Castellanos",
    "Mbeki",
    "Kowalczyk",
    "Al-Sayed",
    "Lindqvist",
    "Begay",
]
SCRIPTS = ["Ольга", "محمد", "김민준", "प्रिया", "陳美玲", "Αθηνά"]
CITIES = ["Tillamook", "Paw Paw", "Yreka", "Wapakoneta", "Ruidoso", "Oskaloosa", "Bemidji"]
FILLER = [
    "She said",
    "the group wondered if",
    "during the session",
    "we noticed that",
    "and then",
    "her hope is",
    "a young woman",
    "with grace",
    "in the white room",
    "the client's",
    "felt",
    "she is Black and Muslim",
    "Vietnamese",
    "next week",
    "because",
    "at work",
    ".",
    ",",
    "\n",
]


@st.composite
def identifiers(draw) -> PrivateIdentifiers:
    """Fictional identifiers built from names that are hard for generic tools."""
    first = draw(st.sampled_from(GIVEN))
    last = draw(st.sampled_from(FAMILY))
    return PrivateIdentifiers(
        legal_name=f"{first} {last}",
        other_names=[draw(st.sampled_from(GIVEN))],
        names_in_other_scripts=[draw(st.sampled_from(SCRIPTS))],
        household=[HouseholdMember(relation="sister", name=f"{draw(st.sampled_from(GIVEN))} {last}")],
        date_of_birth=draw(st.dates(dt.date(1930, 1, 1), dt.date(2015, 12, 31))),
        address=Address(city=draw(st.sampled_from(CITIES)), postal_code=f"{draw(st.integers(10000, 99999))}"),
        phones=[f"({draw(st.integers(201, 989))}) 555-{draw(st.integers(1000, 9999))}"],
        emails=[f"{first.lower()}.{draw(st.integers(10, 99))}@example.org"],
    )


def _mention(draw, ids: PrivateIdentifiers) -> str:
    first, last = ids.legal_name.split(" ", 1)
    dob = ids.date_of_birth
    assert dob is not None
    options = [
        ids.legal_name,
        ids.legal_name.upper(),
        f"{first}'s",
        f"Ms. {last}",
        last.lower().title(),
        ids.names_in_other_scripts[0],
        ids.household[0].name,
        ids.address.city,
        ids.address.postal_code,
        ids.phones[0],
        ids.phones[0].replace("(", "").replace(") ", "."),
        ids.emails[0],
        draw(st.sampled_from(date_forms(dob))),
        f"with {first}",
        f"told {ids.other_names[0]}",
    ]
    return draw(st.sampled_from(options))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), ids=identifiers())
def test_no_known_identifier_survives(data, ids: PrivateIdentifiers):
    """Placed anywhere in text, in any listed variant, does every known identifier go?"""
    parts: list[str] = []
    for _ in range(data.draw(st.integers(1, 6))):
        parts += data.draw(st.lists(st.sampled_from(FILLER), max_size=4))
        parts.append(_mention(data.draw, ids))
    text = " ".join(parts)
    out = Scrubber(ids, use_ner=False, secret=b"k").scrub(text, where="note").text
    assert scan_for_identifiers(out, ids) == []
