import {
  CandlestickSeries, ColorType, HistogramSeries, LineSeries, LineStyle, createChart, createSeriesMarkers,
  type IChartApi, type ISeriesApi, type SeriesMarker, type UTCTimestamp, type ISeriesMarkersPluginApi, type Time,
} from 'lightweight-charts';

export type Candle = [time: number, open: number, high: number, low: number, close: number, volume: number];

export const sec = (ms: number) => Math.floor(ms / 1000) as UTCTimestamp;

export const COLORS = {
  up: '#26a69a', down: '#ef5350', text: '#c9d1d9', grid: '#1f2630', support: '#26a69a', resistance: '#ef5350',
  entry: '#58a6ff', stop: '#ff7b72', target: '#3fb950', swing: '#d2a8ff', palette: ['#f2cc60', '#58a6ff', '#ff9bce', '#7ee787', '#ffa657', '#a5d6ff'],
};

/**
 * A price chart: candles with volume under them, and a place for overlays, panes, price
 * lines and markers. The number of candles drawn is kept on the container
 * (`data-candles`) so tests and tooling can check it.
 */
export class PriceChart {
  readonly chart: IChartApi;
  readonly candles: ISeriesApi<'Candlestick'>;
  private readonly volume: ISeriesApi<'Histogram'>;
  private markers: ISeriesMarkersPluginApi<Time>;
  private extra: ISeriesApi<'Line' | 'Histogram'>[] = [];
  private lines: ReturnType<ISeriesApi<'Candlestick'>['createPriceLine']>[] = [];
  private rows: Candle[] = [];

  constructor(readonly el: HTMLElement, height = 520) {
    this.chart = createChart(el, {
      height,
      autoSize: true,
      layout: { background: { type: ColorType.Solid, color: '#0d1117' }, textColor: COLORS.text, attributionLogo: false },
      grid: { vertLines: { color: COLORS.grid }, horzLines: { color: COLORS.grid } },
      timeScale: { timeVisible: true, secondsVisible: false },
      rightPriceScale: { scaleMargins: { top: 0.05, bottom: 0.25 } },
    });
    this.candles = this.chart.addSeries(CandlestickSeries, { upColor: COLORS.up, downColor: COLORS.down, borderVisible: false, wickUpColor: COLORS.up, wickDownColor: COLORS.down });
    this.volume = this.chart.addSeries(HistogramSeries, { priceScaleId: 'volume', priceFormat: { type: 'volume' }, lastValueVisible: false, priceLineVisible: false });
    this.chart.priceScale('volume').applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
    this.markers = createSeriesMarkers(this.candles, []);
  }

  setCandles(rows: Candle[]): void {
    this.rows = rows;
    this.candles.setData(rows.map(([t, o, hi, lo, c]) => ({ time: sec(t), open: o, high: hi, low: lo, close: c })));
    this.volume.setData(rows.map(([t, o, , , c, v]) => ({ time: sec(t), value: v, color: c >= o ? 'rgba(38,166,154,0.45)' : 'rgba(239,83,80,0.45)' })));
    this.el.dataset['candles'] = String(rows.length);
    this.el.dataset['lastTime'] = rows.length ? String(rows[rows.length - 1]![0]) : '';
  }

  /** A closed candle from a live feed: replaces the last bar when it has the same time. */
  updateCandle(row: Candle): void {
    const last = this.rows[this.rows.length - 1];
    if (last && row[0] < last[0]) return;
    if (last && row[0] === last[0]) this.rows[this.rows.length - 1] = row;
    else this.rows.push(row);
    const [t, o, hi, lo, c, v] = row;
    this.candles.update({ time: sec(t), open: o, high: hi, low: lo, close: c });
    this.volume.update({ time: sec(t), value: v, color: c >= o ? 'rgba(38,166,154,0.45)' : 'rgba(239,83,80,0.45)' });
    this.el.dataset['candles'] = String(this.rows.length);
  }

  get times(): number[] {
    return this.rows.map((r) => r[0]);
  }

  clearStudies(): void {
    for (const s of this.extra) this.chart.removeSeries(s);
    this.extra = [];
    // Removing a series leaves its pane empty; drop every pane below the price pane.
    for (let i = this.chart.panes().length - 1; i > 0; i--) this.chart.removePane(i);
  }

  /** One line per output; on the price pane (overlay) or in a new pane under it. */
  addStudy(name: string, times: number[], outputs: Record<string, (number | null)[]>, placement: 'overlay' | 'pane'): void {
    const pane = placement === 'overlay' ? 0 : this.chart.panes().length;
    Object.entries(outputs).forEach(([out, values], k) => {
      const s = this.chart.addSeries(LineSeries, {
        color: COLORS.palette[k % COLORS.palette.length], lineWidth: 2, title: `${name}${Object.keys(outputs).length > 1 ? ` ${out.replace(/^out/, '')}` : ''}`,
        priceLineVisible: false, lastValueVisible: placement === 'pane',
      }, pane);
      s.setData(times.flatMap((t, i) => (values[i] === null || values[i] === undefined ? [] : [{ time: sec(t), value: values[i]! }])));
      this.extra.push(s);
    });
    if (pane > 0) this.chart.panes()[pane]?.setHeight(130);
  }

  clearLines(): void {
    for (const l of this.lines) this.candles.removePriceLine(l);
    this.lines = [];
  }

  line(price: number, color: string, title: string, style: LineStyle = LineStyle.Solid, width: 1 | 2 = 1): void {
    if (!Number.isFinite(price)) return;
    // Untitled lines (zone edges) stay off the axis: their labels would bury the titled ones.
    this.lines.push(this.candles.createPriceLine({ price, color, title, lineStyle: style, lineWidth: width, axisLabelVisible: title !== '' }));
  }

  setMarkers(markers: SeriesMarker<Time>[]): void {
    this.markers.setMarkers([...markers].sort((a, b) => Number(a.time) - Number(b.time)));
  }

  destroy(): void {
    this.chart.remove();
  }
}

export { LineStyle };
