/**
 * Photo lists at scale (issue 4 target: the event photo list for a 500-person event
 * ≤ 50 ms with 100k contacts). Seeds one event of 500 attendees drawn across the register,
 * a realistic mix of preferences (most people answered once for all events; some per event,
 * some withdrawn, some never answered), global preferences for 20k other contacts, and
 * profile photos for 40 attendees. Times the list, the CSV and the printable HTML page
 * (with its photos and one audit event per photo) through the same call path as the app.
 */
import { randomUUID } from 'node:crypto';
import type { RegistreCore } from '../db/index';

type Report = (what: string, value: string, target?: string) => void;

const PNG_HEADER = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function stats(samples: number[]): { p50: number; p95: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { p50: at(0.5), p95: at(0.95) };
}

async function timed(rounds: number, fn: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  return stats(samples);
}

export async function benchPhotos(core: RegistreCore, report: Report): Promise<void> {
  const ctx = core.context();
  const event = await core.call('events.add', { name: 'Bench Annual Conference', startDate: '2026-05-12', location: 'Brussels' });
  const everyone = (await ctx.db.selectFrom('contacts').select('id').orderBy('id').execute()).map((r) => r.id);
  const step = Math.max(1, Math.floor(everyone.length / 500));
  const attendees = everyone.filter((_, i) => i % step === 0).slice(0, 500);
  const others = everyone.filter((_, i) => i % step !== 0).slice(0, 20_000);
  const now = new Date();
  const stamp = now.toISOString();
  const channels = ['form', 'email', 'event_registration', 'phone', 'paper'] as const;
  const pref = (contactId: string, eventId: string | null, state: 'opted_out' | 'allowed' | 'unknown', i: number, withdrawn = false) => ({
    id: randomUUID(),
    contact_id: contactId,
    event_id: eventId,
    state,
    channel: channels[i % channels.length]!,
    decided_on: `2026-0${1 + (i % 4)}-${String(1 + (i % 28)).padStart(2, '0')}`,
    recorded_by: null,
    recorded_at: new Date(now.getTime() + i).toISOString(),
    withdrawn_at: withdrawn ? stamp : null,
  });
  await ctx.tx(async (trx, audit) => {
    const participations = attendees.map((contactId) => ({
      id: randomUUID(),
      contact_id: contactId,
      event_id: event.id,
      project_id: null,
      role: 'participant' as const,
      travel_booked: 0,
      participated_on: event.startDate,
      created_at: stamp,
    }));
    for (let i = 0; i < participations.length; i += 500)
      await trx
        .insertInto('participations')
        .values(participations.slice(i, i + 500))
        .execute();
    const prefs: Array<ReturnType<typeof pref>> = [];
    attendees.forEach((id, i) => {
      const k = i % 20;
      if (k < 2)
        prefs.push(pref(id, null, 'opted_out', i)); // 10% opted out everywhere
      else if (k < 12)
        prefs.push(pref(id, null, 'allowed', i)); // 50% allowed everywhere
      else if (k === 12)
        prefs.push(pref(id, null, 'allowed', i), pref(id, event.id, 'opted_out', i + 1)); // not at this one
      else if (k === 13)
        prefs.push(pref(id, null, 'opted_out', i), pref(id, event.id, 'allowed', i + 1)); // this one is fine
      else if (k === 14) prefs.push(pref(id, event.id, 'unknown', i));
      else if (k === 15) prefs.push(pref(id, null, 'opted_out', i, true)); // withdrawn: never answered again
      // k 16–19: never answered (20%)
    });
    others.forEach((id, i) => prefs.push(pref(id, null, i % 7 === 0 ? 'opted_out' : 'allowed', i)));
    for (let i = 0; i < prefs.length; i += 500)
      await trx
        .insertInto('photo_optouts')
        .values(prefs.slice(i, i + 500))
        .execute();
    const photos = attendees.filter((_, i) => i % 20 < 2 || i % 20 === 12).slice(0, 40);
    for (const [i, contactId] of photos.entries()) {
      await trx
        .insertInto('sensitive_extras')
        .values({
          id: randomUUID(),
          contact_id: contactId,
          category: 'photo',
          data: '{}',
          content: Buffer.concat([PNG_HEADER, Buffer.alloc(30_000, i)]),
          content_type: 'image/png',
          event_id: null,
          reason: 'Badge photo',
          created_at: stamp,
          created_by: null,
        })
        .execute();
    }
    await audit({ action: 'demo.generated', entityType: 'photo_preference' });
  });

  await core.call('photos.publish', { eventId: event.id, location: 'https://example.org/gallery/conference-2026', publishedOn: '2026-05-20' });
  await core.call('photos.publish', { eventId: event.id, location: 'Newsletter May 2026', publishedOn: '2026-05-28' });
  const list = await core.call('photos.eventList', { eventId: event.id });
  const c = list.counts;
  report(`photo list, 500-person event: counts`, `${c.opted_out}/${c.never_answered}/${c.undecided}/${c.allowed}`, 'opted out / never / undecided / allowed');
  const line = (what: string, st: { p50: number; p95: number }, target = '') => report(what, `${st.p50.toFixed(1)} / ${st.p95.toFixed(1)} ms`, `p50 / p95${target}`);
  line('photo list, 500-person event', await timed(50, () => core.call('photos.eventList', { eventId: event.id })), ', target ≤ 50 ms');
  line('photo list as CSV (audited)', await timed(20, () => core.call('photos.eventListFile', { eventId: event.id, format: 'csv', language: 'fr' })));
  line('photo list as HTML, 40 photos (audited)', await timed(20, () => core.call('photos.eventListFile', { eventId: event.id, format: 'html', language: 'en' })));
  line('takedowns owed, all events (2 publications)', await timed(20, () => core.call('photos.takedownsOwed', {})));
}
