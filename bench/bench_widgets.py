"""Form build time for the largest example case and autosave latency, beside plain baselines.

The form builds a tab's panel when the tab is first opened, so three figures matter: opening the
form (what the user waits for), opening every tab once (the whole form), and the largest number of
widget models one step sends to the page (each is a ``comm_open`` on the kernel's IOPub socket).

Memory (see bench/_memory.py): Python allocations traced with tracemalloc in a pass of its own after
the timed runs -- what the form holds once opened and once every tab is built, and the peak on the
way, beside the same number of bare Textareas.

Run: python bench/bench_widgets.py
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

import ipywidgets as widgets
from _memory import PythonPeak, python_peak, traced_now_mb
from ipywidgets.widgets.widget import _instances

from casekit.examples import load_examples
from casekit.widgets.formulation_form import TABS, CaseForm
from casekit.widgets.scheduler import ManualScheduler
from casekit.workspace import Workspace


def _count(widget: widgets.Widget) -> int:
    return 1 + sum(_count(c) for c in getattr(widget, "children", ()) or ())


def _median_ms(samples: list[float]) -> str:
    return f"{statistics.median(samples) * 1000:8.1f} ms"


def _held_peak(traced: PythonPeak) -> str:
    return f"{traced.held_mb:8.2f} MB / {traced.peak_mb:.2f} MB"


def main() -> None:
    largest = max(load_examples(), key=lambda c: len(c.model_dump_json()))
    case_id = largest.meta.case_id
    with tempfile.TemporaryDirectory() as tmp:
        ws = Workspace.create(Path(tmp) / "ws", examples=True)
        with ws.open_store() as store:
            opens, builds, counts, models, largest_step = [], [], 0, 0, 0
            for _ in range(5):
                before = len(_instances)
                t = time.perf_counter()
                form = CaseForm(store, case_id, scheduler=ManualScheduler(), poll_interval=None)
                opens.append(time.perf_counter() - t)
                steps = [len(_instances) - before]
                for index in range(1, len(TABS)):
                    step_start = len(_instances)
                    form.tabs.selected_index = index
                    steps.append(len(_instances) - step_start)
                builds.append(time.perf_counter() - t)
                counts, models, largest_step = _count(form), len(_instances) - before, max(steps)
                form.close()

            with python_peak() as form_mem:
                form = CaseForm(store, case_id, scheduler=ManualScheduler(), poll_interval=None)
                opened_mb = traced_now_mb()
                for index in range(1, len(TABS)):
                    form.tabs.selected_index = index
            form.close()
            with python_peak() as bare_mem:
                made = [widgets.Textarea(description=f"w{i}") for i in range(counts)]
            for w in made:
                w.close()

            bare = []
            for _ in range(5):
                t = time.perf_counter()
                made = [widgets.Textarea(description=f"w{i}") for i in range(counts)]
                bare.append(time.perf_counter() - t)
                for w in made:
                    w.close()

            clock = ManualScheduler()
            form = CaseForm(store, case_id, scheduler=clock, poll_interval=None)
            box = next(w for w in _walk(form) if isinstance(w, widgets.Textarea))
            autosave = []
            for i in range(10):
                box.value = f"edit {i}"
                t = time.perf_counter()
                clock.advance(form.delay)  # the debounce itself is waiting, not work; skip it
                autosave.append(time.perf_counter() - t)
            form.close()

            plain = []
            for _ in range(10):
                record = store.load(case_id)
                t = time.perf_counter()
                store.save(record.case, based_on=record.revision, author="bench")
                plain.append(time.perf_counter() - t)

    print(f"largest example case: {case_id} ({len(largest.model_dump_json())} bytes of JSON)")
    print(f"opening the form (first tab)           {_median_ms(opens)}")
    print(f"every tab opened ({counts} widgets)     {_median_ms(builds)}")
    print(f"baseline: {counts} bare Textarea widgets   {_median_ms(bare)}")
    print(f"widget models, whole form / largest step: {models} / {largest_step}")
    print("Python memory (tracemalloc), held / peak:")
    print(f"opening the form (first tab)           {opened_mb:8.2f} MB")
    print(f"every tab opened ({counts} widgets)     {_held_peak(form_mem)}")
    print(f"baseline: {counts} bare Textarea widgets   {_held_peak(bare_mem)}")
    print(f"autosave: edit -> stored revision      {_median_ms(autosave)}  (+ {form.delay:.1f} s debounce)")
    print(f"baseline: bare store.save              {_median_ms(plain)}")


def _walk(widget: widgets.Widget):
    yield widget
    for child in getattr(widget, "children", ()) or ():
        yield from _walk(child)


if __name__ == "__main__":
    main()
