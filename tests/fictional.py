"""The one builder of fictional test cases. Every person, place and number here is invented.

All cases start from :func:`new_case` (presenter "Presenter A" in the north-team group) and are
written with the same small helpers (:func:`client`, :func:`clinician`, :func:`weeks`), so a test
module picks the case that fits its question:

* :func:`fictional_case`: a night-shift baker's formulation with every section touched (widgets, plots).
* :func:`plain_case`: the same client with all her identifiers stored privately (exports).
* :func:`stuffed_case`: that case with an identifier and an injection attempt in every field (leaks).
* :func:`make_case`: a short case whose clinical text mentions none of its identifiers (the store).
* :func:`session_case`: a short case to hold a consultation session about (sessions).
"""

from __future__ import annotations

import datetime as dt

from casekit.model import (
    Adaptation,
    Address,
    Case,
    CaseMeta,
    ClinicianIdentity,
    ConsentStatus,
    ConsultationAudience,
    ConsultationConsent,
    Domain,
    Entry,
    FeedbackEntry,
    Goal,
    HouseholdMember,
    LanguageUse,
    LearningItem,
    LearningKind,
    LearningReview,
    LearningStatus,
    LearningUpdate,
    Misstep,
    NamedIdentity,
    Obtained,
    OtherIdentifier,
    PowerDynamic,
    PowerLevel,
    PrivateIdentifiers,
    ProgressRating,
    RepairStatus,
    Salience,
    Standing,
    SupervisionMeeting,
    SupervisionNote,
    SupervisionTopic,
    Voice,
)
from casekit.model.walk import iter_entries

#: The first dated event of the baker's case (a Monday).
START = dt.date(2026, 3, 2)


def client(text: str = "") -> Entry:
    """An entry in the client's own words."""
    return Entry(text=text, voice=Voice.CLIENT, obtained=Obtained.VERBATIM)


def clinician(text: str = "") -> Entry:
    """An entry in the clinician's voice."""
    return Entry(text=text, voice=Voice.CLINICIAN)


def weeks(n: int) -> dt.date:
    """The day ``n`` weeks after :data:`START`."""
    return START + dt.timedelta(weeks=n)


def agreed_consent(day: dt.date | None = None) -> ConsultationConsent:
    """Consent as a presenter records it: the client agreed to supervision and a peer group (on ``day``;
    undated by default, so that a case's first event stays the one each test gives it)."""
    return ConsultationConsent(
        status=ConsentStatus.CLIENT_AGREED,
        scope=[ConsultationAudience.SUPERVISION, ConsultationAudience.PEER_GROUP],
        date=day,
        how_asked=clinician("Asked at the first session; agreed to supervision and the peer group."),
    )


def new_case(case_id: str, *, identifiers: PrivateIdentifiers | None = None) -> Case:
    """An empty case presented by "Presenter A" to the north-team group, with a copy of ``identifiers``,
    whose client agreed to its being brought to supervision and the peer group."""
    case = Case(meta=CaseMeta(case_id=case_id, clinician_alias="Presenter A", group="north-team"))
    case.consultation_consent = agreed_consent()
    if identifiers is not None:
        case.identifiers = identifiers.model_copy(deep=True)
    return case


# --------------------------------------------------------------------------------------------------
# The night-shift baker


#: Every identifier of the baker, as her presenter would store them privately.
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

_QUESTION = "How do I raise the fee arrangement without shaming the client?"
_FEES = "sessions are paid by the employer"


def _baker(case: Case, self_description: str) -> Case:
    """What every version of the baker's case holds: her words, the fee question, the first misstep, and
    the day (week 9, after her other events) her presenter asked before bringing the case."""
    case.consultation_consent.date = weeks(8)
    case.identity.self_description = client(self_description)
    case.adaptations = [Adaptation(what=clinician("sessions at 7 am"))]
    case.feedback = [FeedbackEntry(date=weeks(2), felt_understood=4)]
    case.consultation_question = clinician(_QUESTION)
    return case


def _church_choir_misstep() -> Misstep:
    return Misstep(
        date=weeks(1),
        what_happened=clinician("assumed the choir was a church choir"),
        status=RepairStatus.REPAIRED,
    )


