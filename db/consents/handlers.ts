/** Handlers for shared/api/consents.ts. */
import type { consentContract } from '../../shared/api/consents';
import { listNoBasis, listReconsentNeeded } from './review';
import { consentsForContact, recordConsent } from './ledger';
import { exportMailingList, previewMailingList } from './mailing-list';
import type { HandlersOf } from '../context';

export const consentHandlers: HandlersOf<keyof typeof consentContract> = {
  'consents.record': async (i, core) => recordConsent(core.context(), i),
  'consents.forContact': async (i, core) => consentsForContact(core.context().db, i.contactId),
  'consents.noBasis': async (i, core) => listNoBasis(core.context().db, i),
  'consents.reconsentNeeded': async (i, core) => listReconsentNeeded(core.context().db, i),
  'mailingList.preview': async (_i, core) => previewMailingList(core.context().db),
  'mailingList.export': async (i, core) => exportMailingList(core.context(), core.exportJob, i.out),
};
