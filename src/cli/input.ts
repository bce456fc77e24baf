import { type Timeframe, parseTimeframe } from '../core/timeframes.js';
import { FileSource } from '../sources/market/file/source.js';
import { describeFileRead } from '../sources/market/file/read.js';
import { intOption } from './context.js';

/**
 * `--input FILE` for every command that reads candles: the file is read once (sorted,
 * repeats merged, impossible rows dropped) and what happened to its rows is said on stderr,
 * so nothing is dropped silently and stdout stays clean for --json.
 */
export function openInput(path: string | undefined): FileSource | undefined {
  if (!path) return undefined;
  const file = new FileSource({ path });
  process.stderr.write(`${describeFileRead(path, file.report)}\n`);
  return file;
}

/** --tf, or the file's own timeframe when --tf is left out; a --tf that contradicts the file is refused naming both. */
export function commandTimeframe(tf: string | undefined, file: FileSource | undefined, fallback: Timeframe): Timeframe {
  const asked = tf === undefined ? undefined : parseTimeframe(tf);
  return file ? file.resolveTimeframe(asked, fallback) : asked ?? fallback;
}

/** --limit, or the default; an --input file is used whole unless --limit is given. */
export function commandLimit(limit: string | undefined, file: FileSource | undefined, fallback: number, max: number): number | undefined {
  if (limit !== undefined) return intOption('--limit', limit, 1, max);
  return file ? undefined : fallback;
}
