/**
 * The compliance report for a year over the seeded register (issue 16): its model (the
 * statistics, the backups, the record-of-processing check, the retention counts) and its
 * PDF, timed through the core as the Reports screen calls it, for last year and the
 * record of processing beside it.
 */
import { join } from 'node:path';
import type { RegistreCore } from '../db/index';
import { timed } from './requests';

type Report = (what: string, value: string, target?: string) => void;

export async function benchReports(core: RegistreCore, report: Report, root: string): Promise<void> {
  const year = new Date().getFullYear() - 1;
  const period = { from: `${year}-01-01`, to: `${year}-12-31` };
  for (const format of ['html', 'pdf'] as const) {
    const ms = await timed(() => core.call('reports.compliance', { ...period, language: 'en', format, out: join(root, `compliance.${format}`) }));
    report(`compliance report for ${year} (${format})`, `${(ms / 1000).toFixed(2)} s`);
  }
  const ropa = await timed(() => core.call('reports.ropa', { format: 'pdf', language: 'en', out: join(root, 'ropa.pdf') }));
  report('record of processing (pdf)', `${(ropa / 1000).toFixed(2)} s`);
}
