"""The case formulation model (pydantic v2).

A case is a structured formulation grounded in cultural humility. Its shape follows the clinical
framework: the client's identity in the client's own words, the clinician's positionality, power in the
room and in the systems around the client, co-created goals, adaptations, missteps and repair, the
client's feedback, and the question the presenter brings to the group.

Two rules run through the model:

* every free-text entry is an :class:`Entry` that records whose voice it is (client, clinician,
  consultant or hypothesis), so a reader never mistakes a clinician's guess for the client's words;
* everything that identifies the client lives only in :class:`PrivateIdentifiers`, which the store
  encrypts at rest and which never enters a notebook parameter, a widget's saved state or an export.
  The rest of the case must stay meaningful without it.

This module does no I/O.
"""

from __future__ import annotations

import datetime as dt
import uuid
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from casekit.i18n import N_
from casekit.labels import LabelledEnum
from casekit.model.ids import Alias, CaseId

#: The schema version this casekit writes. Older stored cases are upgraded by
#: :mod:`casekit.model.migrations` before validation.
SCHEMA_VERSION = 3

#: Longest free-text entry accepted (characters). A consultation note is rarely a tenth of this.
MAX_TEXT = 20_000
#: Longest short field (a name, a phone number, a label).
MAX_SHORT = 300


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("text contains a NUL character; remove it (it usually comes from a bad paste)")
    return value


Text = Annotated[str, StringConstraints(max_length=MAX_TEXT), AfterValidator(_no_nul)]
Short = Annotated[
    str, StringConstraints(max_length=MAX_SHORT, strip_whitespace=True), AfterValidator(_no_nul)
]


def _new_id() -> str:
    return uuid.uuid4().hex[:10]


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


#: The years a date in a case may fall in: wide enough for any real record, narrow enough that date
#: arithmetic (weeks between dates, the sealed-date shift) can never run off the calendar.
FIRST_YEAR, LAST_YEAR = 1870, 2199


def _plausible_date(value: dt.date) -> dt.date:
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValueError(
            f"the year {value.year} is outside {FIRST_YEAR}–{LAST_YEAR}; check the date for a typing slip"
        )
    return value


#: A calendar date a person could have written in a case.
CaseDate = Annotated[dt.date, AfterValidator(_plausible_date)]


class _Model(BaseModel):
    """Base for every part of a case: unknown fields are refused, assignment is validated."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, use_enum_values=False)


class Voice(LabelledEnum):
    """Whose voice a piece of text is in."""

    CLIENT = "client", N_("Client's words")
    CLINICIAN = "clinician", N_("Clinician")
    CONSULTANT = "consultant", N_("Consultant")
    HYPOTHESIS = "hypothesis", N_("Hypothesis (to check with the client)")


# --------------------------------------------------------------------------------------------------
# How the words of an entry were obtained (issue #16: the client's own voice, in their own language)


class Obtained(LabelledEnum):
    """How the words of an entry were obtained."""

    VERBATIM = "verbatim", N_("Word for word")
    PARAPHRASE = "paraphrase", N_("Paraphrased")
    INTERPRETER = "interpreter", N_("Through an interpreter")


#: A well-formed BCP-47 language tag (RFC 5646: language, optional script, region and variants).
_BCP47 = (
    r"^[A-Za-z]{2,3}(-[A-Za-z]{3}){0,3}(-[A-Za-z]{4})?(-([A-Za-z]{2}|[0-9]{3}))?"
    r"(-([A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*$"
)
LanguageTag = Annotated[str, StringConstraints(pattern=_BCP47, max_length=35, strip_whitespace=True)]


def _blank_is_none(value: object) -> object:
    return (value.strip() or None) if isinstance(value, str) else value


class Entry(_Model):
    """A free-text entry and whose voice it is in.

    Parameters
    ----------
    text
        What was said or written. May be empty while a form is being filled in.
    voice
        Whose words these are: the client's own, the clinician's, a consultant's, or a hypothesis the
        clinician still has to check with the client.
    obtained
        How the words were obtained: word for word, paraphrased, or through an interpreter. ``None``
        means it was not recorded (every entry saved before schema version 2); only ``VERBATIM`` is
        ever shown as the client's own words.
    language
        The language the words are in, as a BCP-47 tag (``"ar"``, ``"vi"``, ``"zh-Hans"``), if known.
    client_written
        Whether the client wrote this themselves (on their client card). Such an entry is always in the
        client's voice and word for word.
    """

    text: Text = ""
    voice: Voice
    # How the words were obtained (issue #16): a block of its own, see Obtained below.
    obtained: Obtained | None = None
    # An empty answer means not recorded (a form's cleared language box).
    language: Annotated[LanguageTag | None, BeforeValidator(_blank_is_none)] = None
    client_written: bool = False

    def __bool__(self) -> bool:
        return bool(self.text.strip())

    @model_validator(mode="after")
    def _client_writing_is_the_clients_verbatim(self) -> Entry:
        """An entry the client wrote themselves is in the client's voice, word for word."""
        if self.client_written and (self.voice is not Voice.CLIENT or self.obtained is not Obtained.VERBATIM):
            raise ValueError(
                "an entry the client wrote themselves must be in the client's voice and marked "
                "word for word; clear 'written by the client' to change it"
            )
        return self

    @property
    def is_clients_own_words(self) -> bool:
        """Whether a reader may take this text as the client's own words, word for word."""
        return self.voice is Voice.CLIENT and self.obtained is Obtained.VERBATIM


