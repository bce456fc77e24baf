import OpenAI from 'openai';
import type { Config } from '../../config/schema.js';
import type { AnalysisData, WrittenText } from './types.js';

export type LlmConfig = Config['llm'];

export interface RewriteOutcome {
  text: WrittenText;
  writer: 'builtin' | 'llm';
  /** Why the built-in text was kept, when an LLM was configured. */
  note: string | null;
}

const SYSTEM = [
  'You are a careful crypto market analyst. You receive a mechanical technical-analysis report and the numbers behind it.',
  'Rewrite and extend it for a trader: keep every number exactly as given, invent no new numbers, levels, confidences or news.',
  'Answer with one JSON object only: {"analysis": "<detailed English report, plain text paragraphs>", "analysis_summarized": "<short summary in Persian (Farsi)>"}.',
].join(' ');

/** True when the endpoint is configured enough to be called. */
export function llmConfigured(cfg: LlmConfig | undefined): cfg is LlmConfig & { baseUrl: string; model: string } {
  return Boolean(cfg?.baseUrl && cfg.model);
}

/** Local servers often wrap JSON in prose or code fences; take the outermost object. */
function extractJson(content: string): unknown {
  const start = content.indexOf('{');
  const end = content.lastIndexOf('}');
  if (start < 0 || end <= start) throw new ReplyError('the reply holds no JSON object');
  return JSON.parse(content.slice(start, end + 1));
}

/** Failures this module raises itself about the reply; their messages hold no upstream text. */
class ReplyError extends Error {}

/**
 * What went wrong, in our words only. The endpoint's own error text is never repeated: it
 * has carried masked and even full API keys (endpoints that echo request headers), and the
 * note goes to every client of the response.
 */
export function llmFailureSummary(e: unknown, timeoutMs: number): string {
  const err = e as { name?: string; message?: string; status?: unknown };
  if (e instanceof ReplyError) return `LLM reply unusable: ${e.message}`;
  if (e instanceof OpenAI.APIError && typeof e.status === 'number') {
    const s = e.status;
    const what = s === 401 || s === 403 ? 'refused the credentials' : s === 404 ? 'does not know the model or path' : s === 429 ? 'is rate limiting' : s >= 500 ? 'failed' : 'rejected the request';
    return `LLM endpoint ${what} (HTTP ${s})`;
  }
  // The client's own abort/timeout errors (matched, never quoted).
  if (/Timeout|Abort/.test(err?.name ?? '') || /timed? ?out|abort/i.test(err?.message ?? '')) return `LLM timed out after ${timeoutMs} ms`;
  if (err?.name === 'APIConnectionError') return 'LLM endpoint unreachable';
  if (e instanceof SyntaxError) return 'LLM reply unusable: not valid JSON';
  return 'LLM call failed';
}

const ARABIC_SCRIPT = /[\u0600-\u06FF]/;

function validate(obj: unknown): WrittenText {
  const o = obj as Partial<WrittenText> | null;
  if (!o || typeof o.analysis !== 'string' || o.analysis.trim().length < 40) throw new ReplyError('the reply has no usable "analysis"');
  if (typeof o.analysis_summarized !== 'string' || !ARABIC_SCRIPT.test(o.analysis_summarized)) throw new ReplyError('the reply has no Persian "analysis_summarized"');
  return { analysis: o.analysis.trim(), analysis_summarized: o.analysis_summarized.trim() };
}

/**
 * Asks any OpenAI-compatible endpoint to rewrite the built-in text. Never throws: a
 * slow, failing or nonsensical LLM leaves the built-in text in place, with the reason.
 */
export async function rewriteWithLlm(cfg: LlmConfig | undefined, data: AnalysisData, builtin: WrittenText): Promise<RewriteOutcome> {
  if (!llmConfigured(cfg)) return { text: builtin, writer: 'builtin', note: null };
  const client = new OpenAI({
    baseURL: cfg.baseUrl,
    // Local servers need no key, but the client refuses to start without one.
    apiKey: cfg.apiKey ?? 'not-needed',
    timeout: cfg.timeoutMs,
    // A retry would double the wait the caller already budgeted with timeoutMs.
    maxRetries: 0,
  });
  try {
    const completion = await client.chat.completions.create(
      {
        model: cfg.model,
        temperature: 0.2,
        messages: [
          { role: 'system', content: SYSTEM },
          { role: 'user', content: `Numbers (JSON):\n${JSON.stringify(data)}\n\nEnglish report:\n${builtin.analysis}\n\nPersian summary:\n${builtin.analysis_summarized}` },
        ],
      },
      { signal: AbortSignal.timeout(cfg.timeoutMs) },
    );
    const content = completion.choices?.[0]?.message?.content;
    if (!content) throw new ReplyError('empty reply');
    return { text: validate(extractJson(content)), writer: 'llm', note: null };
  } catch (e) {
    return { text: builtin, writer: 'builtin', note: `${llmFailureSummary(e, cfg.timeoutMs)}; built-in text used` };
  }
}
