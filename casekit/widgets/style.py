"""The form's stylesheet: readable labels, visible focus, voice colours, the private panel."""

from __future__ import annotations

#: Voice → (colour, short name). The colour marks the left edge of a text box; the dropdown beside it
#: always says the voice in words, so colour is never the only cue.
VOICE_COLOURS = {
    "client": "#0072B2",
    "clinician": "#009E73",
    "consultant": "#CC79A7",
    "hypothesis": "#E69F00",
}

_voice_rules = "\n".join(
    f".ck-form .ck-voice-{v} textarea {{ border-left: 5px solid {c} !important; }}\n"
    f".ck-static .ck-voice-{v}, .ck-form .ck-badge.ck-voice-{v} {{ border-color: {c}; color: {c}; }}"
    for v, c in VOICE_COLOURS.items()
)

FORM_CSS = f"""<style>
.ck-form {{ max-width: 78em; font-size: 14px; line-height: 1.45; }}
.ck-form .widget-label, .ck-form .widget-label-basic {{
  text-align: left !important; font-weight: 600; color: #1f2933; white-space: normal; overflow: visible;
  height: auto; line-height: 1.3; margin-bottom: 2px;
}}
.ck-form .widget-tab > .lm-TabBar .lm-TabBar-content {{ flex-wrap: wrap; }}
.ck-form .widget-tab > .lm-TabBar .lm-TabBar-tab {{ flex: 0 0 auto !important; max-width: none !important;
  min-width: 0; }}
.ck-form .widget-tab > .lm-TabBar .lm-TabBar-tab.lm-mod-current {{ font-weight: 600; }}
.ck-form .widget-tab > .lm-TabBar .lm-TabBar-tab, .ck-form .widget-tab > .lm-TabBar .lm-TabBar-tabLabel {{
  color: #1f2328; }}
.ck-form .widget-inline-hbox {{ height: auto !important; }}
.ck-form .widget-dropdown select, .ck-form .widget-datepicker input, .ck-form .widget-text input {{
  height: 28px !important; min-height: 28px; flex: 0 0 auto; }}
.ck-form .ck-field {{ margin: 4px 0 10px 0; }}
.ck-form .widget-dropdown {{ max-width: 100%; }}
.ck-form .widget-dropdown select {{ min-width: 0; flex-shrink: 1; }}
.ck-form .ck-field > .widget-hbox {{ flex-wrap: wrap; }}
.ck-form .ck-field .ck-text {{ flex: 1 1 20em !important; min-width: min(20em, 100%); }}
.ck-form textarea {{ font-size: 14px; line-height: 1.4; }}
.ck-form .ck-voice select {{ font-size: 12px; width: 100%; }}
.ck-form .ck-field > .widget-hbox > .ck-voice {{ flex: 0 1 15em !important; min-width: 0; }}
.ck-form :focus-visible {{ outline: 3px solid #1a56db !important; outline-offset: 2px; }}
.ck-form .ck-header {{ border-bottom: 1px solid #d0d7de; margin-bottom: 8px; padding-bottom: 4px; }}
.ck-form .ck-title {{ margin: 4px 0; font-size: 1.35em; }}
.ck-form .ck-heading {{ margin: 10px 0 4px 0; }}
.ck-form .ck-list-heading {{ margin: 12px 0 4px 0; }}
.ck-form .ck-list-label {{ font-weight: 600; margin-top: 8px; }}
.ck-form .ck-item {{ border: 1px solid #d0d7de; border-radius: 6px; padding: 6px 10px; margin: 6px 0;
  background: #fbfcfd; }}
.ck-form .ck-guidance {{ background: #f4f7fb; border-left: 4px solid #7b9cc4; padding: 6px 14px;
  margin: 8px 0 8px 16px; border-radius: 4px; color: #1f2933; }}
.ck-form .ck-guidance ul {{ padding-left: 1.2em; margin: 4px 0; }}
.ck-form .ck-guidance li {{ margin: 3px 0; }}
.ck-form .ck-guidance-head {{ font-weight: 600; margin: 6px 0 2px 0; }}
.ck-form details.ck-addressing summary {{ cursor: pointer; font-weight: 600; margin-top: 6px; }}
.ck-form .ck-error {{ color: #b42318; font-weight: 600; }}
.ck-form .ck-muted, .ck-static .ck-muted {{ color: #57606a; }}
.ck-form .ck-private .ck-panel {{ background: #fff8ec; border: 2px dashed #b35900; border-radius: 6px;
  padding: 6px 10px; }}
.ck-form .ck-private-notice {{ color: #7a3d00; margin: 4px 0 8px 0; }}
.ck-form .ck-conflict {{ background: #fff4e5; border: 2px solid #b35900; border-radius: 6px;
  padding: 8px 12px; margin: 6px 0; }}
.ck-form .ck-badge-status {{ padding: 3px 10px; border-radius: 12px; margin-right: 8px;
  display: inline-flex; gap: 8px; align-items: baseline; flex-wrap: wrap; }}
.ck-form .ck-status-saved {{ background: #e6f4ea; color: #0d5223; }}
.ck-form .ck-status-not-saved, .ck-form .ck-status-saving {{ background: #fff8c5; color: #6b4e00; }}
.ck-form .ck-status-invalid, .ck-form .ck-status-error {{ background: #fde8e8; color: #8a1c1c; }}
.ck-form .ck-status-conflict {{ background: #ffe7cc; color: #7a3d00; }}
.ck-form .ck-status-detail {{ font-weight: 400; }}
.ck-form table.ck-compare, .ck-static table.ck-compare {{ border-collapse: collapse; width: 100%; }}
.ck-compare caption {{ text-align: left; font-weight: 600; margin-bottom: 4px; }}
.ck-compare th, .ck-compare td {{ border: 1px solid #d0d7de; padding: 4px 8px; vertical-align: top;
  text-align: left; }}
.ck-compare tr.ck-differs td:last-child {{ background: #fff4e5; }}
.ck-form .ck-plot img {{ max-width: 100%; height: auto; }}
.ck-form .ck-plot figcaption {{ font-size: 12px; color: #57606a; }}
.ck-badge {{ border: 1px solid; border-radius: 8px; padding: 0 6px; font-size: 11px; font-weight: 400; }}
{_voice_rules}
</style>"""
