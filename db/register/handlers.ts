/** Handlers for shared/api/register.ts. */
import type { registerContract } from '../../shared/api/register';
import { listContactSystems, setContactSystem } from './systems';
import { listSharing, recordSharing, sharingRecipients } from './sharing';
import { addPolicy, getPolicy, listPolicies, setEffectiveDate, setMaterialChange } from './policies';
import { addProcessor, processorRegister, updateProcessor } from './processors';
import { addPurpose, listPurposes, updatePurpose } from './purposes';
import { today, type HandlersOf } from '../context';

export const registerHandlers: HandlersOf<keyof typeof registerContract> = {
  'purposes.list': async (_i, core) => listPurposes(core.context().db),
  'purposes.add': async (i, core) => addPurpose(core.context(), i),
  'purposes.update': async (i, core) => updatePurpose(core.context(), i),
  'policies.list': async (_i, core) => {
    const ctx = core.context();
    return listPolicies(ctx.db, today(ctx));
  },
  'policies.get': async (i, core) => getPolicy(core.context(), i.id),
  'policies.add': async (i, core) => addPolicy(core.context(), i),
  'policies.setMaterialChange': async (i, core) => setMaterialChange(core.context(), i.id, i.materialChange),
  'policies.setEffectiveDate': async (i, core) => setEffectiveDate(core.context(), i),
  'processors.list': async (_i, core) => processorRegister(core.context()),
  'processors.add': async (i, core) => addProcessor(core.context(), i),
  'processors.update': async (i, core) => updateProcessor(core.context(), i),
  'contactSystems.list': async (i, core) => listContactSystems(core.context().db, i.contactId),
  'contactSystems.set': async (i, core) => setContactSystem(core.context(), i),
  'sharing.record': async (i, core) => recordSharing(core.context(), i),
  'sharing.list': async (i, core) => listSharing(core.context().db, i),
  'sharing.recipients': async (i, core) => sharingRecipients(core.context().db, i.contactId),
};
