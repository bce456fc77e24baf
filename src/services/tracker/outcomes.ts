import { parseKey } from '../../kernel/keys.js';
import type { TrackerEvent } from './types.js';

/**
 * What followed each tracker event: forward returns over fixed horizons and hit rates,
 * per event key. Everything here is an OUTCOME measured after the fact; the detectors that
 * produced the events never see these prices (they ran first, on the past only).
 *
 * Price at time x from a series = the last observation at or before x (a trade's price at
 * its receive time, or a candle's close at its end), so an entry price is one that was
 * known when the event was concluded. A horizon h is measured on the finest series that
 * (1) is fine enough: resolution ≤ h / 6 (1-minute candles for 5m would be mostly
 * staleness), and (2) covers both the event time and event time + h. Otherwise that
 * event's h is "not measurable" and is left out of n; nothing is extrapolated.
 */
export interface PriceSeries {
  /** Where the prices come from (shown next to every figure measured on it). */
  name: string;
  /** 0 for trades; the candle length for candles. */
  resolutionMs: number;
  /** Observation times (trade receive time, candle end), ascending. */
  time: ArrayLike<number>;
  price: ArrayLike<number>;
  /** The series is known to hold everything up to here (a feed's last message, a candle file's last end). */
  end: number;
}

export const HORIZONS: Readonly<Record<string, number>> = { '5m': 300_000, '1h': 3_600_000, '1d': 86_400_000 };

/** Finest admissible series resolution for a horizon. */
export const MAX_RESOLUTION_SHARE = 1 / 6;

