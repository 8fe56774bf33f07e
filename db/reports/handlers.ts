/** Reports' handlers (issue 16): the statistics of a period. */
import { today, type HandlersOf } from '../context';
import { computeStatistics } from './stats';

export const reportsHandlers: HandlersOf<'stats.get'> = {
  'stats.get': async (input, core) => {
    const ctx = core.context();
    return computeStatistics(ctx.db, { from: input.from, to: input.to, today: today(ctx) });
  },
};
