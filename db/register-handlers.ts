/** Handlers for shared/api-register.ts. */
import type { RegisterOutputs } from '../shared/api-register';
import { RegistreError } from '../shared/errors';
import type { HandlersOf } from './service';

const notYet = async (): Promise<never> => {
  throw new RegistreError('internal', 'Not built yet (issue 4 work in progress).');
};

export const registerHandlers: HandlersOf<keyof RegisterOutputs> = {
  'purposes.list': notYet,
  'purposes.add': notYet,
  'purposes.update': notYet,
  'policies.list': notYet,
  'policies.get': notYet,
  'policies.add': notYet,
  'policies.setMaterialChange': notYet,
  'processors.list': notYet,
  'processors.add': notYet,
  'processors.update': notYet,
  'contactSystems.list': notYet,
  'contactSystems.set': notYet,
  'sharing.record': notYet,
  'sharing.list': notYet,
  'sharing.recipients': notYet,
};