def fictional_case(case_id: str = "CK-0101") -> Case:
    """A small, wholly fictional formulation with every section touched."""
    some = PrivateIdentifiers(
        legal_name=IDENTIFIERS.legal_name,
        address=Address(city=IDENTIFIERS.address.city),
        phones=IDENTIFIERS.phones[:1],
    )
    case = _baker(new_case(case_id, identifiers=some), "A night-shift baker who sings in a community choir")
    case.identity.identities = [
        NamedIdentity(
            words=client("first in my family born here"),
            salience=Salience.CENTRAL,
            domain=Domain.NATIONAL_ORIGIN,
        ),
        NamedIdentity(words=client("working class and proud of it"), domain=Domain.SOCIOECONOMIC_STATUS),
    ]
    case.positionality.identities = [
        ClinicianIdentity(
            domain=Domain.NATIONAL_ORIGIN,
            words=clinician("born here to parents born here"),
            standing=Standing.PRIVILEGED,
        ),
        ClinicianIdentity(
            domain=Domain.GENDER,
            words=clinician("a woman in a male-led clinic"),
            standing=Standing.MARGINALISED,
        ),
    ]
    case.power = [PowerDynamic(level=PowerLevel.IN_ROOM, kind="fees", description=clinician(_FEES))]
    case.goals = [
        Goal(
            client_words=client("sleep before the early shift"),
            agreed_wording=client("Sleep six hours before a shift"),
            ratings=[
                ProgressRating(date=START, score=2),
                ProgressRating(date=weeks(2), score=4),
                ProgressRating(date=weeks(5), score=6),
            ],
        ),
        Goal(agreed_wording=client("Call my sister every Sunday")),
    ]
    case.missteps = [
        _church_choir_misstep(),
        Misstep(date=weeks(4), status=RepairStatus.IN_PROGRESS),
        Misstep(status=RepairStatus.NOT_YET_RAISED),
    ]
    return case


def plain_case(case_id: str = "CK-0101") -> Case:
    """A small fictional formulation with every section touched and identifiers only where they belong."""
    case = _baker(new_case(case_id, identifiers=IDENTIFIERS), "A night-shift baker who sings in a choir")
    case.identity.identities = [
        NamedIdentity(words=client("first in my family born here"), domain=Domain.NATIONAL_ORIGIN),
    ]
    case.identity.languages = [LanguageUse(language="Spanish", context="with family")]
    case.positionality.identities = [
        ClinicianIdentity(domain=Domain.GENDER, words=clinician("a woman in a male-led clinic"))
    ]
    case.power = [PowerDynamic(level=PowerLevel.SYSTEMIC, kind="fees", description=clinician(_FEES))]
    case.goals = [
        Goal(
            agreed_wording=client("Sleep six hours before a shift"),
            ratings=[ProgressRating(date=START, score=2), ProgressRating(date=weeks(3), score=5)],
        )
    ]
    case.missteps = [_church_choir_misstep()]
    return case


def stuffed_case(case_id: str = "CK-0999") -> Case:
    """A case with an identifier (and an injection attempt) in every free-text field and list label."""
    case = plain_case(case_id)
    case.identity.supports = [client()]
    case.identity.past_help_seeking = [client()]
    case.identity.barriers_to_help = [client()]
    case.positionality.assumptions_to_check = [clinician()]
    case.goals.append(Goal(status="active"))
    case.missteps.append(Misstep(date=weeks(4)))
    case.supervision_notes = [SupervisionNote(learning=[Entry(voice=Voice.CONSULTANT)])]
    case.goals[0].ratings[0].note = client()
    case.feedback[0].comments = client()
    for n, (_path, entry) in enumerate(iter_entries(case)):
        leak = LEAKS[n % len(LEAKS)]
        entry.text = f"{leak} said {XSS[n % 2]} about {LEAKS[(n + 5) % len(LEAKS)]}."
    case.power[0].kind = "Crumbwell Bakery fees"
    case.identity.pronouns = "Dalyssa's own"
    case.identity.languages[0].context = "with Marisela Quintanar"
    return case


# --------------------------------------------------------------------------------------------------
# The eldest daughter who translates (store tests)


