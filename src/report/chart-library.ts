import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

let source: string | null = null;

/**
 * Chart.js's UMD build (it defines the global `Chart`), as text to inline into a page. The
 * package's exports map hides dist/, so the file is found next to the package's main entry.
 * Read once: the doctor writes several pages in one process.
 */
export function chartJsSource(): string {
  source ??= readFileSync(path.join(path.dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.min.js'), 'utf8');
  return source;
}
