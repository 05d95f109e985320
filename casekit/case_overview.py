"""A short overview of a case: what is filled in, how goals are moving, what repair is open.

Used by ``casekit case show`` and the main job. It reads only the case body, never the private
identifiers, so its output is safe to print.
"""

from __future__ import annotations

from dataclasses import dataclass

from casekit.model import Case, GoalStatus, RepairStatus


@dataclass(frozen=True)
class GoalTrend:
    """A goal's first and latest rating by the client."""

    wording: str
    first: int | None
    latest: int | None
    ratings: int
    status: GoalStatus


@dataclass(frozen=True)
class CaseOverview:
    """Counts and trends that describe how far a formulation has come."""

    case_id: str
    group: str | None
    clinician_alias: str
    identities_named: int
    clinician_identities: int
    power_in_room: int
    power_systemic: int
    goals: tuple[GoalTrend, ...]
    adaptations: int
    missteps_open: int
    missteps_repaired: int
    feedback_entries: int
    latest_felt_understood: int | None
    has_question: bool

    def lines(self) -> list[str]:
        """The overview as short lines of plain text."""
        out = [
            f"{self.case_id}  group {self.group or '-'}  presented by {self.clinician_alias}",
            f"  identities in the client's words: {self.identities_named}; "
            f"clinician's own named: {self.clinician_identities}",
            f"  power: {self.power_in_room} in the room, {self.power_systemic} in wider systems",
        ]
        for goal in self.goals:
            trend = "no ratings yet"
            if goal.ratings:
                trend = f"{goal.first} → {goal.latest} over {goal.ratings} ratings"
            out.append(f"  goal ({goal.status.value}): {_clip(goal.wording)} — {trend}")
        out.append(
            f"  adaptations: {self.adaptations}; missteps repaired: {self.missteps_repaired}, "
            f"still open: {self.missteps_open}"
        )
        understood = "-" if self.latest_felt_understood is None else f"{self.latest_felt_understood}/5"
        out.append(f"  feedback entries: {self.feedback_entries}; felt understood lately: {understood}")
        out.append(f"  consultation question: {'stated' if self.has_question else 'not yet stated'}")
        return out


def _clip(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def overview(case: Case) -> CaseOverview:
    """Summarise a case without touching its private identifiers."""
    goals = []
    for goal in case.goals:
        ratings = goal.ordered_ratings()
        wording = goal.agreed_wording.text or goal.client_words.text or "(no wording yet)"
        goals.append(
            GoalTrend(
                wording=wording,
                first=ratings[0].score if ratings else None,
                latest=ratings[-1].score if ratings else None,
                ratings=len(ratings),
                status=goal.status,
            )
        )
    feedback = sorted(case.feedback, key=lambda f: f.date)
    understood = [f.felt_understood for f in feedback if f.felt_understood is not None]
    return CaseOverview(
        case_id=case.meta.case_id,
        group=case.meta.group,
        clinician_alias=case.meta.clinician_alias,
        identities_named=len(case.identity.identities),
        clinician_identities=len(case.positionality.identities),
        power_in_room=sum(p.level == "in_room" for p in case.power),
        power_systemic=sum(p.level == "systemic" for p in case.power),
        goals=tuple(goals),
        adaptations=len(case.adaptations),
        missteps_open=sum(m.status != RepairStatus.REPAIRED for m in case.missteps),
        missteps_repaired=sum(m.status == RepairStatus.REPAIRED for m in case.missteps),
        feedback_entries=len(case.feedback),
        latest_felt_understood=understood[-1] if understood else None,
        has_question=bool(case.consultation_question),
    )
