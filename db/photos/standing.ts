/**
 * Photo preferences (DESIGN §5 "Photo opt-outs"). Records are appended, never edited: the
 * only change a record gets is its withdrawal. Where a person stands for an event is
 * derived from the records in force (not withdrawn) for that event and for every event:
 * - the latest decision wins, whichever of the two it is for ("latest": the later decision
 *   day; on the same day, the one entered later), so a newer "for every event" opt-out
 *   overrides an older "allowed" for one event, and the other way round;
 * - except that "not decided yet" (`unknown`) never cancels an opt-out still in force: if
 *   the latest decision is `unknown` and the latest definite one before it is `opted_out`,
 *   the person stands opted out (when in doubt, do not photograph). An `allowed` recorded
 *   after the opt-out replaces it, so a later `unknown` then means "undecided";
 * - no record in force: "never answered".
 */
import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { PhotoStanding } from '../../shared/dto/photos';
import type { Database } from '../schema';

type Row = Database['photo_optouts'];
export type PreferenceRow = Pick<Row, 'id' | 'contact_id' | 'event_id' | 'state' | 'decided_on' | 'recorded_at' | 'withdrawn_at'>;

export interface Standing {
  standing: PhotoStanding;
  source: 'event' | 'global' | null;
  row: PreferenceRow | null;
}

const later = (a: PreferenceRow, b: PreferenceRow): boolean => (a.decided_on !== b.decided_on ? a.decided_on > b.decided_on : a.recorded_at > b.recorded_at);

/** One person's standing for `eventId` (null: their global standing) from their records. */
export function standingOf(rows: readonly PreferenceRow[], eventId: string | null): Standing {
  const inForce = rows.filter((r) => r.withdrawn_at === null && (r.event_id === null || r.event_id === eventId)).sort((a, b) => (later(a, b) ? -1 : later(b, a) ? 1 : 0));
  const newest = inForce[0];
  if (!newest) return { standing: 'never_answered', source: null, row: null };
  // The decision that stands: the newest, unless it is an `unknown` following an opt-out.
  const definite = newest.state === 'unknown' ? inForce.find((r) => r.state !== 'unknown') : newest;
  const row = newest.state === 'unknown' && definite?.state === 'opted_out' ? definite : newest;
  const standing: PhotoStanding = row.state === 'unknown' ? 'undecided' : row.state;
  return { standing, source: row.event_id === null ? 'global' : 'event', row };
}

/** The preferences in force of the attendees a query selects, by contact (for standingOf). */
export async function preferencesByContact(db: Kysely<Database>, attendees: SelectQueryBuilder<Database, 'participations', { contact_id: string }>): Promise<Map<string, PreferenceRow[]>> {
  const prefs: PreferenceRow[] = await db
    .selectFrom('photo_optouts')
    .select(['id', 'contact_id', 'event_id', 'state', 'decided_on', 'recorded_at', 'withdrawn_at'])
    .where('contact_id', 'in', attendees)
    .where('withdrawn_at', 'is', null)
    // Every record of the attendees, other events' included (standingOf ignores them):
    // filtering on "this event or global" here makes SQLite walk every global record.
    .execute();
  const byContact = new Map<string, PreferenceRow[]>();
  for (const p of prefs) byContact.set(p.contact_id, [...(byContact.get(p.contact_id) ?? []), p]);
  return byContact;
}
