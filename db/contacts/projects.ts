/** Projects (issue 3): a name, a type, dates and a description; events and participations may belong to one. */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ParsedInput } from '../../shared/api/index';
import type { ProjectDto } from '../../shared/dto/index';
import { RegistreError } from '../../shared/errors';
import type { Database } from '../schema';
import type { CallContext } from '../context';
import { byName } from '../vault/sqlite-sql';
import { projectFields } from './fields';

type Row = Database['projects'];

const FIELDS = ['name', 'type', 'startDate', 'endDate', 'description'] as const;

const dto = (r: Row): ProjectDto => {
  const { createdAt: _createdAt, ...project } = projectFields(r);
  return project;
};

/** An update is checked against the dates it keeps as well as the ones it sets. */
export function assertDateOrder(start: string | null | undefined, end: string | null | undefined): void {
  if (start && end && end < start) throw new RegistreError('invalid_input', 'The end date is before the start date.', { reason: 'dates_reversed', field: 'endDate' });
}

/** The names of the fields an input gives, for the audit event (never their values). */
export const givenFields = <F extends string>(fields: readonly F[], input: Partial<Record<F, unknown>>): F[] => fields.filter((f) => input[f] !== undefined);

export async function projectRow(db: Kysely<Database>, id: string): Promise<Row> {
  const row = await db.selectFrom('projects').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new RegistreError('not_found', 'This project does not exist.', { reason: 'project_absent', field: 'projectId' });
  return row;
}

export async function addProject(ctx: CallContext, input: ParsedInput<'projects.add'>): Promise<ProjectDto> {
  assertDateOrder(input.startDate, input.endDate);
  return ctx.tx(async (trx, audit) => {
    const row: Row = {
      id: randomUUID(),
      name: input.name,
      type: input.type ?? null,
      start_date: input.startDate ?? null,
      end_date: input.endDate ?? null,
      description: input.description ?? null,
      created_at: ctx.now.toISOString(),
    };
    await trx.insertInto('projects').values(row).execute();
    await audit({ action: 'project.created', entityType: 'project', entityId: row.id, fields: FIELDS.filter((f) => input[f] != null) });
    return dto(row);
  });
}

export async function updateProject(ctx: CallContext, input: ParsedInput<'projects.update'>): Promise<ProjectDto> {
  return ctx.tx(async (trx, audit) => {
    const before = await projectRow(trx, input.id);
    const row: Row = {
      ...before,
      name: input.name ?? before.name,
      type: input.type === undefined ? before.type : input.type,
      start_date: input.startDate === undefined ? before.start_date : input.startDate,
      end_date: input.endDate === undefined ? before.end_date : input.endDate,
      description: input.description === undefined ? before.description : input.description,
    };
    assertDateOrder(row.start_date, row.end_date);
    const { id: _id, created_at: _created, ...set } = row;
    await trx.updateTable('projects').set(set).where('id', '=', input.id).execute();
    await audit({ action: 'project.updated', entityType: 'project', entityId: input.id, fields: givenFields(FIELDS, input) });
    return dto(row);
  });
}

export async function listProjects(db: Kysely<Database>): Promise<ProjectDto[]> {
  const rows = await db.selectFrom('projects').selectAll().orderBy(byName('name')).execute();
  return rows.map(dto);
}
