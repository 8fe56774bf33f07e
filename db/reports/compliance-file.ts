/** The compliance report's bytes in the format asked for: its model, laid out once, as HTML or PDF. */
import type { ParsedInput } from '../../shared/api/index';
import type { CallContext } from '../context';
import { complianceModel } from './compliance';
import { complianceDoc } from './compliance-doc';
import { reportHtml } from './report-html';
import { reportPdf } from './report-pdf';

export async function complianceFile(ctx: CallContext, auditKey: Buffer, input: ParsedInput<'reports.compliance'>): Promise<string | Buffer> {
  const doc = complianceDoc(await complianceModel(ctx, auditKey, { from: input.from, to: input.to }), input.language);
  return input.format === 'html' ? reportHtml(doc) : reportPdf(doc);
}
