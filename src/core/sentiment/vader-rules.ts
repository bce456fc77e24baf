/**
 * VADER's fixed rule constants (Hutto & Gilbert 2014, vaderSentiment 3.3.2, MIT).
 * The numbers are the paper's empirically derived ones; changing them would stop this
 * being VADER, so crypto tuning goes into the lexicon (crypto-terms.ts), never here.
 */

/** Booster word increment/decrement of the following lexicon word's valence. */
export const B_INCR = 0.293;
export const B_DECR = -0.293;
/** ALL-CAPS emphasis on a sentiment word when the text is not all caps. */
export const C_INCR = 0.733;
/** Negation flips and dampens: "not good" is less negative than "bad" is. */
export const N_SCALAR = -0.74;

export const NEGATE: ReadonlySet<string> = new Set([
  'aint', 'arent', 'cannot', 'cant', 'couldnt', 'darent', 'didnt', 'doesnt', "ain't", "aren't", "can't", "couldn't", "daren't", "didn't", "doesn't",
  'dont', 'hadnt', 'hasnt', 'havent', 'isnt', 'mightnt', 'mustnt', 'neither', "don't", "hadn't", "hasn't", "haven't", "isn't", "mightn't", "mustn't",
  'neednt', "needn't", 'never', 'none', 'nope', 'nor', 'not', 'nothing', 'nowhere', 'oughtnt', 'shant', 'shouldnt', 'uhuh', 'wasnt', 'werent',
  "oughtn't", "shan't", "shouldn't", 'uh-uh', "wasn't", "weren't", 'without', 'wont', 'wouldnt', "won't", "wouldn't", 'rarely', 'seldom', 'despite',
]);

const INCR = [
  'absolutely', 'amazingly', 'awfully', 'completely', 'considerable', 'considerably', 'decidedly', 'deeply', 'effing', 'enormous', 'enormously',
  'entirely', 'especially', 'exceptional', 'exceptionally', 'extreme', 'extremely', 'fabulously', 'flipping', 'flippin', 'frackin', 'fracking',
  'fricking', 'frickin', 'frigging', 'friggin', 'fully', 'fuckin', 'fucking', 'fuggin', 'fugging', 'greatly', 'hella', 'highly', 'hugely',
  'incredible', 'incredibly', 'intensely', 'major', 'majorly', 'more', 'most', 'particularly', 'purely', 'quite', 'really', 'remarkably', 'so',
  'substantially', 'thoroughly', 'total', 'totally', 'tremendous', 'tremendously', 'uber', 'unbelievably', 'unusually', 'utter', 'utterly', 'very',
];
const DECR = [
  'almost', 'barely', 'hardly', 'just enough', 'kind of', 'kinda', 'kindof', 'kind-of', 'less', 'little', 'marginal', 'marginally', 'occasional',
  'occasionally', 'partly', 'scarce', 'scarcely', 'slight', 'slightly', 'somewhat', 'sort of', 'sorta', 'sortof', 'sort-of',
];

export const BOOSTERS: ReadonlyMap<string, number> = new Map([...INCR.map((w) => [w, B_INCR] as const), ...DECR.map((w) => [w, B_DECR] as const)]);

/** Multi-word expressions whose valence replaces that of their last word. */
export const SPECIAL_CASES: ReadonlyMap<string, number> = new Map([
  ['the shit', 3], ['the bomb', 3], ['bad ass', 1.5], ['badass', 1.5], ['bus stop', 0], ['yeah right', -2], ['kiss of death', -1.5],
  ['to die for', 3], ['beating heart', 3.1], ['broken heart', -2.9],
]);

/** Python's string.punctuation: VADER strips these from a token's ends (unless that leaves ≤ 2 characters, to keep emoticons). */
export const PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';
