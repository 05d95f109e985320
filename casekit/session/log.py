"""From stored session events to a :class:`~casekit.session.model.SessionRecord`, and back.

Event kinds and their payloads (all JSON objects):

``setup``        ``{"members": [Member, ...]}`` — who is in the session (replaces the list)
``join``         ``Member`` — someone opened the session; added if their alias is new
``stage``        ``{"index": n, "from": m}`` — the facilitator moved from stage m to n; applied only if
                 the session is at m, so two clicks racing on two pages move it once
``stage_length`` ``{"stage": kind, "minutes": n}``
``contribution`` ``Contribution`` (its id is the event's uuid)
``action``       ``ActionItem`` — added, or replaced by a later event with the same id
``follow_up``    ``{"date": "YYYY-MM-DD" | null}``

Unknown kinds (written by a newer casekit) are skipped; a known kind with a bad payload raises.

**People.** Every event carries the account that sent it (``person``, read from the process, never
typed). The steering kinds (``setup``, ``stage``, ``stage_length``) are applied only when they come
from the steering person (:func:`steering_person`): the account the facilitator's role is bound to,
else the account that first steered the session. A typed alias therefore cannot move the stages;
:func:`refusal` says why an event was refused. A ``join`` marks its account present (the facilitator
then gives present people their roles in the set-up); a contribution from an account bound to a
member is attributed to that member, and one typed under an alias bound to someone else is refused.
Events with no person (stored before people were recorded) are applied as before.

**Sealed sessions.** In a people-access store the payloads are sealed for the people present
(:mod:`casekit.access.session_keys`). An event the reader cannot open (``event.locked``) is skipped,
except that a locked ``join`` still marks its account present (the account is stored readable).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from pydantic import ValidationError

from casekit.errors import SessionError
from casekit.session.model import (
    ActionItem,
    Contribution,
    Member,
    OpenActionItem,
    Role,
    SessionRecord,
    SessionSetup,
    StageKind,
    StageState,
)
from casekit.store import CaseStore
from casekit.store.session_events import SessionEvent, SessionEventLog

KINDS = ("setup", "join", "stage", "stage_length", "contribution", "action", "follow_up")
#: Event kinds only the facilitator may send.
STEERING_KINDS = frozenset({"setup", "stage", "stage_length"})


def steering_person(record: SessionRecord) -> str | None:
    """The account allowed to steer: the facilitator's bound person, else whoever first steered."""
    facilitator = record.setup.facilitator
    if facilitator is not None and facilitator.person is not None:
        return facilitator.person
    return record.started_by


def refusal(record: SessionRecord, event: SessionEvent) -> str | None:
    """Why ``event`` would not be applied to ``record`` because of who sent it (None: it would be)."""
    if event.person is None:
        return None
    if event.kind in STEERING_KINDS:
        allowed = steering_person(record)
        if allowed is not None and event.person != allowed:
            return (
                f"session event {event.seq} ({event.kind}) was sent by {event.person}, but only the "
                f"facilitator ({allowed}) can set up or move the session; it was not applied"
            )
    elif event.kind == "contribution" and record.setup.member_for(event.person) is None:
        claimed = record.setup.member(str(event.payload.get("alias", "")))
        if claimed is not None and claimed.person not in (None, event.person):
            return (
                f"session event {event.seq} (contribution) was sent by {event.person} under the name "
                f"'{claimed.alias}', which the facilitator gave to someone else; it was not applied"
            )
    return None


def empty_record(case_id: str, session_date: dt.date) -> SessionRecord:
    """A session with no members yet, at its first stage."""
    try:
        return SessionRecord(setup=SessionSetup(case_id=case_id, session_date=session_date))
    except ValidationError as exc:
        raise SessionError(f"case_id: {exc.errors()[0]['msg']}") from None


def apply(record: SessionRecord, event: SessionEvent) -> bool:
    """Apply one event to ``record`` in place; False if it was ignored (a stale stage change, an
    unknown kind).

    Raises
    ------
    SessionError
        If the event's payload does not fit its kind (the message names the event's place).
    """
    try:
        return _apply(record, event)
    except (ValidationError, KeyError, TypeError, ValueError) as exc:
        raise SessionError(
            f"case {event.case_id}: session event {event.seq} ({event.kind}) is not valid ({_first(exc)}); "
            f"the events before it are intact"
        ) from None


def _first(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        err = exc.errors()[0]
        return f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}"
    return type(exc).__name__


