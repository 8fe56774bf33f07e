/**
 * Bringing existing records in with their consents (issue 14 §1): Mailchimp's subscribed,
 * unsubscribed and cleaned exports and a Google Forms file give exactly the expected
 * ledger and newsletter list; importing them again changes nothing; countries; rows
 * without an e-mail matched by name and organisation; the error report's delimiter.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { RegistreCore } from '../../db/core';
import { englishReportWords, importReportCsv } from '../../shared/import-report';
import { call, createdVault, exportedMailingList } from '../helpers';
import { FIXTURES, snapshot } from './fixtures';
import { guessMapping } from '../../db/import/presets';
import { consentAnswer } from '../../db/import/values';
import { readConsent, type ConsentColumn } from '../../db/import/consent';

const source = (name: string) => ({ contentBase64: readFileSync(join(FIXTURES, name)).toString('base64'), fileName: name });
const preview = (core: RegistreCore, name: string) => call(core, 'contacts.importPreview', source(name));
const commit = (core: RegistreCore, name: string) => call(core, 'contacts.importCommit', { ...source(name), skipInvalid: true });

interface LedgerRow {
  email: string | null;
  name: string;
  action: string;
  day: string;
  channel: string;
  evidence: string | null;
  policy: number | null;
}

async function ledger(core: RegistreCore): Promise<LedgerRow[]> {
  const r = await sql<LedgerRow>`
    SELECT (SELECT email FROM contact_emails m WHERE m.contact_id = c.id AND m.is_primary = 1) AS email, c.full_name AS name,
           e.action, e.occurred_at AS day, e.channel, e.evidence, p.version AS policy
    FROM consent_events e JOIN contacts c ON c.id = e.contact_id JOIN purposes u ON u.id = e.purpose_id
    LEFT JOIN policy_versions p ON p.id = e.policy_version_id
    WHERE u.code = 'newsletter' ORDER BY e.entry_seq`.execute(core.context().db);
  return r.rows;
}

/** Everything the imports may change, the ledger included. */
async function state(core: RegistreCore) {
  const events = await sql<{ n: number }>`SELECT count(*) AS n FROM consent_events`.execute(core.context().db);
  return { ...(await snapshot(core)), consentEvents: events.rows[0]!.n };
}

async function seededVault() {
  const { core } = await createdVault();
  const db = core.context().db;
  // A policy version in effect from 2024-01-01 (French, the published language): events from that day cite it, earlier ones none.
  await db
    .insertInto('policy_versions')
    .values({ id: 'policy-2024', version: 90, language: 'fr', effective_date: '2024-01-01', text: 'Politique 2024', material_change: 0, created_at: '2024-01-01T00:00:00.000Z' })
    .execute();
  // Lucia subscribed on paper before Mailchimp; its unsubscribed export takes her off.
  const lucia = await call(core, 'contacts.add', { fullName: 'Lucia Rossi', email: 'lucia.rossi@ispra.example.it' });
  await call(core, 'consents.record', { contactId: lucia.id, purposeCode: 'newsletter', action: 'granted', channel: 'paper', occurredOn: '2022-04-20' });
  return core;
}

