// What the monitoring report adds to the evaluation report's stylesheet (which it inlines first, so both reports
// share one look): small multiples, verdict pills, bars, bands, dashed estimates and the alert lanes.

export const MONITORING_STYLE = `
:root { --warn: #8a5a00; --warn-bg: #fff1d6; }
@media (prefers-color-scheme: dark) { :root { --warn: #f0c060; --warn-bg: #3a2e14; } }
h3 { font-size: 15px; margin: 22px 0 10px; word-break: break-word; }
h3:first-of-type { margin-top: 0; }
h3 .axis-note { font-weight: 400; margin-left: 8px; }
.verdict.warn { background: var(--warn-bg); color: var(--warn); border-color: transparent; }
ul.verdict-lines { list-style: none; margin: 4px 0 0; padding: 0; font-weight: 400; font-size: 14px; color: var(--ink); }
.versions .version { margin-right: 18px; display: inline-block; }
.versions .counts { color: var(--muted); font-size: 14px; margin-left: 6px; }
.pill { display: inline-block; font-size: 12px; font-weight: 700; border-radius: 999px; padding: 1px 9px; white-space: nowrap; }
figcaption .pill { margin-left: 8px; vertical-align: 1px; }
.pill.drifted, .pill.firing, .pill.critical { background: var(--fail-bg); color: var(--fail); }
.pill.warning, .pill.pending { background: var(--warn-bg); color: var(--warn); }
.pill.ok, .pill.resolved { background: var(--pass-bg); color: var(--pass); }
.pill.skipped, .pill.inactive, .pill.info { background: var(--page); color: var(--muted); }
td.method, td.text { text-align: left; }
tbody th { white-space: normal; word-break: break-word; max-width: 320px; }
tr.output th .sub { font-style: italic; }
.small-multiples { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 16px 20px; margin-top: 14px; }
.small-multiples figcaption { font-size: 14px; word-break: break-word; }
.wide { margin-top: 14px; }
.chart-svg .band { fill-opacity: .16; stroke: none; }
.chart-svg .interval { stroke-width: 1.5; stroke-opacity: .5; }
.chart-svg .series-line.dashed { stroke-dasharray: 6 4; }
.chart-svg .flag { fill: none; stroke: var(--fail); stroke-width: 1.6; }
.chart-svg .ref-bar { fill: var(--muted); fill-opacity: .5; }
.chart-svg .cur-bar { fill-opacity: .9; }
.chart-svg .category-label, .chart-svg .lane-label { fill: var(--ink); font-size: 11px; }
.chart-svg .lane { fill: var(--page); }
.chart-svg .alert-pending { fill-opacity: .5; }
.swatch.dashed-swatch { background: repeating-linear-gradient(90deg, currentColor 0 4px, transparent 4px 7px); height: 3px; vertical-align: 3px; }
.swatch.band-swatch { background: var(--muted); opacity: .3; }
.swatch.reference-swatch { background: var(--muted); opacity: .5; }
.swatch.flag-swatch { background: transparent; border: 1.6px solid var(--fail); border-radius: 50%; }
`;
