"""The fictional example cases shipped with casekit, and a small loader for them.

Every person, place and number in these cases is invented. They exist to show what a humble, voiced
formulation can look like, and to give de-identification something real-shaped to work on: each has
its ``identifiers`` section filled in. See ``README.md`` in this folder for what each case shows.

Two facts about the set are published here so that tests elsewhere (de-identification, export) can
rely on them without re-deriving them:

* :data:`IDENTIFIERS_IN_TEXT` names the one case whose free text mentions identifiers on purpose
  (a relative's name, a workplace, a church, a phone number written differently, a name form used at
  church). Every other case keeps identifiers inside ``identifiers`` only.
* :data:`ORDINARY_WORD_NAMES` lists, per case, name parts that are also ordinary words and that the
  case's free text uses as ordinary words ("white" as a race, "hope", "young", "grace"). A scrubber
  that removes them everywhere loses clinical meaning; one that never looks at them misses a name.
"""

from __future__ import annotations

from pathlib import Path

from casekit.errors import CaseNotFoundError
from casekit.model.case import Case
from casekit.model.ids import CASE_ID_PATTERN
from casekit.model.io import parse_case_json
from casekit.resources import examples_dir

#: Case ids of examples whose free text contains identifier values on purpose.
IDENTIFIERS_IN_TEXT: frozenset[str] = frozenset({"CK-0104"})

#: Case id -> name parts (casefolded) that the case's free text also uses as ordinary words.
ORDINARY_WORD_NAMES: dict[str, tuple[str, ...]] = {
    "CK-0103": ("white", "hope"),
    "CK-0104": ("young", "grace"),
}


def example_paths() -> list[Path]:
    """The example case files, sorted by file name.

    Returns
    -------
    list of Path
        One ``.json`` file per example case.
    """
    return sorted(examples_dir().glob("*.json"))


def load_examples() -> list[Case]:
    """Parse and validate every example case, in the order of :func:`example_paths`.

    Raises
    ------
    CaseValidationError, InputFileError
        If a shipped example is broken (a packaging bug).
    """
    return [parse_case_json(path.read_bytes(), source=path.name) for path in example_paths()]


def load_example(case_id: str) -> Case:
    """Return the example case with ``case_id``.

    Parameters
    ----------
    case_id
        A case id such as ``CK-0101``; matched without regard to case.

    Raises
    ------
    CaseNotFoundError
        If no example has that id; the message lists the ids that exist.
    """
    cases = load_examples()
    wanted = case_id.strip().upper()
    for case in cases:
        if case.meta.case_id == wanted:
            return case
    valid = ", ".join(case.meta.case_id for case in cases) or "none"
    # Echo the id only if it looks like one: a caller may have passed something else, even a name.
    shown = wanted if CASE_ID_PATTERN.fullmatch(wanted) else "with that id"
    raise CaseNotFoundError(f"no example case {shown}; use one of the example ids: {valid}")
