/**
 * IPC registration (DESIGN §3): one `registre:<method>` channel per contract method and
 * per shell method, registered in one loop, never a generic invoke channel. Every call
 * first checks that it comes from the app's own page, then goes through the same parsing
 * and Result envelope as the CLI and the preview bridge.
 */
import type { z } from 'zod';
import type { RegistreCore } from '../db/core';
import { describeZodError, dispatch, errorResult } from '../db/dispatch';
import { methods, shellContract, shellMethods, type ShellMethod, type ShellOutputs } from '../shared/api';
import type { Result } from '../shared/errors';
import { channelFor } from './bridge';
import { errorText, type Log } from './log';
import { isTrustedSender } from './window';

export type ShellHandlers = {
  [M in ShellMethod]: (input: z.output<(typeof shellContract)[M]['input']>) => Promise<ShellOutputs[M]>;
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
}

const forbidden: Result<never> = {
  ok: false,
  error: { code: 'forbidden', message: 'This page is not allowed to talk to Registre.' },
};

async function callShell<M extends ShellMethod>(shell: ShellHandlers, method: M, raw: unknown, log: Log): Promise<Result<unknown>> {
  const parsed = shellContract[method].input.safeParse(raw ?? {});
  if (!parsed.success) return { ok: false, error: { code: 'invalid_input', message: describeZodError(parsed.error) } };
  try {
    const handler = shell[method] as (input: z.output<(typeof shellContract)[M]['input']>) => Promise<ShellOutputs[M]>;
    return { ok: true, data: await handler(parsed.data as z.output<(typeof shellContract)[M]['input']>) };
  } catch (e) {
    return errorResult(e, log);
  }
}

/** Registers every channel and returns their names. */
export function registerIpc({ ipcMain, core, shell, log, afterCall }: IpcOptions): string[] {
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
  return [
    ...methods.map((method) => answer(method, (input) => dispatch(core, method, input, log))),
    ...shellMethods.map((method) => answer(method, (input) => callShell(shell, method, input, log))),
  ];
}
