/**
 * Import progress (issue 3): while a long commit runs, `contacts.importProgress` answers
 * (it is served outside the call queue, and the import yields now and then), so a progress
 * bar polling it moves through reading, checking and writing; after the commit, succeeded
 * or failed, nothing is running.
 */
import { describe, expect, it } from 'vitest';
import type { RegistreCore } from '../../db/core';
import type { ImportProgressDto } from '../../shared/dto/index';
import { createdVault } from '../helpers';

const ROWS = 20_000;

function csv(rows: number, invalidEvery = 0): string {
  const lines = ['Email,First name,Last name,Mobile phone,Company'];
  for (let i = 0; i < rows; i++) {
    const email = invalidEvery && i % invalidEvery === 0 ? `person${i}-at-example.org` : `person${i}@example${i % 20}.org`;
    lines.push(`${email},Person,Number ${i},+32 470 ${String(i).padStart(6, '0')},Organisation ${i % 40}`);
  }
  return lines.join('\r\n') + '\r\n';
}

/** Starts the commit without awaiting it and polls the progress until it settles. */
async function commitWhilePolling(core: RegistreCore, content: string): Promise<{ seen: ImportProgressDto[]; outcome: PromiseSettledResult<unknown> }> {
  const commit = core.call('contacts.importCommit', { contentBase64: Buffer.from(content).toString('base64'), skipInvalid: false });
  let settled: PromiseSettledResult<unknown> | null = null;
  void commit.then(
    (value) => (settled = { status: 'fulfilled', value }),
    (reason: unknown) => (settled = { status: 'rejected', reason }),
  );
  const seen: ImportProgressDto[] = [];
  while (settled === null) {
    seen.push(await core.call('contacts.importProgress', {}));
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  return { seen, outcome: settled };
}

describe('import progress', () => {
  it(`reports the writing phase of a ${ROWS.toLocaleString('en')}-row commit as it goes, then nothing running`, async () => {
    const { core } = await createdVault();
    const { seen, outcome } = await commitWhilePolling(core, csv(ROWS));
    expect(outcome.status).toBe('fulfilled');

    const writing = seen.filter((s) => s.running && s.phase === 'writing');
    expect(writing.length).toBeGreaterThan(2);
    expect(writing.every((s) => s.total === ROWS)).toBe(true);
    const done = writing.map((s) => s.done);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(new Set(done).size).toBeGreaterThan(2);
    expect(done[done.length - 1]).toBe(ROWS);
    expect(seen.some((s) => s.running && s.phase === 'checking' && s.done > 0 && s.done < s.total)).toBe(true);
    expect(seen.some((s) => s.running && s.phase === 'reading' && s.done > 0 && s.done <= s.total)).toBe(true);
    expect(await core.call('contacts.importProgress', {})).toEqual({ running: false, phase: null, done: 0, total: 0 });
  });

  it('reports nothing running after a commit refused for invalid rows', async () => {
    const { core } = await createdVault();
    const { seen, outcome } = await commitWhilePolling(core, csv(ROWS, 1000));
    expect(outcome.status).toBe('rejected');
    expect((outcome as PromiseRejectedResult).reason).toMatchObject({ code: 'invalid_input', detail: { reason: 'import_has_invalid_rows' } });
    expect(seen.some((s) => s.running && s.phase === 'checking')).toBe(true);
    expect(seen.some((s) => s.phase === 'writing')).toBe(false);
    expect(await core.call('contacts.importProgress', {})).toEqual({ running: false, phase: null, done: 0, total: 0 });
  });
});
