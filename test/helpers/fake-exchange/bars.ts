import type { Timeframe } from '../../../src/core/timeframes.js';
import { bucketStart, canResample, isTimeframe, timeframeMs } from '../../../src/core/timeframes.js';
import { dailyBars, hourlyBtc, type Bar } from './data.js';

/**
 * Candles the fake exchange serves for (symbol, timeframe): the bundled series at its
 * own timeframe, or aggregated from it the way an exchange builds higher timeframes.
 * Unavailable combinations answer with no candles, as an exchange does outside its history.
 */
export function barsFor(symbol: string, tf: string): Bar[] {
  if (!isTimeframe(tf)) return [];
  const day = dailyBars().get(symbol);
  if (!day) return [];
  if (symbol === 'BTC/USDT' && tf === '1h') return hourlyBtc();
  if (tf === '1d') return day;
  if (symbol === 'BTC/USDT' && timeframeMs(tf) < timeframeMs('1d') && canResample('1h', tf)) return cached(`${symbol}|${tf}`, () => aggregate(hourlyBtc(), tf));
  if (timeframeMs(tf) > timeframeMs('1d') && canResample('1d', tf)) return cached(`${symbol}|${tf}`, () => aggregate(day, tf));
  return [];
}

const cache = new Map<string, Bar[]>();
function cached(key: string, make: () => Bar[]): Bar[] {
  let v = cache.get(key);
  if (!v) cache.set(key, (v = make()));
  return v;
}

function aggregate(bars: readonly Bar[], tf: Timeframe): Bar[] {
  const out: Bar[] = [];
  let cur: { t: number; o: string; h: number; l: number; c: string; v: number } | undefined;
  const flush = (): void => {
    if (cur) out.push({ t: cur.t, o: cur.o, h: String(cur.h), l: String(cur.l), c: cur.c, v: String(Number(cur.v.toFixed(8))) });
  };
  for (const b of bars) {
    const t = bucketStart(b.t, tf);
    if (!cur || cur.t !== t) {
      flush();
      cur = { t, o: b.o, h: Number(b.h), l: Number(b.l), c: b.c, v: Number(b.v) };
    } else {
      cur.h = Math.max(cur.h, Number(b.h));
      cur.l = Math.min(cur.l, Number(b.l));
      cur.c = b.c;
      cur.v += Number(b.v);
    }
  }
  flush();
  return out;
}

/** Close time as exchanges report it: one millisecond before the next open. */
export function closeTime(bar: Bar, tf: string): number {
  return bar.t + (isTimeframe(tf) ? timeframeMs(tf) : 0) - 1;
}
