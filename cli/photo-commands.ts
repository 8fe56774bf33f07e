/** CLI commands for shared/api/photos.ts (issue 4): photo preferences, event photo lists, publications, takedowns. */
import { channels, photoStates, type Channel, type PhotoState } from '../shared/vocabulary';
import { writeFileAtomic } from '../db/index';
import type { ContactPhotosDto } from '../shared/dto/photos';
import { RegistreError } from '../shared/errors';
import { call, common, str, withVault, type Command, type Values } from './kit';

function required(v: Values, name: string): string {
  const value = str(v[name]);
  if (!value) throw new RegistreError('invalid_input', `--${name} is required.`);
  return value;
}

function oneOf<T extends string>(v: Values, name: string, allowed: readonly T[]): T {
  const value = required(v, name);
  if (!(allowed as readonly string[]).includes(value)) throw new RegistreError('invalid_input', `--${name} must be one of ${allowed.join(', ')}.`);
  return value as T;
}

function contactText(p: ContactPhotosDto): string {
  return [
    `All events: ${p.global.standing}`,
    ...p.events.map((e) => `  ${e.startDate}  ${e.name}: ${e.standing}${e.source ? ` (${e.source})` : ''}`),
    'Records (newest first):',
    ...p.preferences.map(
      (r) => `  ${r.id}  ${r.decidedOn}  ${r.state.padEnd(9)} ${r.event ? r.event.name : 'all events'} · ${r.channel}${r.withdrawnAt ? ` · withdrawn ${r.withdrawnAt.slice(0, 10)}` : ''}`,
    ),
    ...(p.takedownsOwed.length ? ['Takedowns owed:', ...p.takedownsOwed.map((o) => `  ${o.publication.id}  ${o.publication.publishedOn}  ${o.publication.location}`)] : []),
  ].join('\n');
}

export const photoCommands: Record<string, Command> = {
  'optouts set': {
    options: { ...common, contact: { type: 'string' }, event: { type: 'string' }, state: { type: 'string' }, channel: { type: 'string' }, date: { type: 'string' } },
    run: (v) =>
      withVault(v, async (core, out) => {
        const r = await call(core, 'photos.setPreference', {
          contactId: required(v, 'contact'),
          eventId: str(v.event),
          state: oneOf<PhotoState>(v, 'state', photoStates),
          channel: oneOf<Channel>(v, 'channel', channels),
          decidedOn: str(v.date),
        });
        out.result(r, () => `Recorded.\n${contactText(r)}`);
        return 0;
      }),
  },
  'optouts withdraw': {
    options: common,
    run: (v, [id]) =>
      withVault(v, async (core, out) => {
        if (!id) throw new RegistreError('invalid_input', 'Give the id of the preference to withdraw (see registre optouts show).');
        const r = await call(core, 'photos.withdrawPreference', { id });
        out.result(r, () => `Withdrawn.\n${contactText(r)}`);
        return 0;
      }),
  },
  'optouts show': {
    options: { ...common, contact: { type: 'string' } },
    run: (v) =>
      withVault(v, async (core, out) => {
        const r = await call(core, 'photos.forContact', { contactId: required(v, 'contact') });
        out.result(r, () => contactText(r));
        return 0;
      }),
  },
  'optouts event': {
    options: { ...common, format: { type: 'string' }, out: { type: 'string' }, language: { type: 'string' } },
    run: (v, [eventId]) =>
      withVault(v, async (core, out) => {
        if (!eventId) throw new RegistreError('invalid_input', 'Give the id of the event (see registre events list).');
        const format = str(v.format);
        if (format === undefined) {
          const list = await call(core, 'photos.eventList', { eventId });
          const line = (e: { fullName: string; organisation: string | null }) => `  ${e.fullName}${e.organisation ? ` — ${e.organisation}` : ''}`;
          out.result(list, () =>
            [
              `${list.event.name} (${list.event.startDate}), ${list.counts.attendees} attendees`,
              `Must not be photographed (${list.counts.opted_out}):`,
              ...list.mustNotPhotograph.map(line),
              `Never answered (${list.counts.never_answered}):`,
              ...list.neverAnswered.map(line),
              ...(list.undecided.length ? [`Not decided yet (${list.counts.undecided}):`, ...list.undecided.map(line)] : []),
              `Allowed: ${list.counts.allowed}`,
            ].join('\n'),
          );
          return 0;
        }
        if (format !== 'csv' && format !== 'html') throw new RegistreError('invalid_input', '--format must be csv or html.');
        const target = required(v, 'out');
        const language = str(v.language) ?? 'en';
        if (language !== 'en' && language !== 'fr') throw new RegistreError('invalid_input', '--language must be en or fr.');
        const file = await call(core, 'photos.eventListFile', { eventId, format, language });
        writeFileAtomic(target, file.content);
        out.result({ path: target, fileName: file.fileName }, () => `Wrote ${target}.`);
        return 0;
      }),
  },
  'optouts publish': {
    options: { ...common, event: { type: 'string' }, where: { type: 'string' }, date: { type: 'string' }, description: { type: 'string' } },
    run: (v) =>
      withVault(v, async (core, out) => {
        const p = await call(core, 'photos.publish', { eventId: required(v, 'event'), location: required(v, 'where'), publishedOn: required(v, 'date'), description: str(v.description) });
        out.result(p, () => `Recorded publication ${p.id}: ${p.location} (${p.publishedOn}).`);
        return 0;
      }),
  },
  'optouts takedowns': {
    options: { ...common, contact: { type: 'string' } },
    run: (v) =>
      withVault(v, async (core, out) => {
        const owed = await call(core, 'photos.takedownsOwed', { contactId: str(v.contact) });
        out.result(owed, () =>
          owed.length === 0
            ? 'No takedown owed.'
            : owed.map((o) => `${o.publication.publishedOn}  ${o.publication.eventName} — ${o.publication.location}: ${o.contactName} (${o.contactId}, publication ${o.publication.id})`).join('\n'),
        );
        return 0;
      }),
  },
  'optouts takedown-done': {
    options: { ...common, contact: { type: 'string' }, publication: { type: 'string' }, date: { type: 'string' }, note: { type: 'string' } },
    run: (v) =>
      withVault(v, async (core, out) => {
        const input = { contactId: required(v, 'contact'), publicationId: required(v, 'publication'), doneOn: str(v.date), note: str(v.note) };
        await call(core, 'photos.markTakenDown', input);
        out.result({ done: input }, () => 'Marked as taken down.');
        return 0;
      }),
  },
};

/** This module's lines of `registre --help`. */
export const photoUsage = `
Photo preferences
  optouts set --contact ID [--event ID] --state opted_out|allowed|unknown --channel C [--date D]
                                      Record a photo preference (channel: ${channels.join(', ')})
  optouts withdraw PREFERENCE_ID      Withdraw a recorded preference
  optouts show --contact ID           A person's preferences, standing per event, takedowns owed
  optouts event EVENT_ID [--format csv|html --out FILE] [--language en|fr]
                                      Who must not be photographed and who never answered
  optouts publish --event ID --where TEXT --date D [--description TEXT]
                                      Record where an event's photos were published
  optouts takedowns [--contact ID]    Published photos to take down after an opt-out
  optouts takedown-done --contact ID --publication ID [--date D] [--note TEXT]
`;
