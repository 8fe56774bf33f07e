/** An export to a place that cannot be written is one clear refusal: no stack in the log, no file, no audit event. */
import { chmodSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RegistreCore } from '../../db/core';
import { dispatch } from '../../db/index';
import { call, createdVault, tempDir } from '../helpers';

const WRITE_REFUSED = 'Registre cannot write a file there: choose another folder.';

async function auditHead(core: RegistreCore) {
  const h = await core.context().db.selectFrom('audit_head').select(['seq', 'hash']).executeTakeFirstOrThrow();
  return { seq: Number(h.seq), hash: h.hash };
}

/** Calls `method` and returns its refusal with what it logged. */
async function refusal(core: RegistreCore, method: string, input: unknown) {
  const log: string[] = [];
  const r = await dispatch(core, method, input, (m) => log.push(m));
  if (r.ok) throw new Error(`${method} succeeded but a refusal was expected`);
  return { ...r.error, log };
}

/** Places no export can be created in, on this machine (root ignores permission bits). */
function unwritableTargets(): Array<[string, (name: string) => string]> {
  const dir = tempDir();
  const plainFile = join(dir, 'plain.txt');
  writeFileSync(plainFile, 'not a folder');
  const targets: Array<[string, (name: string) => string]> = [
    ['a path whose parent is a regular file', (name) => join(plainFile, name)],
    ['a path two levels under a regular file', (name) => join(plainFile, 'sub', name)],
  ];
  if (process.platform === 'linux') targets.push(['/proc/self (no file can be created there)', (name) => `/proc/self/${name}`]);
  if (process.getuid?.() !== 0) {
    const readOnly = join(dir, 'read-only');
    mkdirSync(readOnly);
    chmodSync(readOnly, 0o500);
    targets.push(['a read-only folder', (name) => join(readOnly, name)]);
  }
  return targets;
}

describe('exports to a place that cannot be written', () => {
  it('refuse with one clear message and a reason, and write nothing', async () => {
    const { core } = await createdVault();
    const contact = await call(core, 'contacts.add', { fullName: 'Inès Fontaine', country: 'BE' });
    const before = await auditHead(core);
    const targets = unwritableTargets();
    if (process.platform === 'linux') expect(targets.some(([what]) => what.startsWith('/proc'))).toBe(true);
    for (const [what, at] of targets) {
      const calls: Array<[string, unknown]> = [
        ['exports.register', { table: 'contacts', format: 'csv', out: at('contacts.csv') }],
        ['exports.register', { table: 'organisations', format: 'json', out: at('organisations.json') }],
        ['exports.subject', { contactId: contact.id, mode: 'access', out: at('subject.zip') }],
        ['mailingList.export', { out: at('newsletter.csv') }],
      ];
      for (const [method, input] of calls) {
        const err = await refusal(core, method, input);
        const where = `${method} to ${what}`;
        expect(err.code, where).toBe('invalid_input');
        expect(['no_folder', 'write_refused'], where).toContain((err.detail as { reason?: string } | undefined)?.reason);
        if ((err.detail as { reason?: string }).reason === 'write_refused') expect(err.message, where).toBe(WRITE_REFUSED);
        expect(err.message, where).not.toMatch(/ENOENT|EACCES|ENOTDIR|\.partial|\n/);
        expect(err.log, where).toEqual([]);
      }
    }
    if (process.platform === 'linux') {
      const err = await refusal(core, 'exports.register', { table: 'contacts', format: 'csv', out: '/proc/self/x.csv' });
      expect(err).toMatchObject({ code: 'invalid_input', message: WRITE_REFUSED, detail: { reason: 'write_refused' } });
      expect(existsSync('/proc/self/x.csv')).toBe(false);
    }
    expect(readdirSync(join(targets[0]![1]('x'), '..', '..'))).toEqual(['plain.txt', ...(process.getuid?.() !== 0 ? ['read-only'] : [])].sort());
    expect(await auditHead(core)).toEqual(before);
  });
});
