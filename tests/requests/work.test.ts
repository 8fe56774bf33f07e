/**
 * Working a rights request through (issue 13, DESIGN §5): one task per place that holds
 * the person's data, made from the processors register and the sharing log, ticked off
 * with evidence; the Art. 19 notices to partners; completion waiting for both; linking a
 * request to its contact later; and the files the requester sent, kept in the vault.
 * Every write is one timeline event and one audit event, ids only; bad input changes
 * nothing. Real encrypted vaults with the core's clock set by the test.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RegistreCore } from '../../db/core';
import type { Input } from '../../shared/api/index';
import { ATTACHMENT_MAX_BYTES } from '../../shared/api/request-work';
import { call, callError, PASS, tempDir } from '../helpers';

const MAILCHIMP = 'processor-mailchimp';
const BASECAMP = 'processor-basecamp';

async function vaultOn(day: string) {
  const now = new Date(`${day}T10:00:00.000Z`);
  const core = new RegistreCore({ vaultDir: join(tempDir(), 'vault'), allowFolderChange: false, now: () => now });
  await call(core, 'vault.create', { passphrase: PASS, staffName: 'Anna Admin' });
  const ana = await call(core, 'contacts.add', { fullName: 'Ana Ruiz', email: 'ana@example.org' });
  const add = (input: Partial<Input<'requests.add'>> = {}) => call(core, 'requests.add', { type: 'erasure', receivedOn: '2026-03-02', channel: 'email', contactId: ana.id, ...input });
  /** Ana is in Mailchimp and was shared with ENPE. */
  const register = async (contactId = ana.id) => {
    await call(core, 'contactSystems.set', { contactId, processorId: MAILCHIMP, holds: true });
    await call(core, 'sharing.record', { contactId, partner: 'ENPE', jointActivity: 'Spring conference', dataCategories: ['contact details'], sharedOn: '2026-03-01' });
  };
  /** What a refused call must leave as it was: the request's rows, its tasks and attachments, the audit head. */
  const snapshot = async (id: string) => {
    const raw = core.context().vault.raw;
    return {
      request: raw.prepare('SELECT * FROM rights_requests WHERE id = ?').get(id),
      tasks: raw.prepare('SELECT * FROM request_tasks WHERE request_id = ? ORDER BY seq').all(id),
      attachments: raw.prepare('SELECT id, file_name, size FROM request_attachments WHERE request_id = ? ORDER BY seq').all(id),
      events: raw.prepare('SELECT count(*) FROM request_events').pluck().get(),
      audit: raw.prepare('SELECT seq, hash FROM audit_head').get(),
    };
  };
  return { core, ana, add, register, snapshot };
}