def new_entry(voice: Voice) -> Entry:
    """An empty entry in ``voice`` as a clinician starts it.

    What a clinician types into a client field is their paraphrase until they mark it word for word:
    a default never credits the clinician's words to the client.
    """
    return Entry(voice=voice, obtained=Obtained.PARAPHRASE if voice is Voice.CLIENT else None)


def _entry(voice: Voice) -> Any:
    # Returns a pydantic FieldInfo whose default is an empty entry in the given voice.
    return Field(default_factory=lambda: new_entry(voice))


class _Item(_Model):
    """A list item with a stable id, so forms and merges can follow it when the list changes."""

    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9]{4,32}$")] = Field(default_factory=_new_id)


# --------------------------------------------------------------------------------------------------
# Breadth reminders (Hays' ADDRESSING domains) — offered as prompts, never as a checklist.


class Domain(LabelledEnum):
    """Areas of identity to keep in mind for breadth (Hays' ADDRESSING), plus language and other."""

    AGE_GENERATION = "age_generation", N_("Age and generation")
    DEVELOPMENTAL_DISABILITY = "developmental_disability", N_("Developmental disability")
    ACQUIRED_DISABILITY = "acquired_disability", N_("Disability acquired later in life")
    RELIGION_SPIRITUALITY = "religion_spirituality", N_("Religion and spirituality")
    ETHNIC_RACIAL_IDENTITY = "ethnic_racial_identity", N_("Ethnic and racial identity")
    SOCIOECONOMIC_STATUS = "socioeconomic_status", N_("Socioeconomic status and class")
    SEXUAL_ORIENTATION = "sexual_orientation", N_("Sexual orientation")
    INDIGENOUS_HERITAGE = "indigenous_heritage", N_("Indigenous heritage")
    NATIONAL_ORIGIN = "national_origin", N_("National origin and migration")
    GENDER = "gender", N_("Gender")
    LANGUAGE = "language", N_("Language")
    OTHER = "other", N_("Something else")


# --------------------------------------------------------------------------------------------------
# Meta


class CaseMeta(_Model):
    """Who presents the case, in which group, and when it was created and last saved.

    ``client_alias`` is how summaries refer to the client ("the client" unless the presenter picks
    another pseudonym). None of these fields may hold an identifier.
    """

    case_id: CaseId
    clinician_alias: Alias
    group: Alias | None = None
    client_alias: Alias = "the client"
    created: dt.datetime = Field(default_factory=_utcnow)
    updated: dt.datetime = Field(default_factory=_utcnow)


