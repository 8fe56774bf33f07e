/**
 * IPC registration (DESIGN §3): one `registre:<method>` channel per contract method and
 * per shell method, registered in one loop, never a generic invoke channel. Every call
 * first checks that it comes from the app's own page, then goes through the same parsing
 * and Result envelope as the CLI and the preview bridge.
 */
import type { z } from 'zod';
import { type RegistreCore, describeZodError, dispatch, errorResult } from '../db/index';
import { methods, shellContract, shellMethods, type Method, type ShellMethod, type ShellOutput } from '../shared/api/index';
import type { Result } from '../shared/errors';
import { channelFor } from './bridge';
import { admitExportCall, exportPathNotChosen } from './export-approvals';
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
    // The renderer may only have an export written where the person pointed the save dialog in this session.
    if (!admitExportCall(method, input, chosenExportPaths)) {
      log(`Refused ${method}: its file is not one the save dialog returned`);
      return Promise.resolve(exportPathNotChosen);
    }
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
