/** GBDT hyperparameters, named after XGBoost's so one set of numbers drives both trainers. */
export interface GbdtParams {
  objective: 'binary:logistic' | 'reg:squarederror';
  /** Boosting rounds (upper bound when early stopping). */
  nRounds: number;
  /** eta */
  learningRate: number;
  maxDepth: number;
  /** 0 = no limit; otherwise the tree grows best-first until it has this many leaves. */
  maxLeaves: number;
  /** lambda: L2 on leaf weights. */
  l2: number;
  /** alpha: L1 on leaf weights. */
  l1: number;
  /** gamma: a split must reduce the loss by more than this. */
  minSplitLoss: number;
  minChildWeight: number;
  /** Fraction of rows drawn (Bernoulli, per tree). */
  subsample: number;
  /** Fraction of features drawn per tree. */
  colsampleByTree: number;
  maxBins: number;
  seed: number;
  /** Stop after this many rounds without improvement on the validation set (0 = never). */
  earlyStoppingRounds: number;
  /** Starting prediction (a probability for binary:logistic); undefined = training label mean. */
  baseScore?: number;
}

export const DEFAULT_PARAMS: GbdtParams = {
  objective: 'binary:logistic',
  nRounds: 200,
  learningRate: 0.05,
  maxDepth: 4,
  maxLeaves: 0,
  l2: 1,
  l1: 0,
  minSplitLoss: 0,
  minChildWeight: 1,
  subsample: 0.8,
  colsampleByTree: 0.8,
  maxBins: 255,
  seed: 7,
  earlyStoppingRounds: 20,
};

const RANGES: Record<string, [number, number, boolean]> = {
  nRounds: [1, 100000, true], learningRate: [1e-6, 1, false], maxDepth: [1, 16, true], maxLeaves: [0, 65536, true],
  l2: [0, 1e9, false], l1: [0, 1e9, false], minSplitLoss: [0, 1e9, false], minChildWeight: [0, 1e9, false],
  subsample: [1e-6, 1, false], colsampleByTree: [1e-6, 1, false], maxBins: [2, 255, true], seed: [0, 2 ** 32 - 1, true],
  earlyStoppingRounds: [0, 100000, true],
};

/** Fills defaults and checks ranges; returns the first problem as `name: rule` in `problem`. */
export function resolveGbdtParams(given: Partial<GbdtParams>): { params: GbdtParams; problem?: string } {
  const params = { ...DEFAULT_PARAMS, ...given } as GbdtParams;
  if (params.objective !== 'binary:logistic' && params.objective !== 'reg:squarederror') {
    return { params, problem: `objective: must be binary:logistic or reg:squarederror, got ${String(params.objective)}` };
  }
  for (const [k, [lo, hi, int]] of Object.entries(RANGES)) {
    const v = (params as unknown as Record<string, unknown>)[k];
    if (typeof v !== 'number' || Number.isNaN(v) || v < lo || v > hi || (int && !Number.isInteger(v))) {
      return { params, problem: `${k}: must be ${int ? 'an integer' : 'a number'} in [${lo}, ${hi}], got ${String(v)}` };
    }
  }
  return { params };
}
