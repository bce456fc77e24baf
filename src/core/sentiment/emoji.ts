/**
 * Common emoji → their Unicode CLDR short names, as VADER's emoji table maps them: the
 * description is then scored word by word through the lexicon ("face with tears of joy"
 * scores through "joy"). A subset of VADER's 3,570-entry table: the faces and symbols
 * frequent in crypto forums. Crypto mode maps the market symbols to crypto lexicon tokens.
 */
export const EMOJI: ReadonlyMap<string, string> = new Map([
  ['😀', 'grinning face'], ['😁', 'beaming face with smiling eyes'], ['😂', 'face with tears of joy'], ['🤣', 'rolling on the floor laughing'],
  ['😃', 'grinning face with big eyes'], ['😄', 'grinning face with smiling eyes'], ['😅', 'grinning face with sweat'], ['😊', 'smiling face with smiling eyes'],
  ['🙂', 'slightly smiling face'], ['😍', 'smiling face with heart-eyes'], ['😎', 'smiling face with sunglasses'], ['🤑', 'money-mouth face'],
  ['🥳', 'partying face'], ['😉', 'winking face'], ['🤔', 'thinking face'], ['😐', 'neutral face'], ['😬', 'grimacing face'],
  ['🙁', 'slightly frowning face'], ['☹', 'frowning face'], ['😞', 'disappointed face'], ['😔', 'pensive face'], ['😟', 'worried face'],
  ['😢', 'crying face'], ['😭', 'loudly crying face'], ['😱', 'face screaming in fear'], ['😨', 'fearful face'], ['😰', 'anxious face with sweat'],
  ['😡', 'pouting face'], ['😠', 'angry face'], ['🤬', 'face with symbols on mouth'], ['🤮', 'face vomiting'], ['🤡', 'clown face'],
  ['💀', 'skull'], ['💩', 'pile of poo'], ['👍', 'thumbs up'], ['👎', 'thumbs down'], ['👏', 'clapping hands'], ['🙏', 'folded hands'],
  ['💪', 'flexed biceps'], ['🙌', 'raising hands'], ['❤', 'red heart'], ['💔', 'broken heart'], ['🔥', 'fire'], ['🎉', 'party popper'],
  ['✅', 'check mark button'], ['❌', 'cross mark'], ['⚠', 'warning'], ['💰', 'money bag'], ['💸', 'money with wings'], ['💎', 'gem stone'],
  ['🚀', 'rocket'], ['🌕', 'full moon'], ['📈', 'chart increasing'], ['📉', 'chart decreasing'], ['🐳', 'spouting whale'], ['🐋', 'whale'],
  ['🐻', 'bear'], ['🐂', 'ox'],
]);

/** In crypto text the market symbols mean a price direction. */
export const CRYPTO_EMOJI: ReadonlyMap<string, string> = new Map([
  ['🚀', 'rocket'], ['🌕', 'moon'], ['📈', 'chart-up'], ['📉', 'chart-down'], ['🐻', 'bearish'], ['🐂', 'bullish'],
]);
