"""Helpers for the store tests: a stepping clock, a fictional case, raw access to the database."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from sqlalchemy import Engine, create_engine

from casekit.model import (
    Address,
    Case,
    CaseMeta,
    Entry,
    Goal,
    HouseholdMember,
    OtherIdentifier,
    PrivateIdentifiers,
    Voice,
)
from casekit.store.engine import parse_store_url


class StepClock:
    """A clock that moves one second each time it is read (no sleeping in tests)."""

    def __init__(self, start: dt.datetime | None = None) -> None:
        self.now = start or dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        self.now += dt.timedelta(seconds=1)
        return self.now


#: Every identifier of the fictional case, for scanning raw bytes. Deliberately distinctive strings.
IDENTIFIERS = PrivateIdentifiers(
    legal_name="Oriane Vasquez-Thibodeaux",
    name_used="Oriwen",
    other_names=["Ree Thibodeaux"],
    names_in_other_scripts=["オリアーヌ", "Ориана Тибодо"],
    household=[
        HouseholdMember(relation="brother", name="Benedikt Thibodeaux", other_names=["Benno"]),
        HouseholdMember(relation="grandmother", name="Marisol Quintanilla-Vasquez"),
    ],
    date_of_birth=dt.date(1987, 3, 14),
    address=Address(
        street="41 Larkspur Mews",
        unit="Flat 7b",
        city="Wexbridge",
        county="Morrowdale",
        region="Leinster",
        postal_code="ZX9 4QT",
        country="Ireland",
    ),
    phones=["+353 87 555 0199"],
    emails=["oriane.vt@example.org"],
    employers=["Halvorsen Glassworks"],
    schools=["Saint Brigid Academy of Wexbridge"],
    other=[OtherIdentifier(kind="record number", value="MRN-55821907")],
)


def make_case(case_id: str = "CK-0412", *, identifiers: PrivateIdentifiers | None = None) -> Case:
    """A small fictional case whose clinical text mentions none of its identifiers."""
    case = Case(
        meta=CaseMeta(case_id=case_id, clinician_alias="Presenter A", group="north-team"),
        identifiers=(IDENTIFIERS if identifiers is None else identifiers).model_copy(deep=True),
    )
    case.identity.self_description.text = (
        "I am the eldest daughter, the one who translates for everyone; faith keeps me steady."
    )
    case.consultation_question.text = "How do I raise the fee question without repeating the clinic's harm?"
    case.goals.append(
        Goal(
            client_words=Entry(text="sleep through the night again", voice=Voice.CLIENT),
            agreed_wording=Entry(text="rest most nights of the week", voice=Voice.CLIENT),
        )
    )
    return case


def raw_engine(url: str) -> Engine:
    """A plain engine on the store's database, bypassing CaseStore (to check what is really stored)."""
    return create_engine(parse_store_url(url))


def file_digests(db: Path) -> dict[str, str]:
    """SHA-256 of a SQLite store file and its -wal file (whichever exist)."""
    out = {}
    for path in (db, Path(f"{db}-wal")):
        if path.exists():
            out[path.name] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out
