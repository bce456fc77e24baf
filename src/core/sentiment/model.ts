import { cryptoLexicon } from './crypto-terms.js';
import { CRYPTO_EMOJI, EMOJI } from './emoji.js';
import { PERSIAN_BOOSTERS, PERSIAN_NEGATORS, PERSIAN_POST_NEGATORS, normalizePersian, persianLexicon } from './persian.js';
import { Vader } from './vader.js';

export type SentimentLabel = 'positive' | 'negative' | 'neutral';

export interface SentimentScore {
  /** VADER compound in [−1, 1]. */
  score: number;
  label: SentimentLabel;
}

export interface SentimentModel {
  readonly name: string;
  score(text: string): SentimentScore;
}

/** VADER's own cut-offs for the compound score. */
export const POSITIVE_AT = 0.05;
export const NEGATIVE_AT = -0.05;

export function labelOf(score: number): SentimentLabel {
  return score >= POSITIVE_AT ? 'positive' : score <= NEGATIVE_AT ? 'negative' : 'neutral';
}

export interface LexiconModelOptions {
  /** VADER's lexicon (token → valence). */
  lexicon: ReadonlyMap<string, number>;
  /** Add the crypto terms and crypto emoji meanings (default true); false = plain VADER. */
  crypto?: boolean;
  /** Add the Persian word list and its negation/booster rules (default true). */
  persian?: boolean;
}

/** VADER with the crypto and Persian extensions; `crypto: false, persian: false` is plain VADER. */
export function lexiconModel(opts: LexiconModelOptions): SentimentModel {
  const crypto = opts.crypto ?? true;
  const persian = opts.persian ?? true;
  const lexicon = new Map(opts.lexicon);
  if (crypto) for (const [w, v] of cryptoLexicon()) lexicon.set(w, v);
  if (persian) for (const [w, v] of persianLexicon()) lexicon.set(w, v);
  const vader = new Vader({
    lexicon,
    emoji: crypto ? new Map([...EMOJI, ...CRYPTO_EMOJI]) : EMOJI,
    ...(persian ? { boosters: PERSIAN_BOOSTERS, negators: PERSIAN_NEGATORS, postNegators: PERSIAN_POST_NEGATORS } : {}),
  });
  const name = ['vader', ...(crypto ? ['crypto'] : []), ...(persian ? ['fa'] : [])].join('+');
  return {
    name,
    score(text) {
      const compound = vader.polarityScores(persian ? normalizePersian(text) : text).compound;
      return { score: compound, label: labelOf(compound) };
    },
  };
}
