import { formatPrice } from '../../core/numbers.js';

/** Escapes text for HTML bodies and attribute values. */
export const esc = (s: unknown) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** JSON safe inside <script>: no "</script>" or "<!--" can close or confuse the element. */
export const scriptJson = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

/** Volumes and prices in report tables: narrow columns, exponential from a million. */
export const fmt = (v: number | null | undefined, digits = 2) =>
  (v === null || v === undefined || !Number.isFinite(v) ? '–' : formatPrice(v, { thousands: digits, units: digits, small: 3, exponentFrom: 1e6, fixedZero: true }));

export const isoMinute = (t: number | null) => (t === null ? '–' : new Date(t).toISOString().slice(0, 16).replace('T', ' '));

export const STYLE = `body{font:14px/1.4 system-ui,sans-serif;margin:16px;color:#222}
table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid #ddd;padding:3px 8px;text-align:right}
th{background:#f4f4f4}td:first-child,th:first-child{text-align:left}.alert{color:#b00020;font-weight:600}
.muted{color:#777}a{color:#0b57d0}`;
