import type { Action, Divergence, Sizing } from '../../core/intel/coordinator.js';
import type { RuleBacktest } from '../../core/intel/backtest.js';

/** A part of the signal: present with the data it used, or missing with the reason. */
export type Part<T> =
  | ({ status: 'present'; source: string; as_of: string | null } & T)
  | { status: 'missing'; reason: string };

export const missing = (reason: string): { status: 'missing'; reason: string } => ({ status: 'missing', reason });

export interface WhalePart {
  /** −100…+100 over the longest window with exchange flows. */
  accumulation_score: number | null;
  windows: { window: string; count: number; volume_btc: number; inflow_btc: number; outflow_btc: number; accumulation: number | null }[];
  largest: { hash: string; btc: number; kind: string; exchange: string | null; time: string }[];
  min_btc: number;
  exchange_addresses: number;
}

export interface ExchangeWhalePart {
  accumulation_score: number | null;
  min_notional: number;
  count: number;
  buy_notional: number;
  sell_notional: number;
  largest: { time: string; side: string; price: number; amount: number; notional: number }[];
}

export interface BookPart {
  bid: number; ask: number; mid: number; spread: number; spread_bps: number;
  bid_volume: number; ask_volume: number; imbalance: number; bid_depth: number; ask_depth: number;
  support: number | null; resistance: number | null;
  walls: { side: string; price: number; size: number; ratio: number }[];
  spoofs: { time: string; key: string }[];
}

export interface SentimentPart {
  model: string;
  /** Mean score −1…+1 of the texts. */
  score: number;
  label: string;
  texts: number;
  positive: number; negative: number; neutral: number;
  from: string | null; to: string | null;
}

export interface FearGreedPart {
  value: number;
  classification: string;
  history_days: number;
}

export interface TechnicalPart {
  direction: 'long' | 'short' | 'neutral';
  market_score: number;
  valid: boolean;
  price: number;
  confluence: string[];
  confidence_score: number | null;
  confidence_sample: number;
}

export interface IntelSignal {
  id: string;
  symbol: string;
  timeframe: string;
  generated_at: string;
  signal: Action;
  /** Measured hit rate (0–100) of the same action by this rule on history, or null with the reason in confidence_note. */
  confidence: number | null;
  confidence_sample: number;
  confidence_note: string;
  thesis: string;
  thesis_fa: string;
  writer: 'builtin' | 'llm';
  writer_note: string | null;
  risk_factors: string[];
  horizon_hours: number;
  position_sizing: Sizing;
  divergence: Divergence & { whale_score: number | null; whale_input: string | null; retail_fear_greed: number | null; retail_input: string | null };
  parts: {
    whales: Part<WhalePart>;
    exchange_whales: Part<ExchangeWhalePart>;
    orderbook: Part<BookPart>;
    sentiment: Part<SentimentPart>;
    fear_greed: Part<FearGreedPart>;
    technical: Part<TechnicalPart>;
  };
  backtest: (RuleBacktest & { status: 'present'; whale_proxy: string; fear_greed_source: string; pair: string; timeframe: string }) | { status: 'missing'; reason: string };
}
