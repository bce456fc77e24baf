/** Prices keep enough significant digits for both BTC (60000) and SHIB (0.00001234). */
export function price(v: number | null): string {
  if (v === null || !Number.isFinite(v)) return 'n/a';
  const a = Math.abs(v);
  if (a >= 1000) return v.toFixed(2);
  if (a >= 1) return v.toFixed(4).replace(/0{1,2}$/, '');
  if (a === 0) return '0';
  return v.toPrecision(4);
}

export function num(v: number | null, digits = 1): string {
  return v === null || !Number.isFinite(v) ? 'n/a' : v.toFixed(digits);
}

export function pct(v: number | null, digits = 2): string {
  if (v === null || !Number.isFinite(v)) return 'n/a';
  return `${v > 0 ? '+' : ''}${v.toFixed(digits)}%`;
}

const FA_DIGITS = '۰۱۲۳۴۵۶۷۸۹';

/**
 * Persian text reads best with Persian digits and decimal separator; numbers glued to
 * Latin names (EMA50, 1d, ETH/USDT) stay as they are, since they are names.
 */
export function fa(s: string): string {
  return s.replace(/(?<![A-Za-z\d.])\d+(?:\.\d+)?(?![A-Za-z\d])/g, (m) => m.replace(/\d/g, (d) => FA_DIGITS[Number(d)]!).replace(/\./g, '٫'));
}
