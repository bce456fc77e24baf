/**
 * The market-structure and trade-plan contract (SPEC C; levels also serve SPEC A).
 * Every value describes the market as known at the close of one bar `i`: nothing
 * here depends on candles after `i` (see DESIGN "No look-ahead").
 * Indices are candle indices in the series given to `computeSignal` (./compute.ts):
 *   computeSignal(candles: Candles, opts?: SignalOptions): StructureResult
 */
import type { Candles } from '../series.js';

export type SwingKind = 'high' | 'low';

/**
 * A swing high/low of lookback `strength`: known only once `strength` bars have closed
 * after it, so `confirmedAt = index + strength`. Consumers at bar i use confirmedAt <= i.
 */
export interface Swing {
  index: number;
  confirmedAt: number;
  /** Open time of the swing candle, epoch ms. */
  time: number;
  price: number;
  kind: SwingKind;
}

export type LevelRole = 'support' | 'resistance';
export type LevelState = 'active' | 'broken';

/** A support/resistance level: a cluster of confirmed swing prices. */
export interface Level {
  /** Mean of the clustered swing prices. */
  price: number;
  zoneLow: number;
  zoneHigh: number;
  /** Number of confirmed swings in the cluster. */
  touches: number;
  /** Candle index of the earliest / latest swing in the cluster. */
  firstTouch: number;
  lastTouch: number;
  /** touches, +1 when the level was tested from both sides (a swing high and a swing low joined it). */
  strength: number;
  /** broken: closes went through the zone both ways since the last touch (its flipped role failed too). */
  state: LevelState;
  /** A close went through the zone once since the last touch: it now holds the opposite role (resistance turned support or back). */
  flipped: boolean;
  /** Relative to the close of the bar the result describes. */
  role: LevelRole;
}

export interface FibPoint {
  ratio: number;
  price: number;
}

export type PullbackState = 'none' | 'started' | 'approaching' | 'in-zone' | 'invalidated' | 'extended';

/** Fibonacci of the last confirmed swing leg and the plan levels derived from it. */
export interface FibLevels {
  /** up: swing low -> swing high (long pullback plan); down: swing high -> swing low (short). */
  leg: 'up' | 'down';
  from: Swing;
  to: Swing;
  high: number;
  low: number;
  /** Retracements measured back from the leg's end (`to`): ratio 0 = to.price, 1 = from.price. */
  retracements: FibPoint[];
  /** Extensions beyond the leg's end, ratio measured from the leg's start (1 = to.price). */
  extensions: FibPoint[];
  entry1: number;
  entry2: number;
  stop: number;
  approaching: number;
  pullbackStart: number;
  /** Current retracement depth of the close: 0 at the leg's end, 1 at its start. */
  depth: number;
  pullback: PullbackState;
}

export type OrderBlockKind = 'bullish' | 'bearish';
export type OrderBlockState = 'fresh' | 'mitigated' | 'broken';

/** Last opposite candle before a displacement that broke a confirmed swing. */
export interface OrderBlock {
  kind: OrderBlockKind;
  /** Index of the order-block candle. */
  index: number;
  /** Index of the bar whose close broke structure (the block is known from here). */
  formedAt: number;
  time: number;
  high: number;
  low: number;
  /** Index of the swing whose price was broken. */
  brokenSwing: number;
  /** mitigated: price traded back into the zone; broken: a close went through the far side. */
  state: OrderBlockState;
  mitigatedAt: number | null;
  brokenAt: number | null;
}

export type FactorName = 'OB' | 'SR' | 'RSI' | 'FIB' | 'SWING';

export interface Factor {
  name: FactorName;
  fired: boolean;
  /** Points added to marketScore when fired (weights sum to 100). */
  weight: number;
  /** Why it fired or not, in one line. */
  detail: string;
}

/** neutral: no swing leg to trade, so no plan (the pipeline stores only long and short). */
export type Direction = 'long' | 'short' | 'neutral';

/**
 * The signal core emits: a trade plan and its market score as known at the close of one
 * bar. One shape everywhere (store, bus, backtests); SPEC C's snake_case record is its
 * wire format (src/api/wire/signal.ts). Prices are null when there is no swing leg yet.
 */
