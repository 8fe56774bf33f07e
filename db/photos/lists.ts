/**
 * The list photographers work from, per event: every attendee with where they stand, and
 * the same list as a CSV file or as one printable, self-contained HTML page (A4, names,
 * organisations and profile photos so the photographer can recognise people).
 */
import type { Kysely } from 'kysely';
import type { EventPhotoEntryDto, EventPhotoListDto, PhotoListFileDto, PhotoStanding } from '../../shared/dto/photos';
import { toCsv } from '../../shared/csv';
import { RegistreError } from '../../shared/errors';
import en from '../../shared/i18n/en.json';
import fr from '../../shared/i18n/fr.json';
import type { Database } from '../schema';
import { eventFields } from '../contacts/fields';
import { preferencesByContact, standingOf } from './standing';
import { readSettings } from '../settings/settings';
import { today, type CallContext } from '../context';

/** The event as the list's heading shows it. */
const listedEvent = ({ id, name, startDate, endDate, location }: ReturnType<typeof eventFields>) => ({ id, name, startDate, endDate, location });

export async function eventPhotoList(db: Kysely<Database>, eventId: string): Promise<EventPhotoListDto> {
  const event = await db.selectFrom('events').selectAll().where('id', '=', eventId).executeTakeFirst();
  if (!event) throw new RegistreError('not_found', 'This event does not exist.', { reason: 'event_absent' });
  const attendees = db.selectFrom('participations').select('contact_id').where('event_id', '=', eventId);
  const people = await db
    .selectFrom('contacts as c')
    .leftJoin('organisations as o', 'o.id', 'c.organisation_id')
    .select(['c.id', 'c.full_name', 'o.name as organisation'])
    .select((eb) => eb.exists(eb.selectFrom('sensitive_extras as x').select('x.id').whereRef('x.contact_id', '=', 'c.id').where('x.category', '=', 'photo')).as('has_photo'))
    .where('c.id', 'in', attendees)
    .execute();
  const byContact = await preferencesByContact(db, attendees);

  const lists: Record<PhotoStanding, EventPhotoEntryDto[]> = { opted_out: [], never_answered: [], undecided: [], allowed: [] };
  const collator = new Intl.Collator('fr', { sensitivity: 'base' });
  for (const c of [...people].sort((a, b) => collator.compare(a.full_name, b.full_name))) {
    const s = standingOf(byContact.get(c.id) ?? [], eventId);
    lists[s.standing].push({
      contactId: c.id,
      fullName: c.full_name,
      organisation: c.organisation,
      standing: s.standing,
      source: s.source,
      decidedOn: s.row?.decided_on ?? null,
      hasPhoto: Boolean(c.has_photo),
    });
  }
  return {
    event: listedEvent(eventFields(event)),
    counts: {
      attendees: people.length,
      opted_out: lists.opted_out.length,
      never_answered: lists.never_answered.length,
      undecided: lists.undecided.length,
      allowed: lists.allowed.length,
    },
    mustNotPhotograph: lists.opted_out,
    neverAnswered: lists.never_answered,
    undecided: lists.undecided,
    allowed: lists.allowed,
  };
}

type Words = (typeof en)['photos']['file'];
const WORDS: Record<'en' | 'fr', Words> = { en: en.photos.file, fr: fr.photos.file };
const fill = (text: string, values: Record<string, string | number>) => text.replace(/\{\{(\w+)\}\}/g, (_m, k: string) => String(values[k] ?? ''));
// The same plural forms i18next picks on the screens: English and French both have one and other.
const attendeesWords = (w: Words, language: 'en' | 'fr', n: number) => (new Intl.PluralRules(language).select(n) === 'one' ? w.attendees_one : w.attendees_other);

/** The lists a photographer needs, in print order; undecided people only when there are some. */
function printedSections(list: EventPhotoListDto, w: Words): Array<{ key: 'opted_out' | 'never_answered' | 'undecided'; title: string; entries: EventPhotoEntryDto[] }> {
  const sections = [
    { key: 'opted_out' as const, title: w.mustNot, entries: list.mustNotPhotograph },
    { key: 'never_answered' as const, title: w.neverAnswered, entries: list.neverAnswered },
    { key: 'undecided' as const, title: w.undecided, entries: list.undecided },
  ];
  return sections.filter((s) => s.key !== 'undecided' || s.entries.length > 0);
}

