import type { AnalysisData } from './types.js';
import { num, pct, price } from './format.js';
import { LABELS } from './readings.js';

const EN = LABELS.en;

function trendParagraph(d: AnalysisData): string {
  const t = d.trend;
  const i = d.indicators;
  const dir = t.direction === 'up' ? 'an uptrend' : t.direction === 'down' ? 'a downtrend' : 'no clear trend (sideways)';
  const align = {
    bullish: 'EMA9 > EMA21 > EMA50, the bullish order',
    bearish: 'EMA9 < EMA21 < EMA50, the bearish order',
    mixed: 'the EMAs are interleaved, so short- and medium-term direction disagree',
    unknown: 'there are too few candles for all three EMAs',
  }[t.ema_alignment];
  // ADX measures directional movement, not its side: strong ADX with disagreeing EMAs is a turn or a whipsaw.
  const adx = t.strength === 'unknown' ? 'ADX14 n/a: it needs 28 candles' : `ADX14 ${num(i.adx14)}; below 20 means no directional trend, above 30 a strong one`;
  const turning = t.direction === 'sideways' && (t.strength === 'moderate' || t.strength === 'strong') ? ': directional movement without EMA agreement is often a trend turning' : '';
  const strength = `${EN.strength[t.strength]} (${adx})${turning}`;
  return `Trend: ${d.pair} on ${d.timeframe} is in ${dir}, ${strength}. `
    + `Close ${price(d.close)} is ${pct(t.close_vs_ema50_pct)} from EMA50 (${price(i.ema50)}); EMA9 ${price(i.ema9)}, EMA21 ${price(i.ema21)}: ${align}. `
    + `Over the ${d.candles} candles analysed the price moved ${pct(t.change_pct)}.`;
}

function momentumParagraph(d: AnalysisData): string {
  const m = d.momentum;
  const i = d.indicators;
  const rsiText = {
    overbought: 'overbought (>= 70): upside momentum is stretched and pullbacks are common from here',
    oversold: 'oversold (<= 30): selling is stretched and bounces are common from here',
    bullish: 'above 50: buyers have the upper hand',
    bearish: 'below 50: sellers have the upper hand',
    unknown: 'not yet defined (warm-up)',
  }[m.rsi_zone];
  const change = m.rsi_change5 === null ? '' : ` RSI ${m.rsi_change5 >= 0 ? 'rose' : 'fell'} ${num(Math.abs(m.rsi_change5))} points over the last 5 candles.`;
  const mfiText = m.mfi_zone === 'unknown' ? 'MFI14 is not defined yet.'
    : `MFI14 (volume-weighted RSI) is ${num(i.mfi14)}, ${m.mfi_zone}${m.mfi_zone !== m.rsi_zone ? ', which does not confirm RSI' : ', in line with RSI'}.`;
  return `Momentum: RSI14 is ${num(i.rsi14)}, ${rsiText}.${change} ${mfiText}`;
}

function volatilityParagraph(d: AnalysisData): string {
  const v = d.volatility;
  const b = d.indicators.bb;
  const vs = (r: number | null) => (r === null ? '' : `, ${num(r, 2)}x its median over the window`);
  const pos = v.bb_position === null ? '' : ` The close sits at ${num(v.bb_position * 100, 0)}% of the band (0% lower, 100% upper).`;
  const atr = v.atr === null ? 'ATR14 is not defined yet (it needs 15 candles)' : `ATR14 is ${price(v.atr)} (${num(v.atr_pct, 2)}% of price${vs(v.atr_vs_median)})`;
  const bands = b.middle === null ? 'Bollinger Bands (20, 2) are not defined yet (they need 20 candles)'
    : `Bollinger Bands (20, 2) ${price(b.lower)} / ${price(b.middle)} / ${price(b.upper)}, width ${num(v.bb_width_pct, 2)}% of the middle band${vs(v.bb_width_vs_median)}`;
  return `Volatility: ${EN.volatility[v.level]} for this market (ATR14 and Bollinger width against their medians over the ${d.candles} candles). ${atr}; ${bands}.${pos}`;
}

