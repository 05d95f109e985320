"""Fictional recorded consultation sessions for the example cases: the scripts and their replay.

Each ``sessions/*.json`` file is a script: the group's members with their roles and lenses, then the
steps of the meeting in order (the facilitator moving the stages, contributions, the action plan).
Replaying it through :class:`casekit.session.live.LiveSession` writes exactly the events a real meeting
would. :func:`build_recording` replays every script into a scratch workspace and returns the events,
with their ids made repeatable; ``python -m casekit.examples.session_replay`` writes them to
:data:`casekit.examples.recorded_sessions.RECORDING`, which a new example workspace loads (see
:mod:`casekit.examples.recorded_sessions`).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
import tempfile
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casekit.resources import examples_dir

if TYPE_CHECKING:
    from casekit.store import CaseStore


def example_session_paths() -> list[Path]:
    """The example session scripts, sorted by file name."""
    return sorted((examples_dir() / "sessions").glob("*.json"))


def replay(store: CaseStore, script: dict[str, Any]) -> tuple[str, dt.date]:
    """Replay one session script (see the module docstring) into ``store``."""
    from casekit.session.live import LiveSession

    case_id = script["case_id"]
    day = dt.date.fromisoformat(script["session_date"])
    members = script["members"]
    handles = {
        m["alias"]: LiveSession(store, case_id, day, alias=m["alias"], role=m["role"]) for m in members
    }
    facilitator = next(m["alias"] for m in members if m["role"] == "facilitator")
    handles[facilitator].set_up(members)
    for step in script["steps"]:
        who = handles[step["by"]]
        who.refresh()
        if "do" in step:
            getattr(who, step["do"])()
        elif "action" in step:
            review = day + dt.timedelta(days=step["review_in_days"])
            who.add_action(step["action"], step["text"], owner=step["owner"], review_date=review)
        elif "follow_up_in_days" in step:
            who.set_follow_up(day + dt.timedelta(days=step["follow_up_in_days"]))
        else:
            who.contribute(
                step["kind"], step["text"], lens=step.get("lens"), hypothesis=step.get("hypothesis", False)
            )
    return case_id, day


_HEX_ID = re.compile(r"^[0-9a-f]{32}$")


def _repeatable_ids(case_id: str, day: dt.date, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``events`` with every random id (event uuids, item ids) replaced by one derived from its order."""
    ids: dict[str, str] = {}

    def swap(value: Any) -> Any:
        if isinstance(value, str) and _HEX_ID.match(value):
            key = f"casekit:example-session:{case_id}:{day.isoformat()}:{len(ids)}"
            return ids.setdefault(value, uuid.uuid5(uuid.NAMESPACE_URL, key).hex)
        if isinstance(value, dict):
            return {k: swap(v) for k, v in value.items()}
        if isinstance(value, list):
            return [swap(v) for v in value]
        return value

    return [swap(event) for event in events]


def build_recording() -> list[dict[str, Any]]:
    """Replay every example script into a scratch workspace; return the sessions' events in order."""
    from casekit.examples import load_examples
    from casekit.store.session_events import SessionEventLog
    from casekit.workspace import Workspace

    sessions = []
    with tempfile.TemporaryDirectory(prefix="casekit-replay-") as tmp:
        ws = Workspace.create(Path(tmp) / "ws")
        with ws.open_store() as store:
            for case in load_examples():
                store.create(case, author="casekit examples")
            log = SessionEventLog(store)
            for path in example_session_paths():
                case_id, day = replay(store, json.loads(path.read_text(encoding="utf-8")))
                events = [
                    {"event_uuid": e.event_uuid, "kind": e.kind, "author": e.author, "payload": e.payload}
                    for e in log.all_events(case_id, day)
                ]
                sessions.append(
                    {
                        "case_id": case_id,
                        "session_date": day.isoformat(),
                        "events": _repeatable_ids(case_id, day, events),
                    }
                )
    return sessions


def recording_json(sessions: list[dict[str, Any]]) -> str:
    """The recording as committed: indented JSON with sorted keys and a final newline."""
    return json.dumps(sessions, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    from casekit.examples.recorded_sessions import recording_path

    target = Path(sys.argv[1]) if len(sys.argv) > 1 else recording_path()
    target.write_text(recording_json(build_recording()), encoding="utf-8")
