/**
 * The bundle's cover pages for the person: summary.html (one self-contained printable
 * page: inline CSS, no scripts, a CSP that loads nothing, every value escaped) and
 * README.txt (the same essentials as plain text). Both say what we hold, why, where it
 * comes from, who receives it, how long we keep it, the person's rights and where to
 * complain, and what each file of the zip is. Portability bundles too: the processing
 * information is given to the person in every case (Art. 13–15), even though it is not
 * part of the portable data in data.json. A portability summary also shows the rule, as
 * the purposes table has it today: each kind of record, its purpose, the purpose's lawful
 * basis, and whether it is in the file.
 */
import { escapeHtml } from '../photos/lists';
import type { BundleData } from './bundle-schema';
import type { BundleCsv } from './bundle-csv';
import type { BundleFile, PortabilityRule, Processing } from './subject-data';
import { isPolicyAuthority, oneLine, type ControllerDetails } from '../settings/controller';
import { WORDS, fill, type SummaryWords } from './summary-words';
import { displayName } from './export-words';

export interface Page {
  data: BundleData;
  processing: Processing;
  portability: readonly PortabilityRule[];
  csvs: readonly BundleCsv[];
  files: readonly BundleFile[];
  /** The day the bundle was made, as the secretariat's calendar has it. */
  day: string;
  controller: ControllerDetails;
}

const words = (data: BundleData): SummaryWords => WORDS[data.language];

/** 2026-11-26 → "26 November 2026" / "26 novembre 2026": people read dates in words. */
const longDate = (day: string, language: string): string =>
  new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : language, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));

function mainDetails(data: BundleData, w: SummaryWords): Array<[string, string]> {
  const c = data.contact;
  return [
    [w.fieldName, c.fullName],
    [w.fieldEmails, c.emails.map((e) => e.address).join(', ')],
    [w.fieldPhones, c.phones.map((p) => p.number).join(', ')],
    [w.fieldJob, c.jobTitle ?? ''],
    [w.fieldOrganisation, data.organisation?.name ?? ''],
    [w.fieldCountry, displayName(data.language, 'region', c.country) ?? ''],
    [w.fieldLanguage, displayName(data.language, 'language', c.language) ?? ''],
  ].map(([k, v]) => [k!, v || w.notGiven]);
}

function fileRows({ data, csvs }: Page, w: SummaryWords): Array<[string, string]> {
  return [
    ['summary.html', w.fileSummary],
    ['README.txt', w.fileReadme],
    ['data.json', w.fileData],
    ...csvs.map((c): [string, string] => [c.name, fill(w.fileCsv, { section: w.sections[c.section] })]),
    ...(data.sensitiveExtras ?? []).flatMap((x): Array<[string, string]> => (x.file ? [[x.file.entry, fill(w.fileSensitive, { what: w.records[x.category] })]] : [])),
    ['schema.json', w.fileSchema],
    ['manifest.json', w.fileManifest],
  ];
}

const rights = (w: SummaryWords) => [w.rightAccess, w.rightRectification, w.rightErasure, w.rightRestriction, w.rightObjection, w.rightPortability, w.rightWithdraw];

interface PurposeRow {
  name: string;
  description: string | null;
  basis: string;
  choice: string;
  keep: string;
}

function purposeRows(data: BundleData, p: Processing, w: SummaryWords): PurposeRow[] {
  const state = new Map(data.consents.current.map((s) => [s.purposeCode, s]));
  return p.purposes.map((x) => {
    const s = state.get(x.code);
    const choice = s ? `${w.state[s.state]} (${s.applies ? w.inUse : w.notInUse})` : w.notGiven;
    return { name: x.name, description: x.description, basis: w.basis[x.lawfulBasis], choice, keep: x.retention ?? w.notGiven };
  });
}

