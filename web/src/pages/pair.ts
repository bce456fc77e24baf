import { h, table, fmt, isoTime, age, notice, section } from '../dom.js';
import { getJson, postJson, tryGet, pairPath } from '../api.js';
import { PriceChart, COLORS, LineStyle, sec, type Candle } from '../chart.js';
import { signalsChannel } from '../live.js';
import { every, whileOn, type Page } from '../page.js';
import type { SeriesMarker, Time } from 'lightweight-charts';
import { isTradeSignal, type SignalRow } from './signals.js';
import { intelligenceCard } from './intel.js';

interface ChartData {
  symbol: string; timeframe: string; origin: string; gaps: number; candles: Candle[];
  swings: { time: number; price: number; kind: 'high' | 'low' }[];
  levels: { price: number; zone_low: number; zone_high: number; touches: number; strength: number; state: string; role: 'support' | 'resistance' }[];
  order_blocks: { kind: string; time: number; high: number; low: number; state: string }[];
  signal: { direction: string; valid: boolean; entry1: number | null; entry2: number | null; sl: number | null; tp1: number | null; tp2: number | null; tp3: number | null; risk_reward_ratio: number | null; confidence_score: number | null; confidence_sample: number; confluence: string; market_score: number; invalid_reasons: string[] };
}
export interface IndicatorMeta { name: string; group: string; description: string; interpretation: string; params: { name: string; default: number }[]; outputs: string[]; placement: 'overlay' | 'pane' }
interface IndicatorValues { time: number[]; outputs: Record<string, (number | null)[]>; placement: 'overlay' | 'pane'; params: Record<string, number> }
interface Analysis { analysis: string; analysis_summarized: string; writer: string; writer_note: string | null }

const TIMEFRAMES = ['1h', '4h', '1d', '1w'];
const DEFAULT_STUDIES = ['EMA', 'RSI'];

/** How markers and the table show a stored signal. */
const signalMarker = (s: SignalRow): SeriesMarker<Time> => (s.direction === 'long'
  ? { time: sec(s.timestamp), position: 'belowBar', shape: 'arrowUp', color: COLORS.up, text: `L ${fmt(s.entry1)}` }
  : { time: sec(s.timestamp), position: 'aboveBar', shape: 'arrowDown', color: COLORS.down, text: `S ${fmt(s.entry1)}` });

/**
 * Pair view: candles and volume, chosen indicators (overlay or pane from the registry),
 * S/R zones, swings, order blocks and the current trade plan computed on the same candles,
 * stored signals as markers (new ones arrive over /ws/signals), and the analysis text.
 */
