/** Handlers for shared/api/erasure.ts. */
import type { erasureContract } from '../../shared/api/erasure';
import type { HandlersOf } from '../context';
import { eraseContact, previewErasure } from './erase';

export const erasureHandlers: HandlersOf<keyof typeof erasureContract> = {
  'contacts.erasePreview': async (i, core) => previewErasure(core.context(), i.contactId),
  'contacts.erase': async (i, core) => eraseContact(core.context(), core.requireAuditKey(), i),
};
