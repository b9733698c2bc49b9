// The evaluation report's stylesheet, inlined into the page so the file stands alone (mail it, archive it, open it offline).

export const REPORT_STYLE = `
:root {
  --ink: #1d232b; --muted: #5d6773; --line: #dde2e8; --panel: #ffffff; --page: #f4f6f8;
  --pass: #137a43; --pass-bg: #e3f4ea; --fail: #b3261e; --fail-bg: #fbe6e4; --best-bg: #fff4cc;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
  color: var(--ink); background: var(--page); line-height: 1.45;
}
@media (prefers-color-scheme: dark) {
  :root { --ink: #e6e9ed; --muted: #9aa4b1; --line: #343b45; --panel: #1c2128; --page: #12161b;
    --pass: #6fd39a; --pass-bg: #173524; --fail: #ff8a80; --fail-bg: #3d1d1b; --best-bg: #3a3217; }
}
* { box-sizing: border-box; }
body { margin: 0; }
main { max-width: 1120px; margin: 0 auto; padding: 28px 20px 48px; }
header.masthead { margin-bottom: 20px; }
.kicker { margin: 0; text-transform: uppercase; letter-spacing: .08em; font-size: 12px; color: var(--muted); }
h1 { margin: 4px 0 6px; font-size: 30px; word-break: break-word; }
h2 { font-size: 18px; margin: 0 0 12px; }
.versions { margin: 0 0 14px; font-size: 16px; }
.versions .vs { color: var(--muted); margin: 0 6px; }
.facts { display: flex; flex-wrap: wrap; gap: 8px 28px; margin: 0; }
.facts div { min-width: 0; }
.facts dt { font-size: 12px; color: var(--muted); }
.facts dd { margin: 0; font-weight: 600; word-break: break-all; }
section { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; padding: 18px 20px; margin-bottom: 18px; }
.verdict { display: flex; align-items: center; gap: 14px; font-size: 17px; font-weight: 600; }
.verdict.pass { background: var(--pass-bg); color: var(--pass); border-color: transparent; }
.verdict.fail { background: var(--fail-bg); color: var(--fail); border-color: transparent; }
.verdict .icon { font-size: 26px; line-height: 1; }
.verdict .detail { font-weight: 400; color: var(--ink); font-size: 14px; }
.swatch { display: inline-block; width: 11px; height: 11px; border-radius: 3px; margin-right: 6px; vertical-align: -1px; }
.guide-swatch { background: repeating-linear-gradient(90deg, var(--muted) 0 4px, transparent 4px 7px); height: 2px; vertical-align: 3px; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { padding: 8px 10px; border-bottom: 1px solid var(--line); text-align: right; vertical-align: top; }
thead th { font-size: 13px; color: var(--muted); font-weight: 600; white-space: nowrap; }
tbody th { text-align: left; font-weight: 600; white-space: nowrap; }
th:first-child { text-align: left; }
tbody th code { display: block; font-weight: 400; font-size: 12px; color: var(--muted); }
.direction { color: var(--muted); font-weight: 400; }
.sub, .interval, .rows, .p, .why { display: block; font-size: 12px; color: var(--muted); font-weight: 400; }
.why { max-width: 260px; margin-left: auto; white-space: normal; }
td.best { background: var(--best-bg); font-weight: 700; }
.best-mark { color: #b8860b; margin-right: 4px; }
td.delta.better { color: var(--pass); font-weight: 600; }
td.delta.worse { color: var(--fail); font-weight: 600; }
td.delta.unclear { color: var(--muted); }
.legend-note { font-size: 13px; color: var(--muted); margin: 10px 0 0; }
ul.gates { list-style: none; margin: 0; padding: 0; }
ul.gates li { display: grid; grid-template-columns: 64px 1fr; gap: 4px 12px; padding: 10px 0; border-bottom: 1px solid var(--line); }
ul.gates li:last-child { border-bottom: 0; }
.badge { grid-row: span 2; align-self: start; text-align: center; font-size: 12px; font-weight: 700; border-radius: 999px; padding: 3px 0; }
.badge.pass { background: var(--pass-bg); color: var(--pass); }
.badge.fail { background: var(--fail-bg); color: var(--fail); }
.gate-rule { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-weight: 600; }
.gate-why { color: var(--muted); font-size: 14px; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; word-break: break-word; }
.plots { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 18px; }
figure.chart { margin: 0; }
figcaption { font-weight: 600; margin-bottom: 6px; }
.chart-svg { width: 100%; height: auto; display: block; }
.chart-svg text { fill: var(--muted); font-size: 11px; }
.chart-svg .axis-label { fill: var(--ink); font-size: 12px; }
.chart-svg .grid { stroke: var(--line); stroke-width: 1; }
.chart-svg .frame { fill: none; stroke: var(--muted); stroke-width: 1; }
.chart-svg .guide { stroke: var(--muted); stroke-width: 1.2; stroke-dasharray: 5 4; }
.chart-svg .series-line { stroke-width: 2.2; stroke-linejoin: round; }
.chart-svg .scatter { fill-opacity: .45; }
.chart-svg .markers { fill-opacity: .85; }
ul.legend { list-style: none; display: flex; flex-wrap: wrap; gap: 4px 16px; padding: 0; margin: 6px 0 0; font-size: 13px; }
.chart-note { font-size: 12px; color: var(--muted); margin: 6px 0 0; }
.confusions { display: flex; flex-wrap: wrap; gap: 24px; }
table.confusion { width: auto; font-size: 13px; }
table.confusion td { min-width: 48px; text-align: center; }
table.confusion caption { text-align: left; font-weight: 600; margin-bottom: 6px; }
.axis-note { font-size: 12px; color: var(--muted); }
.empty { color: var(--muted); }
footer { color: var(--muted); font-size: 12px; text-align: center; margin-top: 24px; }
@media print { body { background: #fff; } section, figure { break-inside: avoid; } }
`;
