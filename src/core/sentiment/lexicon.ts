/**
 * VADER lexicon text (`token<TAB>mean<TAB>sd<TAB>[ratings]` per line) to a token → valence map.
 * Pure: the caller reads the file.
 */
export function parseVaderLexicon(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const [token, mean] = line.replace(/\r$/, '').split('\t');
    const v = Number(mean);
    if (token === undefined || token === '' || !Number.isFinite(v)) throw new Error(`lexicon line is not "token<TAB>valence": ${JSON.stringify(line.slice(0, 60))}`);
    out.set(token, v);
  }
  return out;
}
