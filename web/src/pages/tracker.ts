import { h, table, fmt, isoTime, age, notice, section } from '../dom.js';
import { ApiError, tryGet } from '../api.js';
import { eventsChannel } from '../live.js';
import { every, whileOn, type Page } from '../page.js';

interface SymbolStatus { symbol: string; book: { state: string; ageMs: number | null; outOfSyncMs: number | null }; rolling: { window: number; buyVolume: number; sellVolume: number; trades: number; buyShare: number }[] }
interface WindowWire { symbol: string; window: string; time: string; buy_volume: number; sell_volume: number; buy_trades: number; sell_trades: number; buy_share: number | null; complete: boolean }
interface Book { symbol: string; time: string; age_ms: number | null; bids: [number, number][]; asks: [number, number][]; metrics: { spread_bps: number; imbalance: number | null; support: number | null; resistance: number | null } | null }
interface Bench { standings: { rank: number; symbol: string; quote_volume_60m: number; buy_share: number | null }[] }
interface EventMsg { type: 'event' | 'window' | 'book'; data: { key?: string; kind?: string; symbol: string; time: number; start?: number; window?: number; value?: number; buyVolume?: number; sellVolume?: number } }

/** Live tracker: per-symbol volume windows, the synced book's depth, the events as they come. */
export const trackerPage: Page = async (root, _args, signal) => {
  root.append(h('h1', {}, 'Live market tracker'));
  // Health lists the tracker when it runs: asking first spares a 503 (and a console error) when it does not.
  const health = await tryGet<{ dependencies?: Record<string, unknown> }>('/health');
  if (health.ok && !health.data.dependencies?.['tracker']) {
    root.append(notice('The tracker is not running in this server: start it with `npx sextant serve --tracker` (add `--tracker-speed 10` to replay the bundled feed faster). Volume windows, book depth and the events stream show here then.', 'missing'));
    return;
  }
  const data = await tryGet<{ symbols: SymbolStatus[]; windows: WindowWire[] }>('/api/tracker/data');
  if (!data.ok) {
    const off = data.error instanceof ApiError && data.error.status === 503;
    root.append(notice(off ? `${data.error.message}. The page shows live windows, book depth and events once it runs.` : data.error.message, off ? 'missing' : 'error'));
    return;
  }
  const symbols = data.data.symbols.map((s) => s.symbol);
  let current = symbols[0] ?? '';
  const pick = h('select', { id: 'tracker-symbol' }, symbols.map((s) => h('option', { value: s }, s)));
  pick.addEventListener('change', () => { current = pick.value; void loadBook(); });
  const statusBox = h('div', { id: 'tracker-status' });
  const depthBox = h('div', { id: 'depth' });
  const windowsBox = h('div', { id: 'windows' });
  const standingsBox = h('div', { id: 'standings' });
  const eventsList = h('ol', { id: 'events', class: 'events' }, h('li', { class: 'muted' }, 'Waiting for events (volume, moves, imbalance, walls, spoofs, resyncs)…'));
  const ageLine = h('p', { class: 'muted', id: 'events-age' });
  root.append(h('div', { class: 'toolbar' }, h('label', {}, 'Book of ', pick), ageLine),
    h('div', { class: 'cols' }, section('Order book depth (±0.5 % shaded)', depthBox), section('Events stream', eventsList)),
    statusBox, section('Closed volume windows (newest first)', windowsBox), section('Volume standings, last 60 min', standingsBox));

  let windows = data.data.windows.slice().reverse();
  const paintStatus = (rows: SymbolStatus[]) => statusBox.replaceChildren(section('Symbols', table(rows, [
    { label: 'Symbol', value: (r) => r.symbol }, { label: 'Book', value: (r) => r.book.state, cls: (r) => (r.book.state === 'synced' ? 'up' : 'down') },
    { label: 'Book age', value: (r) => (r.book.ageMs === null ? '–' : age(r.book.ageMs)) },
    ...[1, 5, 15].map((w) => ({ label: `Buy share ${w}m (rolling)`, num: true, value: (r: SymbolStatus) => { const x = r.rolling.find((q) => q.window === w); return x ? `${(x.buyShare * 100).toFixed(1)} % of ${x.trades}` : '–'; } })),
  ])));
  const paintWindows = () => windowsBox.replaceChildren(windows.length ? table(windows.slice(0, 25), [
    { label: 'Start', value: (w) => isoTime(w.time) }, { label: 'Symbol', value: (w) => w.symbol }, { label: 'Window', value: (w) => w.window },
    { label: 'Buy vol', value: (w) => fmt(w.buy_volume), num: true }, { label: 'Sell vol', value: (w) => fmt(w.sell_volume), num: true },
    { label: 'Trades', value: (w) => w.buy_trades + w.sell_trades, num: true }, { label: 'Buy share', value: (w) => (w.buy_share === null ? '–' : `${(w.buy_share * 100).toFixed(1)} %`), num: true },
    { label: 'Complete', value: (w) => (w.complete ? 'yes' : 'partial') },
  ], { id: 'windows-table' }) : notice('No window has closed yet.', 'info'));
  paintStatus(data.data.symbols);
  paintWindows();

  const loadBook = async () => {
    if (!current) return;
    const b = await tryGet<Book>(`/api/orderbook?symbol=${encodeURIComponent(current)}&depth=100`);
    if (signal.aborted) return;
    depthBox.replaceChildren(b.ok ? depthChart(b.data) : notice(b.error.message, 'error'));
  };
  const loadStandings = async () => {
    const b = await tryGet<Bench>('/api/benchmark/info');
    if (signal.aborted) return;
    standingsBox.replaceChildren(b.ok ? table(b.data.standings, [
      { label: '#', value: (s) => s.rank, num: true }, { label: 'Symbol', value: (s) => s.symbol },
      { label: 'Quote volume', value: (s) => fmt(s.quote_volume_60m), num: true }, { label: 'Buy share', value: (s) => (s.buy_share === null ? '–' : `${(s.buy_share * 100).toFixed(1)} %`), num: true },
    ]) : notice(b.error.message, 'error'));
  };
  await Promise.all([loadBook(), loadStandings()]);
  every(2000, signal, () => void loadBook());
  every(5000, signal, () => {
    void loadStandings();
    void tryGet<{ symbols: SymbolStatus[] }>('/api/tracker/data?start=0&end=0').then((r) => { if (r.ok && !signal.aborted) paintStatus(r.data.symbols); });
  });

  const paintAge = () => {
    const m = eventsChannel.lastMessageAt;
    ageLine.textContent = `Stream ${eventsChannel.state}; ${m ? `last message ${age(Date.now() - m)} ago` : 'no message yet'}.`;
  };
  paintAge();
  every(1000, signal, paintAge);
  whileOn(signal, eventsChannel.onState(paintAge));
  whileOn(signal, eventsChannel.subscribe((raw) => {
    const m = raw as EventMsg;
    if (m.type === 'event') {
      eventsList.prepend(h('li', {}, h('span', { class: 'muted' }, isoTime(m.data.time)), ' ', m.data.symbol, ' ', h('code', {}, m.data.key ?? m.data.kind ?? ''), ` ${fmt(m.data.value ?? null)}`));
      while (eventsList.children.length > 60) eventsList.lastElementChild!.remove();
    } else if (m.type === 'window') {
      const d = m.data;
      const total = (d.buyVolume ?? 0) + (d.sellVolume ?? 0);
      windows = [{ symbol: d.symbol, window: `${d.window}m`, time: new Date(d.start ?? d.time).toISOString(), buy_volume: d.buyVolume ?? 0, sell_volume: d.sellVolume ?? 0,
        buy_trades: (d as { buyTrades?: number }).buyTrades ?? 0, sell_trades: (d as { sellTrades?: number }).sellTrades ?? 0, buy_share: total ? (d.buyVolume ?? 0) / total : null,
        complete: (d as { complete?: boolean }).complete ?? true }, ...windows].slice(0, 200);
      paintWindows();
    }
  }));
};

