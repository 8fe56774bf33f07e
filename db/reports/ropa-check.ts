/**
 * The record of processing's check: every field Art. 30 asks for that the vault lacks or
 * states wrongly, each with a code (its words are `ropa.findings.<code>` in shared/i18n)
 * and where it is fixed, so the Reports screen links to it one click away.
 *
 * The Privacy Shield findings are the register's own compliance warnings
 * (db/register/processors.ts), not a second reading of the texts. A processor's agreement
 * is missing when its status is other than signed, and undated when signed with no day.
 */
import type { RopaDto, RopaFindingDto } from '../../shared/dto/report-docs';
import type { ComplianceWarningDto } from '../../shared/dto/register';
import { outsideEea } from '../../shared/rules/eea';
import type { RetentionRuleCode } from '../../shared/rules/retention';

/**
 * The kinds of data the vault keeps and the rule that ends each: a kind whose rule is gone
 * from the table would be kept for ever.
 */
export const CATEGORY_RULES: Record<string, RetentionRuleCode> = {
  contact_details: 'contact_activity',
  newsletter_subscription: 'newsletter_only',
  identity: 'identity',
  bank: 'bank',
  signature: 'signature',
  rights_requests: 'closed_requests',
  minors: 'minor',
};

export function findingsOf(ropa: Omit<RopaDto, 'findings'>, warnings: readonly ComplianceWarningDto[]): RopaFindingDto[] {
  const out: RopaFindingDto[] = [];
  const processor = (id: string) => ({ route: 'register', tab: 'processors', id }) as const;
  const purpose = (id: string) => ({ route: 'register', tab: 'purposes', id }) as const;
  for (const p of ropa.processors) {
    if (p.kind === 'processor' && p.dpaStatus !== 'signed') out.push({ code: 'processor_no_dpa', subject: p.name, fix: processor(p.id) });
    if (p.dpaStatus === 'signed' && p.dpaSignedOn === null) out.push({ code: 'processor_no_dpa_date', subject: p.name, fix: processor(p.id) });
    if (p.country === null) out.push({ code: 'processor_country_unknown', subject: p.name, fix: processor(p.id) });
    if (outsideEea(p.country) && !p.transferSafeguard) out.push({ code: 'transfer_no_safeguard', subject: p.name, fix: processor(p.id) });
  }
  for (const w of warnings) {
    if (w.code === 'privacy_shield_safeguard') for (const p of w.processors) out.push({ code: 'privacy_shield_safeguard', subject: p.name, fix: processor(p.id) });
    else if (w.policyVersion)
      out.push({
        code: 'privacy_shield_in_policy',
        subject: `${w.policyVersion.version} (${w.policyVersion.language})`,
        fix: { route: 'register', tab: 'policies', id: w.policyVersion.id },
      });
  }
  const rules = new Set(ropa.retentionRules.map((r) => r.code));
  for (const [category, rule] of Object.entries(CATEGORY_RULES)) {
    if (!rules.has(rule)) out.push({ code: 'category_no_retention', subject: category, fix: { route: 'retention', id: null } });
  }
  for (const p of ropa.purposes) {
    if (!p.retentionEn && !p.retentionFr && p.retentionRules.length === 0) out.push({ code: 'purpose_no_retention', subject: p.nameEn, fix: purpose(p.id) });
    if (p.dataCategories.length === 0) out.push({ code: 'purpose_no_categories', subject: p.nameEn, fix: purpose(p.id) });
    if (p.dataSubjects.length === 0) out.push({ code: 'purpose_no_subjects', subject: p.nameEn, fix: purpose(p.id) });
  }
  if (!ropa.controller.contactPerson) out.push({ code: 'no_dpo', subject: null, fix: { route: 'settings', tab: 'organisation', id: null } });
  return out;
}
