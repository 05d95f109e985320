"""The live consultation session: set-up, stages, contributions, action plan (pydantic, no I/O).

A peer group works through one case in a fixed order of stages. These models describe what is
recorded; :mod:`casekit.session.log` folds the store's append-only session events into them, and
:mod:`casekit.session.machine` moves between stages.

Members are named by alias (:data:`~casekit.model.ids.Alias`), never by a client's name; the
facilitator may bind a member to a colleague's account (``Member.person``), and then only that
account acts as the member (:mod:`casekit.session.log` checks it on every event). Every
free-text contribution is an :class:`~casekit.model.Entry` that says whose voice it is in: a member's
perspective is a consultant's voice (or a hypothesis to check with the client), the presenter speaks
as the clinician.
"""

from __future__ import annotations

import datetime as dt
import uuid
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from casekit.actor import _USERNAME
from casekit.i18n import N_
from casekit.labels import LabelledEnum
from casekit.model import Entry, Voice
from casekit.model.ids import Alias, CaseId

#: A stage may be set to at most this many minutes (a whole meeting is rarely more than 90).
MAX_STAGE_MINUTES = 90
#: Longest contribution or action item text (characters).
MAX_CONTRIBUTION = 4_000

Uuid = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{32}$")]
#: A person's account name (JupyterHub or operating-system user name; see :mod:`casekit.actor`).
Username = Annotated[str, StringConstraints(pattern=_USERNAME.pattern)]


def new_uuid() -> str:
    """A fresh client-generated id (32 hex digits) for a contribution, action item or event."""
    return uuid.uuid4().hex


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Role(LabelledEnum):
    """What a person does in the session."""

    PRESENTER = "presenter", N_("Presenter")
    FACILITATOR = "facilitator", N_("Facilitator")
    TIMEKEEPER = "timekeeper", N_("Timekeeper")
    NOTE_TAKER = "note_taker", N_("Note-taker")
    MEMBER = "member", N_("Member")


class Lens(LabelledEnum):
    """A perspective a member may take while the presenter listens."""

    NONE = "none", N_("No particular lens")
    CLIENT = "client", N_("The client's lens")
    FAMILY = "family", N_("A family member's lens")
    COMMUNITY = "community", N_("The community's lens")
    SYSTEMS = "systems", N_("Systems and power")
    POSITIONALITY = "positionality", N_("The clinician's own positionality")


class ContributionKind(LabelledEnum):
    """What a contribution is."""

    QUESTION = "question", N_("Question")
    PERSPECTIVE = "perspective", N_("Perspective")
    RESOURCE = "resource", N_("Resource")
    CAUTION = "caution", N_("Caution")
    RESPONSE = "response", N_("Presenter's response")
    NOTE = "note", N_("Note")


class StageKind(StrEnum):
    """The stages of a consultation, in their usual order."""

    QUESTION = "question"
    PRESENTATION = "presentation"
    CLARIFYING = "clarifying"
    PERSPECTIVES = "perspectives"
    RESPONSE = "response"
    ACTION_PLAN = "action_plan"
    REVIEW = "review"


class StageSpec(_Model):
    """A stage: its title, what it is for, and its suggested length.

    Attributes
    ----------
    kind
        Which stage.
    title
        The heading members see (the standard stages' titles are catalogued: show ``_(title)``).
    purpose
        One or two sentences on what happens in the stage (our own words; catalogued like the title).
    minutes
        The suggested length in minutes; the facilitator may change it.
    """

    kind: StageKind
    title: str
    purpose: str
    minutes: int = Field(ge=1, le=MAX_STAGE_MINUTES)


