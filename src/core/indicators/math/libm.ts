/**
 * log, log10, exp and cosh written from the math for the Math Transform group (LN, LOG10, EXP, COSH).
 * TA-Lib C calls glibc's libm per value; V8's Math.log/log10/exp (fdlibm, called out of line) are
 * slower than glibc and further from it: on the bench's 1M closes Math.log's result differs from
 * glibc's in the last bit on 5.6% of values, Math.exp's on 7.6%. These kernels are table-driven
 * (Tang's method), accurate to ~0.5 ulp, so they agree with glibc (itself within ~0.52 ulp) far more
 * often. Tables are built on first use (tables()) in double-double arithmetic (dd.ts): every constant is
 * defined by the formula next to it, none is copied from a library.
 *
 * The loop kernels read the input's high words through an Int32Array view of its buffer (a
 * one-slot Float64Array/Int32Array pun per value costs more than the rest of the reduction), so the
 * tables are one Float64Array (`T`): fewer array checks per value in V8's optimised code.
 * math/libm-wasm.ts runs the same arithmetic as WebAssembly; these stay the fallback and its reference.
 */
import { DD, add, ddLog, div, mul, splitHi, twoSum } from './dd.js';

/** The kernels read high words at odd Int32 indices: little-endian only (transforms.ts checks). */
export const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

const F = new Float64Array(1);
const W = new Int32Array(F.buffer);
const HI = LITTLE_ENDIAN ? 1 : 0;

function fromWords(hi: number, lo: number): number {
  W[HI] = hi;
  W[1 - HI] = lo;
  return F[0]!;
}

function highWord(x: number): number {
  F[0] = x;
  return W[HI]!;
}

const LN2 = ddLog(2);
/** ln 2 with a 42-bit high part: k * LN2_HI is exact for |k| < 2^11 */
export const LN2_HI = splitHi(LN2[0], 11);
export const LN2_LO = (LN2[0] - LN2_HI) + LN2[1];

// ---- table layout in T -------------------------------------------------------------------------
/** log: 2^LOG_BITS subintervals x [c, 1/c, log(c) high, log(c) low] */
const LOG_BITS = 8;
const LOG_N = 1 << LOG_BITS;
/** log near 1: the same subintervals x [1/ic high, ic, -log(ic) high, -log(ic) low, -(1/ic low) ic] */
export const LOG1_T = 4 * LOG_N;
/** exp: 2^(j/EXP_N) as [high, low] */
const EXP_N = 256;
export const EXP_T = LOG1_T + 5 * LOG_N;
/** P2 + k + 1075 holds 2^k for k in [-1075, 1023] */
export const P2 = EXP_T + 2 * EXP_N;
/** The tables; filled by tables() on first use. */
export const T = new Float64Array(P2 + 2099);

/*
 * log: x = 2^k z with the split at OFF (high word 0x3fe6a000 less half a subinterval), so z lies in
 * [0.7067, 1.4133) and log z is small on both sides of 1. The top LOG_BITS mantissa bits of z's
 * position pick one of 256 subintervals with centre c: log x = k ln2 + log c + log1p(r),
 * r = (z - c)/c, |r| < 2^-9. z - c is exact (Sterbenz); r = (z - c) * (1/c) rounds twice (< 2^-61.4
 * absolute). log1p(r) - r = -r^2/2 + r^3/3 - r^4/4 + r^5/5 - r^6/6 (Taylor; the first omitted term
 * r^7/7 < 2^-65.8). log c is split at 2^-42, as ln2's high part is (42 bits), so
 * w = k LN2_HI + log(c)_hi is exact (|w| < 2^10); w + r is a two-sum (exact: |w| > |r| off the
 * near-1 range below), so the result rounds once, at the final add.
 *
 * Near 1 (|x - 1| < 2^-5, where log x is small and the rounding of r would show) r is made exact
 * instead: ic, an 8-bit approximation of 1/c (a multiple of 2^-8 below 1, of 2^-7 above; 1 for the
 * subinterval [1 - 2^-10, 1 + 2^-9) around 1), 1/ic = ch + cl as a double-double; z - ch is exact
 * with at most 45 significant bits, so (z - ch) ic is exact too, and r = z ic - 1 =
 * (z - ch) ic - cl ic, the last a per-subinterval constant. |r| < 2^-7.7, so log1p takes terms to
 * r^8/8 (the first omitted, r^9/9 < 2^-72).
 */
export const LOG_OFF = 0x3fe6a000 - (1 << (19 - LOG_BITS));
const T42 = 2 ** 42;
/** high words of 1 - 2^-5 and 1 + 2^-5: the near-1 range is [NEAR1_LO, NEAR1_LO + NEAR1_SPAN) */
export const NEAR1_LO = 0x3fef0000;
export const NEAR1_SPAN = 0x3ff08000 - NEAR1_LO;

