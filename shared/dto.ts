/** Plain objects that cross the API boundary. Table row types never do. */
import type { Role } from './api';

export interface StaffDto {
  id: string;
  name: string;
  role: Role;
  createdAt: string;
  isSelf: boolean;
}

export interface SessionDto {
  staff: { id: string; name: string; role: Role };
}

export interface VaultStatusDto {
  /** Folder the app points at (not personal data). */
  vaultDir: string;
  exists: boolean;
  state: 'absent' | 'locked' | 'recovering' | 'unlocked';
  session: SessionDto | null;
  /** Seconds to wait before the next unlock attempt is accepted (0 when none). */
  retryAfterSeconds: number;
}

export interface CreatedVaultDto {
  recoveryKey: string;
  session: SessionDto;
}

export interface RecoveryDto {
  staff: Array<{ id: string; name: string; role: Role }>;
}

export interface SettingsDto {
  autoLockMinutes: number;
}

export interface AuditEventDto {
  seq: number;
  at: string;
  staffId: string | null;
  staffName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  fields: string[];
}

export interface AuditVerifyDto {
  intact: boolean;
  events: number;
  headHash: string | null;
  firstBroken: { seq: number; reason: string } | null;
}

export interface VaultInfoDto {
  schemaVersion: string;
  appVersion: string;
  counts: Record<string, number>;
  auditHead: { seq: number; hash: string } | null;
}
