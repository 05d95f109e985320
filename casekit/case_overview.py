"""A short overview of a case: what is filled in, how goals are moving, what repair is open.

Used by ``casekit case show`` and the main job. It reads only the case body, never the private
identifiers, so its output is safe to print.
"""

from __future__ import annotations

from dataclasses import dataclass

from casekit.i18n import gettext as _
from casekit.i18n import ngettext
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
        """The overview as short lines of plain text, in the language shown (see ``use_language``)."""
        out = [
            _("%(case)s  group %(group)s  presented by %(alias)s")
            % {"case": self.case_id, "group": self.group or "-", "alias": self.clinician_alias},
            "  "
            + _("identities in the client's words: %(client)d; clinician's own named: %(clinician)d")
            % {"client": self.identities_named, "clinician": self.clinician_identities},
            "  "
            + _("power: %(room)d in the room, %(systemic)d in wider systems")
            % {"room": self.power_in_room, "systemic": self.power_systemic},
        ]
        for goal in self.goals:
            trend = _("no ratings yet")
            if goal.ratings:
                trend = ngettext(
                    "%(first)s → %(latest)s over %(num)d rating",
                    "%(first)s → %(latest)s over %(num)d ratings",
                    goal.ratings,
                ) % {"first": goal.first, "latest": goal.latest, "num": goal.ratings}
            # The status in words, from the words the form shows for it ("set_aside" → "set aside").
            status = _(goal.status.value.replace("_", " ").capitalize()).lower()
            out.append(
                "  "
                + _("goal (%(status)s): %(wording)s — %(trend)s")
                % {"status": status, "wording": _clip(goal.wording), "trend": trend}
            )
        out.append(
            "  "
            + _("adaptations: %(adaptations)d; missteps repaired: %(repaired)d, still open: %(open)d")
            % {
                "adaptations": self.adaptations,
                "repaired": self.missteps_repaired,
                "open": self.missteps_open,
            }
        )
        understood = "-" if self.latest_felt_understood is None else f"{self.latest_felt_understood}/5"
        out.append(
            "  "
            + _("feedback entries: %(num)d; felt understood lately: %(understood)s")
            % {"num": self.feedback_entries, "understood": understood}
        )
        stated = _("stated") if self.has_question else _("not yet stated")
        out.append("  " + _("consultation question: %(stated)s") % {"stated": stated})
        return out


def _clip(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def overview(case: Case) -> CaseOverview:
    """Summarise a case without touching its private identifiers."""
    goals = []
    for goal in case.goals:
        ratings = goal.ordered_ratings()
        wording = goal.agreed_wording.text or goal.client_words.text or _("(no wording yet)")
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
