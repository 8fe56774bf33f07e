/**
 * The statistics at scale (issue 16): `stats.get` over the last twelve months of the seeded
 * register, as the Statistics screen opens, run after the retention seed so the consent
 * ledger and the requests hold rows. Printed, never asserted.
 */
import type { RegistreCore } from '../db/index';
import { localDay } from '../shared/rules/dates';
import { presetPeriod } from '../shared/rules/statistics';
import { stats, timed } from './requests';

type Report = (what: string, value: string, target?: string) => void;

export async function benchStats(core: RegistreCore, report: Report): Promise<void> {
  const period = presetPeriod('last12Months', localDay(new Date()));
  let counted = 0;
  const samples: number[] = [];
  for (let i = 0; i < 10; i++) {
    samples.push(
      await timed(async () => {
        const s = await core.call('stats.get', period);
        counted = s.requests.received + s.consents.reduce((n, p) => n + p.totals.granted + p.totals.withdrawn, 0);
      }),
    );
  }
  const s = stats(samples);
  report(`stats.get, last 12 months (${counted} requests and consent events counted)`, `${s.p50.toFixed(0)} / ${s.p95.toFixed(0)} ms`, 'p50 / p95');
}
