/**
 * Network locations are refused (DESIGN §4): SQLite locking is unreliable on shares, and a
 * half-synced encrypted vault is lost. Windows paths are checked as data on any OS.
 */
import { describe, expect, it } from 'vitest';
import { assertLocalPath } from '../../db/vault/paths';
import { RegistreError } from '../../shared/errors';
import { tempDir } from '../helpers';

function refusal(dir: string, platform: NodeJS.Platform): RegistreError | null {
  try {
    assertLocalPath(dir, platform);
    return null;
  } catch (e) {
    if (!(e instanceof RegistreError)) throw e;
    return e;
  }
}

describe('assertLocalPath', () => {
  it.each([
    '\\\\server\\share',
    '\\\\server\\share\\Registre',
    '\\\\nas.local\\team$\\vault',
    '//server/share',
    '//server/share/Registre',
    '\\\\?\\UNC\\server\\share',
    '\\\\?\\unc\\server\\share\\Registre',
  ])('refuses the UNC path %s on Windows with a clear message', (dir) => {
    const e = refusal(dir, 'win32');
    expect(e).not.toBeNull();
    expect(e!.code).toBe('invalid_input');
    expect(e!.detail).toEqual({ reason: 'unc_path' });
    expect(e!.message).toMatch(/network share/);
  });

  it.each([
    'C:\\Users\\anna\\Documents\\Registre',
    'D:\\Registre',
    'c:/Users/anna/Registre',
    'Registre',
    // Extended-length form of a local drive path: still this computer's own disk.
    '\\\\?\\C:\\Users\\anna\\Registre',
  ])('accepts the local path %s on Windows', (dir) => {
    expect(refusal(dir, 'win32')).toBeNull();
  });

  it('accepts a local folder on Linux and macOS', () => {
    const dir = tempDir();
    expect(refusal(dir, 'linux')).toBeNull();
    expect(refusal(dir, 'darwin')).toBeNull();
  });
});
