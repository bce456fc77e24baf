export * from './types.js';
export * from './costs.js';
export { Portfolio } from './portfolio.js';
export { BrokerSim, type BrokerOptions } from './broker.js';
export { RiskEngine, type RiskLimits, type RiskRefusal, type RiskReason, type AccountState } from './risk.js';
