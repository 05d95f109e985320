"""Timers for autosave and refresh: the kernel's event loop in real use, a manual clock in tests.

A form never sleeps and never starts a thread. It asks a :class:`Scheduler` to call it back later.
In a Jupyter kernel (JupyterLab and Voila alike) :class:`LoopScheduler` uses the kernel's running
asyncio loop, so callbacks run on the same thread as widget events and never race with them. Tests
use :class:`ManualScheduler` and move time forward by hand.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import time
from collections.abc import Callable
from typing import Protocol


class Timer(Protocol):
    """A scheduled callback that can be cancelled."""

    def cancel(self) -> None:
        """Stop the callback from running (a no-op once it has run)."""


class Scheduler(Protocol):
    """A clock and a way to be called back later."""

    def now(self) -> float:
        """Seconds on a monotonic clock."""

    def call_later(self, delay: float, callback: Callable[[], None]) -> Timer:
        """Run ``callback`` after ``delay`` seconds."""


class LoopScheduler:
    """Callbacks on an asyncio event loop: the running one (a kernel's), or a new one if none runs.

    Parameters
    ----------
    loop
        The loop to use; by default the running loop of the calling thread.
    """

    def __init__(self, loop: asyncio.AbstractEventLoop | None = None) -> None:
        if loop is None:
            try:
                loop = asyncio.get_running_loop()
            except RuntimeError:
                loop = asyncio.new_event_loop()
        self.loop = loop

    def now(self) -> float:
        """The loop's monotonic clock."""
        return time.monotonic()

    def call_later(self, delay: float, callback: Callable[[], None]) -> Timer:
        """Schedule ``callback`` on the loop."""
        return self.loop.call_later(max(0.0, delay), callback)


class _ManualTimer:
    def __init__(self) -> None:
        self.cancelled = False

    def cancel(self) -> None:
        self.cancelled = True


class ManualScheduler:
    """A clock that moves only when told to, for tests and benchmarks.

    Examples
    --------
    >>> clock = ManualScheduler()
    >>> fired = []
    >>> _ = clock.call_later(1.0, lambda: fired.append(clock.now()))
    >>> clock.advance(0.5); fired
    []
    >>> clock.advance(0.5); fired
    [1.0]
    """

    def __init__(self, start: float = 0.0) -> None:
        self._now = start
        self._queue: list[tuple[float, int, _ManualTimer, Callable[[], None]]] = []
        self._seq = itertools.count()

    def now(self) -> float:
        """The current manual time."""
        return self._now

    def call_later(self, delay: float, callback: Callable[[], None]) -> Timer:
        """Queue ``callback`` to run when time reaches ``now() + delay``."""
        timer = _ManualTimer()
        heapq.heappush(self._queue, (self._now + max(0.0, delay), next(self._seq), timer, callback))
        return timer

    def pending(self) -> int:
        """How many callbacks are waiting (cancelled ones excluded)."""
        return sum(1 for _, _, t, _ in self._queue if not t.cancelled)

    def advance(self, seconds: float) -> None:
        """Move time forward, running every callback that falls due, in order."""
        target = self._now + seconds
        while self._queue and self._queue[0][0] <= target:
            when, _, timer, callback = heapq.heappop(self._queue)
            self._now = max(self._now, when)
            if not timer.cancelled:
                callback()
        self._now = target