function volumeParagraph(d: AnalysisData): string {
  const v = d.volume;
  const ratio = v.ratio_to_avg20 === null ? 'cannot be compared with an average yet'
    : `is ${num(v.ratio_to_avg20, 2)}x the 20-candle average${v.ratio_to_avg20 >= 2 ? ' (heavy: the move has participation)' : v.ratio_to_avg20 < 0.7 ? ' (light: moves on thin volume are less reliable)' : ''}`;
  const share = v.up_volume_share20 === null ? '' : ` Over the last ${Math.min(20, d.candles)} candles ${num(v.up_volume_share20 * 100, 0)}% of the volume traded on up-closing candles.`;
  return `Volume: the last candle's volume ${ratio}.${share}`;
}

function levelsParagraph(d: AnalysisData): string {
  if (!d.levels.length) return 'Levels: no active support or resistance cluster was found in this window.';
  const fmt = (role: 'support' | 'resistance') => d.levels.filter((l) => l.role === role)
    .map((l) => `${price(l.price)} (${pct(l.distance_pct)}, ${l.touches} touch${l.touches === 1 ? '' : 'es'})`).join(', ') || 'none active';
  return `Levels (clustered swing pivots): support ${fmt('support')}; resistance ${fmt('resistance')}.`;
}

function planParagraph(d: AnalysisData): string {
  const s = d.signal;
  const conf = s.confidenceScore === null
    ? `confidence: not enough comparable earlier setups to measure (${s.confidenceSample} found)`
    : `measured confidence ${num(s.confidenceScore * 100, 0)}% (TP1 before stop in ${s.confidenceSample} comparable earlier setups)`;
  const factors = s.confluence.length ? `confluence ${s.confluence.join(',')}` : 'no confluence factor fired';
  if (s.direction === 'neutral' || s.entry1 === null) {
    return `Plan: ${EN.setup.none} (market score ${s.marketScore}/100, ${factors}). Wait for price to reach a level or for a new swing leg.`;
  }
  const why = s.valid ? '' : ` (${s.invalidReasons.join('; ')})`;
  return `Plan: ${s.direction} pullback setup from the last swing leg (low ${price(s.swingLow)}, high ${price(s.swingHigh)}): `
    + `entries ${price(s.entry1)} and ${price(s.entry2)}, stop ${price(s.sl)}, targets ${price(s.tp1)} / ${price(s.tp2)} / ${price(s.tp3)}, `
    + `risk-reward ${num(s.riskRewardRatio, 2)}. Market score ${s.marketScore}/100 with ${factors}; ${conf}. Status: ${EN.setup[d.setup]}${why}.`;
}

function risksParagraph(d: AnalysisData): string {
  const r: string[] = [];
  if (d.trend.strength === 'weak') r.push('ADX is low, so breakouts tend to fail and ranges to persist');
  if (d.momentum.rsi_zone === 'overbought') r.push('RSI is overbought; chasing longs here risks buying the top');
  if (d.momentum.rsi_zone === 'oversold') r.push('RSI is oversold; fresh shorts risk selling the bottom');
  const nearest = d.levels.filter((l) => Math.abs(l.distance_pct) < 1.5);
  for (const l of nearest) r.push(`price is within ${num(Math.abs(l.distance_pct), 2)}% of ${l.role} ${price(l.price)}`);
  if (d.volatility.level === 'low' && d.volatility.regime === 'squeeze') r.push('quiet markets with squeezed bands often resolve sharply in either direction');
  if (d.volatility.level === 'high') r.push('stops get hit more often while moves are this much wider than usual');
  if (d.volatility.atr_pct !== null && d.volatility.atr_pct > 6) r.push(`a typical candle spans ${num(d.volatility.atr_pct, 1)}% of price (ATR14): size positions for that range`);
  if (d.data_quality.missing_candles > 0) r.push(`the data has ${d.data_quality.missing_candles} missing candles in ${d.data_quality.gaps} gaps`);
  if (d.candles < 60) r.push(`only ${d.candles} candles were analysed; EMA50 and the levels need more history to be reliable`);
  r.push('this is a mechanical reading of indicators, not financial advice');
  return `Risks: ${r.join('; ')}.`;
}

/** The detailed English report: one paragraph per aspect, every number from `d`. */
export function writeEnglish(d: AnalysisData): string {
  return [
    `${d.pair} ${d.timeframe} technical analysis, last candle ${d.last_candle_time} (source ${d.source}), close ${price(d.close)}.`,
    trendParagraph(d), momentumParagraph(d), volatilityParagraph(d), volumeParagraph(d), levelsParagraph(d), planParagraph(d), risksParagraph(d),
  ].join('\n\n');
}
