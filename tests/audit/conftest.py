"""Shared helpers for the systems-of-care audit tests."""

from __future__ import annotations

import pytest

from casekit.audit.document import FormDocument
from casekit.audit.readers import read_html, read_markdown, read_text


@pytest.fixture
def text_form():
    """Build a plain-text form in memory."""

    def build(text: str) -> FormDocument:
        return read_text(text.encode("utf-8"), "form.txt")

    return build


@pytest.fixture
def md_form():
    """Build a Markdown form in memory."""

    def build(text: str) -> FormDocument:
        return read_markdown(text.encode("utf-8"), "form.md")

    return build


@pytest.fixture
def html_form():
    """Build an HTML form in memory."""

    def build(text: str) -> FormDocument:
        return read_html(text.encode("utf-8"), "form.html")

    return build
