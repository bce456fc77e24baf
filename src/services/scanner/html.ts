/** Escapes text for HTML bodies and attribute values. */
export const esc = (s: unknown) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** JSON safe inside <script>: no "</script>" or "<!--" can close or confuse the element. */
export const scriptJson = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

export const fmt = (v: number | null | undefined, digits = 2) => {
  if (v === null || v === undefined || !Number.isFinite(v)) return '–';
  const a = Math.abs(v);
  return a >= 1e6 ? v.toExponential(3) : a >= 1 || a === 0 ? v.toFixed(digits) : v.toPrecision(3);
};

export const isoMinute = (t: number | null) => (t === null ? '–' : new Date(t).toISOString().slice(0, 16).replace('T', ' '));

export const STYLE = `body{font:14px/1.4 system-ui,sans-serif;margin:16px;color:#222}
table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid #ddd;padding:3px 8px;text-align:right}
th{background:#f4f4f4}td:first-child,th:first-child{text-align:left}.alert{color:#b00020;font-weight:600}
.muted{color:#777}a{color:#0b57d0}`;
