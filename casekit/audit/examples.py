"""Where the example forms and example self-assessments shipped with casekit are."""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent


def example_forms_dir() -> Path:
    """The folder of fictional example intake forms (``casekit/audit/forms``)."""
    return _HERE / "forms"


def example_assessments_dir() -> Path:
    """The folder of fictional example self-assessments (an audits folder of a made-up clinic)."""
    return _HERE / "example_audits"
