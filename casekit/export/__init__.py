"""De-identified exports of workbook runs and cases: nbconvert exporters, preprocessors, the gate.

Import the parts you need (nothing heavy is imported here)::

    from casekit.export.exporters import CasekitHTMLExporter
    from casekit.export.api import export_notebook, export_case
"""
