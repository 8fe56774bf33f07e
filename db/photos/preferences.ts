/** Photo preferences: recorded, withdrawn, and a person's whole photo picture (how they stand: standing.ts). */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ParsedInput } from '../../shared/api/index';
import type { ContactPhotosDto, PhotoPreferenceDto } from '../../shared/dto/photos';
import { RegistreError } from '../../shared/errors';
import { localDay, parseIsoDate } from '../../shared/rules/dates';
import type { Database } from '../schema';
import { photoPreferenceFields } from './fields';
import { takedownsOwed } from './publications';
import { standingOf } from './standing';
import { assertContact, type CallContext } from '../context';

type Row = Database['photo_optouts'];

function checkDecidedOn(ctx: CallContext, day: string | undefined): string {
  const today = localDay(ctx.now);
  if (day === undefined) return today;
  if (!parseIsoDate(day)) throw new RegistreError('invalid_input', `${day} is not a real date.`, { reason: 'date_invalid', field: 'decidedOn' });
  if (day > today) throw new RegistreError('invalid_input', 'The decision date cannot be in the future.', { reason: 'date_future', field: 'decidedOn' });
  return day;
}

export async function setPreference(ctx: CallContext, input: ParsedInput<'photos.setPreference'>): Promise<ContactPhotosDto> {
  const decidedOn = checkDecidedOn(ctx, input.decidedOn);
  await ctx.tx(async (trx, audit) => {
    await assertContact(trx, input.contactId);
    if (input.eventId) {
      const ev = await trx.selectFrom('events').select('id').where('id', '=', input.eventId).executeTakeFirst();
      if (!ev) throw new RegistreError('not_found', 'This event does not exist.', { reason: 'event_absent' });
      // Stricter of the two readings: a preference for an event the person is not
      // registered for would silently never show in any list. Register them first.
      const attended = await trx.selectFrom('participations').select('id').where('contact_id', '=', input.contactId).where('event_id', '=', input.eventId).executeTakeFirst();
      if (!attended) {
        throw new RegistreError('invalid_input', 'This person is not registered for that event: add their participation first, or record a preference for all events.', {
          reason: 'not_attendee',
          field: 'eventId',
        });
      }
    }
    const recordedAt = await nextRecordedAt(trx, input.contactId, ctx.now);
    const row: Row = {
      id: randomUUID(),
      contact_id: input.contactId,
      event_id: input.eventId ?? null,
      state: input.state,
      channel: input.channel,
      decided_on: decidedOn,
      recorded_by: ctx.session?.staff.id ?? null,
      recorded_at: recordedAt,
      withdrawn_at: null,
    };
    await trx.insertInto('photo_optouts').values(row).execute();
    await audit({
      action: 'photo_preference.recorded',
      entityType: 'photo_preference',
      entityId: row.id,
      subjectId: row.contact_id,
      fields: ['state', 'channel', 'decidedOn', ...(row.event_id ? ['eventId'] : [])],
    });
  });
  return contactPhotos(ctx.db, input.contactId);
}

/**
 * The record's instant, kept strictly after the person's previous record so that two
 * decisions of the same day keep the order they were entered in even within one millisecond.
 */
async function nextRecordedAt(db: Kysely<Database>, contactId: string, now: Date): Promise<string> {
  const last = await db
    .selectFrom('photo_optouts')
    .select((eb) => eb.fn.max('recorded_at').as('at'))
    .where('contact_id', '=', contactId)
    .executeTakeFirst();
  const lastMs = last?.at ? Date.parse(last.at) : -Infinity;
  return new Date(Math.max(now.getTime(), lastMs + 1)).toISOString();
}

export async function withdrawPreference(ctx: CallContext, id: string): Promise<ContactPhotosDto> {
  const contactId = await ctx.tx(async (trx, audit) => {
    const row = await trx.selectFrom('photo_optouts').select(['id', 'contact_id', 'withdrawn_at']).where('id', '=', id).executeTakeFirst();
    if (!row) throw new RegistreError('not_found', 'This photo preference does not exist.', { reason: 'preference_absent' });
    if (row.withdrawn_at) throw new RegistreError('conflict', 'This photo preference was already withdrawn.', { reason: 'already_withdrawn' });
    await trx.updateTable('photo_optouts').set({ withdrawn_at: ctx.now.toISOString() }).where('id', '=', id).execute();
    await audit({ action: 'photo_preference.withdrawn', entityType: 'photo_preference', entityId: id, subjectId: row.contact_id, fields: ['withdrawnAt'] });
    return row.contact_id;
  });
  return contactPhotos(ctx.db, contactId);
}

export async function contactPhotos(db: Kysely<Database>, contactId: string): Promise<ContactPhotosDto> {
  await assertContact(db, contactId);
  const rows = await db
    .selectFrom('photo_optouts as o')
    .leftJoin('events as e', 'e.id', 'o.event_id')
    .leftJoin('staff as s', 's.id', 'o.recorded_by')
    .select([
      'o.id',
      'o.contact_id',
      'o.event_id',
      'o.state',
      'o.channel',
      'o.decided_on',
      'o.recorded_at',
      'o.withdrawn_at',
      'o.recorded_by',
      'e.name as event_name',
      'e.start_date as event_start',
      's.name as staff_name',
    ])
    .where('o.contact_id', '=', contactId)
    .orderBy('o.decided_on', 'desc')
    .orderBy('o.recorded_at', 'desc')
    .execute();
  const events = await db
    .selectFrom('participations as p')
    .innerJoin('events as e', 'e.id', 'p.event_id')
    .select(['e.id', 'e.name', 'e.start_date'])
    .distinct()
    .where('p.contact_id', '=', contactId)
    .orderBy('e.start_date', 'desc')
    .execute();
  const global = standingOf(rows, null);
  const preferences: PhotoPreferenceDto[] = rows.map((r) => {
    const { eventId, recordedById, ...preference } = photoPreferenceFields(r);
    return {
      ...preference,
      event: eventId ? { id: eventId, name: r.event_name ?? '', startDate: r.event_start ?? '' } : null,
      recordedBy: recordedById ? { id: recordedById, name: r.staff_name ?? '' } : null,
    };
  });
  return {
    contactId,
    preferences,
    global: { standing: global.standing, preferenceId: global.row?.id ?? null },
    events: events.map((e) => {
      const s = standingOf(rows, e.id);
      return { eventId: e.id, name: e.name, startDate: e.start_date, standing: s.standing, source: s.source, preferenceId: s.row?.id ?? null };
    }),
    takedownsOwed: await takedownsOwed(db, contactId),
  };
}
