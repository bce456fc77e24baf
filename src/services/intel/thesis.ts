import OpenAI from 'openai';
import type { LlmConfig } from '../analysis/llm.js';
import type { IntelSignal } from './types.js';

type Draft = Omit<IntelSignal, 'thesis' | 'thesis_fa' | 'writer' | 'writer_note'>;

const pct = (x: number | null) => (x === null ? 'n/a' : `${Math.round(x)}`);

/** The built-in English thesis: every sentence from a number in the draft. */
export function writeThesisEn(d: Draft): string {
  const s: string[] = [];
  const dv = d.divergence;
  s.push(`${d.signal} ${d.symbol} (${d.timeframe}) over the next ${d.horizon_hours} h.`);
  if (dv.points === null) s.push('No divergence could be measured: ' + (dv.whale_score === null ? 'the whale score is missing' : 'the crowd\'s mood is missing') + '.');
  else s.push(`Whales score ${pct(dv.whale_score)} (${dv.whale_input}) against a crowd at ${pct(dv.retail_fear_greed)}/100 (${dv.retail_input}): a ${dv.view} divergence of ${Math.round(Math.abs(dv.points))} points${dv.high ? ', above the 50-point bar for a strong one' : ''}.`);
  const t = d.parts.technical;
  s.push(t.status === 'present' ? `The technical structure points ${t.direction} (market score ${t.market_score}/100${t.valid ? '' : ', plan not valid'}).` : `Technical signal missing: ${t.reason}.`);
  const b = d.parts.orderbook;
  if (b.status === 'present') s.push(`Order book: imbalance ${(b.imbalance * 100).toFixed(0)}% ${b.imbalance >= 0 ? 'to bids' : 'to asks'}, spread ${b.spread_bps.toPrecision(2)} bp${b.spoofs.length ? `, ${b.spoofs.length} spoof events` : ''}.`);
  s.push(d.confidence !== null ? `This rule's ${d.signal} calls were right ${d.confidence}% of the time over ${d.confidence_sample} past signals.` : `No measured confidence: ${d.confidence_note}.`);
  s.push(`Sizing: ${d.position_sizing}.`);
  return s.join(' ');
}

const FA_ACTION = { BUY: 'خرید', SELL: 'فروش', HOLD: 'نگهداری (بدون معامله)' } as const;
const FA_VIEW = { bullish: 'صعودی', bearish: 'نزولی', neutral: 'خنثی' } as const;
const FA_SIZE = { conservative: 'محافظه‌کارانه', moderate: 'متوسط', aggressive: 'تهاجمی' } as const;

/** The built-in Persian summary. */
export function writeThesisFa(d: Draft): string {
  const dv = d.divergence;
  const s: string[] = [];
  s.push(`سیگنال ${FA_ACTION[d.signal]} برای ${d.symbol} در تایم‌فریم ${d.timeframe}، افق ${d.horizon_hours} ساعت.`);
  s.push(dv.points === null ? 'واگرایی نهنگ‌ها و بازار قابل اندازه‌گیری نبود.' : `واگرایی ${FA_VIEW[dv.view]} به اندازه ${Math.round(Math.abs(dv.points))} امتیاز${dv.high ? ' (قوی)' : ''}.`);
  s.push(d.confidence !== null ? `نرخ موفقیت اندازه‌گیری‌شده: ${d.confidence}٪ در ${d.confidence_sample} سیگنال گذشته.` : 'اطمینان اندازه‌گیری‌شده در دسترس نیست.');
  s.push(`اندازه موقعیت: ${FA_SIZE[d.position_sizing]}.`);
  return s.join(' ');
}

const SYSTEM = [
  'You are a careful crypto market analyst. You receive a trading signal computed by fixed rules, with every number behind it.',
  'Write the thesis for a trader: keep the action, every number and the confidence exactly as given; invent no numbers, news or confidences.',
  'Answer with one JSON object only: {"thesis": "<English, one paragraph>", "thesis_fa": "<the same in Persian (Farsi)>"}.',
].join(' ');

const ARABIC_SCRIPT = /[\u0600-\u06FF]/;

/**
 * The analysis endpoint's rules: the LLM only rewrites; a timeout, an error or a reply
 * without both texts keeps the built-in text and says why — never an error.
 */
export async function writeThesis(d: Draft, llm: LlmConfig | undefined): Promise<Pick<IntelSignal, 'thesis' | 'thesis_fa' | 'writer' | 'writer_note'>> {
  const builtin = { thesis: writeThesisEn(d), thesis_fa: writeThesisFa(d) };
  if (!llm?.baseUrl || !llm.model) return { ...builtin, writer: 'builtin', writer_note: null };
  const client = new OpenAI({ baseURL: llm.baseUrl, apiKey: llm.apiKey ?? 'not-needed', timeout: llm.timeoutMs, maxRetries: 0 });
  try {
    const completion = await client.chat.completions.create(
      { model: llm.model, temperature: 0.2, messages: [{ role: 'system', content: SYSTEM }, { role: 'user', content: `Signal (JSON):\n${JSON.stringify(d)}\n\nBuilt-in thesis:\n${builtin.thesis}` }] },
      { signal: AbortSignal.timeout(llm.timeoutMs) },
    );
    const content = completion.choices?.[0]?.message?.content ?? '';
    const a = content.indexOf('{');
    const b = content.lastIndexOf('}');
    if (a < 0 || b <= a) throw new Error('the reply holds no JSON object');
    const o = JSON.parse(content.slice(a, b + 1)) as { thesis?: unknown; thesis_fa?: unknown };
    if (typeof o.thesis !== 'string' || o.thesis.trim().length < 20) throw new Error('the reply has no usable "thesis"');
    if (typeof o.thesis_fa !== 'string' || !ARABIC_SCRIPT.test(o.thesis_fa)) throw new Error('the reply has no Persian "thesis_fa"');
    return { thesis: o.thesis.trim(), thesis_fa: o.thesis_fa.trim(), writer: 'llm', writer_note: null };
  } catch (e) {
    const err = e as Error;
    const reason = err.name === 'TimeoutError' || err.name === 'APIConnectionTimeoutError' || /timed? ?out|abort/i.test(err.message) ? `LLM timed out after ${llm.timeoutMs} ms` : `LLM failed: ${err.message.split('\n')[0]!.slice(0, 200)}`;
    return { ...builtin, writer: 'builtin', writer_note: `${reason}; built-in text used` };
  }
}