# --------------------------------------------------------------------------------------------------
# Private identifiers — encrypted at rest, never exported.


class HouseholdMember(_Model):
    """A family or household member: their relation to the client, and their names."""

    relation: Short = Field(description="Relation to the client, e.g. 'mother', 'partner', 'son'.")
    name: Short = ""
    other_names: list[Short] = Field(default_factory=list)


class Address(_Model):
    """Parts of the client's address. State or region may appear in a summary; nothing else may."""

    street: Short = ""
    unit: Short = ""
    city: Short = ""
    county: Short = ""
    region: Short = Field("", description="State, province or region.")
    postal_code: Short = ""
    country: Short = ""


class OtherIdentifier(_Model):
    """Any other identifying detail: a record number, a licence, a place of worship, a team."""

    kind: Short
    value: Short


class PrivateIdentifiers(_Model):
    """Everything that identifies the client. Stays in the workspace, encrypted; feeds de-identification.

    Parameters
    ----------
    legal_name
        The client's full name as on records.
    name_used
        The name the client goes by, if different.
    other_names
        Nicknames, earlier names, names used by family.
    names_in_other_scripts
        The client's names written in other scripts (e.g. Arabic, Devanagari, Hangul).
    household
        Family and household members with their relation to the client.
    """

    legal_name: Short = ""
    name_used: Short = ""
    other_names: list[Short] = Field(default_factory=list)
    names_in_other_scripts: list[Short] = Field(default_factory=list)
    household: list[HouseholdMember] = Field(default_factory=list)
    date_of_birth: CaseDate | None = None
    address: Address = Field(default_factory=Address)
    phones: list[Short] = Field(default_factory=list)
    emails: list[Short] = Field(default_factory=list)
    employers: list[Short] = Field(default_factory=list)
    schools: list[Short] = Field(default_factory=list)
    other: list[OtherIdentifier] = Field(default_factory=list)

    def is_empty(self) -> bool:
        """Whether no identifier has been entered."""
        return self == PrivateIdentifiers()

    def values(self) -> list[str]:
        """Every non-empty identifier string, in a stable order (dates in ISO form).

        Regions (states) are left out: a summary may keep them. Use this to scan bytes for leaks; use
        :mod:`casekit.deid` for the variants (name parts, other spellings, phone digits, date formats).
        """
        out: list[str] = [self.legal_name, self.name_used, *self.other_names]
        out += self.names_in_other_scripts
        for member in self.household:
            out += [member.name, *member.other_names]
        if self.date_of_birth:
            out.append(self.date_of_birth.isoformat())
        a = self.address
        out += [a.street, a.unit, a.city, a.county, a.postal_code]
        out += [*self.phones, *self.emails, *self.employers, *self.schools]
        out += [o.value for o in self.other]
        return [v for v in out if v and v.strip()]


# --------------------------------------------------------------------------------------------------
# Client identity in the client's own words


class Salience(StrEnum):
    """How much an identity matters to the client, as they put it."""

    CENTRAL = "central"
    IMPORTANT = "important"
    SOMETIMES = "sometimes"
    BACKGROUND = "background"


class NamedIdentity(_Item):
    """An identity the client names, in the client's words, with how much it matters to them.

    ``domain`` is an optional breadth tag the clinician may add so the identity can sit beside the
    clinician's own in the side-by-side view; it never replaces the client's words.
    """

    words: Entry = _entry(Voice.CLIENT)
    salience: Salience = Salience.IMPORTANT
    domain: Domain | None = None


class LanguageUse(_Item):
    """A language the client uses and where or with whom."""

    language: Short
    context: Short = ""
    preferred_for_sessions: bool = False


