/**
 * SPEC A's analysis response on the wire. The analysis service builds the response with
 * core's camelCase Signal inside; this is where it takes SPEC C's record shape, for the
 * HTTP answer, its cached bytes and `sextant analyze --json` alike.
 */
import type { AnalysisData, AnalysisResponse } from '../../services/analysis/types.js';
import { signalToWire, type SignalWire } from './signal.js';

export type AnalysisDataWire = Omit<AnalysisData, 'signal'> & {
  /** The CCXT name of the timeframe (`1d`), whatever spelling the caller used. */
  timeframe_ccxt: string;
  signal: SignalWire;
};
export type AnalysisWire = Omit<AnalysisResponse, 'data'> & { data: AnalysisDataWire };

/**
 * `data.timeframe` echoes the caller's spelling (`day1` stays `day1`, as a seed 000 client
 * compares it); `data.timeframe_ccxt` is the normalized name.
 */
export function analysisToWire(r: AnalysisResponse, req?: { timeframeLabel?: string }): AnalysisWire {
  const { signal, ...data } = r.data;
  return { ...r, data: { ...data, timeframe: req?.timeframeLabel ?? data.timeframe, timeframe_ccxt: data.timeframe, signal: signalToWire(signal) } };
}
