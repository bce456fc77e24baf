import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseVaderLexicon } from '../../core/sentiment/lexicon.js';
import { defaultDataDir } from '../market/replay/catalog.js';

let cached: Map<string, number> | undefined;

/** VADER's lexicon as bundled under data/sentiment (MIT, see data/PROVENANCE.md); read once per process. */
export function bundledVaderLexicon(dataDir?: string): Map<string, number> {
  if (dataDir) return parseVaderLexicon(readFileSync(join(dataDir, 'sentiment', 'vader_lexicon.txt'), 'utf8'));
  cached ??= parseVaderLexicon(readFileSync(join(defaultDataDir(), 'sentiment', 'vader_lexicon.txt'), 'utf8'));
  return cached;
}
