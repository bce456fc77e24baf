import type { Pair } from '../../core/types.js';
import type { Cache } from '../../infra/cache/types.js';
import type { Timeframe } from '../../core/timeframes.js';
import { candleCount } from '../../core/series.js';
import { STRUCTURE_LOOKBACK } from '../../core/signals/lookback.js';
import { UnavailableError } from '../../errors.js';
import { type MarketSource } from '../../sources/market/types.js';
import { parsePair } from '../../core/types.js';
import { loadCandles, type LoadedCandles } from '../candles.js';
import type { Service, ServiceHealth } from '../../kernel/service.js';
import { analyzeCandles } from './compute.js';
import type { LlmConfig } from './llm.js';

// Not llm.ts's own test: importing it loads the OpenAI client, which this module defers.
const llmConfigured = (cfg: LlmConfig | undefined): cfg is LlmConfig & { baseUrl: string; model: string } => Boolean(cfg?.baseUrl && cfg.model);
import type { AnalysisResponse } from './types.js';
import { writeEnglish } from './writer-en.js';
import { writePersian } from './writer-fa.js';

export interface AnalyzeRequest {
  pair?: string;
  timeframe: Timeframe;
  limit: number;
  /** The timeframe as the caller spelled it (`day1`), echoed back by the wire format; default `timeframe`. */
  timeframeLabel?: string;
}

export interface AnalysisServiceOptions {
  source: MarketSource;
  cache?: Cache;
  llm?: LlmConfig;
  /**
   * How long a cached analysis lives. The key holds the last candle's open time, but a
   * live source's last candle is still forming, so entries must also age out.
   */
  ttlMs?: number;
  /**
   * The response as it goes on the wire (SPEC A field names); the caller that owns the
   * wire format supplies it, so cached bytes are already in that shape. Default: as is.
   */
  encode?: (r: AnalysisResponse, req: AnalyzeRequest) => unknown;
}

/** Candles to load for an analysis of `limit` candles: the structure needs its lookback too. */
export function analysisHistory(limit: number): number {
  return Math.max(limit, STRUCTURE_LOOKBACK);
}

/**
 * Everything SPEC A returns, from candles already loaded (no cache): the report covers the
 * last `limit` of them (default all), the levels come from the lookback rule over all.
 */
export async function analyzeLoaded(loaded: LoadedCandles, source: string, llm?: LlmConfig, limit?: number): Promise<AnalysisResponse> {
  // The source answered without data: the caller may try later (503), it is not a bug here (500).
  if (candleCount(loaded.candles) === 0) throw new UnavailableError(source, `${source} has no ${loaded.timeframe} candles for ${loaded.symbol} right now`, { retryAfterS: 30 });
  const core = analyzeCandles(loaded, source, limit);
  const builtin = { analysis: writeEnglish(core.data), analysis_summarized: writePersian(core.data) };
  // Loaded on first use: the chart stack (Skia, or resvg as its fallback) and the OpenAI client would slow
  // the start of every process that wires this service but never analyses.
  const [{ analysisChartDataUrl }, { rewriteWithLlm }] = await Promise.all([import('./chart.js'), import('./llm.js')]);
  // Chart and LLM do not depend on each other: the LLM's wait hides the rasterisation.
  const [chart, written] = await Promise.all([analysisChartDataUrl(core.display, core), rewriteWithLlm(llm, core.data, builtin)]);
  return {
    status: 'success',
    analysis: written.text.analysis,
    analysis_summarized: written.text.analysis_summarized,
    message: null,
    chart_image_base64: chart,
    writer: written.writer,
    writer_note: written.note,
    data: core.data,
  };
}

/**
 * On-demand analysis with a cache in front. Cached values are the serialised response
 * bytes, so a hit costs one small candle lookup and a socket write.
 */
export class AnalysisService implements Service {
  private readonly inflight = new Map<string, Promise<Buffer>>();
  private cacheError: string | undefined;
  private llmFailure: string | undefined;

  /** Who writes the text, fixed for the service's life. */
  private readonly writer: string;

  constructor(private readonly opts: AnalysisServiceOptions) {
    this.writer = opts.llm?.baseUrl && opts.llm.model ? `llm:${opts.llm.model}` : 'builtin';
  }