# Over 80 lines with the people checks: one branch per event kind, read top to bottom.
def _apply(record: SessionRecord, event: SessionEvent) -> bool:
    p = event.payload
    kind = event.kind
    if event.locked:  # sealed from this reader: only who came is known
        if kind == "join" and event.person is not None and event.person not in record.present:
            record.present.append(event.person)
        return False
    if refusal(record, event) is not None:
        return False
    if kind in STEERING_KINDS and record.started_by is None and event.person is not None:
        record.started_by = event.person
    if kind == "setup":
        members = [Member.model_validate(m) for m in p["members"]]
        record.setup = SessionSetup(
            case_id=record.setup.case_id, session_date=record.setup.session_date, members=members
        )
    elif kind == "join":
        member = _joining(record, Member.model_validate(p), event.person)
        if event.person is not None and event.person not in record.present:
            record.present.append(event.person)
        if record.setup.member(member.alias) is None and record.setup.member_for(event.person) is None:
            record.setup = SessionSetup(
                case_id=record.setup.case_id,
                session_date=record.setup.session_date,
                members=[*record.setup.members, member],
            )
    elif kind == "stage":
        index, origin = int(p["index"]), int(p["from"])
        if origin != record.current.index or not 0 <= index < len(record.stages):
            return False
        record.current = StageState(index=index, started=event.created)
    elif kind == "stage_length":
        stage = StageKind(p["stage"])
        for spec in record.stages:
            if spec.kind is stage:
                spec.minutes = int(p["minutes"])
    elif kind == "contribution":
        bound = record.setup.member_for(event.person)
        who = {"alias": bound.alias, "role": bound.role.value} if bound is not None else {}
        contribution = Contribution.model_validate(
            {**p, **who, "id": event.event_uuid, "created": event.created}
        )
        record.contributions.append(contribution)
    elif kind == "action":
        item = ActionItem.model_validate(p)
        for i, old in enumerate(record.actions):
            if old.id == item.id:
                record.actions[i] = item
                break
        else:
            record.actions.append(item)
    elif kind == "follow_up":
        record.follow_up = dt.date.fromisoformat(p["date"]) if p.get("date") else None
    else:
        return False
    return True


def _joining(record: SessionRecord, member: Member, person: str | None) -> Member:
    """The member a join adds: never in a role someone else holds (the facilitator binds people)."""
    if person is None:
        return member
    update: dict[str, object] = {}
    allowed = steering_person(record)
    if member.role is Role.FACILITATOR and (
        record.setup.facilitator is not None or (allowed is not None and allowed != person)
    ):
        update["role"] = Role.MEMBER
    if member.role is Role.PRESENTER and any(m.role is Role.PRESENTER for m in record.setup.members):
        update["role"] = Role.MEMBER
    return member.model_copy(update=update) if update else member


def fold(case_id: str, session_date: dt.date, events: Iterable[SessionEvent]) -> SessionRecord:
    """The session record that ``events`` (in ``seq`` order) describe."""
    record = empty_record(case_id, session_date)
    for event in events:
        apply(record, event)
    return record


def session_record(store: CaseStore, case_id: str, session_date: dt.date) -> SessionRecord:
    """The record of one session of a case: set-up, stages, contributions, action plan and review.

    Parameters
    ----------
    store
        An open case store.
    case_id, session_date
        Which session.

    Raises
    ------
    SessionError
        If no session of this case was held on that date, or (people access) it is sealed for the
        people present and the reader was not among them.
    """
    events = SessionEventLog(store).all_events(case_id, session_date)
    if not events:
        raise SessionError(
            f"case {case_id}: no consultation session on {session_date.isoformat()}; check the date "
            f"(see session_dates)"
        )
    if any(e.locked == "session" for e in events):
        raise SessionError(
            f"case {case_id}: the session on {session_date.isoformat()} is private to the people who "
            f"were there; ask its facilitator or the presenter"
        )
    return fold(case_id, session_date, events)


def session_dates(store: CaseStore, case_id: str) -> list[dt.date]:
    """The dates of every consultation session held on a case, oldest first."""
    return SessionEventLog(store).sessions(case_id)


def open_action_items(
    store: CaseStore, case_id: str, *, before: dt.date | None = None
) -> list[OpenActionItem]:
    """Action items from a case's sessions that are not done yet, oldest session first.

    An item is the latest version of it in any session (a later session may mark an earlier item
    done). Each is listed with the date of the session that first agreed it.

    Parameters
    ----------
    store
        An open case store.
    case_id
        The case.
    before
        Only items agreed in sessions before this date (the sessions before today's, say).
    """
    log = SessionEventLog(store)
    latest: dict[str, ActionItem] = {}
    origin: dict[str, dt.date] = {}
    for date in log.sessions(case_id):
        for event in log.all_events(case_id, date):
            if event.kind != "action" or event.locked:
                continue
            record = empty_record(case_id, date)
            apply(record, event)
            item = record.actions[0]
            latest[item.id] = item
            origin.setdefault(item.id, date)
    out = [
        OpenActionItem(session_date=origin[i], item=item)
        for i, item in latest.items()
        if not item.done and (before is None or origin[i] < before)
    ]
    return sorted(out, key=lambda o: (o.session_date, o.item.review_date or dt.date.max))