export const pairPage: Page = async (root, args, signal) => {
  const t0 = performance.now();
  const pair = (args[0] ?? 'btc_usdt').toLowerCase();
  const tf = args[1] ?? '1d';
  const lang = args[2] === 'fa' ? 'fa' : 'en';
  // The chart's requests start before anything is built; the chart is drawn as soon as its own data is here.
  const chartP = getJson<ChartData>(`/api/v1/chart/${pair}?timeframe=${encodeURIComponent(tf)}&limit=300`);
  const metasP = getJson<{ indicators: IndicatorMeta[] }>('/api/v1/indicators');
  const sigsP = tryGet<{ signals: SignalRow[] }>(`/signals?symbol=${pair}&timeframe=${encodeURIComponent(tf)}&limit=500`);
  // A failed page leaves no unhandled rejection behind.
  metasP.catch(() => undefined);
  const go = (p: string, t: string, l = lang) => (location.hash = `#/pair/${p}/${t}${l === 'fa' ? '/fa' : ''}`);

  const pairInput = h('input', { id: 'pair-input', value: pair.replace('_', '/').toUpperCase(), list: 'pair-list', size: 12, 'aria-label': 'pair' });
  const pairList = h('datalist', { id: 'pair-list' });
  const tfSelect = h('select', { id: 'tf-select', 'aria-label': 'timeframe' }, TIMEFRAMES.map((t) => h('option', { value: t, selected: t === tf }, t)));
  const studySelect = h('select', { id: 'study-select', multiple: true, size: 6, 'aria-label': 'indicators' });
  const status = h('span', { class: 'muted', id: 'chart-status' }, 'loading…');
  const chartBox = h('div', { id: 'price-chart', class: 'chart' });
  const legend = h('div', { class: 'legend', id: 'chart-legend' });
  const planBox = h('div', { id: 'plan' });
  const signalsBox = h('div', { id: 'pair-signals' });
  const analysisBox = h('div', { id: 'analysis' });
  root.append(
    h('h1', {}, `${pair.replace('_', '/').toUpperCase()} · ${tf}`),
    h('form', { class: 'toolbar', onsubmit: (e: Event) => { e.preventDefault(); go(pairPath(pairInput.value.trim()), tfSelect.value); } },
      h('label', {}, 'Pair ', pairInput), pairList, h('label', {}, 'Timeframe ', tfSelect), h('button', { type: 'submit' }, 'Show'), status),
    h('div', { class: 'pair-layout' },
      h('div', { class: 'chart-col' }, chartBox, legend),
      h('aside', { class: 'side-col' }, section('Indicators', h('p', { class: 'muted' }, 'Ctrl/⌘-click to choose several. Overlays share the price scale; others get a pane.'), studySelect, h('p', { id: 'study-info', class: 'muted small' })), section('Trade plan', planBox))),
    section('Signals stored for this pair', signalsBox),
    intelligenceCard(pair),
    analysisBox,
  );
  tfSelect.addEventListener('change', () => go(pair, tfSelect.value));

  const chart = new PriceChart(chartBox);
  whileOn(signal, () => chart.destroy());

  const data = await chartP;
  chart.setCandles(data.candles);
  const paintStatus = () => {
    const times = chart.times;
    const last = times[times.length - 1];
    status.textContent = `${times.length} candles from ${data.origin}; last ${isoTime(last)}${last !== undefined ? ` (${age(Date.now() - last)} old)` : ''}${data.gaps ? `; ${data.gaps} gaps in the data` : ''}`;
  };
  paintStatus();
  every(30_000, signal, paintStatus);
  // New candles: polled once a minute (the last ten, so a bar that closed meanwhile is replaced by its final values).
  every(60_000, signal, () => void tryGet<ChartData>(`/api/v1/chart/${pair}?timeframe=${encodeURIComponent(tf)}&limit=10`).then((r) => {
    if (!r.ok || signal.aborted) return;
    for (const row of r.data.candles) chart.updateCandle(row);
    paintStatus();
  }));

  // Structure computed on exactly these candles.
  // The strongest active levels near the price: every level at once hides the candles.
  const close = data.candles[data.candles.length - 1]?.[4] ?? NaN;
  const near = data.levels.filter((x) => x.state === 'active' && Math.abs(x.price / close - 1) < 0.3)
    .sort((a, b) => b.strength - a.strength || b.touches - a.touches).slice(0, 6);
  near.forEach((l, k) => {
    const c = l.role === 'support' ? COLORS.support : COLORS.resistance;
    chart.line(l.price, c, `${l.role === 'support' ? 'S' : 'R'} ×${l.touches}`, LineStyle.Solid, l.strength >= 3 ? 2 : 1);
    if (k < 3) {
      chart.line(l.zone_low, c, '', LineStyle.Dotted);
      chart.line(l.zone_high, c, '', LineStyle.Dotted);
    }
  });
  chartBox.dataset['levels'] = String(near.length);
  for (const b of data.order_blocks.filter((x) => x.state !== 'broken').slice(-2)) {
    chart.line((b.high + b.low) / 2, '#e3b341', `OB ${b.kind}`, LineStyle.LargeDashed);
  }
  const sg = data.signal;
  if (sg.valid && sg.direction !== 'neutral') {
    chart.line(sg.entry1 ?? NaN, COLORS.entry, 'Entry 1', LineStyle.Dashed, 2);
    chart.line(sg.entry2 ?? NaN, COLORS.entry, 'Entry 2', LineStyle.Dashed);
    chart.line(sg.sl ?? NaN, COLORS.stop, 'SL', LineStyle.Dashed, 2);
    chart.line(sg.tp1 ?? NaN, COLORS.target, 'TP1', LineStyle.Dashed);
    chart.line(sg.tp2 ?? NaN, COLORS.target, 'TP2', LineStyle.Dashed);
    chart.line(sg.tp3 ?? NaN, COLORS.target, 'TP3', LineStyle.Dashed);
  }
  planBox.append(sg.valid && sg.direction !== 'neutral'
    ? table([['Direction', sg.direction], ['Entry 1 / 2', `${fmt(sg.entry1)} / ${fmt(sg.entry2)}`], ['Stop', fmt(sg.sl)], ['Targets', `${fmt(sg.tp1)} · ${fmt(sg.tp2)} · ${fmt(sg.tp3)}`],
      ['Risk/reward', fmt(sg.risk_reward_ratio, 3)], ['Confluence', sg.confluence || '–'], ['Market score', String(sg.market_score)],
      ['Confidence', sg.confidence_score === null ? `not enough data (${sg.confidence_sample} similar setups)` : `${sg.confidence_score.toFixed(0)} % of ${sg.confidence_sample}`]],
    [{ label: '', value: (r) => r[0] }, { label: 'As of the last candle', value: (r) => r[1] }])
    : notice(`No valid trade plan on the last candle (${sg.direction}${sg.invalid_reasons.length ? `: ${sg.invalid_reasons.join('; ')}` : ''}).`, 'info'));

  const swingMarkers: SeriesMarker<Time>[] = data.swings.map((s) => ({
    time: sec(s.time), position: s.kind === 'high' ? 'aboveBar' : 'belowBar', shape: 'circle', color: COLORS.swing, size: 0.5,
  }));
  let stored: SignalRow[] = [];
  const paintMarkers = () => {
    const first = data.candles[0]?.[0] ?? 0;
    // A run of same-direction signals on consecutive bars is labelled once, at its first bar.
    const shown = stored.filter((s) => s.timestamp >= first).sort((a, b) => a.timestamp - b.timestamp);
    chart.setMarkers([...swingMarkers, ...shown.map((s, i) => ({ ...signalMarker(s), ...(shown[i - 1]?.direction === s.direction ? { text: '' } : {}) }))]);
    chartBox.dataset['signalMarkers'] = String(stored.filter((s) => s.timestamp >= first).length);
  };
  paintMarkers();
  chartBox.dataset['drawn'] = '1';
  // The analysis renders a PNG server-side: asked once the chart stands, so it never delays it.
  const analysisP = postJson<Analysis>('/api/v1/analyze', { pair, timeframe: tf }).then((a) => ({ ok: true as const, a }), (e: unknown) => ({ ok: false as const, e: e as Error }));
  legend.append(
    h('span', { style: `color:${COLORS.support}` }, '— support'), h('span', { style: `color:${COLORS.resistance}` }, '— resistance'),
    h('span', { style: 'color:#e3b341' }, '-- order block'), h('span', { style: `color:${COLORS.entry}` }, '-- entry'),
    h('span', { style: `color:${COLORS.stop}` }, '-- stop'), h('span', { style: `color:${COLORS.target}` }, '-- targets'),
    h('span', { style: `color:${COLORS.swing}` }, '● swing'), h('span', {}, '▲▼ stored signals'));
  // Since navigation start (performance's time origin) and since this page began; the browser test prints both.
  document.body.dataset['pairDrawnAtMs'] = String(Math.round(performance.now()));
  document.body.dataset['pairDrawMs'] = String(Math.round(performance.now() - t0));

  // Indicators picked from the registry's metadata.
  const metas = await metasP;
  const groups = new Map<string, IndicatorMeta[]>();
  for (const m of metas.indicators) groups.set(m.group, [...(groups.get(m.group) ?? []), m]);
  for (const [g, list] of groups) studySelect.append(h('optgroup', { label: g }, list.map((m) => h('option', { value: m.name, selected: DEFAULT_STUDIES.includes(m.name), title: m.description }, `${m.name} (${m.placement})`))));
  const info = root.querySelector('#study-info')!;
  const drawStudies = async () => {
    const names = Array.from(studySelect.selectedOptions, (o) => o.value);
    chart.clearStudies();
    info.textContent = names.map((n) => { const m = metas.indicators.find((x) => x.name === n); return m ? `${m.name}: ${m.interpretation}` : n; }).join(' ');
    for (const n of names) {
      const v = await tryGet<IndicatorValues>(`/api/v1/indicators/${n}/${pair}?timeframe=${encodeURIComponent(tf)}&limit=300`);
      if (signal.aborted) return;
      if (v.ok) chart.addStudy(n, v.data.time, v.data.outputs, v.data.placement);
      else info.textContent += ` ${n}: ${v.error.message}`;
    }
    chartBox.dataset['studies'] = names.join(',');
  };
  studySelect.addEventListener('change', () => void drawStudies());

  const symbol = data.symbol;
  const signalTable = (rows: SignalRow[]) => rows.length
    ? table(rows.slice(0, 20), [
      { label: 'Time', value: (r) => isoTime(r.timestamp) }, { label: 'Dir', value: (r) => r.direction, cls: (r) => (r.direction === 'long' ? 'up' : 'down') },
      { label: 'Entry', value: (r) => fmt(r.entry1), num: true }, { label: 'SL', value: (r) => fmt(r.sl), num: true }, { label: 'TP1', value: (r) => fmt(r.tp1), num: true },
      { label: 'R/R', value: (r) => fmt(r.risk_reward_ratio, 3), num: true }, { label: 'Confluence', value: (r) => r.confluence },
    ], { id: 'pair-signal-table' })
    : notice(`No stored ${tf} signal for ${symbol}: the pipeline stores signals of the pairs it runs (npm start replays ten).`, 'missing');
  const paintSignals = () => signalsBox.replaceChildren(signalTable(stored));

  // Only the pair box's suggestions: asked once the chart stands, so it never delays it.
  void tryGet<{ markets: { symbol: string }[] }>('/api/v1/markets?top=200').then((pairs) => { if (pairs.ok) pairList.append(...pairs.data.markets.map((m) => h('option', { value: m.symbol }))); });

  const sigs = await sigsP;
  if (sigs.ok) stored = sigs.data.signals;
  else signalsBox.append(notice(sigs.error.message, 'error'));
  paintMarkers();
  paintSignals();
  whileOn(signal, signalsChannel.subscribe((m) => {
    if (!isTradeSignal(m) || m.pair !== symbol || m.timeframe !== data.timeframe) return;
    const s = m;
    stored = [s, ...stored];
    paintMarkers();
    paintSignals();
  }));

  await drawStudies();
  await renderAnalysis(analysisBox, analysisP, lang, (l) => go(pair, tf, l));
  document.body.dataset['pairLoadMs'] = String(Math.round(performance.now() - t0));
};