  /**
   * Key: source, pair, timeframe, limit, last candle time and who writes the text. The last
   * candle is looked up on every request (never memoised): a new candle changes the key, so
   * a cached answer is never served once newer candles exist.
   */
  private async cacheKey(symbol: Pair, req: AnalyzeRequest): Promise<string> {
    const head = await this.opts.source.candles(symbol, req.timeframe, { limit: 1 });
    const last = candleCount(head) ? head.time[candleCount(head) - 1]! : 0;
    // The caller's spelling of the timeframe is echoed in the bytes, so it is part of the key.
    const label = req.timeframeLabel && req.timeframeLabel !== req.timeframe ? `|as:${req.timeframeLabel}` : '';
    return `analysis:v1|${this.opts.source.id}|${symbol}|${req.timeframe}|${req.limit}|${last}|${this.writer}${label}`;
  }

  /** Spellings already parsed (valid ones only, bounded): the same pairs come on every request. */
  private readonly pairs = new Map<string, Pair>();

  private pairOf(input: string): Pair {
    let pair = this.pairs.get(input);
    if (pair === undefined) {
      pair = parsePair(input);
      if (this.pairs.size >= 1024) this.pairs.clear();
      this.pairs.set(input, pair);
    }
    return pair;
  }

  /** The response as UTF-8 JSON bytes, from the cache when possible. */
  async analyzeJson(req: AnalyzeRequest): Promise<{ body: Buffer; cached: boolean }> {
    if (!this.opts.cache) return { body: this.bytes(await this.analyze(req), req), cached: false };
    const symbol = this.pairOf(req.pair ?? '');
    const key = await this.cacheKey(symbol, req);
    // A cache that is away costs the cache, not the answer: computed fresh, reported on /health.
    const hit = await this.opts.cache.get(key).then(
      (v) => ((this.cacheError = undefined), v),
      (e: Error) => ((this.cacheError = e.message), undefined),
    );
    if (hit !== undefined) return { body: hit, cached: true };
    // Identical concurrent misses share one computation instead of rendering N charts.
    let pending = this.inflight.get(key);
    if (!pending) {
      pending = this.compute(symbol, req).then(async ({ body, cacheable }) => {
        // An answer that fell back because the LLM failed is not kept: the next request tries the LLM again.
        if (cacheable) await this.opts.cache!.set(key, body, this.opts.ttlMs ?? (this.opts.source.id === 'replay' ? 3_600_000 : 30_000)).catch(() => undefined);
        return body;
      }).finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
    }
    return { body: await pending, cached: false };
  }

  private async compute(symbol: Pair, req: AnalyzeRequest): Promise<{ body: Buffer; cacheable: boolean }> {
    const loaded = await loadCandles(this.opts.source, { pair: symbol, timeframe: req.timeframe, limit: analysisHistory(req.limit) });
    const r = this.noteWriter(await analyzeLoaded(loaded, this.opts.source.id, this.opts.llm, req.limit));
    return { body: this.bytes(r, req), cacheable: r.writer_note === null };
  }

  /** The LLM's last outcome, for /health: a failing LLM degrades the text, never the answer. */
  private noteWriter(r: AnalysisResponse): AnalysisResponse {
    if (llmConfigured(this.opts.llm)) this.llmFailure = r.writer === 'llm' ? undefined : (r.writer_note ?? 'LLM text not used');
    return r;
  }

  /** ok, or degraded with the reason of the last failed rewrite (the built-in text was served). */
  llmHealth(): ServiceHealth {
    const llm = this.opts.llm;
    if (!llmConfigured(llm)) return { status: 'ok', details: { configured: false, writer: 'builtin' } };
    const details = { configured: true, model: llm.model, baseUrl: llm.baseUrl };
    return this.llmFailure ? { status: 'degraded', reason: `${this.llmFailure} (answers carry the built-in text)`, details } : { status: 'ok', details };
  }

  private bytes(r: AnalysisResponse, req: AnalyzeRequest): Buffer {
    return Buffer.from(JSON.stringify(this.opts.encode ? this.opts.encode(r, req) : r));
  }

  async stop(): Promise<void> {
    // Requests in flight finish; their cache writes are best effort anyway.
    await Promise.allSettled([...this.inflight.values()]);
  }

  health(): ServiceHealth {
    const details = { source: this.opts.source.id, writer: this.opts.llm?.baseUrl && this.opts.llm.model ? 'llm' : 'builtin', cache: this.opts.cache?.backend ?? 'none' };
    return this.cacheError
      ? { status: 'degraded', reason: `analysis runs uncached: ${this.cacheError}`, details }
      : { status: 'ok', details };
  }

  /** Uncached analysis (CLI; a FileSource for --input files). */
  async analyze(req: AnalyzeRequest): Promise<AnalysisResponse> {
    const loaded = await loadCandles(this.opts.source, { pair: req.pair, timeframe: req.timeframe, limit: analysisHistory(req.limit) });
    return analyzeLoaded(loaded, this.opts.source.id, this.opts.llm, req.limit);
  }
}
