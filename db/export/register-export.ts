// Placeholder for the register-export helper: replaced by the real module.
import type { RegisterExportInput } from '../../shared/api-exports';
import type { ExportResultDto } from '../../shared/dto-exports';
import { RegistreError } from '../../shared/errors';
import type { CallContext } from '../core';
import type { ExportJob } from './job';

export async function exportRegister(_ctx: CallContext, _job: ExportJob, _input: RegisterExportInput): Promise<ExportResultDto> {
  throw new RegistreError('internal', 'Register exports are not built yet.');
}
