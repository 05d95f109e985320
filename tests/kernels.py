"""Real Jupyter kernels in tests: skip (outside CI only) when none is installed."""

from __future__ import annotations

import os

import pytest


def need_kernel() -> None:
    """Skip the test when no ``python3`` kernel is installed; in CI (``CI`` set) fail instead."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        KernelSpecManager().get_kernel_spec("python3")
    except NoSuchKernel:
        if os.environ.get("CI"):
            raise
        pytest.skip("no 'python3' Jupyter kernel found (needed for real kernels); install ipykernel")
