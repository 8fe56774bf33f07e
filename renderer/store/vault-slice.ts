import type { RecoveryDto, VaultStatusDto } from '../../shared/dto/index';
import { api, ApiError } from '../api';
import { homeRoute } from '../routes';
import { emptyContactsFilter } from './records-slice';
import type { Slice } from './types';

/** 'rekeyPending': a new key made by a rekey, shown before the vault switches to it. */
export type RecoveryKeyReason = 'created' | 'rekeyPending';

export interface VaultSlice {
  /** Null until the first answer from the core. */
  status: VaultStatusDto | null;
  /** Set when even `vault.status` fails (preview stopped, wrong token). */
  statusError: ApiError | null;
  /** A recovery key waiting for the "I have written it down" step. */
  pendingRecoveryKey: { key: string; reason: RecoveryKeyReason } | null;
  /** Profiles offered after a recovery-key unlock. */
  recoveryProfiles: RecoveryDto['staff'] | null;
  unlockView: 'passphrase' | 'recoveryKey';
  /** The vault locked under a signed-in user (idle, OS lock, Lock button). */
  lockedDuringSession: boolean;

  refreshStatus(): Promise<void>;
  chooseFolder(purpose: 'create' | 'open'): Promise<void>;
  createVault(input: { passphrase: string; staffName: string }): Promise<void>;
  unlock(passphrase: string): Promise<void>;
  /** Signs in to look only: this vault, or the backup copy in `folder`. */
  openReadOnly(passphrase: string, folder?: string): Promise<void>;
  recover(recoveryKey: string): Promise<void>;
  completeRecovery(staffId: string, newPassphrase: string): Promise<void>;
  abandonRecovery(): Promise<void>;
  lock(): Promise<void>;
  /** The core answered `locked` to a signed-in call. */
  sessionEnded(): void;
  showUnlockView(view: VaultSlice['unlockView']): void;
  showRecoveryKey(key: string, reason: RecoveryKeyReason): void;
  acknowledgeRecoveryKey(): void;
}

const SIGNED_IN: ReadonlyArray<VaultStatusDto['state']> = ['unlocked', 'recovering'];

export const createVaultSlice: Slice<VaultSlice> = (set, get) => {
  // Status answers can overtake each other (a poll sent before an unlock may land after
  // it): only the answer to the most recent request is applied.
  let issued = 0;
  let applied = 0;
  // Who was signed in when the vault last locked.
  let lockedBy: string | null = null;

  const applyStatus = (status: VaultStatusDto) => {
    const before = get().status?.state;
    const ended = before !== undefined && SIGNED_IN.includes(before) && !SIGNED_IN.includes(status.state);
    if (ended) {
      get().clearAudit();
      get().clearSettings();
      // A filter set before the lock (an event's participants) must not narrow the next person's list unseen.
      get().setContactsFilter(emptyContactsFilter);
    }
    if (ended) lockedBy = get().status?.session?.staff.id ?? null;
    // Someone else unlocking starts at home, not on the last person's page; the same person carries on where they were.
    const started = before !== undefined && !SIGNED_IN.includes(before) && SIGNED_IN.includes(status.state);
    if (started && status.session?.staff.id !== lockedBy) {
      get().navigate(homeRoute);
      get().openContact(null);
      get().openRequest(null);
    }
    set((s) => ({
      status,
      statusError: null,
      lockedDuringSession: ended ? before === 'unlocked' : status.state === 'locked' && s.lockedDuringSession,
      recoveryProfiles: status.state === 'recovering' ? s.recoveryProfiles : null,
    }));
  };

  const refreshStatus = async () => {
    const n = ++issued;
    try {
      const status = await api.call('vault.status', {});
      if (n < applied) return;
      applied = n;
      applyStatus(status);
    } catch (e) {
      if (n < applied) return;
      applied = n;
      set({ statusError: e instanceof ApiError ? e : new ApiError('internal', String(e)) });
    }
  };

  return {
    status: null,
    statusError: null,
    pendingRecoveryKey: null,
    recoveryProfiles: null,
    unlockView: 'passphrase',
    lockedDuringSession: false,

    refreshStatus,

    async chooseFolder(purpose) {
      const chosen = await api.shell('shell.chooseFolder', { purpose });
      if (!chosen.path) return;
      applyStatus(await api.call('vault.selectFolder', { dir: chosen.path }));
    },

    async createVault({ passphrase, staffName }) {
      const created = await api.call('vault.create', { passphrase, staffName });
      set({ pendingRecoveryKey: { key: created.recoveryKey, reason: 'created' } });
      await refreshStatus();
    },

    async unlock(passphrase) {
      await api.call('vault.unlock', { passphrase });
      set({ lockedDuringSession: false });
      await refreshStatus();
    },

    async openReadOnly(passphrase, folder) {
      await api.call('vault.openReadOnly', { passphrase, ...(folder ? { folder } : {}) });
      set({ lockedDuringSession: false });
      await refreshStatus();
    },

    async recover(recoveryKey) {
      const { staff } = await api.call('vault.recover', { recoveryKey });
      set({ recoveryProfiles: staff, lockedDuringSession: false });
      await refreshStatus();
    },

    async completeRecovery(staffId, newPassphrase) {
      await api.call('vault.completeRecovery', { staffId, newPassphrase });
      set({ recoveryProfiles: null, unlockView: 'passphrase' });
      await refreshStatus();
    },

    async abandonRecovery() {
      set({ recoveryProfiles: null, unlockView: 'recoveryKey' });
      applyStatus(await api.call('vault.lock', {}));
    },

    async lock() {
      applyStatus(await api.call('vault.lock', {}));
      // The user pressed Lock: no need to tell them it happened.
      set({ lockedDuringSession: false });
    },

    sessionEnded() {
      const status = get().status;
      if (status && SIGNED_IN.includes(status.state)) applyStatus({ ...status, state: 'locked', session: null });
      void refreshStatus();
    },

    showUnlockView: (unlockView) => set({ unlockView }),
    showRecoveryKey: (key, reason) => set({ pendingRecoveryKey: { key, reason } }),
    acknowledgeRecoveryKey: () => set({ pendingRecoveryKey: null }),
  };
};