const CSS = `
@page { size: A4; margin: 16mm; }
* { box-sizing: border-box; }
body { font: 11pt/1.5 system-ui, "Segoe UI", Arial, sans-serif; color: #1a1a1a; margin: 0 auto; max-width: 180mm; padding: 10mm 6mm; }
header { border-bottom: 3px solid #1f4e79; padding-bottom: 4mm; margin-bottom: 6mm; }
h1 { font-size: 19pt; margin: 0 0 1mm; color: #1f4e79; }
.sub { color: #555; margin: 0; }
h2 { font-size: 13.5pt; color: #1f4e79; margin: 8mm 0 2mm; border-bottom: 1px solid #c9d6e3; padding-bottom: 1mm; break-after: avoid; }
h3 { font-size: 11.5pt; margin: 4mm 0 1mm; }
p { margin: 1.5mm 0; }
.note { background: #f3f7fb; border-left: 4px solid #1f4e79; padding: 2mm 3mm; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0; font-size: 10pt; }
th, td { text-align: left; vertical-align: top; border-bottom: 1px solid #dde3ea; padding: 1.5mm 2mm; }
th { background: #eef3f8; }
.small { font-size: 9.5pt; color: #444; }
.purposes td:first-child { width: 40%; }
code { white-space: nowrap; }
dl { display: grid; grid-template-columns: 45mm 1fr; gap: 1mm 4mm; margin: 2mm 0; }
dt { color: #555; }
dd { margin: 0; font-weight: 600; }
ul { margin: 1mm 0; padding-left: 6mm; }
address { font-style: normal; margin: 2mm 0; padding: 2mm 3mm; border: 1px solid #c9d6e3; border-radius: 2mm; }
footer { margin-top: 10mm; border-top: 1px solid #ccc; padding-top: 2mm; color: #555; font-size: 9pt; }
code { font-family: ui-monospace, Consolas, monospace; font-size: 9.5pt; }
@media print { body { padding: 0; max-width: none; } th, .note { -webkit-print-color-adjust: exact; print-color-adjust: exact; } tr, dl, address { break-inside: avoid; } }
`;

const e = escapeHtml;

/** Records about the person, per section (purposes.csv and recipients.csv describe the register). */
const counts = (csvs: readonly BundleCsv[]) => csvs.filter((c) => c.aboutPerson);

/** The recorded safeguard, with a warning when it is the invalidated Privacy Shield. */
const safeguard = (r: Processing['recipients'][number], w: SummaryWords): string =>
  r.transferSafeguard ? (r.privacyShield ? `${r.transferSafeguard}. ${w.privacyShield}` : r.transferSafeguard) : w.notGiven;

/** Kinds of record that are sensitive details: in the file only when they were asked for. */
const SENSITIVE = new Set(['bank', 'identity', 'photo', 'signature']);

/** The portability rule, one row per kind of record: its purpose, that purpose's basis, and whether it is here. */
function portabilityRows({ data, processing, portability }: Page, w: SummaryWords): string[][] {
  const purposes = new Map(processing.purposes.map((x) => [x.code, x]));
  return portability.map((r) => {
    const purpose = r.purposeCode ? purposes.get(r.purposeCode) : undefined;
    const basis = r.lawfulBasis ? w.basis[r.lawfulBasis] : w.basis.legal_obligation;
    return [w.records[r.record], purpose?.name ?? w.notGiven, basis, r.portable && (data.includesSensitive || !SENSITIVE.has(r.record)) ? w.yes : w.no];
  });
}

const withheldSheets = (data: BundleData) => (data.sensitiveExtras ?? []).some((x) => x.fileWithheld);