class ClientIdentity(_Model):
    """How the client describes who they are. Free text in the client's words wherever possible.

    The client's actual names live in :class:`PrivateIdentifiers`; ``naming`` holds only what the
    name means to them and how they wish to be addressed, never the name itself.
    """

    self_description: Entry = _entry(Voice.CLIENT)
    naming: Entry = _entry(Voice.CLIENT)
    pronouns: Short = ""
    languages: list[LanguageUse] = Field(default_factory=list)
    identities: list[NamedIdentity] = Field(default_factory=list)
    intersections: Entry = _entry(Voice.CLIENT)
    meaning_of_culture: Entry = _entry(Voice.CLIENT)
    meaning_of_healing: Entry = _entry(Voice.CLIENT)
    meaning_of_wellbeing: Entry = _entry(Voice.CLIENT)
    meaning_of_help: Entry = _entry(Voice.CLIENT)
    explanation_of_problem: Entry = _entry(Voice.CLIENT)
    supports: list[Entry] = Field(default_factory=list)
    past_help_seeking: list[Entry] = Field(default_factory=list)
    barriers_to_help: list[Entry] = Field(default_factory=list)


# --------------------------------------------------------------------------------------------------
# Clinician positionality


class Standing(StrEnum):
    """Where the clinician stands in a domain relative to power and privilege."""

    PRIVILEGED = "privileged"
    MARGINALISED = "marginalised"
    MIXED = "mixed"
    UNSURE = "unsure"


class ClinicianIdentity(_Item):
    """One of the clinician's own identities and where it places them in terms of privilege."""

    domain: Domain | None = None
    words: Entry = _entry(Voice.CLINICIAN)
    standing: Standing = Standing.UNSURE


class ClinicianPositionality(_Model):
    """The clinician's own identities and how they shape the work."""

    identities: list[ClinicianIdentity] = Field(default_factory=list)
    shaping_perception: Entry = _entry(Voice.CLINICIAN)
    how_client_may_see_me: Entry = _entry(Voice.CLINICIAN)
    assumptions_to_check: list[Entry] = Field(default_factory=list)
    countertransference: Entry = _entry(Voice.CLINICIAN)


# --------------------------------------------------------------------------------------------------
# Power dynamics


class PowerLevel(StrEnum):
    """Where a power dynamic operates."""

    IN_ROOM = "in_room"
    SYSTEMIC = "systemic"


class PowerDynamic(_Item):
    """A power dynamic, its effect on the work, and what the clinician does about it.

    ``kind`` is a short free label ("fees", "language", "immigration status", "racism in housing")
    used to count systemic barriers across cases without exposing any one case.
    """

    level: PowerLevel = PowerLevel.IN_ROOM
    kind: Short = ""
    description: Entry = _entry(Voice.CLINICIAN)
    effect: Entry = _entry(Voice.CLINICIAN)
    response: Entry = _entry(Voice.CLINICIAN)


# --------------------------------------------------------------------------------------------------
# Co-created goals


class GoalStatus(StrEnum):
    """Where a goal stands."""

    ACTIVE = "active"
    MET = "met"
    PAUSED = "paused"
    REVISED = "revised"
    SET_ASIDE = "set_aside"


class ProgressRating(_Item):
    """The client's own rating of progress on a goal, on a given day (0 = not at all, 10 = fully)."""

    date: CaseDate
    score: Annotated[int, Field(ge=0, le=10)]
    note: Entry = _entry(Voice.CLIENT)


class Goal(_Item):
    """A goal written together: the client's words, the clinician's framing and the agreed wording."""

    client_words: Entry = _entry(Voice.CLIENT)
    clinician_framing: Entry = _entry(Voice.CLINICIAN)
    agreed_wording: Entry = _entry(Voice.CLIENT)
    values_served: Entry = _entry(Voice.CLIENT)
    progress_signs: Entry = _entry(Voice.CLIENT)
    ratings: list[ProgressRating] = Field(default_factory=list)
    status: GoalStatus = GoalStatus.ACTIVE

    def ordered_ratings(self) -> list[ProgressRating]:
        """Ratings sorted by date (stable for equal dates)."""
        return sorted(self.ratings, key=lambda r: r.date)


