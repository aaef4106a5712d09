/**
 * The page's stylesheet: a light, quiet layout in the spirit of TensorBoard's cards, with
 * sections in a two-column grid on a wide screen and one column on a narrow one or on paper.
 */
export const STYLE = `
:root { color-scheme: light; --text: #1f2937; --muted: #6b7280; --line: #e5e7eb; --bg: #f6f7f9; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--text);
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif; }
header { padding: 28px 32px 8px; max-width: 1280px; margin: 0 auto; }
h1 { margin: 0; font-size: 22px; font-weight: 600; overflow-wrap: anywhere; }
header .subtitle { margin: 4px 0 0; color: var(--muted); }
main { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 16px; padding: 16px 32px 40px; max-width: 1280px; margin: 0 auto; }
.wide { grid-column: 1 / -1; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 16px 20px 18px; min-width: 0; }
h2 { margin: 0; font-size: 15px; font-weight: 600; }
.note { margin: 2px 0 0; color: var(--muted); font-size: 13px; }
.absent { color: var(--muted); font-style: italic; margin: 12px 0 0; }
.headlines { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 12px; }
.tile { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; min-width: 0; }
.tile .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: 0.04em; }
.tile .value { font-size: 22px; font-weight: 600; font-variant-numeric: tabular-nums; }
.tile .value.good { color: #15803d; }
.tile .value.warn { color: #b45309; }
.tile .value.bad { color: #b91c1c; }
.tile .detail { color: var(--muted); font-size: 12px; overflow-wrap: anywhere; }
.charts { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 24px; }
figure.chart { margin: 14px 0 0; min-width: 0; }
figure.chart figcaption { font-size: 13px; font-weight: 500; color: #374151; margin-bottom: 4px; }
.chart-box { position: relative; height: 280px; }
.table-scroll { overflow-x: auto; margin-top: 14px; }
table.confusion { border-collapse: separate; border-spacing: 2px; font-variant-numeric: tabular-nums; font-size: 13px; }
table.confusion th { font-weight: 500; color: var(--muted); padding: 2px 6px; text-align: center; }
table.confusion th.corner { font-size: 11px; line-height: 1.2; width: 64px; text-align: left; }
table.confusion td { min-width: 34px; height: 30px; padding: 2px 4px; text-align: center; border-radius: 3px; }
table.confusion td.zero { color: #c4c8cf; }
table.confusion .recall { color: var(--muted); padding-left: 8px; text-align: right; }
pre.json { margin: 14px 0 0; padding: 12px 14px; background: #f9fafb; border: 1px solid var(--line); border-radius: 6px;
  font: 12px/1.45 ui-monospace, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace; overflow: auto; max-height: 520px; }
@media (max-width: 900px) { main, .charts { grid-template-columns: minmax(0, 1fr); } main, header { padding-left: 16px; padding-right: 16px; } }
@media print { body { background: #fff; } main, .charts { grid-template-columns: minmax(0, 1fr); } .card { break-inside: avoid; } }
`;
