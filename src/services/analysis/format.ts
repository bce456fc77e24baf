import { PRICE_STYLES, formatPrice } from '../../core/numbers.js';

/** Prices keep enough significant digits for both BTC (60000) and SHIB (0.00001234). */
export function price(v: number | null): string {
  return v === null || !Number.isFinite(v) ? 'n/a' : formatPrice(v, PRICE_STYLES.text);
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
 * Persian text reads best with Persian digits, decimal separator and percent sign (one
 * sign throughout: writers may use '%', it becomes '٪' here); numbers glued to Latin names
 * (EMA50, 1d, ETH/USDT) stay as they are, since they are names.
 */
export function fa(s: string): string {
  return s
    .replace(/(?<![A-Za-z\d.])\d+(?:\.\d+)?(?![A-Za-z\d])/g, (m) => m.replace(/\d/g, (d) => FA_DIGITS[Number(d)]!).replace(/\./g, '٫'))
    .replace(/%/g, '٪');
}
