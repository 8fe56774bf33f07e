/**
 * Where an event's photos were published, and the takedowns a person's opt-out makes owed:
 * for everyone who attended an event and stands `opted_out` there today, every publication
 * of that event not yet marked as taken down for them. What is owed is never stored; only
 * what was done is.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ParsedInput } from '../../shared/api/index';
import type { PublicationDto, TakedownOwedDto } from '../../shared/dto/photos';
import { RegistreError } from '../../shared/errors';
import { parseIsoDate } from '../../shared/rules/dates';
import { preferencesByContact, standingOf } from './standing';
import type { Database } from '../schema';
import { assertContact, today, type CallContext } from '../context';

function publicationsQuery(db: Kysely<Database>) {
  return db
    .selectFrom('photo_publications as p')
    .innerJoin('events as e', 'e.id', 'p.event_id')
    .select(['p.id', 'p.event_id', 'e.name as event_name', 'p.location', 'p.published_on', 'p.description', 'p.recorded_at']);
}

type PublicationRow = Awaited<ReturnType<ReturnType<typeof publicationsQuery>['execute']>>[number];

const publicationDto = (r: PublicationRow): PublicationDto => ({
  id: r.id,
  eventId: r.event_id,
  eventName: r.event_name,
  location: r.location,
  publishedOn: r.published_on,
  description: r.description,
  recordedAt: r.recorded_at,
});

function pastOrToday(ctx: CallContext, day: string, field: string): void {
  if (!parseIsoDate(day)) throw new RegistreError('invalid_input', `${day} is not a real date.`, { reason: 'date_invalid', field });
  if (day > today(ctx)) throw new RegistreError('invalid_input', 'The date cannot be in the future.', { reason: 'date_future', field });
}

export async function listPublications(db: Kysely<Database>, eventId: string): Promise<PublicationDto[]> {
  const ev = await db.selectFrom('events').select('id').where('id', '=', eventId).executeTakeFirst();
  if (!ev) throw new RegistreError('not_found', 'This event does not exist.', { reason: 'event_absent' });
  const rows = await publicationsQuery(db).where('p.event_id', '=', eventId).orderBy('p.published_on', 'desc').orderBy('p.recorded_at', 'desc').execute();
  return rows.map(publicationDto);
}

export async function publish(ctx: CallContext, input: ParsedInput<'photos.publish'>): Promise<PublicationDto> {
  pastOrToday(ctx, input.publishedOn, 'publishedOn');
  return ctx.tx(async (trx, audit) => {
    const ev = await trx.selectFrom('events').select(['id', 'name']).where('id', '=', input.eventId).executeTakeFirst();
    if (!ev) throw new RegistreError('not_found', 'This event does not exist.', { reason: 'event_absent' });
    const row = {
      id: randomUUID(),
      event_id: ev.id,
      location: input.location,
      published_on: input.publishedOn,
      description: input.description ?? null,
      recorded_by: ctx.session?.staff.id ?? null,
      recorded_at: ctx.now.toISOString(),
    };
    await trx.insertInto('photo_publications').values(row).execute();
    await audit({
      action: 'photo_publication.recorded',
      entityType: 'photo_publication',
      entityId: row.id,
      fields: ['eventId', 'location', 'publishedOn', ...(row.description ? ['description'] : [])],
    });
    return publicationDto({ ...row, event_name: ev.name });
  });
}

/** Owed takedowns, across events or for one person, oldest publication first. */
export async function takedownsOwed(db: Kysely<Database>, contactId?: string): Promise<TakedownOwedDto[]> {
  let pubs = publicationsQuery(db);
  if (contactId)
    pubs = pubs.where('p.event_id', 'in', db.selectFrom('participations').select('event_id').where('contact_id', '=', contactId).where('event_id', 'is not', null).$narrowType<{ event_id: string }>());
  const publications = await pubs.orderBy('p.published_on').orderBy('p.recorded_at').execute();
  if (publications.length === 0) return [];
  const byEvent = new Map<string, PublicationRow[]>();
  for (const p of publications) byEvent.set(p.event_id, [...(byEvent.get(p.event_id) ?? []), p]);

  const owed: TakedownOwedDto[] = [];
  for (const [eventId, eventPubs] of byEvent) {
    let attendees = db.selectFrom('participations').select('contact_id').where('event_id', '=', eventId);
    if (contactId) attendees = attendees.where('contact_id', '=', contactId);
    const byContact = await preferencesByContact(db, attendees);
    const optedOut = [...byContact].map(([id, rows]) => ({ id, s: standingOf(rows, eventId) })).filter((x) => x.s.standing === 'opted_out');
    if (optedOut.length === 0) continue;
    const ids = optedOut.map((x) => x.id);
    const done = await db
      .selectFrom('photo_takedowns')
      .select(['contact_id', 'publication_id'])
      .where(
        'publication_id',
        'in',
        eventPubs.map((p) => p.id),
      )
      .where('contact_id', 'in', ids)
      .execute();
    const doneKeys = new Set(done.map((d) => `${d.contact_id}|${d.publication_id}`));
    const names = new Map((await db.selectFrom('contacts').select(['id', 'full_name']).where('id', 'in', ids).execute()).map((c) => [c.id, c.full_name]));
    for (const pub of eventPubs) {
      for (const x of optedOut) {
        if (doneKeys.has(`${x.id}|${pub.id}`)) continue;
        owed.push({ contactId: x.id, contactName: names.get(x.id) ?? '', publication: publicationDto(pub), optedOutOn: x.s.row!.decided_on, source: x.s.source! });
      }
    }
  }
  const collator = new Intl.Collator('fr', { sensitivity: 'base' });
  return owed.sort((a, b) => a.publication.publishedOn.localeCompare(b.publication.publishedOn) || collator.compare(a.contactName, b.contactName));
}

export async function markTakenDown(ctx: CallContext, input: ParsedInput<'photos.markTakenDown'>): Promise<null> {
  const doneOn = input.doneOn ?? today(ctx);
  pastOrToday(ctx, doneOn, 'doneOn');
  const owed = await takedownsOwed(ctx.db, input.contactId);
  return ctx.tx(async (trx, audit) => {
    await assertContact(trx, input.contactId);
    const pub = await trx.selectFrom('photo_publications').select('id').where('id', '=', input.publicationId).executeTakeFirst();
    if (!pub) throw new RegistreError('not_found', 'This publication does not exist.', { reason: 'publication_absent' });
    const already = await trx.selectFrom('photo_takedowns').select('done_on').where('contact_id', '=', input.contactId).where('publication_id', '=', input.publicationId).executeTakeFirst();
    if (already) throw new RegistreError('conflict', `This takedown was already marked done on ${already.done_on}.`, { reason: 'already_done' });
    if (!owed.some((o) => o.publication.id === input.publicationId)) {
      throw new RegistreError('invalid_input', 'No takedown is owed here: the person did not attend that event or has not opted out of its photos.', { reason: 'not_owed' });
    }
    await trx
      .insertInto('photo_takedowns')
      .values({ contact_id: input.contactId, publication_id: input.publicationId, done_on: doneOn, note: input.note ?? null, done_by: ctx.session?.staff.id ?? null })
      .execute();
    await audit({ action: 'photo_takedown.done', entityType: 'photo_publication', entityId: input.publicationId, subjectId: input.contactId, fields: ['doneOn', ...(input.note ? ['note'] : [])] });
    return null;
  });
}
