"""Text on its way out of casekit: escaping, control characters and the HTML tag vocabulary.

- :mod:`casekit.text.escape` — the one owner of escaping case text for HTML, Markdown and the
  terminal (control characters removed on every path);
- :mod:`casekit.text.tags` — the one owner of which HTML tags casekit keeps, drops, or reads as
  blocks and inline text.

Pure functions and constants; no I/O.
"""
