import { BOOSTERS, C_INCR, NEGATE, N_SCALAR, PUNCTUATION, SPECIAL_CASES } from './vader-rules.js';

/**
 * A line-by-line port of VADER's rule engine (vaderSentiment 3.3.2, MIT): lexicon valence,
 * "no"/negation within three words, boosters and dampeners with distance decay, ALL-CAPS
 * emphasis, "but" shifting weight to the clause after it, "least", special idioms, and
 * !/? emphasis; emoji are replaced by their descriptions before scoring, as VADER does.
 *
 * One deliberate difference: VADER's "but" rule finds each score with list.index(value),
 * which rescales the first equal value instead of the one at that position when two words
 * share a valence; here every score is rescaled by its own position.
 *
 * Extensions for other languages plug in through the options (Persian negates *after* the
 * word: "خوب نیست" = "not good"), so the English rules stay VADER's.
 */
export interface VaderOptions {
  lexicon: ReadonlyMap<string, number>;
  /** Emoji (one code point) → description, scored through the lexicon. */
  emoji?: ReadonlyMap<string, string>;
  /** Extra booster/dampener words (e.g. Persian "خیلی" = very). */
  boosters?: ReadonlyMap<string, number>;
  /** Words that negate the sentiment word one or two tokens *before* them. */
  postNegators?: ReadonlySet<string>;
  /** Extra negators that work like English ones (before the word). */
  negators?: ReadonlySet<string>;
}

export interface PolarityScores {
  neg: number;
  neu: number;
  pos: number;
  /** Normalised sum of valences in [−1, 1]. */
  compound: number;
}

const PUNCT = new Set(PUNCTUATION);
// Persian punctuation is stripped like ASCII punctuation: "خوب،" must find "خوب".
const EXTRA_PUNCT = new Set(['،', '؟', '؛', '«', '»', '…']);

function isPunct(ch: string): boolean {
  return PUNCT.has(ch) || EXTRA_PUNCT.has(ch);
}

/** Python's str.isupper(): at least one cased character and no lower-case one. */
export function isUpper(s: string): boolean {
  return /\p{Lu}/u.test(s) && !/\p{Ll}/u.test(s);
}

/** Python's str.strip(string.punctuation), kept only when ≥ 3 characters remain (emoticons like ":)" survive). */
function stripPuncIfWord(token: string): string {
  const chars = [...token];
  let a = 0;
  let b = chars.length;
  while (a < b && isPunct(chars[a]!)) a++;
  while (b > a && isPunct(chars[b - 1]!)) b--;
  return b - a <= 2 ? token : chars.slice(a, b).join('');
}

