"""Plots of a case that people would rather look at than read.

* :func:`goal_progress_figure` — the client's progress ratings per goal over time;
* :func:`repair_timeline_figure` — missteps and where their repair stands;
* :func:`feedback_figure` — the client's feedback ratings and instrument totals by week, with the
  client's own comments beside them.

Both return a :class:`matplotlib.figure.Figure` built without pyplot (no global state, no GUI
backend), so they work in a kernel, in a headless export and in tests alike. :func:`figure_bytes`
turns a figure into PNG and SVG bytes for static renderings and exports.

Time is shown in weeks numbered as the tables number them (:class:`casekit.render.relative_dates.Timeline`:
week 1 is the week of the case's first dated event), never as calendar dates (a calendar date is an
identifier under HIPAA Safe Harbor), and goals are labelled "Goal 1", "Goal 2" with their agreed
wording, never with a name. A ``label_filter`` lets an export pass its de-identification scrubber over
every piece of case text that reaches a label. Nothing here reads the private identifiers.

This module imports matplotlib only; it never imports ipywidgets.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from casekit.i18n import N_
from casekit.i18n import gettext as _
from casekit.model import Case, Goal, RepairStatus
from casekit.render.relative_dates import Timeline
from casekit.text.words import agree, count

#: Colour-blind-safe palette (Okabe and Ito), used in order for goals.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")
#: Marker shapes, so goals differ by more than colour.
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")

#: Repair status → (colour, label). Colours pair with distinct markers for readers who do not see them.
REPAIR_STYLE: dict[RepairStatus, tuple[str, str, str]] = {
    RepairStatus.NOT_YET_RAISED: ("#D55E00", "X", N_("Not yet raised with the client")),
    RepairStatus.IN_PROGRESS: ("#E69F00", "o", N_("Repair in progress")),
    RepairStatus.REPAIRED: ("#009E73", "s", N_("Repaired")),
    RepairStatus.UNRESOLVED: ("#CC79A7", "D", N_("Unresolved")),
}

LabelFilter = Callable[[str], str]

#: The week axis of every plot: numbered as the tables number weeks.
WEEK_AXIS = "Week (week 1 = the case's first dated event)"

_WORDING_WIDTH = 38


def _identity(text: str) -> str:
    return text


def _clip(text: str, width: int = _WORDING_WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def goal_label(index: int, goal: Goal, label_filter: LabelFilter | None = None) -> str:
    """``"Goal 1: <agreed wording, clipped>"``; the wording falls back to the client's words.

    Parameters
    ----------
    index
        Zero-based position of the goal in the case.
    goal
        The goal.
    label_filter
        Applied to the wording before it is clipped (an export passes its scrubber here).
    """
    wording = goal.agreed_wording.text.strip() or goal.client_words.text.strip()
    wording = (label_filter or _identity)(wording)
    head = _("Goal %(num)d") % {"num": index + 1}
    return f"{head}: {_clip(wording)}" if wording.strip() else head


def first_event_date(case: Case) -> dt.date | None:
    """The earliest dated event of the case (the start of week 1 in every table and plot), if any."""
    return Timeline.of(case).start


def _empty(fig: Figure, message: str) -> Figure:
    ax = fig.add_subplot()
    ax.set_axis_off()
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=11, color="#444444", wrap=True)
    return fig


def _new_figure(width: float, height: float) -> Figure:
    fig = Figure(figsize=(width, height), dpi=100, layout="constrained")
    fig.set_facecolor("white")
    return fig


def goal_progress_figure(
    case: Case,
    *,
    label_filter: LabelFilter | None = None,
    width: float = 7.5,
    height: float = 3.6,
) -> Figure:
    """The client's progress ratings (0–10) per goal, by week (week 1 = the case's first event).

    Parameters
    ----------
    case
        The case; its goals and their ratings are plotted, goals without ratings are left out.
    label_filter
        Applied to every goal wording that reaches the legend.
    width, height
        Figure size in inches.

    Returns
    -------
    matplotlib.figure.Figure
        A figure with a short message instead of axes when no goal has a rating yet.
    """
    fig = _new_figure(width, height)
    rated = [(i, g) for i, g in enumerate(case.goals) if g.ratings]
    if not rated:
        return _empty(fig, "No progress ratings yet.\nAdd a rating to a goal to see it here.")
    timeline = Timeline.of(case)
    ax = fig.add_subplot()
    first_week, last_week = math.inf, 1.0
    for n, (index, goal) in enumerate(rated):
        ratings = goal.ordered_ratings()
        xs = [timeline.position(r.date) for r in ratings]
        ys = [r.score for r in ratings]
        first_week, last_week = min(first_week, *xs), max(last_week, *xs)
        ax.plot(
            xs,
            ys,
            color=PALETTE[index % len(PALETTE)],
            marker=MARKERS[index % len(MARKERS)],
            linewidth=2,
            markersize=7,
            label=goal_label(index, goal, label_filter),
            zorder=3 + n,
        )
    ax.set_ylim(-0.5, 10.5)
    ax.set_yticks(range(0, 11, 2))
    ax.set_xlim(first_week - 0.5, max(last_week, first_week + 1.0) + 0.5)
    ax.set_xlabel(WEEK_AXIS)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # weeks are whole, as in the tables
    ax.set_ylabel("Client's rating (0–10)")
    ax.set_title("Progress on goals, as the client rates it", loc="left", fontsize=11)
    ax.grid(True, axis="y", color="#dddddd", linewidth=0.8)
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=9)
    return fig


@dataclass(frozen=True)
class TimelinePoint:
    """A misstep on the timeline: its number, week and repair status."""

    number: int
    week: float
    status: RepairStatus


def repair_points(case: Case, origin: dt.date | None = None) -> tuple[list[TimelinePoint], int]:
    """The dated missteps as timeline points, and how many undated ones were left out.

    Parameters
    ----------
    case
        The case.
    origin
        The start of week 1; defaults to the case's first dated event (:func:`first_event_date`).
    """
    timeline = Timeline(origin) if origin else Timeline.of(case)
    points = []
    undated = 0
    for i, step in enumerate(case.missteps):
        if step.date is None or timeline.start is None:
            undated += 1
            continue
        points.append(TimelinePoint(i + 1, timeline.position(step.date), step.status))
    return points, undated


def repair_timeline_figure(
    case: Case,
    *,
    origin: dt.date | None = None,
    width: float = 7.5,
    height: float = 2.6,
) -> Figure:
    """A timeline of missteps and ruptures, coloured and shaped by where their repair stands.

    Missteps are labelled "Misstep 1", "Misstep 2" in the order of the case; their text never reaches
    the figure. Week 1 starts at the case's first dated event unless ``origin`` is given.

    Returns
    -------
    matplotlib.figure.Figure
        A figure with a short message instead of axes when no misstep has a date.
    """
    fig = _new_figure(width, height)
    points, undated = repair_points(case, origin)
    if not points:
        message = "No dated missteps yet."
        if undated:
            message += (
                f"\n{count(undated, 'misstep')} without a date {agree(undated, 'is', 'are')} not shown."
            )
        return _empty(fig, message)
    ax = fig.add_subplot()
    ax.axhline(0, color="#888888", linewidth=1, zorder=1)
    shown: set[RepairStatus] = set()
    for k, point in enumerate(sorted(points, key=lambda p: (p.week, p.number))):
        colour, marker, label = REPAIR_STYLE[point.status]
        ax.scatter(
            [point.week],
            [0],
            s=140,
            color=colour,
            marker=marker,
            edgecolors="#333333",
            linewidths=0.8,
            zorder=3,
            label=None if point.status in shown else label,
        )
        shown.add(point.status)
        offset = 0.55 if k % 2 == 0 else -0.55
        ax.annotate(
            f"Misstep {point.number}",
            (point.week, 0),
            xytext=(point.week, offset),
            ha="center",
            va="center",
            fontsize=9,
            arrowprops={"arrowstyle": "-", "color": "#999999", "linewidth": 0.8},
        )
    weeks = [p.week for p in points]
    ax.set_xlim(min(weeks) - 1, max(max(weeks), min(weeks) + 1.0) + 1)
    ax.set_ylim(-1, 1)
    ax.set_yticks([])
    ax.spines[["top", "right", "left"]].set_visible(False)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(WEEK_AXIS)
    title = "Missteps and repair"
    if undated:
        title += f" ({undated} undated not shown)"
    ax.set_title(title, loc="left", fontsize=11)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=9)
    return fig


#: Most comments shown beside the feedback plot (the newest ones).
FEEDBACK_QUOTES = 5
_RATING_SERIES = (("felt_understood", N_("Felt understood")), ("felt_respected", N_("Felt respected")))


def feedback_series(case: Case) -> dict[str, list[tuple[float, float]]]:
    """Every feedback measure of the case as (week, value) points, ratings first then instruments.

    The two 1–5 ratings are keyed by their plain names; instrument totals by the instrument's name.
    """
    timeline = Timeline.of(case)
    out: dict[str, list[tuple[float, float]]] = {}
    for entry in sorted(case.feedback, key=lambda f: f.date):
        week = timeline.position(entry.date)
        for attr, label in _RATING_SERIES:
            value = getattr(entry, attr)
            if value is not None:
                out.setdefault(_(label), []).append((week, float(value)))
        for name, total in entry.instrument_scores.items():
            out.setdefault(name, []).append((week, total))
    return out


def feedback_partials(case: Case) -> dict[str, list[tuple[float, str, float | None]]]:
    """Questionnaires answered only in part, by name: (week, "partial — N of M answered…", the total
    worked out by the questionnaire's own rule or ``None``). Never joined to the totals' line."""
    from casekit.instruments.entries import partial_words

    timeline = Timeline.of(case)
    out: dict[str, list[tuple[float, str, float | None]]] = {}
    for entry in sorted(case.feedback, key=lambda f: f.date):
        for name, part in entry.instrument_partial.items():
            out.setdefault(name, []).append(
                (timeline.position(entry.date), partial_words(part), part.prorated_total)
            )
    return out


def _partial_marks(ax: Axes, marks: list[tuple[float, str, float | None]], n: int) -> None:
    """Show part-answered questionnaires on their panel: a hollow marker where the questionnaire's own
    rule gave a total, and a plain line for each ("Week 3: partial — 2 of 3 answered, so no total")."""
    color, marker = PALETTE[n % len(PALETTE)], MARKERS[n % len(MARKERS)]
    for week, _words, total in marks:
        if total is not None:
            ax.plot(
                [week], [total], linestyle="none", marker=marker, markersize=8, color=color, fillstyle="none"
            )
    lines = [f"Week {week:g}: {_clip(words, 70)}" for week, words, _total in marks]
    ax.text(0.99, 0.04, "\n".join(lines), transform=ax.transAxes, ha="right", va="bottom", fontsize=8)


def feedback_quotes(case: Case, label_filter: LabelFilter | None = None) -> list[tuple[int, str]]:
    """The client's own comments with their week, newest last (at most :data:`FEEDBACK_QUOTES`)."""
    timeline = Timeline.of(case)
    quotes = [
        (timeline.week(f.date), (label_filter or _identity)(f.comments.text.strip()))
        for f in sorted(case.feedback, key=lambda f: f.date)
        if f.comments and f.comments.is_clients_own_words
    ]
    return quotes[-FEEDBACK_QUOTES:]


def _series_axes(
    ax: Axes, name: str, points: list[tuple[float, float]], span: tuple[float, float] | None, n: int
) -> None:
    if points:
        xs, ys = zip(*points, strict=True)
        ax.plot(xs, ys, color=PALETTE[n % len(PALETTE)], marker=MARKERS[n % len(MARKERS)], linewidth=2)
    if span is not None:
        pad = (span[1] - span[0]) * 0.08 or 0.5
        ax.set_ylim(span[0] - pad, span[1] + pad)
    ax.set_title(_clip(name, 48), loc="left", fontsize=10)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(True, axis="y", color="#dddddd", linewidth=0.8)
    ax.spines[["top", "right"]].set_visible(False)


def feedback_figure(
    case: Case,
    *,
    ranges: Mapping[str, tuple[float, float]] | None = None,
    label_filter: LabelFilter | None = None,
    width: float = 8.5,
) -> Figure:
    """The client's feedback by week: one small plot per measure, the client's own words beside them.

    Parameters
    ----------
    case
        The case; its feedback entries are plotted.
    ranges
        Instrument name → (lowest, highest) possible total, so a plot shows where a total sits on its
        instrument (the clinic's instrument files give these). The 1–5 ratings always span 1–5.
    label_filter
        Applied to each of the client's comments before it reaches the figure (exports scrub here).
    width
        Figure width in inches; the height grows with the number of measures.

    Returns
    -------
    matplotlib.figure.Figure
        A figure with a short message instead of axes when there is no rating or total yet.
    """
    series = feedback_series(case)
    partials = feedback_partials(case)
    series |= {name: [] for name in partials if name not in series}  # a panel even with no total yet
    quotes = feedback_quotes(case, label_filter)
    rows = max(len(series), 1)
    fig = _new_figure(width, 1.0 + 1.7 * rows)
    if not series and not quotes:
        return _empty(fig, "No feedback yet.\nAdd the client's feedback after a session to see it here.")
    grid = fig.add_gridspec(rows, 2, width_ratios=(3, 2))
    spans = {label: (1.0, 5.0) for _, label in _RATING_SERIES} | dict(ranges or {})
    axes = []
    for n, (name, points) in enumerate(series.items()):
        ax = fig.add_subplot(grid[n, 0], sharex=axes[0] if axes else None)
        _series_axes(ax, name, points, spans.get(name), n)
        if name in partials:
            _partial_marks(ax, partials[name], n)
        axes.append(ax)
    if axes:
        axes[-1].set_xlabel(WEEK_AXIS)
    words = fig.add_subplot(grid[:, 1])
    words.set_axis_off()
    words.set_title("In the client's own words", loc="left", fontsize=10)
    lines = [f"Week {week}: \u201c{_clip(text, 70)}\u201d" for week, text in quotes] or ["No comments yet."]
    words.text(0, 1, "\n\n".join(lines), va="top", ha="left", fontsize=9, wrap=True, color="#222222")
    return fig


def figure_bytes(fig: Figure, formats: Iterable[Literal["png", "svg"]] = ("png", "svg")) -> dict[str, bytes]:
    """Renderings of a figure, keyed by format (``"png"``, ``"svg"``).

    Parameters
    ----------
    fig
        The figure to render.
    formats
        Which renderings to make; each costs a full draw, so ask only for what is shown.

    The PNG carries no software tag, and the SVG no creation date and a fixed id salt, so the same
    case gives the same bytes.
    """
    out: dict[str, bytes] = {}
    for fmt in formats:
        buffer = io.BytesIO()
        if fmt == "png":
            fig.savefig(buffer, format="png", dpi=110, metadata={"Software": None})
        else:
            import matplotlib as mpl

            with mpl.rc_context({"svg.hashsalt": "casekit", "svg.fonttype": "path"}):
                fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
        out[fmt] = buffer.getvalue()
    return out
