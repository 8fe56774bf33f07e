/** Handlers for shared/api-consents.ts. */
import type { ConsentOutputs } from '../shared/api-consents';
import { RegistreError } from '../shared/errors';
import type { HandlersOf } from './service';

const notYet = async (): Promise<never> => {
  throw new RegistreError('internal', 'Not built yet (issue 4 work in progress).');
};

export const consentHandlers: HandlersOf<keyof ConsentOutputs> = {
  'consents.record': notYet,
  'consents.forContact': notYet,
  'consents.noBasis': notYet,
  'consents.reconsentNeeded': notYet,
  'mailingList.preview': notYet,
  'mailingList.export': notYet,
};
