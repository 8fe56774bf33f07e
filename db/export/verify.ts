// Placeholder for the register-export helper: replaced by the real module.
import type { ExportVerifyDto } from '../../shared/dto-exports';
import { RegistreError } from '../../shared/errors';

export async function verifyExport(_path: string, _password?: string): Promise<ExportVerifyDto> {
  throw new RegistreError('internal', 'Export verification is not built yet.');
}
