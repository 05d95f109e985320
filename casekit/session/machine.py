"""The stage machine and its countdown: pure logic with an injected clock (no sleeping, no threads).

The facilitator moves forward and back through the stages; each stage has a suggested length the
facilitator can change. The countdown is worked out from when the stage started and the clock, so
every member's page shows the same time left without any timer being shared.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from casekit.errors import SessionError
from casekit.session.model import MAX_STAGE_MINUTES, StageKind, StageSpec, StageState


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class StageMachine:
    """Where a session is in its stages, and how long the current stage has left.

    Parameters
    ----------
    stages
        The stages in order (copied).
    clock
        Returns the current time (UTC). Tests pass a fake one.
    state
        Start from this stage state (default: the first stage, not yet started).

    Examples
    --------
    >>> import datetime as dt
    >>> from casekit.session.model import default_stages
    >>> now = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    >>> machine = StageMachine(default_stages(), clock=lambda: now)
    >>> machine.advance().index
    1
    >>> machine.countdown()
    '08:00'
    """

    def __init__(
        self,
        stages: Sequence[StageSpec],
        *,
        clock: Callable[[], dt.datetime] | None = None,
        state: StageState | None = None,
    ) -> None:
        if not stages:
            raise SessionError("stages: a session needs at least one stage")
        self.stages = [s.model_copy() for s in stages]
        self._clock = clock or _utcnow
        self.state = (state or StageState(index=0)).model_copy()
        if self.state.index >= len(self.stages):
            raise SessionError(f"stage {self.state.index + 1}: the session has {len(self.stages)} stages")

    # ---- where we are -----------------------------------------------------------------------------
    @property
    def index(self) -> int:
        """The current stage's position (0 for the first)."""
        return self.state.index

    @property
    def current(self) -> StageSpec:
        """The current stage."""
        return self.stages[self.state.index]

    @property
    def is_first(self) -> bool:
        """Whether the current stage is the first."""
        return self.state.index == 0

    @property
    def is_last(self) -> bool:
        """Whether the current stage is the last."""
        return self.state.index == len(self.stages) - 1

    def position(self, kind: StageKind) -> int:
        """The position of stage ``kind``.

        Raises
        ------
        SessionError
            If the session has no such stage.
        """
        for i, stage in enumerate(self.stages):
            if stage.kind is kind:
                return i
        raise SessionError(f"stage: this session has no stage '{kind}'")

    # ---- moving -----------------------------------------------------------------------------------
    def advance(self) -> StageState:
        """Move to the next stage, starting its countdown now.

        Raises
        ------
        SessionError
            If this is already the last stage.
        """
        if self.is_last:
            raise SessionError("stage: this is the last stage; the session is complete")
        return self.go_to(self.state.index + 1)

    def back(self) -> StageState:
        """Go back to the previous stage, restarting its countdown.

        Raises
        ------
        SessionError
            If this is the first stage.
        """
        if self.is_first:
            raise SessionError("stage: this is the first stage; there is nothing before it")
        return self.go_to(self.state.index - 1)

    def go_to(self, index: int) -> StageState:
        """Make stage ``index`` current, starting its countdown now."""
        if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < len(self.stages):
            raise SessionError(f"stage: choose a stage from 1 to {len(self.stages)}")
        self.state = StageState(index=index, started=self._clock())
        return self.state

    def start(self) -> StageState:
        """Start the current stage's countdown now (used for the first stage)."""
        return self.go_to(self.state.index)

    def set_minutes(self, kind: StageKind, minutes: int) -> StageSpec:
        """Change the length of stage ``kind``.

        Raises
        ------
        SessionError
            If ``minutes`` is not a whole number from 1 to :data:`MAX_STAGE_MINUTES`.
        """
        if isinstance(minutes, bool) or not isinstance(minutes, int) or not 1 <= minutes <= MAX_STAGE_MINUTES:
            raise SessionError(
                f"minutes: a stage lasts a whole number of minutes from 1 to {MAX_STAGE_MINUTES}"
            )
        stage = self.stages[self.position(kind)]
        stage.minutes = minutes
        return stage

    # ---- the countdown ----------------------------------------------------------------------------
    def elapsed(self) -> dt.timedelta:
        """Time since the current stage started (zero if it has not started)."""
        if self.state.started is None:
            return dt.timedelta(0)
        return max(dt.timedelta(0), self._clock() - self.state.started)

    def remaining(self) -> dt.timedelta:
        """Time left in the current stage; negative once it has run over."""
        return dt.timedelta(minutes=self.current.minutes) - self.elapsed()

    @property
    def overrun(self) -> bool:
        """Whether the current stage has run past its length."""
        return self.remaining() < dt.timedelta(0)

    def countdown(self) -> str:
        """The time left as ``MM:SS``, or ``+MM:SS over`` once the stage has run over."""
        return format_countdown(self.remaining())


def format_countdown(remaining: dt.timedelta) -> str:
    """``MM:SS`` for time left (rounded up to the second), ``+MM:SS over`` when negative."""
    seconds = remaining.total_seconds()
    if seconds >= 0:
        whole = int(-(-seconds // 1))
        return f"{whole // 60:02d}:{whole % 60:02d}"
    from casekit.i18n import gettext as _

    whole = int(-seconds)
    return _("+%(time)s over") % {"time": f"{whole // 60:02d}:{whole % 60:02d}"}
