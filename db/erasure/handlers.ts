/** Handlers for shared/api/erasure.ts. */
import type { erasureContract } from '../../shared/api/erasure';
import type { HandlersOf } from '../context';
import { anonymiseContact, previewAnonymisation } from './anonymise';
import { eraseContact, previewErasure } from './erase';
import { eraseCategory, previewCategoryErasure } from './erase-category';

export const erasureHandlers: HandlersOf<keyof typeof erasureContract> = {
  'contacts.erasePreview': async (i, core) => previewErasure(core.context(), i.contactId),
  'contacts.erase': async (i, core) => eraseContact(core.context(), core.requireAuditKey(), i),
  'contacts.eraseCategoryPreview': async (i, core) => previewCategoryErasure(core.context(), i),
  'contacts.eraseCategory': async (i, core) => eraseCategory(core.context(), i),
  'contacts.anonymisePreview': async (i, core) => previewAnonymisation(core.context(), i.contactId),
  'contacts.anonymise': async (i, core) => anonymiseContact(core.context(), core.requireAuditKey(), i),
};
