/** Handlers for shared/api-consents.ts. */
import type { ConsentOutputs } from '../shared/api-consents';
import { RegistreError } from '../shared/errors';
import { consentsForContact, recordConsent } from './consents';
import type { HandlersOf } from './service';

const notYet = async (): Promise<never> => {
  throw new RegistreError('internal', 'Not built yet (issue 4 work in progress).');
};

export const consentHandlers: HandlersOf<keyof ConsentOutputs> = {
  'consents.record': async (i, core) => recordConsent(core.context(), i),
  'consents.forContact': async (i, core) => consentsForContact(core.context().db, i.contactId),
  'consents.noBasis': notYet,
  'consents.reconsentNeeded': notYet,
  'mailingList.preview': notYet,
  'mailingList.export': notYet,
};
