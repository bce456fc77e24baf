export { AnalysisService, analyzeLoaded, analysisHistory, type AnalyzeRequest, type AnalysisServiceOptions } from './service.js';
export { analyzeCandles, type AnalysisCore } from './compute.js';
export { analysisChartInput } from './chart.js';
export { rewriteWithLlm, type RewriteOutcome } from './llm.js';
export { writeEnglish } from './writer-en.js';
export { writePersian } from './writer-fa.js';
export type * from './types.js';
