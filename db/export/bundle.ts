/**
 * One person's access or portability bundle (issue 5, DESIGN §6): a zip holding data.json,
 * one CSV per section, schema.json (the data dictionary), summary.html and README.txt in
 * the person's language, and manifest.json listing every other entry with its SHA-256.
 *
 * A sensitive file (profile photo) is its own entry, named from data.json and the CSV.
 *
 * Order: begin the job (first, before any await, so a cancel sent as soon as the call
 * starts is honoured) → read everything → build the entries in memory (one person's data
 * is small) → foresee the audit events (one `export.subject`, plus one `sensitive.disclosed`
 * per sensitive detail included) → the manifest with the head they will make → the zip
 * into a temporary file → put it in place → append the events (delivery.ts). A cancel or
 * an error before that removes the temporary file and logs nothing: a detail is on record
 * as disclosed exactly when the zip that discloses it reached its target.
 */
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { ParsedInput } from '../../shared/api/index';
import type { ExportResultDto } from '../../shared/dto/exports';
import { bundleCsvs } from './bundle-csv';
import { bundleJsonSchemaText } from './bundle-schema';
import { ExportDelivery } from './delivery';
import type { ExportJob } from './job';
import { buildManifest, manifestText } from './manifest';
import { gatherSubject, sectionNames } from './subject-data';
import { summaryHtml, readmeText } from './summary';
import { WORDS, type SummaryLanguage } from './summary-words';
import { writeZip } from './zip';
import { assertContact, today, type CallContext } from '../context';
import { controllerDetails } from '../settings/controller';
import { recordAction, requestToCarryOut } from '../requests/action-rows';

interface Entry {
  name: string;
  /** Data rows for tables (CSV rows after the header; data.json: all of them); null otherwise. */
  rows: number | null;
  bytes: Uint8Array;
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
const entry = (name: string, rows: number | null, content: string): Entry => ({ name, rows, bytes: Buffer.from(content, 'utf8') });

/** The summary's language: the one asked for, else the person's own when it is English or French, else English. */
const languageFor = (asked: SummaryLanguage | undefined, contactLanguage: string | null): SummaryLanguage => asked ?? (contactLanguage === 'fr' || contactLanguage === 'en' ? contactLanguage : 'en');

export async function exportSubject(ctx: CallContext, job: ExportJob, input: ParsedInput<'exports.subject'>): Promise<ExportResultDto> {
  job.begin('subject', 'contact');
  const contact = await assertContact(ctx.db, input.contactId);
  // Checked before anything is written; the call queue lets nothing change it until the commit.
  const request = input.requestId === undefined ? null : await requestToCarryOut(ctx.db, input.requestId, [input.mode], { contactId: contact.id });
  const language = languageFor(input.language, contact.language);
  const delivery = ExportDelivery.open(ctx, { data: input.out });
  try {
    const {
      data,
      processing,
      portability,
      files: sensitiveFiles,
      disclosed,
    } = await gatherSubject(ctx.db, job, {
      contactId: contact.id,
      mode: input.mode,
      includeSensitive: input.includeSensitive,
      language,
      generatedAt: ctx.now.toISOString(),
    });
    job.stage('files');
    const csvs = bundleCsvs(data, language);
    // Records about the person: purposes.csv and recipients.csv describe the register.
    const rows = csvs.reduce((n, c) => n + (c.aboutPerson ? c.rows : 0), 0);
    const page = { data, processing, portability, csvs, files: sensitiveFiles, day: today(ctx), controller: await controllerDetails(ctx.db) };
    const entries: Entry[] = [
      entry('data.json', rows, json(data)),
      ...csvs.map((c) => entry(c.name, c.rows, c.content)),
      ...sensitiveFiles.map((f): Entry => ({ name: f.name, rows: null, bytes: f.bytes })),
      entry('schema.json', null, bundleJsonSchemaText()),
      entry('summary.html', null, summaryHtml(page)),
      entry('README.txt', null, readmeText(page)),
    ];
    job.checkCancelled();

    const auditHead = await delivery.foresee([
      { action: 'export.subject' as const, entityType: 'contact' as const, entityId: contact.id, subjectId: contact.id, fields: sectionNames(data) },
      ...disclosed.map((x) => ({ action: 'sensitive.disclosed' as const, entityType: 'sensitive_extra' as const, entityId: x.id, subjectId: contact.id, fields: x.fields })),
    ]);
    const files = entries.map((e) => ({ name: e.name, rows: e.rows, bytes: e.bytes.length, sha256: createHash('sha256').update(e.bytes).digest('hex') }));
    const built = buildManifest(ctx, {
      kind: 'subject',
      subject: { contactId: contact.id, mode: input.mode, includeSensitive: input.includeSensitive, language, encrypted: input.password !== undefined },
      files,
      auditChain: auditHead,
    });
    // The person's copy names no staff member (subject-data.ts): the role, as in data.json.
    const manifest = { ...built, createdBy: { ...built.createdBy, name: WORDS[language].staffRole } };
    const manifestBytes = Buffer.from(manifestText(manifest), 'utf8');
    await writeZip(delivery.data, [...entries.map((e) => ({ name: e.name, content: e.bytes })), { name: 'manifest.json', content: manifestBytes }], input.password);
    delivery.sealData();
    // The request's evidence goes on record with the export's own events, in their transaction (delivery.ts).
    await delivery.commit(
      job.placement,
      request
        ? (trx, audit) =>
            recordAction(ctx, trx, audit, request, 'bundle', {
              fileName: basename(input.out),
              mode: input.mode,
              manifestSha256: createHash('sha256').update(manifestBytes).digest('hex'),
              chainHead: auditHead,
              includeSensitive: input.includeSensitive,
            }).then(() => undefined)
        : undefined,
    );
    return { outcome: 'written', path: input.out, manifestPath: null, files, rows, auditHead };
  } catch (e) {
    delivery.abort();
    throw e;
  }
}
