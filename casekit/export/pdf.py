"""PDF from the HTML summary, by WeasyPrint (from PyPI; no browser, no system packages beyond Pango).

WeasyPrint runs no JavaScript and is given a URL fetcher that refuses everything except ``data:``
URIs, so printing cannot reach the network either. An optional route prints with Debian's
``/usr/bin/chromium`` (``--headless --print-to-pdf``) for sites that prefer a browser's layout.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from casekit.errors import ExportError

CHROMIUM = Path("/usr/bin/chromium")


def html_to_pdf(html: str) -> bytes:
    """Print the HTML summary to PDF with WeasyPrint.

    Raises
    ------
    ExportError
        If WeasyPrint is not installed.
    """
    try:
        from weasyprint import HTML
    except ImportError:
        raise ExportError("PDF export needs WeasyPrint; install it with `pip install weasyprint`") from None
    from weasyprint.urls import URLFetcher

    # Only data: URIs may be read while printing; any other URL fails the export.
    fetcher = URLFetcher(allowed_protocols={"data"}, fail_on_errors=True, allow_redirects=False)
    return HTML(string=html, url_fetcher=fetcher).write_pdf()


def html_to_pdf_chromium(html: str, *, chromium: Path = CHROMIUM, timeout: float = 60.0) -> bytes:
    """Print the HTML summary to PDF with a system Chromium (never a downloaded browser).

    Raises
    ------
    ExportError
        If the browser is missing or fails.
    """
    if not chromium.is_file():
        raise ExportError(f"{chromium}: no Chromium there; install Debian's chromium or use WeasyPrint")
    with tempfile.TemporaryDirectory(prefix="casekit-pdf-") as tmp:
        page = Path(tmp) / "summary.html"
        out = Path(tmp) / "summary.pdf"
        page.write_text(html, encoding="utf-8")
        args = [
            str(chromium), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={tmp}/profile", "--no-pdf-header-footer", f"--print-to-pdf={out}",
            page.as_uri(),
        ]  # fmt: skip
        try:
            subprocess.run(args, check=True, capture_output=True, timeout=timeout)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
            raise ExportError(f"Chromium could not print the summary ({type(exc).__name__})") from None
        if not out.is_file():
            raise ExportError("Chromium printed no PDF; try the WeasyPrint route")
        return out.read_bytes()
