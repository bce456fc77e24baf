import type { Pair } from '../../core/types.js';
import type { Timeframe } from '../../core/timeframes.js';
import type { SpikeEvent } from '../../core/volume/spikes.js';
import type { CandleSplit } from '../../core/volume/split.js';

export interface ScanParams {
  top: number | 'all';
  timeframe: Timeframe;
  periods: number;
  window: number;
  k: number;
  alertThreshold: number;
  concurrency: number;
  quote?: string;
  trades: 'spikes' | 'all' | 'none';
  /** Alerts for the latest closed candle of each pair only (default), or every alert-level spike scanned. */
  alertScope?: 'latest' | 'all';
}

/** Candle columns as JSON arrays, for the chart and API clients. */
export interface PairSeries {
  time: number[];
  open: number[];
  high: number[];
  low: number[];
  close: number[];
  volume: number[];
  /** mean + k·std per candle; null during warm-up. */
  limit: (number | null)[];
  relVolume: (number | null)[];
}

export interface PairOk {
  status: 'ok';
  symbol: Pair;
  rank: number;
  quoteVolume: number | null;
  timeframe: Timeframe;
  /** Candles fetched: the scanned periods plus the baseline window before them. */
  candles: number;
  /** Candles actually judged (those with a full baseline inside the scanned periods). */
  scanned: number;
  first: number | null;
  last: number | null;
  /** Open time of the latest candle that had closed when the pair was scanned (live sources return the forming one last). */
  lastClosed: number | null;
  spikes: SpikeEvent[];
  alerts: number;
  maxConfidence: number;
  /** Relative volume of the latest candle (volume / baseline mean). */
  lastRelVolume: number | null;
  /**
   * Taker buy/sell split of one candle (the latest alert spike, else the latest spike, else
   * with trades 'all' the latest closed candle) from the trades inside that candle only;
   * null when the source's recent trades do not reach into it.
   */
  split: CandleSplit | null;
  series: PairSeries;
}

export interface PairFailed {
  status: 'failed';
  symbol: Pair;
  rank: number;
  reason: string;
}

export type PairResult = PairOk | PairFailed;

export interface BatchSummary {
  batchId: string;
  source: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  trigger: 'manual' | 'interval' | 'cron' | 'cli';
  params: ScanParams;
  pairs: { requested: number; ok: number; failed: number; withSpikes: number; alerts: number };
  /** Every pair with its headline numbers, strongest first; details in pairs/<PAIR>.json. */
  results: { symbol: Pair; status: 'ok' | 'failed'; spikes?: number; alerts?: number; maxConfidence?: number; lastRelVolume?: number | null; reason?: string; files?: PairFiles | Pick<PairFiles, 'data'> }[];
  /** The batch's files, relative to its folder (seed 000 names). */
  files?: { summary: string; report: string };
  failed: { symbol: Pair; reason: string }[];
  alerts: AlertItem[];
}

export interface AlertItem {
  symbol: Pair;
  timeframe: Timeframe;
  time: string;
  volume: number;
  mean: number;
  z: number | null;
  relVolume: number | null;
  confidence: number;
}

/** Seed 000's per-pair outputs, `{pair}_{timeframe}_{timestamp}_{kind}`, relative to the batch folder. */
export interface PairFiles {
  data: string;
  chart: string;
  report: string;
  /** Present when a PNG was rendered for the pair (scanner.png). */
  png?: string;
}

export const pairFileName = (symbol: string) => symbol.replace(/[^A-Za-z0-9]+/g, '_');