#: The standard order and timings (5 / 5–10 / 5 / 10–15 / 5 / 5 / 5 minutes).
DEFAULT_STAGES: tuple[StageSpec, ...] = (
    StageSpec(
        kind=StageKind.QUESTION,
        title=N_("The presenter's consultation question"),
        purpose=N_("The presenter says what they want from the group today, before anything else."),
        minutes=5,
    ),
    StageSpec(
        kind=StageKind.PRESENTATION,
        title=N_("Brief case presentation"),
        purpose=N_(
            "The presenter outlines the case from the formulation: how the client describes themselves, "
            "the goals agreed together, and where the work feels stuck."
        ),
        minutes=8,
    ),
    StageSpec(
        kind=StageKind.CLARIFYING,
        title=N_("Clarifying questions only"),
        purpose=N_("Members ask questions of fact to understand the case. No advice or opinions yet."),
        minutes=5,
    ),
    StageSpec(
        kind=StageKind.PERSPECTIVES,
        title=N_("Perspectives while the presenter listens"),
        purpose=N_(
            "Members offer perspectives and hypotheses, each from a lens if one was assigned. The "
            "presenter listens without answering."
        ),
        minutes=12,
    ),
    StageSpec(
        kind=StageKind.RESPONSE,
        title=N_("The presenter's response"),
        purpose=N_("The presenter says what landed, what did not fit, and what they will take away."),
        minutes=5,
    ),
    StageSpec(
        kind=StageKind.ACTION_PLAN,
        title=N_("Action plan and follow-up"),
        purpose=N_(
            "Agree concrete next steps: learning, repair where there was a misstep, who does what, and "
            "when the group will look at it again."
        ),
        minutes=5,
    ),
    StageSpec(
        kind=StageKind.REVIEW,
        title=N_("How the session went"),
        purpose=N_("A short look back at the session itself: what helped, what to change next time."),
        minutes=5,
    ),
)


def default_stages() -> list[StageSpec]:
    """A fresh copy of the standard stages."""
    return [s.model_copy() for s in DEFAULT_STAGES]


class Member(_Model):
    """A person in the session, by alias, with a role and an optional assigned lens.

    ``person`` is the account the facilitator gave the role to (a colleague's user name, never a
    client's); when it is set only that account acts as this member. Older sessions have none.
    """

    alias: Alias
    role: Role = Role.MEMBER
    lens: Lens = Lens.NONE
    person: Username | None = None


class SessionSetup(_Model):
    """Who is in the session, for which case and on which date.

    Raises ``ValueError`` (pydantic) if an alias appears twice or there is more than one presenter or
    facilitator.
    """

    case_id: CaseId
    session_date: dt.date
    members: list[Member] = Field(default_factory=list, max_length=40)

    @field_validator("members")
    @classmethod
    def _one_each(cls, members: list[Member]) -> list[Member]:
        seen: set[str] = set()
        for m in members:
            key = m.alias.casefold()
            if key in seen:
                raise ValueError(f"members: the alias '{m.alias}' appears twice; give each person one alias")
            seen.add(key)
        for role in (Role.PRESENTER, Role.FACILITATOR):
            if sum(m.role is role for m in members) > 1:
                raise ValueError(f"members: more than one {role.value}; choose one")
        people = [m.person for m in members if m.person is not None]
        if len(people) != len(set(people)):
            raise ValueError("members: one person has two places in the group; give each person one")
        return members

    def member_for(self, person: str | None) -> Member | None:
        """The member the facilitator bound to account ``person``, if any."""
        if person is None:
            return None
        return next((m for m in self.members if m.person == person), None)

    @property
    def facilitator(self) -> Member | None:
        """The facilitator, if one is set up."""
        return next((m for m in self.members if m.role is Role.FACILITATOR), None)

    def member(self, alias: str) -> Member | None:
        """The member with this alias (case-insensitive), if any."""
        key = alias.strip().casefold()
        return next((m for m in self.members if m.alias.casefold() == key), None)


def voice_for(role: Role, *, hypothesis: bool = False) -> Voice:
    """Whose voice a contribution is in: the presenter's is the clinician's, others a consultant's."""
    if hypothesis:
        return Voice.HYPOTHESIS
    return Voice.CLINICIAN if role is Role.PRESENTER else Voice.CONSULTANT