#: Every identifier of the store's fictional case, for scanning raw bytes. Deliberately distinctive.
STORE_IDENTIFIERS = PrivateIdentifiers(
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
    case = new_case(case_id, identifiers=STORE_IDENTIFIERS if identifiers is None else identifiers)
    case.identity.self_description.text = (
        "I am the eldest daughter, the one who translates for everyone; faith keeps me steady."
    )
    case.consultation_question.text = "How do I raise the fee question without repeating the clinic's harm?"
    case.goals.append(
        Goal(
            client_words=client("sleep through the night again"),
            agreed_wording=client("rest most nights of the week"),
        )
    )
    return case


# --------------------------------------------------------------------------------------------------
# The second-generation baker (session tests)


def session_case(case_id: str = "CK-0501") -> Case:
    """A small fictional case with a question, a self-description, identities and a goal."""
    case = new_case(case_id)
    case.consultation_question = clinician(
        "How do I keep the family's faith at the centre without taking sides?"
    )
    case.identity.self_description = client("A second-generation baker who sings in a choir")
    case.identity.identities = [NamedIdentity(words=client("choir alto, eldest sister"))]
    case.goals = [Goal(agreed_wording=client("Sleep through most nights"))]
    return case


_FULL_START = dt.date(2025, 3, 3)


def _full_day(week: int) -> dt.date:
    return _FULL_START + dt.timedelta(weeks=week - 1)


def full_case(case_id: str = "CK-9001", *, group: str | None = "Tuesday-Group") -> Case:
    """A case with every section filled in, one of every dated part, and invented identifiers to hunt."""
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
                ProgressRating(date=_full_day(w), score=s, note=client(n))
                for w, s, n in [(1, 2, "barely"), (3, 4, ""), (6, 6, "better weeks")]
            ],
        ),
        Goal(
            client_words=client("Say no to one request a week"),
            ratings=[ProgressRating(date=_full_day(2), score=1), ProgressRating(date=_full_day(7), score=5)],
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
            date=_full_day(4),
            what_happened=clinician("I assumed her mother was the decision-maker"),
            impact=client("Felt like I was a child again"),
            acknowledgement=clinician("Named it next session"),
            repair=clinician("Asked how decisions are actually made"),
            status=RepairStatus.REPAIRED,
        ),
        Misstep(
            date=_full_day(8),
            what_happened=clinician("Mispronounced a family term"),
            status=RepairStatus.IN_PROGRESS,
        ),
    ]
    case.feedback = [
        FeedbackEntry(date=_full_day(w), felt_understood=u, felt_respected=r, comments=client(c))
        for w, u, r, c in [(1, 3, 4, ""), (4, 2, 3, "Last week stung"), (8, 4, 5, "Heard today | thanks")]
    ]
    case.consultation_question = clinician(
        "How do I support her rest without pushing my idea of independence?"
    )
    case.supervision_notes = [
        SupervisionNote(
            date=_full_day(5),
            topic=SupervisionTopic.MISSTEPS_AND_RUPTURES,
            note=Entry(text="Repair went well; keep checking in.", voice=Voice.CONSULTANT),
            learning=[clinician("Read about family decision-making across cultures")],
        ),
        SupervisionNote(
            date=_full_day(6),
            topic=SupervisionTopic.COUNTERTRANSFERENCE,
            note=Entry(text="Notice the urge to fix.", voice=Voice.CONSULTANT),
        ),
    ]
    case.consultation_consent = agreed_consent(_full_day(1))
    case.supervision_meetings = [
        SupervisionMeeting(
            date=_full_day(6),
            topics=[SupervisionTopic.COUNTERTRANSFERENCE, SupervisionTopic.SYSTEMS_AND_POWER],
            supervisee_notes=clinician("I wanted to sort out the family's rota for them."),
            supervisor_notes=Entry(text="Stay with the grief; the rota is hers.", voice=Voice.CONSULTANT),
            supervisor_reflection=Entry(text="I fix things too, in here.", voice=Voice.CONSULTANT),
            supervisee_feedback=clinician("More practice, less reporting, please."),
        )
    ]
    case.learning_plan = [
        LearningItem(
            date=_full_day(6),
            kind=LearningKind.EDUCATION,
            what=clinician("Read about caring roles in families of two cultures"),
            review=LearningReview(date=_full_day(10)),
            updates=[LearningUpdate(date=_full_day(8), note=clinician("Halfway through the reading"))],
        ),
        LearningItem(
            date=_full_day(6),
            kind=LearningKind.EXPERIENTIAL,
            what=clinician("Visit the community centre's open day with a colleague"),
            status=LearningStatus.CLOSED,
        ),
    ]
    return case