/** log x for a positive normal x with high word hx off the near-1 range, kAdd added to its exponent. */
function logCore(x: number, hx: number, kAdd: number, t: Float64Array): number {
  const tmp = hx - LOG_OFF;
  const e = tmp >> 20;
  const j = ((tmp >> 12) & 255) << 2;
  const z = x * t[P2 + 1075 - e]!;
  const r = (z - t[j]!) * t[j + 1]!;
  const r2 = r * r;
  const p = r2 * (-0.5 + r * (1 / 3)) + r2 * r2 * (-0.25 + r * 0.2 + r2 * (-1 / 6));
  const k = e + kAdd;
  const w = k * LN2_HI + t[j + 2]!;
  const hi = w + r;
  const lo = (w - hi) + r;
  return hi + ((lo + (k * LN2_LO + t[j + 3]!)) + p);
}

/** log x for x in the near-1 range (exponent 0 there). */
export function logNear1(x: number, hx: number): number {
  const t = tables();
  const j = LOG1_T + (((hx - LOG_OFF) >> 12) & 255) * 5;
  const rh = (x - t[j]!) * t[j + 1]!;
  const rl = t[j + 4]!;
  const r = rh + rl;
  const r2 = r * r;
  const r4 = r2 * r2;
  const p = r2 * (-0.5 + r * (1 / 3)) + r4 * (-0.25 + r * 0.2) + r4 * r2 * (-1 / 6 + r * (1 / 7) - r2 * 0.125);
  const a = t[j + 2]!;
  const s = a + rh;
  const sb = s - a;
  const se = (a - (s - sb)) + (rh - sb);
  return s + ((se + t[j + 3]!) + (rl + p));
}

export function logSpecial(x: number): number {
  if (!(x >= 0)) return NaN;
  if (x === 0) return -Infinity;
  if (x === Infinity) return x;
  const y = x * 2 ** 54; // a subnormal, scaled exactly into the normal range
  return logCore(y, highWord(y), -54, tables());
}

/** Natural log, within 0.52 ulp (tested against glibc). */
export function log(x: number): number {
  const hx = highWord(x);
  if ((hx - 0x00100000) >>> 0 >= 0x7fe00000) return logSpecial(x);
  return (hx - NEAR1_LO) >>> 0 < NEAR1_SPAN ? logNear1(x, hx) : logCore(x, hx, 0, tables());
}

export function logInto(x: Float64Array, out: Float64Array, from = 0, to = x.length): void {
  const w = new Int32Array(x.buffer, x.byteOffset, 2 * x.length);
  const t = tables();
  for (let i = from; i < to; i++) {
    const v = x[i]!;
    const hx = w[2 * i + 1]!;
    out[i] = (hx - 0x00100000) >>> 0 >= 0x7fe00000 ? logSpecial(v)
      : (hx - NEAR1_LO) >>> 0 < NEAR1_SPAN ? logNear1(v, hx) : logCore(v, hx, 0, t);
  }
}

/*
 * log10: glibc's formula, so that results follow glibc's (TA-Lib C's) rounding: with
 * x = 2^n m, m in [1, 2) (in [0.5, 1) and n + 1 when n < 0), log10 x = n log10(2)_hi +
 * (n log10(2)_lo + log(m) / ln10), log10(2)_hi holding 40 bits so n log10(2)_hi is exact.
 */
const LN10 = add(mul([3, 0], LN2), ddLog(1.25));
export const IVLN10 = div([1, 0], LN10)[0];
const LOG10_2: DD = div(LN2, LN10);
export const LOG10_2_HI = (() => { F[0] = LOG10_2[0]; W[1 - HI] &= ~0x1fff; return F[0]!; })();
export const LOG10_2_LO = twoSum(LOG10_2[0] - LOG10_2_HI, LOG10_2[1])[0];

function log10Core(x: number, hx: number, kAdd: number, t: Float64Array): number {
  const n = (hx >> 20) - 1023 + kAdd;
  const neg = n >>> 31;
  const hm = (hx & 0x000fffff) | ((0x3ff - neg) << 20);
  const y = n + neg;
  const m = x * t[P2 + 1075 - (hx >> 20) + 1023 - neg]!;
  const l = (hm - NEAR1_LO) >>> 0 < NEAR1_SPAN ? logNear1(m, hm) : logCore(m, hm, 0, t);
  return (y * LOG10_2_LO + IVLN10 * l) + y * LOG10_2_HI;
}

