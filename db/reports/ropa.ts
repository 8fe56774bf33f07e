/**
 * The record of processing activities (GDPR Art. 30(1)), generated from what the vault
 * already holds rather than typed a second time: the purposes and their processors
 * (db/register/), the partner-sharing log, the retention rules (db/retention/rules.ts) and
 * the controller (db/settings/controller.ts). Its check (ropa-check.ts) reads the same model.
 *
 * Whose data a purpose is about is the register's own field (purposes.data_subjects). The
 * register has no field for which retention rules apply to a purpose: those are fixed below
 * for the purposes the policy seeded (their codes never change); a purpose added later
 * states its retention in words.
 */
import type { Kysely } from 'kysely';
import type { RopaDto, RopaPurposeDto, RopaRecipientDto, RopaRetentionRuleDto, SecurityMeasure } from '../../shared/dto/report-docs';
import type { RetentionRuleCode } from '../../shared/rules/retention';
import { outsideEea } from '../../shared/rules/eea';
import { knownPartners } from '../../shared/vocabulary';
import type { CallContext } from '../context';
import { processorRegister } from '../register/processors';
import { listPurposes } from '../register/purposes';
import { PARTNER_SHARING_PURPOSE, partnerName } from '../register/sharing';
import { listRules } from '../retention/rules';
import type { Database } from '../schema';
import { controllerDetails } from '../settings/controller';
import { readSettings } from '../settings/settings';
import { findingsOf } from './ropa-check';

/**
 * What each seeded purpose uses besides what its processors hold, from its description in
 * the policy (a purpose with no processor, like event photos, still processes data).
 */
const OWN_CATEGORIES: Record<string, string[]> = {
  newsletter: ['name', 'e-mail address'],
  collaboration: ['contact details', 'job title', 'organisation'],
  event_logistics: ['contact details', 'identity document', 'travel'],
  basecamp: ['contact details'],
  payments: ['bank account', 'billing details', 'signed attendance lists'],
  photos: ['photos'],
  partner_sharing: ['contact details'],
};

/** Which retention rules erase the data of each seeded purpose (shared/rules/retention.ts). */
export const PURPOSE_RULES: Record<string, RetentionRuleCode[]> = {
  newsletter: ['newsletter_only'],
  collaboration: ['contact_activity'],
  event_logistics: ['contact_activity', 'identity', 'signature'],
  basecamp: ['contact_activity'],
  payments: ['bank', 'signature'],
  photos: ['contact_activity'],
  partner_sharing: ['contact_activity'],
};

/** What Registre does to protect the vault (Art. 32), each one true of the code. */
const SECURITY: SecurityMeasure[] = ['encrypted_vault', 'key_slots', 'audit_chain', 'encrypted_backups', 'auto_lock', 'roles', 'secure_delete'];

/** The categories and partners the sharing log names, each once. */
async function sharingLog(db: Kysely<Database>): Promise<{ categories: string[]; partners: string[] }> {
  const rows = await db.selectFrom('partner_sharing').select(['partner', 'data_categories']).execute();
  const categories = new Set<string>();
  const partners = new Set<string>(knownPartners);
  for (const r of rows) {
    partners.add(partnerName(r.partner));
    for (const c of JSON.parse(r.data_categories) as string[]) categories.add(c);
  }
  return { categories: [...categories], partners: [...partners] };
}

export async function ropaModel(ctx: CallContext): Promise<RopaDto> {
  const [purposes, register, rules, controller, settings, sharing] = await Promise.all([
    listPurposes(ctx.db),
    processorRegister(ctx),
    listRules(ctx.db),
    controllerDetails(ctx.db),
    readSettings(ctx.db),
    sharingLog(ctx.db),
  ]);
  const processors = new Map(register.processors.map((p) => [p.id, p]));
  const retentionRules: RopaRetentionRuleDto[] = rules.map((r) => ({ code: r.code, periodValue: r.periodValue, periodUnit: r.periodUnit, action: r.action }));
  const ruleByCode = new Map(retentionRules.map((r) => [r.code, r]));
  const model: RopaPurposeDto[] = purposes.map((p) => {
    const used = p.processors.flatMap((x) => processors.get(x.id) ?? []);
    const isSharing = p.code === PARTNER_SHARING_PURPOSE;
    const recipients: RopaRecipientDto[] = [
      ...used.map((x) => ({ kind: x.kind, id: x.id, name: x.name, country: x.country })),
      ...(isSharing ? sharing.partners.map((name) => ({ kind: 'partner' as const, id: null, name, country: null })) : []),
    ];
    return {
      id: p.id,
      code: p.code,
      nameEn: p.nameEn,
      nameFr: p.nameFr,
      lawfulBasis: p.lawfulBasis,
      descriptionEn: p.descriptionEn,
      descriptionFr: p.descriptionFr,
      dataSubjects: p.dataSubjects,
      dataCategories: [...new Set([...(OWN_CATEGORIES[p.code] ?? []), ...used.flatMap((x) => x.dataCategories), ...(isSharing ? sharing.categories : [])])],
      recipients,
      transfers: used.filter((x) => outsideEea(x.country)).map((x) => ({ processorId: x.id, name: x.name, country: x.country!, safeguard: x.transferSafeguard, privacyShield: x.citesPrivacyShield })),
      retentionEn: p.retentionEn,
      retentionFr: p.retentionFr,
      retentionRules: (PURPOSE_RULES[p.code] ?? []).flatMap((code) => ruleByCode.get(code) ?? []),
    };
  });
  const ropa: Omit<RopaDto, 'findings'> = {
    generatedAt: ctx.now.toISOString(),
    controller,
    purposes: model,
    processors: register.processors.map(({ id, name, kind, role, country, transferSafeguard, dpaStatus, dpaSignedOn, dataCategories, citesPrivacyShield }) => ({
      id,
      name,
      kind,
      role,
      country,
      transferSafeguard,
      dpaStatus,
      dpaSignedOn,
      dataCategories,
      citesPrivacyShield,
    })),
    retentionRules,
    security: SECURITY,
    autoLockMinutes: settings.autoLockMinutes,
  };
  return { ...ropa, findings: findingsOf(ropa, register.warnings) };
}
