"""The consultation summary of a case, as a notebook built in memory (no kernel, no papermill).

``casekit export --case ID`` does not run a workbook: it renders the case straight from the store with
:mod:`casekit.render` into an nbformat notebook and hands that to the same exporters, preprocessors and
gate as a workbook run. Rendering directly is quicker (no kernel start-up), gives the same result every
time, and produces exactly what the group needs, in this order:

the consultation question → identity in the client's words → the clinician's positionality → power →
goals with the progress plot → adaptations → missteps and repair with the timeline → the client's latest
feedback → this session (contributions and action plan; a slot until the session record exists).

:func:`brief_notebook` builds the one-page brief the same way (:mod:`casekit.render.brief`).

The case given here should already be scrubbed (:meth:`ExportContext.scrubbed`); the exporter scrubs
everything again and the gate scans the result.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from casekit.export.preprocessors import PLOTS

if TYPE_CHECKING:
    from casekit.model import Case

#: The workbook name a built summary carries in ``metadata.casekit.workbook``.
SUMMARY_WORKBOOK = "consultation-summary"
#: The workbook name a built one-page brief carries.
BRIEF_WORKBOOK = "consultation-brief"

#: Shown in the session slot until issue 5's session record exists.
NO_SESSION_RECORD = (
    "*No session record has been kept for this case yet. The group's contributions and the action "
    "plan agreed with the presenter appear here once it has.*"
)


def _rendering_cell(rendering: Any) -> Any:
    data = {"text/html": rendering.html, "text/markdown": rendering.markdown}
    return new_code_cell(source="", outputs=[new_output("display_data", data=data)])


def _plot_cell(kind: str) -> Any:
    # The pixels are drawn by DeidentifyPreprocessor from the scrubbed case; only the kind travels.
    output = new_output(
        "display_data",
        data={"image/png": "", "text/plain": PLOTS[kind]},
        metadata={"casekit": {"plot": kind}},
    )
    return new_code_cell(source="", outputs=[output])


def session_cells(session_record: Any | None) -> list[Any]:
    """The session's contributions and action plan, or a note that no record was kept.

    Parameters
    ----------
    session_record
        The session's static rendering (``.html`` and ``.markdown``, from
        :func:`casekit.session.session_workbook.static_record`), or ``None``. It is scrubbed with the rest of
        the summary by the export's preprocessors, so one person keeps one label throughout.
    """
    heading = new_markdown_cell("## This session")
    if session_record is None:
        return [new_markdown_cell(f"## This session\n\n{NO_SESSION_RECORD}")]
    return [heading, _rendering_cell(session_record)]


def summary_notebook(case: Case, *, session: str | None = None, session_record: Any | None = None) -> Any:
    """A notebook holding the static consultation summary of ``case``.

    Parameters
    ----------
    case
        The case, already scrubbed; its identifiers are not read.
    session
        The session date (YYYY-MM-DD) the summary is for; travels as a parameter, shown as a year.
    session_record
        That session's static rendering, if one was kept (see :func:`session_cells`).
    """
    from casekit import render

    meta: dict[str, Any] = {
        "case_id": case.meta.case_id,
        "workbook": SUMMARY_WORKBOOK,
        "parameters": {"session_date": session} if session else {},
    }
    cells: list[Any] = [
        _rendering_cell(render.render_question(case, level=2)),
        _rendering_cell(render.render_identity(case, level=2)),
        _rendering_cell(render.render_positionality(case, level=2)),
        _rendering_cell(render.render_power(case, level=2)),
        _rendering_cell(render.render_goals(case, level=2)),
        _plot_cell("goal_progress"),
        _rendering_cell(render.render_adaptations(case, level=2)),
        _rendering_cell(render.render_missteps(case, level=2)),
        _plot_cell("repair_timeline"),
        _rendering_cell(render.render_latest_feedback(case, level=2)),
        *session_cells(session_record),
    ]
    return new_notebook(cells=cells, metadata={"casekit": meta})


def brief_notebook(case: Case, *, session: str | None = None) -> Any:
    """A notebook holding the one-page brief of ``case`` (already scrubbed; identifiers not read).

    Parameters
    ----------
    case
        The case, already scrubbed.
    session
        The session date (YYYY-MM-DD) the brief is for; shown as a year.
    """
    from casekit import render

    meta: dict[str, Any] = {
        "case_id": case.meta.case_id,
        "workbook": BRIEF_WORKBOOK,
        "parameters": {"session_date": session} if session else {},
    }
    cells = [_rendering_cell(r) for r in render.brief_renderings(case, level=2)]
    return new_notebook(cells=cells, metadata={"casekit": meta})
