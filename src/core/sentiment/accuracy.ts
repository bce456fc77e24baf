import type { SentimentLabel, SentimentModel } from './model.js';

export interface Accuracy {
  model: string;
  n: number;
  correct: number;
  /** correct / n: a neutral answer on a text labelled positive or negative counts as wrong. */
  accuracy: number;
  neutral: number;
  /** Accuracy on the texts the model did not call neutral, and how many those were. */
  decidedAccuracy: number;
  decided: number;
}

/** Labels as people wrote them ("Positive", "neg", …) to the model's three labels; unknown → undefined. */
export function normalizeLabel(s: string): SentimentLabel | undefined {
  const v = s.trim().toLowerCase();
  if (v.startsWith('pos')) return 'positive';
  if (v.startsWith('neg')) return 'negative';
  if (v.startsWith('neu')) return 'neutral';
  return undefined;
}

export function measureAccuracy(model: SentimentModel, rows: readonly { text: string; label: SentimentLabel }[]): Accuracy {
  let correct = 0;
  let neutral = 0;
  let decidedCorrect = 0;
  for (const r of rows) {
    const got = model.score(r.text).label;
    if (got === r.label) correct++;
    if (got === 'neutral') neutral++;
    else if (got === r.label) decidedCorrect++;
  }
  const n = rows.length;
  const decided = n - neutral;
  return { model: model.name, n, correct, accuracy: n ? correct / n : NaN, neutral, decidedAccuracy: decided ? decidedCorrect / decided : NaN, decided };
}
