"""What the systems-audit workbook (``notebooks/systems-audit.ipynb``) calls, and how it is built.

The notebook's hidden code cells stay short: they call the functions here, which return Markdown
for the clinic's quality lead to read. :func:`build_notebook` writes the notebook itself with nbformat
(``python -m casekit.audit.audit_workbook`` rewrites ``notebooks/systems-audit.ipynb``), so the committed
notebook never carries outputs or widget state. Exporting the run workbook goes through casekit's
nbconvert export path, not through this module.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from casekit.audit.assessment import SelfAssessment, Theme
from casekit.audit.barriers import DEFAULT_MIN_CELL, count_barriers
from casekit.audit.examples import example_assessments_dir, example_forms_dir
from casekit.audit.form_audit import FormAudit
from casekit.audit.history import (
    AssessmentComparison,
    audit_log,
    list_assessments,
    load_assessment,
)
from casekit.audit.plotdata import plot_output as plot_output  # the notebook calls workbook.plot_output
from casekit.errors import AuditError
from casekit.text.escape import escape_markdown_line as md_line

NOTEBOOK_NAME = "systems-audit.ipynb"
#: The workbook's title (export headers use it).
TITLE = "Systems-of-care audit"


# --------------------------------------------------------------------------------------------------
# Choosing inputs


def default_form_paths() -> list[Path]:
    """The example intake forms shipped with casekit (one poor, one good, as Markdown/text)."""
    folder = example_forms_dir()
    return [folder / "poor-intake.txt", folder / "good-intake.md"]


def choose_audits(
    workspace: str, audit_date: str = "", previous: str = ""
) -> tuple[SelfAssessment, SelfAssessment | None, str]:
    """Pick the assessment to show and the one to compare it with.

    Parameters
    ----------
    workspace
        The workspace folder (its audits are in its store), or ``""`` to use the example audits
        shipped with casekit.
    audit_date, previous
        ``YYYY-MM-DD`` dates, or ``""`` for the newest audit and the one before it.

    Returns
    -------
    tuple
        (current audit, previous audit or None, a sentence saying where they came from).
    """
    if workspace:
        with audit_log(workspace) as log:
            stored = {day: log.load(day) for day in log.dates()}
        if stored:
            audits = {day: SelfAssessment.model_validate_json(r.content) for day, r in stored.items() if r}
            return _pick(audits, audit_date, previous, "the workspace's store")
    folder = example_assessments_dir()
    audits = {day: load_assessment(path) for day, path in list_assessments(folder)}
    source = "the fictional example audits shipped with casekit"
    if workspace:
        source += " (no audit is stored in this workspace yet)"
    return _pick(audits, audit_date, previous, source)


def _pick(
    audits: dict[dt.date, SelfAssessment], audit_date: str, previous: str, source: str
) -> tuple[SelfAssessment, SelfAssessment | None, str]:
    where = "in the workspace" if source.startswith("the workspace") else "among the example audits"
    days = sorted(audits)
    if audit_date:
        current_day = _date(audit_date, "audit_date")
        if current_day not in audits:
            raise AuditError(
                f"audit_date {audit_date}: no audit saved for that day {where}; pick a stored date"
            )
    else:
        current_day = days[-1]
    if previous:
        before_day: dt.date | None = _date(previous, "previous")
        if before_day not in audits:
            raise AuditError(f"previous {previous}: no audit saved for that day {where}; pick a stored date")
    else:
        earlier = [day for day in days if day < current_day]
        before_day = earlier[-1] if earlier else None
    earlier_audit = audits[before_day] if before_day else None
    return audits[current_day], earlier_audit, source


def _date(value: str, field: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise AuditError(f"{field} {value!r} is not a date; write it as YYYY-MM-DD") from None


# --------------------------------------------------------------------------------------------------
# Markdown for the workbook


def form_audit_markdown(result: FormAudit) -> str:
    """A form's findings as Markdown: a heading, then each area with where, why and what instead."""
    from casekit.audit.rules import all_rules, report_labels
    from casekit.audit.summary import findings_summary, no_findings

    groups, source = result.by_category(), md_line(result.source)
    if not groups:
        return f"### {source}\n\n{no_findings(result.language)}"
    rules = all_rules(result.language)
    why, instead = report_labels(result.language)
    summary = findings_summary(len(result.findings), len(groups), result.language)
    lines = [f"### {source}", "", f"{summary}.", ""]
    for category, findings in groups.items():
        lines += [f"**{rules[category].title}** (`{category}`)", ""]
        for f in findings:
            where = f"{f.location.label}: “{md_line(f.excerpt)}”" if f.excerpt else f.location.label
            lines += [f"- *{where}*  ", f"  {why}: {f.message}  ", f"  {instead}: {f.suggestion}"]
        lines.append("")
    return "\n".join(lines)


