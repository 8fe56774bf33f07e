/** Handlers for shared/api/import.ts. */
import type { importContract } from '../../shared/api/import';
import type { ParsedInput } from '../../shared/api/index';
import type { CallContext, HandlersOf } from '../context';
import { readSettings } from '../settings/settings';
import { commitImport, previewImport } from './index';

/** The API's import input as the importer takes it: bytes, and the home country unless another was chosen. */
async function importRequest<T extends ParsedInput<'contacts.importPreview'>>(ctx: CallContext, i: T) {
  return { ...i, content: Buffer.from(i.contentBase64, 'base64'), defaultCountry: i.defaultCountry ?? (await readSettings(ctx.db)).homeCountry };
}

export const importHandlers: HandlersOf<keyof typeof importContract> = {
  'contacts.importPreview': async (i, core) => {
    const ctx = core.context();
    return previewImport(ctx, await importRequest(ctx, i), core.importProgress);
  },
  'contacts.importCommit': async (i, core) => {
    const ctx = core.context();
    return commitImport(ctx, await importRequest(ctx, i), core.importProgress);
  },
  'contacts.importProgress': async (_i, core) => core.importProgress.snapshot(),
};
