/**
 * One person's access bundle (issue 5 target: ≤ 100 ms) in the bench's vault. Seeds one
 * person as the secretariat would have them after a few years: two e-mails, a phone, an
 * organisation, three event participations and a project, ~20 consent events across
 * purposes, photo preferences, a bank detail, a system and a partner sharing, so about
 * forty audit events about them; then times the whole export through the same call path
 * as the app (read, CSVs, schema, summary, audit events, zip, fsync, rename), with and
 * without sensitive details and with a password.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RegistreCore } from '../db/index';

type Report = (what: string, value: string, target?: string) => void;

const RUNS = 30;

function stats(samples: number[]): { p50: number; p95: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { p50: at(0.5), p95: at(0.95) };
}

async function seedPerson(core: RegistreCore): Promise<string> {
  const org = await core.call('organisations.add', { name: 'Bench Environment Agency', type: 'governmental_agency', country: 'BE' });
  const person = await core.call('contacts.add', {
    fullName: 'Bench Bundle Person',
    email: 'bundle.person@bench.example',
    otherEmails: ['b.person@home.example'],
    phone: '+32470001234',
    jobTitle: 'Inspector',
    organisationId: org.id,
    country: 'BE',
    language: 'fr',
    notes: 'Speaker at the annual conference',
  });
  const project = await core.call('projects.add', { name: 'Bench Project', startDate: '2024-01-01' });
  for (let i = 0; i < 3; i++) {
    const event = await core.call('events.add', { name: `Bench Meeting ${i + 1}`, startDate: `2025-0${i + 3}-10`, location: 'Brussels' });
    await core.call('participations.add', { contactId: person.id, eventId: event.id, role: 'participant', travelBooked: i === 0 });
    if (i === 0) await core.call('photos.setPreference', { contactId: person.id, eventId: event.id, state: 'allowed', channel: 'event_registration', decidedOn: '2025-03-01' });
  }
  await core.call('participations.add', { contactId: person.id, projectId: project.id, role: 'speaker', travelBooked: false, participatedOn: '2024-02-01' });
  // ~20 ledger events: the newsletter and travel consents given and withdrawn over the years.
  for (let i = 0; i < 20; i++) {
    const purposeCode = i % 2 === 0 ? 'newsletter' : 'event_logistics';
    const action = Math.floor(i / 2) % 2 === 0 ? 'granted' : 'withdrawn';
    await core.call('consents.record', { contactId: person.id, purposeCode, action, channel: 'form', occurredOn: `2025-${String(1 + Math.floor(i / 2)).padStart(2, '0')}-0${1 + (i % 2)}` });
  }
  await core.call('photos.setPreference', { contactId: person.id, state: 'opted_out', channel: 'email', decidedOn: '2025-06-01' });
  await core.call('sensitive.add', { contactId: person.id, reason: 'Refund of travel costs', bank: { iban: 'BE68539007547034' } });
  await core.call('contactSystems.set', { contactId: person.id, processorId: 'processor-mailchimp', holds: true, since: '2025-01-01' });
  await core.call('sharing.record', { contactId: person.id, partner: 'ENPE', jointActivity: 'Joint training', dataCategories: ['name', 'email'], sharedOn: '2025-02-01' });
  return person.id;
}

export async function benchExportBundle(core: RegistreCore, report: Report): Promise<void> {
  const contactId = await seedPerson(core);
  const dir = mkdtempSync(join(tmpdir(), 'registre-bench-bundle-'));
  try {
    // core.call takes parsed input (the contract's defaults written out).
    const variants: Array<[string, { includeSensitive: boolean; password?: string; mode: 'access' | 'portability' }]> = [
      ['bundle (access), one person', { mode: 'access', includeSensitive: false }],
      ['bundle (access, sensitive, AES-256 password)', { mode: 'access', includeSensitive: true, password: 'bench zip password' }],
      ['bundle (portability), one person', { mode: 'portability', includeSensitive: false }],
    ];
    for (const [what, options] of variants) {
      const samples: number[] = [];
      for (let r = 0; r < RUNS; r++) {
        const out = join(dir, `bundle-${r}.zip`);
        const t = performance.now();
        const result = await core.call('exports.subject', { contactId, out, ...options });
        samples.push(performance.now() - t);
        if (result.outcome !== 'written') throw new Error('the bench bundle was not written');
        rmSync(out);
      }
      const s = stats(samples);
      report(what, `${s.p50.toFixed(1)} / ${s.p95.toFixed(1)} ms`, 'p50 / p95, target ≤ 100 ms');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
