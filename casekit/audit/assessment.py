"""The organisation's self-assessment: space, access, partnerships, people, leadership and power.

Items are grouped under the three themes of the US National CLAS Standards (governance, leadership
and workforce; communication and language assistance; engagement, continuous improvement and
accountability). The item wording is casekit's own. Each item is rated on a four-step scale, with
notes, an action and an owner named by role (``"Clinical director"``, ``"front-desk lead"``), never by
a person's name.

This module does no I/O; :mod:`casekit.audit.history` stores and compares assessments.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from casekit.i18n import N_
from casekit.labels import LabelledEnum
from casekit.model.case import Short, Text
from casekit.model.ids import Alias

#: The assessment format this casekit writes.
ASSESSMENT_VERSION = 1


class Theme(LabelledEnum):
    """The three themes of the National CLAS Standards."""

    GOVERNANCE = "governance", N_("Governance, leadership and workforce")
    COMMUNICATION = "communication", N_("Communication and language assistance")
    ENGAGEMENT = "engagement", N_("Engagement, continuous improvement and accountability")


class Area(LabelledEnum):
    """The part of the organisation an item looks at."""

    LEADERSHIP = "leadership", N_("Leadership")
    POWER = "power", N_("How power is shared")
    HIRING = "hiring", N_("Hiring")
    TRAINING = "training", N_("Staff learning and supervision")
    ACCESS = "access", N_("Accessibility (languages, interpreters, fees)")
    SPACE = "space", N_("Space, physical and virtual")
    FORMS = "forms", N_("Forms and records")
    PARTNERSHIPS = "partnerships", N_("Community partnerships")
    ACCOUNTABILITY = "accountability", N_("Feedback and accountability")
    OUTREACH = "outreach", N_("Outreach and trust")
    ADVOCACY = "advocacy", N_("Advocacy for fairer policy")


class Rating(LabelledEnum):
    """How far along the organisation is on an item."""

    NOT_STARTED = "not_started", N_("Not started")
    BEGINNING = "beginning", N_("Beginning")
    DEVELOPING = "developing", N_("Developing")
    ESTABLISHED = "established", N_("Established")

    @property
    def score(self) -> int:
        """0 (not started) to 3 (established), for comparing and plotting."""
        return list(Rating).index(self)


ItemId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{1,48}$")]


class AssessmentItem(BaseModel):
    """One thing the organisation looks at, how far along it is, and what it will do next.

    Parameters
    ----------
    id
        A stable slug, so audits can be compared item by item.
    theme, area
        Where the item belongs.
    prompt
        What good practice looks like, as a statement to rate.
    rating
        How far along the organisation is.
    notes
        What the team saw, in their words.
    action
        The next concrete step.
    owner
        Who takes the step, as a role alias (never a person's name).
    review_by
        When to look at it again.
    """

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    id: ItemId
    theme: Theme
    area: Area
    prompt: Short
    rating: Rating = Rating.NOT_STARTED
    notes: Text = ""
    action: Text = ""
    owner: Alias | None = None
    review_by: dt.date | None = None


class SelfAssessment(BaseModel):
    """A dated self-assessment of the whole organisation."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    schema_version: Literal[1] = ASSESSMENT_VERSION
    date: dt.date
    items: list[AssessmentItem] = Field(default_factory=list)

    @model_validator(mode="after")
    def _ids_are_unique(self) -> SelfAssessment:
        seen: set[str] = set()
        for item in self.items:
            if item.id in seen:
                raise ValueError(f"item id {item.id!r} appears twice; give each item its own id")
            seen.add(item.id)
        return self

    def item(self, item_id: str) -> AssessmentItem:
        """The item with this id (``KeyError`` if there is none)."""
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(item_id)

    def theme_scores(self) -> dict[Theme, float | None]:
        """Mean rating score (0-3) per theme, ``None`` for a theme with no items."""
        out: dict[Theme, float | None] = {}
        for theme in Theme:
            scores = [i.rating.score for i in self.items if i.theme == theme]
            out[theme] = sum(scores) / len(scores) if scores else None
        return out


#: (id, theme, area, prompt) of the standard items, in casekit's own words.
STANDARD_ITEMS: tuple[tuple[str, Theme, Area, str], ...] = (
    (
        "leaders-commit",
        Theme.GOVERNANCE,
        Area.LEADERSHIP,
        "Our leaders name cultural humility and equity as part of the clinic's purpose, and give it "
        "time and money.",
    ),
    (
        "power-shared",
        Theme.GOVERNANCE,
        Area.POWER,
        "People who use our services, and staff at every level, have a real say in how the clinic is run.",
    ),
    (
        "decisions-open",
        Theme.GOVERNANCE,
        Area.POWER,
        "We are open about who decides fees, waiting lists and discharge, and people can question "
        "those decisions.",
    ),
    (
        "hiring-reach",
        Theme.GOVERNANCE,
        Area.HIRING,
        "Our hiring reaches people who share the languages and backgrounds of our communities, and "
        "we notice who stays.",
    ),
    (
        "hiring-humility",
        Theme.GOVERNANCE,
        Area.HIRING,
        "Job descriptions and interviews ask about self-reflection and working across difference.",
    ),
    (
        "training-ongoing",
        Theme.GOVERNANCE,
        Area.TRAINING,
        "Everyone, from the front desk to leadership, keeps learning about culture, power and bias; "
        "not a one-off day.",
    ),
    (
        "supervision-room",
        Theme.GOVERNANCE,
        Area.TRAINING,
        "Supervision and consultation make regular room for positionality, reactions to difference "
        "and missteps.",
    ),
    (
        "historical-trauma",
        Theme.GOVERNANCE,
        Area.TRAINING,
        "Staff understand the historical and intergenerational harm our communities carry (colonisation, "
        "slavery, forced removal, war and displacement) and how services like ours took part in it.",
    ),
    (
        "interpreters",
        Theme.COMMUNICATION,
        Area.ACCESS,
        "Trained interpreters, including sign language, are free at every contact; family is never "
        "relied on to interpret.",
    ),
    (
        "languages-materials",
        Theme.COMMUNICATION,
        Area.ACCESS,
        "Forms, signs and letters exist in our community's main languages, in plain words and in "
        "large print.",
    ),
    (
        "fees-fair",
        Theme.COMMUNICATION,
        Area.ACCESS,
        "Fees follow a sliding scale or can be waived, and people are told so before they have to ask.",
    ),
    (
        "physical-access",
        Theme.COMMUNICATION,
        Area.SPACE,
        "The building works for disabled people: step-free entry, accessible toilets, a quiet room, "
        "clear signs.",
    ),
    (
        "virtual-access",
        Theme.COMMUNICATION,
        Area.SPACE,
        "Booking and online sessions work with screen readers, captions, phones and slow connections.",
    ),
    (
        "space-welcomes",
        Theme.COMMUNICATION,
        Area.SPACE,
        "The waiting room and website show the range of people we serve, in images, languages and "
        "what is on the walls.",
    ),
    (
        "space-feels-welcoming",
        Theme.COMMUNICATION,
        Area.SPACE,
        "People are greeted warmly and by the name they use, can wait without being watched or hurried, "
        "and can find a quiet or prayer space and a place for children.",
    ),
    (
        "forms-own-words",
        Theme.COMMUNICATION,
        Area.FORMS,
        "Intake forms let people give their name, pronouns, gender, culture and family in their own words.",
    ),
    (
        "cultural-leaders",
        Theme.ENGAGEMENT,
        Area.PARTNERSHIPS,
        "We have working relationships with cultural leaders and community groups, shaped by what "
        "they ask of us.",
    ),
    (
        "faith-communities",
        Theme.ENGAGEMENT,
        Area.PARTNERSHIPS,
        "We know the faith communities people turn to and can work alongside them when a client wants that.",
    ),
    (
        "traditional-healers",
        Theme.ENGAGEMENT,
        Area.PARTNERSHIPS,
        "When a client sees a traditional healer, we learn about it and coordinate with the healer "
        "if the client wishes.",
    ),
    (
        "co-created-programmes",
        Theme.ENGAGEMENT,
        Area.PARTNERSHIPS,
        "New programmes are designed with the communities they are for, from the first idea, and "
        "community partners are paid for their time.",
    ),
    (
        "outreach-present",
        Theme.ENGAGEMENT,
        Area.OUTREACH,
        "We go where people already are (community centres, places of worship, schools, markets) and "
        "keep coming back, not only when we need referrals.",
    ),
    (
        "trust-earned",
        Theme.ENGAGEMENT,
        Area.OUTREACH,
        "Where people have good reason to distrust services like ours, we say so openly and show over "
        "time what we do differently.",
    ),
    (
        "policy-advocacy",
        Theme.ENGAGEMENT,
        Area.ADVOCACY,
        "We speak up, alongside our communities, for policies that remove barriers to care: language "
        "access, fair fees, services safe for people of any immigration status, disability access.",
    ),
    (
        "client-feedback",
        Theme.ENGAGEMENT,
        Area.ACCOUNTABILITY,
        "We ask clients how respected and understood they feel, and we change things because of what "
        "we hear.",
    ),
    (
        "equity-data",
        Theme.ENGAGEMENT,
        Area.ACCOUNTABILITY,
        "We look at who comes, who stays and who leaves early, group by group, and act on the gaps.",
    ),
    (
        "complaints-safe",
        Theme.ENGAGEMENT,
        Area.ACCOUNTABILITY,
        "There is a safe way to raise disrespect, in any language, and we report back on what changed.",
    ),
)


def blank_assessment(date: dt.date | None = None) -> SelfAssessment:
    """A new assessment with every standard item, not yet rated.

    Parameters
    ----------
    date
        The day of the audit (default: today).
    """
    return SelfAssessment(
        date=date or dt.date.today(),
        items=[AssessmentItem(id=i, theme=t, area=a, prompt=p) for i, t, a, p in STANDARD_ITEMS],
    )
