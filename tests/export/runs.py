"""Workbook runs built in memory: what papermill and nbclient leave in a notebook, identifiers included."""

from __future__ import annotations

import base64

from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output, new_raw_cell

from tests.fictional import LEAKS, XSS

_PNG = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"Odalys Brennick-Tamura" * 4).decode("ascii")


def stuffed_run(case_id: str = "CK-0999") -> object:
    """A run with an identifier in every place a notebook can hold text."""
    leak = " / ".join(LEAKS)
    md = new_markdown_cell(
        f"# Notes on {LEAKS[0]}\n\n{leak}\n\n{XSS[0]} {XSS[1]}\n\n![photo](attachment:face.png) "
        f"![remote](https://example.org/{LEAKS[1]}.png)",
        attachments={"face.png": {"image/png": _PNG}},
        metadata={"note": leak, "tags": [LEAKS[2], "hide-input"]},
    )
    params = new_code_cell(f'case_id = "{case_id}"', metadata={"tags": ["parameters"]})
    injected = new_code_cell(f'client = "{LEAKS[0]}"', metadata={"tags": ["injected-parameters"]})
    widget = new_output(
        "display_data",
        data={
            "application/vnd.jupyter.widget-view+json": {"model_id": "abc", "version_major": 2},
            "text/plain": f"VBox(children=(Text(value='{LEAKS[0]}'),))",
        },
    )
    widget_fallback_only = new_output("display_data", data={"text/plain": f"Text(value='{LEAKS[3]}')"})
    outputs = [
        new_output("stream", name="stdout", text=f"loaded {leak} from /home/{LEAKS[1]}/cases/x.json\n"),
        new_output("stream", name="stderr", text=f"warning about {LEAKS[4]}\n"),
        new_output("execute_result", data={"text/plain": f"'{leak}'"}, execution_count=3),
        new_output(
            "display_data",
            data={
                "text/html": f"<p>{leak}</p><b>{LEAKS[5]}</b>{XSS[0]}{XSS[1]}"
                f"<img src='https://example.org/t.png'><a href='https://x.org'>x</a>"
                f"<p style='background:url(https://x.org/a.png)'>s</p>",
                "text/plain": leak,
            },
        ),
        new_output("display_data", data={"text/markdown": f"**{LEAKS[6]}** {XSS[1]}", "text/plain": leak}),
        new_output("display_data", data={"application/json": {"client": LEAKS[0], "phone": LEAKS[7]}}),
        new_output("display_data", data={"image/svg+xml": f"<svg><text>{LEAKS[0]}</text></svg>"}),
        new_output(
            "display_data",
            data={"image/png": _PNG, "text/plain": LEAKS[8]},
            metadata={"casekit": {"deidentified": True}},
        ),
        new_output("display_data", data={"application/javascript": f"window.__pwned='{LEAKS[0]}'"}),
        new_output("display_data", data={"text/latex": f"$\\text{{{LEAKS[9]}}}$"}),
        widget,
        widget_fallback_only,
        new_output(
            "error",
            ename="ValueError",
            evalue=f"no such client {LEAKS[10]}",
            traceback=[f"File /home/{LEAKS[1]}/x.py", LEAKS[11]],
        ),
    ]
    code = new_code_cell(
        f"show('{LEAKS[0]}')",
        outputs=outputs,
        execution_count=3,
        metadata={"execution": {"iopub.status.busy": "2026-05-04T10:00:00Z"}, "who": LEAKS[12]},
    )
    plot = new_code_cell(
        "",
        outputs=[
            new_output(
                "display_data",
                data={"image/png": _PNG, "text/plain": LEAKS[0]},
                metadata={"casekit": {"plot": "goal_progress"}},
            )
        ],
    )
    raw = new_raw_cell(leak)
    nb = new_notebook(cells=[md, params, injected, code, plot, raw])
    nb.metadata = {
        "casekit": {
            "case_id": case_id,
            "workbook": "case-review",
            "parameters": {"session_date": "2026-05-04"},
            "note": leak,
        },
        "papermill": {"parameters": {"client": LEAKS[0]}, "input_path": f"/home/{LEAKS[1]}/in.ipynb"},
        "widgets": {"application/vnd.jupyter.widget-state+json": {"state": {"abc": {"value": LEAKS[0]}}}},
        "kernelspec": {"name": "python3", "display_name": LEAKS[1]},
        "language_info": {"name": "python", "path": f"/home/{LEAKS[1]}"},
        "title": LEAKS[0],
    }
    return nb
