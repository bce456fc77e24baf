/**
 * SPEC A's analysis response on the wire. The analysis service builds the response with
 * core's camelCase Signal inside; this is where it takes SPEC C's record shape, for the
 * HTTP answer, its cached bytes and `sextant analyze --json` alike.
 */
import type { AnalysisData, AnalysisResponse } from '../../services/analysis/types.js';
import { signalToWire, type SignalWire } from './signal.js';

export type AnalysisDataWire = Omit<AnalysisData, 'signal'> & { signal: SignalWire };
export type AnalysisWire = Omit<AnalysisResponse, 'data'> & { data: AnalysisDataWire };

export function analysisToWire(r: AnalysisResponse): AnalysisWire {
  return { ...r, data: { ...r.data, signal: signalToWire(r.data.signal) } };
}
