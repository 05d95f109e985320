"""PDF from the HTML summary, by WeasyPrint (from PyPI; no browser, no system packages beyond Pango).

WeasyPrint runs no JavaScript and is given a URL fetcher that refuses everything except ``data:``
URIs, so printing cannot reach the network either.
"""

from __future__ import annotations

from casekit.errors import ExportError


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
