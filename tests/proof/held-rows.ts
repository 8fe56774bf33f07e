/**
 * The proof rows of the rekey, restore, export, backup, two-writer and disk-full checks (each
 * module's own loop, here given a size and its counts turned into one row). Their `npm test`
 * versions are tests/vault/rekey-crash.test.ts, tests/backup/restore-crash.test.ts,
 * tests/proof/export-kills.test.ts, tests/proof/backup-kills.test.ts,
 * tests/vault/instance-lock-processes.test.ts and tests/proof/disk-full.test.ts.
 */
import { BACKUP_STEPS, runBackupKills } from './backup-kills';
import { runDiskFull } from './disk-full';
import { EXPORT_STEPS, runExportKills } from './export-kills';
import { REKEY_STEPS, rekeyFailures, runRekeyKills } from './rekey-kills';
import { RESTORE_STEPS, restoreFailures, runRestoreKills } from './restore-kills';
import type { ProofCheck } from './table';
import { runTwoWriters } from './two-writers';

/** `size` kills: a share at each named step, the rest at random moments. */
function split(size: number, steps: number): { perStep: number; random: number } {
  const perStep = Math.max(1, Math.floor((size * 0.7) / steps));
  return { perStep, random: Math.max(0, size - perStep * steps) };
}

export const rekeyCrash: ProofCheck = {
  area: 'crash',
  check: 'rekey killed',
  failureMeans: 'no recovery key a person held opened the vault, or the log disagrees with the key the file is under',
  sizes: { full: 220, quick: 28 },
  async run(size) {
    const c = await runRekeyKills({ ...split(size, REKEY_STEPS.length), contacts: 3000 });
    const failures = Object.values(rekeyFailures(c)).reduce((n, k) => n + k, 0);
    return { area: 'crash', check: 'rekey killed', trials: c.kills, failures, detail: c.problems.slice(0, 12) };
  },
};

export const restoreCrash: ProofCheck = {
  area: 'crash',
  check: 'restore killed',
  failureMeans: 'the folder opened as neither vault, failed integrity_check or its audit chain, lost a row, or brought an erased person back',
  sizes: { full: 60, quick: 10 },
  async run(size) {
    const c = await runRestoreKills({ ...split(size, RESTORE_STEPS.length), contacts: 300 });
    return { area: 'crash', check: 'restore killed', trials: c.kills, failures: restoreFailures(c), detail: c.problems.slice(0, 12) };
  },
};

const exportSteps = Object.values(EXPORT_STEPS).reduce((n, steps) => n + steps.length, 0);

export const exportCrash: ProofCheck = {
  area: 'crash',
  check: 'exports, bundles, mailing lists killed',
  failureMeans: 'plaintext left beside a target, a manifest without its data, or the log disagrees with the files delivered',
  sizes: { full: 660, quick: 30 },
  async run(size) {
    const { perStep, random } = split(size, exportSteps);
    const c = await runExportKills({ perStep, random, contacts: 4000, subscribers: 200 });
    const failures = c.plaintextLeftovers + c.orphanManifests + c.auditedButMissing + c.deliveredButUnaudited;
    return {
      area: 'crash',
      check: 'exports, bundles, mailing lists killed',
      trials: c.kills,
      failures,
      detail: [`${c.delivered} delivered, ${c.settledAtUnlock} of them put on record at the next unlock`],
    };
  },
};

export const backupCrash: ProofCheck = {
  area: 'crash',
  check: 'backups killed',
  failureMeans: 'the vault damaged, a half-written backup listed as one, or a backup on record that is not there',
  sizes: { full: 60, quick: 7 },
  async run(size) {
    const c = await runBackupKills({ ...split(size, BACKUP_STEPS.length), contacts: 5000 });
    return {
      area: 'crash',
      check: 'backups killed',
      trials: c.kills,
      failures: c.vaultDamaged + c.listedButBroken + c.auditedButMissing,
      detail: [`${c.listed} runs listed a new backup, ${c.partialsLeft} .partial folders seen (never listed)`, ...c.problems],
    };
  },
};

export const twoWriters: ProofCheck = {
  area: 'two writers',
  check: 'suspended, robbed and killed owners',
  failureMeans: 'a write accepted beside a live owner, or by an owner whose lock was taken; or a damaged vault',
  sizes: { full: 12, quick: 2 },
  async run(size) {
    const timing = { refreshMs: 100, staleMs: 300 };
    const c = await runTwoWriters({ rounds: size, suspendMs: 10 * timing.staleMs, timing });
    return { area: 'two writers', check: 'suspended, robbed and killed owners', trials: c.attempts, failures: c.acceptedBesideOwner + c.corruptions };
  },
};

export const diskFull: ProofCheck = {
  area: 'disk full',
  check: 'writes, imports, exports on a full disk',
  failureMeans: 'a write lost or half-made, a refusal that changed something or was not one readable line, reads or counting stopped',
  sizes: { full: 20, quick: 2 },
  async run(size) {
    const c = await runDiskFull({ rounds: size });
    const failures = c.lostWrites + c.changedOnRefusal + c.unreadableMessages + c.brokenReads + c.uncountedGuesses + c.unverified;
    const where = c.tmpfs ? 'a full tmpfs and SQLite page ceiling' : 'SQLite page ceiling only (this machine cannot mount a tmpfs)';
    return { area: 'disk full', check: 'writes, imports, exports on a full disk', trials: c.trials, failures, detail: [where, ...c.detail] };
  },
};