/** Last index with time ≤ x, or −1. */
function lastAtOrBefore(t: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

export interface Outcome { ret: number; series: string }

/** Forward return from `at` to `at + h` on the finest usable series; null when no series can measure it. */
export function forwardReturn(series: readonly PriceSeries[], at: number, h: number): Outcome | null {
  const usable = series.filter((s) => s.resolutionMs <= h * MAX_RESOLUTION_SHARE).sort((a, b) => a.resolutionMs - b.resolutionMs);
  for (const s of usable) {
    if (at + h > s.end) continue;
    const i0 = lastAtOrBefore(s.time, at);
    const i1 = lastAtOrBefore(s.time, at + h);
    // The entry must be recent: a series that starts after the event, or a stale last tick, is no entry price.
    if (i0 < 0 || at - s.time[i0]! > Math.max(s.resolutionMs, 60_000)) continue;
    const p0 = s.price[i0]!;
    const p1 = s.price[i1]!;
    if (!(p0 > 0) || !(p1 > 0)) continue;
    return { ret: p1 / p0 - 1, series: s.name };
  }
  return null;
}

/**
 * The direction an event points to, for its hit rate (+1 up, −1 down, 0 none):
 * - `side:buy` / `side:bid` → up (taker buying; resting bids, i.e. support);
 *   `side:sell` / `side:ask` → down; `side:mixed` → none.
 *   For spoofs this is the pressure the vanished order displayed: a low hit rate would
 *   say the display was a bluff.
 * - volatility (`move_…`) → the window's own direction (close vs open): the hit rate is
 *   the share that continued; 1 − it, the share that pulled back.
 * - `book:resync` → none.
 */
export function eventDirection(e: Pick<TrackerEvent, 'key' | 'kind' | 'detail'>): 1 | -1 | 0 {
  if (e.kind === 'volatility') {
    const o = Number(e.detail['open']);
    const c = Number(e.detail['close']);
    return c > o ? 1 : c < o ? -1 : 0;
  }
  const side = parseKey(e.key).find(([n]) => n === 'side')?.[1];
  if (side === 'buy' || side === 'bid') return 1;
  if (side === 'sell' || side === 'ask') return -1;
  return 0;
}

/** Wilson score interval (95 %) of a rate: hits of n. */
export function wilson95(hits: number, n: number): [number, number] | null {
  if (n <= 0) return null;
  const z = 1.959963984540054;
  const p = hits / n;
  const d = 1 + (z * z) / n;
  const c = (p + (z * z) / (2 * n)) / d;
  const r = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / d;
  return [Math.max(0, c - r), Math.min(1, c + r)];
}

export interface HorizonStats {
  /** Events whose return over this horizon could be measured. */
  n: number;
  /** Events of the group that could not be measured (horizon past the data, or no fine-enough series). */
  notMeasurable: number;
  meanBps: number | null;
  medianBps: number | null;
  /** Events with a direction among the n, and how many moved that way (a zero return is no hit). */
  directed: number;
  hits: number;
  /** hits / directed, with its sample size `directed`; null when no directed event was measured. */
  hitRate: number | null;
  /**
   * Events close in time share most of their forward path, so they are not independent:
   * `clusters` counts the distinct (symbol, horizon-long time block) pairs the directed
   * measured events fall in, and the 95 % interval of the hit rate uses it as the sample
   * size (hits scaled to it). With one short feed this is what keeps 600 overlapping events
   * from looking like proof.
   */
  clusters: number;
  hitRate95: [number, number] | null;
  /** Series the returns were measured on. */
  series: string[];
}

export interface OutcomeGroup {
  /** The event key (or its first condition's name, grouped by prefix). */
  group: string;
  kinds: string[];
  events: number;
  symbols: string[];
  first: number;
  last: number;
  horizons: Record<string, HorizonStats>;
}

const median = (xs: number[]): number => {
  const s = xs.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** The first condition's name: `vol_1m:300/bench:run5/side:buy` → `vol_1m`. */
export const keyPrefix = (key: string): string => key.slice(0, key.indexOf(':') < 0 ? key.length : key.indexOf(':'));

/**
 * Outcome statistics per group of events. `prices(symbol)` gives the series of each symbol;
 * an event is timed at `at`, the moment it was concluded (for a window event, after the
 * window closed), so the entry price is one a live user could have had.
 */
export function eventOutcomes(
  events: readonly TrackerEvent[],
  prices: (symbol: string) => readonly PriceSeries[],
  opts: { horizons?: Readonly<Record<string, number>>; by?: 'key' | 'prefix' } = {},
): OutcomeGroup[] {
  const horizons = opts.horizons ?? HORIZONS;
  const groups = new Map<string, TrackerEvent[]>();
  for (const e of events) {
    const g = opts.by === 'prefix' ? keyPrefix(e.key) : e.key;
    let list = groups.get(g);
    if (!list) groups.set(g, (list = []));
    list.push(e);
  }
  const out: OutcomeGroup[] = [];
  for (const [group, list] of groups) {
    const hs: Record<string, HorizonStats> = {};
    for (const [name, h] of Object.entries(horizons)) {
      const rets: number[] = [];
      const series = new Set<string>();
      let directed = 0;
      let hits = 0;
      const blocks = new Set<string>();
      for (const e of list) {
        const o = forwardReturn(prices(e.symbol), e.at, h);
        if (!o) continue;
        rets.push(o.ret);
        series.add(o.series);
        const d = eventDirection(e);
        if (d !== 0) {
          directed++;
          blocks.add(`${e.symbol}|${Math.floor(e.at / h)}`);
          if (Math.sign(o.ret) === d) hits++;
        }
      }
      hs[name] = {
        n: rets.length,
        notMeasurable: list.length - rets.length,
        meanBps: rets.length ? (rets.reduce((a, b) => a + b, 0) / rets.length) * 1e4 : null,
        medianBps: rets.length ? median(rets) * 1e4 : null,
        directed, hits,
        hitRate: directed ? hits / directed : null,
        clusters: blocks.size,
        hitRate95: directed ? wilson95((hits / directed) * blocks.size, blocks.size) : null,
        series: [...series],
      };
    }
    out.push({
      group,
      kinds: [...new Set(list.map((e) => e.kind))],
      events: list.length,
      symbols: [...new Set(list.map((e) => e.symbol))],
      first: Math.min(...list.map((e) => e.at)),
      last: Math.max(...list.map((e) => e.at)),
      horizons: hs,
    });
  }
  return out.sort((a, b) => b.events - a.events || a.group.localeCompare(b.group));
}

/**
 * The base rate to read a hit rate against: over start times every `stepMs` across
 * [from, to], the share of measurable forward returns that were up (and down).
 */
export function baseRate(series: readonly PriceSeries[], from: number, to: number, h: number, stepMs = 60_000): { n: number; up: number; down: number } {
  let n = 0;
  let up = 0;
  let down = 0;
  for (let t = from; t <= to; t += stepMs) {
    const o = forwardReturn(series, t, h);
    if (!o) continue;
    n++;
    if (o.ret > 0) up++;
    else if (o.ret < 0) down++;
  }
  return { n, up, down };
}
