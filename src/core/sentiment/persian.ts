/**
 * A small Persian (Farsi) word list for market talk, on VADER's −4…+4 scale, each valence
 * taken from the VADER entry of its English gloss (or the crypto term it translates).
 * Persian puts the negating verb after the word ("خوب نیست" = "is not good"), so negators
 * here work on the one or two words before them; "خیلی"/"بسیار" boost like "very".
 * Written in standard Persian script; Arabic-keyboard variants of ی/ک are normalised.
 */
export interface PersianTerm { word: string; gloss: string; valence: number }

export const PERSIAN_TERMS: readonly PersianTerm[] = [
  { word: 'خوب', gloss: 'good', valence: 1.9 },
  { word: 'عالی', gloss: 'excellent', valence: 2.7 },
  { word: 'بد', gloss: 'bad', valence: -2.5 },
  { word: 'افتضاح', gloss: 'terrible', valence: -2.1 },
  { word: 'سود', gloss: 'profit', valence: 1.9 },
  { word: 'ضرر', gloss: 'loss', valence: -1.3 },
  { word: 'زیان', gloss: 'loss', valence: -1.3 },
  { word: 'صعودی', gloss: 'bullish', valence: 1.9 },
  { word: 'نزولی', gloss: 'bearish', valence: -1.9 },
  { word: 'رشد', gloss: 'growth', valence: 1.6 },
  { word: 'سقوط', gloss: 'crash', valence: -1.7 },
  { word: 'ریزش', gloss: 'drop / sell-off', valence: -1.5 },
  { word: 'کلاهبرداری', gloss: 'scam', valence: -2.7 },
  { word: 'ترس', gloss: 'fear', valence: -2.2 },
  { word: 'نگران', gloss: 'worried', valence: -1.2 },
  { word: 'امید', gloss: 'hope', valence: 1.9 },
  { word: 'امیدوار', gloss: 'hopeful', valence: 2.3 },
  { word: 'ناامید', gloss: 'hopeless', valence: -2.0 },
  { word: 'خوشحال', gloss: 'happy', valence: 2.7 },
  { word: 'ناراحت', gloss: 'upset', valence: -1.6 },
  { word: 'قوی', gloss: 'strong', valence: 2.3 },
  { word: 'ضعیف', gloss: 'weak', valence: -1.9 },
  { word: 'موفق', gloss: 'successful', valence: 2.8 },
  { word: 'شکست', gloss: 'failure', valence: -2.3 },
  { word: 'خطر', gloss: 'danger', valence: -2.4 },
  { word: 'خطرناک', gloss: 'dangerous', valence: -2.1 },
  { word: 'حمایت', gloss: 'support', valence: 1.7 },
  { word: 'پامپ', gloss: 'pump', valence: 1.2 },
  { word: 'دامپ', gloss: 'dump', valence: -1.6 },
  { word: 'طمع', gloss: 'greed', valence: -1.7 },
  { word: 'وحشت', gloss: 'panic', valence: -2.3 },
];

/** "is not", "was not", "no", "not": they negate what comes before (or, for نه, what follows). */
export const PERSIAN_POST_NEGATORS: ReadonlySet<string> = new Set(['نیست', 'نبود', 'نیستند', 'نشد', 'نمیشه', 'نمی‌شود']);
export const PERSIAN_NEGATORS: ReadonlySet<string> = new Set(['نه', 'هیچ', 'بدون']);
export const PERSIAN_BOOSTERS: ReadonlyMap<string, number> = new Map([['خیلی', 0.293], ['بسیار', 0.293], ['کاملا', 0.293], ['کمی', -0.293], ['یکم', -0.293]]);

export function persianLexicon(): Map<string, number> {
  return new Map(PERSIAN_TERMS.map((t) => [t.word, t.valence] as const));
}

/** Arabic yeh/kaf and zero-width joiners differ between keyboards; one spelling for lookups. */
export function normalizePersian(text: string): string {
  return text.replace(/\u064A/g, '\u06CC').replace(/\u0643/g, '\u06A9').replace(/\u0649/g, '\u06CC');
}
