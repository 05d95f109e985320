"""The self-assessment: its items, storing and loading, comparing audits, and plotting the change."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from casekit.audit.assessment import STANDARD_ITEMS, Rating, SelfAssessment, Theme, blank_assessment
from casekit.audit.examples import example_assessments_dir
from casekit.audit.history import (
    audits_dir,
    compare_assessments,
    list_assessments,
    load_assessment,
    previous_assessment_path,
)
from casekit.audit.plot import plot_comparison, save_figure
from casekit.errors import AuditError
from casekit.plots import figure_bytes

SPRING = dt.date(2026, 3, 2)
AUTUMN = dt.date(2026, 9, 7)


def test_blank_assessment_covers_the_three_clas_themes_and_every_area():
    """Does a new assessment hold every standard item, unrated, under all three CLAS themes?"""
    assessment = blank_assessment(SPRING)
    assert len(assessment.items) == len(STANDARD_ITEMS)
    assert {i.theme for i in assessment.items} == set(Theme)
    assert {i.area.value for i in assessment.items} >= {
        "space",
        "access",
        "partnerships",
        "training",
        "hiring",
        "leadership",
        "power",
    }
    assert all(i.rating is Rating.NOT_STARTED for i in assessment.items)


def test_owner_is_a_role_alias_and_ids_are_unique():
    """Are owners limited to short aliases, and are duplicate item ids refused?"""
    assessment = blank_assessment(SPRING)
    with pytest.raises(ValueError, match="alias"):
        assessment.items[0].owner = "Dr. O'Brien <obrien@example.org>"
    data = assessment.model_dump()
    data["items"].append(data["items"][0])
    with pytest.raises(ValueError, match="appears twice"):
        SelfAssessment.model_validate(data)


def test_audits_dir_accepts_a_workspace_object(tmp_path):
    """Does audits_dir work with anything that has a .root, like the lead's Workspace?"""

    class FakeWorkspace:
        root = tmp_path

    assert audits_dir(FakeWorkspace()) == tmp_path / "audits"
    from casekit.workspace import Workspace

    assert audits_dir(Workspace(tmp_path)) == Workspace(tmp_path).audits_dir


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", r"bad\.json: not valid JSON at line 1"),
        (
            json.dumps({"date": "2026-01-01", "items": [{"id": "x1", "theme": "nope"}]}),
            r"field items\.0\.theme",
        ),
    ],
)
def test_bad_assessment_files_fail_with_one_line(tmp_path, content, message):
    """Does a broken assessment file give one line naming the file (and field) and the fix?"""
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(AuditError, match=message) as info:
        load_assessment(path)
    assert "\n" not in str(info.value)


def test_previous_audit_file_is_the_newest_before_the_date(tmp_path):
    """In a folder of audit files, is the previous audit the latest one dated before this one,
    ignoring other files?"""
    folder = tmp_path / "audits"
    folder.mkdir()
    for day in (dt.date(2025, 9, 1), SPRING, AUTUMN):
        (folder / f"{day}.json").write_text(blank_assessment(day).model_dump_json(), encoding="utf-8")
    (folder / "notes.json").write_text("{}", encoding="utf-8")
    assert [d for d, _ in list_assessments(folder)] == [dt.date(2025, 9, 1), SPRING, AUTUMN]
    assert previous_assessment_path(folder, AUTUMN).name == "2026-03-02.json"
    assert previous_assessment_path(folder, dt.date(2025, 1, 1)) is None


def examples():
    folder = example_assessments_dir()
    return load_assessment(folder / "2026-03-02.json"), load_assessment(folder / "2026-09-07.json")


def test_comparison_reports_what_improved_slipped_and_new_actions():
    """Does comparing two audits say which items improved, which slipped, and which actions are new?"""
    spring, autumn = examples()
    comparison = compare_assessments(spring, autumn)
    assert {c.id for c in comparison.slipped} == {"physical-access"}
    assert "interpreters" in {c.id for c in comparison.improved}
    assert "traditional-healers" in {c.id for c in comparison.with_status("unchanged")}
    new_actions = {c.id for c in comparison.new_actions}
    assert "power-shared" in new_actions
    assert "interpreters" not in new_actions  # its action was done and cleared
    before, after = comparison.theme_scores[Theme.COMMUNICATION]
    assert after > before


def test_first_audit_compares_with_nothing():
    """Does a first audit (no previous one) mark every item as new, with no 'before' scores?"""
    comparison = compare_assessments(None, blank_assessment(SPRING))
    assert {c.status for c in comparison.changes} == {"new"}
    assert all(before is None for before, _ in comparison.theme_scores.values())


def test_items_dropped_since_last_time_are_listed():
    """Is an item in the earlier audit but not in this one reported as dropped?"""
    old = blank_assessment(SPRING)
    new = blank_assessment(AUTUMN)
    new.items = new.items[1:]
    comparison = compare_assessments(old, new)
    assert [c.id for c in comparison.with_status("dropped")] == [old.items[0].id]


def test_theme_plot_has_two_series_of_three_bars_and_renders_png():
    """Does the theme plot draw before and after bars for each of the three themes, as PNG bytes?"""
    spring, autumn = examples()
    figure = plot_comparison(compare_assessments(spring, autumn))
    axes = figure.axes[0]
    assert len(axes.containers) == 2
    assert [len(c) for c in axes.containers] == [3, 3]
    legend = [t.get_text() for t in axes.get_legend().get_texts()]
    assert legend == ["The audit before (27 weeks earlier)", "This audit (2026)"]  # no calendar dates
    assert "2026-" not in axes.get_title()
    png = figure_bytes(figure, ("png",))["png"]
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 5000


def test_item_plot_has_one_bar_per_item_and_first_audit_one_series():
    """Does the item plot have a bar per item, and a first audit a single series?"""
    spring, autumn = examples()
    figure = plot_comparison(compare_assessments(spring, autumn), by="item")
    assert [len(c) for c in figure.axes[0].containers] == [len(autumn.items)] * 2
    first = plot_comparison(compare_assessments(None, spring), by="item")
    assert len(first.axes[0].containers) == 1


def test_plot_saves_png_and_svg_and_refuses_other_formats(tmp_path):
    """Can the plot be saved as PNG or SVG, and does another suffix fail clearly without writing?"""
    spring, autumn = examples()
    figure = plot_comparison(compare_assessments(spring, autumn))
    assert save_figure(figure, tmp_path / "plot.png").read_bytes()[:4] == b"\x89PNG"
    assert b"<svg" in save_figure(figure, tmp_path / "plot.svg").read_bytes()[:500]
    with pytest.raises(AuditError, match=r"plot\.jpg: cannot save a plot as '\.jpg'; use a \.png or \.svg"):
        save_figure(figure, tmp_path / "plot.jpg")
    assert not (tmp_path / "plot.jpg").exists()
    with pytest.raises(AuditError, match="choose 'theme' or 'item'"):
        plot_comparison(compare_assessments(spring, autumn), by="area")  # type: ignore[arg-type]
