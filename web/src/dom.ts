/** Small DOM helpers: the dashboard builds plain elements, no framework. */
type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | ((ev: Event) => void)>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Child | Child[])[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.replace(/^on/, ''), v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'object' ? c : String(c));
  }
  return el;
}

export interface Column<T> {
  label: string;
  value: (row: T) => Child;
  /** Numbers align right. */
  num?: boolean;
  cls?: (row: T) => string | undefined;
}

export function table<T>(rows: readonly T[], cols: Column<T>[], attrs: Attrs = {}): HTMLTableElement {
  return h('table', { class: 'grid', ...attrs },
    h('thead', {}, h('tr', {}, cols.map((c) => h('th', { class: c.num ? 'num' : undefined }, c.label)))),
    h('tbody', {}, rows.map((r) => h('tr', {}, cols.map((c) => h('td', { class: [c.num ? 'num' : '', c.cls?.(r) ?? ''].join(' ').trim() || undefined }, c.value(r)))))));
}

/** Prices keep their significant digits: 0.00001234 and 64,123.5 both read well. */
export function fmt(x: number | null | undefined, digits = 4): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  const a = Math.abs(x);
  if (a >= 1000) return x.toLocaleString('en-US', { maximumFractionDigits: 2 });
  if (a >= 1) return x.toLocaleString('en-US', { maximumFractionDigits: digits });
  if (a === 0) return '0';
  return x.toPrecision(digits);
}

export function pct(x: number | null | undefined, digits = 2): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '–' : `${x >= 0 ? '+' : ''}${x.toFixed(digits)} %`;
}

export function big(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  const a = Math.abs(x);
  if (a >= 1e9) return `${(x / 1e9).toFixed(2)} B`;
  if (a >= 1e6) return `${(x / 1e6).toFixed(2)} M`;
  if (a >= 1e3) return `${(x / 1e3).toFixed(1)} k`;
  return x.toFixed(2);
}

export function isoTime(t: number | string | null | undefined): string {
  if (t === null || t === undefined) return '–';
  const d = new Date(t);
  return Number.isNaN(d.getTime()) ? String(t) : d.toISOString().replace('T', ' ').replace(/:\d\d\.\d+Z$/, 'Z');
}

/** "12 s", "3 min", "5 h", "2 d": how old a piece of data is. */
export function age(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.round(s / 60)} min`;
  if (s < 86_400) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86_400)} d`;
}

export function notice(text: string, kind: 'info' | 'missing' | 'error' = 'info'): HTMLElement {
  return h('p', { class: `notice ${kind}` }, text);
}

export function section(title: string, ...children: (Child | Child[])[]): HTMLElement {
  return h('section', { class: 'card' }, h('h2', {}, title), ...children);
}
