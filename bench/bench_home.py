"""The home page's time to interactive and "New case" to an editable form, beside plain baselines.

Each round starts ``casekit app`` (Voila serving notebooks/home.ipynb) on a fresh example workspace
and measures in Debian's Chromium:

* the server's start (the process started until its port answers);
* the home page's time to interactive: from ``goto`` until the case list has its cases and is enabled;
* "New case": from pressing "Create case" (code and alias filled in) until the new case's
  formulation form, opened from its link, has its first field enabled.

Beside them, in the same run: a bare Voila notebook holding one ipywidgets ``Text`` (its server's
start and the time until the box is enabled) and JupyterLab's own start (until its port answers).
Medians of ``--rounds`` rounds; the load average is printed before and after, since the machine is
shared and every figure moves with it. Nothing here asserts a time.

Run: python bench/bench_home.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from casekit import layout  # noqa: E402
from casekit.workspace import Workspace  # noqa: E402
from tests.browser_harness import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    LabServer,
    free_port,
    isolated_jupyter_env,
    listening,
)
from tests.waiting import wait_until  # noqa: E402
from tests.widgets.servers import Server  # noqa: E402

WAIT = 180_000  # ms: a shared 2-core machine can be very slow
NEW_CASE = "CK-0107"  # the code the home page suggests after the examples' CK-0101 to CK-0106
CASE_LIST_READY = (
    "() => { const s = document.querySelector('.ck-home .widget-select select');"
    " return !!(s && !s.disabled && s.options.length > 0); }"
)
FIRST_FIELD_ENABLED = (
    "() => { const f = document.querySelector('.ck-form .ck-panel textarea, .ck-form .ck-panel input');"
    " return !!(f && !f.disabled && f.offsetParent !== null); }"
)
BARE_TEXT_ENABLED = (
    "() => { const i = document.querySelector('.widget-text input'); return !!(i && !i.disabled); }"
)


def _timed(step: Callable[[], object]) -> float:
    start = time.perf_counter()
    step()
    return time.perf_counter() - start


def _bare_notebook(folder: Path) -> Path:
    """A notebook with one ipywidgets Text and nothing else."""
    cell = {
        "cell_type": "code",
        "execution_count": None,
        "id": "bare-0",
        "metadata": {},
        "outputs": [],
        "source": ["import ipywidgets as widgets\n", "widgets.Text(description='Name of the thing')"],
    }
    notebook = {
        "cells": [cell],
        "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path = folder / "bare.ipynb"
    path.write_text(json.dumps(notebook))
    return path


class BareVoila:
    """``voila bare.ipynb`` on a free port, stopped by its own process group."""

    def __init__(self, notebook: Path, home: Path) -> None:
        self.notebook, self.home, self.port = notebook, home, free_port()
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> BareVoila:
        cmd = [
            sys.executable,
            "-m",
            "voila",
            str(self.notebook),
            "--no-browser",
            f"--port={self.port}",
            "--Voila.ip=127.0.0.1",
        ]
        self.home.mkdir(parents=True, exist_ok=True)
        with (self.home / "voila.log").open("ab") as log:
            self.proc = subprocess.Popen(
                cmd,
                stdout=log,
                stderr=subprocess.STDOUT,
                env=isolated_jupyter_env(self.home),
                start_new_session=True,
            )
        wait_until(lambda: listening(self.proc, self.port, "bare voila"), timeout=WAIT / 1000, what="voila")
        return self

    def stop(self) -> None:
        if self.proc is not None:
            os.killpg(self.proc.pid, 9)
            self.proc.wait()
            self.proc = None


def _home_round(browser, tmp: Path) -> dict[str, float]:
    """One round of the casekit app: server start, home page interactive, New case to editable form."""
    from playwright.sync_api import expect

    ws = Workspace.create(tmp / "ws", examples=True)
    server = Server(ws.root, "", tmp / "home", app=True, command=["app"], app_flag=False)
    out: dict[str, float] = {}
    try:
        out["app start"] = _timed(server.start)
        page = browser.new_page(viewport={"width": 1300, "height": 1600})
        page.set_default_timeout(WAIT)
        url = f"http://127.0.0.1:{server.port}/voila/render/{layout.home_path(Path()).as_posix()}"

        def interactive() -> None:
            page.goto(url, timeout=WAIT)
            page.wait_for_function(CASE_LIST_READY, timeout=WAIT)

        out["home interactive"] = _timed(interactive)
        home = page.locator(".ck-home")
        expect(home.get_by_label("Case code", exact=True)).to_have_value(NEW_CASE)
        home.get_by_label("Your alias (presenting clinician)", exact=True).fill("Presenter Q")
        expect(home.locator(".ck-muted", has_text="presented by Presenter Q")).to_be_visible()

        def new_case() -> None:
            home.get_by_role("button", name="Create case", exact=True).click()
            link = home.get_by_role("link", name=f"Open the formulation form for {NEW_CASE}")
            with page.context.expect_page(timeout=WAIT) as opened:
                link.click()
            opened.value.wait_for_function(FIRST_FIELD_ENABLED, timeout=WAIT)

        out["new case -> editable form"] = _timed(new_case)
        page.context.close()
    finally:
        server.stop()
    return out


def _baseline_round(browser, tmp: Path) -> dict[str, float]:
    """One round of the baselines: a bare Voila notebook with one Text, and JupyterLab's start."""
    out: dict[str, float] = {}
    voila = BareVoila(_bare_notebook(tmp), tmp / "bare-home")
    try:
        out["bare voila start"] = _timed(voila.start)
        page = browser.new_page()

        def interactive() -> None:
            page.goto(f"http://127.0.0.1:{voila.port}/", timeout=WAIT)
            page.wait_for_function(BARE_TEXT_ENABLED, timeout=WAIT)

        out["bare voila interactive"] = _timed(interactive)
        page.close()
    finally:
        voila.stop()
    lab = LabServer(tmp, tmp / "lab-home")
    try:
        out["jupyterlab start"] = _timed(lab.start)
    finally:
        lab.stop()
    return out


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    rounds = parser.parse_args().rounds
    before = os.getloadavg()
    samples: dict[str, list[float]] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            for _ in range(rounds):
                with tempfile.TemporaryDirectory() as tmp:
                    figures = {**_home_round(browser, Path(tmp)), **_baseline_round(browser, Path(tmp))}
                for name, seconds in figures.items():
                    samples.setdefault(name, []).append(seconds)
        finally:
            browser.close()
    after = os.getloadavg()

    def median(name: str) -> str:
        return f"{statistics.median(samples[name]):7.2f} s"

    print(f"median of {rounds} rounds; load average before {before[0]:.2f}, after {after[0]:.2f}")
    print(f"{'':28}{'casekit':>12}{'baseline':>12}")
    print(f"{'server start':28}{median('app start'):>12}{median('bare voila start'):>12}  (bare Voila)")
    print(
        f"{'page interactive':28}{median('home interactive'):>12}{median('bare voila interactive'):>12}"
        "  (home: case list clickable; bare: one Text enabled)"
    )
    print(f"{'new case -> editable form':28}{median('new case -> editable form'):>12}{'':>12}")
    print(f"{'jupyterlab start':28}{'':>12}{median('jupyterlab start'):>12}")


if __name__ == "__main__":
    main()
