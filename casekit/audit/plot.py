"""Draw an audit beside the previous one: bars per theme or per item, before and after.

Figures are built with :class:`matplotlib.figure.Figure` directly (no pyplot global state), so they
can be made in a library, a test or a notebook alike.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from matplotlib.figure import Figure

from casekit.audit.assessment import Rating, Theme
from casekit.audit.history import AssessmentComparison, write_atomic
from casekit.errors import AuditError
from casekit.plots import figure_bytes

_BEFORE_COLOUR = "#b8c4d6"
_AFTER_COLOUR = "#2f6690"
_FORMATS = {".png": "png", ".svg": "svg"}


def plot_comparison(comparison: AssessmentComparison, *, by: Literal["theme", "item"] = "theme") -> Figure:
    """Bars of the previous and current ratings (0 = not started … 3 = established).

    Parameters
    ----------
    comparison
        From :func:`casekit.audit.history.compare_assessments`.
    by
        ``"theme"``: the mean rating of each CLAS theme (vertical bars); ``"item"``: each item
        (horizontal bars). A first audit has one series; otherwise there are two, before and after.

    Returns
    -------
    matplotlib.figure.Figure
        The figure, with one bar container per series.
    """
    if by not in {"theme", "item"}:
        raise AuditError(f"plot by {by!r} is not possible; choose 'theme' or 'item'")
    if by == "theme":
        labels = [_wrap(t.label, 22) for t in Theme]
        before = [comparison.theme_scores[t][0] for t in Theme]
        after = [comparison.theme_scores[t][1] for t in Theme]
    else:
        shown = [c for c in comparison.changes if c.after is not None]
        labels = [c.id.replace("-", " ") for c in shown]
        before = [c.before.score if c.before else None for c in shown]
        after = [c.after.score if c.after else None for c in shown]
    has_before = comparison.previous_date is not None
    horizontal = by == "item"
    height = max(3.5, 0.32 * len(labels) + 1.5) if horizontal else 4.2
    figure = Figure(figsize=(8, height), layout="constrained")
    axes = figure.add_subplot()
    width = 0.38 if has_before else 0.6
    positions = list(range(len(labels)))
    series = []
    if has_before:
        weeks = (comparison.current_date - comparison.previous_date).days // 7
        series.append((f"The audit before ({weeks} weeks earlier)", before, _BEFORE_COLOUR, -width / 2))
    label = f"This audit ({comparison.current_date.year})"
    series.append((label, after, _AFTER_COLOUR, width / 2 if has_before else 0.0))
    for name, values, colour, offset in series:
        where = [p + offset for p in positions]
        heights = [v if v is not None else 0 for v in values]
        if horizontal:
            axes.barh(where, heights, height=width, color=colour, label=name)
        else:
            axes.bar(where, heights, width=width, color=colour, label=name)
    ticks = [r.score for r in Rating]
    names = [r.label for r in Rating]
    if horizontal:
        axes.set_yticks(positions, labels)
        axes.invert_yaxis()
        axes.set_xticks(ticks, names)
        axes.set_xlim(0, 3.2)
    else:
        axes.set_xticks(positions, labels)
        axes.set_yticks(ticks, names)
        axes.set_ylim(0, 3.2)
    title = "Self-assessment by " + ("CLAS theme (mean rating)" if by == "theme" else "item")
    axes.set_title(title)  # dates as a year and a distance, as everywhere in casekit's exports
    axes.legend(loc="lower right" if horizontal else "upper right", frameon=False)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    return figure


def save_figure(figure: Figure, path: str | Path) -> Path:
    """Save the figure as a ``.png`` or ``.svg`` file (format from the suffix), atomically."""
    path = Path(path)
    fmt = _FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise AuditError(f"{path.name}: cannot save a plot as '{path.suffix}'; use a .png or .svg file name")
    try:
        return write_atomic(path, figure_bytes(figure, (fmt,))[fmt])  # type: ignore[arg-type]
    except OSError as exc:
        raise AuditError(
            f"{path}: cannot save the plot ({exc.strerror}); check the folder is writable"
        ) from None


def _wrap(text: str, width: int) -> str:
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "\n".join(lines)
