// Placeholder for the bundle helper: replaced by the real module.
import type { ParsedInput } from '../../shared/api';
import type { ExportResultDto } from '../../shared/dto-exports';
import { RegistreError } from '../../shared/errors';
import type { CallContext } from '../core';
import type { ExportJob } from './job';

export async function exportSubject(_ctx: CallContext, _job: ExportJob, _input: ParsedInput<'exports.subject'>): Promise<ExportResultDto> {
  throw new RegistreError('internal', 'Bundles are not built yet.');
}
