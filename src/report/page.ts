import { chartJsSource } from './chart-library.js';
import { escapeHtml, scriptText } from './escape.js';
import { LIVE_SCRIPT } from './live-script.js';
import { RENDER_SCRIPT } from './render-script.js';
import { STYLE } from './style.js';

/** What a report shows: the page's title and subtitle and its sections (markup). */
export interface Report {
  title: string;
  subtitle?: string;
  sections: string[];
}

/** The report as a page; the files of --report are exactly this. */
export function reportPage(report: Report): string {
  return page(report.title, report.sections, report.subtitle);
}

/**
 * A complete, self-contained HTML page: the sections (markup from the section builders) under a
 * title, with the stylesheet, Chart.js and the chart renderer inlined. The Content-Security-Policy
 * forbids every fetch, so the page shows the same offline as online and cannot leak a byte.
 * A live page (`live`) may open one connection, to the stream of the server that served it, and
 * fills its sections from that stream (live-script.ts).
 */
export function page(title: string, sections: readonly string[], subtitle?: string, options: { live?: boolean } = {}): string {
  const sub = subtitle === undefined ? '' : `<p class="subtitle">${escapeHtml(subtitle)}</p>`;
  const connect = options.live ? " connect-src 'self';" : '';
  const status = options.live ? '<p class="live-status" role="status">connecting…</p>' : '';
  const live = options.live ? `\n<script>${scriptText(LIVE_SCRIPT)}</script>` : '';
  // a served page would otherwise be asked for /favicon.ico, a 404 in the console
  const icon = options.live ? '\n<link rel="icon" href="data:,">' : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none';${connect} script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="remedy">${icon}
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>${escapeHtml(title)}</h1>${sub}${status}</header>
<main>
${sections.join('\n')}
</main>
<noscript><p class="absent">The charts need JavaScript; the numbers and tables above do not.</p></noscript>
<script>${scriptText(chartJsSource())}</script>
<script>${scriptText(RENDER_SCRIPT)}</script>${live}
</body>
</html>
`;
}
