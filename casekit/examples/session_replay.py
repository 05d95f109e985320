"""Fictional recorded consultation sessions for the example cases, replayed into a store.

Each ``sessions/*.json`` file is a script: the group's members with their roles and lenses, then the
steps of the meeting in order (the facilitator moving the stages, contributions, the action plan).
Replaying it through :class:`casekit.session.live.LiveSession` writes exactly the events a real meeting
would, so the example workspace shows a session summary with something in it.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casekit.resources import examples_dir

if TYPE_CHECKING:
    from casekit.store import CaseStore


def example_session_paths() -> list[Path]:
    """The example session scripts, sorted by file name."""
    return sorted((examples_dir() / "sessions").glob("*.json"))


def record_example_sessions(store: CaseStore) -> list[tuple[str, dt.date]]:
    """Replay every example session into ``store``; return the (case id, date) of each."""
    recorded = []
    for path in example_session_paths():
        script = json.loads(path.read_text(encoding="utf-8"))
        recorded.append(replay(store, script))
    return recorded


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
