import type { AuditEventDto, AuditVerifyDto } from '../../shared/dto/index';
import { api } from '../api';
import type { Slice } from './types';

export const AUDIT_PAGE_SIZE = 50;

export interface AuditData {
  events: AuditEventDto[];
  hasMore: boolean;
  loaded: boolean;
  verification: AuditVerifyDto | null;
}

export interface AuditSlice {
  audit: AuditData;
  loadAudit(): Promise<void>;
  loadMoreAudit(): Promise<void>;
  verifyAudit(): Promise<void>;
  clearAudit(): void;
}

const emptyAudit: AuditData = { events: [], hasMore: false, loaded: false, verification: null };

export const createAuditSlice: Slice<AuditSlice> = (set, get) => ({
  audit: emptyAudit,

  async loadAudit() {
    const events = await api.call('audit.list', { limit: AUDIT_PAGE_SIZE });
    set((s) => ({ audit: { ...s.audit, events, hasMore: events.length === AUDIT_PAGE_SIZE, loaded: true } }));
  },

  async loadMoreAudit() {
    const oldest = get().audit.events.at(-1);
    if (!oldest) return get().loadAudit();
    const older = await api.call('audit.list', { limit: AUDIT_PAGE_SIZE, beforeSeq: oldest.seq });
    set((s) => {
      // A concurrent reload may have replaced the list: append only what is still older.
      const last = s.audit.events.at(-1)?.seq ?? Infinity;
      const events = [...s.audit.events, ...older.filter((e) => e.seq < last)];
      return { audit: { ...s.audit, events, hasMore: older.length === AUDIT_PAGE_SIZE } };
    });
  },

  async verifyAudit() {
    set((s) => ({ audit: { ...s.audit, verification: null } }));
    const verification = await api.call('audit.verify', {});
    set((s) => ({ audit: { ...s.audit, verification } }));
  },

  clearAudit: () => set({ audit: emptyAudit }),
});
