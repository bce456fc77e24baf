/**
 * SPEC C's signal record on the wire: snake_case, confluence comma-joined ("OB,SR,RSI").
 * The one place the field names of the API, the websocket and `--json` outputs are spelled;
 * everything inside the program speaks core's camelCase Signal.
 */
import type { Direction, Signal } from '../../core/signals/types.js';
import type { StoredSignal } from '../../infra/store/types.js';

export interface SignalWire {
  symbol: string;
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
  confidence_score: number | null;
  confidence_sample: number;
  valid: boolean;
  invalid_reasons: string[];
}

/** A stored signal adds where its candles came from and the bar time as ISO text. */
export type StoredSignalWire = Pick<SignalWire, 'symbol' | 'timeframe'> & { source: string; timestamp: number; time: string } & Omit<SignalWire, 'symbol' | 'timeframe' | 'timestamp'>;

function fields(s: Signal): Omit<SignalWire, 'symbol' | 'timeframe' | 'timestamp'> {
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
    confidence_score: s.confidenceScore,
    confidence_sample: s.confidenceSample,
    valid: s.valid,
    invalid_reasons: s.invalidReasons,
  };
}

/** A computed signal (analysis, `sextant signal --json`). */
export function signalToWire(s: Signal): SignalWire {
  return { symbol: s.symbol, timeframe: s.timeframe, timestamp: s.time, ...fields(s) };
}

/** A signal read from the store or pushed by the bus (GET /signals, /ws/signals, `sextant pipeline signals`). */
export function storedSignalToWire(s: StoredSignal): StoredSignalWire {
  return { symbol: s.symbol, timeframe: s.timeframe, source: s.source, timestamp: s.time, time: new Date(s.time).toISOString(), ...fields(s) };
}
