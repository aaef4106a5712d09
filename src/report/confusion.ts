import { escapeHtml } from './escape.js';
import { percent } from './format.js';
import { section } from './section.js';

/**
 * counts[label][predicted] as a heat-map table: rows are true classes, columns predictions, and
 * each cell is shaded by its share of the row, so a small class's mistakes show as plainly as a
 * large one's. Correct predictions are blue and mistakes red, so confusions stand out.
 */
export function confusionSection(counts: readonly (readonly number[])[], setName: string, title = 'Confusion matrix'): string {
  const classes = counts.length;
  const header = `<tr><th class="corner">true \\ predicted</th>${range(classes).map((c) => `<th>${c}</th>`).join('')}<th class="recall">recall</th></tr>`;
  const rows = counts.map((row, label) => {
    const total = row.reduce((s, n) => s + n, 0);
    const cells = row.map((n, predicted) => cell(n, total, label, predicted)).join('');
    return `<tr><th>${label}</th>${cells}<td class="recall">${percent(total > 0 ? row[label] / total : null)}</td></tr>`;
  });
  const all = counts.reduce((s, row) => s + row.reduce((a, n) => a + n, 0), 0);
  const correct = counts.reduce((s, row, label) => s + row[label], 0);
  const table = `<div class="table-scroll"><table class="confusion"><thead>${header}</thead><tbody>${rows.join('')}</tbody></table></div>`;
  return section(title, table, {
    note: `${setName} set, ${all.toLocaleString('en-US')} examples, ${percent(all > 0 ? correct / all : null)} correct. Rows: true class; columns: predicted; shade: share of the row.`,
  });
}

function cell(n: number, rowTotal: number, label: number, predicted: number): string {
  const share = rowTotal > 0 ? n / rowTotal : 0;
  const rgb = label === predicted ? '31, 119, 180' : '214, 39, 40';
  // the shade's alpha; white text from where dark text stops being readable
  const style = n === 0 ? '' : ` style="background: rgba(${rgb}, ${(0.08 + 0.92 * share).toFixed(3)});${share > 0.5 ? ' color: #fff;' : ''}"`;
  const tip = `true ${label}, predicted ${predicted}: ${n} (${percent(share)} of class ${label})`;
  return `<td class="cm-cell${n === 0 ? ' zero' : ''}"${style} title="${escapeHtml(tip)}">${n}</td>`;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
