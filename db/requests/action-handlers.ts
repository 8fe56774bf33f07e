/** Handlers for shared/api/request-actions.ts. */
import type { requestActionsContract } from '../../shared/api/request-actions';
import type { HandlersOf } from '../context';
import { liftRestriction, object, rectify, restrict, withdraw } from './actions';

export const requestActionHandlers: HandlersOf<keyof typeof requestActionsContract> = {
  'requests.rectify': async (i, core) => rectify(core.context(), i),
  'requests.restrict': async (i, core) => restrict(core.context(), i.id),
  'requests.liftRestriction': async (i, core) => liftRestriction(core.context(), i.id),
  'requests.object': async (i, core) => object(core.context(), i),
  'requests.withdraw': async (i, core) => withdraw(core.context(), i),
};
