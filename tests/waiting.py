"""Waiting for a condition in tests (never for a fixed time): the one polling loop the tests share."""

from __future__ import annotations

import time
from collections.abc import Callable


def wait_until(condition: Callable[[], object], *, timeout: float, what: str, poll: float = 0.1) -> None:
    """Return as soon as ``condition()`` is true; fail naming ``what`` if it is not within ``timeout`` s.

    Raises
    ------
    AssertionError
        If the condition is still false when the time is up.
    """
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up after {timeout:.0f} s waiting for {what}")
        time.sleep(poll)
