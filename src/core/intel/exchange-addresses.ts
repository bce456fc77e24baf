/**
 * A small starter list of Bitcoin addresses publicly labelled as exchange wallets (the
 * labels shown by BitInfoCharts' "richest addresses" list, which takes them from the
 * exchanges' own proof-of-reserves disclosures and explorers' tags). Labels go stale as
 * exchanges rotate wallets and could not be re-checked offline when this list was written:
 * it is a default, and `intel.exchangeAddresses` in the config replaces or extends it.
 */
export const EXCHANGE_ADDRESSES: Readonly<Record<string, string>> = Object.freeze({
  '34xp4vRoCGJym3xR7yCVPFHoCNxv4Twseo': 'binance',
  '3LYJfcfHPXYJreMsASk2jkn69LWEYKzexb': 'binance',
  bc1qm34lsc65zpw79lxes69zkqmk6ee3ewf0j77s3h: 'binance',
  '3M219KR5vEneNb47ewrPfWyb5jQ2DjxRP6': 'binance',
  bc1qgdjqv0av3q56jvd82tkdjpy7gdp9ut8tlqmgrpmv24sq90ecnvqqjwvw97: 'bitfinex',
  '1Kr6QSydW9bFQG1mXiPNNu6WpJGmUa9i1g': 'bitfinex',
  bc1ql49ydapnjafl5t2cp9zqpjwe6pdgmxy98859v2: 'robinhood',
});
