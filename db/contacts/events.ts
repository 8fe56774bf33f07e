/**
 * Projects, events and participation (issue 3). A participation links a contact to an
 * event or a project on a date: that date starts the retention clock used later.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ParsedInput } from '../../shared/api/index';
import type { EventDto, Page, ParticipationDto } from '../../shared/dto/index';
import { RegistreError } from '../../shared/errors';
import type { Database } from '../schema';
import { assertContact, today, type CallContext } from '../context';
import { nameContains } from '../vault/sqlite-sql';
import { eventFields, participationFields } from './fields';
import { assertDateOrder, givenFields, projectRow } from './projects';

const eventDto = (r: Database['events'], participants: number): EventDto => {
  const { createdAt: _createdAt, ...event } = eventFields(r);
  return { ...event, participants };
};

/** `name`: the event's or the project's, for display. */
const participationDto = (r: Database['participations'], name: string): ParticipationDto => {
  const { createdAt: _createdAt, ...participation } = participationFields(r);
  return { ...participation, name };
};

const EVENT_FIELDS = ['name', 'type', 'startDate', 'endDate', 'location', 'organiser', 'projectId'] as const;

export async function addEvent(ctx: CallContext, input: ParsedInput<'events.add'>): Promise<EventDto> {
  assertDateOrder(input.startDate, input.endDate);
  return ctx.tx(async (trx, audit) => {
    if (input.projectId) await projectRow(trx, input.projectId);
    const row = {
      id: randomUUID(),
      project_id: input.projectId ?? null,
      name: input.name,
      type: input.type ?? null,
      start_date: input.startDate,
      end_date: input.endDate ?? null,
      location: input.location ?? null,
      organiser: input.organiser ?? null,
      created_at: ctx.now.toISOString(),
    };
    await trx.insertInto('events').values(row).execute();
    await audit({ action: 'event.created', entityType: 'event', entityId: row.id, fields: EVENT_FIELDS.filter((f) => input[f] != null) });
    return eventDto(row, 0);
  });
}

export async function updateEvent(ctx: CallContext, input: ParsedInput<'events.update'>): Promise<EventDto> {
  return ctx.tx(async (trx, audit) => {
    const before = await trx.selectFrom('events').selectAll().where('id', '=', input.id).executeTakeFirst();
    if (!before) throw new RegistreError('not_found', 'This event does not exist.', { reason: 'event_absent' });
    if (input.projectId) await projectRow(trx, input.projectId);
    const keep = <T>(given: T | undefined, stored: T): T => (given === undefined ? stored : given);
    const row: Database['events'] = {
      ...before,
      name: keep(input.name, before.name),
      type: keep(input.type, before.type),
      start_date: keep(input.startDate, before.start_date),
      end_date: keep(input.endDate, before.end_date),
      location: keep(input.location, before.location),
      organiser: keep(input.organiser, before.organiser),
      project_id: keep(input.projectId, before.project_id),
    };
    assertDateOrder(row.start_date, row.end_date);
    const { id: _id, created_at: _created, ...set } = row;
    await trx.updateTable('events').set(set).where('id', '=', input.id).execute();
    await audit({ action: 'event.updated', entityType: 'event', entityId: input.id, fields: givenFields(EVENT_FIELDS, input) });
    return eventDto(row, await participantCount(trx, input.id));
  });
}

async function participantCount(db: Kysely<Database>, eventId: string): Promise<number> {
  const row = await db
    .selectFrom('participations')
    .select((p) => p.fn.count<number>('contact_id').distinct().as('n'))
    .where('event_id', '=', eventId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listEvents(db: Kysely<Database>, input: ParsedInput<'events.list'>): Promise<Page<EventDto>> {
  let q = db.selectFrom('events as e');
  const typed = input.query?.trim();
  if (typed) q = q.where(nameContains('e.name', typed));
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .selectAll('e')
    .select((eb) =>
      eb
        .selectFrom('participations as p')
        // People, not participation rows: a speaker who also registered as a participant counts once.
        .select((p) => p.fn.count<number>('p.contact_id').distinct().as('n'))
        .whereRef('p.event_id', '=', 'e.id')
        .as('participants'),
    )
    .orderBy('e.start_date', 'desc')
    .limit(input.limit)
    .offset(input.offset)
    .execute();
  return {
    total: Number(total.n),
    items: rows.map((r) => eventDto(r, Number(r.participants ?? 0))),
  };
}

export async function participationsOf(db: Kysely<Database>, contactId: string): Promise<ParticipationDto[]> {
  const rows = await db
    .selectFrom('participations as p')
    .leftJoin('events as e', 'e.id', 'p.event_id')
    .leftJoin('projects as j', 'j.id', 'p.project_id')
    .selectAll('p')
    .select(['e.name as event_name', 'j.name as project_name'])
    .where('p.contact_id', '=', contactId)
    .orderBy('p.participated_on', 'desc')
    .execute();
  return rows.map((r) => participationDto(r, r.event_name ?? r.project_name ?? ''));
}

export async function addParticipation(ctx: CallContext, input: ParsedInput<'participations.add'>): Promise<ParticipationDto> {
  if (!input.eventId === !input.projectId) {
    throw new RegistreError('invalid_input', 'Give either an event or a project.', { reason: 'participation_target' });
  }
  return ctx.tx(async (trx, audit) => {
    await assertContact(trx, input.contactId);
    let date = input.participatedOn;
    let name = '';
    if (input.eventId) {
      const ev = await trx.selectFrom('events').select(['name', 'start_date']).where('id', '=', input.eventId).executeTakeFirst();
      if (!ev) throw new RegistreError('not_found', 'This event does not exist.', { reason: 'event_absent' });
      date ??= ev.start_date;
      name = ev.name;
    } else {
      const pr = await trx.selectFrom('projects').select(['name', 'start_date']).where('id', '=', input.projectId!).executeTakeFirst();
      if (!pr) throw new RegistreError('not_found', 'This project does not exist.', { reason: 'project_absent' });
      date ??= pr.start_date ?? today(ctx);
      name = pr.name;
    }
    const row = {
      id: randomUUID(),
      contact_id: input.contactId,
      event_id: input.eventId ?? null,
      project_id: input.projectId ?? null,
      role: input.role,
      travel_booked: input.travelBooked ? 1 : 0,
      participated_on: date,
      created_at: ctx.now.toISOString(),
    };
    await trx.insertInto('participations').values(row).execute();
    await audit({
      action: 'participation.created',
      entityType: 'participation',
      entityId: row.id,
      subjectId: row.contact_id,
      fields: ['contactId', input.eventId ? 'eventId' : 'projectId', 'role', 'travelBooked'],
    });
    return participationDto(row, name);
  });
}
