/**
 * Crypto vocabulary VADER's general social-media lexicon lacks or misreads, on VADER's
 * −4…+4 scale. Each valence is anchored to a VADER word of similar force (named in the
 * note), so crypto slang weighs like the plain English it stands for. Chosen from the
 * language of crypto forums, not fitted to any labelled file.
 */
export interface CryptoTerm {
  words: readonly string[];
  valence: number;
  note: string;
}

export const CRYPTO_TERMS: readonly CryptoTerm[] = [
  { words: ['bullish'], valence: 1.9, note: 'expects prices to rise; as "good" (1.9)' },
  { words: ['bearish'], valence: -1.9, note: 'expects prices to fall; mirror of bullish' },
  { words: ['moon', 'mooning', 'mooned', 'moonshot'], valence: 2.0, note: '"to the moon": a large rise; a little above "profit" (1.9)' },
  { words: ['hodl', 'hodling', 'hodler', 'hodlers'], valence: 1.0, note: 'holding through volatility: conviction, mildly positive' },
  { words: ['rekt'], valence: -2.6, note: '"wrecked", a ruinous loss; between "ruined" (−2.1) and "ruin" (−2.8)' },
  { words: ['pump', 'pumping', 'pumped'], valence: 1.2, note: 'a sharp price rise; less than "moon" because pumps are often artificial' },
  { words: ['fud'], valence: -1.5, note: '"fear, uncertainty and doubt"; VADER has −1.1 for the general word, crypto use is a charge of manipulation' },
  { words: ['rug', 'rugpull', 'rugpulled', 'rugged'], valence: -3.0, note: 'developers vanish with the funds; a little beyond "scam" (−2.7)' },
  { words: ['ponzi'], valence: -2.8, note: 'a fraud scheme; as "ruin" (−2.8)' },
  { words: ['ath'], valence: 1.8, note: 'all-time high; as "profit" (1.9) minus a little' },
  { words: ['wagmi'], valence: 2.0, note: '"we\'re all gonna make it"' },
  { words: ['ngmi'], valence: -2.0, note: '"not gonna make it"; mirror of wagmi' },
  { words: ['lambo', 'lambos'], valence: 1.5, note: 'the buy-a-Lamborghini gain' },
  { words: ['shill', 'shills', 'shilling', 'shilled'], valence: -1.3, note: 'paid or biased promotion' },
  { words: ['bagholder', 'bagholders', 'bagholding'], valence: -1.8, note: 'stuck with a coin that lost its value' },
  { words: ['capitulation', 'capitulate', 'capitulated'], valence: -1.8, note: 'holders give up and sell at a loss' },
  { words: ['liquidated', 'liquidation', 'liquidations'], valence: -2.0, note: 'leveraged position closed by force at a loss' },
  { words: ['hack', 'exploited', 'drained'], valence: -2.3, note: 'funds stolen; VADER has "hacked" −1.7 and "exploit" −0.4 (general senses)' },
  { words: ['rally', 'rallying', 'rallied'], valence: 1.6, note: 'a sustained rise' },
  { words: ['surge', 'surging', 'surged'], valence: 1.6, note: 'a sudden rise' },
  { words: ['soar', 'soaring', 'soared', 'skyrocket', 'skyrocketing', 'skyrocketed'], valence: 2.0, note: 'a steep rise' },
  { words: ['plunge', 'plunging', 'plunged', 'plummet', 'plummeting', 'plummeted'], valence: -2.0, note: 'a steep fall; a little beyond "crash" (−1.7)' },
  { words: ['tank', 'tanking', 'tanked'], valence: -1.8, note: 'falls hard' },
  { words: ['bleeding', 'bleed'], valence: -1.5, note: 'steady losses ("portfolio is bleeding")' },
  { words: ['breakout'], valence: 1.2, note: 'price leaves a range upwards (usually)' },
  { words: ['paperhands', 'paperhanded'], valence: -1.0, note: 'sold in panic' },
  { words: ['adoption'], valence: 1.2, note: 'more users/institutions: the bull narrative' },
  { words: ['green'], valence: 0.8, note: 'price up ("green candles"); small, colour words are ambiguous' },
  { words: ['red'], valence: -0.8, note: 'price down ("sea of red"); mirror of green' },
  // Emoji descriptions the crypto emoji table maps to (emoji.ts).
  { words: ['rocket'], valence: 1.5, note: '🚀, "to the moon"' },
  { words: ['chart-up'], valence: 1.5, note: '📈' },
  { words: ['chart-down'], valence: -1.5, note: '📉' },
];

/** The terms as one token → valence map. */
export function cryptoLexicon(): Map<string, number> {
  return new Map(CRYPTO_TERMS.flatMap((t) => t.words.map((w) => [w, t.valence] as const)));
}
