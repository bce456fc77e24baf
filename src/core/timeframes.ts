import { InputError } from '../errors.js';

/**
 * Timeframes by both vocabularies users bring: LBank's (`minute1 … month1`) and
 * CCXT's (`1m … 1M`). Internally a timeframe is its CCXT name.
 */
export const TIMEFRAMES = ['1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '8h', '12h', '1d', '3d', '1w', '1M'] as const;
export type Timeframe = (typeof TIMEFRAMES)[number];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Nominal length; a month is variable and handled by calendar in `bucketStart`. */
export const TIMEFRAME_MS: Readonly<Record<Timeframe, number>> = {
  '1m': MINUTE, '3m': 3 * MINUTE, '5m': 5 * MINUTE, '15m': 15 * MINUTE, '30m': 30 * MINUTE,
  '1h': HOUR, '2h': 2 * HOUR, '4h': 4 * HOUR, '6h': 6 * HOUR, '8h': 8 * HOUR, '12h': 12 * HOUR,
  '1d': DAY, '3d': 3 * DAY, '1w': 7 * DAY, '1M': 30 * DAY,
};

const LBANK: Readonly<Record<string, Timeframe>> = {
  minute1: '1m', minute5: '5m', minute15: '15m', minute30: '30m',
  hour1: '1h', hour4: '4h', hour8: '8h', hour12: '12h',
  day1: '1d', week1: '1w', month1: '1M',
};

const TO_LBANK: Readonly<Partial<Record<Timeframe, string>>> = Object.fromEntries(
  Object.entries(LBANK).map(([k, v]) => [v, k]),
);

export class TimeframeError extends InputError {
  constructor(readonly input: string, field = 'timeframe') {
    super(`unknown timeframe "${input}" (use ${Object.keys(LBANK).join(' ')} or ${TIMEFRAMES.join(' ')})`, field);
    this.name = 'TimeframeError';
  }
}

export function isTimeframe(s: string): s is Timeframe {
  return (TIMEFRAMES as readonly string[]).includes(s);
}

/** Accepts `day1`, `1d`, `1D` (not `1M` vs `1m`: case matters there, as in CCXT). */
export function parseTimeframe(input: string): Timeframe {
  const s = input.trim();
  if (isTimeframe(s)) return s;
  const lb = LBANK[s.toLowerCase()];
  if (lb) return lb;
  const lower = s.toLowerCase();
  if (isTimeframe(lower)) return lower;
  throw new TimeframeError(input);
}

export function lbankName(tf: Timeframe): string | undefined {
  return TO_LBANK[tf];
}

export function timeframeMs(tf: Timeframe): number {
  return TIMEFRAME_MS[tf];
}

/**
 * Start of the bucket of timeframe `tf` that contains `t` (UTC). Weeks start on
 * Monday 00:00 UTC as on Binance; months on the 1st.
 */
export function bucketStart(t: number, tf: Timeframe): number {
  if (tf === '1M') {
    const d = new Date(t);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  }
  if (tf === '1w') {
    // 1970-01-01 was a Thursday: shift so that buckets begin on Mondays.
    const monday = 4 * DAY;
    return Math.floor((t - monday) / (7 * DAY)) * 7 * DAY + monday;
  }
  const ms = TIMEFRAME_MS[tf];
  return Math.floor(t / ms) * ms;
}

/** True when `higher` is a whole multiple of `lower` so candles can be resampled. */
export function canResample(lower: Timeframe, higher: Timeframe): boolean {
  if (lower === higher) return true;
  const lo = TIMEFRAME_MS[lower];
  if (higher === '1M') return DAY % lo === 0;
  const hi = TIMEFRAME_MS[higher];
  return hi > lo && hi % lo === 0 && (higher !== '1w' || DAY % lo === 0);
}
