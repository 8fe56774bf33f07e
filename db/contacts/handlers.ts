/** Handlers for shared/api/contacts.ts. */
import type { contactsContract } from '../../shared/api/contacts';
import { today, type HandlersOf } from '../context';
import { addContact, archiveContact, contactDto, searchContacts, updateContact } from './contacts';
import { findDuplicates } from './duplicates';
import { mergeContacts } from './merge';
import { addEvent, addParticipation, listEvents, updateEvent } from './events';
import { listMinors } from './minors';
import { addProject, listProjects, updateProject } from './projects';
import { addOrganisation, listOrganisations, similarOrganisations, updateOrganisation } from './organisations';
import { addSensitive, listSensitive, removeSensitive, revealSensitive } from './sensitive';

export const contactsHandlers: HandlersOf<keyof typeof contactsContract> = {
  'contacts.add': async (i, core) => addContact(core.context(), i),
  'contacts.update': async (i, core) => updateContact(core.context(), i),
  'contacts.archive': async (i, core) => archiveContact(core.context(), i.id, i.archived),
  'contacts.get': async (i, core) => {
    const ctx = core.context();
    return contactDto(ctx.db, i.id, today(ctx));
  },
  'contacts.search': async (i, core) => searchContacts(core.context().db, i),
  'contacts.duplicates': async (i, core) => findDuplicates(core.context().db, i),
  'contacts.merge': async (i, core) => mergeContacts(core.context(), i),
  'contacts.minors': async (_i, core) => {
    const ctx = core.context();
    return listMinors(ctx.db, today(ctx));
  },
  'organisations.add': async (i, core) => addOrganisation(core.context(), i),
  'organisations.update': async (i, core) => updateOrganisation(core.context(), i),
  'organisations.list': async (i, core) => listOrganisations(core.context().db, i),
  'organisations.similar': async (i, core) => similarOrganisations(core.context().db, i),
  'projects.add': async (i, core) => addProject(core.context(), i),
  'projects.update': async (i, core) => updateProject(core.context(), i),
  'projects.list': async (_i, core) => listProjects(core.context().db),
  'events.add': async (i, core) => addEvent(core.context(), i),
  'events.update': async (i, core) => updateEvent(core.context(), i),
  'events.list': async (i, core) => listEvents(core.context().db, i),
  'participations.add': async (i, core) => addParticipation(core.context(), i),
  'sensitive.add': async (i, core) => addSensitive(core.context(), i),
  'sensitive.list': async (i, core) => listSensitive(core.context().db, i.contactId),
  'sensitive.reveal': async (i, core) => revealSensitive(core.context(), i.id),
  'sensitive.remove': async (i, core) => removeSensitive(core.context(), i.id),
};