def _weeks_between(earlier: dt.date, later: dt.date) -> str:
    """``"26 weeks"``: how far apart two audits are (shown instead of their calendar dates).

    Exports show dates as a year or a distance, as they do for cases; the audit's own files keep
    their dates.
    """
    weeks = max(0, (later - earlier).days // 7)
    return f"{weeks} week{'s' if weeks != 1 else ''}"


def assessment_markdown(assessment: SelfAssessment) -> str:
    """The assessment as one Markdown table per CLAS theme: item, rating, notes, action and owner."""
    lines = [f"Audit of **{assessment.date.year}**.", ""]
    for theme in Theme:
        items = [i for i in assessment.items if i.theme == theme]
        if not items:
            continue
        lines += [
            f"#### {theme.label}",
            "",
            "| Area | What good looks like | Rating | Notes | Next step | Owner |",
            "|---|---|---|---|---|---|",
        ]
        for i in items:
            lines.append(
                f"| {i.area.label} | {md_line(i.prompt)} | {i.rating.label} | {md_line(i.notes)} | "
                f"{md_line(i.action)} | {md_line(i.owner or '')} |"
            )
        lines.append("")
    return "\n".join(lines)


def comparison_markdown(comparison: AssessmentComparison) -> str:
    """What improved, what slipped, and the new actions, in Markdown."""
    if comparison.previous_date is None:
        return (
            f"This is the first stored audit ({comparison.current_date.year}); "
            "there is nothing to compare yet."
        )

    def listing(changes: Sequence, empty: str) -> list[str]:
        if not changes:
            return [f"- {empty}"]
        return [
            f"- {md_line(c.prompt)} ({c.before.label.lower()} → {c.after.label.lower()})" for c in changes
        ]

    lines = [
        f"Comparing this audit ({comparison.current_date.year}) with the one before it, "
        f"**{_weeks_between(comparison.previous_date, comparison.current_date)}** earlier.",
        "",
        "**Improved**",
    ]
    lines += listing(comparison.improved, "nothing moved up this time")
    lines += ["", "**Slipped** (worth a conversation, not blame)"]
    lines += listing(comparison.slipped, "nothing slipped")
    lines += ["", "**New or changed actions**"]
    if comparison.new_actions:
        lines += [
            f"- {md_line(c.action)} (owner: {md_line(c.owner) if c.owner else 'not yet named'})"
            for c in comparison.new_actions
        ]
    else:
        lines.append("- no new actions")
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------------
# Cases for the barrier table


def cases_from_folder(folder: str | Path) -> list:
    """Load every ``*.json`` case file in ``folder`` (for the barrier table when no store is used)."""
    from casekit.model.io import parse_case_json

    folder = Path(folder)
    if not folder.is_dir():
        raise AuditError(f"cases_dir {folder.name}: no such folder; give the folder of case .json files")
    return [parse_case_json(p.read_bytes(), source=p.name) for p in sorted(folder.glob("*.json"))]


def cases_from_store(workspace: str | Path) -> Iterator:
    """The newest revision of every case in the workspace's store, one at a time.

    Barrier kinds are in the case body, so the store is opened without the identifiers key. The
    store's URL comes from the workspace settings or ``CASEKIT_DB_URL``, never from a parameter.
    """
    from casekit.nbsupport import open_store

    with open_store(str(workspace)) as store:
        for summary in store.list_cases():
            yield store.load(summary.case_id).case


def barrier_cases(workspace: str = "", cases_dir: str = "") -> tuple[Iterable, str]:
    """The cases the barrier table counts, and a sentence saying where they came from.

    Parameters
    ----------
    workspace
        The workspace folder: every case in its store is counted. ``""`` counts casekit's fictional
        example cases instead.
    cases_dir
        A folder of case ``.json`` files to count instead of the store (optional).
    """
    if cases_dir:
        return cases_from_folder(cases_dir), "the case files in the folder given as cases_dir"
    if workspace:
        return cases_from_store(workspace), "every case in this workspace's store (newest revision of each)"
    from casekit.examples import load_examples

    return load_examples(), "casekit's fictional example cases (no workspace was given)"


def barrier_markdown(workspace: str = "", cases_dir: str = "", min_cell: int = DEFAULT_MIN_CELL) -> str:
    """The barrier table as Markdown, with where its cases came from. Only counts leave here."""
    cases, source = barrier_cases(workspace, cases_dir)
    table = count_barriers(cases, min_cell=min_cell)
    return f"Counted: {source}.\n\n{table.to_markdown()}"


# --------------------------------------------------------------------------------------------------
# casekit's own wording (left alone by an export's name recognition)

_HEADINGS = (
    "National CLAS Standards",
    "Area",
    "What good looks like",
    "Rating",
    "Notes",
    "Next step",
    "Owner",
    "Kind of barrier",
    "Cases counted",
    "Improved",
    "Slipped",
    "New or changed actions",
)


def own_wording() -> list[str]:
    """Headings, labels, item prompts and rule titles the workbook prints in casekit's own words.

    An organisation export allows them (name recognition reads a table heading such as "Next step"
    as an organisation); a client's name is still found inside them, since case-aware matches are
    never allowed.
    """
    from casekit.audit.assessment import Area, Rating, blank_assessment
    from casekit.audit.rules import all_rules, rule_languages

    words = [*_HEADINGS, *(t.label for t in Theme), *(a.label for a in Area), *(r.label for r in Rating)]
    words += [item.prompt for item in blank_assessment(dt.date(2000, 1, 1)).items]
    words += [
        str(getattr(rule, "title", "")) for lang in rule_languages() for rule in all_rules(lang).values()
    ]
    return [w for w in dict.fromkeys(words) if w]


# --------------------------------------------------------------------------------------------------
# Building the notebook

_INTRO = """# Systems-of-care audit

Cultural humility is also something an organisation practises. This workbook helps a clinic's quality
or training lead look at the clinic itself: its intake forms, its spaces (in the building and online),
how open its doors are (languages, interpreters, fees, physical access), its community partnerships,
and how it learns, hires, leads and shares power.

**How to use it.** Set the values in the parameters cell (or let casekit fill them in), then run all
cells. The code is hidden; what you read are the results. Nothing here is about any one client: the
form audit reads your forms, the self-assessment is about the organisation, and the barrier table
shows counts only.
"""

_PARAMS = """# Parameters: folder paths, dates and options only (never client details).
workspace = ""      # the casekit workspace folder; "" uses the fictional examples shipped with casekit
form_paths = []     # intake forms to audit (.txt .md .html .docx .pdf); [] uses the example forms
audit_date = ""     # YYYY-MM-DD of the self-assessment to show; "" means the newest stored one
previous = ""       # YYYY-MM-DD to compare with; "" means the audit before audit_date
plot_by = "theme"   # "theme" (the three CLAS themes) or "item"
cases_dir = ""      # optional: count the case .json files in this folder instead of the workspace's cases
min_cell = 3        # counts below this are hidden in the barrier table
"""

_SETUP = """from pathlib import Path

from IPython.display import Image, Markdown, display

from casekit.audit.barriers import count_barriers
from casekit.audit.form_audit import audit_form
from casekit.audit.history import compare_assessments
from casekit.audit.plot import plot_comparison
from casekit.audit import audit_workbook as workbook
"""

_FORMS_MD = """## 1. Intake forms

A form is often the first thing a person reads from us. It tells them, before they meet anyone,
whether they can describe themselves in their own words: their name and pronouns, their gender,
their heritage, their family, their faith. It also tells them whether the door is open to them:
interpreters, fees they can manage, and access if they are disabled.

Each finding below says where it is, why it matters, and a better wording to try. Treat them as
prompts for a conversation with the people who fill the form in, not as a score.
"""

_FORMS_CODE = """paths = [Path(p) for p in form_paths] or workbook.default_form_paths()
for path in paths:
    display(Markdown(workbook.form_audit_markdown(audit_form(path))))
"""

_ASSESS_MD = """## 2. Self-assessment

The items are grouped under the three themes of the National CLAS Standards. Rate each one honestly
(*not started*, *beginning*, *developing*, *established*), note what you saw, name one next step, and
name an owner by role (for example "Operations lead"), never by a person's name.
"""

_ASSESS_CODE = """chosen = workbook.choose_audits(workspace, audit_date, previous)
current, earlier, source = chosen
display(Markdown(f"Showing {source}."))
display(Markdown(workbook.assessment_markdown(current)))
"""

# Live only: the form to fill in or update an audit. Headless runs (papermill) and exports keep the
# static table above; the form builds a theme's inputs only when its panel is opened.
_ASSESS_FORM_CODE = """from casekit.widgets.self_assessment_form import show_assessment_form

show_assessment_form(workspace, audit_date)
"""

_COMPARE_MD = """## 3. What changed since last time

Progress is rarely a straight line. Something that slipped is worth a conversation about what got in
the way, not blame.
"""

_COMPARE_CODE = """comparison = compare_assessments(earlier, current)
display(Markdown(workbook.comparison_markdown(comparison)))
# Shown with the values it was drawn from, so an export can re-draw it (it keeps no image as is).
plot, plot_metadata = workbook.plot_output(comparison, by=plot_by)
display(plot, raw=True, metadata=plot_metadata)
"""

_BARRIERS_MD = """## 4. Barriers across our cases

When clinicians record systemic barriers in their case formulations (fees, language, immigration
status, racism in housing, ...), this table shows how often each kind comes up across the clinic's
cases. It shows counts only. Small counts are hidden, and rare kinds are not named, so that no
client can be recognised.
"""

_BARRIERS_CODE = """display(Markdown(workbook.barrier_markdown(workspace, cases_dir, min_cell)))
"""


def build_notebook():
    """The systems-audit workbook as a fresh notebook with no outputs and no widget state."""
    import nbformat
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

    hidden = {"jupyter": {"source_hidden": True}, "tags": ["hide-input"]}

    def code(source: str):
        return new_code_cell(source.rstrip("\n"), metadata={**hidden, "tags": list(hidden["tags"])})

    cells = [
        new_markdown_cell(_INTRO.strip()),
        new_code_cell(
            _PARAMS.rstrip("\n"),
            metadata={"tags": ["hide-input", "parameters"], "jupyter": {"source_hidden": True}},
        ),
        code(_SETUP),
        new_markdown_cell(_FORMS_MD.strip()),
        code(_FORMS_CODE),
        new_markdown_cell(_ASSESS_MD.strip()),
        code(_ASSESS_CODE),
        code(_ASSESS_FORM_CODE),
        new_markdown_cell(_COMPARE_MD.strip()),
        code(_COMPARE_CODE),
        new_markdown_cell(_BARRIERS_MD.strip()),
        code(_BARRIERS_CODE),
    ]
    notebook = new_notebook(
        cells=cells,
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
            "language_info": {"name": "python"},
            # Run once for the whole organisation (runs/organisation/), not per case.
            "casekit": {"scope": "organisation", "title": TITLE},
        },
    )
    for number, cell in enumerate(notebook.cells):
        cell["id"] = f"systems-audit-{number:02d}"
    nbformat.validate(notebook)
    return notebook


def write_notebook(path: str | Path) -> Path:
    """Write :func:`build_notebook` to ``path`` (atomically)."""
    import nbformat

    from casekit.audit.history import write_atomic

    return write_atomic(Path(path), nbformat.writes(build_notebook()).encode("utf-8") + b"\n")


if __name__ == "__main__":  # python -m casekit.audit.audit_workbook [PATH]
    import sys

    from casekit.resources import notebooks_dir

    write_notebook(Path(sys.argv[1]) if len(sys.argv) > 1 else notebooks_dir() / NOTEBOOK_NAME)
