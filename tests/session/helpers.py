"""Helpers for the session tests: a clock the test moves by hand (cases: tests/fictional.py)."""

from __future__ import annotations

import datetime as dt

CASE_ID = "CK-0501"
SESSION_DATE = dt.date(2026, 3, 2)


class HandClock:
    """A UTC clock that stands still until the test moves it (no sleeping)."""

    def __init__(self, start: dt.datetime | None = None) -> None:
        self.now = start or dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now

    def tick(self, **delta: float) -> dt.datetime:
        """Move the clock forward by ``timedelta(**delta)``."""
        self.now += dt.timedelta(**delta)
        return self.now


class ManualScheduler:
    """Callbacks that run only when the test moves time on (the views' polling, without sleeping)."""

    def __init__(self) -> None:
        self.time = 0.0
        self._queue: list[tuple[float, int, object]] = []
        self._n = 0

    def now(self) -> float:
        return self.time

    def call_later(self, delay: float, callback):
        timer = _Timer(callback)
        self._n += 1
        self._queue.append((self.time + delay, self._n, timer))
        return timer

    def advance(self, seconds: float) -> None:
        """Move time on by ``seconds``, running every callback that falls due, in order."""
        end = self.time + seconds
        while True:
            due = sorted((q for q in self._queue if q[0] <= end), key=lambda q: (q[0], q[1]))
            if not due:
                break
            entry = due[0]
            self._queue.remove(entry)
            self.time = entry[0]
            entry[2].fire()
        self.time = end


class _Timer:
    def __init__(self, callback) -> None:
        self.callback = callback
        self.cancelled = False

    def cancel(self) -> None:
        self.cancelled = True

    def fire(self) -> None:
        if not self.cancelled:
            self.callback()
