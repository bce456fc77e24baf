/**
 * Structure snapshots (levels, swings, Fibonacci) on the wire: snake_case like every other
 * route, and bar times instead of the pipeline's private window indexes, which a caller
 * cannot interpret. `barTime(i)` maps an index of the window the snapshot was computed on
 * to that bar's open time; it answers null when the window could not be rebuilt.
 */
import type { FibLevels, Level, Swing } from '../../core/signals/types.js';

export type BarTime = (index: number) => number | null;

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Every field snake_case, the index fields left out (given as times by the callers). */
function plain(o: object, drop: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([k]) => !drop.includes(k)).map(([k, v]) => [snake(k), v]));
}

export function levelToWire(l: Level, barTime: BarTime) {
  return {
    ...plain(l, ['firstTouch', 'lastTouch']),
    /** Open time of the earliest / latest swing that formed the level. */
    first_touch_time: iso(barTime(l.firstTouch)),
    last_touch_time: iso(barTime(l.lastTouch)),
  };
}

export function swingToWire(s: Swing, barTime: BarTime) {
  return {
    kind: s.kind,
    price: s.price,
    /** Open time of the swing candle, epoch ms and ISO. */
    timestamp: s.time,
    time: iso(s.time),
    /** The bar whose close confirmed the swing (strength bars later): from then on it was known. */
    confirmed_time: iso(barTime(s.confirmedAt)),
  };
}

export function fibToWire(f: FibLevels, barTime: BarTime) {
  return {
    ...plain(f, ['from', 'to']),
    from: swingToWire(f.from, barTime),
    to: swingToWire(f.to, barTime),
  };
}
