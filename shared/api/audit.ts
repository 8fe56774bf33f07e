/** The audit log's part of the API contract: reading it (filtered), its filter choices, and verifying its hash chain. */
import { z } from 'zod';
import type { AuditEventDto, AuditFilterOptionsDto, AuditVerifyDto } from '../dto/index';
import { empty, id, isoDate, text } from './fields';
import { method, returns, type AnyEntry } from './method';

/** A code of the log (an action or a kind of record): identifiers only, as the appender writes them. */
const code = text().regex(/^[A-Za-z][A-Za-z0-9_.]{0,63}$/, 'Use a code of the audit log, like contact.updated');

/**
 * The log's filters, shared by the screen, the CLI and the audit register export; an absent
 * filter keeps every event. Days are calendar days in the office's time zone, inclusive.
 */
export const auditFilters = {
  /** One contact's history (including contacts merged into it). */
  subjectId: id.optional(),
  staffId: id.optional(),
  /** One action or several. */
  action: z.array(code).min(1).max(100).optional(),
  entityType: code.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
};

export const auditContract = {
  'audit.list': method({
    access: 'read',
    output: returns<AuditEventDto[]>(),
    subject: (i) => i.subjectId,
    input: z
      .object({
        limit: z.number().int().min(1).max(500).default(100),
        beforeSeq: z.number().int().positive().optional(),
        ...auditFilters,
      })
      .strict()
      .refine((i) => !i.from || !i.to || i.from <= i.to, { message: 'The first day comes after the last one', path: ['to'] }),
  }),
  'audit.filterOptions': method({ access: 'read', output: returns<AuditFilterOptionsDto>(), subject: null, input: empty }),
  'audit.verify': method({ access: 'read', output: returns<AuditVerifyDto>(), subject: null, input: empty }),
} as const satisfies Record<string, AnyEntry>;