export function log10Special(x: number): number {
  if (!(x >= 0)) return NaN;
  if (x === 0) return -Infinity;
  if (x === Infinity) return x;
  const y = x * 2 ** 54;
  return log10Core(y, highWord(y), -54, tables());
}

/** Base-10 log computed as glibc's log10 does, on this file's log. */
export function log10(x: number): number {
  const hx = highWord(x);
  return (hx - 0x00100000) >>> 0 >= 0x7fe00000 ? log10Special(x) : log10Core(x, hx, 0, tables());
}

export function log10Into(x: Float64Array, out: Float64Array, from = 0, to = x.length): void {
  const w = new Int32Array(x.buffer, x.byteOffset, 2 * x.length);
  const t = tables();
  for (let i = from; i < to; i++) {
    const v = x[i]!;
    const hx = w[2 * i + 1]!;
    out[i] = (hx - 0x00100000) >>> 0 >= 0x7fe00000 ? log10Special(v) : log10Core(v, hx, 0, t);
  }
}

/*
 * exp: x = (256 k + j) ln2/256 + r with kj = round(x 256/ln2) (the 1.5 * 2^52 shifter rounds to
 * nearest even), |r| <= ln2/512 < 2^-9.5; exp x = 2^k 2^(j/256) e^r. r = x - kj ln2/256 with
 * ln2/256 split in 35 + 53 bits (kj < 2^18, so kj * EXP_L_HI is exact and so is the first
 * subtraction), its last rounding kept in rl. e^r - 1 = r + r^2/2 + ... + r^5/120 (the first
 * omitted term r^6/720 < 2^-66). 2^(j/256) is a double-double from the table, built by binary
 * powering of 2^(1/256) = exp(ln2/256) (its Taylor series in double-double).
 */
const LN2_256: DD = [LN2[0] / 256, LN2[1] / 256];
export const EXP_INV_L = 256 / LN2[0];
export const EXP_L_HI = splitHi(LN2_256[0], 18);
export const EXP_L_LO = (LN2_256[0] - EXP_L_HI) + LN2_256[1];
const SHIFT = 1.5 * 2 ** 52;

function ddExpSmall(a: DD): DD {
  // Taylor series of e^a - 1 for |a| < 2^-8: 14 terms reach 2^-120
  let term: DD = a;
  let sum: DD = a;
  for (let n = 2; n < 16; n++) {
    term = div(mul(term, a), [n, 0]);
    sum = add(sum, term);
  }
  return add([1, 0], sum);
}

/** exp x for |x| < 708 (a normal result), the power of two scaled by 2^-sc, sc in {-1, 0, 64} */
function expCore(x: number, t: Float64Array, sc: number): number {
  const kn = (x * EXP_INV_L + SHIFT) - SHIFT;
  const ki = kn | 0;
  const j = EXP_T + ((ki & 255) << 1);
  const a = x - kn * EXP_L_HI;
  const b = kn * EXP_L_LO;
  const r = a - b;
  const rl = (a - r) - b;
  const r2 = r * r;
  const q = r + (rl + (r2 * (0.5 + r * (1 / 6)) + r2 * r2 * (1 / 24 + r * (1 / 120))));
  const th = t[j]!;
  return (th + (t[j + 1]! + th * q)) * t[P2 + 1075 + (ki >> 8) + sc]!;
}

export function expSpecial(x: number): number {
  if (x !== x) return x;
  if (x > 709.8) return Infinity;
  if (x < -745.2) return 0;
  // near overflow: build with 2^(k-1), then double (rounds once, overflows only when it should);
  // subnormal results: build 2^64 higher, then scale (rounds twice, as fdlibm's exp does)
  return x > 0 ? expCore(x, tables(), -1) * 2 : expCore(x, tables(), 64) * 2 ** -64;
}

/** e^x, within 0.51 ulp for normal results (tested against glibc). */
export function exp(x: number): number {
  return x < 708 && x > -708 ? expCore(x, tables(), 0) : expSpecial(x);
}

export function expInto(x: Float64Array, out: Float64Array, from = 0, to = x.length): void {
  const t = tables();
  for (let i = from; i < to; i++) {
    const v = x[i]!;
    out[i] = v < 708 && v > -708 ? expCore(v, t, 0) : expSpecial(v);
  }
}

/*
 * cosh: glibc's formula (its thresholds, from their high words), on this file's exp, so that
 * results follow glibc's rounding: |x| < ~0.5 ln2: 1 + t^2/(2(1 + t)), t = expm1|x|;
 * below 22: (e^|x| + 1/e^|x|)/2 as e/2 + 0.5/e; below ~ln(DBL_MAX): e^|x|/2; up to the overflow
 * threshold: (e^(|x|/2)/2) e^(|x|/2). expm1 for |x| < 0.35 comes from exp's own pieces:
 * e^a = S + L with S = 2^k 2^(j/256)_high exact and L the rest, and S - 1 is exact there (the
 * exact scalings by powers of two leave every result equal to exp's).
 */
