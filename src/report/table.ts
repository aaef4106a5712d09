import { escapeHtml } from './escape.js';

export interface Column {
  header: string;
  /** Right-aligned, for figures that should line up by their digits. */
  numeric?: boolean;
}

export interface Row {
  /** One cell a column, as markup: the caller escapes text. */
  cells: string[];
  /** Classes of the row, e.g. "kept" for the trial a round kept. */
  className?: string;
}

/** A plain table of figures (runs, trials, checks), scrolling sideways on a narrow screen. */
export function dataTable(columns: readonly Column[], rows: readonly Row[], className = 'data'): string {
  const align = (c: Column) => (c.numeric ? ' class="num"' : '');
  const head = columns.map((c) => `<th${align(c)}>${escapeHtml(c.header)}</th>`).join('');
  const body = rows.map((r) => {
    const cells = r.cells.map((cell, i) => `<td${align(columns[i])}>${cell}</td>`).join('');
    return `<tr${r.className ? ` class="${escapeHtml(r.className)}"` : ''}>${cells}</tr>`;
  });
  return `<div class="table-scroll"><table class="${className}"><thead><tr>${head}</tr></thead><tbody>${body.join('')}</tbody></table></div>`;
}

/** A small coloured label: "ok", "flagged", "holds", "kept". */
export function pill(text: string, tone: 'good' | 'warn' | 'bad' | 'muted'): string {
  return `<span class="pill ${tone}">${escapeHtml(text)}</span>`;
}
