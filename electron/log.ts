/**
 * The main log: internal errors with their stack traces (DESIGN §3 — they never cross to
 * the renderer). One file in the profile folder, rolled over at 1 MB so it cannot grow
 * without end.
 */
import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

export type Log = (message: string) => void;

export const MAX_LOG_BYTES = 1_000_000;

export const errorText = (e: unknown): string => (e instanceof Error ? (e.stack ?? e.message) : String(e));

export function fileLog(file: string, now: () => Date = () => new Date()): Log {
  return (message) => {
    console.error(message);
    try {
      mkdirSync(dirname(file), { recursive: true });
      if ((statSync(file, { throwIfNoEntry: false })?.size ?? 0) > MAX_LOG_BYTES) renameSync(file, `${file}.1`);
      appendFileSync(file, `${now().toISOString()} ${message}\n`, { mode: 0o600 });
    } catch {
      // A full or read-only disk must not turn a logged error into a crash.
    }
  };
}