# --------------------------------------------------------------------------------------------------
# Adaptations, missteps and repair, feedback


class Adaptation(_Item):
    """How the work was fitted to the client's context, and how the client responded."""

    what: Entry = _entry(Voice.CLINICIAN)
    why: Entry = _entry(Voice.CLINICIAN)
    client_response: Entry = _entry(Voice.CLIENT)


class RepairStatus(StrEnum):
    """Where the repair of a misstep stands."""

    NOT_YET_RAISED = "not_yet_raised"
    IN_PROGRESS = "in_progress"
    REPAIRED = "repaired"
    UNRESOLVED = "unresolved"


class Misstep(_Item):
    """A cultural misstep or rupture and its repair."""

    date: CaseDate | None = None
    what_happened: Entry = _entry(Voice.CLINICIAN)
    impact: Entry = _entry(Voice.CLIENT)
    acknowledgement: Entry = _entry(Voice.CLINICIAN)
    repair: Entry = _entry(Voice.CLINICIAN)
    follow_up: Entry = _entry(Voice.CLINICIAN)
    status: RepairStatus = RepairStatus.IN_PROGRESS


# How a piece of feedback reached the clinician (issue #16: paper feedback cards). A block of its own.


class FeedbackRoute(LabelledEnum):
    """How the client gave a piece of feedback."""

    IN_SESSION = "in_session", N_("Said in the session")
    PAPER_CARD = "paper_card", N_("Written by the client on a paper feedback card")
    CLIENT_CARD = "client_card", N_("Written by the client on the client card")


# A clinic's questionnaire answered only in part (issue #16). A block of its own.


class PartialAnswers(_Model):
    """A clinic's questionnaire the client answered only in part: the points given, by item id, and
    how many items it has. ``prorated_total`` is set only when the questionnaire's own file gives a
    rule for working out a total from part of the answers; otherwise there is no total."""

    answers: dict[Short, int] = Field(default_factory=dict)
    of: Annotated[int, Field(ge=1)]
    prorated_total: float | None = None

    @model_validator(mode="after")
    def _fewer_than_all(self) -> PartialAnswers:
        if len(self.answers) >= self.of:
            raise ValueError(f"{len(self.answers)} answers of {self.of} is not partial; record the total")
        return self


class FeedbackEntry(_Item):
    """The client's feedback after a session: how understood and respected they felt (1–5).

    ``instrument_scores`` holds totals from a clinic's own licensed instruments, keyed by the
    instrument's local name; casekit ships no licensed item wording. ``given`` says how the feedback
    reached the clinician (``None``: not recorded). The language the client's answers are in is the
    ``language`` of ``comments`` (schema version 3; see :mod:`casekit.model.migrations`).
    """

    date: CaseDate
    felt_understood: Annotated[int, Field(ge=1, le=5)] | None = None
    felt_respected: Annotated[int, Field(ge=1, le=5)] | None = None
    comments: Entry = _entry(Voice.CLIENT)
    instrument_scores: dict[Short, float] = Field(default_factory=dict)
    # Questionnaires answered only in part, by name (issue #16): the answers given, no invented total.
    instrument_partial: dict[Short, PartialAnswers] = Field(default_factory=dict)
    # How the feedback was given (paper feedback cards); its language is the comments entry's own.
    given: FeedbackRoute | None = None


class SupervisionTopic(LabelledEnum):
    """The recurring supervision topics around cultural humility."""

    UNDERSTANDING_CONTEXT = "understanding_context", N_("Understanding the client's context")
    COUNTERTRANSFERENCE = "countertransference", N_("Countertransference around difference")
    SYSTEMS_AND_POWER = "systems_and_power", N_("Systemic issues and power")
    MISSTEPS_AND_RUPTURES = "missteps_and_ruptures", N_("Missteps and ruptures")
    OTHER = "other", N_("Other")


