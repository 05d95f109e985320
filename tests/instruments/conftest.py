"""Fixtures: a workspace folder whose instruments/ holds the two fictional test instruments."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from casekit import layout

DATA = Path(__file__).parent / "data"
HEARD = DATA / "feeling-heard-check.toml"


@pytest.fixture
def instrument_root(tmp_path: Path) -> Path:
    """A workspace folder with the fictional Feeling Heard Check (en) and Comment on a fait (fr)."""
    folder = layout.instruments_dir(tmp_path)
    folder.mkdir()
    for path in DATA.glob("*.toml"):
        shutil.copy(path, folder / path.name)
    return tmp_path
