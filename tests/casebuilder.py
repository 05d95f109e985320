"""A fictional case built in code, for tests that need one before the example cases land."""

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
    Misstep,
    NamedIdentity,
    PowerDynamic,
    PowerLevel,
    PrivateIdentifiers,
    ProgressRating,
    RepairStatus,
    Salience,
    Standing,
    Voice,
)

START = dt.date(2026, 3, 2)


def fictional_case(case_id: str = "CK-0101") -> Case:
    """A small, wholly fictional formulation with every section touched."""
    case = Case(meta=CaseMeta(case_id=case_id, clinician_alias="Presenter A", group="north-team"))
    case.identifiers = PrivateIdentifiers(
        legal_name="Odalys Brennick-Tamura", address=Address(city="Fernhollow"), phones=["555-0148"]
    )
    case.identity.self_description = Entry(
        text="A night-shift baker who sings in a community choir", voice=Voice.CLIENT
    )
    case.identity.identities = [
        NamedIdentity(
            words=Entry(text="first in my family born here", voice=Voice.CLIENT),
            salience=Salience.CENTRAL,
            domain=Domain.NATIONAL_ORIGIN,
        ),
        NamedIdentity(
            words=Entry(text="working class and proud of it", voice=Voice.CLIENT),
            domain=Domain.SOCIOECONOMIC_STATUS,
        ),
    ]
    case.positionality.identities = [
        ClinicianIdentity(
            domain=Domain.NATIONAL_ORIGIN,
            words=Entry(text="born here to parents born here", voice=Voice.CLINICIAN),
            standing=Standing.PRIVILEGED,
        ),
        ClinicianIdentity(
            domain=Domain.GENDER,
            words=Entry(text="a woman in a male-led clinic", voice=Voice.CLINICIAN),
            standing=Standing.MARGINALISED,
        ),
    ]
    case.power = [
        PowerDynamic(
            level=PowerLevel.IN_ROOM,
            kind="fees",
            description=Entry(text="sessions are paid by the employer", voice=Voice.CLINICIAN),
        )
    ]
    case.goals = [
        Goal(
            client_words=Entry(text="sleep before the early shift", voice=Voice.CLIENT),
            agreed_wording=Entry(text="Sleep six hours before a shift", voice=Voice.CLIENT),
            ratings=[
                ProgressRating(date=START, score=2),
                ProgressRating(date=START + dt.timedelta(weeks=2), score=4),
                ProgressRating(date=START + dt.timedelta(weeks=5), score=6),
            ],
        ),
        Goal(agreed_wording=Entry(text="Call my sister every Sunday", voice=Voice.CLIENT)),
    ]
    case.adaptations = [Adaptation(what=Entry(text="sessions at 7 am", voice=Voice.CLINICIAN))]
    case.missteps = [
        Misstep(
            date=START + dt.timedelta(weeks=1),
            what_happened=Entry(text="assumed the choir was a church choir", voice=Voice.CLINICIAN),
            status=RepairStatus.REPAIRED,
        ),
        Misstep(date=START + dt.timedelta(weeks=4), status=RepairStatus.IN_PROGRESS),
        Misstep(status=RepairStatus.NOT_YET_RAISED),
    ]
    case.feedback = [FeedbackEntry(date=START + dt.timedelta(weeks=2), felt_understood=4)]
    case.consultation_question = Entry(
        text="How do I raise the fee arrangement without shaming the client?", voice=Voice.CLINICIAN
    )
    return case
