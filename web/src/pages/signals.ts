import { h, table, fmt, isoTime, age, notice, section } from '../dom.js';
import { tryGet, pairPath } from '../api.js';
import { signalsChannel } from '../live.js';
import { every, whileOn, type Page } from '../page.js';

/** SPEC C's stored signal as the API and /ws/signals send it (symbol as seed 002 writes it, BTCUSDT; pair BTC/USDT). */
/** Only SPEC C trade-plan records become rows: the channel may carry other kinds of signal. */
export const isTradeSignal = (m: unknown): m is SignalRow => typeof m === 'object' && m !== null && 'entry1' in m && typeof (m as { timestamp?: unknown }).timestamp === 'number' && typeof (m as { pair?: unknown }).pair === 'string';

export interface SignalRow {
  symbol: string; pair: string; timeframe: string; source: string; timestamp: number; time: string; market_score: number; direction: 'long' | 'short' | 'neutral';
  price: number; entry1: number | null; entry2: number | null; sl: number | null; tp1: number | null; tp2: number | null; tp3: number | null;
  confluence: string; risk_reward_ratio: number | null; confidence_score: number | null; confidence_sample: number; valid: boolean;
}
interface Summary { total: number; by_direction: Record<string, number>; by_symbol: { symbol: string; pair: string; total: number; long: number; short: number; last: number }[]; first: number | null; last: number | null }

/** Signals: filters, summary, the stored list, and new signals as they arrive. */
export const signalsPage: Page = async (root, _args, signal) => {
  const params = new URLSearchParams(location.hash.split('?')[1] ?? '');
  const symbol = h('input', { id: 'f-symbol', placeholder: 'any pair', value: params.get('symbol') ?? '', size: 12 });
  const direction = h('select', { id: 'f-direction' }, ['', 'long', 'short'].map((d) => h('option', { value: d, selected: d === (params.get('direction') ?? '') }, d || 'any direction')));
  const timeframe = h('select', { id: 'f-timeframe' }, ['', '1h', '4h', '1d', '1w'].map((t) => h('option', { value: t, selected: t === (params.get('timeframe') ?? '') }, t || 'any timeframe')));
  const limit = h('select', { id: 'f-limit' }, ['50', '100', '500'].map((n) => h('option', { value: n, selected: n === (params.get('limit') ?? '100') }, `${n} rows`)));
  const summaryBox = h('div', { id: 'signal-summary' });
  const liveLine = h('p', { class: 'muted', id: 'signals-age' });
  const listBox = h('div', { id: 'signal-list' });
  root.append(h('h1', {}, 'Signals'),
    h('form', { class: 'toolbar', id: 'signal-filters', onsubmit: (e: Event) => {
      e.preventDefault();
      const q = new URLSearchParams();
      if (symbol.value.trim()) q.set('symbol', pairPath(symbol.value.trim()));
      if (direction.value) q.set('direction', direction.value);
      if (timeframe.value) q.set('timeframe', timeframe.value);
      if (limit.value !== '100') q.set('limit', limit.value);
      location.hash = `#/signals?${q.toString()}`;
    } }, symbol, direction, timeframe, limit, h('button', { type: 'submit' }, 'Filter')),
    summaryBox, liveLine, listBox);

  const q = new URLSearchParams();
  for (const k of ['symbol', 'direction', 'timeframe', 'limit']) if (params.get(k)) q.set(k, params.get(k)!);
  const [summary, list] = await Promise.all([tryGet<Summary>('/signals/summary'), tryGet<{ signals: SignalRow[] }>(`/signals?${q.toString()}`)]);

  if (summary.ok) {
    const s = summary.data;
    summaryBox.append(section('Summary', s.total
      ? h('div', { class: 'cols' },
        h('div', {}, h('p', { class: 'big' }, `${s.total}`), h('p', {}, `signals from ${isoTime(s.first)} to ${isoTime(s.last)}`),
          h('div', { class: 'gauge' }, h('span', { class: 'long', style: `flex:${s.by_direction['long'] ?? 0}` }, `long ${s.by_direction['long'] ?? 0}`),
            h('span', { class: 'short', style: `flex:${s.by_direction['short'] ?? 0}` }, `short ${s.by_direction['short'] ?? 0}`))),
        table(s.by_symbol.slice(0, 12), [
          { label: 'Pair', value: (r) => r.pair }, { label: 'Total', value: (r) => r.total, num: true },
          { label: 'Long', value: (r) => r.long, num: true }, { label: 'Short', value: (r) => r.short, num: true }, { label: 'Newest', value: (r) => isoTime(r.last) },
        ]))
      : notice('No signal stored yet.', 'missing')));
  } else summaryBox.append(notice(summary.error.message, 'error'));

  let rows: SignalRow[] = list.ok ? list.data.signals : [];
  const fresh = new Set<SignalRow>();
  const matches = (s: SignalRow) => (!params.get('symbol') || pairPath(s.pair) === pairPath(params.get('symbol')!))
    && (!params.get('direction') || s.direction === params.get('direction')) && (!params.get('timeframe') || s.timeframe === params.get('timeframe'));
  const paint = () => {
    listBox.replaceChildren(!list.ok ? notice(list.error.message, 'error') : rows.length ? table(rows, [
      { label: 'Time (bar open)', value: (r) => isoTime(r.timestamp) },
      { label: 'Pair', value: (r) => h('a', { href: `#/pair/${pairPath(r.pair)}/${r.timeframe}` }, r.pair) },
      { label: 'TF', value: (r) => r.timeframe },
      { label: 'Dir', value: (r) => r.direction, cls: (r) => (r.direction === 'long' ? 'up' : r.direction === 'short' ? 'down' : '') },
      { label: 'Price', value: (r) => fmt(r.price), num: true }, { label: 'Entry 1', value: (r) => fmt(r.entry1), num: true },
      { label: 'SL', value: (r) => fmt(r.sl), num: true }, { label: 'TP1', value: (r) => fmt(r.tp1), num: true }, { label: 'TP3', value: (r) => fmt(r.tp3), num: true },
      { label: 'R/R', value: (r) => fmt(r.risk_reward_ratio, 3), num: true }, { label: 'Score', value: (r) => r.market_score, num: true },
      { label: 'Confidence', value: (r) => (r.confidence_score === null ? `n/a (${r.confidence_sample})` : `${r.confidence_score.toFixed(0)} % of ${r.confidence_sample}`), num: true },
      { label: 'Confluence', value: (r) => r.confluence },
      { label: '', value: (r) => (fresh.has(r) ? h('span', { class: 'badge' }, 'new') : '') },
    ], { id: 'signals-table' }) : notice('No signal matches these filters.', 'missing'));
    listBox.dataset['rows'] = String(rows.length);
  };
  const paintAge = () => {
    const newest = rows[0]?.timestamp;
    const msg = signalsChannel.lastMessageAt;
    liveLine.textContent = `Live: ${signalsChannel.state}${msg ? `, last signal received ${age(Date.now() - msg)} ago` : ', no signal received since this page opened'}.`
      + (newest ? ` Newest bar shown: ${isoTime(newest)}.` : '');
  };
  paint();
  paintAge();
  every(1000, signal, paintAge);
  whileOn(signal, signalsChannel.onState(paintAge));
  whileOn(signal, signalsChannel.subscribe((m) => {
    if (!isTradeSignal(m) || !matches(m)) return;
    const s = m;
    fresh.add(s);
    rows = [s, ...rows];
    paint();
    paintAge();
  }));
};
