import type { StateCreator } from 'zustand';
import type { AuditSlice } from './audit-slice';
import type { FixSlice } from './fix-slice';
import type { RecordsSlice } from './records-slice';
import type { RequestsSlice } from './requests-slice';
import type { RouteSlice } from './route-slice';
import type { SettingsSlice } from './settings-slice';
import type { VaultSlice } from './vault-slice';

export type AppState = VaultSlice & RouteSlice & AuditSlice & SettingsSlice & RecordsSlice & RequestsSlice & FixSlice;

/** A slice sees the whole store (to call another slice's actions) but defines only its part. */
export type Slice<T> = StateCreator<AppState, [], [], T>;