type AnalysisResult = { ok: true; a: Analysis } | { ok: false; e: Error };

async function renderAnalysis(box: HTMLElement, pending: Promise<AnalysisResult>, lang: 'en' | 'fa', switchTo: (l: 'en' | 'fa') => void): Promise<void> {
  const tabs = h('div', { class: 'tabs' },
    h('button', { type: 'button', class: lang === 'en' ? 'active' : undefined, id: 'lang-en', onclick: () => switchTo('en') }, 'English'),
    h('button', { type: 'button', class: lang === 'fa' ? 'active' : undefined, id: 'lang-fa', onclick: () => switchTo('fa') }, 'فارسی'));
  box.append(h('section', { class: 'card' }, h('h2', {}, 'Analysis'), tabs, h('p', { class: 'muted', id: 'analysis-status' }, 'writing…')));
  const r = await pending;
  if (r.ok) {
    const a = r.a;
    const text = lang === 'fa' ? a.analysis_summarized : a.analysis;
    box.querySelector('#analysis-status')!.textContent = `Written by the ${a.writer} writer${a.writer_note ? ` (${a.writer_note})` : ''}.`;
    box.firstElementChild!.append(h('div', { class: `analysis-text ${lang}`, id: 'analysis-text', lang, dir: lang === 'fa' ? 'rtl' : 'ltr' }, text));
  } else {
    box.querySelector('#analysis-status')!.replaceWith(notice(`No analysis: ${r.e.message}`, 'error'));
  }
}
