/**
 * A dense feature matrix: row-major Float64Array, NaN = missing value. Row-major because
 * scoring walks one row through every tree; the trainer transposes once into bins.
 */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly values: Float64Array;
}

export function matrix(rows: number, cols: number, values = new Float64Array(rows * cols)): Matrix {
  if (values.length !== rows * cols) throw new Error(`matrix: ${values.length} values for ${rows}x${cols}`);
  return { rows, cols, values };
}

/** Builds a matrix from columns (each of length `rows`). */
export function fromColumns(columns: readonly ArrayLike<number>[]): Matrix {
  const cols = columns.length;
  const rows = cols === 0 ? 0 : columns[0]!.length;
  const values = new Float64Array(rows * cols);
  for (let c = 0; c < cols; c++) {
    const col = columns[c]!;
    if (col.length !== rows) throw new Error(`matrix: column ${c} has ${col.length} rows, expected ${rows}`);
    for (let r = 0; r < rows; r++) values[r * cols + c] = col[r]!;
  }
  return { rows, cols, values };
}

/** The rows listed in `index`, in that order (copy). */
export function takeRows(m: Matrix, index: ArrayLike<number>): Matrix {
  const out = new Float64Array(index.length * m.cols);
  for (let k = 0; k < index.length; k++) {
    const r = index[k]!;
    out.set(m.values.subarray(r * m.cols, (r + 1) * m.cols), k * m.cols);
  }
  return { rows: index.length, cols: m.cols, values: out };
}

export function column(m: Matrix, c: number): Float64Array {
  const out = new Float64Array(m.rows);
  for (let r = 0; r < m.rows; r++) out[r] = m.values[r * m.cols + c]!;
  return out;
}
