/** The one store (DESIGN §8): typed slices combined here, read through the selectors below. */
import { create } from 'zustand';
import { api } from '../api';
import { createAuditSlice } from './audit-slice';
import { createFixSlice } from './fix-slice';
import { createRecordsSlice } from './records-slice';
import { createRequestsSlice } from './requests-slice';
import { createRouteSlice } from './route-slice';
import { createSettingsSlice } from './settings-slice';
import type { AppState } from './types';
import { createVaultSlice } from './vault-slice';

export const useStore = create<AppState>()((...a) => ({
  ...createVaultSlice(...a),
  ...createRouteSlice(...a),
  ...createAuditSlice(...a),
  ...createSettingsSlice(...a),
  ...createRecordsSlice(...a),
  ...createRequestsSlice(...a),
  ...createFixSlice(...a),
}));

api.onLocked(() => useStore.getState().sessionEnded());

export type { AppState };

/** What the window shows, derived from the vault state and the steps still pending. */
export type Phase = 'loading' | 'unreachable' | 'create' | 'unlock' | 'recovering' | 'recoveryKey' | 'app';

export const selectPhase = (s: AppState): Phase => {
  if (!s.status) return s.statusError ? 'unreachable' : 'loading';
  switch (s.status.state) {
    case 'absent':
      return 'create';
    case 'locked':
      return 'unlock';
    case 'recovering':
      return 'recovering';
    case 'unlocked':
      return s.pendingRecoveryKey ? 'recoveryKey' : 'app';
  }
};

export const selectMe = (s: AppState) => s.status?.session?.staff ?? null;
export const selectRole = (s: AppState) => s.status?.session?.staff.role ?? null;
/** What is open read-only (the vault or a backup copy), or null for a normal session. */
export const selectReadOnly = (s: AppState) => s.status?.session?.readOnly ?? null;
/** Administration screens' controls: an administrator's, and never while open read-only (the core refuses them then). */
export const selectIsAdmin = (s: AppState) => selectRole(s) === 'admin' && !selectReadOnly(s);
export const selectCanWrite = (s: AppState) => {
  const r = selectRole(s);
  return (r === 'admin' || r === 'staff') && !selectReadOnly(s);
};
