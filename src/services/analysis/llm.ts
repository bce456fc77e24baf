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
  if (start < 0 || end <= start) throw new Error('the reply holds no JSON object');
  return JSON.parse(content.slice(start, end + 1));
}

const ARABIC_SCRIPT = /[\u0600-\u06FF]/;

function validate(obj: unknown): WrittenText {
  const o = obj as Partial<WrittenText> | null;
  if (!o || typeof o.analysis !== 'string' || o.analysis.trim().length < 40) throw new Error('the reply has no usable "analysis"');
  if (typeof o.analysis_summarized !== 'string' || !ARABIC_SCRIPT.test(o.analysis_summarized)) throw new Error('the reply has no Persian "analysis_summarized"');
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
    if (!content) throw new Error('empty reply');
    return { text: validate(extractJson(content)), writer: 'llm', note: null };
  } catch (e) {
    const err = e as Error;
    const reason = err.name === 'TimeoutError' || err.name === 'APIConnectionTimeoutError' || /timed? ?out|abort/i.test(err.message)
      ? `LLM timed out after ${cfg.timeoutMs} ms`
      : `LLM failed: ${err.message.split('\n')[0]!.slice(0, 200)}`;
    return { text: builtin, writer: 'builtin', note: `${reason}; built-in text used` };
  }
}
