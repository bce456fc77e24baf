import { h, table, fmt, pct, big, isoTime, age, notice, section } from '../dom.js';
import { tryGet, pairPath } from '../api.js';
import type { Page } from '../page.js';

export interface MarketRow { symbol: string; quote_volume: number | null; time: number | null; close: number | null; change_pct: number | null; volume: number | null; error: string | null }
interface Markets { source: string; pairs: number; as_of: number | null; markets: MarketRow[] }
interface Summary { total: number; by_direction: Record<string, number>; by_symbol: { symbol: string; pair: string; total: number; long: number; short: number; last: number }[]; last: number | null }
interface Health { status: string; dependencies?: Record<string, { status: string; reason?: string }> }

const pairLink = (symbol: string) => h('a', { href: `#/pair/${pairPath(symbol)}/1d` }, symbol);

/** Market overview: standings by quote volume, the day's movers, the signal history at a glance. */
export const overviewPage: Page = async (root) => {
  root.append(h('h1', {}, 'Market overview'));
  const [markets, summary, health] = await Promise.all([
    tryGet<Markets>('/api/v1/markets?top=40'),
    tryGet<Summary>('/signals/summary'),
    tryGet<Health>('/health'),
  ]);

  if (!markets.ok) {
    root.append(notice(`Markets could not be read: ${markets.error.message}`, 'error'));
  } else {
    const m = markets.data;
    const rows = m.markets.filter((r) => r.change_pct !== null);
    const movers = [...rows].sort((a, b) => b.change_pct! - a.change_pct!);
    const mover = (r: MarketRow) => h('li', {}, pairLink(r.symbol), ' ', h('span', { class: r.change_pct! >= 0 ? 'up' : 'down' }, pct(r.change_pct)), ' ', h('span', { class: 'muted' }, fmt(r.close)));
    root.append(
      h('p', { class: 'muted', id: 'data-age' }, `Source ${m.source}, ${m.pairs} pairs; last daily candle ${isoTime(m.as_of)}`,
        m.as_of !== null ? ` (${age(Date.now() - m.as_of)} old)` : ''),
      h('div', { class: 'cols' },
        section('Top gainers (last daily candle)', h('ol', { class: 'movers' }, movers.slice(0, 6).map(mover))),
        section('Top losers', h('ol', { class: 'movers' }, movers.slice(-6).reverse().map(mover))),
        section('Fear & Greed', notice('Comes with the intelligence signal (pair view → Intelligence). Offline it needs a history file (intel.fearGreed.historyFile): alternative.me’s history may not be bundled.', 'missing'))),
      section(`Volume standings: top ${m.markets.length} by quote volume`, table(m.markets, [
        { label: '#', value: (r) => m.markets.indexOf(r) + 1, num: true },
        { label: 'Pair', value: (r) => pairLink(r.symbol) },
        { label: 'Close', value: (r) => fmt(r.close), num: true },
        { label: 'Change', value: (r) => pct(r.change_pct), num: true, cls: (r) => (r.change_pct ?? 0) >= 0 ? 'up' : 'down' },
        { label: 'Quote volume', value: (r) => big(r.quote_volume), num: true },
        { label: 'Candle', value: (r) => (r.error ? h('span', { class: 'down' }, r.error) : isoTime(r.time)) },
      ], { id: 'markets' })),
    );
  }

  const side = h('div', { class: 'cols' });
  root.append(side);
  if (summary.ok) {
    const s = summary.data;
    side.append(section('Stored signals', s.total
      ? h('div', {},
        h('p', {}, `${s.total} signals: ${s.by_direction['long'] ?? 0} long, ${s.by_direction['short'] ?? 0} short; newest ${isoTime(s.last)}.`),
        table(s.by_symbol.slice(0, 10), [
          { label: 'Pair', value: (r) => pairLink(r.pair) }, { label: 'Long', value: (r) => r.long, num: true },
          { label: 'Short', value: (r) => r.short, num: true }, { label: 'Newest', value: (r) => isoTime(r.last) },
        ]))
      : notice('No signal stored yet: the background pipeline replay fills this (npm start runs it).', 'missing')));
  } else side.append(section('Stored signals', notice(summary.error.message, 'error')));
  if (health.ok) {
    const deps = Object.entries(health.data.dependencies ?? {});
    side.append(section(`Server health: ${health.data.status}`, table(deps, [
      { label: 'Dependency', value: ([k]) => k }, { label: 'Status', value: ([, v]) => v.status, cls: ([, v]) => (v.status === 'ok' ? 'up' : 'down') },
      { label: 'Detail', value: ([, v]) => v.reason ?? '' },
    ])));
  } else side.append(section('Server health', notice(health.error.message, 'error')));
};
