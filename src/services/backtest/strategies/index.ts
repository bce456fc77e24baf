import { InputError } from '../../../errors.js';
import { smaCrossDef } from './sma-cross.js';
import { tradePlanDef } from './trade-plan.js';
import { volumeSpikeDef } from './volume-spike.js';
import type { StrategyDef } from './registry.js';

export { resolveParams, parseParamArgs, type StrategyDef, type ParamSpec, type Params } from './registry.js';
export { SmaCross } from './sma-cross.js';

export const STRATEGIES: readonly StrategyDef[] = [smaCrossDef, volumeSpikeDef, tradePlanDef];

export function builtinStrategy(name: string): StrategyDef {
  const d = STRATEGIES.find((s) => s.name === name);
  if (!d) throw new InputError(`unknown strategy "${name}" (built-in: ${STRATEGIES.map((s) => s.name).join(', ')}; or a path to a .ts/.js file)`, 'strategy');
  return d;
}
