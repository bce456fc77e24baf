/**
 * Double-double arithmetic (a value = hi + lo, |lo| <= ulp(hi)/2, ~106 bits) for building libm.ts's
 * tables on first use: error-free sums (Knuth's two-sum) and products (Veltkamp's split, Dekker's
 * product; no fused multiply-add in JavaScript). Table building only: nothing here runs per value.
 */
export type DD = readonly [number, number];

const SPLIT = 2 ** 27 + 1;

/** hi + lo = a + b exactly */
export function twoSum(a: number, b: number): DD {
  const s = a + b;
  const bb = s - a;
  return [s, (a - (s - bb)) + (b - bb)];
}

/** hi + lo = a * b exactly (no overflow in the range used here) */
export function twoProd(a: number, b: number): DD {
  const p = a * b;
  let t = SPLIT * a;
  const ah = t - (t - a), al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b), bl = b - bh;
  return [p, ((ah * bh - p) + ah * bl + al * bh) + al * bl];
}

export function add(a: DD, b: DD): DD {
  const [s, e] = twoSum(a[0], b[0]);
  return twoSum(s, e + a[1] + b[1]);
}

export function mul(a: DD, b: DD): DD {
  const [p, e] = twoProd(a[0], b[0]);
  return twoSum(p, e + a[0] * b[1] + a[1] * b[0]);
}

export function div(a: DD, b: DD): DD {
  const q = a[0] / b[0];
  // one Newton step: q + (a - q b) / b
  const r = add(a, mul([-q, 0], b));
  return twoSum(q, r[0] / b[0]);
}

/** log(c) for c in [0.5, 2] as a double-double: 2 atanh(u), u = (c - 1)/(c + 1), |u| <= 1/3 */
export function ddLog(c: number): DD {
  if (c === 1) return [0, 0];
  const u = div(twoSum(c, -1), twoSum(c, 1));
  const u2 = mul(u, u);
  let pow = u;
  let sum: DD = u;
  // terms fall by u^2 <= 1/9 each: 40 terms reach 2^-126 relative
  for (let n = 3; n < 83; n += 2) {
    pow = mul(pow, u2);
    sum = add(sum, div(pow, [n, 0]));
    if (Math.abs(pow[0]) < 2 ** -120 * Math.abs(sum[0])) break;
  }
  return [2 * sum[0], 2 * sum[1]];
}

/** x rounded to its top (53 - bits) significant bits (Veltkamp) */
export function splitHi(x: number, bits: number): number {
  const t = (2 ** bits + 1) * x;
  return t - (t - x);
}

const LN2 = ddLog(2);
/** ln 2 = LN2_HI + LN2_LO with LN2_HI on 42 bits, so k * LN2_HI is exact for |k| < 2^11 */
export const LN2_HI = splitHi(LN2[0], 11);
export const LN2_LO = (LN2[0] - LN2_HI) + LN2[1];
