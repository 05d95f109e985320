"""The feedback plot: ratings and instrument totals by week, the client's own words beside them."""

from __future__ import annotations

from casekit.model import FeedbackEntry
from casekit.plots import feedback_figure, feedback_quotes, feedback_series
from tests.fictional import client, clinician, fictional_case, weeks


def _texts(fig) -> list[str]:
    out = [t.get_text() for t in fig.findobj(match=lambda a: hasattr(a, "get_text"))]
    return [t for t in out if t]


def _case_with_totals():
    case = fictional_case()
    case.feedback = [
        FeedbackEntry(
            date=weeks(0),
            felt_understood=3,
            comments=client("I wasn't sure you got the bit about my aunt's shop."),
            instrument_scores={"Feeling Heard Check": 5},
        ),
        FeedbackEntry(date=weeks(2), comments=clinician("She seemed tired.")),
        FeedbackEntry(
            date=weeks(3),
            felt_understood=5,
            comments=client("Better today. You let me say it in Spanish."),
            instrument_scores={"Feeling Heard Check": 11},
        ),
    ]
    return case


def test_totals_are_plotted_by_week_in_a_panel_of_their_own():
    """Does each instrument get its own small plot, its totals at the weeks they were given?"""
    case = _case_with_totals()
    series = feedback_series(case)
    assert list(series) == ["Felt understood", "Feeling Heard Check"]
    assert series["Feeling Heard Check"] == [(1.0, 5.0), (4.0, 11.0)]
    fig = feedback_figure(case, ranges={"Feeling Heard Check": (0.0, 12.0)})
    titled = {ax.get_title(loc="left"): ax for ax in fig.axes}
    heard = titled["Feeling Heard Check"]
    (line,) = heard.get_lines()
    assert list(line.get_ydata()) == [5.0, 11.0]
    low, high = heard.get_ylim()
    assert low < 0 and high > 12  # the whole possible range is in view, not just the two totals


def test_the_clients_own_words_sit_beside_the_plots_and_never_the_clinicians():
    """Are the client's comments shown with their week beside the plots, and a clinician's note left out?"""
    case = _case_with_totals()
    assert [w for w, _ in feedback_quotes(case)] == [1, 4]
    texts = " ".join(_texts(feedback_figure(case)))
    assert "In the client's own words" in texts
    assert "Week 4: \u201cBetter today. You let me say it in Spanish.\u201d" in texts
    assert "She seemed tired" not in texts
    assert "2026" not in texts


def test_the_words_pass_through_the_exports_filter():
    """Does a label filter (an export's scrubber) reach the client's words before they are drawn?"""
    case = _case_with_totals()
    texts = " ".join(_texts(feedback_figure(case, label_filter=lambda s: s.replace("aunt", "[relative]"))))
    assert "[relative]'s shop" in texts and "aunt" not in texts


def test_a_case_without_feedback_says_so():
    """Does a case with no feedback get a short message rather than empty axes?"""
    case = fictional_case()
    case.feedback = []
    fig = feedback_figure(case)
    assert any(t.startswith("No feedback yet.") for t in _texts(fig))
    assert all(not ax.axison for ax in fig.axes)
