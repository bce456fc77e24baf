export { computeMetrics, backtestingPyStats, maxDrawdown, dailyCloses, CRYPTO_DAYS_PER_YEAR, type Metrics, type MetricsInput, type BacktestingPyStats } from './metrics.js';
export { RollingMean, cmp, TIE_REL } from './sma.js';
export { smaCrossFast, type SmaCrossParams, type FastCosts } from './sma-cross-fast.js';
export type { RunResult } from './result.js';
