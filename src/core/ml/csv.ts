/**
 * Feature CSV -> Matrix. A `timestamp` column is kept aside (it is not a feature), an empty
 * cell is a missing value (NaN), anything else must parse as a number.
 */
import { InputError } from '../../errors.js';
import type { Matrix } from './matrix.js';

export interface FeatureTable {
  readonly names: readonly string[];
  readonly matrix: Matrix;
  readonly timestamps?: Float64Array;
}

export function parseFeatureCsv(text: string, field = 'input'): FeatureTable {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length === 0) throw new InputError(`${field}: the CSV is empty`, field);
  const header = lines[0]!.split(',').map((h) => h.trim());
  const tsCol = header.indexOf('timestamp');
  const featureCols = header.map((_, i) => i).filter((i) => i !== tsCol);
  const names = featureCols.map((i) => header[i]!);
  const rows = lines.length - 1;
  const values = new Float64Array(rows * names.length);
  const timestamps = tsCol >= 0 ? new Float64Array(rows) : undefined;
  for (let r = 0; r < rows; r++) {
    const cells = lines[r + 1]!.split(',');
    if (cells.length !== header.length) {
      throw new InputError(`${field}: line ${r + 2} has ${cells.length} cells, the header has ${header.length}`, field);
    }
    const read = (i: number): number => {
      const s = cells[i]!.trim();
      if (s === '' || s.toLowerCase() === 'nan') return NaN;
      const x = Number(s);
      if (Number.isNaN(x)) throw new InputError(`${field}: line ${r + 2}, column ${header[i]}: "${s.slice(0, 20)}" is not a number`, field);
      return x;
    };
    for (let k = 0; k < featureCols.length; k++) values[r * names.length + k] = read(featureCols[k]!);
    if (timestamps) timestamps[r] = read(tsCol);
  }
  return { names, matrix: { rows, cols: names.length, values }, ...(timestamps ? { timestamps } : {}) };
}
