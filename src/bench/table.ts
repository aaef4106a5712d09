/** A column of a plain-text table: numbers read best right-aligned, names left-aligned. */
export interface Column {
  header: string;
  align?: 'left' | 'right';
}

/**
 * Rows under a header and a rule, each column as wide as its widest cell, two spaces apart;
 * trailing spaces trimmed so the output diffs cleanly.
 */
export function formatTable(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  for (const row of rows) {
    if (row.length !== columns.length) throw new Error(`a row of ${row.length} cells in a table of ${columns.length} columns`);
  }
  const widths = columns.map((c, i) => Math.max(c.header.length, ...rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (columns[i].align === 'right' ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header)), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
