import type { SignalOptions, StructureConfig } from './types.js';

/** SPEC C's defaults; everything else chosen so a daily crypto series gives a handful of levels. */
export const DEFAULT_STRUCTURE_CONFIG: StructureConfig = Object.freeze({
  strength: 5,
  rsiPeriod: 14,
  atrPeriod: 14,
  rsiOverbought: 70,
  rsiOversold: 30,
  levelTolAtr: 0.5,
  obDisplacementAtr: 0.5,
  obMaxLookback: 10,
  fibLong: Object.freeze({ entry1: 0.70, entry2: 0.72, stop: 0.90, approaching: 0.618 }),
  fibShort: Object.freeze({ entry1: 0.618, entry2: 0.69, stop: 0.789, approaching: 0.5 }),
  pullbackStart: 0.382,
  // Half an ATR: beyond the wicks that retest a swing, not so far that no target pays for
  // the risk (on the bundled data 66 % of otherwise valid plans pass the R:R gate at 0.5,
  // 34 % at 1 ATR, 84 % with no buffer).
  stopAtrBuffer: 0.5,
  tp2Extension: 1.272,
  tp3Extension: 1.618,
  minRiskReward: 1,
  minSample: 20,
}) as StructureConfig;

/** Defaults overlaid with the given options; rejects values that would make the plan meaningless. */
export function resolveStructureConfig(opts: SignalOptions = {}): StructureConfig {
  const d = DEFAULT_STRUCTURE_CONFIG;
  // One property read per field (every computed window resolves its config).
  const cfg: StructureConfig = {
    strength: opts.strength ?? d.strength,
    rsiPeriod: opts.rsiPeriod ?? d.rsiPeriod,
    atrPeriod: opts.atrPeriod ?? d.atrPeriod,
    rsiOverbought: opts.rsiOverbought ?? d.rsiOverbought,
    rsiOversold: opts.rsiOversold ?? d.rsiOversold,
    levelTolAtr: opts.levelTolAtr ?? d.levelTolAtr,
    obDisplacementAtr: opts.obDisplacementAtr ?? d.obDisplacementAtr,
    obMaxLookback: opts.obMaxLookback ?? d.obMaxLookback,
    fibLong: { ...d.fibLong, ...opts.fibLong },
    fibShort: { ...d.fibShort, ...opts.fibShort },
    pullbackStart: opts.pullbackStart ?? d.pullbackStart,
    stopAtrBuffer: opts.stopAtrBuffer ?? d.stopAtrBuffer,
    tp2Extension: opts.tp2Extension ?? d.tp2Extension,
    tp3Extension: opts.tp3Extension ?? d.tp3Extension,
    minRiskReward: opts.minRiskReward ?? d.minRiskReward,
    minSample: opts.minSample ?? d.minSample,
  };
  if (!Number.isInteger(cfg.strength) || cfg.strength < 1) throw new RangeError(`strength must be an integer >= 1, got ${cfg.strength}`);
  if (!Number.isInteger(cfg.minSample) || cfg.minSample < 1) throw new RangeError(`minSample must be an integer >= 1, got ${cfg.minSample}`);
  if (!Number.isInteger(cfg.obMaxLookback) || cfg.obMaxLookback < 1) throw new RangeError(`obMaxLookback must be an integer >= 1, got ${cfg.obMaxLookback}`);
  for (const [side, f] of [['fibLong', cfg.fibLong], ['fibShort', cfg.fibShort]] as const) {
    // Retracement ratios must deepen from approach to stop, or stop < entry < target cannot hold.
    if (!(0 < f.approaching && f.approaching <= f.entry1 && f.entry1 <= f.entry2 && f.entry2 < f.stop && f.stop <= 1)) {
      throw new RangeError(`${side}: need 0 < approaching <= entry1 <= entry2 < stop <= 1, got ${JSON.stringify(f)}`);
    }
  }
  if (!(cfg.stopAtrBuffer >= 0)) throw new RangeError(`stopAtrBuffer must be >= 0, got ${cfg.stopAtrBuffer}`);
  if (!(cfg.tp2Extension > 1 && cfg.tp3Extension > cfg.tp2Extension)) throw new RangeError('need 1 < tp2Extension < tp3Extension');
  return cfg;
}
