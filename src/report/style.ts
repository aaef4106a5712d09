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
.card:not(.wide) .charts { grid-template-columns: minmax(0, 1fr); gap: 4px; }
table.data { border-collapse: collapse; width: 100%; font-size: 13px; font-variant-numeric: tabular-nums; }
table.data th { text-align: left; font-weight: 500; color: var(--muted); border-bottom: 1px solid var(--line); padding: 6px 10px; white-space: nowrap; }
table.data td { border-bottom: 1px solid #f1f2f4; padding: 6px 10px; vertical-align: top; }
table.data .num { text-align: right; white-space: nowrap; }
table.data tr.kept td { background: #f0fdf4; }
table.data tr.round-start td { border-top: 2px solid var(--line); }
table.evidence { width: auto; min-width: 320px; }
table.evidence td:first-child { color: #374151; }
.pill { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 12px; font-weight: 500; white-space: nowrap; }
.pill.good { background: #dcfce7; color: #166534; }
.pill.warn { background: #fef3c7; color: #92400e; }
.pill.bad { background: #fee2e2; color: #991b1b; }
.pill.muted { background: #f3f4f6; color: var(--muted); }
.verdict { background: #fff; border: 1px solid var(--line); border-left: 6px solid var(--muted); border-radius: 8px; padding: 14px 20px; }
.verdict.good { border-left-color: #15803d; } .verdict.warn { border-left-color: #d97706; } .verdict.bad { border-left-color: #b91c1c; }
.verdict .statement { margin: 0; font-size: 19px; font-weight: 600; overflow-wrap: anywhere; }
.verdict.good .statement { color: #15803d; } .verdict.warn .statement { color: #b45309; } .verdict.bad .statement { color: #b91c1c; }
.verdict p { margin: 4px 0 0; }
.finding { margin-top: 14px; padding-top: 12px; border-top: 1px solid var(--line); }
.finding:first-of-type { border-top: 0; padding-top: 0; }
.finding h3 { margin: 0; font-size: 14px; font-weight: 600; display: flex; gap: 10px; align-items: baseline; flex-wrap: wrap; }
.finding p { margin: 4px 0 0; }
.claim-verdict { margin: 12px 0 0; font-size: 15px; }
.claim-verdict + p { margin: 6px 0 0; }
ul.rounds { margin: 12px 0 0; padding-left: 20px; }
ul.diff { list-style: none; margin: 12px 0 0; padding: 0; font: 13px/1.6 ui-monospace, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace; }
ul.diff li { padding: 2px 10px; border-radius: 4px; margin-bottom: 2px; overflow-wrap: anywhere; }
ul.diff li::before { display: inline-block; width: 1.5em; font-weight: 700; }
ul.diff li.changed { background: #eff6ff; } ul.diff li.changed::before { content: "~"; color: #1d4ed8; }
ul.diff li.added { background: #f0fdf4; } ul.diff li.added::before { content: "+"; color: #15803d; }
ul.diff li.removed { background: #fef2f2; } ul.diff li.removed::before { content: "−"; color: #b91c1c; }
ul.diff .path { font-weight: 600; }
ul.diff .old { color: #b91c1c; } ul.diff .new { color: #15803d; }
.live-slot { display: contents; }
header .live-status { margin: 6px 0 0; color: #15803d; font-size: 13px; }
header .live-status::before { content: "● "; }
header .live-status.ended { color: var(--muted); }
@media (max-width: 900px) { main, .charts { grid-template-columns: minmax(0, 1fr); } main, header { padding-left: 16px; padding-right: 16px; } }
@media print { body { background: #fff; } main, .charts { grid-template-columns: minmax(0, 1fr); } .card { break-inside: avoid; } }
`;
