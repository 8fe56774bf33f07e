/** Handlers for shared/api/requests.ts. */
import type { requestsContract } from '../../shared/api/requests';
import type { HandlersOf } from '../context';
import { addRequest, awaitIdentity, closeRequest, extendRequest, getRequest, holdRequest, identityReceived, listRequests, resumeRequest, startRequest } from './requests';

export const requestsHandlers: HandlersOf<keyof typeof requestsContract> = {
  'requests.add': async (i, core) => addRequest(core.context(), i),
  'requests.get': async (i, core) => getRequest(core.context(), i.id),
  'requests.list': async (i, core) => listRequests(core.context(), i),
  'requests.awaitIdentity': async (i, core) => awaitIdentity(core.context(), i),
  'requests.identityReceived': async (i, core) => identityReceived(core.context(), i),
  'requests.start': async (i, core) => startRequest(core.context(), i.id),
  'requests.hold': async (i, core) => holdRequest(core.context(), i.id),
  'requests.resume': async (i, core) => resumeRequest(core.context(), i.id),
  'requests.extend': async (i, core) => extendRequest(core.context(), i),
  'requests.close': async (i, core) => closeRequest(core.context(), i),
};