describe("a request's tasks", () => {
  it('are made with the request, one per system ticked and partner shared with; a refresh adds only the places ticked since', async () => {
    const { core, ana, add, register, snapshot } = await vaultOn('2026-03-02');
    await register();
    const r = await add();
    const detail = await call(core, 'requests.get', { id: r.id });
    expect(detail.tasks).toEqual([
      expect.objectContaining({ seq: 1, kind: 'system', name: 'Mailchimp', processorId: MAILCHIMP, status: 'open', evidence: null, doneAt: null, doneBy: null, noticeDue: false }),
      expect.objectContaining({ seq: 2, kind: 'partner', name: 'ENPE', processorId: null, status: 'open', noticeDue: true, noticeSentDate: null, noticeConfirmedDate: null }),
    ]);
    // One write, one timeline event: the tasks are counted on the intake's.
    expect(detail.events).toEqual([expect.objectContaining({ kind: 'received', detail: { receivedOn: '2026-03-02', dueDate: '2026-04-02', tasks: 2 } })]);

    // Nothing new: nothing written.
    const before = await snapshot(r.id);
    expect((await call(core, 'requests.refreshTasks', { id: r.id })).tasks).toHaveLength(2);
    expect(await snapshot(r.id)).toEqual(before);

    // Ticked since: Basecamp, ENPE again (no second task), and EnviCrimeNet.
    await call(core, 'contactSystems.set', { contactId: ana.id, processorId: BASECAMP, holds: true });
    await call(core, 'sharing.record', { contactId: ana.id, partner: 'enpe', jointActivity: 'Newsletter', dataCategories: ['contact details'], sharedOn: '2026-03-02' });
    await call(core, 'sharing.record', { contactId: ana.id, partner: 'EnviCrimeNet', jointActivity: 'Workshop', dataCategories: ['contact details'], sharedOn: '2026-03-02' });
    const refreshed = await call(core, 'requests.refreshTasks', { id: r.id });
    expect(refreshed.tasks.map((t) => [t.seq, t.kind, t.name, t.noticeDue])).toEqual([
      [1, 'system', 'Mailchimp', false],
      [2, 'partner', 'ENPE', true],
      [3, 'system', 'Basecamp', false],
      [4, 'partner', 'EnviCrimeNet', true],
    ]);
    expect(refreshed.events.at(-1)).toMatchObject({ kind: 'tasks_added', detail: { tasks: 2, first: 3, last: 4 } });
    const audit = await call(core, 'audit.list', { subjectId: ana.id, limit: 5 });
    expect(audit[0]).toMatchObject({ action: 'request.tasks_added', entityType: 'rights_request', entityId: r.id, fields: ['tasks'] });

    // An access request owes no Art. 19 notice; a request about no one has no tasks, and cannot be refreshed.
    const access = await add({ type: 'access' });
    expect((await call(core, 'requests.get', { id: access.id })).tasks.map((t) => t.noticeDue)).toEqual([false, false, false, false]);
    const stranger = await add({ contactId: undefined, requesterName: 'Jo Bloggs' });
    expect((await call(core, 'requests.get', { id: stranger.id })).tasks).toEqual([]);
    expect(await callError(core, 'requests.refreshTasks', { id: stranger.id })).toMatchObject({ code: 'conflict', detail: { reason: 'request_unlinked' } });
    expect(await callError(core, 'requests.refreshTasks', { id: 'nope' })).toMatchObject({ code: 'not_found', detail: { reason: 'request_absent' } });
  });

  it('are ticked off with evidence; completion waits for every task and every notice owed; bad input changes nothing', async () => {
    const { core, ana, add, register, snapshot } = await vaultOn('2026-03-10');
    await register();
    const r = await add();
    await call(core, 'requests.start', { id: r.id });

    const before = await snapshot(r.id);
    expect((await callError(core, 'requests.taskDone', { id: r.id, task: 1, evidence: '   ' })).code).toBe('invalid_input');
    expect((await callError(core, 'requests.taskDone', { id: r.id, task: 0, evidence: 'x' })).code).toBe('invalid_input');
    expect(await callError(core, 'requests.taskDone', { id: r.id, task: 9, evidence: 'x' })).toMatchObject({ code: 'not_found', detail: { reason: 'task_absent' } });
    expect(await callError(core, 'requests.noticeSent', { id: r.id, task: 1, sentOn: '2026-03-10' })).toMatchObject({ code: 'invalid_input', detail: { reason: 'notice_not_due' } });
    expect(await callError(core, 'requests.noticeSent', { id: r.id, task: 2, sentOn: '2026-03-11' })).toMatchObject({ detail: { reason: 'date_future', field: 'sentOn' } });
    expect(await callError(core, 'requests.noticeSent', { id: r.id, task: 2, sentOn: '2026-03-01' })).toMatchObject({ detail: { reason: 'dates_reversed', field: 'sentOn' } });
    expect(await callError(core, 'requests.noticeConfirmed', { id: r.id, task: 2, confirmedOn: '2026-03-10' })).toMatchObject({ code: 'conflict', detail: { reason: 'notice_not_sent' } });
    const early = await callError(core, 'requests.close', { id: r.id, outcome: 'completed' });
    expect(early).toMatchObject({ code: 'conflict', detail: { reason: 'tasks_open', open: [1, 2], noticesUnsent: [2] } });
    expect(early.message).toBe('The request cannot be completed yet — tasks still open: 1 (Mailchimp), 2 (ENPE); notice to the recipient not sent: 2 (ENPE).');
    expect(await snapshot(r.id)).toEqual(before);

    const done = await call(core, 'requests.taskDone', { id: r.id, task: 1, evidence: 'Deleted from the audience on 10 March' });
    expect(done.tasks[0]).toMatchObject({ seq: 1, status: 'done', evidence: 'Deleted from the audience on 10 March', doneAt: '2026-03-10T10:00:00.000Z', doneBy: { name: 'Anna Admin' } });
    const afterDone = await snapshot(r.id);
    expect(await callError(core, 'requests.taskDone', { id: r.id, task: 1, evidence: 'again' })).toMatchObject({ code: 'conflict', detail: { reason: 'task_done_already' } });
    expect(await snapshot(r.id)).toEqual(afterDone);

    const searched = await call(core, 'requests.taskDone', { id: r.id, task: 2, evidence: 'Asked ENPE: they hold nothing', nothingFound: true });
    expect(searched.tasks[1]).toMatchObject({ status: 'nothing_found', evidence: 'Asked ENPE: they hold nothing' });
    // Every task done, the notice still owed.
    expect(await callError(core, 'requests.close', { id: r.id, outcome: 'completed' })).toMatchObject({
      detail: { reason: 'tasks_open', open: [], noticesUnsent: [2] },
      message: expect.stringMatching(/notice to the recipient not sent: 2 \(ENPE\)\.$/),
    });

    const sent = await call(core, 'requests.noticeSent', { id: r.id, task: 2, sentOn: '2026-03-09' });
    expect(sent.tasks[1]).toMatchObject({ noticeSentDate: '2026-03-09', noticeConfirmedDate: null });
    expect(await callError(core, 'requests.noticeSent', { id: r.id, task: 2, sentOn: '2026-03-10' })).toMatchObject({ detail: { reason: 'notice_already_recorded' } });
    expect(await callError(core, 'requests.noticeConfirmed', { id: r.id, task: 2, confirmedOn: '2026-03-08' })).toMatchObject({ detail: { reason: 'dates_reversed', field: 'confirmedOn' } });

    const closed = await call(core, 'requests.close', { id: r.id, outcome: 'completed' });
    expect(closed.state).toBe('completed');
    // The confirmation may come back after the reply; nothing else is done on a closed request.
    const confirmed = await call(core, 'requests.noticeConfirmed', { id: r.id, task: 2, confirmedOn: '2026-03-10' });
    expect(confirmed.tasks[1]).toMatchObject({ noticeSentDate: '2026-03-09', noticeConfirmedDate: '2026-03-10' });
    expect(await callError(core, 'requests.refreshTasks', { id: r.id })).toMatchObject({ detail: { reason: 'request_closed' } });

    // The timeline and the audit log hold numbers, dates and field names only.
    expect(confirmed.events.slice(2).map((e) => [e.kind, e.detail])).toEqual([
      ['task_done', { task: 1, status: 'done' }],
      ['task_done', { task: 2, status: 'nothing_found' }],
      ['notice_sent', { task: 2, sentOn: '2026-03-09' }],
      ['completed', { closedOn: '2026-03-10' }],
      ['notice_confirmed', { task: 2, confirmedOn: '2026-03-10' }],
    ]);
    const audit = await call(core, 'audit.list', { subjectId: ana.id, limit: 50 });
    expect(audit.filter((e) => e.entityId === r.id).map((e) => e.action)).toEqual(
      ['request.received', 'request.started', 'request.task_done', 'request.task_done', 'request.notice_sent', 'request.completed', 'request.notice_confirmed'].reverse(),
    );
    expect(JSON.stringify(audit)).not.toMatch(/audience|hold nothing/);

    // A refusal needs no task done.
    const other = await add();
    expect((await call(core, 'requests.close', { id: other.id, outcome: 'refused', refusalReason: 'excessive' })).state).toBe('refused');
  });
});

