/**
 * One mapping per table of the processing register (processors, purposes, the
 * partner-sharing log), for its screens, the register exports and the person's bundle
 * alike (see db/contacts/fields.ts for the rule). Data categories are stored as JSON text.
 */
import type { Selectable } from 'kysely';
import type { DataSubjectKind } from '../../shared/vocabulary';
import type { Database } from '../schema';

const stringList = (json: string): string[] => JSON.parse(json) as string[];

export function processorFields(r: Selectable<Database['processors']>) {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    role: r.role,
    country: r.country,
    transferSafeguard: r.transfer_safeguard,
    dpaStatus: r.dpa_status,
    dpaSignedOn: r.dpa_signed_on,
    dataCategories: stringList(r.data_categories),
    policyUrl: r.policy_url,
    notes: r.notes,
    createdAt: r.created_at,
  };
}

/** A purpose in both languages (the English texts are stored without a suffix); its display position is an ordering, not a field. */
export function purposeFields(r: Omit<Selectable<Database['purposes']>, 'position'>) {
  return {
    id: r.id,
    code: r.code,
    nameEn: r.name_en,
    nameFr: r.name_fr,
    lawfulBasis: r.lawful_basis,
    retentionEn: r.retention,
    retentionFr: r.retention_fr,
    descriptionEn: r.description,
    descriptionFr: r.description_fr,
    dataSubjects: JSON.parse(r.data_subjects) as DataSubjectKind[],
    createdAt: r.created_at,
  };
}

/** Enough of a purpose to name it in either language (the consent ledger's PurposeRefDto). */
export const purposeRef = ({ id, code, nameEn, nameFr, lawfulBasis }: ReturnType<typeof purposeFields>) => ({ id, code, nameEn, nameFr, lawfulBasis });

export function sharingFields(r: Selectable<Database['partner_sharing']>) {
  return {
    id: r.id,
    contactId: r.contact_id,
    partner: r.partner,
    mouReference: r.mou_reference,
    jointActivity: r.joint_activity,
    dataCategories: stringList(r.data_categories),
    sharedOn: r.shared_on,
    recordedById: r.recorded_by,
    recordedAt: r.recorded_at,
  };
}
