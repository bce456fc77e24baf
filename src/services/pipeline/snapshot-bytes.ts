import type { FibLevels, FibPoint, KeptStructure, Level, Swing } from '../../core/signals/types.js';
import { SNAPSHOT_SWINGS } from './persist.js';

/**
 * The snapshots of a candle as the UTF-8 bytes of the text JSON.stringify writes for them,
 * byte for byte, written straight into a byte buffer (what a compute thread transfers):
 * no string is built and then encoded. The test compares the bytes with JSON.stringify's
 * text on real series: a field added to Swing, Level or FibLevels must be added here too.
 *
 * Numbers are written as JSON writes them (non-finite as null); 32-bit integers (indexes,
 * counts) digit by digit, other numbers through String(), whose text is ASCII. The texts
 * that repeat from candle to candle (a swing's time, price and kind; a level's price and
 * zone; a Fibonacci leg's points) are kept as bytes, each checked against every value it
 * was made from before it is used.
 */
export class SnapshotWriter {
  /** The bytes written so far end at `pos`. Replaced (grown) when a write needs room. */
  buf: Uint8Array;
  pos = 0;

  constructor(buf: Uint8Array) {
    this.buf = buf;
  }

  /** Makes room for `n` more bytes. */
  room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const grown = freshBytes(Math.max(this.pos + n, this.buf.length * 2));
    grown.set(this.buf.subarray(0, this.pos));
    this.buf = grown;
  }

  /** Writes `b` (a cached text): one copy (set() beats a loop from ~8 bytes up). */
  bytes(b: Uint8Array): void {
    this.room(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  /** Writes an ASCII string (a number's text): one byte per UTF-16 unit. */
  ascii(s: string): void {
    const n = s.length;
    this.room(n);
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i++) buf[p++] = s.charCodeAt(i);
    this.pos = p;
  }

  /** A number as JSON writes it. */
  num(x: number): void {
    if ((x | 0) === x) this.int(x | 0);
    else if (Number.isFinite(x)) this.ascii(String(x));
    else this.bytes(NULL);
  }

  /** A 32-bit integer (-0 as 0, as String() writes it). */
  private int(x: number): void {
    this.room(11);
    const buf = this.buf;
    let p = this.pos;
    if (x < 0) {
      buf[p++] = 45;
      // -x of -2^31 is 2^31, past int32: the digits of 2^31 - 1, then the last one fixed.
      if (x === -2147483648) {
        this.pos = p;
        this.int(2147483647);
        buf[this.pos - 1] = 56;
        return;
      }
      x = -x;
    }
    // Indexes in a window (< 1000) are most of them.
    if (x < 10) buf[p++] = 48 + x;
    else if (x < 100) {
      const q = (x / 10) | 0;
      buf[p++] = 48 + q;
      buf[p++] = 48 + x - q * 10;
    } else if (x < 1000) {
      const h = (x / 100) | 0;
      const r = x - h * 100;
      const q = (r / 10) | 0;
      buf[p++] = 48 + h;
      buf[p++] = 48 + q;
      buf[p++] = 48 + r - q * 10;
    } else {
      let digits = 4;
      for (let t = (x / 10000) | 0; t > 0; t = (t / 10) | 0) digits++;
      p += digits;
      for (let i = p; i > p - digits; ) {
        const q = (x / 10) | 0;
        buf[--i] = 48 + x - q * 10;
        x = q;
      }
    }
    this.pos = p;
  }
}

/**
 * A Uint8Array of `n` bytes (not zeroed) on an ArrayBuffer of its own (not Buffer's shared
 * pool), so it can be transferred. A plain Uint8Array, not a Buffer: the writer's stores
 * then see one kind of array.
 */
export function freshBytes(n: number): Uint8Array {
  return new Uint8Array(Buffer.allocUnsafeSlow(n).buffer, 0, n);
}

const utf8 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'utf8'));
const NULL = utf8('null');
const text = utf8;

/** A number's text as JSON writes it. */
const num = (x: number): string => (Number.isFinite(x) ? String(x) : 'null');

