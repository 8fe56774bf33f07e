/**
 * Child process for the rights-request crash row (tests/proof/crash-writes.ts): unlocks a
 * vault with REGISTRE_PASSPHRASE, first walks every request an earlier, killed child left
 * open to its close, then adds `count` requests and walks each one through its steps
 * (identity asked and received, or started; the one extension; a hold and a resume; the
 * close, completed or refused), one write per call through the shared dispatch. After
 * each write has returned it says `ack <requestId>:<events>`, the number of timeline
 * events the request then has. With PROOF_KILL_AT (`step:n`) it SIGKILLs itself the n-th
 * time a write reaches that step: db/requests/requests.ts's `event-written` and `audited`
 * (inside the transaction), or `returned` (committed, not yet acknowledged), announced here.
 *
 * Usage: node request-child.cjs VAULT_DIR request RUN_TAG COUNT
 */
import { subscribe } from 'node:diagnostics_channel';
import { RegistreCore } from '../../db/core';
import { dispatch } from '../../db/dispatch';
import { reached, STEP_CHANNEL, type StepMessage } from '../../db/steps';
import type { Input, Method } from '../../shared/api/index';
import type { RequestDetailDto, RequestDto, RequestListDto } from '../../shared/dto/requests';
import { addDays } from '../../shared/rules/deadline';
import { localDay } from '../../shared/rules/dates';
import { requestChannels, requestTypes } from '../../shared/vocabulary';
import { REQUEST_TEXT, requesterName } from './writer-data';

function killAt(spec: string | undefined): void {
  if (!spec) return;
  const [step, nth] = spec.split(':');
  let seen = 0;
  subscribe(STEP_CHANNEL, (message) => {
    const m = message as StepMessage;
    if (m.operation === 'request' && m.step === step && ++seen === Number(nth)) process.kill(process.pid, 'SIGKILL');
  });
}

async function call<M extends Method>(core: RegistreCore, method: M, input: Input<M>): Promise<unknown> {
  const r = await dispatch(core, method, input);
  if (!r.ok) throw new Error(`${method} refused: ${r.error.message}`);
  return r.data;
}

/** One write, acknowledged with the request's timeline length once it has returned. */
async function write<M extends Method>(core: RegistreCore, method: M, input: Input<M>, events: number): Promise<RequestDto> {
  const dto = (await call(core, method, input)) as RequestDto;
  reached('request', 'returned');
  process.stdout.write(`ack ${dto.id}:${events}\n`);
  return dto;
}

/** The next step of an open request, chosen from what it is now (so a request a killed child left is taken up the same way). */
async function step(core: RegistreCore, r: RequestDetailDto, day: string): Promise<void> {
  const id = r.id;
  const after = r.events.length + 1;
  if (r.state === 'received') {
    if (r.contact) await write(core, 'requests.awaitIdentity', { id }, after);
    else await write(core, 'requests.start', { id }, after);
  } else if (r.state === 'awaiting_identity') {
    if (r.isTest) await write(core, 'requests.close', { id, outcome: 'refused', refusalReason: 'identity_not_proven', text: 'No proof of identity came.' }, after);
    else await write(core, 'requests.identityReceived', { id, date: day, method: 'document_shown', seen: 'Identity card, last digits' }, after);
  } else if (r.state === 'in_progress') {
    if (!r.extension) await write(core, 'requests.extend', { id, months: r.contact ? 1 : 2, reason: 'Many places to search' }, after);
    else if (!r.contact && !r.events.some((e) => e.kind === 'held')) await write(core, 'requests.hold', { id }, after);
    else await write(core, 'requests.close', { id, outcome: 'completed', text: 'Sent the copy by e-mail.' }, after);
  } else if (r.state === 'on_hold') {
    await write(core, 'requests.resume', { id }, after);
  }
}

async function walk(core: RegistreCore, id: string, day: string): Promise<void> {
  for (;;) {
    const r = (await call(core, 'requests.get', { id })) as RequestDetailDto;
    if (r.nextSteps.length === 0) return;
    await step(core, r, day);
  }
}

async function main(): Promise<void> {
  const [dir, operation, runTag, count] = process.argv.slice(2);
  const passphrase = process.env.REGISTRE_PASSPHRASE;
  if (!dir || operation !== 'request' || !runTag || !count || !passphrase) throw new Error('usage: request-child VAULT_DIR request RUN_TAG COUNT');
  killAt(process.env.PROOF_KILL_AT);
  const core = new RegistreCore({ vaultDir: dir, allowFolderChange: false });
  await call(core, 'vault.unlock', { passphrase });
  const day = localDay(new Date());
  const contacts = ((await call(core, 'contacts.search', { limit: 20 })) as { items: { id: string }[] }).items.map((c) => c.id);
  process.stdout.write('ready\n');
  const open = ((await call(core, 'requests.list', { includeTests: true, limit: 500 })) as RequestListDto).items.filter((r) => r.nextSteps.length > 0);
  for (const r of open) await walk(core, r.id, day);
  for (let n = 0; n < Number(count); n++) {
    const tag = `${runTag}-${n}`;
    // A third linked to a contact, the rest named only; every fourth a test entry; received up to 3 weeks ago.
    const linked = n % 3 === 0;
    const added = await write(
      core,
      'requests.add',
      {
        type: requestTypes[n % requestTypes.length]!,
        channel: requestChannels[n % requestChannels.length]!,
        receivedOn: addDays(day, -((n * 7) % 22)),
        ...(linked && contacts.length ? { contactId: contacts[n % contacts.length]! } : { requesterName: requesterName(tag), requesterEmail: `req-${tag}@proof.test` }),
        requestText: `${REQUEST_TEXT} ${tag}`,
        isTest: n % 4 === 3,
      },
      1,
    );
    await walk(core, added.id, day);
  }
  await core.lock();
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
