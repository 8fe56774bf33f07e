/**
 * Import throughput (issue 3 target: ≥ 25,000 rows/s with validation and dedupe) on a
 * generated Mailchimp audience export: every cell quoted, one distinct phone number per
 * person (national or international, some missing), countries by name or code, a few
 * duplicate addresses in another case and a few invalid addresses, as real exports have.
 * Three timings: the preview, the commit of the new contacts, and a re-import of the same
 * file with a changed job title, which updates every contact. They are taken twice: into
 * an empty vault (a secretariat's first import) and into the seeded one, where every row
 * is matched against the contacts already there.
 */
import { RegistreCore } from '../db/index';

const FIRST = ['Jean', 'Éloïse', 'Lukas', 'Zoë', 'Søren', 'Inès', 'Aoife', 'Marc', 'Claire', 'Anna', 'Łukasz', 'Joaquín'];
const LAST = ['Dupont', 'Müller', 'Østergaard', 'Martínez', "O'Brien", 'Lefèvre', 'de Vries', 'Peeters', 'Janssens', 'Cœurdevey', 'Nowak'];
const COUNTRIES = ['Belgium', 'BE', 'France', 'Netherlands', 'Germany', 'Ireland'];

const quote = (cell: string) => `"${cell.replace(/"/g, '""')}"`;

function phoneOf(i: number, country: string): string {
  const n = String(i).padStart(6, '0');
  if (i % 10 < 3) return '';
  if (country === 'France') return `+33 6 ${n.slice(0, 2)} ${n.slice(2, 4)} ${n.slice(4)} ${String((i % 90) + 10)}`;
  if (country === 'Belgium' || country === 'BE') return `04${70 + (i % 30)} ${n.slice(0, 2)} ${n.slice(2, 4)} ${n.slice(4)}`;
  return `+32 4${70 + (i % 30)} ${n.slice(0, 2)} ${n.slice(2, 4)} ${n.slice(4)}`;
}

/** `rows` data rows; row i's address is unique except for the planted duplicates. */
export function mailchimpExport(rows: number, jobTitle = 'Officer'): Buffer {
  const lines = ['Email Address,First Name,Last Name,Phone Number,Company,Job title,Country,MEMBER_RATING,OPTIN_TIME,TAGS'.split(',').map(quote).join(',')];
  for (let i = 0; i < rows; i++) {
    const country = COUNTRIES[i % COUNTRIES.length]!;
    let email = `person.${i}@member${i % 97}.import-bench.example`;
    if (i % 100 === 99) email = `PERSON.${i - 1}@member${(i - 1) % 97}.import-bench.example`;
    if (i % 500 === 7) email = `person.${i} at member${i % 97}.import-bench.example`;
    const first = FIRST[i % FIRST.length]!;
    const last = `${LAST[(i * 7) % LAST.length]!} ${i}`;
    const tags = i % 4 === 0 ? 'newsletter, events' : 'newsletter';
    lines.push([email, first, last, phoneOf(i, country), `Organisation ${i % 400}`, jobTitle, country, String(1 + (i % 5)), '2024-03-01 10:00:00', tags].map(quote).join(','));
  }
  return Buffer.from(lines.join('\r\n') + '\r\n');
}

type Report = (what: string, value: string, target?: string) => void;

/** `into` says which vault `core` holds, for the heading. */
export async function benchImport(core: RegistreCore, report: Report, into: string, rows = 100_000): Promise<void> {
  const content = mailchimpExport(rows);
  const contentBase64 = content.toString('base64');
  const rate = (ms: number) => `${Math.round(rows / (ms / 1000)).toLocaleString('en')} rows/s`;
  report(`import of ${rows} rows (${(content.length / 1024 / 1024).toFixed(1)} MB) into ${into}`, '');
  let t = performance.now();
  const preview = await core.call('contacts.importPreview', { contentBase64 });
  const previewMs = performance.now() - t;
  report('  preview', `${(previewMs / 1000).toFixed(2)} s`, rate(previewMs));
  t = performance.now();
  const created = await core.call('contacts.importCommit', { contentBase64, skipInvalid: true, expected: preview.counts });
  const commitMs = performance.now() - t;
  report(`  commit, ${created.counts.new} new contacts`, `${(commitMs / 1000).toFixed(2)} s`, `${rate(commitMs)}, target ≥ 25,000`);
  t = performance.now();
  const updated = await core.call('contacts.importCommit', { contentBase64: mailchimpExport(rows, 'Senior officer').toString('base64'), skipInvalid: true });
  const updateMs = performance.now() - t;
  report(`  re-import, ${updated.counts.update} contacts updated`, `${(updateMs / 1000).toFixed(2)} s`, rate(updateMs));
}

/** The same import into a vault of its own in `vaultDir`, locked afterwards. */
export async function benchImportIntoEmptyVault(vaultDir: string, report: Report, rows = 100_000): Promise<void> {
  const core = new RegistreCore({ vaultDir, allowFolderChange: false });
  await core.create('benchmark passphrase', 'Bench Admin');
  try {
    await benchImport(core, report, 'an empty vault', rows);
  } finally {
    await core.lock();
  }
}
