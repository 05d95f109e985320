"""A fictional case with every section filled in and identifiers to hunt for. Nothing here is real."""

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
    PowerDynamic,
    PowerLevel,
    PrivateIdentifiers,
    ProgressRating,
    RepairStatus,
    Salience,
    Standing,
    SupervisionNote,
    SupervisionTopic,
    Voice,
)

START = dt.date(2025, 3, 3)


def client(text: str) -> Entry:
    return Entry(text=text, voice=Voice.CLIENT)


def clinician(text: str) -> Entry:
    return Entry(text=text, voice=Voice.CLINICIAN)


def day(week: int) -> dt.date:
    return START + dt.timedelta(weeks=week - 1)


def fictional_case(case_id: str = "CK-9001", *, group: str | None = "Tuesday-Group") -> Case:
    """A fully filled fictional case whose identifiers are invented for leak tests."""
    case = Case(
        meta=CaseMeta(case_id=case_id, clinician_alias="Presenter-Q", group=group),
        identifiers=PrivateIdentifiers(
            legal_name="Zerelda Quintavalle-Okonkwo",
            name_used="Zee",
            other_names=["Zeldie"],
            household=[HouseholdMember(relation="brother", name="Bartholomew Quintavalle")],
            date_of_birth=dt.date(1987, 11, 23),
            address=Address(street="14 Larkspur Mews", city="Pellingbrook", postal_code="90417"),
            phones=["+1 (555) 014-2398"],
            emails=["zq.okon@example.org"],
            employers=["Fennimore Glassworks"],
            schools=["Harwell Ridge Academy"],
        ),
    )
    ident = case.identity
    ident.self_description = client("A daughter of two languages who keeps both kitchens going.")
    ident.naming = client("Prefers a short form of her name; the full one is for officials.")
    ident.pronouns = "she/her"
    ident.languages = [
        LanguageUse(language="Igbo", context="with family", preferred_for_sessions=False),
        LanguageUse(language="English", context="work and sessions", preferred_for_sessions=True),
    ]
    ident.identities = [
        NamedIdentity(
            words=client("Nigerian-Italian, and tired of choosing"),
            salience=Salience.CENTRAL,
            domain=Domain.ETHNIC_RACIAL_IDENTITY,
        ),
        NamedIdentity(
            words=client("Catholic the way my grandmother was"), domain=Domain.RELIGION_SPIRITUALITY
        ),
    ]
    ident.explanation_of_problem = client("Too many people need me at once <script>alert(1)</script>.")
    ident.supports = [client("Choir on Thursdays"), client("A cousin abroad who calls weekly")]
    ident.barriers_to_help = [client("Worry that a counsellor would judge the family")]
    pos = case.positionality
    pos.identities = [
        ClinicianIdentity(
            domain=Domain.NATIONAL_ORIGIN,
            words=clinician("Born here to settled parents"),
            standing=Standing.PRIVILEGED,
        ),
    ]
    pos.countertransference = clinician("I rush to fix the family logistics instead of staying with grief.")
    pos.assumptions_to_check = [clinician("That independence is her goal rather than mine")]
    case.power = [
        PowerDynamic(
            level=PowerLevel.IN_ROOM,
            kind="fees",
            description=clinician("Sliding-scale review"),
            effect=clinician("She apologises for the fee"),
            response=clinician("Raised it openly"),
        ),
        PowerDynamic(
            level=PowerLevel.SYSTEMIC,
            kind="immigration paperwork",
            description=clinician("A parent's residency renewal is pending"),
            effect=clinician("Sessions get cancelled for appointments"),
            response=clinician("Flexible scheduling; referral to a legal clinic"),
        ),
    ]
    case.goals = [
        Goal(
            client_words=client("Sleep through the night again"),
            agreed_wording=client("Rest without guilt"),
            ratings=[
                ProgressRating(date=day(w), score=s, note=client(n))
                for w, s, n in [(1, 2, "barely"), (3, 4, ""), (6, 6, "better weeks")]
            ],
        ),
        Goal(
            client_words=client("Say no to one request a week"),
            ratings=[ProgressRating(date=day(2), score=1), ProgressRating(date=day(7), score=5)],
        ),
    ]
    case.adaptations = [
        Adaptation(
            what=clinician("Sessions at lunchtime by phone"),
            why=clinician("Caring duties"),
            client_response=client("Easier to keep"),
        ),
    ]
    case.missteps = [
        Misstep(
            date=day(4),
            what_happened=clinician("I assumed her mother was the decision-maker"),
            impact=client("Felt like I was a child again"),
            acknowledgement=clinician("Named it next session"),
            repair=clinician("Asked how decisions are actually made"),
            status=RepairStatus.REPAIRED,
        ),
        Misstep(
            date=day(8),
            what_happened=clinician("Mispronounced a family term"),
            status=RepairStatus.IN_PROGRESS,
        ),
    ]
    case.feedback = [
        FeedbackEntry(date=day(w), felt_understood=u, felt_respected=r, comments=client(c))
        for w, u, r, c in [(1, 3, 4, ""), (4, 2, 3, "Last week stung"), (8, 4, 5, "Heard today | thanks")]
    ]
    case.consultation_question = clinician(
        "How do I support her rest without pushing my idea of independence?"
    )
    case.supervision_notes = [
        SupervisionNote(
            date=day(5),
            topic=SupervisionTopic.MISSTEPS_AND_RUPTURES,
            note=Entry(text="Repair went well; keep checking in.", voice=Voice.CONSULTANT),
            learning=[clinician("Read about family decision-making across cultures")],
        ),
        SupervisionNote(
            date=day(6),
            topic=SupervisionTopic.COUNTERTRANSFERENCE,
            note=Entry(text="Notice the urge to fix.", voice=Voice.CONSULTANT),
        ),
    ]
    return case
