"""Is the code ruff-clean, as the project's style asks?"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_ruff_finds_nothing_to_fix():
    """Does `ruff check` pass on the whole repository (config in pyproject.toml)?"""
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--quiet", "."], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_leaves_every_file_as_it_is():
    """Is every file already formatted as `ruff format` would write it?"""
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--check", "--quiet", "."],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


# --------------------------------------------------------------------------------------------------
# Defects that once crept in, kept from coming back


def _python_files(folder: str) -> list[Path]:
    return sorted(p for p in (ROOT / folder).rglob("*.py") if p.resolve() != Path(__file__).resolve())


def test_no_two_casekit_modules_share_a_file_name():
    """Does every module in casekit/ have a file name of its own (``__init__.py`` aside), so a name
    says which module is meant?"""
    seen: dict[str, list[str]] = {}
    for path in _python_files("casekit"):
        if path.name != "__init__.py":
            seen.setdefault(path.name, []).append(str(path.relative_to(ROOT)))
    shared = {name: paths for name, paths in seen.items() if len(paths) > 1}
    assert shared == {}, f"rename so each file name is used once: {shared}"


def test_tests_import_declared_dependencies_directly():
    """Do tests import what casekit declares, instead of skipping (even in CI) when it is missing?"""
    offenders = [str(p.relative_to(ROOT)) for p in _python_files("tests") if "importorskip" in p.read_text()]
    assert offenders == [], f"import the declared dependency directly in: {offenders}"


def test_tests_wait_for_conditions_never_for_time():
    """Do tests wait for a condition (tests/waiting.py, Playwright's expect) rather than a fixed time?"""
    offenders = []
    for path in _python_files("tests"):
        text = path.read_text()
        if "wait_for_timeout" in text or (path.name.startswith("test_") and "sleep(" in text):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == [], f"wait for a condition instead of a time in: {offenders}"


def test_one_helper_decides_whether_a_kernel_is_there():
    """Is tests/kernels.py's need_kernel the only place tests look for a Jupyter kernel?"""
    offenders = [
        str(p.relative_to(ROOT))
        for p in _python_files("tests")
        if "NoSuchKernel" in p.read_text() and p.name != "kernels.py"
    ]
    assert offenders == [], f"call tests.kernels.need_kernel() instead in: {offenders}"