export const COSH_SMALL = fromWords(0x3fd62e43, 0);
export const COSH_BIG = fromWords(0x40862e42, 0);
export const COSH_MAX = fromWords(0x408633ce, 0x8fb9f87d);

/** cosh for 0 <= ax < COSH_BIG */
function coshCore(ax: number, t: Float64Array): number {
  const kn = (ax * EXP_INV_L + SHIFT) - SHIFT;
  const ki = kn | 0;
  const j = EXP_T + ((ki & 255) << 1);
  const a = ax - kn * EXP_L_HI;
  const b = kn * EXP_L_LO;
  const r = a - b;
  const rl = (a - r) - b;
  const r2 = r * r;
  const q = r + (rl + (r2 * (0.5 + r * (1 / 6)) + r2 * r2 * (1 / 24 + r * (1 / 120))));
  const th = t[j]!;
  const u = t[j + 1]! + th * q;
  if (ax >= 22) {
    // e^ax / 2 built with 2^(k-1): 2^k overflows for ax within ~0.7 of COSH_BIG, e^ax / 2 does not
    const ph = t[P2 + 1074 + (ki >> 8)]!;
    return th * ph + u * ph;
  }
  const p = t[P2 + 1075 + (ki >> 8)]!;
  const s = th * p;
  const l = u * p;
  if (ax < COSH_SMALL) {
    const m1 = (s - 1) + l;
    const w = 1 + m1;
    return 1 + (m1 * m1) / (w + w);
  }
  const e = s + l;
  return 0.5 * e + 0.5 / e;
}

function coshSpecial(ax: number): number {
  if (ax !== ax) return ax;
  if (ax > COSH_MAX) return Infinity;
  const w = exp(0.5 * ax);
  const h = 0.5 * w;
  return h * w;
}

/** Hyperbolic cosine computed as glibc's cosh does, on this file's exp. */
export function cosh(x: number): number {
  const ax = Math.abs(x);
  return ax < COSH_BIG ? coshCore(ax, tables()) : coshSpecial(ax);
}

export function coshInto(x: Float64Array, out: Float64Array, from = 0, to = x.length): void {
  const t = tables();
  for (let i = from; i < to; i++) {
    const ax = Math.abs(x[i]!);
    out[i] = ax < COSH_BIG ? coshCore(ax, t) : coshSpecial(ax);
  }
}


/*
 * The tables are built on first use, not at import: the double-double series take ~35 ms, which
 * every importer of the indicator registry (the CLI's startup among them) would otherwise pay.
 */
let built = false;

/** T, built on the first call. */
export function tables(): Float64Array {
  if (!built) {
    built = true;
    for (let k = -1075; k < 1024; k++) T[P2 + k + 1075] = 2 ** k;
    for (let i = 0; i < LOG_N; i++) {
      const lo = LOG_OFF + (i << (20 - LOG_BITS));
      const holdsOne = lo <= 0x3ff00000 && 0x3ff00000 < lo + (1 << (20 - LOG_BITS));
      const mid = fromWords(lo + (1 << (19 - LOG_BITS)), 0);
      const c = holdsOne ? 1 : mid;
      const lc = ddLog(c);
      const lch = Math.round(lc[0] * T42) / T42;
      T[4 * i] = c;
      T[4 * i + 1] = 1 / c;
      T[4 * i + 2] = lch;
      T[4 * i + 3] = (lc[0] - lch) + lc[1];
      const ic = holdsOne ? 1 : 1 / mid < 1 ? Math.round(256 / mid) / 256 : Math.round(128 / mid) / 128;
      const ci = div([1, 0], [ic, 0]);
      const [h, l] = ddLog(ic);
      const u = LOG1_T + 5 * i;
      T[u] = ci[0];
      T[u + 1] = ic;
      T[u + 2] = -h;
      T[u + 3] = -l;
      T[u + 4] = -ci[1] * ic;
    }
    const step = ddExpSmall(LN2_256); // 2^(1/256)
    for (let j = 0; j < EXP_N; j++) {
      let v: DD = [1, 0];
      let b: DD = step;
      for (let e = j; e > 0; e >>= 1) {
        if (e & 1) v = mul(v, b);
        b = mul(b, b);
      }
      T[EXP_T + 2 * j] = v[0];
      T[EXP_T + 2 * j + 1] = v[1];
    }
  }
  return T;
}