class Contribution(_Model):
    """One thing a member said, captured under the stage that was current.

    Attributes
    ----------
    id
        Client-generated id; storing the same id twice keeps one copy (retries never duplicate).
    stage
        The stage it was made under.
    alias, role, lens
        Who made it and from which lens.
    kind
        Question, perspective, resource, caution, the presenter's response or a note.
    text
        The words, with their voice.
    created
        When it was stored (UTC; set by the store).
    """

    id: Uuid = Field(default_factory=new_uuid)
    stage: StageKind
    alias: Alias
    role: Role = Role.MEMBER
    lens: Lens = Lens.NONE
    kind: ContributionKind
    text: Entry
    created: dt.datetime | None = None

    @model_validator(mode="after")
    def _has_words(self) -> Contribution:
        if not self.text.text.strip():
            raise ValueError("text: a contribution needs some words; type them before adding it")
        if len(self.text.text) > MAX_CONTRIBUTION:
            raise ValueError(f"text: keep a contribution under {MAX_CONTRIBUTION} characters; shorten it")
        return self


class ActionKind(LabelledEnum):
    """What kind of step an action item is."""

    READING = "reading", N_("Reading")
    TRAINING = "training", N_("Training")
    EXPERIENTIAL = "experiential", N_("Experiential learning")
    COMMUNITY_PARTNER = "community_partner", N_("Talking with a community partner")
    REPAIR = "repair", N_("Repair step")
    OTHER = "other", N_("Other")


class ActionItem(_Model):
    """A step someone agreed to take, and when the group looks at it again."""

    id: Uuid = Field(default_factory=new_uuid)
    kind: ActionKind
    text: Entry
    owner: Alias
    review_date: dt.date | None = None
    done: bool = False

    @model_validator(mode="after")
    def _has_words(self) -> ActionItem:
        if not self.text.text.strip():
            raise ValueError("text: an action item needs a description; type it before adding it")
        if len(self.text.text) > MAX_CONTRIBUTION:
            raise ValueError(f"text: keep an action item under {MAX_CONTRIBUTION} characters; shorten it")
        return self


class StageState(_Model):
    """Where the session is: the current stage and when it started."""

    index: int = Field(ge=0)
    started: dt.datetime | None = None


class SessionRecord(_Model):
    """Everything recorded about one session, for the summary and the export.

    Attributes
    ----------
    setup
        Members, roles and lenses; the case id and session date.
    stages
        The stages with the lengths the facilitator settled on.
    current
        The stage the session reached.
    contributions
        Every contribution, in the order the store received them.
    actions
        The action plan (latest version of each item).
    follow_up
        When the group follows up on the case.
    """

    setup: SessionSetup
    stages: list[StageSpec] = Field(default_factory=default_stages)
    current: StageState = Field(default_factory=lambda: StageState(index=0))
    contributions: list[Contribution] = Field(default_factory=list)
    actions: list[ActionItem] = Field(default_factory=list)
    follow_up: dt.date | None = None
    # ---- people (accounts, never typed): see casekit.session.log ----
    #: The account that first steered the session (set it up or started it); the facilitator
    #: unless the set-up binds the facilitator's role to another account.
    started_by: Username | None = None
    #: The accounts that have joined the session, in the order they joined.
    present: list[Username] = Field(default_factory=list)

    def under(self, stage: StageKind) -> list[Contribution]:
        """The contributions made under ``stage``."""
        return [c for c in self.contributions if c.stage is stage]

    @property
    def review(self) -> list[Contribution]:
        """The contributions made while the group reviewed the session."""
        return self.under(StageKind.REVIEW)


class OpenActionItem(_Model):
    """An action item not yet done, with the session that agreed it."""

    session_date: dt.date
    item: ActionItem
