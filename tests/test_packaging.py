"""Packaging: does what a user installs match what the project says it needs?"""

from __future__ import annotations

import re
import tomllib
import zipfile
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]

# conda-forge names that differ from PyPI names.
CONDA_TO_PYPI = {"matplotlib-base": "matplotlib", "nbconvert-core": "nbconvert"}


def _name(requirement: str) -> str:
    return re.split(r"[\s\[<>=!~;]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def _pyproject_requirements() -> dict[str, str]:
    project = _pyproject()["project"]
    reqs = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        reqs += extra
    return {_name(r): r for r in reqs}


def _environment_requirements() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    out: dict[str, str] = {}
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            for pip_dep in dep.get("pip", []):
                if not pip_dep.startswith("-"):
                    out[_name(pip_dep)] = pip_dep
            continue
        name = _name(dep)
        if name in {"python", "pip"}:
            continue
        out[CONDA_TO_PYPI.get(name, name)] = dep
    return out


def test_environment_yml_lists_the_same_packages_as_pyproject():
    """Does environment.yml install exactly the packages pyproject.toml declares?"""
    py = _pyproject_requirements()
    env = _environment_requirements()
    assert sorted(py) == sorted(env), (
        f"only in pyproject.toml: {sorted(set(py) - set(env))}; only in environment.yml: "
        f"{sorted(set(env) - set(py))}"
    )


def test_environment_yml_uses_the_same_lower_bounds():
    """Does each package in environment.yml ask for at least the version pyproject.toml asks for?"""
    py = _pyproject_requirements()
    env = _environment_requirements()
    for name, req in py.items():
        bound = re.search(r">=\s*([\w.]+)", req)
        if bound:
            assert f">={bound.group(1)}" in env[name].replace(" ", ""), f"{name}: {req} vs {env[name]}"


def test_constraints_pin_every_declared_dependency():
    """Does constraints.txt pin every package pyproject.toml declares, so installs are repeatable?"""
    path = ROOT / "constraints.txt"
    pinned = {
        _name(line)
        for line in path.read_text().splitlines()
        if line.strip() and not line.startswith("#") and "==" in line
    }
    missing = sorted(set(_pyproject_requirements()) - pinned)
    assert not missing, f"not pinned in constraints.txt: {missing}; regenerate it (see README, Development)"


@pytest.mark.slow
def test_wheel_ships_notebooks_and_templates(tmp_path):
    """Does the built wheel carry the workbooks, templates and example cases inside the package?"""
    import subprocess
    import sys

    # pip builds the wheel the way a user's install would (hatchling fetched from the registry).
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    wheel = next(tmp_path.glob("casekit-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for notebook in (ROOT / "notebooks").glob("*.ipynb"):
        assert f"casekit/notebooks/{notebook.name}" in names
    for template in (ROOT / "templates").rglob("*"):
        if template.is_file() and not template.name.startswith("."):
            assert f"casekit/templates/{template.relative_to(ROOT / 'templates')}" in names
    assert any(n.startswith("casekit/examples/") and n.endswith(".json") for n in names)
    assert "casekit/deid/data/keep.toml" in names  # the culture lexicon de-identification keeps
    for table in ("english_words.txt.gz", "lookalikes.json"):  # the prebuilt tables (casekit.deid.prebuilt)
        assert f"casekit/deid/data/{table}" in names
