import { lexiconModel, type SentimentModel } from '../../core/sentiment/model.js';
import { bundledVaderLexicon } from '../../sources/sentiment/lexicon-file.js';

/**
 * The sentiment model this process uses: VADER + crypto terms + Persian, on the bundled
 * lexicon. A FinBERT-class ONNX model would be preferred when one is present locally, but
 * no such model ships with Sextant and none is downloaded, so the lexicon model is it.
 */
export function sentimentModel(opts: { crypto?: boolean; persian?: boolean; dataDir?: string } = {}): SentimentModel {
  return lexiconModel({ lexicon: bundledVaderLexicon(opts.dataDir), crypto: opts.crypto ?? true, persian: opts.persian ?? true });
}