class SupervisionNote(_Item):
    """A note from supervision on this case, with any learning it led to."""

    date: CaseDate | None = None
    topic: SupervisionTopic = SupervisionTopic.OTHER
    note: Entry = _entry(Voice.CONSULTANT)
    learning: list[Entry] = Field(default_factory=list)


# --------------------------------------------------------------------------------------------------
# Consent to consultation, supervision meetings and the learning plan


class ConsultationAudience(LabelledEnum):
    """Who a case may be brought to, as the client was told and agreed."""

    SUPERVISION = "supervision", N_("My own supervision")
    PEER_GROUP = "peer_group", N_("A peer consultation group")
    TEACHING = "teaching", N_("Teaching and training")


class ConsentStatus(LabelledEnum):
    """Whether the client knows their case is brought to consultation or supervision."""

    NOT_RECORDED = "not_recorded", N_("Not recorded yet")
    CLIENT_AGREED = "client_agreed", N_("The client knows and agreed")
    NOT_NEEDED = "not_needed", N_("Not needed for this case")


class ConsultationConsent(_Model):
    """What the client knows about their case being brought to consultation, and how far it may go.

    ``scope`` lists where the client agreed the case may be brought and ``date`` when they were asked;
    when asking is not needed, ``not_needed_because`` says why (the clinician's words). Exports check
    it: a handout for a group is written only when the client agreed to a peer group (or it is not
    needed), a supervision export only when the client agreed to supervision.
    """

    status: ConsentStatus = ConsentStatus.NOT_RECORDED
    scope: list[ConsultationAudience] = Field(default_factory=list)
    date: CaseDate | None = None
    how_asked: Entry = _entry(Voice.CLINICIAN)
    not_needed_because: Entry = _entry(Voice.CLINICIAN)

    def covers(self, audience: ConsultationAudience) -> bool:
        """Whether the case may be brought to ``audience`` as recorded (agreed to it, or not needed)."""
        if self.status == ConsentStatus.NOT_NEEDED:
            return bool(self.not_needed_because)
        return self.status == ConsentStatus.CLIENT_AGREED and audience in self.scope


class SupervisionMeeting(_Item):
    """One supervision meeting on this case, written up in both voices.

    The supervisee's notes are in the clinician's voice, the supervisor's notes and own reflection in
    the consultant's; ``supervisee_feedback`` is what the supervisee said when asked how supervision
    is going for them.
    """

    date: CaseDate | None = None
    topics: list[SupervisionTopic] = Field(default_factory=list)
    supervisee_notes: Entry = _entry(Voice.CLINICIAN)
    supervisor_notes: Entry = _entry(Voice.CONSULTANT)
    supervisor_reflection: Entry = _entry(Voice.CONSULTANT)
    supervisee_feedback: Entry = _entry(Voice.CLINICIAN)


class LearningKind(LabelledEnum):
    """The kind of learning a learning-plan item is."""

    EDUCATION = "education", N_("Reading and study")
    TRAINING = "training", N_("Training or a course")
    EXPERIENTIAL = "experiential", N_("Learning from experience")


class LearningStatus(LabelledEnum):
    """Whether a learning-plan item is still being worked on."""

    OPEN = "open", N_("Open")
    CLOSED = "closed", N_("Done")


class LearningReview(_Model):
    """When a learning-plan item is to be looked at again (a part of its own, so it is a dated part)."""

    date: CaseDate | None = None


class LearningUpdate(_Item):
    """A dated note on how a learning-plan item is going."""

    date: CaseDate
    note: Entry = _entry(Voice.CLINICIAN)


