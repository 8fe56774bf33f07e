/**
 * Where a page may have an export written, for both bridges that carry its calls: Electron's
 * IPC (ipc.ts) and the browser preview (preview/server.ts). A file-writing call (each
 * contract entry with `writesFile`) may only name, as its `out`, a path the shell itself
 * handed out from `shell.chooseExportPath` in this session: the desktop's save dialog, the
 * preview's exports folder under a fresh name. A compromised page cannot overwrite other
 * files by naming them. Pure (no Electron, no file system), so the preview imports it.
 */
import { fileWritingMethods, isMethod, sessionChangingMethods } from '../shared/api/index';
import type { Result } from '../shared/errors';

/** The methods that write a file where the caller says. */
export const writesExportFile = (method: string): boolean => isMethod(method) && fileWritingMethods.has(method);

/** The file a file-writing call names (its `out`), or null for any other call or an `out` that is no string. */
export function exportTarget(method: string, input: unknown): string | null {
  if (!writesExportFile(method)) return null;
  const out = typeof input === 'object' && input !== null ? (input as { out?: unknown }).out : undefined;
  return typeof out === 'string' ? out : null;
}

export const exportPathNotChosen: Result<never> = {
  ok: false,
  error: { code: 'forbidden', message: 'Choose where to save the export in the save dialog first.', detail: { reason: 'export_path_not_chosen' } },
};

/**
 * Whether `method` may run with `input` as far as its file goes. Paths are compared exactly
 * as the shell handed them out, never normalised. What the export writes is the chosen
 * file and, for a register or the newsletter list, `<chosen file>.manifest.json` beside it:
 * that second name is derived by the core from the approved one, never given by the page,
 * so approving the path approves its manifest too (the page cannot aim it anywhere else).
 */
export function exportPathAllowed(method: string, input: unknown, chosen: ReadonlySet<string>): boolean {
  if (!writesExportFile(method)) return true;
  const out = exportTarget(method, input);
  return out !== null && chosen.has(out);
}

/**
 * The check a bridge runs before handing a call to the core; false means answer
 * `exportPathNotChosen` and call nothing. After a session-changing call the person at the
 * keyboard may be someone else, so the approvals from before are dropped first. One
 * approval, one export, whatever its outcome: a page cannot come back later and write
 * that file again without the shell choosing it again. `stillFree` is asked last about the
 * approved path, once it is used up (the preview, which has no dialog to confirm an
 * overwrite, refuses a name taken meanwhile). It answers for the moment of the call only:
 * such a bridge also has its core refuse to overwrite when the files are put in place
 * (ExportJob.refuseOverwrites), for a file that appears while the export runs.
 */
export function admitExportCall(method: string, input: unknown, chosen: Set<string>, stillFree: (path: string) => boolean = () => true): boolean {
  if (isMethod(method) && sessionChangingMethods.has(method)) chosen.clear();
  if (!exportPathAllowed(method, input, chosen)) return false;
  const out = exportTarget(method, input);
  if (out === null) return true;
  chosen.delete(out);
  return stillFree(out);
}