/** VADER's normalisation: x / sqrt(x² + α), α = 15 approximates the maximum expected value. */
export function normalize(score: number, alpha = 15): number {
  const n = score / Math.sqrt(score * score + alpha);
  return Math.max(-1, Math.min(1, n));
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export class Vader {
  private readonly lexicon: ReadonlyMap<string, number>;
  private readonly boosters: ReadonlyMap<string, number>;
  private readonly negators: ReadonlySet<string>;
  private readonly postNegators: ReadonlySet<string>;
  private readonly emoji: ReadonlyMap<string, string>;

  constructor(opts: VaderOptions) {
    this.lexicon = opts.lexicon;
    this.boosters = opts.boosters ? new Map([...BOOSTERS, ...opts.boosters]) : BOOSTERS;
    this.negators = opts.negators ? new Set([...NEGATE, ...opts.negators]) : NEGATE;
    this.postNegators = opts.postNegators ?? new Set();
    this.emoji = opts.emoji ?? new Map();
  }

  polarityScores(input: string): PolarityScores {
    const text = this.replaceEmoji(input);
    const words = text.split(/\s+/).filter(Boolean).map(stripPuncIfWord);
    const lower = words.map((w) => w.toLowerCase());
    const caps = words.filter(isUpper).length;
    const isCapDiff = caps > 0 && caps < words.length;
    let sentiments: number[] = [];
    for (let i = 0; i < words.length; i++) {
      if (this.boosters.has(lower[i]!)) {
        sentiments.push(0);
        continue;
      }
      if (i < words.length - 1 && lower[i] === 'kind' && lower[i + 1] === 'of') {
        sentiments.push(0);
        continue;
      }
      sentiments.push(this.valence(words, lower, i, isCapDiff));
    }
    sentiments = this.butCheck(lower, sentiments);
    return this.scoreValence(sentiments, text);
  }

  private replaceEmoji(text: string): string {
    if (!this.emoji.size) return text;
    let out = '';
    let prevSpace = true;
    for (const ch of text) {
      const d = this.emoji.get(ch);
      if (d !== undefined) {
        if (!prevSpace) out += ' ';
        out += d;
        prevSpace = false;
      } else if (ch !== '\uFE0F') {
        // The variation selector only asks for emoji presentation; left in, it glues onto the description.
        out += ch;
        prevSpace = ch === ' ';
      }
    }
    return out.trim();
  }

  private isNegated(word: string): boolean {
    return this.negators.has(word) || word.includes("n't");
  }

  private scalarIncDec(word: string, valence: number, isCapDiff: boolean): number {
    const b = this.boosters.get(word.toLowerCase());
    if (b === undefined) return 0;
    let scalar = valence < 0 ? -b : b;
    if (isUpper(word) && isCapDiff) scalar += valence > 0 ? C_INCR : -C_INCR;
    return scalar;
  }

  private valence(words: string[], lower: string[], i: number, isCapDiff: boolean): number {
    const item = lower[i]!;
    const base = this.lexicon.get(item);
    if (base === undefined) return 0;
    let valence = base;
    const n = words.length;
    // "no" before another sentiment word is a negator, not a sentiment word of its own.
    if (item === 'no' && i !== n - 1 && this.lexicon.has(lower[i + 1]!)) valence = 0;
    if ((i > 0 && lower[i - 1] === 'no') || (i > 1 && lower[i - 2] === 'no') || (i > 2 && lower[i - 3] === 'no' && (lower[i - 1] === 'or' || lower[i - 1] === 'nor'))) {
      valence = base * N_SCALAR;
    }
    if (isUpper(words[i]!) && isCapDiff) valence += valence > 0 ? C_INCR : -C_INCR;
    for (let start = 0; start < 3; start++) {
      const j = i - (start + 1);
      if (j >= 0 && !this.lexicon.has(lower[j]!)) {
        let s = this.scalarIncDec(words[j]!, valence, isCapDiff);
        if (start === 1 && s !== 0) s *= 0.95;
        if (start === 2 && s !== 0) s *= 0.9;
        valence += s;
        valence = this.negationCheck(valence, lower, start, i);
        if (start === 2) valence = this.idiomsCheck(valence, lower, i);
      }
    }
    valence = this.leastCheck(valence, lower, i);
    return this.postNegationCheck(valence, lower, i);
  }

  private negationCheck(valence: number, w: string[], start: number, i: number): number {
    if (start === 0) {
      if (this.isNegated(w[i - 1]!)) valence *= N_SCALAR;
    } else if (start === 1) {
      if (w[i - 2] === 'never' && (w[i - 1] === 'so' || w[i - 1] === 'this')) valence *= 1.25;
      else if (w[i - 2] === 'without' && w[i - 1] === 'doubt') { /* "without doubt" affirms */ }
      else if (this.isNegated(w[i - 2]!)) valence *= N_SCALAR;
    } else {
      if ((w[i - 3] === 'never' && (w[i - 2] === 'so' || w[i - 2] === 'this')) || w[i - 1] === 'so' || w[i - 1] === 'this') valence *= 1.25;
      else if (w[i - 3] === 'without' && (w[i - 2] === 'doubt' || w[i - 1] === 'doubt')) { /* "without a doubt" affirms */ }
      else if (this.isNegated(w[i - 3]!)) valence *= N_SCALAR;
    }
    return valence;
  }

  private idiomsCheck(valence: number, w: string[], i: number): number {
    const seqs = [`${w[i - 1]} ${w[i]}`, `${w[i - 2]} ${w[i - 1]} ${w[i]}`, `${w[i - 2]} ${w[i - 1]}`, `${w[i - 3]} ${w[i - 2]} ${w[i - 1]}`, `${w[i - 3]} ${w[i - 2]}`];
    for (const s of seqs) {
      const v = SPECIAL_CASES.get(s);
      if (v !== undefined) {
        valence = v;
        break;
      }
    }
    if (w.length - 1 > i) {
      const v = SPECIAL_CASES.get(`${w[i]} ${w[i + 1]}`);
      if (v !== undefined) valence = v;
    }
    if (w.length - 1 > i + 1) {
      const v = SPECIAL_CASES.get(`${w[i]} ${w[i + 1]} ${w[i + 2]}`);
      if (v !== undefined) valence = v;
    }
    for (const g of [`${w[i - 3]} ${w[i - 2]} ${w[i - 1]}`, `${w[i - 3]} ${w[i - 2]}`, `${w[i - 2]} ${w[i - 1]}`]) {
      const b = this.boosters.get(g);
      if (b !== undefined) valence += b;
    }
    return valence;
  }

  private leastCheck(valence: number, w: string[], i: number): number {
    if (i > 1 && !this.lexicon.has(w[i - 1]!) && w[i - 1] === 'least') {
      if (w[i - 2] !== 'at' && w[i - 2] !== 'very') valence *= N_SCALAR;
    } else if (i > 0 && !this.lexicon.has(w[i - 1]!) && w[i - 1] === 'least') {
      valence *= N_SCALAR;
    }
    return valence;
  }

  /** Languages that negate after the word (Persian "خوب نیست"): a negator one or two tokens later. */
  private postNegationCheck(valence: number, w: string[], i: number): number {
    if (!this.postNegators.size) return valence;
    for (let k = i + 1; k <= Math.min(i + 2, w.length - 1); k++) {
      if (this.postNegators.has(w[k]!)) return valence * N_SCALAR;
    }
    return valence;
  }

  /** Words after "but" weigh 1.5×, words before it 0.5×. */
  private butCheck(lower: string[], sentiments: number[]): number[] {
    const bi = lower.indexOf('but');
    if (bi < 0) return sentiments;
    return sentiments.map((s, i) => (i < bi ? s * 0.5 : i > bi ? s * 1.5 : s));
  }

  private scoreValence(sentiments: number[], text: string): PolarityScores {
    if (!sentiments.length) return { neg: 0, neu: 0, pos: 0, compound: 0 };
    let sum = sentiments.reduce((a, b) => a + b, 0);
    const ep = Math.min(4, countChar(text, '!')) * 0.292;
    const qmCount = countChar(text, '?') + countChar(text, '؟');
    const qm = qmCount > 1 ? (qmCount <= 3 ? qmCount * 0.18 : 0.96) : 0;
    const amp = ep + qm;
    if (sum > 0) sum += amp;
    else if (sum < 0) sum -= amp;
    const compound = normalize(sum);
    let pos = 0;
    let neg = 0;
    let neu = 0;
    // +1/−1 compensates for neutral words being counted as 1 each.
    for (const s of sentiments) {
      if (s > 0) pos += s + 1;
      else if (s < 0) neg += s - 1;
      else neu += 1;
    }
    if (pos > Math.abs(neg)) pos += amp;
    else if (pos < Math.abs(neg)) neg -= amp;
    const total = pos + Math.abs(neg) + neu;
    return { neg: round(Math.abs(neg / total), 3), neu: round(Math.abs(neu / total), 3), pos: round(Math.abs(pos / total), 3), compound: round(compound, 4) };
  }
}

function countChar(s: string, ch: string): number {
  let n = 0;
  for (const c of s) if (c === ch) n++;
  return n;
}

