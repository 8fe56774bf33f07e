import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_LOG_BYTES, errorText, fileLog } from '../../electron/log';
import { tempDir } from '../helpers';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('main log', () => {
  it('appends timestamped lines in a private file, creating its folder', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const file = join(tempDir(), 'logs', 'main.log');
    const log = fileLog(file, () => new Date('2025-01-02T03:04:05.000Z'));
    log('first');
    log(errorText(new Error('second')));
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines[0]).toBe('2025-01-02T03:04:05.000Z first');
    expect(lines[1]).toBe('2025-01-02T03:04:05.000Z Error: second');
    expect(lines.some((l) => l.includes('log.test.ts'))).toBe(true);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o077).toBe(0);
  });

  it('rolls over past the size limit and never throws', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const dir = tempDir();
    const file = join(dir, 'main.log');
    writeFileSync(file, 'x'.repeat(MAX_LOG_BYTES + 1));
    fileLog(file)('after rollover');
    expect(statSync(`${file}.1`).size).toBe(MAX_LOG_BYTES + 1);
    expect(readFileSync(file, 'utf8')).toMatch(/after rollover\n$/);
    // A log path that cannot be created (its parent is a file) is ignored quietly.
    expect(() => fileLog(join(file, 'nested', 'main.log'))('lost')).not.toThrow();
    expect(existsSync(join(file, 'nested'))).toBe(false);
  });

  it('renders non-errors as strings', () => {
    expect(errorText('plain')).toBe('plain');
    expect(errorText(42)).toBe('42');
  });
});
