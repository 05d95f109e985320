"""Are the example sessions a new workspace loads what their scripts say, without the session layer?"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from casekit.examples.recorded_sessions import load_recording, recording_path
from casekit.examples.session_replay import build_recording, example_session_paths, recording_json

ROOT = Path(__file__).resolve().parents[2]


def test_recorded_sessions_are_what_replaying_the_scripts_gives():
    """Is the committed recording exactly the events the live session writes when the scripts are
    replayed (so the two cannot drift apart)?"""
    fresh = build_recording()
    assert recording_json(fresh) == recording_path().read_text(encoding="utf-8"), (
        "casekit/examples/recorded/session_events.json is out of date with the session scripts; "
        "rewrite it with: python -m casekit.examples.session_replay"
    )
    scripted = sorted(json.loads(p.read_text(encoding="utf-8"))["case_id"] for p in example_session_paths())
    assert sorted(s["case_id"] for s in load_recording()) == scripted
    assert all(s["events"] and s["events"][0]["kind"] == "setup" for s in fresh)


def test_creating_an_example_workspace_imports_no_session_layer(tmp_path):
    """Does creating a workspace with the examples (sessions included) leave casekit.session and
    ipywidgets unimported, while the sessions are there to read?"""
    code = f"""
import json, sys
from casekit.workspace import Workspace
ws = Workspace.create({str(tmp_path / "ws")!r}, examples=True)
loaded = sorted(m for m in sys.modules if m.startswith(("casekit.session", "ipywidgets")))
from casekit.store.session_events import SessionEventLog
with ws.open_store() as store:
    days = [d.isoformat() for d in SessionEventLog(store).sessions("CK-0101")]
print(json.dumps({{"loaded": loaded, "days": days}}))
"""
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert out["loaded"] == []
    assert out["days"] == [load_recording()[0]["session_date"]]