describe('import: consents come in with the people', () => {
  it('Mailchimp subscribed, unsubscribed and cleaned exports and a Google Forms file give exactly the expected ledger and newsletter list, and nothing twice', async () => {
    const core = await seededVault();

    // The Mailchimp preset maps the consent columns and CC with no mapping given.
    const sub = await preview(core, 'mailchimp-subscribed.csv');
    expect(sub.preset).toBe('mailchimp');
    expect(sub.mapping).toMatchObject({ OPTIN_TIME: 'consentGranted', CONFIRM_TIME: 'consentGranted', CC: 'country', OPTIN_IP: 'ignore', Organisation: 'organisationName' });
    expect(sub.counts).toEqual({ rows: 6, new: 6, update: 0, skipped: 0, invalid: 0, organisationsToCreate: 6, grants: 6, withdrawals: 0 });
    await commit(core, 'mailchimp-subscribed.csv');

    const unsub = await preview(core, 'mailchimp-unsubscribed.csv');
    expect(unsub.mapping).toMatchObject({ OPTIN_TIME: 'consentGranted', UNSUB_TIME: 'consentWithdrawn', UNSUB_CAMPAIGN_TITLE: 'ignore' });
    expect(unsub.counts).toMatchObject({ rows: 2, new: 1, grants: 0, withdrawals: 2 });
    await commit(core, 'mailchimp-unsubscribed.csv');

    const cleaned = await preview(core, 'mailchimp-cleaned.csv');
    expect(cleaned.mapping).toMatchObject({ CLEAN_TIME: 'consentWithdrawn' });
    expect(cleaned.counts).toMatchObject({ rows: 1, new: 1, grants: 0, withdrawals: 1 });
    await commit(core, 'mailchimp-cleaned.csv');

    const forms = await preview(core, 'google-forms-newsletter.csv');
    expect(forms.preset).toBe('google_forms');
    expect(forms.mapping).toMatchObject({ Timestamp: 'consentDate', 'Do you agree to receive the IMPEL newsletter?': 'consentAnswer', Country: 'country', 'Full name': 'fullName' });
    // Pieter says no (he had opted in: a withdrawal, his details unchanged); Noor says no and was never asked (nothing); Karel twice without an e-mail.
    expect(forms.counts).toEqual({ rows: 5, new: 3, update: 0, skipped: 2, invalid: 0, organisationsToCreate: 3, grants: 2, withdrawals: 1 });
    expect(forms.issues.map((i) => [i.row, i.reasons.map((r) => r.reason)])).toEqual([
      [2, ['unchanged_consent_recorded']],
      [6, ['duplicate_name']],
    ]);
    await commit(core, 'google-forms-newsletter.csv');

    const r = (email: string | null, name: string, action: string, day: string, evidence: string | null, policy: number | null = null, channel = 'import') => ({
      email,
      name,
      action,
      day,
      channel,
      evidence,
      policy,
    });
    expect(await ledger(core)).toEqual([
      r('lucia.rossi@ispra.example.it', 'Lucia Rossi', 'granted', '2022-04-20', null, null, 'paper'),
      // The latest of OPTIN_TIME and CONFIRM_TIME (the double opt-in's confirmation).
      r('anne.leroy@environnement.example.brussels', 'Anne Leroy', 'granted', '2023-02-01', 'mailchimp-subscribed.csv, row 2, CONFIRM_TIME 2023-02-01 10:05:12'),
      r('pieter.claes@omgeving.example.be', 'Pieter Claes', 'granted', '2023-03-14', 'mailchimp-subscribed.csv, row 3, OPTIN_TIME 2023-03-14 08:30:00'),
      r('marie.dubois@ofb.example.fr', 'Marie Dubois', 'granted', '2023-04-03', 'mailchimp-subscribed.csv, row 4, CONFIRM_TIME 2023-04-03 09:00:00'),
      r('jan.novak@cizp.example.cz', 'Jan Novák', 'granted', '2024-01-10', 'mailchimp-subscribed.csv, row 5, CONFIRM_TIME 2024-01-10 07:13:30', 90),
      r('sarah.obrien@epa.example.ie', "Sarah O'Brien", 'granted', '2024-05-20', 'mailchimp-subscribed.csv, row 6, CONFIRM_TIME 2024-05-20 11:12:40', 90),
      r('tomas.garcia@miteco.example.es', 'Tomás García', 'granted', '2024-06-01', 'mailchimp-subscribed.csv, row 7, OPTIN_TIME 2024-06-01 16:20:00', 90),
      // Unsubscribed and cleaned rows are withdrawals, never grants, though they have an OPTIN_TIME.
      r('lucia.rossi@ispra.example.it', 'Lucia Rossi', 'withdrawn', '2024-02-15', 'mailchimp-unsubscribed.csv, row 2, UNSUB_TIME 2024-02-15 18:30:00', 90),
      r('hans.meier@bafu.example.ch', 'Hans Meier', 'withdrawn', '2023-11-30', 'mailchimp-unsubscribed.csv, row 3, UNSUB_TIME 2023-11-30 07:45:00'),
      r('k.vermeulen@old-agency.example.be', 'Koen Vermeulen', 'withdrawn', '2024-03-01', 'mailchimp-cleaned.csv, row 2, CLEAN_TIME 2024-03-01 06:00:00', 90),
      r('pieter.claes@omgeving.example.be', 'Pieter Claes', 'withdrawn', '2024-09-12', 'google-forms-newsletter.csv, row 2, Timestamp 2024/09/12 14:03:11 GMT+2', 90),
      r('eva.schmidt@uba.example.de', 'Eva Schmidt', 'granted', '2024-09-12', 'google-forms-newsletter.csv, row 3, Timestamp 2024/09/12 15:20:00 GMT+2', 90),
      r(null, 'Karel Janssens', 'granted', '2024-09-13', 'google-forms-newsletter.csv, row 4, Timestamp 2024/09/13 09:01:45 GMT+2', 90),
    ]);

    // The newsletter list: exactly the subscribed people who did not leave (Karel has no address).
    const list = await call(core, 'mailingList.preview', {});
    expect(list).toMatchObject({ included: 6, excluded: expect.objectContaining({ withdrawn: 4, noEmail: 1 }) });
    const { csv } = await exportedMailingList(core);
    const addresses = csv
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)
      .slice(1)
      .filter(Boolean)
      .map((l) => l.split(',')[0])
      .sort();
    expect(addresses).toEqual([
      'anne.leroy@environnement.example.brussels',
      'eva.schmidt@uba.example.de',
      'jan.novak@cizp.example.cz',
      'marie.dubois@ofb.example.fr',
      'sarah.obrien@epa.example.ie',
      'tomas.garcia@miteco.example.es',
    ]);

    // Each consent event is audited like the ledger's own, the chain intact.
    const audit = await call(core, 'audit.list', { limit: 500 });
    expect(audit.filter((e) => e.action === 'consent.recorded')).toHaveLength(13);
    expect(audit.find((e) => e.action === 'consent.recorded' && e.fields.includes('policyVersionId'))?.fields).toEqual(['purposeId', 'action', 'channel', 'occurredOn', 'evidence', 'policyVersionId']);
    expect((await call(core, 'audit.verify', {})).intact).toBe(true);

    // Countries: Mailchimp's CC, and Google Forms' names in English and French.
    const country = async (q: string) => (await call(core, 'contacts.get', { id: (await call(core, 'contacts.search', { query: q })).items[0]!.id })).country;
    expect(await country('jan.novak')).toBe('CZ');
    expect(await country('eva.schmidt')).toBe('DE');
    expect(await country('karel janssens')).toBe('BE');

    // A second import of every file changes nothing: no contact, no event, no audit entry.
    const before = await state(core);
    for (const f of ['mailchimp-subscribed.csv', 'mailchimp-unsubscribed.csv', 'mailchimp-cleaned.csv', 'google-forms-newsletter.csv']) {
      const again = await preview(core, f);
      expect(again.counts, f).toMatchObject({ new: 0, update: 0, grants: 0, withdrawals: 0 });
      await expect(commit(core, f)).rejects.toMatchObject({ detail: { reason: 'import_nothing' } });
    }
    // Karel, without an e-mail, is matched by his name and organisation rather than created again.
    const forms2 = await preview(core, 'google-forms-newsletter.csv');
    expect(forms2.issues.find((i) => i.row === 4)?.reasons.map((x) => x.reason)).toEqual(['unchanged']);
    expect(await state(core)).toEqual(before);
  });

  it('flags a row without an e-mail whose name is a contact of another organisation, and refuses a purpose without consent', async () => {
    const { core } = await createdVault();
    const org = await call(core, 'organisations.add', { name: 'Parquet fédéral', type: 'governmental_agency' });
    await call(core, 'contacts.add', { fullName: 'Karel Janssens', organisationId: org.id });
    await call(core, 'contacts.add', { fullName: 'Jean Dupont' });
    const csv = 'Full name;Organisation;Country\nKAREL janssens;parquet federal;Belgique\nJean Dupont;SPF Justice;BE\nAnna Nowak;GIOŚ;Pologne\n';
    const p = await call(core, 'contacts.importPreview', { contentBase64: Buffer.from(csv).toString('base64'), fileName: 'people.csv' });
    expect(p.counts).toMatchObject({ rows: 3, new: 1, update: 1, skipped: 1 });
    expect(p.issues.map((i) => [i.row, i.reasons.map((r) => r.reason)])).toEqual([[3, ['possible_duplicate']]]);

    // The report keeps the file's ";" and starts with a byte-order mark.
    expect(p.report.delimiter).toBe(';');
    const report = importReportCsv(p.report, englishReportWords);
    expect(report.startsWith('\uFEFFRow;Status;Reason;Full name;Organisation;Country')).toBe(true);
    expect(report.split('\r\n')[1]).toMatch(/^3;skipped;.*;Jean Dupont;SPF Justice;BE;$/);

    const mailchimp = source('mailchimp-subscribed.csv');
    await expect(call(core, 'contacts.importPreview', { ...mailchimp, consentPurpose: 'collaboration' })).rejects.toMatchObject({ detail: { reason: 'import_purpose_not_consent' } });
    await expect(call(core, 'contacts.importPreview', { ...mailchimp, consentPurpose: 'no_such_purpose' })).rejects.toMatchObject({ detail: { reason: 'purpose_absent' } });
  });

  it('recognises consent questions in English and French, Azavista checkboxes, and yes/no words', () => {
    const azavista = guessMapping(['Registration ID', 'Registration status', 'Registration date', 'First name', 'Last name', 'Email', 'Country', 'Newsletter consent', 'Photo consent']);
    expect(azavista.preset).toBe('azavista');
    expect(azavista.mapping).toMatchObject({ 'Registration date': 'consentDate', 'Newsletter consent': 'consentAnswer', 'Photo consent': 'ignore', Country: 'country' });
    const fr = guessMapping(['Horodateur', 'Adresse e-mail', 'Nom', 'Prénom', "Acceptez-vous de recevoir la lettre d'information de l'IMPEL ?"]);
    expect(fr.mapping).toMatchObject({ Horodateur: 'consentDate', "Acceptez-vous de recevoir la lettre d'information de l'IMPEL ?": 'consentAnswer' });
    // A form without a consent question: its timestamp says nothing about consent.
    expect(guessMapping(['Horodateur', 'Adresse e-mail']).mapping.Horodateur).toBe('ignore');

    for (const yes of ['Yes', 'oui', 'OUI', 'TRUE', '1', 'x', 'Checked', 'Yes, I agree to receive the newsletter', "Oui, j'accepte", 'Vrai']) expect(consentAnswer(yes), yes).toBe('yes');
    for (const no of ['No', 'non', 'FALSE', '0', 'No, thank you', 'Non merci', 'Faux']) expect(consentAnswer(no), no).toBe('no');
    for (const neither of ['Maybe', 'Peut-être', 'later']) expect(consentAnswer(neither), neither).toBeNull();

    const cols: ConsentColumn[] = [
      { index: 0, header: 'Registration date', target: 'consentDate' },
      { index: 1, header: 'Newsletter consent', target: 'consentAnswer' },
    ];
    expect(readConsent(['12-09-2024', 'Yes'], cols, '2026-01-01').consent).toEqual({ action: 'granted', day: '2024-09-12', column: 'Registration date', cell: '12-09-2024' });
    expect(readConsent(['', 'Yes'], cols, '2026-01-01').issues.map((i) => i.reason)).toEqual(['consent_date_missing']);
    expect(readConsent(['12-09-2030', 'Yes'], cols, '2026-01-01').issues.map((i) => i.reason)).toEqual(['consent_date_invalid']);
    expect(readConsent(['12-09-2024', 'Perhaps'], cols, '2026-01-01').issues.map((i) => i.reason)).toEqual(['consent_answer_unknown']);
    expect(readConsent(['12-09-2024', ''], cols, '2026-01-01')).toEqual({ consent: undefined, issues: [] });
  });
});