/** Fixed pieces of text, as bytes. */
const T = {
  swingIndex: text('{"index":'),
  confirmedAt: text(',"confirmedAt":'),
  comma: text(','),
  open: text('['),
  close: text(']'),
  empty: text('[]'),
  zoneHigh: text(',"zoneHigh":'),
  lastTouch: text(',"lastTouch":'),
  levelOpen: text('{"price":'),
  leg: text('{"leg":"'),
  from: text('","from":'),
  to: text(',"to":'),
  high: text(',"high":'),
  low: text(',"low":'),
  retracements: text(',"retracements":'),
  extensions: text(',"extensions":'),
  entry1: text(',"entry1":'),
  entry2: text(',"entry2":'),
  stop: text(',"stop":'),
  approaching: text(',"approaching":'),
  pullbackStart: text(',"pullbackStart":'),
  depth: text(',"depth":'),
  pullback: text(',"pullback":"'),
  endString: text('"}'),
};

/** Bounded caches: cleared when full (a replay has a few thousand distinct keys). */
const CACHE_MAX = 4096;

/** The text after a swing's indexes, by price; checked against time and kind. */
const swingTails = new Map<number, { time: number; kind: string; text: Uint8Array }>();

function swingTail(s: Swing): Uint8Array {
  const hit = swingTails.get(s.price);
  if (hit !== undefined && hit.time === s.time && hit.kind === s.kind) return hit.text;
  const t = utf8(`,"time":${num(s.time)},"price":${num(s.price)},"kind":"${s.kind}"}`);
  if (swingTails.size >= CACHE_MAX) swingTails.clear();
  swingTails.set(s.price, { time: s.time, kind: s.kind, text: t });
  return t;
}

function swing(w: SnapshotWriter, s: Swing): void {
  w.bytes(T.swingIndex);
  w.num(s.index);
  w.bytes(T.confirmedAt);
  w.num(s.confirmedAt);
  w.bytes(swingTail(s));
}

/** The latest SNAPSHOT_SWINGS swings: JSON.stringify(swings.slice(-SNAPSHOT_SWINGS)). */
export function writeSwings(w: SnapshotWriter, swings: readonly Swing[]): void {
  const from = Math.max(0, swings.length - SNAPSHOT_SWINGS);
  if (from === swings.length) return w.bytes(T.empty);
  w.bytes(T.open);
  for (let i = from; i < swings.length; i++) {
    if (i > from) w.bytes(T.comma);
    swing(w, swings[i]!);
  }
  w.bytes(T.close);
}

/**
 * A level's text up to its zone, by price: a level's price is the mean of its touches, the
 * same double in every window that holds those touches (a replay writes ~210k level rows
 * with ~2k distinct prices). Its zone varies with the window (~240k distinct values).
 */
const levelHeads = new Map<number, Uint8Array>();

function levelHead(price: number): Uint8Array {
  let t = levelHeads.get(price);
  if (t === undefined) {
    t = utf8(`{"price":${num(price)},"zoneLow":`);
    if (levelHeads.size >= CACHE_MAX) levelHeads.clear();
    levelHeads.set(price, t);
  }
  return t;
}

/** `,"touches":N,"firstTouch":` by N (a small count). */
const touchTexts: Uint8Array[] = [];

function touchText(n: number): Uint8Array {
  const small = (n | 0) === n && n >= 0 && n < 256;
  const hit = small ? touchTexts[n] : undefined;
  if (hit !== undefined) return hit;
  const t = utf8(`,"touches":${num(n)},"firstTouch":`);
  if (small) touchTexts[n] = t;
  return t;
}

/** A level's text from its strength on, by strength (a small count) and its three flags. */
const levelTails: (Uint8Array | undefined)[] = [];

function levelTail(l: Level): Uint8Array {
  const s = l.strength;
  const small = (s | 0) === s && s >= 0 && s < 256;
  const flags = (l.state === 'broken' ? 1 : l.state === 'active' ? 0 : -64) + (l.flipped === true ? 2 : l.flipped === false ? 0 : -64) + (l.role === 'support' ? 4 : l.role === 'resistance' ? 0 : -64);
  const slot = small && flags >= 0 ? s * 8 + flags : -1;
  const hit = slot >= 0 ? levelTails[slot] : undefined;
  if (hit !== undefined) return hit;
  const t = utf8(`,"strength":${num(s)},"state":"${l.state}","flipped":${l.flipped},"role":"${l.role}"}`);
  if (slot >= 0) levelTails[slot] = t;
  return t;
}

