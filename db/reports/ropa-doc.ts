/**
 * The record of processing activities laid out as report blocks, in English or French:
 * the controller and its contact person, one section per purpose (Art. 30(1)(b)–(g)), the
 * processors, the retention rules, the security measures, and what the check found.
 */
import type { RopaDto, RopaFindingDto, RopaPurposeDto, RopaRetentionRuleDto } from '../../shared/dto/report-docs';
import { exportWords, displayName, type ExportWords } from '../export/export-words';
import { oneLine } from '../settings/controller';
import { longDate, type ReportBlock, type ReportDoc } from './report-doc';

type Language = 'en' | 'fr';

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** A retention rule in words: "Contact and participation data: 7 years, then erase the person". */
export const ruleWords = (w: ExportWords, r: RopaRetentionRuleDto): string =>
  w.fill('ropa.ruleLine', {
    rule: w.word(`retention.rules.${r.code}`, r.code),
    period: `${r.periodValue} ${w.word(`retention.units.${r.periodUnit}`, r.periodUnit)}`,
    action: lowerFirst(w.word(`retention.actions.${r.action}`, r.action)),
  });

/** A processor's agreement: its status, with the day it was signed when the register has it. */
export function dpaWords(w: ExportWords, p: Pick<RopaDto['processors'][number], 'dpaStatus' | 'dpaSignedOn'>, language: Language): string {
  const status = w.word(`register.dpa.${p.dpaStatus}`, p.dpaStatus);
  return p.dpaSignedOn ? w.fill('ropa.signedOn', { status, date: longDate(p.dpaSignedOn, language) }) : status;
}

/** A finding as one sentence, its subject named. */
export const findingWords = (w: ExportWords, f: RopaFindingDto): string =>
  w.fill(`ropa.findings.${f.code}`, { subject: f.code === 'category_no_retention' && f.subject ? w.word(`ropa.categories.${f.subject}`, f.subject) : (f.subject ?? '') });

const orNone = (w: ExportWords, items: readonly string[]) => (items.length ? items.join(', ') : w.word('ropa.none', '—'));

function purposeBlocks(p: RopaPurposeDto, w: ExportWords, language: Language): ReportBlock[] {
  const fr = language === 'fr';
  const country = (c: string | null) => displayName(language, 'region', c) ?? w.word('ropa.countryUnknown', '?');
  const recipients = p.recipients.map((r) => (r.kind === 'partner' ? `${r.name} (${w.word('ropa.partner', 'partner')})` : `${r.name} (${country(r.country)})`));
  const transfers = p.transfers.map(
    (t) => `${t.name} (${country(t.country)}): ${t.safeguard ?? w.word('ropa.noSafeguard', '')}${t.privacyShield ? ` — ${w.word('ropa.privacyShieldInvalid', '')}` : ''}`,
  );
  const retention = [fr ? p.retentionFr : p.retentionEn, ...p.retentionRules.map((r) => ruleWords(w, r))].filter((x): x is string => !!x);
  return [
    { kind: 'subheading', text: fr ? p.nameFr : p.nameEn },
    ...((fr ? p.descriptionFr : p.descriptionEn) ? [{ kind: 'paragraph' as const, text: (fr ? p.descriptionFr : p.descriptionEn)! }] : []),
    {
      kind: 'facts',
      rows: [
        [w.word('ropa.lawfulBasis', ''), w.word(`register.bases.${p.lawfulBasis}`, p.lawfulBasis)],
        [
          w.word('ropa.dataSubjects', ''),
          orNone(
            w,
            p.dataSubjects.map((s) => w.word(`ropa.subjects.${s}`, s)),
          ),
        ],
        [w.word('ropa.dataCategories', ''), orNone(w, p.dataCategories)],
        [w.word('ropa.recipients', ''), orNone(w, recipients)],
        [w.word('ropa.transfers', ''), transfers.length ? transfers.join('\n') : w.word('ropa.noTransfers', '')],
        [w.word('ropa.retention', ''), retention.length ? retention.join('\n') : w.word('ropa.none', '—')],
      ],
    },
  ];
}

export function ropaDoc(ropa: RopaDto, language: Language): ReportDoc {
  const w = exportWords(language);
  const c = ropa.controller;
  const blocks: ReportBlock[] = [
    { kind: 'paragraph', text: w.word('ropa.intro', '') },
    { kind: 'heading', text: w.word('ropa.controllerHeading', '') },
    {
      kind: 'facts',
      rows: [
        [w.word('ropa.controller', ''), c.name],
        [w.word('ropa.address', ''), oneLine(c.address)],
        [w.word('ropa.email', ''), c.email],
        [w.word('ropa.dpo', ''), c.contactPerson ?? w.word('ropa.noDpo', '')],
        [w.word('ropa.authority', ''), [c.authority.name, c.authority.address, c.authority.email].filter(Boolean).join(', ')],
      ],
    },
    { kind: 'heading', text: w.word('ropa.purposesHeading', '') },
    ...ropa.purposes.flatMap((p) => purposeBlocks(p, w, language)),
    { kind: 'heading', text: w.word('ropa.processorsHeading', '') },
    {
      kind: 'table',
      head: ['name', 'role', 'country', 'safeguard', 'dpa'].map((k) => w.word(`ropa.columns.${k}`, k)),
      rows: ropa.processors.map((p) => [
        `${p.name} (${w.word(`register.kinds.${p.kind}`, p.kind)})`,
        p.role,
        displayName(language, 'region', p.country) ?? w.word('ropa.countryUnknown', '?'),
        `${p.transferSafeguard ?? '—'}${p.citesPrivacyShield ? ` — ${w.word('ropa.privacyShieldInvalid', '')}` : ''}`,
        dpaWords(w, p, language),
      ]),
    },
    { kind: 'heading', text: w.word('ropa.retentionHeading', '') },
    { kind: 'list', items: ropa.retentionRules.map((r) => ruleWords(w, r)) },
    { kind: 'heading', text: w.word('ropa.securityHeading', '') },
    { kind: 'list', items: ropa.security.map((m) => w.fill(`ropa.security.${m}`, { minutes: ropa.autoLockMinutes })) },
    { kind: 'heading', text: w.word('ropa.checkHeading', '') },
    ropa.findings.length ? { kind: 'list', items: ropa.findings.map((f) => findingWords(w, f)) } : { kind: 'paragraph', text: w.word('ropa.checkClean', ''), tone: 'muted' },
  ];
  return {
    language,
    title: w.fill('ropa.title', { controller: c.name }),
    subtitle: w.fill('ropa.subtitle', { date: longDate(ropa.generatedAt, language) }),
    blocks,
    footer: w.fill('ropa.footer', { date: longDate(ropa.generatedAt, language) }),
  };
}
