"""A live session as one person sees it: write events to the store, read everyone else's.

Every page (a facilitator's, a member's; in one kernel or on separate servers) holds a
:class:`LiveSession`. Writes go straight to the store as events (so nothing is lost if the kernel
dies) and are then read back in order with everyone else's; :meth:`LiveSession.refresh` reads the
events after the last one it has seen, and is the only way events are read.

*When* to refresh depends on the store. On PostgreSQL, :meth:`LiveSession.watch` starts a listener
that is woken the moment someone's event commits (LISTEN/NOTIFY), and the page refreshes then, plus a
slow safety-net poll every :data:`FALLBACK_SECONDS`. On SQLite there is nothing to listen to, and the
page polls every half second or so. :meth:`LiveSession.wait` does either for scripts.

A write that fails (the database is unreachable) raises and may be repeated with the same id: the
store keeps one copy however often an event is sent.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable
from typing import Any, Concatenate, ParamSpec

from pydantic import ValidationError

from casekit.actor import current_person
from casekit.errors import SessionError
from casekit.model import Entry
from casekit.session.log import apply, empty_record, refusal, steering_person
from casekit.session.machine import StageMachine
from casekit.session.model import (
    ActionItem,
    ActionKind,
    Contribution,
    ContributionKind,
    Lens,
    Member,
    Role,
    SessionRecord,
    StageKind,
    new_uuid,
    voice_for,
)
from casekit.store import CaseStore
from casekit.store.notify import Notice, SessionListener
from casekit.store.session_events import SessionEvent, SessionEventLog

#: Roles that steer the session (move stages, change lengths, set it up).
STEERING = frozenset({Role.FACILITATOR})
#: Seconds between polls when the store cannot push (SQLite).
POLL_SECONDS = 0.5
#: Seconds between safety-net reads while listening (PostgreSQL), in case a notice is ever lost.
FALLBACK_SECONDS = 5.0

P = ParamSpec("P")
_log = logging.getLogger(__name__)


def _message(exc: ValidationError) -> str:
    err = exc.errors()[0]
    loc = ".".join(str(p) for p in err["loc"])
    msg = str(err["msg"]).removeprefix("Value error, ")
    return f"{loc}: {msg}" if loc else msg


def _and_add(
    make: Callable[Concatenate[LiveSession, P], Contribution],
) -> Callable[Concatenate[LiveSession, P], Contribution]:
    """A method that makes a contribution with ``make`` (same arguments) and stores it."""

    def contribute(self: LiveSession, *args: P.args, **kwargs: P.kwargs) -> Contribution:
        """Make and store a contribution under the current stage (see :meth:`contribution`)."""
        return self.add(make(self, *args, **kwargs))

    return contribute


class LiveSession:
    """One person's handle on a live consultation session.

    Parameters
    ----------
    store
        The open case store the group shares.
    case_id, session_date
        Which session (one per case and date).
    alias, role
        The name and role asked for. Once the facilitator binds a member to this account (the
        person running the process, :func:`casekit.actor.current_person`), that member's alias and
        role are used instead. Only the facilitator may set up the session and move its stages.
    clock
        Returns the current time (UTC) for the countdown; defaults to the store's clock, which is also
        the clock that stamps stage changes.

    Notes
    -----
    Use one handle from one thread (a page's). Only :meth:`wake` and the listener's callback cross
    threads; a page that called :meth:`watch` must call :meth:`close` (or use ``with``).
    """

    def __init__(
        self,
        store: CaseStore,
        case_id: str,
        session_date: dt.date,
        *,
        alias: str,
        role: Role | str = Role.MEMBER,
        clock: Callable[[], dt.datetime] | None = None,
    ) -> None:
        try:
            self.me = Member(alias=alias, role=Role(role))
        except (ValidationError, ValueError) as exc:
            detail = _message(exc) if isinstance(exc, ValidationError) else f"role: {exc}"
            raise SessionError(detail) from None
        # The case must exist (CaseNotFoundError says how to find its id). Its history, not its body:
        # in a people-access store a member joins with a shared snapshot and no key for the case.
        store.history(case_id)
        self.store = store
        #: The account using this handle (from JupyterHub or the computer, never typed).
        self.person = current_person().username
        #: Events not applied because of who sent them: their seq and the reason.
        self.refused: dict[int, str] = {}
        self.log = SessionEventLog(store)
        self.case_id = case_id
        self.session_date = session_date
        self.clock = clock or store.now
        self.record: SessionRecord = empty_record(case_id, session_date)
        self.last_seq = 0
        self._ignored_moves: set[int] = set()
        self._listener: SessionListener | None = None
        self._on_change: Callable[[], None] | None = None
        self._changed = threading.Event()
        self._interrupted = False
        #: How many notices of new events this page has been woken by (PostgreSQL).
        self.notices = 0
        #: People access: whether events wait that this person cannot read until someone present
        #: lets them in (wraps the session's key for them).
        self.waiting = False
        self._let_in_already: set[str] = set()
        #: Seconds between reads in :meth:`wait` while listening, and while not.
        self.fallback_seconds, self.poll_seconds = FALLBACK_SECONDS, POLL_SECONDS
        self.refresh()

    def __repr__(self) -> str:
        return f"LiveSession({self.case_id!r}, {self.session_date.isoformat()!r}, {self.me.role.value})"

    # ---- reading ----------------------------------------------------------------------------------
    def refresh(self) -> list[SessionEvent]:
        """Read and apply the events stored since the last refresh; return them (oldest first).

        In a people-access store, reading stops at the first event sealed with a session key this
        person does not hold yet (:attr:`waiting`), and goes on once someone present lets them in;
        a page that holds the key lets in the people who joined or were given a role.
        """
        new: list[SessionEvent] = []
        while True:
            batch = self.log.events(self.case_id, self.session_date, after=self.last_seq)
            locked = next((i for i, e in enumerate(batch) if e.locked == "session"), None)
            self.waiting = locked is not None
            batch = batch if locked is None else batch[:locked]
            if not batch:
                self._let_in()
                return new
            for event in batch:
                reason = refusal(self.record, event)
                if reason is not None:
                    self.refused[event.seq] = reason
                    _log.info("%s", reason)
                if not apply(self.record, event) and event.kind == "stage":
                    self._ignored_moves.add(event.seq)
                self.last_seq = event.seq
            new.extend(batch)
            if self.waiting:
                return new

    def _let_in(self) -> None:
        """People access: wrap the session's key for everyone present or given a role who lacks it."""
        if self.store.access is None or self.waiting:
            return
        wanted = [*self.record.present, *(m.person for m in self.record.setup.members if m.person)]
        fresh = [p for p in dict.fromkeys(wanted) if p not in self._let_in_already]
        if fresh:
            self._let_in_already.update(self.log.admit(self.case_id, self.session_date, fresh))

    # ---- being told about new events -------------------------------------------------------------
    def watch(self, on_change: Callable[[], None] | None = None) -> bool:
        """Listen for everyone's new events; return whether the store pushes them (PostgreSQL).

        ``on_change`` is called on the listener's thread whenever there may be events to read: it
        should hand the wake-up to the page's own thread (``loop.call_soon_threadsafe``), which then
        calls :meth:`refresh`. Never call :meth:`refresh` from the callback itself. On SQLite nothing
        is started and the page keeps polling. Call :meth:`close` when the page closes.
        """
        self._on_change = on_change
        if self._listener is None:
            self._listener = self.log.listen(self.case_id, self.session_date, self._notice)
        return self._listener is not None

    @property
    def pushed(self) -> bool:
        """Whether a listener is running for this page (so polling can be slow)."""
        return self._listener is not None

    @property
    def listener(self) -> SessionListener | None:
        """The running listener, if any (tests look at its connection)."""
        return self._listener

    def _notice(self, notice: Notice | None) -> None:
        """On the listener's thread: flag a read if the notice is news (None: after (re)connecting)."""
        if notice is not None:
            if notice.seq <= self.last_seq:
                return  # already read (our own write, say)
            self.notices += 1
        self._changed.set()
        if self._on_change is not None:
            self._on_change()

    def wait(self, timeout: float) -> list[SessionEvent]:
        """Wait up to ``timeout`` seconds for new events, read them and return them (may be none).

        Listening (PostgreSQL, after :meth:`watch`), it wakes on a notice and reads at least every
        ``fallback_seconds``; otherwise it reads every ``poll_seconds``.
        """
        deadline = time.monotonic() + timeout
        step = self.fallback_seconds if self.pushed else self.poll_seconds
        while True:
            self._changed.clear()
            new = self.refresh()
            remaining = deadline - time.monotonic()
            if new or remaining <= 0:
                return new
            self._changed.wait(min(step, remaining))
            if self._interrupted:
                self._interrupted = False
                return self.refresh()

    def wake(self) -> None:
        """End a :meth:`wait` in another thread early (it reads, and returns what it found)."""
        self._interrupted = True
        self._changed.set()

    def close(self) -> None:
        """Stop listening (closes the listener's thread and connection); the session stays readable."""
        listener, self._listener = self._listener, None
        if listener is not None:
            listener.close()
        self.wake()

    def __enter__(self) -> LiveSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def started(self) -> bool:
        """Whether anyone has written to the session yet."""
        return self.last_seq > 0

    @property
    def machine(self) -> StageMachine:
        """The stage machine at the session's current stage (read-only view; use the methods below)."""
        return StageMachine(self.record.stages, clock=self.clock, state=self.record.current)

    @property
    def stage(self) -> StageKind:
        """The current stage."""
        return self.record.stages[self.record.current.index].kind

    @property
    def member(self) -> Member | None:
        """This person's place in the set-up: the member bound to their account, else the member with
        their alias (unless the facilitator bound that alias to someone else)."""
        setup = self.record.setup
        bound = setup.member_for(self.person)
        if bound is not None:
            return bound
        member = setup.member(self.me.alias)
        if member is not None and member.person not in (None, self.person):
            return None
        return member

    @property
    def alias(self) -> str:
        """The name this person has in the group: the bound member's alias, else the one given."""
        member = self.member
        return member.alias if member is not None else self.me.alias

    @property
    def role(self) -> Role:
        """This person's role: as set up by the facilitator, else as given when opening (a name the
        facilitator gave to someone else brings no role with it)."""
        member = self.member
        if member is not None:
            return member.role
        taken = self.record.setup.member(self.me.alias)
        return Role.MEMBER if taken is not None else self.me.role

    @property
    def lens(self) -> Lens:
        """The lens assigned to this person in the set-up (``Lens.NONE`` if none)."""
        member = self.member
        return member.lens if member is not None else Lens.NONE

    @property
    def present(self) -> list[str]:
        """The accounts that have joined the session, in the order they joined."""
        return list(self.record.present)

    def people(self) -> list[str]:
        """The accounts the facilitator may give roles to: this page's own, those present, then (in a
        people-access store) everyone registered, once each."""
        out = [self.person, *self.record.present, *(m.person for m in self.record.setup.members if m.person)]
        if self.store.access is not None:
            from casekit.access.actions import list_people

            out += [p.username for p in list_people(self.store) if p.removed_at is None]
        return list(dict.fromkeys(out))

    # ---- writing ----------------------------------------------------------------------------------
    def _emit(self, kind: str, payload: dict[str, Any], event_uuid: str | None = None) -> SessionEvent:
        stored = self.log.append(
            self.case_id,
            self.session_date,
            kind,
            payload,
            event_uuid=event_uuid or new_uuid(),
            author=self.alias,
        )
        self.refresh()
        if stored.seq in self.refused:
            raise SessionError(self.refused[stored.seq])
        return stored

    @property
    def steers(self) -> bool:
        """Whether this person may set up and move the session (the facilitator, by account)."""
        return self.role in STEERING and steering_person(self.record) in (None, self.person)

    def _steer(self, what: str) -> None:
        if not self.steers:
            raise SessionError(f"{what}: only the facilitator can do this; ask them")

    def join(self) -> None:
        """Record that this person is in the session (once, however often it is called)."""
        setup = self.record.setup
        if setup.member(self.me.alias) is None or self.person not in self.record.present:
            key = f"{self.case_id}\x00{self.session_date}\x00{self.me.alias.casefold()}\x00{self.person}"
            self._emit("join", self.me.model_dump(mode="json", exclude_none=True), _stable_uuid(key))

    def set_up(self, members: list[Member] | list[dict[str, Any]]) -> None:
        """Set the members, roles and lenses (facilitator only; members as models or plain dicts)."""
        self._steer("set-up")
        try:
            checked = type(self.record.setup)(
                case_id=self.case_id, session_date=self.session_date, members=members
            )
        except ValidationError as exc:
            raise SessionError(_message(exc)) from None
        members_json = [m.model_dump(mode="json", exclude_none=True) for m in checked.members]
        self._emit("setup", {"members": members_json})

    def start(self) -> None:
        """Start the first stage's countdown (facilitator only)."""
        self._steer("start")
        self._move(self.record.current.index)

    def advance(self) -> None:
        """Move everyone to the next stage (facilitator only)."""
        self._steer("advance")
        if self.machine.is_last:
            raise SessionError("stage: this is the last stage; the session is complete")
        self._move(self.record.current.index + 1)

    def back(self) -> None:
        """Move everyone back to the previous stage (facilitator only)."""
        self._steer("back")
        if self.machine.is_first:
            raise SessionError("stage: this is the first stage; there is nothing before it")
        self._move(self.record.current.index - 1)

    def _move(self, index: int) -> None:
        stored = self._emit("stage", {"index": index, "from": self.record.current.index})
        if stored.seq in self._ignored_moves and self.record.current.index != index:
            raise SessionError("stage: someone else moved the stage at the same moment; look again")

    def set_minutes(self, stage: StageKind | str, minutes: int) -> None:
        """Change a stage's length (facilitator only)."""
        self._steer("stage length")
        kind = StageKind(stage)
        self.machine.set_minutes(kind, minutes)  # validates
        self._emit("stage_length", {"stage": kind.value, "minutes": minutes})

    def contribution(
        self,
        kind: ContributionKind | str,
        text: str,
        *,
        lens: Lens | str | None = None,
        hypothesis: bool = False,
    ) -> Contribution:
        """A contribution under the current stage, ready for :meth:`add` (not stored yet).

        The voice follows the role: the presenter speaks as the clinician, members as consultants,
        and a member's hypothesis is marked as one.

        Raises
        ------
        SessionError
            If the text is empty or too long, or the kind does not fit the stage (only questions while
            clarifying; the presenter listens during the perspectives).
        """
        role = self.role
        try:
            kind = ContributionKind(kind)
            chosen = Lens(lens) if lens is not None else self.lens
        except ValueError as exc:
            raise SessionError(f"kind or lens: {exc}") from None
        stage = self.stage
        if stage is StageKind.CLARIFYING and kind is not ContributionKind.QUESTION:
            raise SessionError("kind: this stage is for clarifying questions only; choose Question")
        if stage is StageKind.PERSPECTIVES and role is Role.PRESENTER:
            raise SessionError(
                "stage: the presenter listens during the perspectives; respond in the next stage"
            )
        try:
            return Contribution(
                stage=stage,
                alias=self.alias,
                role=role,
                lens=chosen,
                kind=kind,
                text=Entry(text=text, voice=voice_for(role, hypothesis=hypothesis)),
            )
        except ValidationError as exc:
            raise SessionError(_message(exc)) from None

    def add(self, contribution: Contribution) -> Contribution:
        """Store a contribution (again, harmlessly, if it was stored already); return it as stored."""
        payload = contribution.model_dump(mode="json", exclude={"id", "created"})
        self._emit("contribution", payload, contribution.id)
        for stored in reversed(self.record.contributions):
            if stored.id == contribution.id:
                return stored
        raise SessionError(f"contribution {contribution.id}: stored but not read back; refresh the page")

    contribute = _and_add(contribution)

    def add_action(
        self,
        kind: ActionKind | str,
        text: str,
        *,
        owner: str,
        review_date: dt.date | None = None,
        item_id: str | None = None,
    ) -> ActionItem:
        """Add an action item to the plan (anyone may; the note-taker usually does)."""
        try:
            item = ActionItem(
                id=item_id or new_uuid(),
                kind=ActionKind(kind),
                text=Entry(text=text, voice=voice_for(self.role)),
                owner=owner,
                review_date=review_date,
            )
        except (ValidationError, ValueError) as exc:
            raise SessionError(_message(exc) if isinstance(exc, ValidationError) else str(exc)) from None
        self._emit("action", item.model_dump(mode="json"))
        return item

    def mark_done(self, item: ActionItem, done: bool = True) -> ActionItem:
        """Record that an action item (from this or an earlier session) is done."""
        updated = item.model_copy(update={"done": done})
        self._emit("action", updated.model_dump(mode="json"))
        return updated

    def set_follow_up(self, date: dt.date | None) -> None:
        """Set (or clear) the date the group follows up on the case."""
        if date is not None and date < self.session_date:
            raise SessionError("follow-up date: choose a date after the session")
        self._emit("follow_up", {"date": date.isoformat() if date else None})


def _stable_uuid(key: str) -> str:
    import uuid

    return uuid.uuid5(uuid.NAMESPACE_URL, f"casekit:{key}").hex
