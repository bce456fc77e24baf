/** Classification metrics on probabilities p for labels y in {0,1}. Textbook definitions. */

export function accuracy(p: ArrayLike<number>, y: ArrayLike<number>, threshold = 0.5): number {
  let hit = 0;
  for (let i = 0; i < y.length; i++) if ((p[i]! > threshold ? 1 : 0) === y[i]) hit++;
  return hit / y.length;
}

export function logLoss(p: ArrayLike<number>, y: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) {
    const q = Math.min(Math.max(p[i]!, 1e-15), 1 - 1e-15);
    s -= y[i]! === 1 ? Math.log(q) : Math.log(1 - q);
  }
  return s / y.length;
}

export function brier(p: ArrayLike<number>, y: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += (p[i]! - y[i]!) ** 2;
  return s / y.length;
}

/** ROC AUC = P(score of a random positive > score of a random negative), ties count 1/2 (rank formula). */
export function auc(p: ArrayLike<number>, y: ArrayLike<number>): number {
  const idx = Array.from({ length: y.length }, (_, i) => i).sort((a, b) => p[a]! - p[b]!);
  let rankSumPos = 0, nPos = 0;
  for (let k = 0; k < idx.length;) {
    let e = k;
    while (e + 1 < idx.length && p[idx[e + 1]!] === p[idx[k]!]) e++;
    const avgRank = (k + e) / 2 + 1;
    for (let j = k; j <= e; j++) if (y[idx[j]!] === 1) { rankSumPos += avgRank; nPos++; }
    k = e + 1;
  }
  const nNeg = y.length - nPos;
  if (nPos === 0 || nNeg === 0) return NaN;
  return (rankSumPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

export interface ClassMetrics {
  n: number;
  accuracy: number;
  logLoss: number;
  auc: number;
  brier: number;
}

export function classMetrics(p: ArrayLike<number>, y: ArrayLike<number>): ClassMetrics {
  return { n: y.length, accuracy: accuracy(p, y), logLoss: logLoss(p, y), auc: auc(p, y), brier: brier(p, y) };
}
