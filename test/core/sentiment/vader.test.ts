import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseVaderLexicon } from '../../../src/core/sentiment/lexicon.js';
import { lexiconModel } from '../../../src/core/sentiment/model.js';
import { CRYPTO_TERMS } from '../../../src/core/sentiment/crypto-terms.js';
import { PERSIAN_TERMS } from '../../../src/core/sentiment/persian.js';

const lexicon = parseVaderLexicon(readFileSync('data/sentiment/vader_lexicon.txt', 'utf8'));
const plain = lexiconModel({ lexicon, crypto: false, persian: false });
const full = lexiconModel({ lexicon });

describe('VADER port', () => {
  it('reproduces the compound scores vaderSentiment prints for the examples in its README', () => {
    // (text, compound) as printed by vaderSentiment 3.3.2's demo.
    const cases: [string, number][] = [
      ['VADER is smart, handsome, and funny.', 0.8316], ['VADER is smart, handsome, and funny!', 0.8439],
      ['VADER is very smart, handsome, and funny.', 0.8545], ['VADER is VERY SMART, handsome, and FUNNY.', 0.9227],
      ['VADER is VERY SMART, handsome, and FUNNY!!!', 0.9342], ['VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!', 0.9469],
      ['VADER is not smart, handsome, nor funny.', -0.7424], ['The book was good.', 0.4404], ["At least it isn't a horrible book.", 0.431],
      ['The book was only kind of good.', 0.3832], ['The plot was good, but the characters are uncompelling and the dialog is not great.', -0.7042],
      ['Today SUX!', -0.5461], ["Today only kinda sux! But I'll get by, lol", 0.5249], ['Make sure you :) or :D today!', 0.8633], ['Not bad at all', 0.431],
    ];
    for (const [text, want] of cases) expect(plain.score(text).score, text).toBe(want);
  });

  it('reads every line of the bundled lexicon; a token listed twice keeps its last valence, as a Python dict does', () => {
    const lines = readFileSync('data/sentiment/vader_lexicon.txt', 'utf8').trim().split('\n');
    expect(lines).toHaveLength(7520);
    expect(lexicon.size).toBe(new Set(lines.map((l) => l.split('\t')[0])).size);
    const lol = lines.filter((l) => l.startsWith('lol\t'));
    expect(lol.length).toBeGreaterThan(1);
    expect(lexicon.get('lol')).toBe(Number(lol.at(-1)!.split('\t')[1]));
  });
});

describe('crypto extension', () => {
  it('scores crypto slang plain VADER does not know, in the right direction', () => {
    for (const t of CRYPTO_TERMS) for (const w of t.words) {
      const s = full.score(`this is ${w}`).score;
      expect(Math.sign(s), w).toBe(Math.sign(t.valence));
    }
    expect(plain.score('so bullish on btc').label).toBe('neutral');
    expect(full.score('so bullish on btc').label).toBe('positive');
    expect(full.score('got rekt by that rug pull').label).toBe('negative');
  });

  it('keeps VADER rules over the new words: negation flips, boosters and caps strengthen', () => {
    const base = full.score('eth is bullish').score;
    expect(full.score('eth is not bullish').score).toBeLessThan(0);
    expect(full.score('eth is very bullish').score).toBeGreaterThan(base);
    expect(full.score('eth is BULLISH').score).toBeGreaterThan(base);
  });

  it('reads emoji through their descriptions, market emoji as price directions', () => {
    expect(plain.score('😂').score).toBeGreaterThan(0);
    expect(full.score('btc 🚀🚀').label).toBe('positive');
    expect(full.score('my bags 📉').label).toBe('negative');
  });
});

describe('Persian', () => {
  it('scores every listed word in its direction and negates with a following نیست', () => {
    for (const t of PERSIAN_TERMS) expect(Math.sign(full.score(`بازار ${t.word}`).score), t.gloss).toBe(Math.sign(t.valence));
    expect(full.score('بازار خوب است').label).toBe('positive');
    expect(full.score('بازار خوب نیست').label).toBe('negative');
    expect(full.score('بازار خیلی خوب است').score).toBeGreaterThan(full.score('بازار خوب است').score);
    // Arabic-keyboard yeh in "عالي" still finds "عالی".
    expect(full.score('عالي').label).toBe('positive');
  });
});