export interface Signal {
  symbol: string;
  timeframe: string;
  /** Open time of the bar the signal describes, epoch ms. */
  time: number;
  direction: Direction;
  /** 0-100: the weights of the fired factors. */
  marketScore: number;
  /** Close of the bar. */
  price: number;
  entry1: number | null;
  entry2: number | null;
  sl: number | null;
  tp1: number | null;
  tp2: number | null;
  tp3: number | null;
  swingHigh: number | null;
  swingLow: number | null;
  /** Nearest active level below / above the close. */
  supportLevel: number | null;
  resistanceLevel: number | null;
  /** Fired factors in fixed order OB, SR, RSI, FIB, SWING (empty when none). */
  confluence: FactorName[];
  riskRewardRatio: number | null;
  /** Measured TP1-before-stop rate of comparable earlier setups; null below the minimum sample. */
  confidenceScore: number | null;
  /** Number of comparable earlier setups with a known outcome. */
  confidenceSample: number;
  valid: boolean;
  invalidReasons: string[];
}

/** Where a plan's stop or target came from, so a reader can check it on the chart. */
export type StopAnchor = 'swing' | 'order-block';
export type TargetSource = 'level' | 'order-block' | 'swing' | 'extension';

/** How the plan's stop and targets were placed (see core/signals/plan.ts). */
export interface PlanBasis {
  /** The stop sits beyond this structure: the leg's start swing or the entries' order block. */
  stopAnchor: StopAnchor;
  /** Price of that structure (the stop is this minus the buffer for a long, plus for a short). */
  stopStructure: number;
  /** stopAtrBuffer x ATR(14) at the leg's confirmation. */
  stopBuffer: number;
  /** What TP1, TP2 and TP3 are. */
  targetSources: TargetSource[];
}

export interface FibSideConfig {
  entry1: number;
  entry2: number;
  stop: number;
  approaching: number;
}

export interface StructureConfig {
  /** Swing lookback on each side (SPEC C default 5). */
  strength: number;
  rsiPeriod: number;
  atrPeriod: number;
  rsiOverbought: number;
  rsiOversold: number;
  /** A swing joins a level when within levelTolAtr x ATR (at the swing's confirmation) of it. */
  levelTolAtr: number;
  /** Minimum body of the structure-breaking candle, in ATRs, to count as a displacement. */
  obDisplacementAtr: number;
  /** How far back from the break the order-block candle is searched. */
  obMaxLookback: number;
  fibLong: FibSideConfig;
  fibShort: FibSideConfig;
  pullbackStart: number;
  /** Stop buffer beyond the invalidating structure, in ATR(14)s at the leg's confirmation. */
  stopAtrBuffer: number;
  /** Extension ratios (from the leg's start) that fill in targets when fewer than three levels lie ahead; then 2.618. */
  tp2Extension: number;
  tp3Extension: number;
  minRiskReward: number;
  /** Below this many comparable setups, confidenceScore is null. */
  minSample: number;
}

export interface SignalOptions extends Partial<Omit<StructureConfig, 'fibLong' | 'fibShort'>> {
  symbol?: string;
  timeframe?: string;
  /** Bar index the result describes (default: the last). Only candles [0..at] are used. */
  at?: number;
  fibLong?: Partial<FibSideConfig>;
  fibShort?: Partial<FibSideConfig>;
}

export interface StructureResult {
  signal: Signal;
  /** Swings confirmed by bar `at` (confirmedAt <= at), in index order. */
  swings: Swing[];
  /** All levels at bar `at`, sorted by price. */
  levels: Level[];
  fib: FibLevels | null;
  /** How the plan was placed; null without a swing leg. */
  planBasis: PlanBasis | null;
  /** Order blocks formed by bar `at`, in formation order. */
  orderBlocks: OrderBlock[];
  /** All five factors, in order OB, SR, RSI, FIB, SWING. */
  factors: Factor[];
  /** RSI and ATR at bar `at` (null during warm-up). */
  rsi: number | null;
  atr: number | null;
  /** The bar the result describes. */
  at: number;
  config: StructureConfig;
}

/**
 * The part of a StructureResult a store keeps (the pipeline's snapshots and signals), with
 * the same values: a StructureResult is one. Computed on its own (WindowSignals.kept) it
 * skips what is not kept: the order blocks, the plan basis, all but the last swings, and
 * the reasons and factor details of a signal that is not valid (`factors` null then).
 */
export interface KeptStructure {
  signal: Signal;
  /** The last swings confirmed by the bar (all of them in a StructureResult). */
  swings: Swing[];
  levels: Level[];
  fib: FibLevels | null;
  factors: Factor[] | null;
  rsi: number | null;
  atr: number | null;
}

export type ComputeSignal = (candles: Candles, opts?: SignalOptions) => StructureResult;
