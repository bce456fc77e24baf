import type { PullbackState, Signal } from '../../core/signals/types.js';

/**
 * The categories the reports state, decided once here from the numbers, and the words
 * each language uses for them. The English report and the Persian summary both render
 * these labels, so they cannot disagree (test/services/analysis/text-consistency.test.ts).
 */

export type TrendStrength = 'weak' | 'moderate' | 'strong' | 'unknown';
export type VolatilityLevel = 'low' | 'normal' | 'high' | 'unknown';
export type SetupStatus = 'none' | 'valid' | 'invalidated' | 'tp1-reached' | 'waiting-pullback' | 'low-risk-reward' | 'invalid-prices';

/** Wilder's reading of ADX: below 20 no directional trend, 20-30 moderate, above 30 strong; unknown during warm-up. */
export function trendStrength(adx: number | null): TrendStrength {
  if (adx === null) return 'unknown';
  return adx < 20 ? 'weak' : adx < 30 ? 'moderate' : 'strong';
}

/**
 * One volatility reading from both measures, each against its own median over the
 * analysed window (ATR14 as a percent of price, Bollinger width as a percent of the middle
 * band): the mean of the two ratios below 0.75 is low, above 1.33 high. Relative, because
 * 14 % a week is ordinary for SOL and extreme for BTC; one number, because two readings
 * (ATR "high", bands "normal") would contradict each other. Unknown when neither ratio is
 * defined (fewer than 20 values to take a median of).
 */
export function volatilityLevel(atrVsMedian: number | null, widthVsMedian: number | null): VolatilityLevel {
  const rs = [atrVsMedian, widthVsMedian].filter((r): r is number => r !== null && Number.isFinite(r));
  if (!rs.length) return 'unknown';
  const r = rs.reduce((a, b) => a + b, 0) / rs.length;
  return r < 0.75 ? 'low' : r > 1.33 ? 'high' : 'normal';
}

/** Why a plan is or is not tradable now, worst reason first (as core/signals/plan.ts lists them). */
export function setupStatus(s: Signal, pullback: PullbackState | null, minRiskReward: number): SetupStatus {
  if (s.direction === 'neutral' || s.entry1 === null) return 'none';
  if (s.valid) return 'valid';
  if (pullback === 'invalidated') return 'invalidated';
  // Past the leg's end means past TP1 too: TP1 is the nearest target, never beyond the leg's end.
  if (pullback === 'extended') return 'tp1-reached';
  if (pullback === 'none') return 'waiting-pullback';
  if (!((s.riskRewardRatio ?? NaN) >= minRiskReward)) return 'low-risk-reward';
  return 'invalid-prices';
}

/** The phrase each language uses for each category; no phrase contains another of its kind. */
export const LABELS = {
  en: {
    strength: { weak: 'strength weak', moderate: 'strength moderate', strong: 'strength strong', unknown: 'strength unknown' },
    volatility: { low: 'volatility is low', normal: 'volatility is normal', high: 'volatility is high', unknown: 'volatility cannot be measured yet' },
    setup: {
      none: 'no trade setup at the moment',
      valid: 'the setup is valid',
      invalidated: 'the setup is invalidated',
      'tp1-reached': 'TP1 was already reached',
      'waiting-pullback': 'the setup is not valid yet',
      'low-risk-reward': 'the setup fails the risk-reward minimum',
      'invalid-prices': 'the plan\'s prices are out of order',
    },
  },
  fa: {
    strength: { weak: 'با قدرت ضعیف', moderate: 'با قدرت متوسط', strong: 'با قدرت قوی', unknown: 'با قدرت نامشخص' },
    volatility: { low: 'نوسان پایین است', normal: 'نوسان عادی است', high: 'نوسان بالا است', unknown: 'نوسان هنوز قابل اندازه‌گیری نیست' },
    setup: {
      none: 'فعلاً ستاپ معاملاتی وجود ندارد',
      valid: 'ستاپ معتبر است',
      invalidated: 'ستاپ باطل شده است',
      'tp1-reached': 'هدف اول قبلاً لمس شده است',
      'waiting-pullback': 'ستاپ هنوز معتبر نیست',
      'low-risk-reward': 'نسبت ریسک به ریوارد کمتر از حداقل است',
      'invalid-prices': 'قیمت‌های برنامه ترتیب درستی ندارند',
    },
  },
} as const satisfies Record<'en' | 'fa', {
  strength: Record<TrendStrength, string>;
  volatility: Record<VolatilityLevel, string>;
  setup: Record<SetupStatus, string>;
}>;