describe('linking a request', () => {
  it('links a request logged under a name, suggests contacts by e-mail and folded name, and makes the tasks', async () => {
    const { core, ana, add, register, snapshot } = await vaultOn('2026-03-02');
    await register();
    const anaBis = await call(core, 'contacts.add', { fullName: 'Ruiz, Ana', email: 'a.ruiz@example.net' });
    await call(core, 'contacts.add', { fullName: 'Anatole Ruizmann' });
    await call(core, 'contacts.add', { fullName: 'Bob Ana-Stasia', jobTitle: 'Ruiz liaison' });
    const r = await add({ contactId: undefined, requesterName: 'ANA RUÍZ', requesterEmail: 'A.Ruiz@example.net' });

    const suggested = await call(core, 'requests.suggestContacts', { id: r.id });
    expect(suggested.map((s) => [s.fullName, s.reason])).toEqual([
      ['Ruiz, Ana', 'same_email'],
      ['Ana Ruiz', 'same_name'],
      ['Anatole Ruizmann', 'similar_name'],
    ]);
    expect(suggested[1]).toEqual({ id: ana.id, fullName: 'Ana Ruiz', primaryEmail: 'ana@example.org', organisationName: null, archived: false, reason: 'same_name' });

    const before = await snapshot(r.id);
    expect(await callError(core, 'requests.link', { id: r.id, contactId: 'nobody' })).toMatchObject({ code: 'not_found', detail: { reason: 'contact_absent' } });
    expect(await snapshot(r.id)).toEqual(before);

    const linked = await call(core, 'requests.link', { id: r.id, contactId: ana.id });
    expect(linked.contact).toEqual({ id: ana.id, name: 'Ana Ruiz' });
    expect(linked.tasks.map((t) => t.name)).toEqual(['Mailchimp', 'ENPE']);
    expect(linked.events.at(-1)).toMatchObject({ kind: 'linked', detail: { contactId: ana.id, tasks: 2 } });
    expect((await call(core, 'audit.list', { subjectId: ana.id, limit: 1 }))[0]).toMatchObject({ action: 'request.linked', entityId: r.id, fields: ['contactId', 'tasks'] });

    const afterLink = await snapshot(r.id);
    expect(await callError(core, 'requests.link', { id: r.id, contactId: anaBis.id })).toMatchObject({
      code: 'conflict',
      message: 'This request is already linked to another contact.',
      detail: { reason: 'request_linked' },
    });
    expect(await callError(core, 'requests.link', { id: r.id, contactId: ana.id })).toMatchObject({ detail: { reason: 'request_linked' } });
    expect(await snapshot(r.id)).toEqual(afterLink);

    const closed = await add({ contactId: undefined, requesterName: 'Jo Bloggs' });
    await call(core, 'requests.close', { id: closed.id, outcome: 'refused', refusalReason: 'identity_not_proven' });
    expect(await callError(core, 'requests.link', { id: closed.id, contactId: ana.id })).toMatchObject({ code: 'conflict', detail: { reason: 'request_closed' } });
    expect(await call(core, 'requests.suggestContacts', { id: closed.id })).toEqual([]);
  });
});

