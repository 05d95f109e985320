"""Fictional cases for export tests: a plain one, and one stuffed with identifiers in every field."""

from __future__ import annotations

import datetime as dt

from casekit.model import (
    Adaptation,
    Address,
    Case,
    CaseMeta,
    ClinicianIdentity,
    Domain,
    Entry,
    FeedbackEntry,
    Goal,
    HouseholdMember,
    LanguageUse,
    Misstep,
    NamedIdentity,
    OtherIdentifier,
    PowerDynamic,
    PowerLevel,
    PrivateIdentifiers,
    ProgressRating,
    RepairStatus,
    SupervisionNote,
    Voice,
)
from casekit.model.walk import iter_entries

START = dt.date(2026, 3, 2)

IDENTIFIERS = PrivateIdentifiers(
    legal_name="Odalys Brennick-Tamura",
    name_used="Dalyssa",
    other_names=["Odie Tamura"],
    household=[HouseholdMember(relation="sister", name="Marisela Quintanar")],
    date_of_birth=dt.date(1991, 7, 14),
    address=Address(street="41 Larkspur Terrace", city="Fernhollow", postal_code="FH4 9QZ", region="Ontario"),
    phones=["555-0148"],
    emails=["odalys.bt@example.org"],
    employers=["Crumbwell Bakery"],
    schools=["Ashgrove Academy"],
    other=[OtherIdentifier(kind="record number", value="MRN-7730-4412")],
)
#: One identifier per phrase, cycled through the stuffed case's fields.
LEAKS = [
    "Odalys Brennick-Tamura",
    "Dalyssa",
    "Odie Tamura",
    "Marisela Quintanar",
    "41 Larkspur Terrace",
    "Fernhollow",
    "FH4 9QZ",
    "555-0148",
    "odalys.bt@example.org",
    "Crumbwell Bakery",
    "Ashgrove Academy",
    "MRN-7730-4412",
    "1991-07-14",
]
XSS = ['<img src=x onerror="window.__pwned=1">', "<script>window.__pwned=1</script>"]


def plain_case(case_id: str = "CK-0101") -> Case:
    """A small fictional formulation with every section touched and identifiers only where they belong."""
    case = Case(meta=CaseMeta(case_id=case_id, clinician_alias="Presenter A", group="north-team"))
    case.identifiers = IDENTIFIERS.model_copy(deep=True)
    case.identity.self_description = Entry(
        text="A night-shift baker who sings in a choir", voice=Voice.CLIENT
    )
    case.identity.identities = [
        NamedIdentity(
            words=Entry(text="first in my family born here", voice=Voice.CLIENT),
            domain=Domain.NATIONAL_ORIGIN,
        ),
    ]
    case.identity.languages = [LanguageUse(language="Spanish", context="with family")]
    case.positionality.identities = [
        ClinicianIdentity(
            domain=Domain.GENDER, words=Entry(text="a woman in a male-led clinic", voice=Voice.CLINICIAN)
        )
    ]
    case.power = [
        PowerDynamic(
            level=PowerLevel.SYSTEMIC,
            kind="fees",
            description=Entry(text="sessions are paid by the employer", voice=Voice.CLINICIAN),
        ),
    ]
    case.goals = [
        Goal(
            agreed_wording=Entry(text="Sleep six hours before a shift", voice=Voice.CLIENT),
            ratings=[
                ProgressRating(date=START, score=2),
                ProgressRating(date=START + dt.timedelta(weeks=3), score=5),
            ],
        )
    ]
    case.adaptations = [Adaptation(what=Entry(text="sessions at 7 am", voice=Voice.CLINICIAN))]
    case.missteps = [
        Misstep(
            date=START + dt.timedelta(weeks=1),
            status=RepairStatus.REPAIRED,
            what_happened=Entry(text="assumed the choir was a church choir", voice=Voice.CLINICIAN),
        ),
    ]
    case.feedback = [FeedbackEntry(date=START + dt.timedelta(weeks=2), felt_understood=4)]
    case.consultation_question = Entry(
        text="How do I raise the fee arrangement without shaming the client?", voice=Voice.CLINICIAN
    )
    return case


def stuffed_case(case_id: str = "CK-0999") -> Case:
    """A case with an identifier (and an injection attempt) in every free-text field and list label."""
    case = plain_case(case_id)
    case.identity.supports = [Entry(voice=Voice.CLIENT)]
    case.identity.past_help_seeking = [Entry(voice=Voice.CLIENT)]
    case.identity.barriers_to_help = [Entry(voice=Voice.CLIENT)]
    case.positionality.assumptions_to_check = [Entry(voice=Voice.CLINICIAN)]
    case.goals.append(Goal(status="active"))
    case.missteps.append(Misstep(date=START + dt.timedelta(weeks=4)))
    case.supervision_notes = [SupervisionNote(learning=[Entry(voice=Voice.CONSULTANT)])]
    case.goals[0].ratings[0].note = Entry(voice=Voice.CLIENT)
    case.feedback[0].comments = Entry(voice=Voice.CLIENT)
    for n, (_path, entry) in enumerate(iter_entries(case)):
        leak = LEAKS[n % len(LEAKS)]
        entry.text = f"{leak} said {XSS[n % 2]} about {LEAKS[(n + 5) % len(LEAKS)]}."
    case.power[0].kind = "Crumbwell Bakery fees"
    case.identity.pronouns = "Dalyssa's own"
    case.identity.languages[0].context = "with Marisela Quintanar"
    return case