class LearningItem(_Item):
    """Something the supervisee means to learn, agreed in supervision, with its review and progress."""

    date: CaseDate | None = None
    kind: LearningKind = LearningKind.EDUCATION
    what: Entry = _entry(Voice.CLINICIAN)
    review: LearningReview = Field(default_factory=LearningReview)
    status: LearningStatus = LearningStatus.OPEN
    updates: list[LearningUpdate] = Field(default_factory=list)

    def ordered_updates(self) -> list[LearningUpdate]:
        """Updates sorted by date (stable for equal dates)."""
        return sorted(self.updates, key=lambda u: u.date)


# --------------------------------------------------------------------------------------------------
# De-identification review decisions


class ReviewDecision(StrEnum):
    """What the presenter decided about a span de-identification was unsure of."""

    REDACT = "redact"
    KEEP = "keep"


class DeidDecision(_Model):
    """A presenter's decision on a low-confidence span, stored with the case.

    The span is stored as a salted hash (``fingerprint``) with its category, never as text, so the
    decision survives without keeping what was flagged.
    """

    fingerprint: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{16,64}$")]
    category: Short
    decision: ReviewDecision
    decided: dt.datetime = Field(default_factory=_utcnow)


# --------------------------------------------------------------------------------------------------
# The case


class Case(_Model):
    """A whole case formulation.

    Examples
    --------
    >>> case = Case(meta=CaseMeta(case_id="CK-0001", clinician_alias="Presenter A"))
    >>> case.consultation_question.voice
    <Voice.CLINICIAN: 'clinician'>
    """

    schema_version: Literal[3] = SCHEMA_VERSION
    meta: CaseMeta
    identifiers: PrivateIdentifiers = Field(default_factory=PrivateIdentifiers)
    identity: ClientIdentity = Field(default_factory=ClientIdentity)
    positionality: ClinicianPositionality = Field(default_factory=ClinicianPositionality)
    power: list[PowerDynamic] = Field(default_factory=list)
    goals: list[Goal] = Field(default_factory=list)
    adaptations: list[Adaptation] = Field(default_factory=list)
    missteps: list[Misstep] = Field(default_factory=list)
    feedback: list[FeedbackEntry] = Field(default_factory=list)
    consultation_question: Entry = _entry(Voice.CLINICIAN)
    supervision_notes: list[SupervisionNote] = Field(default_factory=list)
    consultation_consent: ConsultationConsent = Field(default_factory=ConsultationConsent)
    supervision_meetings: list[SupervisionMeeting] = Field(default_factory=list)
    learning_plan: list[LearningItem] = Field(default_factory=list)
    wanted_from_group: Entry = _entry(Voice.CLINICIAN)
    deid_decisions: list[DeidDecision] = Field(default_factory=list)

    @model_validator(mode="after")
    def _aliases_are_not_identifiers(self) -> Case:
        """Refuse a case id or alias that contains a piece of the client's names."""
        parts = _name_parts(self.identifiers)
        if not parts:
            return self
        for field, value in (
            ("meta.case_id", self.meta.case_id),
            ("meta.client_alias", self.meta.client_alias),
            ("meta.clinician_alias", self.meta.clinician_alias),
            ("meta.group", self.meta.group or ""),
        ):
            tokens = {t for t in _tokens(value) if len(t) >= 3}
            if tokens & parts:
                raise ValueError(
                    f"{field} contains part of a name from the private identifiers; choose a code "
                    f"that does not identify the client"
                )
        return self


def _tokens(value: str) -> list[str]:
    out: list[str] = []
    word = []
    for ch in value.casefold():
        if ch.isalnum():
            word.append(ch)
        elif word:
            out.append("".join(word))
            word = []
    if word:
        out.append("".join(word))
    return out


def _name_parts(ids: PrivateIdentifiers) -> set[str]:
    names = [ids.legal_name, ids.name_used, *ids.other_names, *ids.names_in_other_scripts]
    for member in ids.household:
        names += [member.name, *member.other_names]
    return {t for n in names for t in _tokens(n) if len(t) >= 3}
