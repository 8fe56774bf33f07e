/**
 * A request's actions carried out (request_actions, 0010), oldest first, for its detail
 * page. Read apart from the code that writes them (actions.ts), so requests.ts can list
 * them without an import cycle.
 */
import type { Kysely } from 'kysely';
import type { RequestActionDto } from '../../shared/dto/requests';
import type { Database } from '../schema';

export async function requestActions(db: Kysely<Database>, requestId: string): Promise<RequestActionDto[]> {
  const rows = await db
    .selectFrom('request_actions as a')
    .leftJoin('staff as s', 's.id', 'a.done_by')
    .select(['a.id', 'a.action', 'a.detail', 'a.done_at', 'a.done_by', 's.name as staff_name'])
    .where('a.request_id', '=', requestId)
    .orderBy('a.seq')
    .execute();
  return rows.map(
    (r) =>
      ({
        id: r.id,
        action: r.action,
        doneAt: r.done_at,
        doneBy: r.done_by ? { id: r.done_by, name: r.staff_name ?? '' } : null,
        detail: JSON.parse(r.detail) as unknown,
      }) as RequestActionDto,
  );
}
