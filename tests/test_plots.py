"""Plots of goal progress and repair: weeks not dates, goal labels, PNG and SVG bytes."""

from __future__ import annotations

import datetime as dt
import math

from casekit.model import Entry, Voice
from casekit.plots import (
    figure_bytes,
    goal_label,
    goal_progress_figure,
    repair_points,
    repair_timeline_figure,
)
from casekit.render import render_goals, render_missteps
from tests.fictional import START, fictional_case


def _texts(fig) -> list[str]:
    out = [t.get_text() for t in fig.findobj(match=lambda a: hasattr(a, "get_text"))]
    return [t for t in out if t]


def test_goal_plot_counts_weeks_from_the_first_rating():
    """Does the goal plot put the first rating at week 0 and a rating five weeks later at week 5?"""
    fig = goal_progress_figure(fictional_case())
    (line,) = fig.axes[0].get_lines()
    assert list(line.get_xdata()) == [1.0, 3.0, 6.0]  # weeks 1, 3 and 6, as the goals table says
    assert list(line.get_ydata()) == [2, 4, 6]


def test_goal_plot_labels_goals_by_number_and_agreed_wording_never_dates():
    """Do the legend and axes say "Goal 1: <agreed wording>" and show no calendar date?"""
    fig = goal_progress_figure(fictional_case())
    texts = _texts(fig)
    assert "Goal 1: Sleep six hours before a shift" in texts
    joined = " ".join(texts)
    assert "2026" not in joined and "Mar" not in joined
    assert "Week (week 1 = the case's first dated event)" in texts


def test_goal_label_clips_long_wording_and_applies_the_filter():
    """Is a long agreed wording clipped, and is the export's scrubber applied before clipping?"""
    case = fictional_case()
    goal = case.goals[0]
    goal.agreed_wording = Entry(text="Walk with Odalys " + "and more " * 20, voice=Voice.CLIENT)
    label = goal_label(0, goal, lambda s: s.replace("Odalys", "[name]"))
    assert label.startswith("Goal 1: Walk with [name]")
    assert label.endswith("…") and len(label) < 60


def test_timeline_leaves_out_undated_missteps_and_says_so():
    """Are undated missteps counted rather than placed at an invented week?"""
    case = fictional_case()
    points, undated = repair_points(case)
    assert [(p.number, p.week) for p in points] == [(1, 2.0), (2, 5.0)]
    assert undated == 1
    fig = repair_timeline_figure(case)
    assert "Missteps and repair (1 undated not shown)" in _texts(fig)


def test_timeline_never_shows_what_happened():
    """Does the misstep text stay out of the figure (labels are numbers only)?"""
    texts = " ".join(_texts(repair_timeline_figure(fictional_case())))
    assert "church" not in texts
    assert "Misstep 1" in texts


def test_empty_case_gives_a_message_not_an_empty_axis():
    """Does a case with no ratings or missteps still give a readable figure?"""
    case = fictional_case()
    case.goals = []
    case.missteps = []
    assert any("No progress ratings yet" in t for t in _texts(goal_progress_figure(case)))
    assert any("No dated missteps yet" in t for t in _texts(repair_timeline_figure(case)))


def test_figure_bytes_are_png_and_reproducible_svg():
    """Are the bytes a PNG and an SVG, and is the SVG the same for the same case?"""
    case = fictional_case()
    first = figure_bytes(goal_progress_figure(case))
    second = figure_bytes(goal_progress_figure(case))
    assert first["png"].startswith(b"\x89PNG")
    assert b"<svg" in first["svg"]
    assert first["svg"] == second["svg"]
    assert b"2026" not in first["svg"]


def test_origin_can_be_given_for_the_timeline():
    """Can an export start week 1 at a date of its choosing?"""
    points, _ = repair_points(fictional_case(), origin=START - dt.timedelta(weeks=1))
    assert [p.week for p in points] == [3.0, 6.0]


def test_plots_and_tables_number_weeks_the_same_way():
    """Is each rating drawn at the week the goals table lists it under, and each misstep likewise?"""
    case = fictional_case()
    table = render_goals(case).markdown
    (line,) = goal_progress_figure(case).axes[0].get_lines()
    for x in line.get_xdata():
        assert f"week {math.floor(x)}" in table.lower()
    timeline = render_missteps(case).markdown.lower()
    points, _ = repair_points(case)
    assert points and all(f"week {math.floor(p.week)}" in timeline for p in points)
