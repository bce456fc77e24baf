import type { CandleResult, SnapshotKind } from './types.js';

/**
 * The JSON text of one snapshot of a pipeline result; undefined when the result has none
 * of that kind. Text or bytes encoded by a compute thread are used as they are.
 */
export function snapshotText(r: CandleResult, kind: SnapshotKind): string | undefined {
  const bytes = r.snapshotUtf8?.[kind];
  if (bytes !== undefined) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  return encodedText(r, kind);
}

/**
 * snapshotText, or the UTF-8 bytes of that text where a compute thread handed bytes over
 * (no string is made of them: the store writes the bytes as text).
 */
export function snapshotPayload(r: CandleResult, kind: SnapshotKind): string | Uint8Array | undefined {
  return r.snapshotUtf8?.[kind] ?? encodedText(r, kind);
}

function encodedText(r: CandleResult, kind: SnapshotKind): string | undefined {
  const pre = r.snapshotJson?.[kind];
  if (pre !== undefined) return pre;
  if (!(kind in r.snapshots)) return undefined;
  const s = JSON.stringify(r.snapshots[kind]);
  if (s === undefined) throw new TypeError('cannot store undefined (or a function) as JSON');
  return s;
}
