import type { AuditEventDto, AuditFilterOptionsDto, AuditVerifyDto } from '../../shared/dto/index';
import { api } from '../api';
import type { Slice } from './types';

export const AUDIT_PAGE_SIZE = 50;

/** The audit screen's filters: '' (or null) keeps every event. Days are ISO, as DateField gives them. */
export interface AuditFilter {
  person: { id: string; name: string } | null;
  staffId: string;
  action: string;
  entityType: string;
  from: string;
  to: string;
}

export const emptyAuditFilter: AuditFilter = { person: null, staffId: '', action: '', entityType: '', from: '', to: '' };

export interface AuditData {
  events: AuditEventDto[];
  hasMore: boolean;
  loaded: boolean;
  filter: AuditFilter;
  options: AuditFilterOptionsDto | null;
  verification: AuditVerifyDto | null;
}

export interface AuditSlice {
  audit: AuditData;
  loadAudit(): Promise<void>;
  loadMoreAudit(): Promise<void>;
  /** Changes some filters and reloads the first page for them. */
  setAuditFilter(patch: Partial<AuditFilter>): Promise<void>;
  loadAuditOptions(): Promise<void>;
  verifyAudit(): Promise<void>;
  clearAudit(): void;
}

const emptyAudit: AuditData = { events: [], hasMore: false, loaded: false, filter: emptyAuditFilter, options: null, verification: null };

/** The filters in the contract's terms (shared/api/audit.ts), as audit.list and the export take them. */
export function auditFilterInput(f: AuditFilter) {
  return {
    subjectId: f.person?.id,
    staffId: f.staffId || undefined,
    action: f.action ? [f.action] : undefined,
    entityType: f.entityType || undefined,
    from: f.from || undefined,
    to: f.to || undefined,
  };
}

/** Days typed the wrong way round are not sent: the screen says so instead. */
export const daysInOrder = (f: AuditFilter) => !f.from || !f.to || f.from <= f.to;

export const createAuditSlice: Slice<AuditSlice> = (set, get) => ({
  audit: emptyAudit,

  async loadAudit() {
    const filter = get().audit.filter;
    if (!daysInOrder(filter)) return set((s) => ({ audit: { ...s.audit, events: [], hasMore: false, loaded: true } }));
    const events = await api.call('audit.list', { limit: AUDIT_PAGE_SIZE, ...auditFilterInput(filter) });
    // Filters changed while this page was on its way: the newer load shows its own.
    if (get().audit.filter !== filter) return;
    set((s) => ({ audit: { ...s.audit, events, hasMore: events.length === AUDIT_PAGE_SIZE, loaded: true } }));
  },

  async loadMoreAudit() {
    const { events: shown, filter } = get().audit;
    const oldest = shown.at(-1);
    if (!oldest) return get().loadAudit();
    const older = await api.call('audit.list', { limit: AUDIT_PAGE_SIZE, beforeSeq: oldest.seq, ...auditFilterInput(filter) });
    set((s) => {
      if (s.audit.filter !== filter) return s;
      // A concurrent reload may have replaced the list: append only what is still older.
      const last = s.audit.events.at(-1)?.seq ?? Infinity;
      const events = [...s.audit.events, ...older.filter((e) => e.seq < last)];
      return { audit: { ...s.audit, events, hasMore: older.length === AUDIT_PAGE_SIZE } };
    });
  },

  async setAuditFilter(patch) {
    set((s) => ({ audit: { ...s.audit, filter: { ...s.audit.filter, ...patch }, loaded: false } }));
    await get().loadAudit();
  },

  async loadAuditOptions() {
    const options = await api.call('audit.filterOptions', {});
    set((s) => ({ audit: { ...s.audit, options } }));
  },

  async verifyAudit() {
    set((s) => ({ audit: { ...s.audit, verification: null } }));
    const verification = await api.call('audit.verify', {});
    set((s) => ({ audit: { ...s.audit, verification } }));
  },

  clearAudit: () => set({ audit: emptyAudit }),
});
