/**
 * One mapping per table of the contacts domain: a row as stored (snake_case) to its fields
 * (camelCase), used by the screens' reads, the register exports and the person's bundle
 * alike. Each caller adds what it joins or derives and leaves out what it does not show;
 * none of them spells a column's name again. Stored 0/1 flags become booleans and JSON
 * text becomes values here, once per table.
 *
 * A mapper holds every column some screen or export shows; index bookkeeping (sort_name,
 * sort_rank) and file bytes are not fields.
 */
import type { Selectable } from 'kysely';
import type { Database } from '../schema';

type Row<T extends keyof Database> = Selectable<Database[T]>;

export function organisationFields(r: Row<'organisations'>) {
  return {
    id: r.id,
    name: r.name,
    country: r.country,
    type: r.type,
    legalName: r.legal_name,
    vatNumber: r.vat_number,
    billingAddress: r.billing_address,
    billingEmail: r.billing_email,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    archivedAt: r.archived_at,
  };
}

export function contactFields(r: Omit<Row<'contacts'>, 'sort_name' | 'sort_rank'>) {
  return {
    id: r.id,
    fullName: r.full_name,
    jobTitle: r.job_title,
    gender: r.gender,
    organisationId: r.organisation_id,
    country: r.country,
    language: r.language,
    notes: r.notes,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    archivedAt: r.archived_at,
  };
}

/** An address of a contact; its ids are the caller's (the contact's page lists addresses without them). */
export function contactEmailFields(r: Pick<Row<'contact_emails'>, 'email' | 'is_primary'>) {
  return { address: r.email, primary: r.is_primary === 1 };
}

export function projectFields(r: Row<'projects'>) {
  return {
    id: r.id,
    name: r.name,
    type: r.type,
    startDate: r.start_date,
    endDate: r.end_date,
    description: r.description,
    createdAt: r.created_at,
  };
}

export function eventFields(r: Row<'events'>) {
  return {
    id: r.id,
    name: r.name,
    type: r.type,
    startDate: r.start_date,
    endDate: r.end_date,
    location: r.location,
    organiser: r.organiser,
    projectId: r.project_id,
    createdAt: r.created_at,
  };
}

export function participationFields(r: Row<'participations'>) {
  return {
    id: r.id,
    contactId: r.contact_id,
    eventId: r.event_id,
    projectId: r.project_id,
    role: r.role,
    travelBooked: r.travel_booked === 1,
    participatedOn: r.participated_on,
    createdAt: r.created_at,
  };
}

/** The values a sensitive extra holds (IBAN, document number, date of birth …), stored as JSON text. */
export const sensitiveValues = (r: Pick<Row<'sensitive_extras'>, 'data'>): Record<string, string> => JSON.parse(r.data) as Record<string, string>;

/**
 * A sensitive extra's description and values. Its file (a photo, a signed sheet) is shaped
 * by each caller: a size on the masked list, base64 when revealed, a zip entry in a bundle.
 */
export function sensitiveFields(r: Pick<Row<'sensitive_extras'>, 'id' | 'contact_id' | 'category' | 'reason' | 'data' | 'event_id' | 'created_at'>) {
  return {
    id: r.id,
    contactId: r.contact_id,
    category: r.category,
    reason: r.reason,
    values: sensitiveValues(r),
    eventId: r.event_id,
    createdAt: r.created_at,
  };
}