function table(head: readonly string[], rows: ReadonlyArray<ReadonlyArray<string>>, codeFirst = false): string {
  return `<table><thead><tr>${head.map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c, i) => `<td>${i === 0 && codeFirst ? `<code>${e(c)}</code>` : e(c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

/**
 * Where to complain: the Belgian authority in the reader's words while it is the policy's
 * one, else the authority an admin named in Settings, as named; empty fields left out.
 */
function complaint(w: SummaryWords, authority: ControllerDetails['authority']): { text: string; lines: string[] } {
  const own = isPolicyAuthority(authority);
  return {
    text: own ? w.complaintText : w.complaintTextOther,
    lines: [own ? w.authorityName : authority.name, oneLine(authority.address), authority.email, authority.website].filter(Boolean),
  };
}

export function summaryHtml(page: Page): string {
  const { data, csvs, day } = page;
  const controller = page.controller;
  const authority = controller.authority;
  const w = words(data);
  const p = page.processing;
  const title = fill(w.title, { controller: controller.name });
  const parts: string[] = [];
  parts.push(`<header><h1>${e(title)}</h1><p class="sub">${e(fill(w.subtitle, { name: data.contact.fullName, date: longDate(day, data.language) }))}</p></header>`);
  parts.push(`<p>${e(data.mode === 'access' ? w.accessIntro : w.portabilityIntro)}</p>`);
  if (data.mode === 'portability') {
    parts.push(`<p class="note">${e(w.portabilityRule)}</p>`);
    parts.push(
      `<table class="portability"><thead><tr>${[w.colRecord, w.colPurpose, w.colBasis, w.colIncluded].map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead><tbody>${portabilityRows(page, w)
        .map((r) => `<tr>${r.map((c) => `<td>${e(c)}</td>`).join('')}</tr>`)
        .join('')}</tbody></table>`,
    );
  }
  parts.push(`<p class="note">${e(data.includesSensitive ? w.sensitiveIncluded : w.sensitiveLeftOut)}</p>`);
  if (withheldSheets(data)) parts.push(`<p class="note">${e(w.signatureWithheld)}</p>`);

  parts.push(`<h2>${e(w.whoTitle)}</h2><p>${e(fill(w.whoText, { controller: controller.name, address: oneLine(controller.address), email: controller.email }))}</p>`);

  parts.push(
    `<h2>${e(data.mode === 'access' ? w.holdTitle : w.holdTitlePortability)}</h2><h3>${e(w.holdDetails)}</h3><dl>${mainDetails(data, w)
      .map(([k, v]) => `<dt>${e(k)}</dt><dd>${e(v)}</dd>`)
      .join('')}</dl>`,
  );
  parts.push(
    `<h3>${e(w.holdCounts)}</h3>${table(
      [w.colWhat, w.colHowMany],
      counts(csvs).map((c) => [w.sections[c.section], String(c.rows)]),
    )}`,
  );

  const purposes = purposeRows(data, p, w)
    .map(
      (r) =>
        `<tr><td><strong>${e(r.name)}</strong>${r.description ? `<br><span class="small">${e(r.description)}</span>` : ''}</td><td>${e(r.basis)}</td><td>${e(r.choice)}</td><td>${e(r.keep)}</td></tr>`,
    )
    .join('');
  parts.push(
    `<h2>${e(w.whyTitle)}</h2><table class="purposes"><thead><tr>${[w.colPurpose, w.colBasis, w.colChoice, w.colKeep].map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead><tbody>${purposes}</tbody></table>`,
  );
  parts.push(`<h2>${e(w.sourceTitle)}</h2><p>${e(p.source)}</p>`);
  parts.push(`<h2>${e(w.recipientsTitle)}</h2><p>${e(w.recipientsText)}</p>`);
  parts.push(
    p.recipients.length
      ? table(
          [w.colRecipient, w.colRole, w.colCountry, w.colSafeguard],
          p.recipients.map((r) => [r.name, r.role, displayName(data.language, 'region', r.country) ?? w.notGiven, safeguard(r, w)]),
        )
      : `<p>${e(w.recipientsNone)}</p>`,
  );
  parts.push(`<h3>${e(w.partnersTitle)}</h3>${p.partnerNetworks.length ? `<ul>${p.partnerNetworks.map((n) => `<li>${e(n)}</li>`).join('')}</ul>` : `<p>${e(w.partnersNone)}</p>`}`);
  parts.push(`<h2>${e(w.retentionTitle)}</h2><p>${e(w.retentionText)}</p>`);

  parts.push(
    `<h2>${e(w.rightsTitle)}</h2><p>${e(fill(w.rightsIntro, { email: controller.email }))}</p><ul>${rights(w)
      .map((r) => `<li>${e(r)}</li>`)
      .join('')}</ul><p>${e(w.rightsAnswer)}</p>`,
  );
  const where = complaint(w, authority);
  parts.push(`<h2>${e(w.complaintTitle)}</h2><p>${e(where.text)}</p><address>${where.lines.map(e).join('<br>')}</address>`);
  parts.push(`<h2>${e(w.filesTitle)}</h2>${table([w.colFile, w.colContents], fileRows(page, w), true)}`);
  parts.push(`<footer>${e(w.footer)}</footer>`);

  return `<!doctype html>
<html lang="${data.language}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)}</title>
<style>${CSS}</style></head>
<body>
${parts.join('\n')}
</body></html>
`;
}

/** Wraps prose at 78 columns for README.txt; `next` indents the lines after the first. */
function wrap(text: string, indent = '', next = indent): string {
  const lines: string[] = [];
  for (const para of text.split('\n')) {
    let line = indent;
    for (const word of para.split(/\s+/).filter(Boolean)) {
      if (line.trim() && line.length + word.length + 1 > 78) {
        lines.push(line);
        line = next;
      }
      line += line.trim() ? ` ${word}` : word;
    }
    lines.push(line);
  }
  return lines.join('\r\n');
}

/** Plain text with Windows line ends (Notepad on older Windows shows bare LF as one line). */
export function readmeText(page: Page): string {
  const { data, csvs, day } = page;
  const controller = page.controller;
  const authority = controller.authority;
  const w = words(data);
  const p = page.processing;
  const heading = (t: string) => `\r\n${t}\r\n${'='.repeat(t.length)}\r\n`;
  const out: string[] = [];
  const title = fill(w.title, { controller: controller.name });
  out.push(title, fill(w.subtitle, { name: data.contact.fullName, date: longDate(day, data.language) }), '');
  out.push(wrap(data.mode === 'access' ? w.accessIntro : w.portabilityIntro));
  if (data.mode === 'portability') {
    out.push('', wrap(w.portabilityRule));
    for (const [record, purpose, basis, included] of portabilityRows(page, w))
      out.push(wrap(`- ${record}${w.colon}${included} (${w.colPurpose}${w.colon}${purpose}; ${w.colBasis}${w.colon}${basis})`, '  ', '    '));
  }
  out.push('', wrap(data.includesSensitive ? w.sensitiveIncluded : w.sensitiveLeftOut));
  if (withheldSheets(data)) out.push('', wrap(w.signatureWithheld));
  out.push(heading(w.whoTitle), wrap(fill(w.whoText, { controller: controller.name, address: oneLine(controller.address), email: controller.email })));
  out.push(
    heading(data.mode === 'access' ? w.holdTitle : w.holdTitlePortability),
    ...mainDetails(data, w).map(([k, v]) => `  ${k}${w.colon}${v}`),
    '',
    ...counts(csvs).map((c) => `  ${w.sections[c.section]}${w.colon}${c.rows}`),
  );
  out.push(heading(w.whyTitle));
  for (const r of purposeRows(data, p, w)) {
    out.push(
      `- ${r.name}`,
      ...(r.description ? [wrap(r.description, '    ')] : []),
      wrap(`${w.colBasis}${w.colon}${r.basis}`, '    ', '      '),
      wrap(`${w.colChoice}${w.colon}${r.choice}`, '    ', '      '),
      wrap(`${w.colKeep}${w.colon}${r.keep}`, '    ', '      '),
    );
  }
  out.push(heading(w.sourceTitle), wrap(p.source));
  out.push(heading(w.recipientsTitle), wrap(w.recipientsText));
  out.push(
    ...(p.recipients.length
      ? p.recipients.map((r) =>
          wrap(
            `- ${r.name}${w.colon}${r.role}${r.country ? ` (${displayName(data.language, 'region', r.country)})` : ''}${r.transferSafeguard ? `; ${w.colSafeguard}${w.colon}${safeguard(r, w)}` : ''}`,
            '  ',
            '    ',
          ),
        )
      : [w.recipientsNone]),
  );
  out.push('', `${w.partnersTitle}${w.colon.trimEnd()}`, ...(p.partnerNetworks.length ? p.partnerNetworks.map((n) => `- ${n}`) : [w.partnersNone]));
  out.push(heading(w.retentionTitle), wrap(w.retentionText));
  out.push(heading(w.rightsTitle), wrap(fill(w.rightsIntro, { email: controller.email })), ...rights(w).map((r) => wrap(`- ${r}`, '  ', '    ')), '', wrap(w.rightsAnswer));
  const where = complaint(w, authority);
  out.push(heading(w.complaintTitle), wrap(where.text), ...where.lines.map((l) => `  ${l}`));
  out.push(heading(w.filesTitle), ...fileRows(page, w).map(([f, d]) => wrap(`${f}${w.colon}${d}`, '', '    ')));
  out.push('', wrap(w.footer), '');
  return out.join('\r\n');
}
