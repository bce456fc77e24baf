import type { CandleResult, SnapshotKind } from './types.js';

/**
 * The JSON text of one snapshot of a pipeline result; undefined when the result has none
 * of that kind. Text encoded by a compute thread is used as is.
 */
export function snapshotText(r: CandleResult, kind: SnapshotKind): string | undefined {
  const pre = r.snapshotJson?.[kind];
  if (pre !== undefined) return pre;
  if (!(kind in r.snapshots)) return undefined;
  const s = JSON.stringify(r.snapshots[kind]);
  if (s === undefined) throw new TypeError('cannot store undefined (or a function) as JSON');
  return s;
}
