/**
 * Numbers on their way out of the program: JSON and SQL get null where a value is not a
 * number (warm-up NaN, an empty window), people get prices with as many digits as the
 * price's size needs (BTC 60000.00, SHIB 0.00001234).
 */

/** NaN, ±Infinity, null and undefined all become null: no reader can act on them. */
export function finiteOrNull(v: number | null | undefined): number | null {
  return v === null || v === undefined || !Number.isFinite(v) ? null : v;
}

/** How many digits a price gets, by its size. */
export interface PriceStyle {
  /** Decimals from 1000 up. */
  thousands: number;
  /** Decimals from 1 to 1000. */
  units: number;
  /** Significant digits below 1. */
  small: number;
  /** Drop up to this many trailing zeros from a units-tier price (prose reads 1.25, not 1.2500). */
  trimUnits?: number;
  /** From this size up, exponential notation with `small` digits (narrow table columns). */
  exponentFrom?: number;
  /** Zero written with the units tier's decimals ("0.00") instead of "0". */
  fixedZero?: boolean;
}

export const PRICE_STYLES = {
  /** Tables and one-line explanations. */
  table: { thousands: 2, units: 4, small: 4 },
  /** Running text: trailing zeros of small prices dropped. */
  text: { thousands: 2, units: 4, small: 4, trimUnits: 2 },
  /** Chart axis labels: short. */
  axis: { thousands: 0, units: 2, small: 4 },
} as const satisfies Record<string, PriceStyle>;

/** A finite price as text in the given style; non-finite values as JavaScript writes them. */
export function formatPrice(v: number, style: PriceStyle = PRICE_STYLES.table): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (style.exponentFrom !== undefined && a >= style.exponentFrom) return v.toExponential(style.small);
  if (a >= 1000) return v.toFixed(style.thousands);
  if (a >= 1 || (a === 0 && style.fixedZero)) {
    const s = v.toFixed(style.units);
    return style.trimUnits ? s.replace(new RegExp(`0{1,${style.trimUnits}}$`), '') : s;
  }
  if (a === 0) return '0';
  return v.toPrecision(style.small);
}

/** `digits` significant digits, trailing zeros dropped (61234.5678 -> "61234.6"): for explanations. */
export function significant(v: number, digits = 6): string {
  return Number.isFinite(v) ? String(Number(v.toPrecision(digits))) : String(v);
}
