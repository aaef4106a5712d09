/**
 * The `csv:FILE` source: one example a row, the integer class label first, then the features,
 * separated by commas. A first row that cannot be data (a feature cell that is not a number, or a
 * label that is not an integer) is taken for a header and skipped. Blank lines are skipped, as
 * NumPy's loadtxt does. The file may be gzipped.
 *
 * Every error names the cell as a user finds it in an editor: `row R, column C`, both counted
 * from 1, rows being the file's lines (header and blank lines included).
 */
import { InputError } from '../errors.js';
import type { RawDataset } from './dataset.js';
import { readDataFile } from './read-file.js';

/** A decimal number as NumPy and spreadsheets write them: 3, -0.5, .5, 1.5e-3. */
const NUMBER = /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i;
/** Spellings of non-finite values, refused with their own message rather than "not a number". */
const NON_FINITE = /^\s*[+-]?(nan|inf|infinity)\s*$/i;
/** Labels become Int32Array entries. */
const MAX_LABEL = 2 ** 31 - 1;

export async function loadCsv(file: string): Promise<RawDataset> {
  return parseCsv((await readDataFile(file)).toString('utf8'), file);
}

/** Sample shape [features]; values kept as doubles until normalization. */
export function parseCsv(text: string, file: string): RawDataset {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const firstLine = lines.findIndex((line) => line.trim() !== '');
  if (firstLine < 0) {
    throw new InputError('empty file; expected rows of "label,feature,feature,..."', file);
  }
  const firstCells = lines[firstLine].split(',');
  const columns = firstCells.length;
  if (columns < 2) {
    throw new InputError(
      'missing: a row needs a label and at least one feature',
      file,
      `row ${firstLine + 1}, column 2`,
    );
  }
  const features = columns - 1;
  const dataStart = isHeader(firstCells) ? firstLine + 1 : firstLine;
  // every data row holds `features` commas: a bound on the rows that the text's size backs, so a
  // wide first row over many blank lines cannot make us allocate rows × features doubles
  const capacity = Math.min(lines.length - dataStart, Math.floor(text.length / features));
  const x = new Float64Array(capacity * features);
  const y = new Int32Array(capacity);
  let n = 0;
  for (let i = dataStart; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    const cells = lines[i].split(',');
    const row = i + 1;
    if (cells.length !== columns) {
      throw new InputError(
        `expected ${columns} columns as in row ${firstLine + 1}, found ${cells.length}`,
        file,
        `row ${row}, column ${Math.min(cells.length, columns) + 1}`,
      );
    }
    y[n] = parseLabel(cells[0], file, row);
    for (let c = 1; c < columns; c++) x[n * features + c - 1] = parseFeature(cells[c], file, row, c + 1);
    n++;
  }
  if (n === 0) throw new InputError('has a header but no data rows', file);
  return { x: x.subarray(0, n * features), y: y.subarray(0, n), n, sampleShape: [features] };
}

function isHeader(cells: string[]): boolean {
  const [label, ...features] = cells;
  const labelIsNonInteger = !NUMBER.test(label) || !Number.isInteger(Number(label));
  const featureIsText = features.some((cell) => !NUMBER.test(cell) && !NON_FINITE.test(cell));
  // A NaN label is a bad data row, not a header: let parseLabel report it.
  return featureIsText || (labelIsNonInteger && !NON_FINITE.test(label));
}

function parseLabel(cell: string, file: string, row: number): number {
  const value = Number(cell);
  if (!NUMBER.test(cell) || !Number.isInteger(value) || value < 0 || value > MAX_LABEL) {
    throw new InputError(
      `label must be a non-negative integer, found ${quote(cell)}`,
      file,
      `row ${row}, column 1`,
    );
  }
  return value;
}

function parseFeature(cell: string, file: string, row: number, column: number): number {
  const where = `row ${row}, column ${column}`;
  if (NUMBER.test(cell)) {
    const value = Number(cell);
    // Training runs in float32: a value beyond its range would turn into Infinity there.
    if (!Number.isFinite(Math.fround(value))) {
      throw new InputError(`found ${quote(cell)}, too large for float32`, file, where);
    }
    return value;
  }
  if (NON_FINITE.test(cell)) {
    throw new InputError(`found ${quote(cell)}; values must be finite`, file, where);
  }
  const found = cell.trim() === '' ? 'an empty cell' : quote(cell);
  throw new InputError(`expected a number, found ${found}`, file, where);
}

function quote(cell: string): string {
  return JSON.stringify(cell.trim());
}
