"""Live consultation sessions: roles, timed stages, lenses, contributions and the action plan.

No ipywidgets here (the views are in :mod:`casekit.widgets.session`). The public entry points:

* :class:`~casekit.session.live.LiveSession` — one person's handle on a session in the store;
* :func:`~casekit.session.log.session_record` — the whole record of one session, for summaries;
* :func:`~casekit.session.log.open_action_items` — action items still open across a case's sessions;
* :func:`~casekit.session.render.record_html` / :func:`~casekit.session.render.record_markdown` —
  static, escaped renderings of a record;
* :func:`~casekit.session.record_deid.deidentify_record` — the record with every free text scrubbed;
* :func:`~casekit.session.session_workbook.static_record` — both at once: a de-identified rendering with
  ``.html`` and ``.markdown`` (what the workbook shows and the export can embed).
"""

from __future__ import annotations

from casekit._lazy import lazy_getattr

_LAZY = {
    "LiveSession": "casekit.session.live",
    "StageMachine": "casekit.session.machine",
    "format_countdown": "casekit.session.machine",
    "session_record": "casekit.session.log",
    "session_dates": "casekit.session.log",
    "open_action_items": "casekit.session.log",
    "record_html": "casekit.session.render",
    "record_markdown": "casekit.session.render",
    "open_items_html": "casekit.session.render",
    "open_items_markdown": "casekit.session.render",
    "static_record": "casekit.session.session_workbook",
    "deidentify_record": "casekit.session.record_deid",
    "deidentify_items": "casekit.session.record_deid",
    "ActionItem": "casekit.session.model",
    "ActionKind": "casekit.session.model",
    "Contribution": "casekit.session.model",
    "ContributionKind": "casekit.session.model",
    "Lens": "casekit.session.model",
    "Member": "casekit.session.model",
    "OpenActionItem": "casekit.session.model",
    "Role": "casekit.session.model",
    "SessionRecord": "casekit.session.model",
    "SessionSetup": "casekit.session.model",
    "StageKind": "casekit.session.model",
    "StageSpec": "casekit.session.model",
}

__all__ = sorted(_LAZY)


__getattr__ = lazy_getattr("casekit.session", _LAZY)
