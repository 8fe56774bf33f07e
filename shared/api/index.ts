/**
 * The API contract (DESIGN §3): every method the renderer, the CLI and the tests may call,
 * one entry each (shared/api/method.ts says what an entry holds), split by domain like
 * db/. Electron's preload exposes exactly these names, ipc.ts and the preview bridge
 * register them in one loop, and the core's `Handlers` type makes a missing
 * implementation a compile error. Every list below is derived from the entries.
 */
import { z } from 'zod';
import { base64, text } from './fields';
import type { Result } from '../errors';
import { auditContract } from './audit';
import { backupContract } from './backup';
import { calendarContract } from './calendar';
import { consentContract } from './consents';
import { contactsContract } from './contacts';
import { dashboardContract } from './dashboard';
import { erasureContract } from './erasure';
import { exportContract } from './exports';
import { importContract } from './import';
import { type AnyEntry, type OutputOf, returns, shellMethod, type ShellEntry } from './method';
import { photoContract } from './photos';
import { registerContract } from './register';
import { reportDocsContract } from './report-docs';
import { reportsContract } from './reports';
import { ATTACHMENT_MAX_BYTES, requestWorkContract } from './request-work';
import { requestLettersContract } from './request-letters';
import { requestActionsContract } from './request-actions';
import { requestsContract } from './requests';
import { retentionContract } from './retention';
import { settingsContract } from './settings';
import { staffContract } from './staff';
import { vaultContract } from './vault';

export type { Access } from './fields';

export const contract = {
  ...vaultContract,
  ...staffContract,
  ...settingsContract,
  ...auditContract,
  ...contactsContract,
  ...erasureContract,
  ...importContract,
  ...consentContract,
  ...registerContract,
  ...photoContract,
  ...requestsContract,
  ...requestWorkContract,
  ...requestLettersContract,
  ...requestActionsContract,
  ...calendarContract,
  ...exportContract,
  ...retentionContract,
  ...backupContract,
  ...reportDocsContract,
  ...reportsContract,
  ...dashboardContract,
} as const satisfies Record<string, AnyEntry>;

export type Method = keyof typeof contract;
export type Input<M extends Method> = z.input<(typeof contract)[M]['input']>;
export type ParsedInput<M extends Method> = z.output<(typeof contract)[M]['input']>;
export type Output<M extends Method> = OutputOf<(typeof contract)[M]>;

export const methods = Object.keys(contract) as Method[];

/** An entry as the loops over all methods read it (the flags, whatever the method). */
const entryOf = (m: Method): AnyEntry => contract[m];
const methodsWhere = (flag: (e: AnyEntry) => boolean | undefined): ReadonlySet<Method> => new Set(methods.filter((m) => flag(entryOf(m))));

/** Questions about the call running now: queued behind it, they would only answer once it is over. */
export const unqueuedMethods = methodsWhere((e) => e.unqueued);
/** Methods that write a file where the caller says (`out`): one export job each, cancellable. */
export const fileWritingMethods = methodsWhere((e) => e.writesFile);
/** Reads that log themselves (an export's own audit event says what left the vault). */
export const selfAuditedMethods = methodsWhere((e) => e.selfAudited);
/**
 * What a read-only session refuses (db/core.ts): every write and admin method, and every
 * `self` one that does not say it changes nothing. Reads stay, exports included: they are views.
 */
export const readOnlyRefusedMethods = methodsWhere((e) => e.access === 'write' || e.access === 'admin' || (e.access === 'self' && !e.changesNothing));
/** Calls after which the person at the keyboard may be someone else. */
export const sessionChangingMethods = methodsWhere((e) => e.changesSession);

/** The contact a read is about, from its parsed input; null when it is about no one person. */
export function subjectOf<M extends Method>(method: M, input: ParsedInput<M>): string | null {
  const subject = entryOf(method).subject as ((i: ParsedInput<M>) => string | undefined) | null | undefined;
  return subject?.(input) ?? null;
}

/**
 * Methods only the desktop shell can answer (native dialogs). The preview bridge answers
 * them with "not available" so the renderer can hide the matching buttons.
 */
export const shellContract = {
  'shell.chooseFolder': shellMethod({
    input: z.object({ purpose: z.enum(['create', 'open']) }).strict(),
    output: returns<{ path: string | null; available: boolean }>(),
  }),
  /** Asks where to save a text file the renderer made (an import's error report) and writes it. */
  'shell.saveTextFile': shellMethod({
    input: z
      .object({
        // A bare name the dialog proposes; the folder is the user's choice, never the renderer's.
        suggestedName: text().regex(/^[\p{L}\p{N} ._()-]{1,120}\.(csv|txt|html)$/u, 'Give a plain file name ending in .csv, .txt or .html'),
        content: text().max(64 * 1024 * 1024),
      })
      .strict(),
    /** path: where the file was written, null when the user cancelled. */
    output: returns<{ path: string | null; available: boolean }>(),
  }),
  /** The same for bytes the core handed the renderer (a file attached to a rights request). */
  'shell.saveFile': shellMethod({
    input: z
      .object({
        suggestedName: text().regex(/^[\p{L}\p{N} ._()-]{1,120}\.[a-zA-Z0-9]{1,10}$/u, 'Give a plain file name with an extension'),
        contentBase64: base64(ATTACHMENT_MAX_BYTES),
      })
      .strict(),
    output: returns<{ path: string | null; available: boolean }>(),
  }),
  /**
   * Asks where to write an export (the core writes it, streamed). Returns the chosen path
   * without writing anything; the desktop remembers it so the core only writes where the
   * user said.
   */
  'shell.chooseExportPath': shellMethod({
    input: z.object({ suggestedName: text().regex(/^[\p{L}\p{N} ._()-]{1,120}\.(zip|csv|json|html|pdf)$/u, 'Give a plain file name ending in .zip, .csv, .json, .html or .pdf') }).strict(),
    /** path: where the user chose to save, null when they cancelled; nothing written yet. */
    output: returns<{ path: string | null; available: boolean }>(),
  }),
} as const satisfies Record<string, ShellEntry>;
export type ShellMethod = keyof typeof shellContract;
export const shellMethods = Object.keys(shellContract) as ShellMethod[];
export type ShellInput<M extends ShellMethod> = z.input<(typeof shellContract)[M]['input']>;
export type ShellOutput<M extends ShellMethod> = OutputOf<(typeof shellContract)[M]>;

/** What Electron's preload puts on `window.registre`: one async function per method, nothing generic. */
export type DesktopBridge = { readonly [M in Method]: (input: Input<M>) => Promise<Result<Output<M>>> } & {
  readonly [M in ShellMethod]: (input: ShellInput<M>) => Promise<Result<ShellOutput<M>>>;
};

export function isMethod(name: string): name is Method {
  return Object.prototype.hasOwnProperty.call(contract, name);
}
export function isShellMethod(name: string): name is ShellMethod {
  return Object.prototype.hasOwnProperty.call(shellContract, name);
}
