/** Handlers for shared/api/photos.ts. */
import type { photoContract } from '../../shared/api/photos';
import { eventListFile, eventPhotoList } from './lists';
import { contactPhotos, setPreference, withdrawPreference } from './preferences';
import { listPublications, markTakenDown, publish, takedownsOwed } from './publications';
import type { HandlersOf } from '../context';

export const photoHandlers: HandlersOf<keyof typeof photoContract> = {
  'photos.setPreference': async (i, core) => setPreference(core.context(), i),
  'photos.withdrawPreference': async (i, core) => withdrawPreference(core.context(), i.id),
  'photos.forContact': async (i, core) => contactPhotos(core.context().db, i.contactId),
  'photos.eventList': async (i, core) => eventPhotoList(core.context().db, i.eventId),
  'photos.eventListFile': async (i, core) => eventListFile(core.context(), i),
  'photos.publications': async (i, core) => listPublications(core.context().db, i.eventId),
  'photos.publish': async (i, core) => publish(core.context(), i),
  'photos.takedownsOwed': async (i, core) => takedownsOwed(core.context().db, i.contactId),
  'photos.markTakenDown': async (i, core) => markTakenDown(core.context(), i),
};
