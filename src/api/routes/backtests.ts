import { z } from 'zod';
import type { RouteModule } from '../context.js';
import { parseWith } from '../errors.js';
import { dateField, pairField, timeframeField } from '../../config/zod.js';
import { BacktestJobs } from '../../services/backtest/jobs.js';
import { builtinStrategy, resolveParams } from '../../services/backtest/strategies/index.js';

const date = dateField();

const pair = pairField();

const body = z.strictObject({
  strategy: z.string().min(1, 'must name a built-in strategy (sma-cross, volume-spike, trade-plan)'),
  params: z.record(z.string(), z.number()).default({}),
  pairs: z.array(pair).min(1, 'needs at least one pair').max(200, 'at most 200 pairs'),
  timeframe: timeframeField(z.string().default('1d')),
  since: date.optional(),
  until: date.optional(),
  fee: z.number().min(0, 'must be from 0 to 0.1').max(0.1, 'must be from 0 to 0.1').default(0.001),
  slippage_bps: z.number().min(0, 'must be from 0 to 1000').max(1000, 'must be from 0 to 1000').default(0),
  cash: z.number().positive('must be positive').default(10_000),
});

/** POST /api/v1/backtests runs a backtest as a job; GET /api/v1/backtests/{id} gives its progress and result. */
export const backtestRoutes: RouteModule = async (app, { ctx }) => {
  const jobs = new BacktestJobs(() => ctx.source, () => ctx.clock.now());
  app.post('/api/v1/backtests', { schema: { summary: 'Start a backtest job (built-in strategies)', tags: ['backtest'] } }, async (req, reply) => {
    const b = parseWith(body, req.body ?? {});
    // Strategy and parameters are checked now, so a typo is a 400, not a failed job.
    const def = builtinStrategy(b.strategy);
    const params = resolveParams(def, b.params);
    const job = jobs.submit({
      strategy: def, params, cash: b.cash, fee: b.fee, slippage: b.slippage_bps ? { kind: 'fixed', bps: b.slippage_bps } : { kind: 'none' },
      data: { pairs: b.pairs, timeframe: b.timeframe, since: b.since, until: b.until },
    });
    return reply.status(202).send({ id: job.id, status: job.status, progress: job.progress, url: `/api/v1/backtests/${job.id}` });
  });
  app.get('/api/v1/backtests/:id', { schema: { summary: 'A backtest job: status, progress, result or error', tags: ['backtest'] } }, async (req) => {
    return jobs.get((req.params as { id: string }).id);
  });
};
