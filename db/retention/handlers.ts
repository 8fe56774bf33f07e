/** Handlers for shared/api/retention.ts: the rules, the due list, applying a rule and the legal holds. */
import type { retentionContract } from '../../shared/api/retention';
import { today, type HandlersOf } from '../context';
import { applyRule } from './apply';
import { dueList } from './due';
import { liftHold, listHolds, setHold } from './holds';
import { listRules, setRule } from './rules';

export const retentionHandlers: HandlersOf<keyof typeof retentionContract> = {
  'retention.rules': async (_i, core) => listRules(core.context().db),
  'retention.setRule': async (i, core) => setRule(core.context(), i),
  'retention.due': async (i, core) => {
    const ctx = core.context();
    return dueList(ctx.db, core.requireAuditKey(), today(ctx), i);
  },
  'retention.apply': async (i, core) => applyRule(core.context(), core.requireAuditKey(), i),
  'legalHolds.set': async (i, core) => setHold(core.context(), i),
  'legalHolds.lift': async (i, core) => liftHold(core.context(), i.id),
  'legalHolds.list': async (i, core) => listHolds(core.context(), i),
};
