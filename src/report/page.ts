import { chartJsSource } from './chart-library.js';
import { escapeHtml, scriptText } from './escape.js';
import { RENDER_SCRIPT } from './render-script.js';
import { STYLE } from './style.js';

/**
 * A complete, self-contained HTML page: the sections (markup from the section builders) under a
 * title, with the stylesheet, Chart.js and the chart renderer inlined. The Content-Security-Policy
 * forbids every fetch, so the page shows the same offline as online and cannot leak a byte.
 */
export function page(title: string, sections: readonly string[], subtitle?: string): string {
  const sub = subtitle === undefined ? '' : `<p class="subtitle">${escapeHtml(subtitle)}</p>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="remedy">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>${escapeHtml(title)}</h1>${sub}</header>
<main>
${sections.join('\n')}
</main>
<noscript><p class="absent">The charts need JavaScript; the numbers and tables above do not.</p></noscript>
<script>${scriptText(chartJsSource())}</script>
<script>${scriptText(RENDER_SCRIPT)}</script>
</body>
</html>
`;
}
