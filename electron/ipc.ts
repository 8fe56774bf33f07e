/**
 * IPC registration (DESIGN §3): one `registre:<method>` channel per contract method and
 * per shell method, registered in one loop, never a generic invoke channel. Every call
 * first checks that it comes from the app's own page, then goes through the same parsing
 * and Result envelope as the CLI and the preview bridge.
 */
import type { z } from 'zod';
import { type RegistreCore, describeZodError, dispatch, errorResult } from '../db/index';
import { fileWritingMethods, isMethod, methods, sessionChangingMethods, shellContract, shellMethods, type Method, type ShellMethod, type ShellOutput } from '../shared/api/index';
import type { Result } from '../shared/errors';
import { channelFor } from './bridge';
import { errorText, type Log } from './log';
import { isTrustedSender } from './window';

export type ShellHandlers = {
  [M in ShellMethod]: (input: z.output<(typeof shellContract)[M]['input']>) => Promise<ShellOutput<M>>;
};

/** The part of Electron's IpcMainInvokeEvent the sender check reads. */
export interface InvokeEvent {
  readonly senderFrame: { readonly url: string } | null;
}

/** The part of Electron's ipcMain this module uses; tests pass a Map-backed fake. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEvent, input: unknown) => Promise<Result<unknown>>): void;
}

export interface IpcOptions {
  ipcMain: IpcMainLike;
  core: RegistreCore;
  shell: ShellHandlers;
  log: Log;
  /** Runs after every answered call (main.ts remembers the vault folder there). */
  afterCall?: () => void;
  /**
   * Where the save dialog said an export may go, each path good for one export call and
   * forgotten at lock and unlock; the default is the registration's own.
   */
  chosenExportPaths?: Set<string>;
}

const forbidden: Result<never> = {
  ok: false,
  error: { code: 'forbidden', message: 'This page is not allowed to talk to Registre.' },
};

/** The methods that write a file where the renderer says. */
const writesExportFile = (method: string): boolean => isMethod(method) && fileWritingMethods.has(method);

/** The `out` an export call names, if any. */
const outOf = (input: unknown): unknown => (typeof input === 'object' && input !== null ? (input as { out?: unknown }).out : undefined);

const notChosen: Result<never> = {
  ok: false,
  error: { code: 'forbidden', message: 'Choose where to save the export in the save dialog first.', detail: { reason: 'export_path_not_chosen' } },
};

/**
 * The renderer may only have an export written where the person pointed the save dialog
 * in this session: a compromised page cannot overwrite other files by naming them. Paths
 * are compared exactly as the dialog returned them. What the export writes is the chosen
 * file and, for a register or the newsletter list, `<chosen file>.manifest.json` beside
 * it: that second name is derived by the core from the approved one, never given by the
 * renderer, so approving the path approves its manifest too (the page cannot aim it
 * anywhere else).
 */
export function exportPathAllowed(method: string, input: unknown, chosen: ReadonlySet<string>): boolean {
  if (!writesExportFile(method)) return true;
  const out = outOf(input);
  return typeof out === 'string' && chosen.has(out);
}

async function callShell<M extends ShellMethod>(shell: ShellHandlers, method: M, raw: unknown, log: Log): Promise<Result<unknown>> {
  const parsed = shellContract[method].input.safeParse(raw ?? {});
  if (!parsed.success) return { ok: false, error: { code: 'invalid_input', message: describeZodError(parsed.error) } };
  try {
    const handler = shell[method] as (input: z.output<(typeof shellContract)[M]['input']>) => Promise<ShellOutput<M>>;
    return { ok: true, data: await handler(parsed.data as z.output<(typeof shellContract)[M]['input']>) };
  } catch (e) {
    return errorResult(e, log);
  }
}

/** Registers every channel and returns their names. */
export function registerIpc({ ipcMain, core, shell, log, afterCall, chosenExportPaths = new Set() }: IpcOptions): string[] {
  const answer = (method: string, call: (input: unknown) => Promise<Result<unknown>>): string => {
    const channel = channelFor(method);
    ipcMain.handle(channel, async (event, input) => {
      const url = event.senderFrame?.url;
      if (!isTrustedSender(url)) {
        log(`Refused ${channel} from ${url === undefined ? 'a destroyed frame' : JSON.stringify(url)}`);
        return forbidden;
      }
      const result = await call(input);
      try {
        afterCall?.();
      } catch (e) {
        log(`After ${channel}: ${errorText(e)}`);
      }
      return result;
    });
    return channel;
  };
  const callCore = (method: Method, input: unknown): Promise<Result<unknown>> => {
    // After these the person at the keyboard may be someone else: approvals from before do not carry over.
    if (sessionChangingMethods.has(method)) chosenExportPaths.clear();
    if (!exportPathAllowed(method, input, chosenExportPaths)) {
      log(`Refused ${method}: its file is not one the save dialog returned`);
      return Promise.resolve(notChosen);
    }
    // One dialog answer, one export, whatever its outcome: a page cannot come back
    // later and overwrite that file again without the person choosing it again.
    if (writesExportFile(method)) chosenExportPaths.delete(outOf(input) as string);
    return dispatch(core, method, input, log);
  };
  const callShellAndRemember = async (method: ShellMethod, input: unknown): Promise<Result<unknown>> => {
    const result = await callShell(shell, method, input, log);
    if (method === 'shell.chooseExportPath' && result.ok) {
      const { path } = result.data as ShellOutput<'shell.chooseExportPath'>;
      if (path) chosenExportPaths.add(path);
    }
    return result;
  };
  return [...methods.map((method) => answer(method, (input) => callCore(method, input))), ...shellMethods.map((method) => answer(method, (input) => callShellAndRemember(method, input)))];
}
