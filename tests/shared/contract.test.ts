import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contract, fileWritingMethods, methods, selfAuditedMethods, sessionChangingMethods, shellMethods, subjectOf, unqueuedMethods } from '../../shared/api/index';
import { method, returns } from '../../shared/api/method';

describe('the contract entries', () => {
  it('say whose data every read is about (a function of the input, or null)', () => {
    for (const m of methods) {
      const entry = contract[m] as { access: string; subject?: unknown };
      if (entry.access === 'read') expect(entry.subject === null || typeof entry.subject === 'function', m).toBe(true);
      else expect(entry.subject, m).toBeUndefined();
    }
  });

  it('derive the lists the transports and the core keep', () => {
    expect([...unqueuedMethods].sort()).toEqual(['contacts.importProgress', 'exports.cancel', 'exports.progress']);
    expect([...fileWritingMethods].sort()).toEqual(['exports.register', 'exports.subject', 'mailingList.export', 'reports.compliance', 'reports.ropa']);
    expect([...selfAuditedMethods].sort()).toEqual(['exports.register', 'reports.compliance', 'reports.ropa', 'requests.attachment', 'requests.draftLetter', 'requests.get', 'requests.letter']);
    expect([...sessionChangingMethods].sort()).toEqual(['vault.completeRecovery', 'vault.create', 'vault.lock', 'vault.openReadOnly', 'vault.recover', 'vault.selectFolder', 'vault.unlock']);
    expect(methods).toContain('vault.status');
    expect(shellMethods).toEqual(['shell.chooseFolder', 'shell.saveTextFile', 'shell.saveFile', 'shell.chooseExportPath']);
  });

  it('name the person a read is about from its input', () => {
    expect(subjectOf('contacts.get', { id: 'c1' })).toBe('c1');
    expect(subjectOf('audit.list', { limit: 10, subjectId: 'c2' })).toBe('c2');
    expect(subjectOf('audit.list', { limit: 10 })).toBeNull();
    expect(subjectOf('contacts.minors', {})).toBeNull();
    expect(subjectOf('contacts.add', { fullName: 'X' })).toBeNull();
  });

  it('refuse at compile time a read without its subject, or a subject on a write', () => {
    const input = z.object({ id: z.string() }).strict();
    // @ts-expect-error a read must say whose data it reads
    const readWithout = method({ access: 'read', input, output: returns<null>() });
    // @ts-expect-error only reads name a subject
    const writeWith = method({ access: 'write', input, output: returns<null>(), subject: null });
    // @ts-expect-error the subject is read from the method's own input
    const wrongField = method({ access: 'read', input, output: returns<null>(), subject: (i) => i.contactId });
    const fine = method({ access: 'read', input, output: returns<{ n: number }>(), subject: (i) => i.id });
    expect([readWithout, writeWith, wrongField, fine].map((e) => e.access)).toEqual(['read', 'write', 'read', 'read']);
  });
});
