import { h, table, notice, section, fmt, isoTime } from '../dom.js';
import { postJson } from '../api.js';

interface Part { status: 'present' | 'missing' | string; reason?: string; source?: string; as_of?: string }
interface Intel {
  signal: string; confidence: number | null; confidence_sample: number; confidence_note?: string; generated_at: string;
  horizon_hours?: number; position_sizing?: string; risk_factors?: string[];
  divergence?: { view: string; points: number; high: boolean; whale_score: number | null; retail_fear_greed: number | null };
  parts?: Record<string, Part>;
}

/**
 * SPEC E's multi-modal signal for the pair (POST /signal). Computed on request only: it reads
 * the book, whales, sentiment and Fear & Greed, which takes seconds.
 */
export function intelligenceCard(pair: string): HTMLElement {
  const body = h('div', { id: 'intel' });
  const button = h('button', { type: 'button', id: 'intel-run', onclick: () => void run() }, 'Compute the intelligence signal');
  async function run(): Promise<void> {
    button.disabled = true;
    body.replaceChildren(h('p', { class: 'muted' }, 'Reading order book, whales, sentiment and Fear & Greed…'));
    try {
      const r = await postJson<Intel>('/signal', { symbol: pair.replace('_', '/').toUpperCase() });
      body.replaceChildren(render(r));
    } catch (e) {
      body.replaceChildren(notice(`No intelligence signal: ${(e as Error).message}`, 'error'));
    } finally {
      button.disabled = false;
    }
  }
  return section('Intelligence signal (order book, whales, sentiment, Fear & Greed, technicals)', button, body);
}

function render(r: Intel): HTMLElement {
  const cls = /BUY|LONG/i.test(r.signal) ? 'up' : /SELL|SHORT/i.test(r.signal) ? 'down' : '';
  const d = r.divergence;
  return h('div', { class: 'cols' },
    h('div', {},
      h('p', { class: `big ${cls}` }, r.signal),
      h('p', {}, r.confidence === null ? `Confidence: not measured (${r.confidence_note ?? `${r.confidence_sample} cases`})` : `Confidence ${fmt(r.confidence, 3)} from ${r.confidence_sample} cases`),
      h('p', { class: 'muted' }, `Generated ${isoTime(r.generated_at)}; horizon ${r.horizon_hours ?? '?'} h; sizing ${r.position_sizing ?? '?'}.`),
      d ? h('p', {}, `Whales vs retail: ${d.view} (${fmt(d.points, 3)} points${d.high ? ', high' : ''}); whale score ${fmt(d.whale_score)}, retail ${fmt(d.retail_fear_greed)} / 100.`) : null,
      r.risk_factors?.length ? h('ul', { class: 'small' }, r.risk_factors.map((x) => h('li', {}, x))) : null),
    r.parts ? table(Object.entries(r.parts), [
      { label: 'Part', value: ([k]) => k },
      { label: 'Status', value: ([, p]) => p.status, cls: ([, p]) => (p.status === 'present' ? 'up' : 'down') },
      { label: 'Source or reason', value: ([, p]) => h('span', { class: 'small wrap' }, p.source ?? p.reason ?? '') },
    ], { id: 'intel-parts' }) : null);
}
