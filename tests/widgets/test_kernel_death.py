"""The form in a real kernel that is killed mid-edit: the last autosave must be there on reopening."""

from __future__ import annotations

import os
import signal

from jupyter_client.manager import KernelManager

from casekit.workbooks import _kernel_env
from casekit.workspace import Workspace
from tests.fictional import fictional_case
from tests.waiting import wait_until
from tests.widgets.helpers import CASE_ID

_OPEN_AND_TYPE = """
from casekit.workspace import Workspace
from casekit.widgets.formulation_form import CaseForm
import ipywidgets as widgets

store = Workspace.find({root!r}).open_store()
form = CaseForm(store, {case_id!r})  # timers on this kernel's own event loop, as in JupyterLab
form.tabs.selected_index = 1
panel = form.panel("identity")
stack = [panel]
while stack:
    w = stack.pop()
    if isinstance(w, widgets.Textarea) and w.description == "How the client describes themselves":
        w.value = {text!r}
    stack.extend(getattr(w, "children", ()) or ())
"""


def test_the_last_autosave_is_there_after_the_kernel_is_killed(tmp_path):
    """Type into the form in a real kernel, let it autosave, kill -9 the kernel: is the edit stored?"""
    ws = Workspace.create(tmp_path / "ws")
    with ws.open_store() as store:
        store.create(fictional_case(CASE_ID), author="Presenter A")
        first = store.head(CASE_ID)
    env = _kernel_env()
    env.pop("CASEKIT_HEADLESS", None)
    km = KernelManager(kernel_name="python3")
    km.start_kernel(env=env, cwd=str(tmp_path))
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=60)
        text = "Typed just before the kernel died"
        reply = kc.execute_interactive(
            _OPEN_AND_TYPE.format(root=str(ws.root), case_id=CASE_ID, text=text), timeout=60
        )
        assert reply["content"]["status"] == "ok", reply["content"]

        # The autosave runs on the kernel's loop about 0.8 s after the edit; wait for it from here.
        def saved() -> bool:
            with ws.open_store() as store:
                return store.head(CASE_ID) > first

        wait_until(saved, timeout=30, what="the kernel's autosave")
        os.kill(km.provisioner.pid, signal.SIGKILL)  # no close(), no atexit, nothing flushed
        km.provisioner.process.wait(timeout=30)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    with ws.open_store() as store:
        record = store.load(CASE_ID)
    assert record.revision == first + 1
    assert record.case.identity.self_description.text == text