describe("a request's attachments", () => {
  it('are kept encrypted with their hash, read back whole, listed without content, and removed; too large or malformed changes nothing', async () => {
    const { core, ana, add, snapshot } = await vaultOn('2026-03-02');
    const r = await add();
    const bytes = Buffer.concat([Buffer.from('%PDF-1.4 signed letter '), Buffer.from([0, 1, 2, 255])]);
    const a = await call(core, 'requests.attach', { id: r.id, fileName: '../../scans\\letter\u0007 ana.PDF', contentType: 'Application/PDF', contentBase64: bytes.toString('base64') });
    expect(a).toMatchObject({ fileName: 'letter ana.PDF', contentType: 'application/pdf', size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });

    const detail = await call(core, 'requests.get', { id: r.id });
    expect(detail.attachments).toEqual([a]);
    expect(JSON.stringify(detail)).not.toContain(bytes.toString('base64'));
    expect(detail.events.at(-1)).toMatchObject({ kind: 'attached', detail: { attachmentId: a.id, size: bytes.length } });
    expect(JSON.stringify(detail.events)).not.toContain('letter');
    const read = await call(core, 'requests.attachment', { id: r.id, attachmentId: a.id });
    expect(read).toEqual({ id: a.id, fileName: 'letter ana.PDF', contentType: 'application/pdf', contentBase64: bytes.toString('base64') });

    const before = await snapshot(r.id);
    const tooLarge = Buffer.alloc(ATTACHMENT_MAX_BYTES + 1, 7).toString('base64');
    expect(await callError(core, 'requests.attach', { id: r.id, fileName: 'big.bin', contentType: 'application/octet-stream', contentBase64: tooLarge })).toMatchObject({
      code: 'invalid_input',
      detail: { reason: 'file_too_large' },
    });
    expect((await callError(core, 'requests.attach', { id: r.id, fileName: 'x.txt', contentType: 'text/plain', contentBase64: 'not base64!' })).code).toBe('invalid_input');
    expect(await callError(core, 'requests.attach', { id: r.id, fileName: 'x.txt', contentType: 'text/plain', contentBase64: '' })).toMatchObject({ detail: { reason: 'file_empty' } });
    expect(await callError(core, 'requests.attach', { id: r.id, fileName: 'a/b/\u0001 ', contentType: 'text/plain', contentBase64: 'YQ==' })).toMatchObject({
      detail: { reason: 'file_name_invalid' },
    });
    expect((await callError(core, 'requests.attach', { id: r.id, fileName: 'x.txt', contentType: 'text', contentBase64: 'YQ==' })).code).toBe('invalid_input');
    expect(await callError(core, 'requests.attach', { id: 'nope', fileName: 'x.txt', contentType: 'text/plain', contentBase64: 'YQ==' })).toMatchObject({ detail: { reason: 'request_absent' } });
    expect(await callError(core, 'requests.attachment', { id: r.id, attachmentId: 'nope' })).toMatchObject({ code: 'not_found', detail: { reason: 'attachment_absent' } });
    expect(await callError(core, 'requests.removeAttachment', { id: r.id, attachmentId: 'nope' })).toMatchObject({ detail: { reason: 'attachment_absent' } });
    expect(await snapshot(r.id)).toEqual(before);

    // Exactly the limit is taken.
    const largest = await call(core, 'requests.attach', { id: r.id, fileName: 'scan.tiff', contentType: 'image/tiff', contentBase64: Buffer.alloc(ATTACHMENT_MAX_BYTES, 1).toString('base64') });
    expect(largest.size).toBe(ATTACHMENT_MAX_BYTES);

    const removed = await call(core, 'requests.removeAttachment', { id: r.id, attachmentId: largest.id });
    expect(removed.attachments).toEqual([a]);
    expect(removed.events.at(-1)).toMatchObject({ kind: 'attachment_removed', detail: { attachmentId: largest.id } });
    const audit = await call(core, 'audit.list', { subjectId: ana.id, limit: 3 });
    expect(audit.map((e) => [e.action, e.fields])).toEqual([
      ['request.attachment_removed', ['attachment']],
      ['request.attached', ['attachment.fileName', 'attachment.contentType', 'attachment.content']],
      ['request.attached', ['attachment.fileName', 'attachment.contentType', 'attachment.content']],
    ]);

    // Closed, the request keeps what it holds.
    await call(core, 'requests.start', { id: r.id });
    await call(core, 'requests.close', { id: r.id, outcome: 'completed' });
    expect(await callError(core, 'requests.removeAttachment', { id: r.id, attachmentId: a.id })).toMatchObject({ detail: { reason: 'request_closed' } });
  });

  it("logs an auditor's read of an attachment in the person's history, and refuses an auditor's work", async () => {
    const { core, ana, add, register } = await vaultOn('2026-03-02');
    await register();
    const r = await add();
    const a = await call(core, 'requests.attach', { id: r.id, fileName: 'letter.txt', contentType: 'text/plain', contentBase64: Buffer.from('please erase me').toString('base64') });
    await call(core, 'staff.add', { name: 'Olga Auditor', role: 'auditor', passphrase: 'auditor passphrase' });
    await call(core, 'vault.lock', {});
    await call(core, 'vault.unlock', { passphrase: 'auditor passphrase' });

    expect(Buffer.from((await call(core, 'requests.attachment', { id: r.id, attachmentId: a.id })).contentBase64, 'base64').toString()).toBe('please erase me');
    const history = await call(core, 'audit.list', { subjectId: ana.id, limit: 10 });
    expect(history.filter((e) => e.action === 'auditor.viewed')).toEqual([expect.objectContaining({ entityType: 'requests.attachment', entityId: a.id, staffName: 'Olga Auditor' })]);

    const refused = { code: 'forbidden', detail: { reason: 'auditor_read_only' } };
    expect(await callError(core, 'requests.taskDone', { id: r.id, task: 1, evidence: 'x' })).toMatchObject(refused);
    expect(await callError(core, 'requests.noticeSent', { id: r.id, task: 2, sentOn: '2026-03-02' })).toMatchObject(refused);
    expect(await callError(core, 'requests.noticeConfirmed', { id: r.id, task: 2, confirmedOn: '2026-03-02' })).toMatchObject(refused);
    expect(await callError(core, 'requests.refreshTasks', { id: r.id })).toMatchObject(refused);
    expect(await callError(core, 'requests.link', { id: r.id, contactId: ana.id })).toMatchObject(refused);
    expect(await callError(core, 'requests.attach', { id: r.id, fileName: 'x.txt', contentType: 'text/plain', contentBase64: 'YQ==' })).toMatchObject(refused);
    expect(await callError(core, 'requests.removeAttachment', { id: r.id, attachmentId: a.id })).toMatchObject(refused);
    expect((await call(core, 'requests.get', { id: r.id })).tasks.every((t) => t.status === 'open')).toBe(true);
  });
});
