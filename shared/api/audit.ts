/** The audit log's part of the API contract: reading it, and verifying its hash chain. */
import { z } from 'zod';
import type { AuditEventDto, AuditVerifyDto } from '../dto/index';
import { empty, id } from './fields';
import { method, returns, type AnyEntry } from './method';

export const auditContract = {
  'audit.list': method({
    access: 'read',
    output: returns<AuditEventDto[]>(),
    subject: (i) => i.subjectId,
    input: z
      .object({
        limit: z.number().int().min(1).max(500).default(100),
        beforeSeq: z.number().int().positive().optional(),
        /** One contact's history (including contacts merged into it). */
        subjectId: id.optional(),
      })
      .strict(),
  }),
  'audit.verify': method({ access: 'read', output: returns<AuditVerifyDto>(), subject: null, input: empty }),
} as const satisfies Record<string, AnyEntry>;
