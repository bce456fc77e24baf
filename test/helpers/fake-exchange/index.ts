export { startFakeExchange, type FakeExchange, type RequestRecord } from './server.js';
export { Faults, type Fault } from './faults.js';
export { localUrls } from './urls.js';
export { dailyBars, hourlyBtc, feed, type Bar, type RawTrade, type DepthSnapshot } from './data.js';
export { barsFor } from './bars.js';
