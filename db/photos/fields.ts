/**
 * A photo preference row's fields, for the contact's page, the photo-preferences register
 * export and the person's bundle alike (see db/contacts/fields.ts for the rule).
 */
import type { Selectable } from 'kysely';
import type { Database } from '../schema';

export function photoPreferenceFields(r: Selectable<Database['photo_optouts']>) {
  return {
    id: r.id,
    contactId: r.contact_id,
    eventId: r.event_id,
    state: r.state,
    channel: r.channel,
    decidedOn: r.decided_on,
    recordedById: r.recorded_by,
    recordedAt: r.recorded_at,
    withdrawnAt: r.withdrawn_at,
  };
}
