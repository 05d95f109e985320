"""Peak memory for the benches: a process tree sampled with psutil, or Python allocations traced.

Every row that prints a memory figure names which of these it is:

* **peak RSS (tree)** -- a process and all its descendants (a command and the kernels it starts),
  their resident set sizes summed, sampled every 50 ms; the largest sum seen. RSS counts pages shared
  between processes (libraries, copy-on-write) once per process, so a tree's sum overstates what
  the machine lost; the plain tools are measured the same way. A spike shorter than the sampling
  interval can be missed, which matters for commands that finish in a few samples.
* **peak RSS (VmHWM)** -- for a short single-process Python command: the kernel's own high-water
  mark of that process's RSS, read from ``/proc/self/status`` as it exits (prefix the command's code
  with :data:`REPORT_PEAK_AT_EXIT`; :attr:`Measured.own_peak_mb` reads it back). Exact, Linux only.
  (``wait4``'s ``ru_maxrss`` is not used: Linux carries the launching process's high-water mark
  across ``exec``, so a small command launched from a big bench would report the bench's size.)
* **RSS** -- one process's resident set size at one moment (psutil).
* **Python peak / held (tracemalloc)** -- memory allocated through Python's allocators inside a
  block: the peak, and what was still held at the end. Memory that C libraries allocate on their
  own is not seen; tracing slows Python code down, so benches trace in a pass of their own, never
  while timing.

Used as ``from _memory import ...`` by scripts run as ``python bench/bench_X.py`` (Python puts the
script's folder first on ``sys.path``).
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
import threading
import time
import tracemalloc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from types import TracebackType

import psutil

MB = 1024 * 1024
#: Python code to put first in a ``python -c`` command: as the process exits, it writes its own
#: RSS high-water mark (the ``VmHWM:`` line of /proc/self/status) to stderr.
REPORT_PEAK_AT_EXIT = (
    "import atexit, sys; atexit.register(lambda: sys.stderr.write(next(line for line in "
    "open('/proc/self/status') if line.startswith('VmHWM:')))); "
)
#: Seconds between samples of a process tree.
INTERVAL = 0.05


def tree_rss(process: psutil.Process) -> int:
    """Resident bytes of ``process`` and all its descendants, summed.

    Processes that exit while being read are skipped.
    """
    total = 0
    try:
        members = [process, *process.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0
    for member in members:
        try:
            total += member.memory_info().rss
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return total


def rss_mb(pid: int | None = None) -> float:
    """The resident set size of one process (this one by default), in MB."""
    return psutil.Process(pid).memory_info().rss / MB


class TreeSampler:
    """Sample a process tree's summed RSS in a background thread and keep the peak.

    Parameters
    ----------
    pid
        The root of the tree; this process by default (its kernels and other children included).
    interval
        Seconds between samples.

    Examples
    --------
    >>> with TreeSampler() as tree:
    ...     run_the_batch()
    >>> print(f"{tree.peak_mb:.0f} MB")
    """

    def __init__(self, pid: int | None = None, interval: float = INTERVAL) -> None:
        self._process = psutil.Process(pid)
        self._interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample_until_stopped, daemon=True)
        self.peak = 0

    def sample(self) -> None:
        """Take one sample now."""
        self.peak = max(self.peak, tree_rss(self._process))

    def _sample_until_stopped(self) -> None:
        while not self._stop.wait(self._interval):
            self.sample()

    @property
    def peak_mb(self) -> float:
        """The largest summed RSS seen, in MB."""
        return self.peak / MB

    def __enter__(self) -> TreeSampler:
        self.sample()
        self._thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._stop.set()
        self._thread.join()
        self.sample()


@dataclass(frozen=True)
class Measured:
    """Wall time and peak summed RSS of a command's process tree (and what it wrote to stderr)."""

    seconds: float
    peak_mb: float
    stderr: bytes = b""

    @property
    def own_peak_mb(self) -> float:
        """The VmHWM a command started with :data:`REPORT_PEAK_AT_EXIT` reported, in MB.

        Raises
        ------
        ValueError
            If the command did not report one.
        """
        found = re.search(rb"^VmHWM:\s+(\d+) kB", self.stderr, re.MULTILINE)
        if found is None:
            raise ValueError("the command reported no VmHWM; start its code with REPORT_PEAK_AT_EXIT")
        return int(found.group(1)) * 1024 / MB


def run_measured(
    cmd: Sequence[str], *, env: dict[str, str] | None = None, cwd: str | os.PathLike[str] | None = None
) -> Measured:
    """Run a command to completion, sampling its process tree's RSS every :data:`INTERVAL` seconds.

    Output is discarded (stderr is kept in a temporary file for the error).

    Raises
    ------
    subprocess.CalledProcessError
        If the command exits non-zero; ``stderr`` holds what it wrote there.
    """
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err)
        with TreeSampler(proc.pid) as tree:
            proc.wait()  # the sampler thread samples; the clock stops as the command exits
        seconds = time.perf_counter() - start
        err.seek(0)
        stderr = err.read()
        if proc.returncode:
            raise subprocess.CalledProcessError(proc.returncode, list(cmd), stderr=stderr)
    return Measured(seconds, tree.peak_mb, stderr)


@dataclass
class PythonPeak:
    """Python allocations traced inside a :func:`python_peak` block, in MB (filled in on exit)."""

    peak_mb: float = 0.0
    held_mb: float = 0.0


@contextmanager
def python_peak() -> Iterator[PythonPeak]:
    """Trace Python allocations inside the block (tracemalloc): their peak and what is still held.

    Only allocations made inside the block count. Raises ``RuntimeError`` if tracing is already on.
    """
    if tracemalloc.is_tracing():
        raise RuntimeError("tracemalloc is already tracing; python_peak blocks do not nest")
    result = PythonPeak()
    tracemalloc.start()
    try:
        yield result
    finally:
        held, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        result.peak_mb, result.held_mb = peak / MB, held / MB


def traced_now_mb() -> float:
    """Python allocations traced so far and still held, in MB (inside a :func:`python_peak` block)."""
    return tracemalloc.get_traced_memory()[0] / MB
