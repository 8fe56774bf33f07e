/**
 * Photo preferences' part of the API contract (issue 4, DESIGN §5 "Photo opt-outs"): what
 * each person said about being photographed (for every event or for one), the per-event
 * list photographers work from, where an event's photos were published, and the
 * takedowns a later opt-out makes owed.
 */
import { z } from 'zod';
import { channels, photoStates } from '../vocabulary';
import { id, isoDate, optionalText, text } from './fields';
import { method, returns, type AnyEntry } from './method';
import type { ContactPhotosDto, EventPhotoListDto, PhotoListFileDto, PublicationDto, TakedownOwedDto } from '../dto/photos';

export const photoContract = {
  /**
   * Records what the person said, for every event (no eventId) or for one event they
   * attended. `decidedOn` defaults to today and may not be later. Returns the person's
   * whole photo picture.
   */
  'photos.setPreference': method({
    access: 'write',
    output: returns<ContactPhotosDto>(),
    input: z.object({ contactId: id, eventId: id.optional(), state: z.enum(photoStates), channel: z.enum(channels), decidedOn: isoDate.optional() }).strict(),
  }),
  /** Withdraws one record (the only change a record ever gets); the previous one applies again. */
  'photos.withdrawPreference': method({ access: 'write', output: returns<ContactPhotosDto>(), input: z.object({ id }).strict() }),
  'photos.forContact': method({ access: 'read', output: returns<ContactPhotosDto>(), subject: (i) => i.contactId, input: z.object({ contactId: id }).strict() }),
  /** Every attendee of the event with where they stand. */
  'photos.eventList': method({ access: 'read', output: returns<EventPhotoListDto>(), subject: null, input: z.object({ eventId: id }).strict() }),
  /**
   * The event list as a file (CSV, or a printable HTML page with profile photos): a
   * disclosure of personal data, so it is audited, photos by name.
   */
  'photos.eventListFile': method({
    access: 'read',
    output: returns<PhotoListFileDto>(),
    subject: null,
    input: z.object({ eventId: id, format: z.enum(['csv', 'html']), language: z.enum(['en', 'fr']).default('en') }).strict(),
  }),
  'photos.publications': method({ access: 'read', output: returns<PublicationDto[]>(), subject: null, input: z.object({ eventId: id }).strict() }),
  'photos.publish': method({
    access: 'write',
    output: returns<PublicationDto>(),
    input: z
      .object({
        eventId: id,
        location: text().trim().min(1, 'Say where the photos were published').max(500),
        publishedOn: isoDate,
        description: optionalText(1000),
      })
      .strict(),
  }),
  /** Publications to take down, across events or for one person. */
  'photos.takedownsOwed': method({ access: 'read', output: returns<TakedownOwedDto[]>(), subject: (i) => i.contactId, input: z.object({ contactId: id.optional() }).strict() }),
  'photos.markTakenDown': method({
    access: 'write',
    output: returns<null>(),
    input: z.object({ contactId: id, publicationId: id, doneOn: isoDate.optional(), note: optionalText(1000) }).strict(),
  }),
} as const satisfies Record<string, AnyEntry>;
