"""Lazy public names for casekit's packages, so importing a package costs nothing until used."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any


def lazy_getattr(package: str, names: Mapping[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` that imports ``names[name]`` on first use and returns its ``name``.

    Parameters
    ----------
    package
        The package's dotted name, for the error message.
    names
        Public name → module that defines it.

    Examples
    --------
    >>> __getattr__ = lazy_getattr("casekit.deid", {"Scrubber": "casekit.deid.scrubber"})
    """

    def __getattr__(name: str) -> Any:  # noqa: N807 - it becomes the module's __getattr__
        module = names.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(import_module(module), name)

    return __getattr__
