/** The saved letters of a request (table request_letters): the one row→DTO mapping. */
import type { Kysely } from 'kysely';
import type { RequestLetterSummaryDto } from '../../shared/dto/requests';
import type { Database } from '../schema';

export function lettersQuery(db: Kysely<Database>) {
  return db
    .selectFrom('request_letters as l')
    .leftJoin('staff as s', 's.id', 'l.saved_by')
    .select(['l.seq', 'l.id', 'l.request_id', 'l.kind', 'l.language', 'l.subject', 'l.body', 'l.saved_at', 'l.saved_by', 's.name as saved_by_name']);
}

type LetterRow = Awaited<ReturnType<ReturnType<typeof lettersQuery>['executeTakeFirstOrThrow']>>;

export function letterSummary(l: LetterRow): RequestLetterSummaryDto {
  return { id: l.id, kind: l.kind, language: l.language, subject: l.subject, savedAt: l.saved_at, savedBy: l.saved_by ? { id: l.saved_by, name: l.saved_by_name ?? '' } : null };
}

/** A request's letters, oldest first. */
export async function savedLetters(db: Kysely<Database>, requestId: string): Promise<RequestLetterSummaryDto[]> {
  const rows = await lettersQuery(db).where('l.request_id', '=', requestId).orderBy('l.seq').execute();
  return rows.map(letterSummary);
}
