import type { Role } from '../../shared/vocabulary';
import type { CalendarDto } from '../../shared/dto/calendar';
import type { SettingsDto, StaffDto, VaultInfoDto } from '../../shared/dto/index';
import type { Input } from '../../shared/api/index';
import { api } from '../api';
import type { Slice } from './types';

export interface SettingsSlice {
  vaultInfo: VaultInfoDto | null;
  settings: SettingsDto | null;
  staff: StaffDto[] | null;
  loadSettingsScreen(): Promise<void>;
  /** Loads the settings once (screens outside Settings need the home country, say). */
  ensureSettings(): Promise<void>;
  saveSettings(patch: Input<'settings.update'>): Promise<void>;
  /** Settings → Organisation: the controller bundles, letters and reports name. */
  saveController(patch: Input<'settings.setController'>): Promise<void>;
  changeMyPassphrase(current: string, next: string): Promise<void>;
  addStaff(name: string, role: Role, passphrase: string): Promise<StaffDto>;
  removeStaff(id: string): Promise<void>;
  resetStaffPassphrase(id: string, passphrase: string): Promise<void>;
  /** The working calendar of the year shown in Settings. */
  calendar: CalendarDto | null;
  loadCalendar(year: number): Promise<void>;
  addClosure(day: string, note: string): Promise<void>;
  workHoliday(day: string): Promise<void>;
  restoreCalendarDay(day: string): Promise<void>;
  /** How the last change of the encryption key ended, for Settings to say. */
  rekeyOutcome: 'switched' | 'cancelled' | null;
  /** Makes the new key and shows it; the vault stays under the old one until `commitRekey`. */
  prepareRekey(): Promise<void>;
  commitRekey(typedKey: string): Promise<void>;
  cancelRekey(): Promise<void>;
  clearRekeyOutcome(): void;
  /** A backup is overdue (or no folder is set): the sidebar marks the Backups item. */
  backupOverdue: boolean;
  /** Asks again (after a section change, after a backup); auditors are never asked: each of their reads is logged. */
  refreshBackupOverdue(): Promise<void>;
  clearSettings(): void;
}

export const createSettingsSlice: Slice<SettingsSlice> = (set, get) => ({
  vaultInfo: null,
  settings: null,
  staff: null,
  calendar: null,
  rekeyOutcome: null,
  backupOverdue: false,

  async refreshBackupOverdue() {
    // Neither an auditor nor a read-only session can make the backup the mark asks for.
    const session = get().status?.session;
    if (session?.staff.role === 'auditor' || session?.readOnly) return set({ backupOverdue: false });
    const overdue = await api.call('backups.list', {}).then(
      (r) => r.overdue,
      () => false,
    );
    set({ backupOverdue: overdue });
  },

  async loadSettingsScreen() {
    const [vaultInfo, settings, staff] = await Promise.all([api.call('vault.info', {}), api.call('settings.get', {}), api.call('staff.list', {})]);
    set({ vaultInfo, settings, staff });
  },

  async ensureSettings() {
    if (!get().settings) set({ settings: await api.call('settings.get', {}) });
  },

  async saveSettings(patch) {
    const settings = await api.call('settings.update', patch);
    set({ settings });
  },

  async saveController(patch) {
    set({ settings: await api.call('settings.setController', patch) });
    void refreshInfo(set);
  },

  async changeMyPassphrase(current, next) {
    await api.call('session.changePassphrase', { current, next });
  },

  async addStaff(name, role, passphrase) {
    const added = await api.call('staff.add', { name, role, passphrase });
    set({ staff: await api.call('staff.list', {}) });
    void refreshInfo(set);
    return added;
  },

  async removeStaff(id) {
    await api.call('staff.remove', { id });
    set({ staff: await api.call('staff.list', {}) });
    void refreshInfo(set);
  },

  async resetStaffPassphrase(id, passphrase) {
    await api.call('staff.resetPassphrase', { id, passphrase });
    void refreshInfo(set);
  },

  async loadCalendar(year) {
    set({ calendar: await api.call('calendar.get', { year }) });
  },

  // Each change answers with the calendar of the changed day's year, which the section then shows.
  async addClosure(day, note) {
    set({ calendar: await api.call('calendar.addClosure', { day, note }) });
    void refreshInfo(set);
  },

  async workHoliday(day) {
    set({ calendar: await api.call('calendar.removeHoliday', { day }) });
    void refreshInfo(set);
  },

  async restoreCalendarDay(day) {
    set({ calendar: await api.call('calendar.restoreDay', { day }) });
    void refreshInfo(set);
  },

  async prepareRekey() {
    const { recoveryKey } = await api.call('vault.rekeyPrepare', {});
    set({ rekeyOutcome: null });
    get().showRecoveryKey(recoveryKey, 'rekeyPending');
  },

  async commitRekey(typedKey) {
    await api.call('vault.rekeyCommit', { recoveryKey: typedKey });
    set({ rekeyOutcome: 'switched' });
    get().acknowledgeRecoveryKey();
    void refreshInfo(set);
  },

  async cancelRekey() {
    await api.call('vault.rekeyCancel', {});
    set({ rekeyOutcome: 'cancelled' });
    get().acknowledgeRecoveryKey();
  },

  clearRekeyOutcome: () => set({ rekeyOutcome: null }),

  clearSettings: () => set({ vaultInfo: null, settings: null, staff: null, calendar: null, rekeyOutcome: null, backupOverdue: false }),
});

/** Counts and the audit head move after every change; a failure here is not worth a message. */
async function refreshInfo(set: (p: Partial<SettingsSlice>) => void): Promise<void> {
  try {
    set({ vaultInfo: await api.call('vault.info', {}) });
  } catch {
    // the next visit to Settings reloads it
  }
}