/** Cumulative depth: bids to the left of mid, asks to the right, as an SVG step chart. */
function depthChart(b: Book): HTMLElement {
  const W = 560, H = 260, pad = 36;
  const bids = b.bids.slice().sort((x, y) => y[0] - x[0]);
  const asks = b.asks.slice().sort((x, y) => x[0] - y[0]);
  const cum = (side: [number, number][]) => { let s = 0; return side.map(([p, q]) => [p, (s += q)] as [number, number]); };
  const cb = cum(bids), ca = cum(asks);
  const all = [...cb, ...ca];
  if (!all.length) return notice('The book is empty.', 'info');
  const lo = Math.min(...all.map((x) => x[0])), hi = Math.max(...all.map((x) => x[0]));
  const top = Math.max(...all.map((x) => x[1]));
  const x = (p: number) => pad + ((p - lo) / (hi - lo || 1)) * (W - 2 * pad);
  const y = (q: number) => H - pad - (q / (top || 1)) * (H - 2 * pad);
  const path = (pts: [number, number][]) => pts.map(([p, q], i) => `${i ? 'L' : 'M'}${x(p).toFixed(1)},${y(i ? pts[i - 1]![1] : 0).toFixed(1)} L${x(p).toFixed(1)},${y(q).toFixed(1)}`).join(' ');
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  svg.setAttribute('class', 'depth');
  svg.setAttribute('data-levels', String(all.length));
  const mid = ((bids[0]?.[0] ?? lo) + (asks[0]?.[0] ?? hi)) / 2;
  const band = document.createElementNS(ns, 'rect');
  band.setAttribute('x', String(x(Math.max(lo, mid * 0.995))));
  band.setAttribute('width', String(Math.max(0, x(Math.min(hi, mid * 1.005)) - x(Math.max(lo, mid * 0.995)))));
  band.setAttribute('y', String(pad));
  band.setAttribute('height', String(H - 2 * pad));
  band.setAttribute('fill', 'rgba(88,166,255,0.08)');
  svg.append(band);
  for (const [pts, color] of [[cb, '#26a69a'], [ca, '#ef5350']] as const) {
    const p = document.createElementNS(ns, 'path');
    p.setAttribute('d', path(pts));
    p.setAttribute('stroke', color);
    p.setAttribute('fill', 'none');
    p.setAttribute('stroke-width', '2');
    svg.append(p);
  }
  for (const [px, label] of [[lo, fmt(lo)], [mid, fmt(mid)], [hi, fmt(hi)]] as const) {
    const t = document.createElementNS(ns, 'text');
    t.setAttribute('x', String(x(px)));
    t.setAttribute('y', String(H - 12));
    t.setAttribute('text-anchor', 'middle');
    t.setAttribute('fill', '#8b949e');
    t.setAttribute('font-size', '11');
    t.textContent = label;
    svg.append(t);
  }
  const m = b.metrics;
  return h('div', {}, svg as unknown as HTMLElement,
    h('p', { class: 'muted' }, `Book at ${isoTime(b.time)}${b.age_ms !== null ? ` (${age(b.age_ms)} old by the feed clock)` : ''}; ${bids.length} bid and ${asks.length} ask levels`,
      m ? `; spread ${fmt(m.spread_bps, 3)} bp, imbalance ${m.imbalance === null ? '–' : (m.imbalance * 100).toFixed(1) + ' %'}, support ${fmt(m.support)}, resistance ${fmt(m.resistance)}` : ''));
}
