/**
 * The record of processing (Art. 30) and its check: one test per finding kind, each made
 * by leaving one field missing through the contract (or, where the contract cannot lose
 * it, the table), then the HTML, JSON and PDF files and their audit event.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RopaDto, RopaFindingDto } from '../../shared/dto/report-docs';
import { call, callError, createdVault, tempDir } from '../helpers';

const of = (findings: RopaFindingDto[], code: RopaFindingDto['code']) => findings.filter((f) => f.code === code);

async function processor(core: Awaited<ReturnType<typeof createdVault>>['core'], fields: Record<string, unknown>) {
  return call(core, 'processors.add', { name: 'Acme Mail', kind: 'processor', role: 'Mail merge', country: 'BE', dpaStatus: 'signed', dataCategories: ['e-mail address'], ...fields } as never);
}

describe('the record of processing check', () => {
  it('a processor with no signed agreement is found, and goes once it is signed', async () => {
    const { core } = await createdVault();
    const p = await processor(core, { dpaStatus: 'pending' });
    expect(of(await call(core, 'reports.ropaCheck', {}), 'processor_no_dpa').find((f) => f.subject === 'Acme Mail')).toEqual({
      code: 'processor_no_dpa',
      subject: 'Acme Mail',
      fix: { route: 'register', tab: 'processors', id: p.id },
    });
    await call(core, 'processors.update', { id: p.id, dpaStatus: 'signed' });
    expect(of(await call(core, 'reports.ropaCheck', {}), 'processor_no_dpa').map((f) => f.subject)).not.toContain('Acme Mail');
  });

  it('a processor whose country is not recorded is found', async () => {
    const { core } = await createdVault();
    const p = await processor(core, { country: null });
    expect(of(await call(core, 'reports.ropaCheck', {}), 'processor_country_unknown')).toContainEqual({
      code: 'processor_country_unknown',
      subject: 'Acme Mail',
      fix: { route: 'register', tab: 'processors', id: p.id },
    });
  });

  it('a transfer outside the EEA with no safeguard is found; inside the EEA, or with one, it is not', async () => {
    const { core } = await createdVault();
    const p = await processor(core, { country: 'IN' });
    await processor(core, { name: 'Oslo Print', country: 'NO' });
    const found = of(await call(core, 'reports.ropaCheck', {}), 'transfer_no_safeguard').map((f) => f.subject);
    expect(found).toContain('Acme Mail');
    expect(found).not.toContain('Oslo Print');
    await call(core, 'processors.update', { id: p.id, transferSafeguard: 'Standard contractual clauses (2021/914)' });
    expect(of(await call(core, 'reports.ropaCheck', {}), 'transfer_no_safeguard').map((f) => f.subject)).not.toContain('Acme Mail');
  });

  it('a safeguard citing the Privacy Shield is found for every processor the register warns about', async () => {
    const { core } = await createdVault();
    const { warnings } = await call(core, 'processors.list', {});
    const warned = warnings.find((w) => w.code === 'privacy_shield_safeguard')!.processors;
    const found = of(await call(core, 'reports.ropaCheck', {}), 'privacy_shield_safeguard');
    expect(found.map((f) => f.fix)).toEqual(warned.map((p) => ({ route: 'register', tab: 'processors', id: p.id })));
    expect(found.map((f) => f.subject)).toContain('Mailchimp');
  });

  it('the current policy citing the Privacy Shield is found, with its version to fix', async () => {
    const { core } = await createdVault();
    const [v1] = await call(core, 'policies.list', {});
    expect(of(await call(core, 'reports.ropaCheck', {}), 'privacy_shield_in_policy')).toEqual([
      { code: 'privacy_shield_in_policy', subject: '1 (fr)', fix: { route: 'register', tab: 'policies', id: v1!.id } },
    ]);
  });

  it('a kind of data whose retention rule is gone is found', async () => {
    const { core } = await createdVault();
    expect(of(await call(core, 'reports.ropaCheck', {}), 'category_no_retention')).toEqual([]);
    // No method removes a rule (they are fixed in code): only a damaged table loses one.
    await core.context().db.deleteFrom('retention_rules').where('code', '=', 'bank').execute();
    expect(of(await call(core, 'reports.ropaCheck', {}), 'category_no_retention')).toEqual([{ code: 'category_no_retention', subject: 'bank', fix: { route: 'retention', id: null } }]);
  });

  it('a purpose with no retention and no data categories is found twice; its processor’s categories end one', async () => {
    const { core } = await createdVault();
    const purpose = await call(core, 'purposes.add', { code: 'surveys', nameEn: 'Member surveys', nameFr: 'Enquêtes', lawfulBasis: 'consent' });
    const fix = { route: 'register', tab: 'purposes', id: purpose.id };
    const findings = await call(core, 'reports.ropaCheck', {});
    expect(of(findings, 'purpose_no_retention')).toEqual([{ code: 'purpose_no_retention', subject: 'Member surveys', fix }]);
    expect(of(findings, 'purpose_no_categories')).toEqual([{ code: 'purpose_no_categories', subject: 'Member surveys', fix }]);
    const p = await processor(core, {});
    await call(core, 'purposes.update', { id: purpose.id, processorIds: [p.id], retentionEn: 'Two years after the survey' });
    const after = await call(core, 'reports.ropaCheck', {});
    expect([...of(after, 'purpose_no_retention'), ...of(after, 'purpose_no_categories')]).toEqual([]);
  });

  it('a signed agreement with no day is found, and goes once the day is recorded', async () => {
    const { core } = await createdVault();
    const p = await processor(core, {});
    // An agreement not signed is the other finding, not this one.
    await processor(core, { name: 'Beta Print', dpaStatus: 'pending' });
    const undated = of(await call(core, 'reports.ropaCheck', {}), 'processor_no_dpa_date');
    expect(undated).toContainEqual({ code: 'processor_no_dpa_date', subject: 'Acme Mail', fix: { route: 'register', tab: 'processors', id: p.id } });
    expect(undated.map((f) => f.subject)).not.toContain('Beta Print');
    await call(core, 'processors.update', { id: p.id, dpaSignedOn: '2022-05-01' });
    expect(of(await call(core, 'reports.ropaCheck', {}), 'processor_no_dpa_date').map((f) => f.subject)).not.toContain('Acme Mail');
  });

  it('a purpose that does not say whose data it uses is found, and goes once it does', async () => {
    const { core } = await createdVault();
    expect(of(await call(core, 'reports.ropaCheck', {}), 'purpose_no_subjects')).toEqual([]);
    const purpose = await call(core, 'purposes.add', { code: 'surveys', nameEn: 'Member surveys', nameFr: 'Enquêtes', lawfulBasis: 'consent' });
    expect(of(await call(core, 'reports.ropaCheck', {}), 'purpose_no_subjects')).toEqual([
      { code: 'purpose_no_subjects', subject: 'Member surveys', fix: { route: 'register', tab: 'purposes', id: purpose.id } },
    ]);
    await call(core, 'purposes.update', { id: purpose.id, dataSubjects: ['member_staff'] });
    expect(of(await call(core, 'reports.ropaCheck', {}), 'purpose_no_subjects')).toEqual([]);
    const ropa = join(tempDir(), 'ropa.json');
    await call(core, 'reports.ropa', { format: 'json', out: ropa });
    expect((JSON.parse(readFileSync(ropa, 'utf8')) as RopaDto).purposes.find((p) => p.code === 'surveys')!.dataSubjects).toEqual(['member_staff']);
  });

  it('no data protection officer or contact person is found until Settings names one', async () => {
    const { core } = await createdVault();
    expect(of(await call(core, 'reports.ropaCheck', {}), 'no_dpo')).toEqual([{ code: 'no_dpo', subject: null, fix: { route: 'settings', tab: 'organisation', id: null } }]);
    await call(core, 'settings.setController', { contactPerson: 'Dana Delegate' });
    expect(of(await call(core, 'reports.ropaCheck', {}), 'no_dpo')).toEqual([]);
  });
});

describe('the record of processing files', () => {
  it('JSON holds the model: purposes with bases, recipients, transfers and rules, and the same findings as the check', async () => {
    const { core } = await createdVault();
    const out = join(tempDir(), 'ropa.json');
    const r = await call(core, 'reports.ropa', { format: 'json', out });
    expect(r.outcome).toBe('written');
    const ropa = JSON.parse(readFileSync(out, 'utf8')) as RopaDto;
    expect(ropa.controller.name).toBe('IMPEL');
    const newsletter = ropa.purposes.find((p) => p.code === 'newsletter')!;
    expect(newsletter).toMatchObject({ lawfulBasis: 'consent', dataSubjects: ['subscribers'] });
    expect(newsletter.recipients.map((x) => x.name)).toEqual(['Mailchimp']);
    expect(newsletter.transfers).toEqual([{ processorId: expect.any(String), name: 'Mailchimp', country: 'US', safeguard: expect.stringContaining('Privacy Shield'), privacyShield: true }]);
    expect(newsletter.retentionRules.map((x) => x.code)).toEqual(['newsletter_only']);
    expect(ropa.purposes.find((p) => p.code === 'partner_sharing')!.recipients.map((x) => x.name)).toEqual(['ENPE', 'EnviCrimeNet']);
    expect(ropa.security).toContain('encrypted_vault');
    expect(ropa.findings).toEqual(await call(core, 'reports.ropaCheck', {}));
    const [event] = await call(core, 'audit.list', { limit: 1 });
    expect(event).toMatchObject({ action: 'export.report', entityType: 'report', entityId: 'ropa', fields: ['json'] });
  });

  it('HTML is one escaped page that loads nothing, in French when asked', async () => {
    const { core } = await createdVault();
    await processor(core, { name: 'Evil <script>alert(1)</script>', dpaStatus: 'none' });
    await processor(core, { name: 'Acme Mail', dpaSignedOn: '2021-03-12' });
    const out = join(tempDir(), 'registre.html');
    await call(core, 'reports.ropa', { format: 'html', language: 'fr', out });
    const html = readFileSync(out, 'utf8');
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect(html).not.toContain('<script>');
    expect(html).toContain('Evil &lt;script&gt;');
    expect(html).toContain('Registre des activités de traitement');
    expect(html).toContain('Base juridique');
    expect(html).toContain('bouclier de protection des données UE–États-Unis');
    expect(html).toContain('Contrat signé, le 12 mars 2021');
  });

  it('PDF shows the controller, a processor and the findings (pdftotext); the French one speaks French', async () => {
    const { core } = await createdVault();
    const dir = tempDir();
    for (const language of ['en', 'fr'] as const) {
      const out = join(dir, `ropa-${language}.pdf`);
      await call(core, 'reports.ropa', { format: 'pdf', language, out });
      expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
      const text = execFileSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' });
      expect(text).toContain('IMPEL');
      expect(text).toContain('Mailchimp');
      expect(text).toContain(language === 'en' ? 'Record of processing activities' : 'Registre des activités de traitement');
      expect(text).toContain(language === 'en' ? 'Lawful basis' : 'Base juridique');
      if (process.env.REPORT_PNG) execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '3', out, join(process.env.REPORT_PNG, `ropa-${language}`)]);
    }
  });

  it('a file name that does not match the format is refused and nothing is written', async () => {
    const { core } = await createdVault();
    const out = join(tempDir(), 'ropa.html');
    expect((await callError(core, 'reports.ropa', { format: 'pdf', out })).code).toBe('invalid_input');
    expect(existsSync(out)).toBe(false);
  });
});