/** JSON.stringify(levels). */
export function writeLevels(w: SnapshotWriter, levels: readonly Level[]): void {
  if (levels.length === 0) return w.bytes(T.empty);
  w.bytes(T.open);
  for (let i = 0; i < levels.length; i++) {
    const l = levels[i]!;
    if (i > 0) w.bytes(T.comma);
    w.bytes(levelHead(l.price));
    w.num(l.zoneLow);
    w.bytes(T.zoneHigh);
    w.num(l.zoneHigh);
    w.bytes(touchText(l.touches));
    w.num(l.firstTouch);
    w.bytes(T.lastTouch);
    w.num(l.lastTouch);
    w.bytes(levelTail(l));
  }
  w.bytes(T.close);
}

/** Fibonacci points as text, by their first price; used only when every ratio and price is the same number. */
const pointTexts = new Map<number, { points: FibPoint[]; text: Uint8Array }>();

function points(p: readonly FibPoint[]): Uint8Array {
  if (p.length === 0) return T.empty;
  const hit = pointTexts.get(p[0]!.price);
  if (hit !== undefined && samePoints(hit.points, p)) return hit.text;
  let o = '[';
  for (let i = 0; i < p.length; i++) o += `${i > 0 ? ',' : ''}{"ratio":${num(p[i]!.ratio)},"price":${num(p[i]!.price)}}`;
  const t = utf8(`${o}]`);
  if (pointTexts.size >= CACHE_MAX) pointTexts.clear();
  pointTexts.set(p[0]!.price, { points: p.map((x) => ({ ratio: x.ratio, price: x.price })), text: t });
  return t;
}

function samePoints(a: readonly FibPoint[], b: readonly FibPoint[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]!.ratio !== b[i]!.ratio || a[i]!.price !== b[i]!.price) return false;
  return true;
}

/** Enum strings (leg, pullback state) as bytes. */
const words = new Map<string, Uint8Array>();

function word(s: string): Uint8Array {
  let b = words.get(s);
  if (b === undefined) {
    b = utf8(s);
    if (words.size >= CACHE_MAX) words.clear();
    words.set(s, b);
  }
  return b;
}

/** JSON.stringify(fib). */
export function writeFib(w: SnapshotWriter, f: FibLevels | null): void {
  if (f === null) return w.bytes(NULL);
  w.bytes(T.leg);
  w.bytes(word(f.leg));
  w.bytes(T.from);
  swing(w, f.from);
  w.bytes(T.to);
  swing(w, f.to);
  w.bytes(T.high);
  w.num(f.high);
  w.bytes(T.low);
  w.num(f.low);
  w.bytes(T.retracements);
  w.bytes(points(f.retracements));
  w.bytes(T.extensions);
  w.bytes(points(f.extensions));
  w.bytes(T.entry1);
  w.num(f.entry1);
  w.bytes(T.entry2);
  w.num(f.entry2);
  w.bytes(T.stop);
  w.num(f.stop);
  w.bytes(T.approaching);
  w.num(f.approaching);
  w.bytes(T.pullbackStart);
  w.num(f.pullbackStart);
  w.bytes(T.depth);
  w.num(f.depth);
  w.bytes(T.pullback);
  w.bytes(word(f.pullback));
  w.bytes(T.endString);
}

/**
 * Writes the three snapshots of `r` one after the other (swings, S/R levels, Fibonacci
 * levels); returns where each ends.
 */
export function writeSnapshots(w: SnapshotWriter, r: KeptStructure): [number, number, number] {
  writeSwings(w, r.swings);
  const swings = w.pos;
  writeLevels(w, r.levels);
  const levels = w.pos;
  writeFib(w, r.fib);
  return [swings, levels, w.pos];
}
