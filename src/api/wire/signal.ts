/**
 * SPEC C's signal record on the wire: snake_case, confluence comma-joined ("OB,SR,RSI").
 * The one place the field names of the API, the websocket and `--json` outputs are spelled;
 * everything inside the program speaks core's camelCase Signal.
 *
 * Seed 002's fields come first, as the seed writes them: `symbol` without a slash (BTCUSDT),
 * `confidence_score` 0-100. Sextant's additions follow (`pair`, `confidence_sample`, `valid`,
 * `invalid_reasons`, and for stored signals `confluence_factors` and `market_data`).
 */
import type { Direction, Factor, Signal } from '../../core/signals/types.js';
import { compactPair } from '../../core/types.js';
import type { StoredSignal } from '../../infra/store/types.js';

/** One confluence factor as seed 002's confluence_factors table holds it: its score, and why. */
export interface ConfluenceFactorWire {
  factor: Factor['name'];
  fired: boolean;
  /** Points this factor added to market_score (0 when it did not fire). */
  score: number;
  /** Points it would add when fired (the weights sum to 100). */
  max_score: number;
  detail: string;
}

/** The market at the signal's bar, from what Sextant computes (spot data: no open interest or CVD). */
export interface MarketDataWire {
  price: number;
  rsi: number | null;
  atr: number | null;
  /** ATR as a percent of the price. */
  atr_pct: number | null;
}

export interface SignalWire {
  /** As seed 002 writes it: BTCUSDT. */
  symbol: string;
  /** Sextant's unified form: BTC/USDT. */
  pair: string;
  timeframe: string;
  /** Open time of the bar the record describes, epoch ms. */
  timestamp: number;
  market_score: number;
  direction: Direction;
  price: number;
  entry1: number | null;
  entry2: number | null;
  sl: number | null;
  tp1: number | null;
  tp2: number | null;
  tp3: number | null;
  swing_high: number | null;
  swing_low: number | null;
  support_level: number | null;
  resistance_level: number | null;
  confluence: string;
  risk_reward_ratio: number | null;
  /** 0-100 as the seed: the measured TP1-before-stop rate of comparable earlier setups, in percent; null below the minimum sample. */
  confidence_score: number | null;
  confidence_sample: number;
  valid: boolean;
  invalid_reasons: string[];
}

/** A stored signal adds where its candles came from, the bar time as ISO text and the detail behind the score. */
export type StoredSignalWire = Pick<SignalWire, 'symbol' | 'pair' | 'timeframe'> & { source: string; timestamp: number; time: string }
  & Omit<SignalWire, 'symbol' | 'pair' | 'timeframe' | 'timestamp'>
  & { confluence_factors: ConfluenceFactorWire[] | null; market_data: MarketDataWire };

/** A 0-1 rate as seed 002's 0-100 score, to 0.01. */
const percent = (rate: number | null) => (rate === null ? null : Math.round(rate * 10_000) / 100);

function fields(s: Signal): Omit<SignalWire, 'symbol' | 'pair' | 'timeframe' | 'timestamp'> {
  return {
    market_score: s.marketScore,
    direction: s.direction,
    price: s.price,
    entry1: s.entry1,
    entry2: s.entry2,
    sl: s.sl,
    tp1: s.tp1,
    tp2: s.tp2,
    tp3: s.tp3,
    swing_high: s.swingHigh,
    swing_low: s.swingLow,
    support_level: s.supportLevel,
    resistance_level: s.resistanceLevel,
    confluence: s.confluence.join(','),
    risk_reward_ratio: s.riskRewardRatio,
    confidence_score: percent(s.confidenceScore),
    confidence_sample: s.confidenceSample,
    valid: s.valid,
    invalid_reasons: s.invalidReasons,
  };
}

export function confluenceFactorsToWire(factors: readonly Factor[]): ConfluenceFactorWire[] {
  return factors.map((f) => ({ factor: f.name, fired: f.fired, score: f.fired ? f.weight : 0, max_score: f.weight, detail: f.detail }));
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** A computed signal (analysis, `sextant signal --json`). */
export function signalToWire(s: Signal): SignalWire {
  return { symbol: compactPair(s.symbol), pair: s.symbol, timeframe: s.timeframe, timestamp: s.time, ...fields(s) };
}

/** A signal read from the store or pushed by the bus (GET /signals, /ws/signals, `sextant pipeline signals`). */
export function storedSignalToWire(s: StoredSignal): StoredSignalWire {
  const p = s.payload ?? {};
  const atr = num(p['atr']);
  return {
    symbol: compactPair(s.symbol), pair: s.symbol, timeframe: s.timeframe, source: s.source, timestamp: s.time, time: new Date(s.time).toISOString(),
    ...fields(s),
    // Rows written before the pipeline kept its factors have none to show.
    confluence_factors: Array.isArray(p['factors']) ? confluenceFactorsToWire(p['factors'] as Factor[]) : null,
    market_data: { price: s.price, rsi: num(p['rsi']), atr, atr_pct: atr === null || !s.price ? null : Math.round((atr / s.price) * 1e6) / 1e4 },
  };
}