const sourceWord = (e: EventPhotoEntryDto, w: Words) => (e.source === 'event' ? w.sourceEvent : e.source === 'global' ? w.sourceGlobal : '');

export function photoListCsv(list: EventPhotoListDto, language: 'en' | 'fr'): string {
  const w = WORDS[language];
  const rows: Array<Array<string | null>> = [[w.colName, w.colOrganisation, w.colList, w.colSource, w.colDecidedOn]];
  for (const s of printedSections(list, w)) for (const e of s.entries) rows.push([e.fullName, e.organisation, s.title, sourceWord(e, w), e.decidedOn]);
  return toCsv(rows, { delimiter: language === 'fr' ? ';' : ',', bom: true });
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Every value that goes into the page: names and places are whatever people typed. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** Only bytes the app itself checked as an image go into an <img> (sensitive.ts sniffs them on the way in). */
const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/webp']);
export interface ListPhoto {
  id: string;
  contentType: string;
  content: Buffer;
}

/**
 * `photos` null: the reader may not see profile photos (an auditor without reveals), so
 * every person gets an empty box and the page says why.
 */
export function photoListHtml(list: EventPhotoListDto, photos: ReadonlyMap<string, ListPhoto> | null, language: 'en' | 'fr', printedOn: string): string {
  const w = WORDS[language];
  const e = list.event;
  const when = e.endDate && e.endDate !== e.startDate ? `${e.startDate} – ${e.endDate}` : e.startDate;
  const person = (x: EventPhotoEntryDto) => {
    const photo = photos?.get(x.contactId);
    const picture =
      photo && IMAGE_TYPES.has(photo.contentType)
        ? `<img class="photo" alt="" src="data:${photo.contentType};base64,${photo.content.toString('base64')}">`
        : `<div class="photo photo--none">${escapeHtml(photos ? w.noPhoto : w.photoHidden)}</div>`;
    const source = sourceWord(x, w);
    return `<li class="person">${picture}<div><div class="name">${escapeHtml(x.fullName)}</div><div class="org">${escapeHtml(x.organisation ?? '')}</div>${
      source ? `<div class="source">${escapeHtml(source)}${x.decidedOn ? ` · ${escapeHtml(x.decidedOn)}` : ''}</div>` : ''
    }</div></li>`;
  };
  const sections = printedSections(list, w)
    .map(
      (s) =>
        `<section class="list list--${s.key}"><h2>${escapeHtml(s.title)} <span class="count">(${s.entries.length})</span></h2>${
          s.entries.length ? `<ul>${s.entries.map(person).join('')}</ul>` : `<p class="empty">${escapeHtml(w.nobody)}</p>`
        }</section>`,
    )
    .join('');
  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<title>${escapeHtml(fill(w.title, { event: e.name }))}</title>
<style>
@page { size: A4; margin: 14mm; }
* { box-sizing: border-box; }
body { font: 11pt/1.35 system-ui, "Segoe UI", Arial, sans-serif; color: #111; margin: 0 auto; max-width: 190mm; padding: 8mm 0; }
header { border-bottom: 2px solid #111; margin-bottom: 6mm; padding-bottom: 3mm; }
h1 { font-size: 17pt; margin: 0 0 1mm; }
.meta { color: #444; font-size: 10pt; }
h2 { font-size: 13pt; margin: 6mm 0 3mm; padding: 1.5mm 3mm; border-left: 4px solid #555; background: #f2f2f2; }
.list--opted_out h2 { border-color: #b00020; background: #fde8ea; }
ul { list-style: none; margin: 0; padding: 0; display: grid; grid-template-columns: repeat(2, 1fr); gap: 3mm 6mm; }
.person { display: flex; gap: 3mm; align-items: center; break-inside: avoid; }
.photo { width: 22mm; height: 22mm; object-fit: cover; border: 1px solid #999; border-radius: 2mm; flex: none; }
.photo--none { display: flex; align-items: center; justify-content: center; text-align: center; font-size: 7.5pt; color: #777; background: #f6f6f6; border-style: dashed; }
.name { font-weight: 600; }
.org, .source, .empty { color: #444; font-size: 9.5pt; }
footer { margin-top: 8mm; color: #555; font-size: 9pt; border-top: 1px solid #ccc; padding-top: 2mm; }
@media print { body { padding: 0; max-width: none; } h2 { -webkit-print-color-adjust: exact; print-color-adjust: exact; } .photo--none { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
</style></head>
<body>
<header><h1>${escapeHtml(fill(w.title, { event: e.name }))}</h1>
<div class="meta">${escapeHtml(when)}${e.location ? ` · ${escapeHtml(e.location)}` : ''} · ${escapeHtml(fill(attendeesWords(w, language, list.counts.attendees), { count: list.counts.attendees }))}</div>${
    photos ? '' : `<p class="meta">${escapeHtml(w.photosHidden)}</p>`
  }</header>
${sections}
<footer>${escapeHtml(fill(w.printedOn, { date: printedOn }))} · ${escapeHtml(w.confidential)}</footer>
</body></html>
`;
}

/** The newest profile photo of each person in the printed lists. */
async function listPhotos(db: Kysely<Database>, contactIds: string[]): Promise<Map<string, ListPhoto>> {
  const photos = new Map<string, ListPhoto & { at: string }>();
  for (let i = 0; i < contactIds.length; i += 500) {
    const rows = await db
      .selectFrom('sensitive_extras')
      .select(['id', 'contact_id', 'content', 'content_type', 'created_at'])
      .where('category', '=', 'photo')
      .where('contact_id', 'in', contactIds.slice(i, i + 500))
      .execute();
    for (const r of rows) {
      const seen = photos.get(r.contact_id);
      if (r.content && r.content_type && IMAGE_TYPES.has(r.content_type) && (!seen || r.created_at > seen.at))
        photos.set(r.contact_id, { id: r.id, content: r.content, contentType: r.content_type, at: r.created_at });
    }
  }
  return photos;
}

export async function eventListFile(ctx: CallContext, input: { eventId: string; format: 'csv' | 'html'; language: 'en' | 'fr' }): Promise<PhotoListFileDto> {
  const list = await eventPhotoList(ctx.db, input.eventId);
  const base = `photo-list ${list.event.startDate} ${list.event.name}`
    .replace(/[^\p{L}\p{N} ._()-]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 100);
  const printed = printedSections(list, WORDS[input.language]).flatMap((s) => s.entries);
  if (input.format === 'csv') {
    const content = photoListCsv(list, input.language);
    await ctx.tx((_trx, audit) => audit({ action: 'photo_list.exported' as const, entityType: 'event' as const, entityId: list.event.id, fields: ['fullName', 'organisation', 'photoPreference'] }));
    return { fileName: `${base}.csv`, contentType: 'text/csv', content };
  }
  // Profile photos are sensitive extras: the same rule as sensitive.reveal (sensitive.ts)
  // decides whether this reader may see them.
  const mayShowPhotos = ctx.session?.staff.role !== 'auditor' || (await readSettings(ctx.db)).auditorsMayReveal;
  const photos = mayShowPhotos
    ? await listPhotos(
        ctx.db,
        printed.filter((p) => p.hasPhoto).map((p) => p.contactId),
      )
    : null;
  const content = photoListHtml(list, photos, input.language, today(ctx));
  const shown = [...(photos ?? [])];
  // Each photo printed is a disclosure of that person's sensitive data: one event per person.
  await ctx.tx((_trx, audit) =>
    audit([
      { action: 'photo_list.exported', entityType: 'event', entityId: list.event.id, fields: ['fullName', 'organisation', 'photoPreference', ...(shown.length ? ['photo'] : [])] },
      ...shown.map(([contactId, p]) => ({ action: 'sensitive.disclosed' as const, entityType: 'sensitive_extra' as const, entityId: p.id, subjectId: contactId, fields: ['photo'] })),
    ]),
  );
  return { fileName: `${base}.html`, contentType: 'text/html', content };
}
