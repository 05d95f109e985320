"""The example sessions as recorded events, written into a new example workspace's store.

``recorded/session_events.json`` holds, for each fictional example session, the events a real meeting would
have stored (set-up, stage changes, contributions, action items), in order. It is made by replaying
the scripts in ``sessions/`` through the live-session layer (:mod:`casekit.examples.session_replay`;
``python -m casekit.examples.session_replay`` rewrites it and a test checks the two agree), so that
creating an example workspace needs only the store, never the live-session layer or its widgets.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casekit.resources import examples_dir

if TYPE_CHECKING:
    from casekit.store import CaseStore

#: Where the recording lives, under the examples folder (apart from the case files beside it).
RECORDING = "recorded/session_events.json"


def recording_path() -> Path:
    """Where the recorded example sessions are kept."""
    return examples_dir() / RECORDING


def load_recording(path: Path | None = None) -> list[dict[str, Any]]:
    """The recorded sessions: ``{"case_id", "session_date", "events": [{event_uuid, kind, author,
    payload}, ...]}`` each."""
    return json.loads((path or recording_path()).read_text(encoding="utf-8"))


def record_example_sessions(store: CaseStore) -> list[tuple[str, dt.date]]:
    """Write every recorded example session into ``store``; return the (case id, date) of each."""
    from casekit.store.session_events import SessionEventLog

    log = SessionEventLog(store)
    recorded = []
    for session in load_recording():
        case_id, day = session["case_id"], dt.date.fromisoformat(session["session_date"])
        for event in session["events"]:
            log.append(
                case_id,
                day,
                event["kind"],
                event["payload"],
                event_uuid=event["event_uuid"],
                author=event["author"],
            )
        recorded.append((case_id, day))
    return recorded
